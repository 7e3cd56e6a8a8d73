// The Monday radar's job (app/radar.ts): in the dispatcher's process, on its own timer
// (bot/periodicJob.ts), it writes each coordinator's radar ahead of its send time. Time comes from the
// injected clock.
import type { AppDeps } from '../app/context';
import { enqueueRadar } from '../app/radar';
import { type JobLog, PeriodicJob } from '../periodicJob';

/** Written from 16 hours ahead (the afternoon before): every hourly pass in that window may write it, and only the first does. */
export const RADAR_LEAD_MS = 16 * 3_600_000;

export class RadarJob extends PeriodicJob {
  /** A pass writes the coming radar's messages (none outside its lead time), and counts them. */
  constructor(deps: Pick<AppDeps, 'store' | 'now' | 'reminders' | 'newId'>, serviceUrl: string, log?: JobLog) {
    super(() => enqueueRadar(deps, serviceUrl, RADAR_LEAD_MS), { done: 'radar.written', counted: 'messages', failed: 'radar.failed' }, log);
  }
}
