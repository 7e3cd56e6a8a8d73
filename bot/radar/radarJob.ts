// The Monday radar's job (app/radar.ts): in the dispatcher's process, on its own timer
// (bot/periodicJob.ts), it writes each coordinator's radar ahead of its send time. Time comes from the
// injected clock.
import type { AppDeps } from '../app/context';
import { enqueueRadar } from '../app/radar';
import { type JobLog, PeriodicJob } from '../periodicJob';

/** Written from 16 hours ahead (the afternoon before): a failed pass is tried again at the next tick. */
export const RADAR_LEAD_MS = 16 * 3_600_000;

export class RadarJob extends PeriodicJob {
  /**
   * A pass writes the coming radar's messages (none outside its lead time), and counts them. One whole
   * pass per radar and process: a pass reads every open case, so later ticks skip a radar written.
   */
  constructor(deps: Pick<AppDeps, 'store' | 'now' | 'reminders' | 'newId'>, serviceUrl: string, log?: JobLog) {
    let written: string | undefined;
    super(
      async () => {
        const at = deps.reminders.radarTimeAhead(deps.now(), RADAR_LEAD_MS);
        if (!at || at === written) return 0;
        const count = await enqueueRadar(deps, at, serviceUrl);
        written = at;
        return count;
      },
      { done: 'radar.written', counted: 'messages', failed: 'radar.failed' },
      log,
    );
  }
}
