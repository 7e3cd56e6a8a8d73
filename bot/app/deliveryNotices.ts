// Who is told when the bot cannot deliver what it sends by itself. A person Teams will not let the bot
// reach 1:1 is mentioned in the case's thread and the coordinator is told (`unreachable`); a message
// given up after its last attempt is reported to the coordinator (`sendFailed`). Notices are outbox
// messages like any other, ids only; the Teams layer renders them from the case.
import { type Case, coordinatorOf, memberByAadObjectId } from '../domain/case';
import { type CaseStore, FORGOTTEN_ONCE_SENT, type OutboxMessage } from '../store/port';
import { tellOfCalendarRefusal } from './calendarEvents';
import type { AppDeps } from './context';
import { outboxMessages, recipientOf } from './messages';

/** The notice's id follows from the message's, so writing it twice writes it once. */
export const sendFailedIdOf = (message: Pick<OutboxMessage, 'id'>): string => `${message.id}.sendFailed`;

/**
 * Teams refused the message for good with 403 or 404: the person has not installed the app or blocked
 * it. They are mentioned in the case's thread and the coordinator is told (unless they are the
 * coordinator). True: the failure is dealt with here, the message is given up without a `sendFailed`
 * notice. A thread or chat that refuses the bot (it was removed there, or the card to update was
 * deleted) has nobody to fall back to: given up, told to nobody. False for an `unreachable` message
 * itself (no chain of notices): it is retried and given up like any other.
 */
export async function tellOfUnreachable(deps: AppDeps, current: Case, message: OutboxMessage): Promise<boolean> {
  if (message.kind === 'unreachable') return false;
  if (message.to.kind !== 'user') return true;
  const person = memberByAadObjectId(current, message.to.aadObjectId);
  if (!person) return true;
  const coordinator = coordinatorOf(current);
  const toCoordinator = person.id === coordinator.id ? undefined : recipientOf(coordinator);
  const about = { memberId: person.id };
  const outgoing = [
    ...(current.home ? [{ kind: 'unreachable' as const, to: { kind: 'conversation' as const, conversationId: current.home.conversationId }, about }] : []),
    ...(toCoordinator ? [{ kind: 'unreachable' as const, to: toCoordinator, about }] : []),
  ];
  await deps.store.appendOutbox(outboxMessages(deps, current, message.serviceUrl, deps.now(), outgoing));
  return true;
}

/** The notice's id follows from the person's: the coordinator is told once that they blocked the bot. */
const blockedIdOf = (caseId: string, memberId: string): string => `${caseId}.${memberId}.blocked`;

/**
 * The person blocked the bot in Teams (MessageWritesBlocked, ConversationBlockedByUser): nothing sent
 * to them is tried again, and the coordinator is told once, not the thread (the person chose to hear
 * nothing from the bot). False when there is nobody to tell (the coordinator blocked it themselves, or
 * the recipient is no member); the message is given up all the same.
 */
export async function tellOfBlocked(deps: AppDeps, current: Case, message: OutboxMessage): Promise<boolean> {
  const person = message.to.kind === 'user' ? memberByAadObjectId(current, message.to.aadObjectId) : undefined;
  const coordinator = coordinatorOf(current);
  const to = recipientOf(coordinator);
  if (!person || !to || person.id === coordinator.id || message.kind === 'unreachable') return false;
  await deps.store.appendOutbox([
    {
      id: blockedIdOf(current.id, person.id),
      tenantId: message.tenantId,
      caseId: message.caseId,
      kind: 'unreachable',
      to,
      about: { memberId: person.id, blocked: true },
      serviceUrl: message.serviceUrl,
      notBefore: deps.now().toISOString(),
      status: 'pending',
      attempts: 0,
    },
  ]);
  return true;
}

/**
 * For `OutboxDispatcher`'s `onGivenUp`: the coordinator gets a `sendFailed` message naming the message
 * and whom it was for. Tells nobody about a notice that itself failed (no chain of notices), nor about
 * an update of a card posted before (the next change updates it again, and the case holds every
 * answer), nor when the case is gone or its coordinator cannot be reached in Teams. A calendar event
 * given up is told as the calendar's own notice (calendarEvents.ts).
 */
export function tellCoordinator(store: Pick<CaseStore, 'getCase' | 'appendOutbox'>, now: () => Date) {
  return async (message: OutboxMessage, error: string): Promise<void> => {
    if (message.kind === 'sendFailed' || (FORGOTTEN_ONCE_SENT.has(message.kind) && message.kind !== 'calendarEvent')) return;
    const stored = await store.getCase(message.tenantId, message.caseId);
    if (!stored) return;
    // A calendar event Graph kept refusing: the coordinator is told what to do about the calendar, once per meeting.
    if (message.kind === 'calendarEvent') return tellOfCalendarRefusal(store, now(), stored.case, message, 'unavailable');
    const to = recipientOf(coordinatorOf(stored.case));
    if (!to) return;
    const failedFor = message.to.kind === 'user' ? { aadObjectId: message.to.aadObjectId } : { conversationId: message.to.conversationId };
    await store.appendOutbox([
      {
        id: sendFailedIdOf(message),
        tenantId: message.tenantId,
        caseId: message.caseId,
        kind: 'sendFailed',
        to,
        about: { messageId: message.id, failedKind: message.kind, error, ...failedFor },
        serviceUrl: message.serviceUrl,
        notBefore: now().toISOString(),
        status: 'pending',
        attempts: 0,
      },
    ]);
  };
}
