// The reminder to give the young person feedback after a meeting ("senest to dage efter mødet", seed 001),
// with the button that records it given: for the feedback giver "Tilbagemelding er givet"; for the
// coordinator relaying for someone else, the button names them, never "I". Once recorded, it says when.
import type { Case, TeamMember } from '../bot/domain/case';
import { mayRecordFeedback } from '../bot/domain/access';
import type { Meeting } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import { memberName, shortName } from './people';
import { type AdaptiveCardJson, renderCard } from './render';

/** `overdue`: the two days have passed; until then the reminder is a reminder, not an alarm. */
export function feedbackCard(m: Messages, current: Case, meeting: Meeting, viewer: TeamMember | undefined, title: string, text: string, overdue = false): AdaptiveCardJson {
  const labels = m.cards.reminders;
  const closure = meeting.closure;
  const giver = current.members.find((member) => member.id === closure?.feedbackMemberId);
  const forGiver = !giver || giver.id === viewer?.id;
  const given = closure?.feedbackGiven;
  return renderCard('feedback', {
    caseId: current.id,
    meetingId: meeting.id,
    title,
    color: given ? 'Good' : overdue ? 'Attention' : 'Default',
    text,
    given: given ? (forGiver ? labels.feedbackGiven(m.dates.dateTime(given.at)) : labels.feedbackGivenBy(giver ? memberName(current, giver, m) : m.cards.goals.formerMember, m.dates.dateTime(given.at))) : '',
    recordLabel: forGiver ? labels.recordFeedback : labels.recordFeedbackFor(giver ? shortName(current, giver, m) : m.cards.goals.formerMember),
    canRecord: Boolean(closure && !given && viewer && mayRecordFeedback(closure, viewer)),
  });
}
