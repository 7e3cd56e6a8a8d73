// A job the service runs on its own timer, in its own process (the retention job, the freezing of leaders'
// reports): one pass at a time, a failed pass logged (counts and error names only) and tried at the next,
// a timer that does not keep the process alive. Time inside a pass comes from the injected clock.
export interface JobLog {
  info(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

/** What a pass is logged as: the event when it did something (with how many, under `counted`), and when it failed. */
interface JobEvents {
  done: string;
  counted: string;
  failed: string;
}

export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    /** One pass; returns how many things it did. */
    private readonly pass: () => Promise<number>,
    private readonly events: JobEvents,
    private readonly log?: JobLog,
  ) {}

  /** One pass now; returns how many things it did. */
  async runOnce(): Promise<number> {
    // Never two passes at once in one process (a slow pass and the next tick).
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs now and then every `intervalMs`. */
  start(intervalMs: number): void {
    if (this.timer) return;
    const tick = async () => {
      try {
        const count = await this.runOnce();
        if (count > 0) this.log?.info({ event: this.events.done, [this.events.counted]: count });
      } catch (error) {
        this.log?.error({ event: this.events.failed, errorName: (error as Error).name });
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
