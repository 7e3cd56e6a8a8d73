// The retention job: erases closed cases once the retention period has run, in the dispatcher's
// process, on its own timer (bot/periodicJob.ts). Time comes from the injected clock.
import { type RetentionDeps, eraseExpiredCases } from '../app/rights';
import { type JobLog, PeriodicJob } from '../periodicJob';

export class RetentionJob extends PeriodicJob {
  /** A pass erases every case closed `retentionDays` ago or longer, and counts them. */
  constructor(deps: RetentionDeps, retentionDays: number, log?: JobLog) {
    super(() => eraseExpiredCases(deps, retentionDays), { done: 'retention.erased', counted: 'cases', failed: 'retention.failed' }, log);
  }
}
