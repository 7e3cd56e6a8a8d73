// When the dispatcher gives a message up, the case's coordinator is told: a `sendFailed` message in
// the outbox, sent like any other. Ids only; the Teams layer renders it from the case.
import { recipientOf } from '../app/messages';
import { coordinatorOf } from '../domain/case';
import type { CaseStore, OutboxMessage } from '../store/port';

/** The notice's id follows from the message's, so writing it twice writes it once. */
export const sendFailedIdOf = (message: Pick<OutboxMessage, 'id'>): string => `${message.id}.sendFailed`;

/**
 * For `OutboxDispatcher`'s `onGivenUp`. Tells nobody about a notice that itself failed (no chain of
 * notices), nor when the case is gone or its coordinator cannot be reached in Teams.
 */
export function tellCoordinator(store: Pick<CaseStore, 'getCase' | 'appendOutbox'>, now: () => Date) {
  return async (message: OutboxMessage, error: string): Promise<void> => {
    if (message.kind === 'sendFailed') return;
    const stored = await store.getCase(message.tenantId, message.caseId);
    if (!stored) return;
    const to = recipientOf(coordinatorOf(stored.case));
    if (!to) return;
    const failedFor: Record<string, string> = message.to.kind === 'user' ? { aadObjectId: message.to.aadObjectId } : { conversationId: message.to.conversationId };
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
