// Sends an outbox message in Teams, for the dispatcher: loads it with its case (app/outgoing.ts),
// renders it from the case as it is now (renderOutbox.ts), delivers it (outboxDelivery.ts) and says how
// it went. A person who cannot be reached 1:1 is left to the policy in app/deliveryNotices.ts. A meeting's
// calendar event goes to Graph instead (calendarSender.ts); a reminder or hand-over a person got also
// raises a Teams activity feed notification through Graph (graph/activityFeed.ts), when that is on.
// Installing the app for a person before a first message is the dispatcher's `prepare`
// (installBeforeFirstMessage.ts), done before the pacer's wait.
import type { CloudAdapter } from 'botbuilder';
import type { AppDeps } from '../app/context';
import { tellOfBlocked, tellOfUnreachable } from '../app/deliveryNotices';
import { type MessageToSend, forgetPersonalChat, loadMessageToSend, rememberMinutesCard } from '../app/outgoing';
import { rememberPersonalChat } from '../app/readCase';
import type { Logger } from '../logger';
import type { SendResult } from '../outbox/dispatcher';
import type { OutboxMessage } from '../store/port';
import type { CalendarMessage } from './calendarSender';
import { type OutboxDelivery, type PostedMessage, createOutboxDelivery, isBlocked, isUnreachable, sendResultOf, statusOf } from './outboxDelivery';
import type { RenderedMessage } from './renderReminder';
import { renderOutboxMessage } from './renderOutbox';
import type { ActivityType, NotifyActivity } from './graph/activityFeed';
import { messagesFor } from '../i18n';

export interface OutboxSenderDeps {
  adapter: CloudAdapter;
  botAppId: string;
  deps: AppDeps;
  log: Logger;
  /** Sends `calendarEvent` and `calendarCancel` messages through Graph (calendarSender.ts); absent (Graph off): they are let go unsent. */
  calendar?: (message: CalendarMessage) => Promise<SendResult>;
  /** Raises a person's activity feed notification for a reminder or hand-over they got (Graph, activityFeed.ts); absent: none. */
  notifyActivity?: NotifyActivity;
}

/** What raises an activity feed notification besides the 1:1 message (issue 15 §3): reminders and hand-overs. */
const FEED_TYPE: Partial<Record<OutboxMessage['kind'], ActivityType>> = { reminder: 'reminder', handOverReminder: 'reminder', handOver: 'handOver' };

export function createOutboxSender({ adapter, botAppId, deps, log, calendar, notifyActivity }: OutboxSenderDeps): (message: OutboxMessage, digest?: OutboxMessage[]) => Promise<SendResult> {
  const delivery = createOutboxDelivery({ adapter, botAppId, log });

  return async (message, digest = []) => {
    // Not a Teams message: the meeting's Outlook event, put right from the meeting as it is (the digest's
    // messages are about the same meeting, so one call answers them all). Queued while Graph was on, and
    // Graph is off now: let go, as the operator chose.
    if (message.kind === 'calendarEvent' || message.kind === 'calendarCancel') return calendar ? calendar(message) : { status: 'sent' };
    const loaded = await loadMessageToSend(deps, message, digest);
    if (!loaded) return { status: 'failed', error: 'caseGone' };
    const rendered = renderOutboxMessage(loaded.first, loaded.joined, loaded.state, deps.now());
    if ('skip' in rendered) return { status: 'sent' };
    try {
      const posted = await deliver(delivery, deps, log, loaded, rendered);
      if (posted && notifyActivity) await raiseInFeed(notifyActivity, loaded, posted, log);
      return { status: 'sent' };
    } catch (error) {
      // Tried again at once, as a first message: the pacer then counts the chat's opening (and the
      // dispatcher's `prepare` installs the app first), which this attempt's one request could not pay for.
      if (error instanceof ChatGone) return { status: 'retry', afterMs: 0, error: error.status };
      const status = statusOf(error);
      log.warn({ event: 'outbox.send.failed', kind: message.kind, status, errorName: (error as Error).name });
      // Blocked: never retried (every try would fail the same way) and no sendFailed on top: the
      // coordinator is told once, by tellOfBlocked, or nobody when it was the coordinator who blocked it.
      if (isBlocked(error)) {
        await tellOfBlocked(deps, loaded.first.current, message);
        return { status: 'failed', error: 'blocked', coordinatorTold: true };
      }
      if (isUnreachable(error) && (await tellOfUnreachable(deps, loaded.first.current, message))) {
        return { status: 'failed', error: `http${status}`, coordinatorTold: true };
      }
      return sendResultOf(error);
    }
  };
}

/** The 1:1 chat the bot knew is gone (Teams answered 403 or 404 to a post in it): it is forgotten. */
class ChatGone extends Error {
  override name = 'ChatGone';
  constructor(readonly status: string) {
    super(status);
  }
}

/**
 * The feed notification of a reminder or hand-over delivered to a person. The message is out whatever
 * Graph answers: a refusal or throttling is logged, not retried, so the person never gets the message twice.
 */
async function raiseInFeed(notifyActivity: NotifyActivity, { first, state }: MessageToSend, posted: PostedMessage, log: Logger): Promise<void> {
  const { message, current } = first;
  const type = FEED_TYPE[message.kind];
  if (!type || message.to.kind !== 'user') return;
  const m = messagesFor(state?.locale);
  try {
    await notifyActivity({ tenantId: message.tenantId, aadObjectId: message.to.aadObjectId, posted, type, reference: current.reference, preview: m.activityFeed[type](current.reference) });
  } catch (error) {
    log.warn({ event: 'outbox.activityFeed.failed', kind: message.kind, status: (error as { status?: string }).status, errorName: (error as Error).name });
  }
}

/**
 * Into the conversation, or the person's 1:1 chat: the one known (one request), else opened (and then
 * remembered: two requests); a person's message resolves to where it was posted. A known chat Teams
 * refuses is forgotten and the message tried again (ChatGone), never opened anew within this attempt.
 */
async function deliver(
  delivery: OutboxDelivery,
  deps: AppDeps,
  log: Logger,
  { first, state }: MessageToSend,
  rendered: Exclude<RenderedMessage, { skip: string }>,
): Promise<PostedMessage | undefined> {
  const { message, current } = first;
  if (message.to.kind === 'conversation') {
    const posted = await delivery.toConversation(current, { ...message, to: message.to }, rendered.activity, rendered.updates);
    // Where the minutes went, so that they can be put right when the next meeting they name changes. The
    // post is out: failing to remember it (the case erased meanwhile, say) must not send it again.
    if (message.kind === 'minutes' && posted) {
      await rememberMinutesCard(deps, message, { conversationId: message.to.conversationId, activityId: posted }).catch((error: unknown) =>
        log.warn({ event: 'outbox.minutesCard.notRemembered', errorName: (error as Error).name }),
      );
    }
    return undefined;
  }
  const person = { ...message, to: message.to };
  const known = state?.personalConversationId;
  let opened: string | undefined;
  let posted: PostedMessage;
  try {
    ({ opened, posted } = await delivery.toPerson(person, rendered.activity, known));
  } catch (error) {
    if (!(known && state) || !isUnreachable(error) || isBlocked(error)) throw error;
    // The chat we knew is gone (the app was reinstalled or removed, say): forget it.
    await forgetPersonalChat(deps, state);
    throw new ChatGone(`http${statusOf(error)}`);
  }
  if (opened) await rememberPersonalChat(deps.store, message.tenantId, message.to.aadObjectId, opened);
  return posted;
}
