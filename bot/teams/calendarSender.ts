// Sends a `calendarEvent` outbox message: makes the meeting's Outlook event match the meeting as it is
// now (made when there is none, updated while it is ahead or once held, cancelled with the meeting). Graph's
// refusal (403, or no mailbox) tells the coordinator once and gives the message up; Graph throttling past
// the client's bound, or failing, puts it back for the dispatcher's retry, never throttling Teams' own
// sending (so never `throttled`, which is the connector's tenant limit).
import type { AppDeps } from '../app/context';
import { rememberCalendarEvent, tellOfCalendarRefusal } from '../app/calendarEvents';
import { coordinatorOf } from '../domain/case';
import { messagesFor } from '../i18n';
import type { Logger } from '../logger';
import type { SendResult } from '../outbox/dispatcher';
import type { OutboxMessageOf } from '../store/port';
import { type GraphCalendar, attendeesOf } from './graph/calendar';
import { GraphError, GraphForbidden, GraphNotFound, GraphThrottled } from './graph/graphErrors';
import { inviteesOf, renderCalendarEvent } from './renderCalendarEvent';

export function createCalendarSender(calendar: GraphCalendar, deps: AppDeps, log: Logger): (message: OutboxMessageOf<'calendarEvent'>) => Promise<SendResult> {
  return async (message) => {
    const stored = await deps.store.getCase(message.tenantId, message.caseId);
    if (!stored) return { status: 'failed', error: 'caseGone' };
    const current = stored.case;
    const meeting = current.meetings.find((candidate) => candidate.id === message.about.meetingId);
    if (!meeting) return { status: 'sent' };
    const m = messagesFor(undefined);
    const made = meeting.calendarEvent;
    try {
      if (meeting.status === 'cancelled') {
        if (made) await calendar.cancel(message.tenantId, made.mailboxAadObjectId, made.eventId, m.calendar.cancelComment);
        return { status: 'sent' };
      }
      const invitees = inviteesOf(current, deps.now());
      const attendees = attendeesOf([...(await calendar.addressesOf(message.tenantId, invitees.aadObjectIds)), ...invitees.emails]);
      const event = { ...renderCalendarEvent(m, current, meeting), attendees };
      if (made) {
        await calendar.update(message.tenantId, made.mailboxAadObjectId, made.eventId, event);
        return { status: 'sent' };
      }
      // A held meeting that never had an event (Graph was off, or refused) gets none afterwards.
      if (meeting.status === 'held') return { status: 'sent' };
      const coordinator = coordinatorOf(current).person;
      if (coordinator.kind !== 'teams') return { status: 'sent' };
      // The meeting's id makes every try of this create one event (Graph's transactionId).
      const eventId = await calendar.create(message.tenantId, coordinator.aadObjectId, event, meeting.id);
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
      if (error instanceof GraphThrottled) return { status: 'retry', afterMs: error.retryAfterMs, error: error.status };
      return { status: 'retry', error: error.status };
    }
  };
}
