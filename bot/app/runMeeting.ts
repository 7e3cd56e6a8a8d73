// `møde` and `aflys`: the coordinator opens, plans and cancels meetings; every team member who may
// see the case answers the checklist. An answer updates the checklist's card where it was posted, and
// opening, planning and cancelling every card that shows the meeting, through the outbox (written in
// the same save), and, when the bot keeps the calendar, the meeting's Outlook event.
import type { Case } from '../domain/case';
import { requireMeetingReader } from '../domain/access';
import { type MeetingKind, type MeetingTime, type PostedCard, answerChecklist, cancelMeeting, meetingById, openMeeting, openMeetingOf, planMeeting, setMeetingCard } from '../domain/meeting';
import type { TransitionAge } from '../domain/transitions';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange, guardedChange } from './guardedChange';
import { calendarUpdates, caseCardUpdate, checklistCardUpdate, meetingCardUpdates, outboxMessages, reminders } from './messages';

/**
 * A network meeting, or (`kind` internal) an internal coordination meeting of the professionals;
 * `transitionAge`: opened as the transition meeting of that age (seed 002).
 */
export function openNetworkMeeting(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  time: MeetingTime,
  activityId?: ActivityId,
  kind: MeetingKind = 'network',
  transitionAge?: TransitionAge,
): Promise<Case> {
  const meetingId = deps.newId();
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'meeting.open',
    apply: (current, now) => {
      const changed = openMeeting(current, meetingId, time, actor.aadObjectId, now, kind, transitionAge);
      const opened = openMeetingOf(changed)?.id ?? meetingId;
      const outgoing = [...meetingCardUpdates(changed, opened, actor.locale), ...calendarUpdates(deps, changed, [opened])];
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
    },
    activityId,
  });
}

/**
 * Planning a network meeting sets the coordinator's reminder to call it, three weeks before; an internal
 * meeting is called among colleagues at short notice and is none of the model's rhythm, so it sets none.
 */
export function planNetworkMeeting(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  time: MeetingTime,
  activityId?: ActivityId,
  kind: MeetingKind = 'network',
  transitionAge?: TransitionAge,
): Promise<Case> {
  const meetingId = deps.newId();
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'meeting.plan',
    apply: (current, now) => {
      const changed = planMeeting(current, meetingId, time, actor.aadObjectId, now, kind, transitionAge);
      const planned = kind === 'network' ? deps.reminders.forPlannedMeeting(changed, meetingById(changed, meetingId)) : [];
      const outgoing = [...reminders(changed, planned), ...caseCardUpdate(changed, actor.locale), ...calendarUpdates(deps, changed, [meetingId])];
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
    },
    activityId,
  });
}

export function cancelNetworkMeeting(
  deps: AppDeps,
  actor: Actor,
  { caseId, meetingId, reason, otherReason, activityId }: { caseId: string; meetingId: string; reason?: string; otherReason?: string; activityId?: ActivityId },
): Promise<Case> {
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'meeting.cancel',
    apply: (current, now) => {
      const changed = cancelMeeting(current, meetingId, reason, otherReason, actor.aadObjectId, now);
      const outgoing = [...meetingCardUpdates(changed, meetingId, actor.locale), ...calendarUpdates(deps, changed, [meetingId])];
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
    },
    activityId,
  });
}

export function answerMeetingChecklist(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  meetingId: string,
  answers: Record<string, string>,
  activityId?: ActivityId,
): Promise<Case> {
  return guardedChange(deps, actor, {
    caseId,
    action: 'meeting.answer',
    authorize: (current) => requireMeetingReader(current, meetingId, actor.aadObjectId, deps.now()),
    apply: (current, now) => {
      const changed = answerChecklist(current, meetingId, answers, actor.aadObjectId, now);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, checklistCardUpdate(changed, meetingId, actor.locale)) };
    },
    activityId,
  });
}

/** Remembers where the checklist was posted, so every later answer and a cancellation update it in place. */
export function recordChecklistCard(deps: AppDeps, actor: Actor, caseId: string, meetingId: string, card: PostedCard): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'meeting.card', apply: (current) => setMeetingCard(current, meetingId, card) });
}
