// The job that freezes leaders' reports of the latest ended half-year (app/frozenReports.ts), in the
// dispatcher's process, on its own timer that does not keep the process alive, as the retention job.
// Time comes from the injected clock. After the half-year's first pass, a pass costs one point read per unit.
import type { AppDeps } from '../app/context';
import { freezeEndedReports } from '../app/frozenReports';
import type { RetentionLog } from '../retention/retentionJob';

export class FreezeReportsJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: Pick<AppDeps, 'store' | 'now'>,
    private readonly log?: RetentionLog,
  ) {}

  /** One pass; returns how many reports it froze. */
  async runOnce(): Promise<number> {
    // Never two passes at once in one process (a slow pass and the next tick).
    this.running ??= freezeEndedReports(this.deps).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs now and then every `intervalMs`; a failed pass is logged (counts and error names only) and tried at the next. */
  start(intervalMs: number): void {
    if (this.timer) return;
    const tick = async () => {
      try {
        const frozen = await this.runOnce();
        if (frozen > 0) this.log?.info({ event: 'statistics.frozen', reports: frozen });
      } catch (error) {
        this.log?.error({ event: 'statistics.freezeFailed', errorName: (error as Error).name });
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
