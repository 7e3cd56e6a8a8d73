// The dispatcher runs on a timer; a message due now (the checklist's card after an answer, say) should
// not wait for its next run. The store the service runs on is wrapped so that every write that puts
// messages due now in the outbox (a save with its messages, an appended notice) wakes the dispatcher
// once written. Everything else passes through untouched, and the use cases know nothing of it.
import { type CaseStore, FORGOTTEN_ONCE_SENT, type OutboxMessage } from '../store/port';

const WRITES_WITH_MESSAGES = new Set<PropertyKey>(['createCase', 'replaceCase', 'appendOutbox']);

/**
 * An update of a card posted before (the checklist's, say) is waited for, this long at most, before the write returns: the one
 * who answered (or cancelled) gets their reply once the card everyone sees shows it, as when the turn
 * updated the card itself. Nothing else is waited for. The dispatcher never writes such an update, so
 * it never waits for itself.
 */
const CARD_UPDATE_WAIT_MS = 2_000;

/** The messages a write of the store carries: a save's effects, or an append's list. */
function messagesOf(method: PropertyKey, args: unknown[]): OutboxMessage[] {
  if (method === 'appendOutbox') return (args[0] as OutboxMessage[] | undefined) ?? [];
  return (args.at(-1) as { outbox?: OutboxMessage[] } | undefined)?.outbox ?? [];
}

/** `answered`, or nothing more after `ms`. */
async function atMost(answered: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((done) => {
    timer = setTimeout(done, ms);
    timer.unref();
  });
  await Promise.race([answered, timeout]);
  clearTimeout(timer);
}

/** `wake`: the dispatcher's (OutboxDispatcher.wake), resolving once the messages named are settled. */
export function wakingOnDueMessages(store: CaseStore, now: () => Date, wake: (messageIds: string[]) => Promise<void>): CaseStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!WRITES_WITH_MESSAGES.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        const written: unknown = await value.apply(target, args);
        // Instants are written as toISOString() gives them, so they compare as text (store/port.ts).
        const at = now().toISOString();
        const due = messagesOf(property, args).filter((message) => message.notBefore <= at);
        if (due.length === 0) return written;
        const answered = wake(due.map((message) => message.id));
        if (due.some((message) => FORGOTTEN_ONCE_SENT.has(message.kind))) await atMost(answered, CARD_UPDATE_WAIT_MS);
        return written;
      };
    },
  });
}
