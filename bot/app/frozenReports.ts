// Leaders' reports of ended half-years, frozen: computed once from the unit's cases (page by page),
// stored, and from then on served as stored (domain/statistics/frozenReport.ts says why).
import { type Organisation, isDefaultUnit } from '../domain/organisation';
import { type FrozenReport, frozenReport, servedReport } from '../domain/statistics/frozenReport';
import { type LeaderReport, suppressedReport } from '../domain/statistics/leaderReport';
import { addedStatus } from '../domain/statistics/merge';
import { type Period, endedPeriods, endedWindow } from '../domain/statistics/period';
import { halfYearStatus } from '../domain/statistics/status';
import type { CaseStore } from '../store/port';
import type { AppDeps } from './context';

/** The unit's report of an ended period from its cases as they are now, counted a page at a time. */
export async function computedReport(store: CaseStore, organisation: Organisation, unitId: string, period: Period, now: Date): Promise<LeaderReport> {
  const window = endedWindow(period, now);
  let status = halfYearStatus([], window);
  for await (const page of store.unitCasePages(organisation.tenantId, unitId, isDefaultUnit(organisation, unitId))) {
    status = addedStatus(status, halfYearStatus(page, window));
  }
  return suppressedReport(status);
}

/** The stored copy, else computed and frozen now: if another caller froze it meanwhile, theirs (first writer wins). */
async function frozenCopy(deps: Pick<AppDeps, 'store' | 'now'>, organisation: Organisation, unitId: string, period: Period): Promise<FrozenReport> {
  const stored = await deps.store.getFrozenReport(organisation.tenantId, unitId, period.id);
  if (stored) return stored;
  const now = deps.now();
  const report = await computedReport(deps.store, organisation, unitId, period, now);
  return deps.store.freezeReport(frozenReport(organisation.tenantId, unitId, report, now));
}

/** What a leader is shown of an ended period: never recomputed once frozen. */
export async function frozenLeaderReport(deps: Pick<AppDeps, 'store' | 'now'>, organisation: Organisation, unitId: string, period: Period): Promise<LeaderReport> {
  return servedReport(await frozenCopy(deps, organisation, unitId, period), period);
}

/**
 * One pass of the job: freezes the latest ended half-year's report of every unit of every tenant that
 * has none yet, so that the copy is taken as near the period's end as possible and the first leader's
 * read is one point read. Returns how many it froze; a second pass freezes none.
 */
export async function freezeEndedReports(deps: Pick<AppDeps, 'store' | 'now'>): Promise<number> {
  const [period] = endedPeriods(deps.now(), 1);
  if (!period) return 0;
  let frozen = 0;
  for (const organisation of await deps.store.listOrganisations()) {
    for (const unit of organisation.units) {
      if (await deps.store.getFrozenReport(organisation.tenantId, unit.id, period.id)) continue;
      await frozenCopy(deps, organisation, unit.id, period);
      frozen += 1;
    }
  }
  return frozen;
}
