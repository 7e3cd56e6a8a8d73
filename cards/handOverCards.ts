// Cards sent to one person (1:1): a list of agreements to act on (`mine`, an owner's new agreements,
// or the coordinator relaying for an owner outside Teams), and the hand-over to whoever keeps an eye on
// the young person until the next meeting.
import { mayAcknowledgeHandOver } from '../bot/domain/access';
import type { Case, TeamMember } from '../bot/domain/case';
import type { Agreement } from '../bot/domain/goals';
import { currentVersion } from '../bot/domain/goals';
import type { Meeting } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { fittingList, followUpText, goalText, goalsInThemeOrder, memberLabelById, memberWithRole, nextMeetingText, recommendationText } from './goalCards';
import { formatMeetingTime } from './meetingCards';
import { type AdaptiveCardJson, renderCard } from './render';
import { memberName, shortName, shortened } from './people';

/** A card holds at most this many agreements, so that it stays within Teams' 28 KB; the rest are counted. */
export const MAX_AGREEMENTS_ON_CARD = 12;
/** The goal an agreement serves is shown cut to this length (or less on a long list); the form shows it whole. */
const GOAL_PREVIEW = 160;

export interface AgreementItem {
  case: Case;
  agreement: Agreement;
  /**
   * Whom to reach for this agreement, when the card goes to someone who passes it on (the coordinator
   * relaying for an owner outside Teams): see `relayContactFor`. Shown under the agreement.
   */
  relayContact?: string;
}

/** The input that holds an agreement's new follow-up date; `agreement.move` names it as `dateInput`. */
export const followUpInputId = (agreementId: string) => `followUpOn_${agreementId}`;

/** How a person can be reached: the young person's and external members' own details; Teams users in Teams. */
function contactOf(m: Messages, current: Case, member: TeamMember): string {
  const labels = m.cards.goals;
  const details = (parts: Array<string | undefined>) => parts.filter(Boolean).join(', ') || labels.noContact;
  switch (member.person.kind) {
    case 'youngPerson':
      return details([current.youngPerson.contact.phone, current.youngPerson.contact.email, current.youngPerson.contact.address]);
    case 'external':
      return details([member.person.phone, member.person.email]);
    case 'teams':
      return labels.inTeams;
  }
}

/** "Ring eller skriv til <name>, <role>: <phone, e-mail>", for `AgreementItem.relayContact`. */
export function relayContactFor(m: Messages, current: Case, member: TeamMember): string {
  return m.cards.goals.relayCall(`${memberWithRole(m, current, member)}: ${contactOf(m, current, member)}`);
}

/**
 * A list of agreements, each with "Udført", "Ny dato" and "Brug for hjælp". The items may come from
 * several cases; each action names its own case. `title` and `intro` say what the list is (see
 * `m.cards.goals.mineTitle`, `assignedTitle`, `relayTitle` and their intros). At most
 * MAX_AGREEMENTS_ON_CARD are shown, in the order given.
 */
export function agreementsCard(m: Messages, items: AgreementItem[], title: string, intro: string): AdaptiveCardJson {
  const labels = m.cards.goals;
  return fittingList(Math.min(items.length, MAX_AGREEMENTS_ON_CARD), (detail, count) =>
    renderCard('agreements', {
      title,
      intro: [intro, items.length > count ? labels.moreNotShown(items.length - count) : ''].filter(Boolean).join(' '),
      labels,
      items: items.slice(0, count).map(({ case: current, agreement, relayContact }) => {
        const goal = current.goals.find((candidate) => candidate.id === agreement.goalId);
        const open = agreement.status === 'open';
        const followUp = followUpText(m, agreement, detail.method);
        return {
          caseId: current.id,
          agreementId: agreement.id,
          dateInput: followUpInputId(agreement.id),
          heading: `${labels.case} ${current.reference} · ${current.youngPerson.name}`,
          goal: goal ? shortened(goalText(m, goal), Math.min(GOAL_PREVIEW, detail.text)) : '',
          action: shortened(agreement.action, detail.text),
          recommendation: recommendationText(m, agreement),
          followUp: open ? followUp : `${followUp} · ${labels.agreementStatus.done}`,
          followUpOn: agreement.followUpOn,
          followUpColor: open ? 'Default' : 'Good',
          relayContact: relayContact ?? '',
          open,
        };
      }),
    }),
  );
}

/**
 * The hand-over (1:1) to whoever keeps an eye on the young person until the next meeting: the young
 * person and how to reach them, the VIP, the acute contact, the plan, every open agreement and the
 * next meeting. The eye-keeper (or the coordinator, who relays for an eye-keeper outside Teams)
 * acknowledges it; once acknowledged it says when, without the button.
 */
export function handOverCard(m: Messages, read: ViewedCase, meeting: Meeting): AdaptiveCardJson {
  const { case: current, viewer } = read;
  const labels = m.cards.goals;
  const closure = meeting.closure;
  const member = (memberId: string | undefined) => current.members.find((candidate) => candidate.id === memberId);
  const eyeKeeper = member(closure?.eyeKeeperMemberId);
  const acute = member(closure?.acuteContactMemberId);
  const forEyeKeeper = !eyeKeeper || eyeKeeper.id === viewer.id;
  const eyeKeeperName = eyeKeeper ? memberName(current, eyeKeeper, m) : labels.formerMember;
  const reachableInTeams = eyeKeeper?.person.kind === 'teams' && Boolean(eyeKeeper.person.teamsUserId);
  const youngPerson = current.members.find((candidate) => candidate.role === 'youngPerson');
  const people = (short: boolean) => [
    { title: labels.youngPerson, value: current.youngPerson.name },
    { title: labels.contact, value: youngPerson ? contactOf(m, current, youngPerson) : labels.noContact },
    ...current.members.filter((candidate) => candidate.role === 'vip').map((vip) => ({ title: labels.vip, value: `${(short ? shortName : memberName)(current, vip, m)}: ${contactOf(m, current, vip)}` })),
    ...(forEyeKeeper ? [] : [{ title: labels.eyeKeeperFact, value: eyeKeeper ? `${memberWithRole(m, current, eyeKeeper, short)}: ${contactOf(m, current, eyeKeeper)}` : labels.formerMember }]),
    { title: labels.acuteContactFact, value: acute ? `${memberWithRole(m, current, acute, short)}: ${contactOf(m, current, acute)}` : labels.noAnswer },
    { title: labels.nextMeetingFact, value: closure ? nextMeetingText(m, current, closure) : labels.notPlanned },
  ];
  const acknowledgedAt = closure?.handOverAcknowledgedAt;
  // The soonest follow-ups; the rest are counted (the form has them all).
  const open = current.agreements.filter((agreement) => agreement.status === 'open').sort((a, b) => a.followUpOn.localeCompare(b.followUpOn));
  return fittingList(Math.min(open.length, MAX_AGREEMENTS_ON_CARD), (detail, count) =>
    renderCard('handOver', {
      caseId: current.id,
      meetingId: meeting.id,
      labels,
      title: forEyeKeeper ? labels.handOverTitle(current.reference) : labels.handOverOtherTitle(current.reference, eyeKeeperName),
      intro: !closure ? labels.notClosed : forEyeKeeper ? labels.handOverIntro : reachableInTeams ? labels.handOverSentTo(eyeKeeperName) : labels.handOverRelayIntro(eyeKeeperName),
      acknowledged: acknowledgedAt ? labels.acknowledged(formatMeetingTime(acknowledgedAt)) : '',
      people: people(detail.shortNames),
      plan: goalsInThemeOrder(current).map((goal) => ({ title: labels.themes[goal.theme], value: shortened(currentVersion(goal).longTermGoal, detail.text) })),
      agreements: open.slice(0, count).map((agreement) => ({ action: shortened(agreement.action, detail.text), recommendation: recommendationText(m, agreement), details: labels.openAgreementLine(memberLabelById(m, current, agreement.ownerMemberId, detail.shortNames), agreement.followUpOn) })),
      moreAgreements: open.length > count ? labels.openNotShown(open.length - count) : '',
      // After approval, once.
      canAcknowledge: Boolean(closure?.approval && !acknowledgedAt && mayAcknowledgeHandOver(closure, viewer)),
    }),
  );
}
