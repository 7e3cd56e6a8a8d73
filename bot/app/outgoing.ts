// What the Teams layer's outbox sender reads and writes: the case a message is about as it is now, the
// recipient's 1:1 chat and language, and what sending learns about that chat.
import type { Case } from '../domain/case';
import { type PostedCard, setMinutesCard } from '../domain/meeting';
import type { OutboxMessage, OutboxMessageOf, UserState } from '../store/port';
import type { AppDeps } from './context';
import { saveWithRetry } from './saveWithRetry';

/** A message to send with the case it is about, as stored now. */
export interface MessageWithCase {
  message: OutboxMessage;
  current: Case;
}

export interface MessageToSend {
  first: MessageWithCase;
  /** The messages the dispatcher joined to it (outbox/dispatcher.ts, `digest`) whose case is still there. */
  joined: MessageWithCase[];
  /** For a message to a person: their 1:1 chat, once known, and their language. */
  state: UserState | undefined;
}

/** The message and those joined to it with their cases; undefined when the message's case is gone (erased). */
export async function loadMessageToSend(deps: AppDeps, message: OutboxMessage, joined: OutboxMessage[]): Promise<MessageToSend | undefined> {
  const stored = await deps.store.getCase(message.tenantId, message.caseId);
  if (!stored) return undefined;
  const withCases: MessageWithCase[] = [];
  for (const other of joined) {
    // A person's reminders of one day may be of several cases.
    const current = other.caseId === message.caseId ? stored.case : (await deps.store.getCase(other.tenantId, other.caseId))?.case;
    if (current) withCases.push({ message: other, current });
  }
  const state = message.to.kind === 'user' ? await deps.store.getUserState(message.tenantId, message.to.aadObjectId) : undefined;
  return { first: { message, current: stored.case }, joined: withCases, state };
}

/** The 1:1 chat the bot knew is gone (the app was reinstalled, say): forgotten, so that it is opened anew. */
export async function forgetPersonalChat(deps: AppDeps, state: UserState): Promise<UserState> {
  const forgotten = { ...state, personalConversationId: undefined };
  await deps.store.putUserState(forgotten);
  return forgotten;
}

/**
 * Where the minutes' channel card was posted, on their meeting. The bot's own bookkeeping of its post,
 * as the 1:1 chat is remembered: nobody read or changed the case, so no audit record.
 */
export async function rememberMinutesCard(deps: AppDeps, message: OutboxMessageOf<'minutes'>, card: PostedCard): Promise<void> {
  await saveWithRetry(deps.store, message.tenantId, message.caseId, (current) => {
    if (!current.meetings.some((meeting) => meeting.id === message.about.meetingId)) return undefined;
    const changed = setMinutesCard(current, message.about.meetingId, card);
    return changed === current ? undefined : { changed, effects: { audit: [] } };
  });
}
