// Sends an outbox message in Teams: renders it from the case as it is now, opens the 1:1 chat or
// continues the case's conversation, and tells the dispatcher how it went. A person who cannot be
// reached 1:1 is mentioned in the case's thread instead, and the coordinator is told.
import { type Activity, type Attachment, CardFactory, type CloudAdapter, type ConversationParameters, type ConversationReference, TurnContext } from 'botbuilder';
import { code, minutesBaseCard } from '../../cards/channelCards';
import { type AgreementItem, agreementsCard, handOverCard, relayContactFor } from '../../cards/handOverCards';
import { messageCard } from '../../cards/messageCard';
import { memberName } from '../../cards/people';
import { outboxMessages, recipientOf } from '../app/messages';
import { type CaseRead, rememberPersonalChat } from '../app/readCase';
import type { AppDeps } from '../app/context';
import { type Case, type TeamMember, coordinatorOf, isClosed, memberByAadObjectId } from '../domain/case';
import { isConsentedParty } from '../domain/consent';
import { DomainError } from '../domain/errors';
import { meetingById } from '../domain/meeting';
import { type Messages, messagesFor } from '../i18n';
import type { Logger } from '../logger';
import type { SendResult } from '../outbox/dispatcher';
import type { CaseStore, OutboxMessage, UserState } from '../store/port';
import { conversationAccount } from './conversations';
import { cardActivity } from './replies';
import { type RenderedMessage, agreementReminderItem, renderReminder } from './renderReminder';
import { BOT_FRAMEWORK_AUDIENCE } from './threads';

/** One request to the connector may take this long; then it is abandoned and the message tried again later. */
const CONNECTOR_REQUEST_TIMEOUT_MS = 15_000;

export interface OutboxSenderDeps {
  adapter: CloudAdapter;
  botAppId: string;
  deps: AppDeps;
  log: Logger;
}

/** Whether this recipient may read about the young person now: the coordinator, or a consented party. */
function mayRead(current: Case, member: TeamMember | undefined, now: Date): member is TeamMember {
  return Boolean(member && (member.role === 'coordinator' || isConsentedParty(current, member.id, now)));
}

/** What the message is about may be gone since it was written (a meeting erased, say): then nothing is sent. */
function renderOrSkip(m: Messages, current: Case, message: OutboxMessage, now: Date): RenderedMessage {
  // A closed case needs no more reminders; what closing itself caused still goes out.
  if (isClosed(current) && message.kind === 'reminder') return { skip: 'case closed' };
  try {
    return render(m, current, message, now);
  } catch (error) {
    if (error instanceof DomainError) return { skip: error.code };
    throw error;
  }
}

/** In the recipient's language (`m`): the one of their own last turn in the 1:1 chat, else Danish. */
function render(m: Messages, current: Case, message: OutboxMessage, now: Date): RenderedMessage {
  const labels = m.cards.outbox;
  const recipient = message.to.kind === 'user' ? memberByAadObjectId(current, message.to.aadObjectId) : undefined;
  const readAs = (member: TeamMember): CaseRead => ({ case: current, viewer: member });
  const { meetingId, ownerMemberId, agreementId, memberId } = message.about;
  if (message.to.kind === 'conversation') return renderForConversation(m, current, message);
  if (!mayRead(current, recipient, now)) {
    return { activity: cardActivity(messageCard(labels.withoutConsentTitle(current.reference), labels.withoutConsent)) };
  }
  switch (message.kind) {
    case 'reminder':
      return renderReminder(m, current, message, recipient);
    case 'minutes':
      return { skip: 'the minutes go to the thread' };
    case 'agreementAssigned':
    case 'agreementRelay': {
      const owner = current.members.find((member) => member.id === ownerMemberId);
      const meeting = meetingById(current, meetingId ?? '');
      const relayed = message.kind === 'agreementRelay';
      const items = current.agreements
        .filter((agreement) => agreement.meetingId === meetingId && agreement.ownerMemberId === ownerMemberId && agreement.status === 'open')
        .map((agreement) => ({ case: current, agreement, ...(relayed && owner ? { relayContact: relayContactFor(m, current, owner) } : {}) }));
      if (!owner || items.length === 0) return { skip: 'nothing open' };
      const goals = m.cards.goals;
      const card = relayed
        ? agreementsCard(m, items, goals.relayTitle(current.reference, meeting.number), goals.relayIntro(memberName(current, owner, m)))
        : agreementsCard(m, items, goals.assignedTitle(current.reference, meeting.number), goals.assignedIntro);
      return { activity: cardActivity(card) };
    }
    case 'handOver':
      return { activity: cardActivity(handOverCard(m, readAs(recipient as TeamMember), meetingById(current, meetingId ?? ''))) };
    case 'handOverReminder': {
      const closure = meetingById(current, meetingId ?? '').closure;
      if (!closure || closure.handOverAcknowledgedAt) return { skip: 'acknowledged' };
      const eyeKeeper = current.members.find((member) => member.id === closure.eyeKeeperMemberId);
      return { activity: cardActivity(messageCard(labels.handOverPendingTitle(current.reference), labels.handOverPending(eyeKeeper ? memberName(current, eyeKeeper, m) : '?'))) };
    }
    case 'planSlipping': {
      const reporter = current.members.find((member) => member.id === memberId);
      return { activity: cardActivity(messageCard(labels.planSlippingTitle(current.reference), labels.planSlipping(reporter ? memberName(current, reporter, m) : '?'), 'attention')) };
    }
    case 'needsHelp': {
      const agreement = current.agreements.find((candidate) => candidate.id === agreementId);
      const owner = agreement && current.members.find((member) => member.id === agreement.ownerMemberId);
      if (!agreement || !owner) return { skip: 'agreement gone' };
      return { activity: cardActivity(messageCard(labels.needsHelpTitle(current.reference), labels.needsHelp(memberName(current, owner, m), agreement.action), 'attention')) };
    }
    case 'sendFailed': {
      // To the coordinator: which message was given up, and whom it was for (the thread, if no person).
      const failedFor = message.about.aadObjectId === undefined ? undefined : memberByAadObjectId(current, message.about.aadObjectId);
      const whom = failedFor ? memberName(current, failedFor, m) : message.about.aadObjectId === undefined ? undefined : '?';
      return { activity: cardActivity(messageCard(labels.sendFailed.title(current.reference), labels.sendFailed.text(whom), 'attention')) };
    }
    case 'unreachable': {
      const person = current.members.find((member) => member.id === memberId);
      if (!person || person.person.kind !== 'teams') return { skip: 'member gone' };
      return { activity: cardActivity(messageCard(labels.unreachableTitle(current.reference), labels.unreachableToCoordinator(person.person.name))) };
    }
  }
}

/**
 * What goes to the case's thread or group chat, which everyone there reads: the minutes' channel card
 * (channelCards.ts) and the mention of a person the bot cannot reach 1:1. Nothing else is ever posted
 * there, whatever a message says; nothing about the young person and no typed text.
 */
export function renderForConversation(m: Messages, current: Case, message: OutboxMessage): RenderedMessage {
  const { meetingId, memberId } = message.about;
  if (message.kind === 'minutes') return { activity: cardActivity(minutesBaseCard(m, current, meetingById(current, meetingId ?? ''))) };
  if (message.kind !== 'unreachable') return { skip: 'not for a conversation' };
  const person = current.members.find((member) => member.id === memberId)?.person;
  if (person?.kind !== 'teams') return { skip: 'member gone' };
  // A mention is by name: its text is the person's Teams name, which Teams shows on any mention of them
  // (PRODUCT.md: the person is mentioned in the thread). Their role and the young person are not named.
  const mention = `<at>${person.name}</at>`;
  return {
    activity: {
      type: 'message',
      text: m.cards.outbox.unreachableMention(mention, code(current.reference)),
      entities: [{ type: 'mention', text: mention, mentioned: { id: person.teamsUserId ?? person.aadObjectId, name: person.name } }],
    },
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

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
 * What a failed request means for the message (403 and 404 aside: the person is unreachable, see
 * below). 429: the tenant is throttled, with Teams' Retry-After if it gave one (the dispatcher caps it
 * and backs off without one). 400 and 413: the message itself is wrong or too big; sending it again
 * cannot help. Anything else (412, 5xx, a timeout, a lost connection, 401 while a token renews) is
 * passing: tried again, after the Retry-After a 503 may carry, else after the dispatcher's backoff.
 */
function sendResultOf(error: unknown): SendResult {
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
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<unknown>;
  };
}

export function createOutboxSender({ adapter, botAppId, deps, log }: OutboxSenderDeps): (message: OutboxMessage, digest?: OutboxMessage[]) => Promise<SendResult> {
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

  async function deliver(current: Case, message: OutboxMessage, activity: Partial<Activity>, state: UserState | undefined): Promise<void> {
    if (message.to.kind === 'conversation') {
      const reference = { channelId: 'msteams', serviceUrl: message.serviceUrl, conversation: conversationAccount(current, message.to.conversationId) };
      await inProactiveTurn(reference, undefined, async (context) => {
        ownRetries(context);
        await context.sendActivity(activity);
      });
      return;
    }
    // A 1:1 chat is opened (Teams gives back the same one each time) and posted to with one connector
    // client. Not `adapter.createConversationAsync`: it posts createConversation before our code can
    // reach the client, with the pipeline's own unbounded retries.
    const parameters = {
      isGroup: false,
      members: [{ id: message.to.teamsUserId, name: '' }],
      tenantId: message.tenantId,
      channelData: { tenant: { id: message.tenantId } },
    } as unknown as ConversationParameters;
    const { aadObjectId } = message.to;
    const known = state?.personalConversationId;
    const reference = { channelId: 'msteams', serviceUrl: message.serviceUrl, conversation: { id: known ?? '', isGroup: false, conversationType: 'personal', tenantId: message.tenantId, name: '' } };
    let opened: string | undefined;
    const send = () => inProactiveTurn(reference, BOT_FRAMEWORK_AUDIENCE, async (context) => {
      const connector = ownRetries(context);
      // A chat already known costs one request; a first message opens the chat, then posts.
      const chatId = known ?? (await connector.conversations.createConversation(parameters)).id;
      if (!chatId) throw new Error('Teams did not return the 1:1 chat');
      if (!known) opened = chatId;
      const chat = { ...reference, conversation: { ...reference.conversation, id: chatId } };
      await connector.conversations.sendToConversation(chatId, TurnContext.applyConversationReference({ ...activity }, chat));
    });
    try {
      await send();
    } catch (error) {
      const status = statusOf(error);
      if (!known || (status !== 403 && status !== 404)) throw error;
      // The chat we knew is gone (the app was reinstalled, say): forget it and open the chat anew.
      const forgotten = { ...state, tenantId: message.tenantId, aadObjectId, personalConversationId: undefined };
      await deps.store.putUserState(forgotten);
      return deliver(current, message, activity, forgotten);
    }
    if (opened) await rememberPersonalChat(deps.store, message.tenantId, aadObjectId, opened);
  }

  /** Teams answers 403 or 404 when the app is not installed for the person or they blocked it. */
  async function fallBackForUnreachable(current: Case, message: OutboxMessage): Promise<void> {
    if (message.to.kind !== 'user') return;
    const person = memberByAadObjectId(current, message.to.aadObjectId);
    if (!person) return;
    const coordinator = coordinatorOf(current);
    const outgoing = [
      ...(current.home ? [{ kind: 'unreachable' as const, to: { kind: 'conversation' as const, conversationId: current.home.conversationId }, about: { memberId: person.id } }] : []),
      ...(person.id !== coordinator.id && recipientOf(coordinator)
        ? [{ kind: 'unreachable' as const, to: recipientOf(coordinator)!, about: { memberId: person.id } }]
        : []),
    ];
    await deps.store.appendOutbox(outboxMessages(deps, current, message.serviceUrl, deps.now(), outgoing));
  }

  /**
   * A person's reminders of one day as one message: their agreements in one list, grouped by case, with
   * the actions for each; any other reminder of the day as a card beside it.
   */
  async function renderDigest(m: Messages, messages: OutboxMessage[]): Promise<RenderedMessage> {
    const items: AgreementItem[] = [];
    const others: Attachment[] = [];
    for (const message of messages) {
      const current = (await deps.store.getCase(message.tenantId, message.caseId))?.case;
      if (!current) continue;
      const recipient = message.to.kind === 'user' ? memberByAadObjectId(current, message.to.aadObjectId) : undefined;
      const item = mayRead(current, recipient, deps.now()) ? agreementReminderItem(m, current, message, recipient) : undefined;
      if (item) {
        // Two reminders of one agreement on one day (its date, and that it passed) make one entry.
        if (!items.some((listed) => listed.agreement.id === item.agreement.id)) items.push(item);
        continue;
      }
      const rendered = renderOrSkip(m, current, message, deps.now());
      if ('activity' in rendered) others.push(...(rendered.activity.attachments ?? []));
    }
    items.sort((a, b) => a.case.reference.localeCompare(b.case.reference) || a.agreement.followUpOn.localeCompare(b.agreement.followUpOn));
    const labels = m.cards.reminders;
    const attachments = [...(items.length > 0 ? [CardFactory.adaptiveCard(agreementsCard(m, items, labels.digestTitle, labels.digestIntro))] : []), ...others];
    return attachments.length > 0 ? { activity: { type: 'message', attachments } } : { skip: 'nothing left to remind of' };
  }

  return async (message, digest = []) => {
    const stored = await deps.store.getCase(message.tenantId, message.caseId);
    if (!stored) return { status: 'failed', error: 'caseGone' };
    const state = message.to.kind === 'user' ? await deps.store.getUserState(message.tenantId, message.to.aadObjectId) : undefined;
    const m = messagesFor(state?.locale);
    const rendered = digest.length > 0 ? await renderDigest(m, [message, ...digest]) : renderOrSkip(m, stored.case, message, deps.now());
    if ('skip' in rendered) return { status: 'sent' };
    try {
      await deliver(stored.case, message, rendered.activity, state);
      return { status: 'sent' };
    } catch (error) {
      const status = statusOf(error);
      log.warn({ event: 'outbox.send.failed', kind: message.kind, status, errorName: (error as Error).name });
      if ((status === 403 || status === 404) && message.kind !== 'unreachable') {
        await fallBackForUnreachable(stored.case, message);
        return { status: 'failed', error: `http${status}`, coordinatorTold: true };
      }
      return sendResultOf(error);
    }
  };
}

/** What a message will cost the connector: one request, or two for a first message that opens a 1:1 chat. */
export function connectorRequestsFor(store: Pick<CaseStore, 'getUserState'>): (message: OutboxMessage) => Promise<number> {
  return async (message) => {
    if (message.to.kind !== 'user') return 1;
    return (await store.getUserState(message.tenantId, message.to.aadObjectId))?.personalConversationId ? 1 : 2;
  };
}
