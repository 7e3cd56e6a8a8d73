// The model's rhythm as the case overview and the tab's case details show it (issue 14): network meetings
// in the last twelve months against three, each transition meeting's state, and the 18-year hand-over;
// and the card on which the coordinator records that hand-over.
import { isCoordinator } from '../bot/domain/access';
import type { Case } from '../bot/domain/case';
import type { ClosingAnswers } from '../bot/domain/closing';
import { meetingsRhythm } from '../bot/domain/rhythm';
import { adultHandOverDue, adultHandOverFrom, transitionMilestones, transitionsNeedingAttention } from '../bot/domain/transitions';
import type { Messages } from '../bot/i18n';
import { closingAnswerValues } from './goalCards';
import { memberChoiceTitle, memberName } from './people';
import { type AdaptiveCardJson, renderCard } from './render';
import type { ViewedCase } from './views';

interface Fact {
  title: string;
  value: string;
}

export interface RhythmView {
  title: string;
  facts: Fact[];
  /** Said plainly when fewer than three network meetings were held in the last twelve months, and a transition meeting due or missing; else ''. */
  belowMinimum: string;
  /** Whether the coordinator is offered the hand-over card (due or recorded), and the button's title. */
  handOverShown: boolean;
  handOverAction: string;
}

export function rhythmView(m: Messages, current: Case, now: Date): RhythmView {
  const labels = m.cards.rhythm;
  const { held, minimum, belowMinimum } = meetingsRhythm(current, now);
  const transitions = transitionMilestones(current, now).map((milestone) => ({
    title: labels.meetingKind(milestone.age),
    value: `${m.dates.short(milestone.birthday)}: ${labels.transitionStates[milestone.state]}`,
  }));
  const handOver = handOverFact(m, current, now);
  return {
    title: labels.title,
    facts: [{ title: labels.meetingsLabel, value: labels.meetingsCount(held, minimum) }, ...transitions, ...(handOver ? [handOver] : [])],
    belowMinimum: [
      ...(belowMinimum ? [labels.belowMinimum(held, minimum)] : []),
      ...transitionsNeedingAttention(current, now).map((milestone) => labels.transitionAttention(milestone.age, labels.transitionStates[milestone.state])),
    ].join(' '),
    handOverShown: Boolean(handOver),
    handOverAction: labels.handOverAction,
  };
}

/** Shown once recorded, or while it is due (from 17½); before that nothing. */
function handOverFact(m: Messages, current: Case, now: Date): Fact | undefined {
  const labels = m.cards.rhythm;
  const recorded = current.adultHandOver;
  if (recorded) return { title: labels.handOverLabel, value: labels.handOverRecorded(m.dates.short(recorded.recordedAt), takesOverText(m, current)) };
  return adultHandOverDue(current, now) ? { title: labels.handOverLabel, value: labels.handOverDue(m.dates.short(adultHandOverFrom(current))) } : undefined;
}

function takesOverMember(current: Case) {
  const memberId = current.adultHandOver?.takesOverMemberId;
  return memberId ? current.members.find((candidate) => candidate.id === memberId) : undefined;
}

/** "Jonas Jensen overtager", or that nobody on the team does: the overview's line. */
function takesOverText(m: Messages, current: Case): string {
  const member = takesOverMember(current);
  return member ? m.cards.rhythm.handOverTakesOver(memberName(current, member, m)) : m.cards.rhythm.handOverNobody;
}

/** The name, or "Ingen fra teamet": the hand-over card's fact beside "Overtager". */
function takesOverName(m: Messages, current: Case): string {
  const member = takesOverMember(current);
  return member ? memberName(current, member, m) : m.cards.rhythm.handOverNone;
}

/** The hand-over card's choice of nobody on the team (Adaptive Cards refuses an empty choice value). */
export const NOBODY_TAKES_OVER = 'none';

/** `overdragelse`: what was recorded, and for the coordinator the form to record (or correct) it. */
export function adultHandOverCard(m: Messages, { case: current, viewer }: ViewedCase, notice = ''): AdaptiveCardJson {
  const labels = m.cards.rhythm;
  const recorded = current.adultHandOver;
  return renderCard('adultHandOver', {
    caseId: current.id,
    labels,
    title: labels.handOverTitle(current.reference),
    notice,
    facts: recorded
      ? [
          { title: labels.handOverWhoFact, value: takesOverName(m, current) },
          { title: labels.handOverContinuesFact, value: recorded.continues },
        ]
      : [{ title: labels.handOverLabel, value: labels.handOverNotYet }],
    canRecord: isCoordinator(viewer),
    memberChoices: [
      { title: labels.handOverNone, value: NOBODY_TAKES_OVER },
      ...current.members.filter((member) => member.role !== 'youngPerson').map((member) => ({ title: memberChoiceTitle(current, member, m), value: member.id })),
    ],
    takesOverMemberId: recorded?.takesOverMemberId ?? NOBODY_TAKES_OVER,
    continues: recorded?.continues ?? '',
    submit: recorded ? labels.handOverCorrect : labels.handOverRecord,
  });
}

/**
 * The second step of closing when the next meeting is more than four months after this one: nothing is
 * saved until the coordinator confirms (the confirmation sends the same answers again, confirmed), or goes back
 * to the closing card with the answers still in it.
 */
export function farNextMeetingCard(m: Messages, current: Case, meetingId: string, answers: ClosingAnswers, nextMeetingAt: string, latest: string): AdaptiveCardJson {
  const labels = m.cards.rhythm;
  return renderCard('closeMeetingFarOff', {
    caseId: current.id,
    meetingId,
    labels,
    title: labels.farTitle(current.reference),
    text: labels.far(m.dates.dateTime(nextMeetingAt), m.dates.long(latest)),
    // Every field a string: the template would otherwise keep an absent one's expression.
    input: closingAnswerValues(answers),
  });
}
