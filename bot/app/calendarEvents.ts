// What keeping a meeting in the coordinator's calendar writes back: the event's id on the meeting once
// Graph made it, and, when Graph will not keep it, one notice to the coordinator per meeting (the meeting
// itself stays as planned: the calendar is a convenience, never a condition).
import { meetingsAheadInCalendar } from '../domain/calendar';
import { type Case, coordinatorOf } from '../domain/case';
import { type CalendarEventRef, setCalendarEvent } from '../domain/meeting';
import type { CaseStore, OutboxMessage, OutboxMessageOf } from '../store/port';
import type { AppDeps } from './context';
import { recipientOf } from './messages';
import { saveWithRetry } from './saveWithRetry';

/**
 * The event Graph made for the meeting, on the meeting: later changes update it. The bot's own
 * bookkeeping, as the minutes' card is remembered: nobody read or changed the case, so no audit record.
 */
export async function rememberCalendarEvent(deps: AppDeps, message: OutboxMessageOf<'calendarEvent'>, event: CalendarEventRef): Promise<void> {
  await saveWithRetry(deps.store, message.tenantId, message.caseId, (current) => {
    if (!current.meetings.some((meeting) => meeting.id === message.about.meetingId)) return undefined;
    const changed = setCalendarEvent(current, message.about.meetingId, event);
    return changed === current ? undefined : { changed, effects: { audit: [] } };
  });
}

/** The notice's id follows from the meeting's: the coordinator is told once per meeting, however often Graph refuses. */
const calendarRefusedIdOf = (meetingId: string): string => `${meetingId}.calendarRefused`;

/**
 * Graph refused the meeting's event (`refused`: no permission, or the mailbox is outside the application
 * access policy) or kept failing past every retry (`unavailable`): the coordinator is told, once.
 */
export async function tellOfCalendarRefusal(
  store: Pick<CaseStore, 'appendOutbox'>,
  now: Date,
  current: Case,
  message: OutboxMessage & { kind: 'calendarEvent' },
  reason: 'refused' | 'unavailable',
): Promise<void> {
  const to = recipientOf(coordinatorOf(current));
  if (!to) return;
  await store.appendOutbox([
    {
      id: calendarRefusedIdOf(message.about.meetingId),
      tenantId: message.tenantId,
      caseId: message.caseId,
      kind: 'calendarRefused',
      to,
      about: { meetingId: message.about.meetingId, reason },
      serviceUrl: message.serviceUrl,
      notBefore: now.toISOString(),
      status: 'pending',
      attempts: 0,
    },
  ]);
}

/**
 * When the case is erased: a cancellation of each meeting ahead's event. The case is gone when it is
 * sent, so the message carries the ids it needs (the mailbox and the event), nothing else.
 */
export function calendarCancellations(deps: Pick<AppDeps, 'calendar' | 'newId'>, current: Case, serviceUrl: string | undefined, now: Date): OutboxMessage[] {
  if (!deps.calendar) return [];
  return meetingsAheadInCalendar(current, now).flatMap((meeting): OutboxMessage[] => {
    const event = meeting.calendarEvent;
    if (!event) return [];
    return [
      {
        id: deps.newId(),
        tenantId: current.tenantId,
        caseId: current.id,
        kind: 'calendarCancel',
        to: { kind: 'user', aadObjectId: event.mailboxAadObjectId, teamsUserId: '' },
        about: { eventId: event.eventId, mailboxAadObjectId: event.mailboxAadObjectId },
        serviceUrl: serviceUrl ?? '',
        notBefore: now.toISOString(),
        status: 'pending',
        attempts: 0,
      },
    ];
  });
}
