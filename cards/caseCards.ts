// The case cards: creating one, the overview, and the 1:1 case picker (the channel's: channelCards.ts).
import { EDUCATION_STATUSES } from '../bot/domain/case';
import { currentClosure } from '../bot/domain/closing';
import { currentConsent, isConsentValid } from '../bot/domain/consent';
import { localDate } from '../bot/domain/fields';
import { openAgreementCounts } from '../bot/domain/goals';
import { latestStatus, meetingNumber, nextMeetingOf } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import type { CaseRead } from '../bot/app/readCase';
import type { CaseSummary } from '../bot/store/port';
import { type AdaptiveCardJson, renderCard } from './render';
import { coordinatorName, memberName, roleName } from './people';
import { firstFitting, halvings } from './budget';
import { formatMeetingTime } from './meetingCards';
import { pageOf } from './paging';

export function createCaseCard(m: Messages): AdaptiveCardJson {
  return renderCard('createCase', {
    labels: m.cards.createCase,
    statusChoices: EDUCATION_STATUSES.map((status) => ({ title: m.statuses[status], value: status })),
  });
}

export function overviewCard(m: Messages, { case: current, viewer }: CaseRead, now: Date): AdaptiveCardJson {
  const labels = m.cards.overview;
  const consent = currentConsent(current);
  const { youngPerson } = current;
  const members = current.members.map((member) => ({ title: roleName(member, m), value: memberName(current, member, m) }));
  const next = nextMeetingOf(current);
  const { open, overdue } = openAgreementCounts(current, localDate(now));
  const closure = currentClosure(current);
  const eyeKeeper = closure && current.members.find((member) => member.id === closure.eyeKeeperMemberId);
  const latest = latestStatus(current);
  // As many members as fit (all, unless their texts are extreme); the rest are counted, the team card has them.
  return firstFitting(halvings(members.length), (count) =>
    renderCard('overview', {
      caseId: current.id,
      isCoordinator: viewer.role === 'coordinator',
      labels: { ...labels, title: labels.title(current.reference) },
      youngPerson: {
        name: youngPerson.name,
        birthDate: youngPerson.birthDate,
        contact: [youngPerson.contact.phone, youngPerson.contact.email, youngPerson.contact.address].filter(Boolean).join(', ') || '-',
        status: m.statuses[youngPerson.statusAtStart],
        statusNow: latest.meetingNumber === undefined ? m.statuses[latest.status] : labels.statusAtMeeting(m.statuses[latest.status], latest.meetingNumber),
      },
      nextMeeting: next ? labels.meetingAt(meetingNumber(next), formatMeetingTime(next.startsAt), next.status === 'open') : labels.notPlanned,
      agreements: labels.agreementCounts(open, overdue),
      eyeKeeper: !eyeKeeper
        ? labels.noEyeKeeper
        : (closure.handOverAcknowledgedAt ? labels.eyeKeeperAcknowledged : labels.eyeKeeperNotAcknowledged)(memberName(current, eyeKeeper, m)),
      coordinator: coordinatorName(current, m),
      consent: isConsentValid(consent, now) ? labels.consentValid(consent.expiresOn) : labels.consentMissing,
      members: members.slice(0, count),
      membersMore: count < members.length ? labels.membersMore(count, members.length) : '',
    }),
  );
}

/** Cases on one page of the 1:1 picker. */
export const PICKER_PAGE_SIZE = 20;

/**
 * The 1:1 picker: the user's open cases by reference, a page at a time (`case.pick` turns the page).
 * Closed cases are left out and the card says how to reach one.
 */
export function casePickerCard(m: Messages, openCases: CaseSummary[], page = 0, closedLeftOut = false): AdaptiveCardJson {
  const cases = pageOf(m, [...openCases].sort((a, b) => a.reference.localeCompare(b.reference) || a.caseId.localeCompare(b.caseId)), page, PICKER_PAGE_SIZE);
  return renderCard('casePicker', {
    labels: m.cards.picker,
    cases: cases.items.map(({ caseId, reference }) => ({ caseId, reference })),
    pages: cases,
    closedLeftOut: closedLeftOut ? m.cards.picker.closedLeftOut : '',
  });
}
