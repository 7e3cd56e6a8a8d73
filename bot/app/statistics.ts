// A leader's half-yearly status of a unit they lead (PRODUCT.md §5–§6): read from that unit's cases only,
// suppressed (domain/statistics/leaderReport.ts), every read and refusal audited under the organisation.
import { requireLeaderOf } from '../domain/access';
import { type Unit, isDefaultUnit, unitsLedBy } from '../domain/organisation';
import { type LeaderReport, leaderReport } from '../domain/statistics/leaderReport';
import { endedPeriods, parsePeriod } from '../domain/statistics/period';
import { organisationAuditId } from '../store/port';
import type { ActorId, AppDeps } from './context';
import { auditRecord } from './context';
import { auditedRefusal, organisationOf } from './organisation';

/** How many ended half-years a leader is offered to pick from. */
export const PERIOD_CHOICES = 6;

export interface LeaderReportRead {
  unit: Unit;
  /** Every unit the leader leads: the unit picker. */
  units: Unit[];
  report: LeaderReport;
}

/** `periodId` none: the latest ended half-year; `unitId` none: the first unit the leader leads. */
export async function readLeaderReport(deps: AppDeps, actor: ActorId, { periodId, unitId }: { periodId?: string; unitId?: string }): Promise<LeaderReportRead> {
  const now = deps.now();
  const organisation = await organisationOf(deps, actor.tenantId);
  let unit: Unit;
  try {
    unit = requireLeaderOf(organisation, actor.aadObjectId, unitId);
  } catch (error) {
    return auditedRefusal(deps, actor, 'statistics.read', error);
  }
  const period = periodId === undefined || periodId.trim() === '' ? endedPeriods(now, 1)[0]! : parsePeriod(periodId);
  const cases = await deps.store.listUnitCases(actor.tenantId, unit.id, isDefaultUnit(organisation, unit.id));
  const report = leaderReport(cases, period, now);
  await deps.store.appendAudit([auditRecord(deps, actor, organisationAuditId(actor.tenantId), 'statistics.read', 'ok')]);
  return { unit, units: unitsLedBy(organisation, actor.aadObjectId), report };
}
