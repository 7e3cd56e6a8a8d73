// The job that freezes leaders' reports of the latest ended half-year (app/frozenReports.ts), in the
// dispatcher's process, on its own timer (bot/periodicJob.ts). Time comes from the injected clock.
// After the half-year's first pass, a pass costs one point read per unit.
import type { AppDeps } from '../app/context';
import { freezeEndedReports } from '../app/frozenReports';
import { type JobLog, PeriodicJob } from '../periodicJob';

export class FreezeReportsJob extends PeriodicJob {
  /** A pass freezes the reports not frozen yet, and counts them. */
  constructor(deps: Pick<AppDeps, 'store' | 'now'>, log?: JobLog) {
    super(() => freezeEndedReports(deps), { done: 'statistics.frozen', counted: 'reports', failed: 'statistics.freezeFailed' }, log);
  }
}
