// What the tab's API answers: the cases at a glance, shaped from what the reads allowed. A coordinator's
// case shows what needs their attention; a member's case its next meeting; a case no valid consent lets
// the viewer see only its reference, its coordinator and why; agreements are the viewer's own.
import type { TabOverview } from '../app/tabOverview';
import { isCoordinator } from '../domain/access';
import type { Case } from '../domain/case';
import { currentClosure } from '../domain/closing';
import { type ConsentGap, consentExpiringSoon, currentConsent, isConsentValid } from '../domain/consent';
import { meetingsRhythm } from '../domain/rhythm';
import { localDate } from '../domain/fields';
import { openAgreementCounts } from '../domain/goals';
import { meetingNumber, nextMeetingOf } from '../domain/meeting';
import type { TeamRole } from '../domain/roles';
import type { Messages } from '../i18n';
import { coordinatorName, memberName } from '../../cards/people';
import { radarLine } from '../../cards/radarCard';
import { radarOf } from '../domain/radar';

interface MeetingView {
  startsAt: string;
  /** Given once the meeting is opened. */
  number?: number;
  open: boolean;
}

interface CoordinatorCase {
  caseId: string;
  reference: string;
  youngPersonName: string;
  nextMeeting?: MeetingView;
  agreements: { open: number; overdue: number };
  /** Who keeps an eye on the young person since the latest approved meeting, and whether they acknowledged it. */
  eyeKeeper?: { name: string; acknowledged: boolean };
  consent: { valid: boolean; expiresOn?: string; expiringSoon: boolean };
  /** Network meetings held in the twelve months up to now against the model's three (domain/rhythm.ts). */
  meetingsLastYear: { held: number; target: number };
}

interface MemberCase {
  caseId: string;
  reference: string;
  role: TeamRole;
  coordinatorName: string;
  youngPersonName: string;
  nextMeeting?: MeetingView;
}

interface WithheldCase {
  caseId: string;
  reference: string;
  coordinatorName: string;
  reason: ConsentGap;
}

interface AgreementView {
  caseId: string;
  reference: string;
  action: string;
  followUpOn: string;
  overdue: boolean;
}

/** A coordinator's case on the radar: what needs attention, most urgent first, in the reader's words. */
interface RadarView {
  caseId: string;
  reference: string;
  lines: string[];
}

export interface TabView {
  coordinatorCases: CoordinatorCase[];
  /** The coordinator's cases that need attention, most urgent first (domain/radar.ts): as `radar` and the Monday message. */
  radar: RadarView[];
  memberCases: MemberCase[];
  withheldCases: WithheldCase[];
  agreements: AgreementView[];
  withheldAgreements: Array<{ reference: string; openCount: number; reason: ConsentGap }>;
  /** The page then shows the leader's view, from GET /api/tab/statistics. */
  leader: boolean;
}

export function tabView(overview: TabOverview, m: Messages, now: Date): TabView {
  const today = localDate(now);
  const byReference = <T extends { reference: string }>(items: T[]) => items.sort((a, b) => a.reference.localeCompare(b.reference));
  return {
    coordinatorCases: byReference(overview.cases.filter(({ viewer }) => isCoordinator(viewer)).map(({ case: current }) => coordinatorCase(current, m, now))),
    radar: radarOf(
      overview.cases.filter(({ viewer }) => isCoordinator(viewer)).map(({ case: current }) => current),
      now,
    ).map(({ caseId, reference, items }) => ({ caseId, reference, lines: items.map((item) => radarLine(m, item)) })),
    memberCases: byReference(
      overview.cases
        .filter(({ viewer }) => !isCoordinator(viewer))
        .map(({ case: current, viewer }) => ({
          caseId: current.id,
          reference: current.reference,
          role: viewer.role,
          coordinatorName: coordinatorName(current, m),
          youngPersonName: current.youngPerson.name,
          ...nextMeeting(current),
        })),
    ),
    withheldCases: byReference(
      overview.withheld.map(({ case: current, reason }) => ({ caseId: current.id, reference: current.reference, coordinatorName: coordinatorName(current, m), reason })),
    ),
    agreements: overview.agreements.agreements.map(({ case: current, agreement }) => ({
      caseId: current.id,
      reference: current.reference,
      action: agreement.action,
      followUpOn: agreement.followUpOn,
      overdue: agreement.followUpOn < today,
    })),
    withheldAgreements: overview.agreements.withheld.map(({ case: current, openCount, reason }) => ({ reference: current.reference, openCount, reason })),
    leader: overview.leader,
  };
}

function coordinatorCase(current: Case, m: Messages, now: Date): CoordinatorCase {
  const rhythm = meetingsRhythm(current, now);
  const today = localDate(now);
  const consent = currentConsent(current);
  const valid = isConsentValid(consent, now);
  const closure = currentClosure(current);
  const eyeKeeper = closure && current.members.find((member) => member.id === closure.eyeKeeperMemberId);
  return {
    caseId: current.id,
    reference: current.reference,
    youngPersonName: current.youngPerson.name,
    ...nextMeeting(current),
    agreements: openAgreementCounts(current, today),
    ...(eyeKeeper ? { eyeKeeper: { name: memberName(current, eyeKeeper, m), acknowledged: Boolean(closure.handOverAcknowledgedAt) } } : {}),
    consent: valid ? { valid, expiresOn: consent.expiresOn, expiringSoon: consentExpiringSoon(current, now) !== undefined } : { valid, expiringSoon: false },
    meetingsLastYear: { held: rhythm.held, target: rhythm.minimum },
  };
}

function nextMeeting(current: Case): { nextMeeting?: MeetingView } {
  const next = nextMeetingOf(current);
  if (!next) return {};
  const number = meetingNumber(next);
  return { nextMeeting: { startsAt: next.startsAt, ...(number === undefined ? {} : { number }), open: next.status === 'open' } };
}
