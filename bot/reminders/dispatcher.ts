// Sends what the outbox holds: claims due messages under a lease, hands each to `send`, records the
// outcome. The Teams layer provides `send` (it renders the message from the case and posts it); this
// file knows nothing of botbuilder, and time comes from the injected clock.
import type { CaseStore, OutboxMessage, OutboxOutcome } from '../store/port';

/** What `send` made of one message. `error` is a status or an error name, never message content. */
export type SendResult =
  | { status: 'sent' }
  | { status: 'retry'; afterMs: number; error: string }
  | { status: 'failed'; error: string };

/** Ids, counts and codes only (a pino logger fits). */
export interface DispatcherLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface OutboxDispatcherOptions {
  store: Pick<CaseStore, 'claimDueOutbox' | 'settleOutbox'>;
  now: () => Date;
  /** Unique per dispatcher (per process, say): the claims it holds carry it. */
  owner: string;
  /** Must bound its own time, well inside `leaseMs`; it may throw (taken as a retry). */
  send: (message: OutboxMessage) => Promise<SendResult>;
  /** How long a claim holds. Longer than sending a whole batch takes. */
  leaseMs: number;
  batchSize: number;
  /** Attempts before a message that keeps failing is given up as `failed`. */
  maxAttempts?: number;
  /** The pause before the next attempt after `send` threw, given the attempts made so far (1, 2, ...). */
  backoffMs?: (attempts: number) => number;
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
  /** Settles refused: another dispatcher took the message over after this one's lease ran out. */
  takenOver: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min, ... at most 30 min. */
export const defaultBackoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);

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
 */
export class OutboxDispatcher {
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempts: number) => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  /** Each start begins a new chain of runs; a chain left over from before a stop ends by itself. */
  private generation = 0;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
  }

  /**
   * Claims one batch and sends its messages one after another, settling each before the next. A
   * store error ends the batch (and rejects): the messages not yet sent keep their claim until it runs
   * out and are then claimed again, none lost; one sent but not settled is sent again (at least once).
   */
  async runOnce(): Promise<DispatchCounts> {
    const { store, now, owner, leaseMs, batchSize, log } = this.options;
    const claimed = await store.claimDueOutbox(now(), owner, leaseMs, batchSize);
    const counts: DispatchCounts = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, lapsed: 0, takenOver: 0 };
    for (const message of claimed) {
      const ids = { messageId: message.id, caseId: message.caseId, kind: message.kind };
      if (message.leaseUntil !== undefined && now().getTime() >= Date.parse(message.leaseUntil)) {
        counts.lapsed++;
        log?.warn({ ...ids, leaseMs, batchSize }, 'outbox claim ran out before its turn: lease too short for the batch');
        continue;
      }
      const outcome = this.outcomeOf(message, await this.trySend(message));
      if (outcome.status === 'sent') counts.sent++;
      else if (outcome.status === 'pending') counts.retried++;
      else {
        counts.failed++;
        log?.warn({ ...ids, attempts: message.attempts + 1, error: outcome.error }, 'outbox message given up');
      }
      if (!(await store.settleOutbox(message, owner, outcome))) {
        counts.takenOver++;
        log?.warn(ids, 'outbox message was taken over by another dispatcher before it was settled');
      }
    }
    return counts;
  }

  /**
   * Runs a batch now and then every `intervalMs` on a timer that does not keep the process alive; a
   * full batch is followed at once by the next, so a backlog drains without waiting. Runs never
   * overlap. An error is logged and the next run goes ahead as planned.
   */
  start(intervalMs: number): void {
    if (this.started) return;
    this.started = true;
    const generation = ++this.generation;
    const tick = async () => {
      this.timer = undefined;
      // After a stop that was not awaited, the batch before it may still be running.
      await this.running;
      if (!this.started || generation !== this.generation) return;
      let full = false;
      this.running = this.runOnce().then(
        (counts) => {
          full = counts.claimed === this.options.batchSize;
        },
        (error: unknown) => this.options.log?.error({ error: errorName(error), owner: this.options.owner }, 'outbox dispatch failed'),
      );
      await this.running;
      this.running = undefined;
      if (this.started && generation === this.generation) this.schedule(tick, full ? 0 : intervalMs);
    };
    this.schedule(tick, 0);
  }

  /** No further runs; resolves when a batch that is running has finished. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(tick: () => Promise<void>, delayMs: number): void {
    this.timer = setTimeout(() => void tick(), delayMs);
    this.timer.unref();
  }

  private async trySend(message: OutboxMessage): Promise<SendResult> {
    try {
      return await this.options.send(message);
    } catch (error) {
      return { status: 'retry', afterMs: this.backoffMs(message.attempts + 1), error: errorName(error) };
    }
  }

  private outcomeOf(message: OutboxMessage, result: SendResult): OutboxOutcome {
    const now = this.options.now();
    switch (result.status) {
      case 'sent':
        return { status: 'sent', at: now.toISOString() };
      case 'failed':
        return { status: 'failed', error: result.error };
      case 'retry':
        // This attempt counts: the message has had `attempts + 1` once it is settled.
        return message.attempts + 1 >= this.maxAttempts
          ? { status: 'failed', error: result.error }
          : { status: 'pending', notBefore: new Date(now.getTime() + result.afterMs).toISOString(), error: result.error };
    }
  }
}
