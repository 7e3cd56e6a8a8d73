// `afslut`: the coordinator closes the meeting; the young person's approval (recorded by the
// coordinator) circulates the form; the eye-keeper acknowledges the hand-over. An internal meeting ends
// when it is closed, its minutes to the professionals only.
import type { Case } from '../domain/case';
import { requireHandOverAcknowledger } from '../domain/access';
import { type ClosingInput, acknowledgeHandOver, approveMinutes, closeInternalMeeting, closeMeeting, sendBackMinutes } from '../domain/closing';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange, guardedChange } from './guardedChange';
import { checklistCardUpdate, circulation, internalMinutes, outboxMessages, remindersAfterMeeting } from './messages';

export function closeNetworkMeeting(deps: AppDeps, actor: Actor, caseId: string, meetingId: string, input: ClosingInput, activityId?: ActivityId): Promise<Case> {
  const nextMeetingId = deps.newId();
  return coordinatorChange(deps, actor, { caseId, action: 'meeting.close', apply: (current, now) => closeMeeting(current, meetingId, input, nextMeetingId, actor.aadObjectId, now), activityId });
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
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...outgoing, ...checklistCardUpdate(changed, meetingId, actor.locale)]) };
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
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...circulation(changed, meetingId, now), ...outgoing]) };
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
