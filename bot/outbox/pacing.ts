// Keeps the outbox within Teams' rate limits: paces sends per conversation and per tenant, and holds
// the tenant's "throttled until" after a 429 so that every send to that tenant waits it out. Pure
// timing, no botbuilder: time and sleeping come from an injected clock, so tests run on a fake one.
import type { CaseStore, OutboxMessage } from '../store/port';
import type { SharedTenantPacing } from './sharedPacing';

/**
 * Milliseconds and a way to wait; tests inject a fake. Monotonic (`realPacingClock`) for a pacer of
 * its own; with shared tenant pacing the wall clock (`wallPacingClock`), since instances compare the
 * slots they reserve: a step of the system clock (NTP slews, it rarely steps) then delays or hastens
 * this process's sends by the step, within the limits the windows still enforce.
 */
export interface PacingClock {
  now(): number;
  /** Resolves after `ms`, or early once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realPacingClock: PacingClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** The wall clock (epoch milliseconds): what instances sharing the tenant's pacing through the store compare. */
export const wallPacingClock: PacingClock = { now: () => Date.now(), sleep: realPacingClock.sleep };

/** At most `limit` requests in any `perMs` milliseconds. */
export interface RateLimit {
  limit: number;
  perMs: number;
}

/** Teams, per bot per conversation (thread or chat). Shortest window first. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateLimit[] = [
  { limit: 7, perMs: 1_000 },
  { limit: 8, perMs: 2_000 },
  { limit: 60, perMs: 30_000 },
  { limit: 1_800, perMs: 3_600_000 },
];

/** Teams, per app per tenant (about 50 requests a second, every kind of request counted). */
export const TEAMS_TENANT_LIMITS: readonly RateLimit[] = [{ limit: 50, perMs: 1_000 }];

/**
 * Connector requests one message costs, at most: a first message to a person opens the 1:1 chat
 * (createConversation) and then posts, two requests; a post to a thread or chat, or to a 1:1 chat
 * already known, is one (`connectorRequestsFor` tells the dispatcher, through `requestsFor`).
 */
export const connectorRequestsOf = (message: Pick<OutboxMessage, 'to'>): number => (message.to.kind === 'user' ? 2 : 1);

/**
 * What a message will cost the connector: one request, or two for a first message that opens a 1:1 chat
 * (the app installed for the person before, by the dispatcher's `prepare`). A known chat that turns out
 * gone costs its one request; the sender forgets it and the message is tried again as a first message,
 * counted as two: the count is never short.
 */
export function connectorRequestsFor(store: Pick<CaseStore, 'getUserState'>): (message: OutboxMessage) => Promise<number> {
  return async (message) => {
    if (message.to.kind !== 'user') return 1;
    return (await store.getUserState(message.tenantId, message.to.aadObjectId))?.personalConversationId ? 1 : 2;
  };
}

/** The conversation a message goes to, as a key: sends to one key are paced together. */
export const conversationKeyOf = (message: Pick<OutboxMessage, 'tenantId' | 'to'>): string =>
  message.to.kind === 'user' ? `${message.tenantId}|user|${message.to.aadObjectId}` : `${message.tenantId}|conversation|${message.to.conversationId}`;

/**
 * The requests to one key (a conversation or a tenant) lately, enough to say when the next may go.
 * Two rules hold together: every limit as a sliding window, each window widened by `marginMs` (the
 * server sees a request a little later than it was started, and not always equally late), and an
 * even spacing at the rate of the shortest window (a GCRA), so that requests are spread over the
 * second instead of leaving in a burst at its start. The spacing allows one request ahead of time,
 * so that a timer that fires a little late does not slow the pace down.
 */
export class SendLog {
  /** Start times of the requests in the longest window, oldest first. */
  private readonly times: number[] = [];
  private readonly limits: RateLimit[];
  private readonly spacingMs: number;
  private readonly longestMs: number;
  /** When the next request is due under the spacing rule (theoretical arrival time). */
  private due = Number.NEGATIVE_INFINITY;

  constructor(
    limits: readonly RateLimit[],
    private readonly marginMs: number,
  ) {
    if (limits.length === 0) throw new Error('a send log needs at least one limit');
    this.limits = [...limits].sort((a, b) => a.perMs - b.perMs);
    const shortest = this.limits[0]!;
    this.spacingMs = (shortest.perMs + marginMs) / shortest.limit;
    this.longestMs = Math.max(...this.limits.map((limit) => limit.perMs)) + marginMs;
  }

  /** How long from `now` until `count` more requests fit (0: at once). */
  waitMs(now: number, count = 1): number {
    this.forget(now);
    let wait = this.due - this.spacingMs - now;
    for (const { limit, perMs } of this.limits) {
      const windowMs = perMs + this.marginMs;
      const first = this.firstAfter(now - windowMs);
      const over = this.times.length - first + Math.min(count, limit) - limit;
      // The `over` oldest requests in the window must leave it first.
      if (over > 0) wait = Math.max(wait, this.times[first + over - 1]! + windowMs - now);
    }
    return Math.max(0, wait);
  }

  record(now: number, count = 1): void {
    for (let i = 0; i < count; i++) this.times.push(now);
    this.due = Math.max(this.due, now) + count * this.spacingMs;
  }

  /** Nothing left that any window or the spacing still counts: the log can be dropped. */
  idle(now: number): boolean {
    this.forget(now);
    return this.times.length === 0 && this.due <= now;
  }

  private forget(now: number): void {
    const keep = this.firstAfter(now - this.longestMs);
    if (keep > 0) this.times.splice(0, keep);
  }

  /** Index of the first request later than `instant` (binary search; times are ascending). */
  private firstAfter(instant: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.times[middle]! > instant) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/**
 * "Throttled until", per tenant: after a 429, every send to that tenant waits until its Retry-After has
 * passed. One board is shared by every sender in this process (the pacer holds it; pass the same board
 * to every pacer). Across processes (several instances of the bot), the pacer's `shared` pacing
 * (sharedPacing.ts) keeps the instant and the tenant's budget in the store.
 */
export class ThrottleBoard {
  private readonly until = new Map<string, number>();

  /** Throttles the tenant until `untilMs` (pacing clock); an earlier instant than one set already changes nothing. */
  throttle(tenantId: string, untilMs: number): void {
    if (untilMs > (this.until.get(tenantId) ?? Number.NEGATIVE_INFINITY)) this.until.set(tenantId, untilMs);
  }

  throttledUntil(tenantId: string): number | undefined {
    return this.until.get(tenantId);
  }

  /** Milliseconds the tenant still waits at `now` (0: not throttled). */
  waitMs(tenantId: string, now: number): number {
    const until = this.until.get(tenantId);
    if (until === undefined) return 0;
    if (until <= now) {
      this.until.delete(tenantId);
      return 0;
    }
    return until - now;
  }
}

export interface SendPacerOptions {
  clock: PacingClock;
  conversationLimits?: readonly RateLimit[];
  tenantLimits?: readonly RateLimit[];
  /** Each window is taken this much wider than Teams' (default 50 ms): room for network jitter. */
  marginMs?: number;
  /** Shared by every pacer in the process (default: a board of this pacer's own). */
  throttles?: ThrottleBoard;
  /**
   * The tenant's budget and "throttled until" shared with every other instance through the store;
   * `clock` must then be the wall clock (`wallPacingClock`). Without it, the pacer paces this process only.
   */
  shared?: SharedTenantPacing;
}

export interface AcquireOptions {
  /** Give up (`late`) rather than wait past this instant (pacing clock). */
  deadline?: number;
  /** Give up (`stopped`) when this aborts: the dispatcher is stopping. */
  signal?: AbortSignal;
  /**
   * While the tenant is throttled: `wait` (the default) until the throttle ends; `return` at once
   * (`throttled`), so that the caller can use its time for another tenant meanwhile.
   */
  whileThrottled?: 'wait' | 'return';
  /** The connector requests this message costs, when the caller knows better than `connectorRequestsOf`. */
  requests?: number;
}

/** `granted`: go now, the requests are counted. Otherwise nothing is counted and nothing may be sent. */
export type Grant = 'granted' | 'throttled' | 'late' | 'stopped';

/**
 * Grants sends under the rate limits of their conversation and their tenant and the tenant's
 * "throttled until". A send waits first for its conversation, then in line (first come, first
 * served) for its tenant, so a conversation that is at its own limit never holds up the tenant's
 * other conversations. Waiting is sleeping on the injected clock: it never blocks the event loop,
 * so inbound turns go on meanwhile.
 */
export class SendPacer {
  readonly clock: PacingClock;
  readonly throttles: ThrottleBoard;
  private readonly conversationLimits: readonly RateLimit[];
  private readonly tenantLimits: readonly RateLimit[];
  private readonly marginMs: number;
  private readonly conversations = new Map<string, SendLog>();
  private readonly tenants = new Map<string, SendLog>();
  /** The last waiter in line, per conversation and per tenant. */
  private readonly lines = new Map<string, Promise<void>>();
  /** Requests waiting for their tenant, per tenant: how many slots a shared reservation takes at once. */
  private readonly waiting = new Map<string, number>();
  private readonly shared: SharedTenantPacing | undefined;
  private grants = 0;

  constructor(options: SendPacerOptions) {
    this.clock = options.clock;
    this.conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
    this.tenantLimits = options.tenantLimits ?? TEAMS_TENANT_LIMITS;
    this.marginMs = options.marginMs ?? 50;
    this.throttles = options.throttles ?? new ThrottleBoard();
    this.shared = options.shared;
  }

  /**
   * Waits until the message's requests may go, and counts them as sent now (`granted`). Gives up,
   * counting nothing, when that would be after `deadline` (`late`), when `signal` aborts (`stopped`),
   * or at once while the tenant is throttled if asked to (`throttled`).
   */
  async acquire(message: Pick<OutboxMessage, 'tenantId' | 'to'>, options: AcquireOptions = {}): Promise<Grant> {
    const requests = options.requests ?? connectorRequestsOf(message);
    const key = conversationKeyOf(message);
    return this.inLine(`c:${key}`, async () => {
      // The conversation first; only this waiter adds to its log, so once it fits it keeps fitting.
      const conversation = this.logOf(this.conversations, key, this.conversationLimits);
      const ready = await this.waitFor(() => conversation.waitMs(this.clock.now(), requests), options);
      if (ready !== 'granted') return ready;
      const { tenantId } = message;
      this.waiting.set(tenantId, (this.waiting.get(tenantId) ?? 0) + requests);
      return this.inLine(`t:${tenantId}`, async () => {
        const tenant = this.logOf(this.tenants, tenantId, this.tenantLimits);
        for (;;) {
          const fits = await this.waitFor(() => {
            const now = this.clock.now();
            const throttled = this.throttles.waitMs(tenantId, now);
            if (throttled > 0 && options.whileThrottled === 'return') return 'throttled';
            return Math.max(throttled, tenant.waitMs(now, requests));
          }, options);
          if (fits !== 'granted') return fits;
          if (!this.shared) return this.grant(conversation, tenant, requests);
          // Then the tenant's slot among every instance's: another instance's 429 throttles this one too.
          const slot = await this.shared.take(tenantId, requests, this.clock.now(), this.waiting.get(tenantId) ?? requests, options.deadline);
          if (slot === 'late') return slot;
          if ('throttledUntil' in slot) {
            this.throttles.throttle(tenantId, slot.throttledUntil);
            continue;
          }
          const ready = await this.waitFor(() => slot.at - this.clock.now(), options);
          if (ready !== 'granted') return ready;
          // Woken too late for the slot (a stalled event loop), or a 429 met meanwhile: the slot is given
          // up, and another taken (after the throttle, which the top of the loop waits out).
          if (this.shared.missed(slot.at, this.clock.now()) || this.throttles.waitMs(tenantId, this.clock.now()) > 0) continue;
          return this.grant(conversation, tenant, requests);
        }
      }).finally(() => {
        const left = (this.waiting.get(tenantId) ?? requests) - requests;
        if (left > 0) this.waiting.set(tenantId, left);
        else this.waiting.delete(tenantId);
      });
    });
  }

  /** Counts the requests as sent now, in the conversation's and the tenant's logs. */
  private grant(conversation: SendLog, tenant: SendLog, requests: number): Grant {
    const now = this.clock.now();
    conversation.record(now, requests);
    tenant.record(now, requests);
    if (++this.grants % 1000 === 0) this.forgetIdle(now);
    return 'granted';
  }

  /** Milliseconds the tenant still waits for its throttle to end (0: not throttled). */
  throttledFor(tenantId: string): number {
    return this.throttles.waitMs(tenantId, this.clock.now());
  }

  /** After a 429: every send to the tenant waits `waitMs` from now (see ThrottleBoard), in every instance when shared. */
  async throttle(tenantId: string, waitMs: number): Promise<void> {
    const until = this.clock.now() + waitMs;
    this.throttles.throttle(tenantId, until);
    await this.shared?.throttle(tenantId, until);
  }

  private async waitFor(waitMs: () => number | 'throttled', { deadline, signal }: AcquireOptions): Promise<Grant> {
    for (;;) {
      if (signal?.aborted) return 'stopped';
      const wait = waitMs();
      if (wait === 'throttled') return wait;
      if (wait <= 0) return 'granted';
      if (deadline !== undefined && this.clock.now() + wait > deadline) return 'late';
      await this.clock.sleep(wait, signal);
    }
  }

  /** Runs `work` after every earlier `work` of the same line has finished. */
  private async inLine<T>(line: string, work: () => Promise<T>): Promise<T> {
    const before = this.lines.get(line) ?? Promise.resolve();
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => {
      leave = resolve;
    });
    const tail = before.then(() => mine);
    this.lines.set(line, tail);
    await before;
    try {
      return await work();
    } finally {
      leave();
      if (this.lines.get(line) === tail) this.lines.delete(line);
    }
  }

  private logOf(logs: Map<string, SendLog>, key: string, limits: readonly RateLimit[]): SendLog {
    let log = logs.get(key);
    if (!log) {
      log = new SendLog(limits, this.marginMs);
      logs.set(key, log);
    }
    return log;
  }

  /** Drops the logs of conversations and tenants nothing was sent to for longer than any window. */
  private forgetIdle(now: number): void {
    for (const [logs, line] of [
      [this.conversations, 'c'],
      [this.tenants, 't'],
    ] as const) {
      for (const [key, log] of logs) if (log.idle(now) && !this.lines.has(`${line}:${key}`)) logs.delete(key);
    }
  }
}
