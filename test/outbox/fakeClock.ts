// A pacing clock for tests: virtual time that moves only when every task waits on it. `run(work)`
// lets everything that can run, run; then jumps to the earliest sleeper and wakes it; and so on until
// `work` settles. So a test of minutes of pacing takes milliseconds, and what it measures is exact.
import type { PacingClock } from '../../bot/outbox/pacing';

interface Sleeper {
  at: number;
  order: number;
  wake: () => void;
}

/** Lets pending callbacks (promise chains, setImmediate round trips) run. */
const drain = async (turns = 20) => {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

export class FakeClock implements PacingClock {
  private time: number;
  private sleepers: Sleeper[] = [];
  private order = 0;
  /** Every sleep asked for, in milliseconds: to see how long tasks waited. */
  readonly sleeps: number[] = [];

  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const aborted = () => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper);
        resolve();
      };
      const sleeper: Sleeper = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        wake: () => {
          signal?.removeEventListener('abort', aborted);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  /** Moves time on by `ms`, waking the sleepers due by then in time order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await drain();
      const next = this.nextSleeper();
      if (!next || next.at > until) break;
      this.wake(next);
    }
    this.time = until;
  }

  /** Whether anything sleeps. */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Runs until `work` settles, jumping to the next sleeper whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    let idleRounds = 0;
    while (!settled) {
      await drain();
      if (settled) break;
      const next = this.nextSleeper();
      if (!next) {
        // Nothing sleeps and the work is not done: it waits on something real (a store call).
        if (++idleRounds > 500) throw new Error('FakeClock.run: the work waits on neither the clock nor anything that ends');
        continue;
      }
      idleRounds = 0;
      this.wake(next);
    }
    return work;
  }

  private nextSleeper(): Sleeper | undefined {
    return this.sleepers.reduce<Sleeper | undefined>((first, sleeper) => (!first || sleeper.at < first.at || (sleeper.at === first.at && sleeper.order < first.order) ? sleeper : first), undefined);
  }

  private wake(sleeper: Sleeper): void {
    this.time = Math.max(this.time, sleeper.at);
    this.sleepers = this.sleepers.filter((other) => other !== sleeper);
    sleeper.wake();
  }
}

/** The most requests in any window of `perMs` (a window [t, t + perMs) starting at each request). */
export function mostInWindow(times: number[], perMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + perMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}
