// Cards sent to one person (1:1): a list of agreements to act on (`mine`, an owner's new agreements,
// or the coordinator relaying for an owner outside Teams), and the hand-over to whoever keeps an eye on
// the young person until the next meeting.
import { mayAcknowledgeHandOver } from '../bot/domain/access';
import type { Case, TeamMember } from '../bot/domain/case';
import type { Closure } from '../bot/domain/closing';
import type { Agreement } from '../bot/domain/goals';
import { currentVersion } from '../bot/domain/goals';
import type { Meeting } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import type { ViewedCase, WithheldAgreementsView } from './views';
import { fittingList, followUpText, goalText, goalsInThemeOrder, memberLabelById, memberWithRole, nextMeetingText, recommendationText } from './goalCards';
import { type AdaptiveCardJson, renderCard } from './render';
import { addressLine, coordinatorName, memberName, shortName, shortened } from './people';

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
  /** What the line is, in a day's reminders (several kinds in one list): its follow-up is coming up, today, or passed; or it changed. */
  due?: AgreementDue;
  /** To an owner the agreement was taken from: whose it is now. Such a line has no buttons. */
  handedOverTo?: string;
}

/** `todayAfterDayOff`: the owner's day is today because the follow-up date fell on a day off (domain/reminders.ts). */
export type AgreementDue = 'upcoming' | 'today' | 'todayAfterDayOff' | 'passed' | 'changed';

const DUE_COLOR: Record<AgreementDue, string> = { upcoming: 'Default', today: 'Warning', todayAfterDayOff: 'Warning', passed: 'Attention', changed: 'Accent' };

/** The input that holds an agreement's new follow-up date; `agreement.move` names it as `dateInput`. */
export const followUpInputId = (agreementId: string) => `followUpOn_${agreementId}`;

/** Whether the bot can write to this member in Teams (else the coordinator relays: app/messages.ts). */
const reachableInTeams = (member: TeamMember): boolean => member.person.kind === 'teams' && Boolean(member.person.teamsUserId);

/**
 * How a person can be reached: the young person's and external members' own details; Teams users in
 * Teams, saying so when the bot itself cannot write to them (the card then asks someone to pass it on).
 */
function contactOf(m: Messages, current: Case, member: TeamMember): string {
  const labels = m.cards.goals;
  const details = (parts: Array<string | undefined>) => parts.filter(Boolean).join(', ') || labels.noContact;
  switch (member.person.kind) {
    case 'youngPerson':
      return details([current.youngPerson.contact.phone, current.youngPerson.contact.email, addressLine(current.youngPerson.contact)]);
    case 'external':
      return details([member.person.phone, member.person.mainPhone, member.person.email]);
    case 'teams':
      return reachableInTeams(member) ? labels.inTeams : labels.inTeamsNotByBot;
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
 * MAX_AGREEMENTS_ON_CARD are shown, in the order given. `withheld` (for `mine`): agreements in cases
 * whose consent does not let the reader see them, said per case with whom to ask, never listed.
 */
export function agreementsCard(m: Messages, items: AgreementItem[], title: string, intro: string, withheld: WithheldAgreementsView[] = []): AdaptiveCardJson {
  const labels = m.cards.goals;
  const dueLabels = m.cards.reminders.due;
  return fittingList(Math.min(items.length, MAX_AGREEMENTS_ON_CARD), (detail, count) =>
    renderCard('agreements', {
      title,
      intro: [intro, items.length > count ? labels.moreNotShown(items.length - count) : ''].filter(Boolean).join(' '),
      labels,
      withheld: withheld.map(({ case: current, openCount, reason }) => labels.withheldAgreements(openCount, current.reference, reason, coordinatorName(current, m))),
      items: items.slice(0, count).map(({ case: current, agreement, relayContact, due, handedOverTo }) => {
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
          due: due ? dueLabels[due] : '',
          dueColor: due ? DUE_COLOR[due] : 'Default',
          handedOverTo: handedOverTo ?? '',
          open: open && !handedOverTo,
        };
      }),
    }),
  );
}

/** The hand-over's intro: for the eye-keeper, or for someone else (the coordinator) following it up or passing it on. */
function handOverIntro(m: Messages, closure: Closure | undefined, forEyeKeeper: boolean, eyeKeeper: TeamMember | undefined, eyeKeeperName: string): string {
  const labels = m.cards.goals;
  if (!closure) return labels.notClosed;
  if (forEyeKeeper) return labels.handOverIntro;
  if (eyeKeeper && reachableInTeams(eyeKeeper)) return labels.handOverSentTo(eyeKeeperName);
  // Passed on by the coordinator: a Teams user the bot cannot write to, or someone outside Teams.
  return eyeKeeper?.person.kind === 'teams' ? labels.handOverRelayIntroNotByBot(eyeKeeperName) : labels.handOverRelayIntro(eyeKeeperName);
}

/**
 * The hand-over (1:1) to whoever keeps an eye on the young person until the next meeting: the young
 * person and how to reach them, the VIP, the acute contact, the plan, every open agreement and the
 * next meeting. The eye-keeper acknowledges it; the coordinator may record it for them (relaying for an
 * eye-keeper the bot cannot reach), so the button and the acknowledgement then name the eye-keeper,
 * never "I". Once acknowledged it says when, without the button.
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
      intro: handOverIntro(m, closure, forEyeKeeper, eyeKeeper, eyeKeeperName),
      acknowledged: !acknowledgedAt ? '' : forEyeKeeper ? labels.acknowledged(m.dates.dateTime(acknowledgedAt)) : labels.acknowledgedFor(eyeKeeperName, m.dates.dateTime(acknowledgedAt)),
      acknowledgeLabel: forEyeKeeper ? labels.acknowledge : labels.acknowledgeFor(eyeKeeper ? shortName(current, eyeKeeper, m) : labels.formerMember),
      people: people(detail.shortNames),
      plan: goalsInThemeOrder(current).map((goal) => ({ title: labels.themes[goal.theme], value: shortened(currentVersion(goal).longTermGoal, detail.text) })),
      agreements: open.slice(0, count).map((agreement) => ({ action: shortened(agreement.action, detail.text), recommendation: recommendationText(m, agreement), details: labels.openAgreementLine(memberLabelById(m, current, agreement.ownerMemberId, detail.shortNames), m.dates.short(agreement.followUpOn)) })),
      moreAgreements: open.length > count ? labels.openNotShown(open.length - count) : '',
      // After approval, once.
      canAcknowledge: Boolean(closure?.approval && !acknowledgedAt && mayAcknowledgeHandOver(closure, viewer)),
    }),
  );
}
