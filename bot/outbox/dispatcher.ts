// Sends what the outbox holds: claims due messages under a lease, hands each to `send`, records the
// outcome. The Teams layer provides `send` (it renders the message from the case and posts it); this
// file knows nothing of botbuilder, and time comes from the injected clocks. It owns the retry
// policy: what a 429 or a passing failure costs, how long a Retry-After may hold a message, when a
// message is given up; the pacer (pacing.ts) keeps the sends within Teams' rate limits.
import { setMaxListeners } from 'node:events';
import { type CaseStore, FORGOTTEN_ONCE_SENT, type OutboxMessage, type OutboxOutcome, SENT_THROUGH_GRAPH } from '../store/port';
import { type SendPacer, conversationKeyOf } from './pacing';

/** What `send` made of one message. `error` is a status or an error name, never message content. */
export type SendResult =
  | { status: 'sent' }
  /**
   * A passing failure (412, 502, 503, 504, a timeout, a lost connection): tried again later, after
   * `afterMs` when the server said how long (Retry-After; capped), else after the dispatcher's backoff.
   */
  | { status: 'retry'; afterMs?: number; error: string }
  /** 429: the tenant is throttled. Every send to it waits `retryAfterMs` (capped), or a backoff when Teams named no time. */
  | { status: 'throttled'; retryAfterMs?: number; error: string }
  /** Given up for good. `coordinatorTold`: the sender told the coordinator itself (the unreachable fallback). */
  | { status: 'failed'; error: string; coordinatorTold?: boolean };

/** Ids, counts and codes only (a pino logger fits). */
interface DispatcherLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface OutboxDispatcherOptions {
  store: Pick<CaseStore, 'claimDueOutbox' | 'settleOutbox'>;
  now: () => Date;
  /** Unique per dispatcher (per process, say): the claims it holds carry it. */
  owner: string;
  /** Must bound its own time (see `sendBudgetMs`); it may throw (taken as a retry). */
  /**
   * Sends `message`, and with it `digest`: the other claimed messages to the same conversation that
   * share its `about.digest` key (one message instead of several: a person's reminders of one day,
   * the updates of one card).
   */
  send: (message: OutboxMessage, digest: OutboxMessage[]) => Promise<SendResult>;
  /** How long a claim holds. Longer than sending a whole batch takes. */
  leaseMs: number;
  batchSize: number;
  /** Attempts before a message that keeps failing is given up as `failed`. */
  maxAttempts?: number;
  /** The pause before the next attempt after a passing failure, given the attempts made so far (1, 2, ...). */
  backoffMs?: (attempts: number) => number;
  /**
   * Paces the Teams sends per conversation and per tenant (not those through Graph: SENT_THROUGH_GRAPH),
   * and holds the tenant's "throttled until" after a 429. Without one, messages go out as fast as
   * `send` returns, and a 429 is put back like any passing failure.
   */
  pacer?: SendPacer;
  /** The connector requests a message will cost (a 1:1 chat already known costs one); default `connectorRequestsOf`. */
  requestsFor?: (message: OutboxMessage) => Promise<number>;
  /**
   * Work a message needs before its connector requests, outside Teams' limits (installing the app for
   * the person through Graph): run once per claim, before the pacer's wait, so that the requests it
   * grants leave at once and `requestsFor` counts them (never for SENT_THROUGH_GRAPH). A result settles the message unsent; undefined
   * goes on to `send`; a throw is a retry.
   */
  prepare?: (message: OutboxMessage) => Promise<SendResult | undefined>;
  /** Messages under way at once, never two to one conversation (default 1: one after another, in order). */
  concurrency?: number;
  /** A Retry-After longer than this is taken as this (default 60 s): Teams cannot hold a message longer. */
  maxRetryAfterMs?: number;
  /** Sends of one message within one claim while Teams answers 429 (default 3); then it is put back. */
  throttledTriesPerClaim?: number;
  /** How long a tenant waits after a 429 without Retry-After, given the tries so far (default 2 s, 4 s, 8 s, ...). */
  throttleBackoffMs?: (tries: number) => number;
  /** At most how long one `send` takes: a message is not begun with less than this left of its claim (default 30 s). */
  sendBudgetMs?: number;
  /**
   * Told about each message given up (its last attempt failed, or it failed for good and the sender
   * did not tell anyone): e.g. `tellCoordinator`. Runs before the message is settled, so a notice
   * is never lost; a notice with a fixed id makes running it twice harmless.
   */
  onGivenUp?: (message: OutboxMessage, error: string) => Promise<void>;
  log?: DispatcherLog;
}

export interface DispatchCounts {
  claimed: number;
  sent: number;
  /** Put back as pending, to be tried again later. */
  retried: number;
  /** Given up: a permanent failure, or the last of `maxAttempts`. */
  failed: number;
  /** Left unsent because the claim had run out before its turn (the lease is too short for the batch). */
  lapsed: number;
  /**
   * Left unsent, still claimed: waiting under the rate limits (or a 429) would have outlasted the
   * claim, or the dispatcher stopped. Claimed again once the lease runs out; no attempt counted.
   */
  deferred: number;
  /** Settles refused: another dispatcher took the message over after this one's lease ran out. */
  takenOver: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;

/** One who waits for a wake to be answered (`wake`). */
interface WakeWaiter {
  /** The messages not settled yet. */
  ids: Set<string>;
  /** A batch begun after the wake is under way: when it ends, the wake is answered. */
  armed: boolean;
  done: () => void;
}

/**
 * How the service runs its dispatcher against Teams. A claim outlives a batch's sends with room to
 * spare (100 messages at 50 requests a second take 2 to 4 s; a tenant throttled for a minute holds
 * them a minute), and a crashed instance's claims free up after it. 32 sends under way at once keep
 * 50 requests a second going when each takes up to half a second.
 */
export const TEAMS_DISPATCH = { leaseMs: 120_000, batchSize: 100, concurrency: 32 } as const;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const DEFAULT_THROTTLED_TRIES_PER_CLAIM = 3;
const DEFAULT_SEND_BUDGET_MS = 30_000;

/** 30 s, 1 min, 2 min, ... at most 30 min. */
export const defaultBackoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);

/** 2 s, 4 s, 8 s, ... (then capped by `maxRetryAfterMs`). */
const defaultThrottleBackoffMs = (tries: number): number => 2_000 * 2 ** (tries - 1);

/** The key that joins messages into one (a person's reminders of one day; updates of one card), if any. */
const digestKeyOf = (message: OutboxMessage): string | undefined => ('digest' in message.about ? message.about.digest : undefined);

/**
 * One message under way per key: a Teams conversation's, so that its messages keep their order; a
 * message sent through Graph has a key of its own beside its recipient's chat, which it does not hold up.
 */
const placeKeyOf = (message: OutboxMessage): string => (SENT_THROUGH_GRAPH.has(message.kind) ? `graph|${conversationKeyOf(message)}` : conversationKeyOf(message));

/** Takes out of `waiting` the messages that go with `message` as one: same conversation, same digest key. */
function takeDigest(waiting: OutboxMessage[], message: OutboxMessage): OutboxMessage[] {
  const digestKey = digestKeyOf(message);
  if (!digestKey) return [];
  const key = conversationKeyOf(message);
  const digest: OutboxMessage[] = [];
  for (let index = waiting.length - 1; index >= 0; index--) {
    const other = waiting[index]!;
    if (digestKeyOf(other) === digestKey && conversationKeyOf(other) === key) digest.unshift(...waiting.splice(index, 1));
  }
  return digest;
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

/**
 * Delivery guarantee: **at least once**. A message is settled only after `send` returned, so a
 * dispatcher that dies (or stalls past its lease) after sending but before settling leaves the
 * message pending under a claim; once the lease runs out another dispatcher claims it and sends it
 * again. Otherwise each message is sent **exactly once**: the store hands a message to one claim at a
 * time, a settled message is never claimed again, and a dispatcher whose claim was taken over has its
 * settle refused. A claim that ran out before the message's turn in the batch is skipped, not sent.
 * The Teams layer can make the rare duplicate harmless by making `send` idempotent where Teams allows
 * (e.g. updating a card already posted instead of posting it again).
 *
 * Nothing is dropped: a message is either sent (kept as sent, or deleted when its kind records
 * nothing: FORGOTTEN_ONCE_SENT), put back (pending, with the attempt counted), left claimed for later
 * (deferred, lapsed), or given up as `failed` after `maxAttempts` with the coordinator told
 * (`onGivenUp`). Messages to one conversation go one after another in the order
 * claimed; a message put back goes after those sent meanwhile.
 */
export class OutboxDispatcher {
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempts: number) => number;
  private readonly concurrency: number;
  private readonly maxRetryAfterMs: number;
  private readonly throttledTriesPerClaim: number;
  private readonly throttleBackoffMs: (tries: number) => number;
  private readonly sendBudgetMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  /** The next run of the chain `start` began (for `wake`). */
  private tick: (() => Promise<void>) | undefined;
  /** A wake came while a batch was under way: the next follows at once. */
  private woken = false;
  /**
   * Those a wake answers: done once the messages they name are settled here, or once the first batch
   * begun after the wake (`armed`) has ended without them (another dispatcher had them, say).
   */
  private waiters: WakeWaiter[] = [];
  /** Each start begins a new chain of runs; a chain left over from before a stop ends by itself. */
  private generation = 0;
  /** The last claim was full: more is due than one batch holds. */
  private backlog = false;
  /** Aborted by stop(): sends still waiting under the rate limits give up (deferred). */
  private stopping: AbortController;
  /** Claimed messages `prepare` went on for: one put back to wait for its tenant is not prepared again. */
  private readonly prepared = new WeakSet<OutboxMessage>();

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    this.throttledTriesPerClaim = Math.max(1, options.throttledTriesPerClaim ?? DEFAULT_THROTTLED_TRIES_PER_CLAIM);
    this.throttleBackoffMs = options.throttleBackoffMs ?? defaultThrottleBackoffMs;
    this.sendBudgetMs = options.sendBudgetMs ?? DEFAULT_SEND_BUDGET_MS;
    this.stopping = this.newStopSignal();
  }

  /**
   * Claims a batch and sends its messages, up to `concurrency` at once but never two to one
   * conversation, in claim order per conversation, settling each after its send. A message whose
   * tenant is throttled waits without holding a place, so other tenants go on meanwhile. When places
   * are free but every message left waits (for its conversation's limits, or its tenant's throttle)
   * and the last claim was full, it claims another batch, so that one slow conversation does not idle
   * the others; it holds at most `4 × batchSize` messages at once. A store error ends the run (and
   * rejects once the sends under way have settled): the messages not yet sent keep their claim until
   * it runs out and are then claimed again, none lost; one sent but not settled is sent again (at
   * least once).
   */
  async runOnce(): Promise<DispatchCounts> {
    const { store, now, owner, leaseMs, batchSize, pacer } = this.options;
    const claimed = await store.claimDueOutbox(now(), owner, leaseMs, batchSize);
    const counts: DispatchCounts = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, lapsed: 0, deferred: 0, takenOver: 0 };
    this.backlog = claimed.length === batchSize;
    const order = new Map(claimed.map((message, index) => [message.id, index]));
    const waiting = [...claimed];
    const busy = new Set<string>();
    /** 429s per message within this claim. */
    const tries = new Map<string, number>();
    const throttled = (message: OutboxMessage) => pacer !== undefined && !SENT_THROUGH_GRAPH.has(message.kind) && pacer.throttledFor(message.tenantId) > 0;
    /** Back in line in claim order, so its conversation's later messages still come after it. */
    const putBack = (message: OutboxMessage) => {
      const at = waiting.findIndex((other) => (order.get(other.id) ?? 0) > (order.get(message.id) ?? 0));
      waiting.splice(at < 0 ? waiting.length : at, 0, message);
    };
    let failure: { error: unknown } | undefined;
    await new Promise<void>((done) => {
      let underWay = 0;
      let napping = false;
      let claiming = false;
      const next = () => {
        while (!failure && underWay < this.concurrency) {
          // The first message in claim order whose conversation has nothing under way and whose tenant may send.
          const index = waiting.findIndex((message) => !busy.has(placeKeyOf(message)) && !throttled(message));
          if (index < 0) break;
          const [message] = waiting.splice(index, 1) as [OutboxMessage];
          const key = placeKeyOf(message);
          const digest = takeDigest(waiting, message);
          busy.add(key);
          underWay++;
          this.dispatch(message, digest, counts, tries)
            .then((again) => {
              if (again) for (const held of [message, ...digest]) putBack(held);
            })
            .catch((error: unknown) => {
              failure ??= { error };
            })
            .finally(() => {
              busy.delete(key);
              underWay--;
              next();
            });
        }
        if (claiming || napping) return;
        // Free places, and everything held waits: take more from the backlog, if there is one.
        if (!failure && this.backlog && waiting.length > 0 && underWay < this.concurrency && waiting.length + underWay + batchSize <= 4 * batchSize) {
          claiming = true;
          store
            .claimDueOutbox(now(), owner, leaseMs, batchSize)
            .then(
              (more) => {
                this.backlog = more.length === batchSize;
                counts.claimed += more.length;
                for (const message of more) order.set(message.id, order.size);
                waiting.push(...more);
              },
              (error: unknown) => {
                failure ??= { error };
              },
            )
            .finally(() => {
              claiming = false;
              next();
            });
          return;
        }
        if (underWay > 0) return;
        if (failure || waiting.length === 0) return done();
        // All that is left waits for throttled tenants: sleep until the first throttle ends.
        napping = true;
        void this.napUntilThrottleEnds(waiting, counts).then(() => {
          napping = false;
          next();
        });
      };
      next();
    });
    if (failure) throw failure.error;
    return counts;
  }

  /**
   * Runs a batch now and then every `intervalMs` on a timer that does not keep the process alive; a
   * full batch is followed at once by the next, so a backlog drains without waiting. Runs never
   * overlap. An error is logged and the next run goes ahead as planned. Nothing here runs inside a
   * turn: waiting for a rate limit or a Retry-After is sleeping on a timer, never holding up an
   * inbound activity.
   */
  start(intervalMs: number): void {
    if (this.started) return;
    this.started = true;
    this.stopping = this.newStopSignal();
    const generation = ++this.generation;
    const tick = async () => {
      this.timer = undefined;
      // After a stop that was not awaited, the batch before it may still be running.
      await this.running;
      if (!this.started || generation !== this.generation) return;
      let full = false;
      // What a wake until now asked for, this batch's claim takes.
      this.woken = false;
      for (const waiter of this.waiters) waiter.armed = true;
      this.running = this.runOnce().then(
        () => {
          full = this.backlog;
        },
        (error: unknown) => this.options.log?.error({ error: errorName(error), owner: this.options.owner }, 'outbox dispatch failed'),
      );
      await this.running;
      this.running = undefined;
      this.release((waiter) => waiter.armed);
      if (this.started && generation === this.generation) this.schedule(tick, full || this.woken ? 0 : intervalMs);
    };
    this.tick = tick;
    this.schedule(tick, 0);
  }

  /**
   * Runs the next batch now instead of at the next interval: messages due now were just written (the
   * update of the checklist's card after an answer, say), and nobody should wait an interval for them.
   * A batch under way is followed at once by the next. Resolves once `messageIds` are settled by this
   * dispatcher (sent, put back or given up), or the batch that should have claimed them has ended
   * without them; at once when the dispatcher is not started. Never rejects.
   */
  wake(messageIds: readonly string[] = []): Promise<void> {
    if (!this.started || !this.tick) return Promise.resolve();
    const answered = new Promise<void>((done) => this.waiters.push({ ids: new Set(messageIds), armed: false, done }));
    if (!this.timer) {
      this.woken = true;
      return answered;
    }
    clearTimeout(this.timer);
    this.schedule(this.tick, 0);
    return answered;
  }

  private release(which: (waiter: WakeWaiter) => boolean): void {
    const released = this.waiters.filter(which);
    this.waiters = this.waiters.filter((waiter) => !released.includes(waiter));
    for (const waiter of released) waiter.done();
  }

  /**
   * No further runs; resolves when a batch that is running has finished. Its sends under way finish
   * and are settled; those still waiting under the rate limits give up and stay claimed (deferred).
   */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.release(() => true);
  }

  /** Every send waiting under the rate limits listens to it: at most one per place, and the nap. */
  private newStopSignal(): AbortController {
    const controller = new AbortController();
    setMaxListeners(Math.max(1, this.options.concurrency ?? 1) + 10, controller.signal);
    return controller;
  }

  private schedule(tick: () => Promise<void>, delayMs: number): void {
    this.timer = setTimeout(() => void tick(), delayMs);
    this.timer.unref();
  }

  /**
   * Sends one claimed message (with its digest) and settles each; store errors reject. True: they wait
   * for their tenant's throttle, put them back.
   */
  private async dispatch(message: OutboxMessage, digest: OutboxMessage[], counts: DispatchCounts, tries: Map<string, number>): Promise<boolean> {
    const { store, owner, leaseMs, batchSize, log, onGivenUp } = this.options;
    const ids = { messageId: message.id, caseId: message.caseId, kind: message.kind };
    if (this.timeLeftMs(message) + this.sendBudgetMs <= 0) {
      counts.lapsed += 1 + digest.length;
      log?.warn({ ...ids, leaseMs, batchSize }, 'outbox claim ran out before its turn: lease too short for the batch');
      return false;
    }
    const result = await this.deliver(message, digest, tries);
    if (result.status === 'again') return true;
    if (result.status === 'deferred') {
      counts.deferred += 1 + digest.length;
      return false;
    }
    for (const sent of [message, ...digest]) {
      const outcome = this.outcomeOf(sent, result);
      if (outcome.status === 'sent' || outcome.status === 'forget') counts.sent++;
      else if (outcome.status === 'pending') counts.retried++;
      else {
        counts.failed++;
        log?.warn({ ...ids, messageId: sent.id, attempts: sent.attempts + 1, error: outcome.error }, 'outbox message given up');
        if (onGivenUp && !(result.status === 'failed' && result.coordinatorTold)) await onGivenUp(sent, outcome.error);
      }
      if (!(await store.settleOutbox(sent, owner, outcome))) {
        counts.takenOver++;
        log?.warn({ ...ids, messageId: sent.id }, 'outbox message was taken over by another dispatcher before it was settled');
      }
      const answered = this.waiters.filter((waiter) => waiter.ids.delete(sent.id) && waiter.ids.size === 0);
      this.release((waiter) => answered.includes(waiter));
    }
    return false;
  }

  /** How long the message may still wait before its send must begin, for the send to end within the claim. */
  private timeLeftMs(message: OutboxMessage): number {
    if (message.leaseUntil === undefined) return Number.POSITIVE_INFINITY;
    return Date.parse(message.leaseUntil) - this.options.now().getTime() - this.sendBudgetMs;
  }

  /**
   * One try under the pacer: waits for the conversation's and the tenant's turn, then sends. After a
   * 429 the tenant is throttled (every send to it waits) and the message tried again once the throttle
   * ends, a few times within the claim (`again`); then it is put back in the store until the throttle
   * ends. A wait that would outlast the claim, or a stop, leaves it claimed (`deferred`).
   */
  private async deliver(message: OutboxMessage, digest: OutboxMessage[], tries: Map<string, number>): Promise<SendResult | { status: 'again' } | { status: 'deferred' }> {
    const { pacer, log, prepare } = this.options;
    // A message sent through Graph posts nothing in Teams: no preparing for it, and Teams' limits do not count it.
    const postsInTeams = !SENT_THROUGH_GRAPH.has(message.kind);
    if (postsInTeams && prepare && !this.prepared.has(message)) {
      const prepared = await prepare(message).catch((error: unknown): SendResult => ({ status: 'retry', error: errorName(error) }));
      if (prepared) return prepared;
      this.prepared.add(message);
    }
    if (pacer && postsInTeams) {
      // The claim is in the store's time; the pacer waits in its own: convert the time left.
      const deadline = pacer.clock.now() + this.timeLeftMs(message);
      const requests = await this.options.requestsFor?.(message);
      const grant = await pacer.acquire(message, { deadline, signal: this.stopping.signal, whileThrottled: 'return', ...(requests === undefined ? {} : { requests }) });
      if (grant === 'throttled') return { status: 'again' };
      if (grant !== 'granted') return { status: 'deferred' };
    }
    const result = await this.trySend(message, digest);
    if (result.status !== 'throttled') return result;
    const tried = (tries.get(message.id) ?? 0) + 1;
    tries.set(message.id, tried);
    const waitMs = Math.min(result.retryAfterMs ?? this.throttleBackoffMs(tried), this.maxRetryAfterMs);
    await pacer?.throttle(message.tenantId, waitMs);
    log?.warn({ messageId: message.id, tenantId: message.tenantId, retryAfterMs: result.retryAfterMs, waitMs, tries: tried }, 'outbox send throttled (429): the tenant waits');
    if (pacer && tried < this.throttledTriesPerClaim) return { status: 'again' };
    return { status: 'retry', afterMs: waitMs, error: result.error };
  }

  /**
   * Everything left in the batch is for throttled tenants: leaves for later (deferred) what could
   * not be sent within its claim, and sleeps until the first of the others' throttles ends.
   */
  private async napUntilThrottleEnds(waiting: OutboxMessage[], counts: DispatchCounts): Promise<void> {
    const { pacer } = this.options;
    if (!pacer) return;
    for (let index = waiting.length - 1; index >= 0; index--) {
      const message = waiting[index]!;
      if (pacer.throttledFor(message.tenantId) > this.timeLeftMs(message)) {
        waiting.splice(index, 1);
        counts.deferred++;
      }
    }
    if (waiting.length === 0) return;
    await pacer.clock.sleep(Math.min(...waiting.map((message) => pacer.throttledFor(message.tenantId))), this.stopping.signal);
    if (this.stopping.signal.aborted) counts.deferred += waiting.splice(0).length;
  }

  private async trySend(message: OutboxMessage, digest: OutboxMessage[]): Promise<SendResult> {
    try {
      return await this.options.send(message, digest);
    } catch (error) {
      return { status: 'retry', error: errorName(error) };
    }
  }

  private outcomeOf(message: OutboxMessage, result: SendResult): OutboxOutcome {
    const now = this.options.now();
    switch (result.status) {
      case 'sent':
        return FORGOTTEN_ONCE_SENT.has(message.kind) ? { status: 'forget' } : { status: 'sent', at: now.toISOString() };
      case 'failed':
        return { status: 'failed', error: result.error };
      case 'retry':
      case 'throttled': {
        // This attempt counts: the message has had `attempts + 1` once it is settled.
        if (message.attempts + 1 >= this.maxAttempts) return { status: 'failed', error: result.error };
        const asked = result.status === 'retry' ? result.afterMs : result.retryAfterMs;
        const afterMs = asked === undefined ? this.backoffMs(message.attempts + 1) : Math.min(asked, this.maxRetryAfterMs);
        return { status: 'pending', notBefore: new Date(now.getTime() + afterMs).toISOString(), error: result.error };
      }
    }
  }
}
