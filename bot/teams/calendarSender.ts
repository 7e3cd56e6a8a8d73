// Sends a `calendarEvent` outbox message: makes the meeting's Outlook event match the meeting as it is
// now (made when there is none, updated while it is ahead or once held, cancelled with the meeting or
// the case's closing, moved to a new coordinator's calendar); and a `calendarCancel`, which cancels the
// event of an erased case's meeting by the ids it carries. Graph's refusal (403, or no mailbox) tells the
// coordinator once and gives the message up; Graph throttling past the client's bound, or failing, puts
// it back for the dispatcher's retry, never throttling Teams' own sending (so never `throttled`, which is
// the connector's tenant limit).
import { createHash } from 'node:crypto';
import type { AppDeps } from '../app/context';
import { rememberCalendarEvent, tellOfCalendarRefusal } from '../app/calendarEvents';
import { inviteesOf } from '../domain/calendar';
import { coordinatorOf, isClosed } from '../domain/case';
import type { CalendarEventRef, Meeting } from '../domain/meeting';
import { messagesFor } from '../i18n';
import type { Logger } from '../logger';
import type { SendResult } from '../outbox/dispatcher';
import type { OutboxMessage, OutboxMessageOf } from '../store/port';
import { type GraphCalendar, attendeesOf } from './graph/calendar';
import { GraphError, GraphForbidden, GraphNotFound, GraphThrottled } from './graph/graphErrors';
import { renderCalendarEvent } from './renderCalendarEvent';

/** The messages this sender sends. */
export type CalendarMessage = Extract<OutboxMessage, { kind: 'calendarEvent' | 'calendarCancel' }>;

/**
 * Graph's transactionId of a create: the same for every try of one create, so Graph makes one event. The
 * first event of a meeting takes the meeting's id; one made again in a new coordinator's calendar takes
 * the old event's too, so it is never taken for an earlier create.
 */
const transactionIdOf = (meeting: Meeting, moved: CalendarEventRef | undefined): string =>
  moved ? `${meeting.id}.${createHash('sha256').update(moved.eventId).digest('hex').slice(0, 32)}` : meeting.id;

/** A cancellation of an event deleted already (in Outlook, or by an earlier try) has nothing left to do. */
async function cancelUnlessGone(calendar: GraphCalendar, tenantId: string, event: CalendarEventRef, comment: string): Promise<void> {
  try {
    await calendar.cancel(tenantId, event.mailboxAadObjectId, event.eventId, comment);
  } catch (error) {
    if (!(error instanceof GraphNotFound)) throw error;
  }
}

/** Graph failing or throttling: the dispatcher tries again. Anything else is no Graph answer: thrown. */
function retryOn(error: unknown): SendResult {
  if (error instanceof GraphThrottled) return { status: 'retry', afterMs: error.retryAfterMs, error: error.status };
  if (error instanceof GraphError) return { status: 'retry', error: error.status };
  throw error;
}

export function createCalendarSender(calendar: GraphCalendar, deps: AppDeps, log: Logger): (message: CalendarMessage) => Promise<SendResult> {
  const m = messagesFor(undefined);

  /** The erased case is gone: nobody to tell of a refusal, and the comment names nothing of it. */
  async function cancelOfErased(message: OutboxMessageOf<'calendarCancel'>): Promise<SendResult> {
    try {
      await cancelUnlessGone(calendar, message.tenantId, message.about, m.calendar.cancelComment);
      return { status: 'sent' };
    } catch (error) {
      if (error instanceof GraphError) log.warn({ event: 'calendar.failed', caseId: message.caseId, status: error.status, code: error.code });
      if (error instanceof GraphForbidden) return { status: 'failed', error: error.status };
      return retryOn(error);
    }
  }

  return async (message) => {
    if (message.kind === 'calendarCancel') return cancelOfErased(message);
    const stored = await deps.store.getCase(message.tenantId, message.caseId);
    if (!stored) return { status: 'failed', error: 'caseGone' };
    const current = stored.case;
    const meeting = current.meetings.find((candidate) => candidate.id === message.about.meetingId);
    if (!meeting) return { status: 'sent' };
    // A planned meeting of a closed case will not take place (the case changes no more).
    const called = meeting.status === 'cancelled' || (meeting.status === 'planned' && isClosed(current));
    let made = meeting.calendarEvent;
    let moved: CalendarEventRef | undefined;
    try {
      if (called) {
        if (made) await calendar.cancel(message.tenantId, made.mailboxAadObjectId, made.eventId, meeting.status === 'cancelled' ? m.calendar.cancelComment : m.calendar.caseClosedComment);
        return { status: 'sent' };
      }
      const invitees = inviteesOf(current, deps.now());
      const attendees = attendeesOf([...(await calendar.addressesOf(message.tenantId, invitees.aadObjectIds)), ...invitees.emails]);
      const event = { ...renderCalendarEvent(m, current, meeting), attendees };
      const coordinator = coordinatorOf(current).person;
      // A planned meeting's event lives in the coordinator's calendar: after a hand-over it moves there.
      if (made && meeting.status === 'planned' && coordinator.kind === 'teams' && made.mailboxAadObjectId !== coordinator.aadObjectId) {
        await cancelUnlessGone(calendar, message.tenantId, made, m.calendar.movedComment);
        moved = made;
        made = undefined;
      }
      if (made) {
        await calendar.update(message.tenantId, made.mailboxAadObjectId, made.eventId, event);
        return { status: 'sent' };
      }
      // A held meeting that never had an event (Graph was off, or refused) gets none afterwards.
      if (meeting.status === 'held') return { status: 'sent' };
      if (coordinator.kind !== 'teams') return { status: 'sent' };
      const eventId = await calendar.create(message.tenantId, coordinator.aadObjectId, event, transactionIdOf(meeting, moved));
      await rememberCalendarEvent(deps, message, { eventId, mailboxAadObjectId: coordinator.aadObjectId });
      return { status: 'sent' };
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      log.warn({ event: 'calendar.failed', caseId: message.caseId, meetingId: meeting.id, status: error.status, code: error.code });
      // The event was deleted in Outlook: the coordinator chose so; nothing more to put right.
      if (error instanceof GraphNotFound && made) return { status: 'sent' };
      if (error instanceof GraphForbidden || error instanceof GraphNotFound) {
        await tellOfCalendarRefusal(deps.store, deps.now(), current, message, 'refused');
        return { status: 'failed', error: error.status, coordinatorTold: true };
      }
      return retryOn(error);
    }
  };
}
