// The case cards: creating one, the overview, the 1:1 case picker (the channel's: channelCards.ts),
// and which card shows each view of a case.
import { isCoordinator, mayBeToldWho5Signal } from '../bot/domain/access';
import { type Case, EDUCATION_STATUSES, type TeamMember } from '../bot/domain/case';
import { activeInterventions } from '../bot/domain/interventions';
import { currentClosure } from '../bot/domain/closing';
import { consentExpiredOn, consentExpiringSoon, currentConsent, isConsentValid } from '../bot/domain/consent';
import { ageOn, localDate } from '../bot/domain/fields';
import { openAgreementCounts } from '../bot/domain/goals';
import { closingMeetingOf, isInternalMeeting, latestStatus, meetingNumber, nextMeetingOf } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import { DomainError } from '../bot/domain/errors';
import type { DetailView, PickerCase, ViewedCase } from './views';
import { type AdaptiveCardJson, renderCard } from './render';
import { addressLine, coordinatorName, memberName, roleName, shortened } from './people';
import { firstFitting, halvings } from './budget';
import { consentCard } from './consentCard';
import { approvalCard, closeMeetingCard, goalsFormCard } from './goalCards';
import { closeInternalCard } from './meetingCards';
import { type RosterPerson, teamCard } from './teamCards';
import { pageOf } from './paging';
import { teamStatusCard } from './teamStatusCards';
import { networkMapCard } from './networkMapCards';
import { networkOverviewCard } from './networkOverviewCards';
import { interventionsCard } from './interventionCards';
import { latestWho5Line, measuresCard } from './measureCards';
import type { ReadinessIndicatorSet } from '../bot/domain/readinessIndicators';
import { DEFAULT_READINESS_INDICATORS } from '../bot/readinessIndicators';
import { adultHandOverCard, rhythmView } from './rhythmCards';
import type { Period } from '../bot/domain/statistics/period';
import type { Unit } from '../bot/domain/organisation';
import { type ReadinessSetOf, progressTimeLine } from '../bot/domain/progress';
import { chartLineData, trendPicture } from './trendChart';

/** `units`: the tenant's units to choose the case's among, when it has several (none: nothing to choose). */
export function createCaseCard(m: Messages, units: readonly Unit[] = []): AdaptiveCardJson {
  return renderCard('createCase', {
    labels: m.cards.createCase,
    statusChoices: EDUCATION_STATUSES.map((status) => ({ title: m.statuses[status], value: status })),
    unitChoices: units.map((unit) => ({ title: unit.name, value: unit.id })),
  });
}

/**
 * `unitName`: the case's unit, shown when the tenant has several units (else ''). `readinessSets`: the
 * indicator sets readiness is recorded with (none known: readiness records are left out, and counted).
 */
export function overviewCard(m: Messages, { case: current, viewer }: ViewedCase, now: Date, unitName = '', readinessSets: ReadinessSetOf = () => undefined): AdaptiveCardJson {
  const labels = m.cards.overview;
  const consent = currentConsent(current);
  const { youngPerson } = current;
  const members = current.members.map((member) => ({ title: roleName(member, m), value: memberName(current, member, m) }));
  const next = nextMeetingOf(current);
  const { open, overdue } = openAgreementCounts(current, localDate(now));
  const closure = currentClosure(current);
  const eyeKeeper = closure && current.members.find((member) => member.id === closure.eyeKeeperMemberId);
  const latest = latestStatus(current);
  const trendOf = (days: number) => overviewTrend(m, current, viewer, readinessSets, days);
  // The whole team and the trend's latest days as far as they fit: first fewer days (the tab has them
  // all), then as many members as fit; the rest are counted, the team card has them.
  const layouts = [
    ...halvings(TREND_CARD_DAYS, TREND_CARD_LEAST_DAYS).map((days) => ({ count: members.length, days })),
    ...halvings(members.length).slice(1).map((count) => ({ count, days: TREND_CARD_LEAST_DAYS })),
  ];
  return firstFitting(layouts, ({ count, days }) =>
    renderCard('overview', {
      caseId: current.id,
      isCoordinator: isCoordinator(viewer),
      labels: { ...labels, title: labels.title(current.reference) },
      youngPerson: {
        name: youngPerson.name,
        birthDate: labels.birthDateWithAge(m.dates.short(youngPerson.birthDate), ageOn(youngPerson.birthDate, localDate(now))),
        contact: [youngPerson.contact.phone, youngPerson.contact.email, addressLine(youngPerson.contact)].filter(Boolean).join(', ') || '-',
        status: m.statuses[youngPerson.statusAtStart],
        statusNow: latest.meetingNumber === undefined ? m.statuses[latest.status] : labels.statusAtMeeting(m.statuses[latest.status], latest.meetingNumber),
      },
      nextMeeting: next ? labels.meetingAt(meetingNumber(next), m.dates.shortDateTime(next.startsAt), next.status === 'open') : labels.notPlanned,
      agreements: labels.agreementCounts(open, overdue),
      eyeKeeper: !eyeKeeper
        ? labels.noEyeKeeper
        : (closure.handOverAcknowledgedAt ? labels.eyeKeeperAcknowledged : labels.eyeKeeperNotAcknowledged)(memberName(current, eyeKeeper, m)),
      coordinator: coordinatorName(current, m),
      consent: isConsentValid(consent, now) ? consentValidText(m, current, consent.expiresOn, now) : consentMissingText(m, current, now),
      members: members.slice(0, count),
      membersMore: count < members.length ? labels.membersMore(count, members.length) : '',
      unit: unitName,
      interventions: activeInterventionsLine(m, current),
      trend: trendOf(days),
      measuresLabel: m.cards.measures.overviewLabel,
      latestWho5: latestWho5Line(m, current),
      // The model's rhythm (issue 14).
      rhythm: rhythmView(m, current, now),
    }),
  );
}

/**
 * The overview's trend: the latest days with a measure or a network meeting (16: about ten months at the
 * model's rhythm), at least 4 when the card is full of long texts.
 */
const TREND_CARD_DAYS = 16;
const TREND_CARD_LEAST_DAYS = 4;

function overviewTrend(m: Messages, current: Case, viewer: TeamMember, readinessSets: ReadinessSetOf, days: number) {
  const picture = trendPicture(m, progressTimeLine(current, readinessSets, days), mayBeToldWho5Signal(current, viewer));
  const facts = picture.rows.map((row) => ({ title: row.date, value: [...row.measures, row.meeting].filter(Boolean).join('; ') }));
  return {
    heading: picture.heading,
    signal: picture.signal ?? '',
    chart: picture.series.length > 0 ? { title: picture.title, xAxisTitle: picture.xAxis, yAxisTitle: picture.yAxis, data: chartLineData(picture) } : undefined,
    facts,
    showTable: m.cards.trend.showTable,
    none: facts.length === 0 ? picture.none : '',
    atStart: picture.atStart,
    notes: picture.notes.join(' '),
  };
}

/** Valid consent; within 30 days of expiry the overview counts the days (issue 14). */
function consentValidText(m: Messages, current: Case, expiresOn: string, now: Date): string {
  const soon = consentExpiringSoon(current, now);
  return soon ? m.cards.rhythm.consentExpiringSoon(m.dates.short(expiresOn), soon.daysLeft) : m.cards.overview.consentValid(m.dates.short(expiresOn));
}

/** Without valid consent; when that is because it expired, the overview says when (issue 14). */
function consentMissingText(m: Messages, current: Case, now: Date): string {
  const expiredOn = consentExpiredOn(current, now);
  return expiredOn ? m.cards.rhythm.consentExpiredOn(m.dates.short(expiredOn)) : m.cards.overview.consentMissing;
}

/** On the overview, at most this many active interventions are named (shortened); the rest are counted. */
const ACTIVE_NAMED = { count: 3, length: 40 } as const;

function activeInterventionsLine(m: Messages, current: Case): string {
  const active = activeInterventions(current);
  const named = active.slice(0, ACTIVE_NAMED.count).map((intervention) => shortened(intervention.what, ACTIVE_NAMED.length));
  return m.cards.overview.activeInterventions(named, active.length - named.length);
}

/** Cases on one page of the 1:1 picker. */
export const PICKER_PAGE_SIZE = 20;

/**
 * The 1:1 picker: the user's open cases by reference, a page at a time (`case.pick` turns the page).
 * Closed cases are left out and the card says how to reach one.
 */
export function casePickerCard(m: Messages, openCases: PickerCase[], page = 0, closedLeftOut = false): AdaptiveCardJson {
  const cases = pageOf(m, [...openCases].sort((a, b) => a.reference.localeCompare(b.reference) || a.caseId.localeCompare(b.caseId)), page, PICKER_PAGE_SIZE);
  return renderCard('casePicker', {
    labels: m.cards.picker,
    cases: cases.items.map(({ caseId, reference }) => ({ caseId, reference })),
    pages: cases,
    closedLeftOut: closedLeftOut ? m.cards.picker.closedLeftOut : '',
  });
}

export interface CaseViewOptions {
  /** A confirmation shown on the card, after a change. */
  notice?: string;
  /** The team card's page (of `pageSize` members) and its page of `roster`, the people in the conversation the coordinator can add. */
  page?: number;
  pageSize?: number;
  rosterPage?: number;
  roster?: RosterPerson[];
  /** The team status's half-year; none, the latest. */
  period?: Period;
  /** The network map picture's one-time link. */
  pictureUrl?: string;
  /** The overview's line of the case's unit, when the tenant has several units. */
  unitName?: string;
  /** The indicator sets readiness (BIP) is recorded with, for the overview's trend. */
  readinessSets?: ReadinessSetOf;
  /** The readiness (BIP) indicator set in use; absent: the default set. */
  indicators?: ReadinessIndicatorSet;
}

/** The card of one view of a case, for the reader the read names. */
export function caseViewCard(m: Messages, read: ViewedCase, view: DetailView, now: Date, options: CaseViewOptions = {}): AdaptiveCardJson {
  const { notice = '' } = options;
  switch (view) {
    case 'overview':
      return overviewCard(m, read, now, options.unitName, options.readinessSets);
    case 'consent':
      return consentCard(m, read, now, notice);
    case 'team':
      return teamCard(m, read, options.roster ?? [], notice, options.page, options.pageSize, options.rosterPage);
    case 'goals':
      return goalsFormCard(m, read, notice);
    case 'closing':
      return closingCard(m, read, now);
    case 'teamStatus':
      return teamStatusCard(m, read, now, options.period);
    case 'network':
      return networkMapCard(m, read, { notice, ...(options.pictureUrl ? { pictureUrl: options.pictureUrl } : {}) });
    case 'networkOverview':
      return networkOverviewCard(m, read, { notice, page: options.page, pageSize: options.pageSize });
    case 'interventions':
      return interventionsCard(m, read, notice);
    case 'measures':
      return measuresCard(m, read, now, options.indicators ?? DEFAULT_READINESS_INDICATORS, notice);
    case 'adultHandOver':
      return adultHandOverCard(m, read, notice);
  }
}

/** `afslut`: the open meeting's closing questions (an internal meeting's confirmation), else the approval of the last closed network meeting. */
function closingCard(m: Messages, read: ViewedCase, now: Date): AdaptiveCardJson {
  const meeting = closingMeetingOf(read.case);
  if (!meeting) throw new DomainError('noMeetingToClose');
  if (meeting.status !== 'open') return approvalCard(m, read, meeting, now);
  return isInternalMeeting(meeting) ? closeInternalCard(m, read.case, meeting) : closeMeetingCard(m, read, meeting, now);
}
