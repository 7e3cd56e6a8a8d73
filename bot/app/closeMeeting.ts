// `afslut`: the coordinator closes the meeting; the young person's approval (recorded by the
// coordinator) circulates the form; the eye-keeper acknowledges the hand-over. An internal meeting ends
// when it is closed, its minutes to the professionals only. Closing and approving update every card of
// the meeting posted before, through the outbox.
import { type Case, memberByAadObjectId } from '../domain/case';
import { isCoordinator, requireFeedbackRecorder, requireHandOverAcknowledger } from '../domain/access';
import { type ClosingInput, acknowledgeHandOver, approveMinutes, closeInternalMeeting, closeMeeting, recordFeedbackGiven, sendBackMinutes } from '../domain/closing';
import { type PostedCard, addClosingCard, closingMeetingOf, plannedMeetingOf } from '../domain/meeting';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange, guardedChange } from './guardedChange';
import { calendarUpdates, circulation, internalMinutes, meetingCardUpdates, outboxMessages, remindersAfterMeeting } from './messages';

export function closeNetworkMeeting(deps: AppDeps, actor: Actor, caseId: string, meetingId: string, input: ClosingInput, activityId?: ActivityId): Promise<Case> {
  const nextMeetingId = deps.newId();
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'meeting.close',
    apply: (current, now) => {
      const changed = closeMeeting(current, meetingId, input, nextMeetingId, actor.aadObjectId, now);
      // The held meeting's event says it was held; a next meeting planned by closing gets its own.
      const plannedNow = plannedMeetingOf(changed)?.id === nextMeetingId ? [nextMeetingId] : [];
      const outgoing = [...meetingCardUpdates(changed, meetingId, actor.locale), ...calendarUpdates(deps, changed, [meetingId, ...plannedNow])];
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
    },
    activityId,
  });
}

/** Closing, the agreements to their owners and the checklist's card in the thread are one save. */
export function closeInternalCoordinationMeeting(
  deps: AppDeps,
  actor: Actor,
  { caseId, meetingId, confirmEmptySections, activityId }: { caseId: string; meetingId: string; confirmEmptySections?: boolean; activityId?: ActivityId },
): Promise<Case> {
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'meeting.closeInternal',
    apply: (current, now) => {
      const closed = closeInternalMeeting(current, meetingId, confirmEmptySections, actor.aadObjectId, now);
      const { changed, outgoing } = internalMinutes(deps, closed, meetingId);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...outgoing, ...meetingCardUpdates(changed, meetingId, actor.locale)]) };
    },
    activityId,
  });
}

export function sendBackForChanges(deps: AppDeps, actor: Actor, caseId: string, meetingId: string, changes: string | undefined, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'minutes.sendBack', apply: (current, now) => sendBackMinutes(current, meetingId, changes, actor.aadObjectId, now), activityId });
}

/** Approval and circulation are one save: the messages are written with the approval, then sent. */
export function approveAndCirculate(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  meetingId: string,
  approvedOn: string | undefined,
  activityId?: ActivityId,
): Promise<Case> {
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'minutes.approve',
    apply: (current, now) => {
      const approved = approveMinutes(current, meetingId, approvedOn, actor.aadObjectId, now);
      const { changed, outgoing } = remindersAfterMeeting(deps, approved, meetingId);
      const updates = meetingCardUpdates(changed, meetingId, actor.locale);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...circulation(changed, meetingId, now), ...outgoing, ...updates]) };
    },
    activityId,
  });
}

export function acknowledgeCaseHandOver(deps: AppDeps, actor: Actor, caseId: string, meetingId: string, activityId?: ActivityId): Promise<Case> {
  return guardedChange(deps, actor, {
    caseId,
    action: 'handOver.acknowledge',
    authorize: (current) => requireHandOverAcknowledger(current, meetingId, actor.aadObjectId, deps.now()),
    apply: (current, now) => acknowledgeHandOver(current, meetingId, now),
    activityId,
  });
}

/** Recorded once; the feedback reminders still in the outbox then find it given and are not sent (renderReminder.ts). */
export function recordCaseFeedbackGiven(deps: AppDeps, actor: Actor, caseId: string, meetingId: string, activityId?: ActivityId): Promise<Case> {
  return guardedChange(deps, actor, {
    caseId,
    action: 'feedback.given',
    authorize: (current) => requireFeedbackRecorder(current, meetingId, actor.aadObjectId, deps.now()),
    apply: (current, now) => recordFeedbackGiven(current, meetingId, actor.aadObjectId, now),
    activityId,
  });
}

/**
 * Remembers where `afslut` posted its card, on the meeting it is about, so that closing and approving
 * that meeting put the card right. Only the coordinator's: the closing view is theirs (anyone's `afslut`
 * in a channel posts the base card, which the bot then leaves as it was posted).
 */
export function recordClosingCard(deps: AppDeps, actor: Actor, caseId: string, card: PostedCard): Promise<Case> {
  return guardedChange(deps, actor, {
    caseId,
    action: 'meeting.card',
    authorize: () => undefined,
    apply: (current) => {
      const asker = memberByAadObjectId(current, actor.aadObjectId);
      const meeting = closingMeetingOf(current);
      return asker && isCoordinator(asker) && meeting ? addClosingCard(current, meeting.id, card) : current;
    },
  });
}
