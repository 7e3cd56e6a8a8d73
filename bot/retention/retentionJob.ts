// The retention job: erases closed cases once the retention period has run, in the dispatcher's
// process, on its own timer that does not keep the process alive. Time comes from the injected clock.
import { type RetentionDeps, eraseExpiredCases } from '../app/rights';

export interface RetentionLog {
  info(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: RetentionDeps,
    private readonly retentionDays: number,
    private readonly log?: RetentionLog,
  ) {}

  /** One pass: every case closed `retentionDays` ago or longer is erased. Returns how many. */
  async runOnce(): Promise<number> {
    // Never two passes at once in one process (a slow pass and the next tick).
    this.running ??= eraseExpiredCases(this.deps, this.retentionDays).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs now and then every `intervalMs`; a failed pass is logged (ids and counts only) and tried at the next. */
  start(intervalMs: number): void {
    if (this.timer) return;
    const tick = async () => {
      try {
        const erased = await this.runOnce();
        if (erased > 0) this.log?.info({ event: 'retention.erased', cases: erased });
      } catch (error) {
        this.log?.error({ event: 'retention.failed', errorName: (error as Error).name });
      }
    };
    void tick();
    this.timer = setInterval(() => void tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
