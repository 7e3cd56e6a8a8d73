// Delivers a rendered outbox message through the Bot Framework connector: into the case's thread or
// group chat (a new post, or an update of a card posted before), or into a person's 1:1 chat, opened
// when not known yet. The connector client leaves retrying to the dispatcher, which owns the retry
// policy (outbox/dispatcher.ts); what a failed request means for the message is `sendResultOf`.
import type { Activity, CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import type { Case } from '../domain/case';
import type { Logger } from '../logger';
import type { SendResult } from '../outbox/dispatcher';
import type { OutboxMessage, OutboxRecipient } from '../store/port';
import { conversationAccount } from './conversations';
import { BOT_FRAMEWORK_AUDIENCE } from './threads';

/** One request to the connector may take this long; then it is abandoned and the message tried again later. */
const CONNECTOR_REQUEST_TIMEOUT_MS = 15_000;

export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Teams answers 403 or 404 when the app is not installed for the person or they blocked it (or a chat is gone). */
export const isUnreachable = (error: unknown): boolean => statusOf(error) === 403 || statusOf(error) === 404;

/** Teams' codes for a person who blocked the bot (its error's `code`, from the body Teams answers with). */
const BLOCKED_CODES = new Set(['ConversationBlockedByUser', 'MessageWritesBlocked']);

/** The person blocked the bot: nothing sent to them will get through until they unblock it. */
export const isBlocked = (error: unknown): boolean => statusOf(error) === 403 && BLOCKED_CODES.has(String((error as { code?: unknown } | undefined)?.code));

/** Retry-After of a failed request in milliseconds: seconds or an HTTP date (Teams), or Azure's `retry-after-ms`. */
function retryAfterMsOf(error: unknown, nowMs: number = Date.now()): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } } | undefined)?.response?.headers;
  if (typeof headers?.get !== 'function') return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name));
    if (headers.get(name) && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * What a failed request means for the message (403 and 404 aside: the person is unreachable, see the
 * sender). 429: the tenant is throttled, with Teams' Retry-After if it gave one (the dispatcher caps it
 * and backs off without one). 400 and 413: the message itself is wrong or too big; sending it again
 * cannot help. Anything else (412, 5xx, a timeout, a lost connection, 401 while a token renews) is
 * passing: tried again, after the Retry-After a 503 may carry, else after the dispatcher's backoff.
 */
export function sendResultOf(error: unknown): SendResult {
  const status = statusOf(error);
  // A connection error's code (ECONNRESET, REQUEST_SEND_ERROR, ...) or the error's name: never its message.
  const errorCode = (error as { code?: unknown } | undefined)?.code;
  const code = status ? `http${status}` : typeof errorCode === 'string' && /^[A-Z_]+$/.test(errorCode) ? errorCode : error instanceof Error ? error.name : typeof error;
  if (status === 429) {
    const retryAfterMs = retryAfterMsOf(error);
    return retryAfterMs === undefined ? { status: 'throttled', error: code } : { status: 'throttled', retryAfterMs, error: code };
  }
  if (status === 400 || status === 413) return { status: 'failed', error: code };
  const afterMs = retryAfterMsOf(error);
  return afterMs === undefined ? { status: 'retry', error: code } : { status: 'retry', afterMs, error: code };
}

/** The part of a core-rest-pipeline pipeline this file uses (not imported: botbuilder's own dependency). */
interface PipelineLike {
  getOrderedPolicies(): { name: string }[];
  removePolicy(options: { name: string }): unknown[];
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
}

/** The connector client botbuilder made for one proactive turn, as far as this file uses it. */
interface ConnectorLike {
  client?: { pipeline?: PipelineLike };
  conversations: {
    createConversation(parameters: ConversationParameters): Promise<{ id?: string }>;
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

/** A message the bot posted in a chat: where, for a link to it. */
export interface PostedMessage {
  chatId: string;
  messageId: string;
}

export interface OutboxDeliveryDeps {
  adapter: CloudAdapter;
  botAppId: string;
  log: Logger;
}

type ToConversation = Extract<OutboxRecipient, { kind: 'conversation' }>;
type ToUser = Extract<OutboxRecipient, { kind: 'user' }>;

export interface OutboxDelivery {
  /**
   * Posts `activity` to the case's thread or group chat, resolving to the id of the post; or (`updates`)
   * puts it in place of that activity posted before.
   */
  toConversation(current: Case, message: OutboxMessage & { to: ToConversation }, activity: Partial<Activity>, updates?: string): Promise<string | undefined>;
  /**
   * Posts `activity` to a person's 1:1 chat: `chatId` when known (one request), else the chat is opened
   * first (Teams gives back the same one each time); resolves to the chat it opened, if it opened one,
   * and where the message is (`posted`: the chat and the message's id, for a link to it).
   */
  toPerson(message: OutboxMessage & { to: ToUser }, activity: Partial<Activity>, chatId: string | undefined): Promise<{ opened?: string; posted: PostedMessage }>;
}

export function createOutboxDelivery({ adapter, botAppId, log }: OutboxDeliveryDeps): OutboxDelivery {
  let warnedUnbounded = false;

  /**
   * The connector client of this proactive turn, made to leave retrying to the dispatcher (which owns
   * the retry policy: see outbox/dispatcher.ts). Its pipeline (core-rest-pipeline) would otherwise
   * retry by itself, 4 attempts: after a 429 it waits any Retry-After, unbounded (a `Retry-After: 60`
   * holds the send three minutes, outside all pacing), and it retries 5xx for seconds. botbuilder has
   * no option for that (ConnectorClientOptions passes no retryOptions on, and `sendActivity` takes no
   * request options), so the retry policies are taken out of this client's pipeline and every request
   * gets a timeout. botbuilder makes a new client for each proactive call: inbound turns keep theirs.
   */
  function ownRetries(context: TurnContext): ConnectorLike {
    const connector = context.turnState.get(adapter.ConnectorClientKey) as ConnectorLike;
    const pipeline = connector.client?.pipeline;
    if (!pipeline) {
      // A later botbuilder may be built differently: then its own retries are back, unbounded.
      if (!warnedUnbounded) log.warn({ event: 'outbox.retries.unbounded' });
      warnedUnbounded = true;
      return connector;
    }
    for (const policy of pipeline.getOrderedPolicies()) if (/retry/i.test(policy.name)) pipeline.removePolicy({ name: policy.name });
    pipeline.addPolicy({
      name: 'outboxRequestTimeout',
      sendRequest: (request, next) => {
        request.timeout = CONNECTOR_REQUEST_TIMEOUT_MS;
        return next(request);
      },
    });
    return connector;
  }

  /**
   * Runs `logic` in a proactive turn and rethrows what it threw: the adapter's `onTurnError` would
   * otherwise swallow it, and a failed send would look sent.
   */
  async function inProactiveTurn(reference: Partial<ConversationReference>, audience: string | undefined, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    const guarded = async (context: TurnContext) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    };
    if (audience === undefined) await adapter.continueConversationAsync(botAppId, reference, guarded);
    else await adapter.continueConversationAsync(botAppId, reference, audience, guarded);
    if (failure) throw failure.error;
  }

  return {
    async toConversation(current, message, activity, updates) {
      const reference = { channelId: 'msteams', serviceUrl: message.serviceUrl, conversation: conversationAccount(current, message.to.conversationId) };
      let posted: string | undefined;
      await inProactiveTurn(reference, undefined, async (context) => {
        ownRetries(context);
        if (updates === undefined) posted = (await context.sendActivity(activity))?.id;
        else await context.updateActivity({ ...activity, id: updates });
      });
      return posted;
    },

    async toPerson(message, activity, chatId) {
      // One connector client opens the chat and posts to it. Not `adapter.createConversationAsync`: it
      // posts createConversation before our code can reach the client, with the pipeline's own
      // unbounded retries.
      const parameters = {
        isGroup: false,
        members: [{ id: message.to.teamsUserId, name: '' }],
        tenantId: message.tenantId,
        channelData: { tenant: { id: message.tenantId } },
      } as unknown as ConversationParameters;
      const reference = { channelId: 'msteams', serviceUrl: message.serviceUrl, conversation: { id: chatId ?? '', isGroup: false, conversationType: 'personal', tenantId: message.tenantId, name: '' } };
      let opened: string | undefined;
      let posted: PostedMessage = { chatId: chatId ?? '', messageId: '' };
      await inProactiveTurn(reference, BOT_FRAMEWORK_AUDIENCE, async (context) => {
        const connector = ownRetries(context);
        // A chat already known costs one request; a first message opens the chat, then posts.
        const id = chatId ?? (await connector.conversations.createConversation(parameters)).id;
        if (!id) throw new Error('Teams did not return the 1:1 chat');
        if (!chatId) opened = id;
        const chat = { ...reference, conversation: { ...reference.conversation, id } };
        const sent = await connector.conversations.sendToConversation(id, TurnContext.applyConversationReference({ ...activity }, chat));
        posted = { chatId: id, messageId: sent.id ?? '' };
      });
      return opened ? { opened, posted } : { posted };
    },
  };
}
