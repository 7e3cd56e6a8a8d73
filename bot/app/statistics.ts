// A leader's half-yearly status of a unit they lead (PRODUCT.md §5–§6): read from that unit's cases only,
// suppressed (domain/statistics/leaderReport.ts) and frozen once the period has ended (frozenReports.ts),
// every read and refusal (of the leader, or of the period asked for) audited under the organisation.
import { requireLeaderOf } from '../domain/access';
import { DomainError } from '../domain/errors';
import { type Unit, unitsLedBy } from '../domain/organisation';
import type { LeaderReport } from '../domain/statistics/leaderReport';
import { type Period, endedPeriods, endedWindow, parsePeriod } from '../domain/statistics/period';
import { organisationAuditId } from '../store/port';
import type { ActorId, AppDeps } from './context';
import { auditRecord } from './context';
import { frozenLeaderReport } from './frozenReports';
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
  let period: Period;
  try {
    period = periodId === undefined || periodId.trim() === '' ? endedPeriods(now, 1)[0]! : parsePeriod(periodId);
    endedWindow(period, now);
  } catch (error) {
    return refusedPeriod(deps, actor, error);
  }
  const report = await frozenLeaderReport(deps, organisation, unit.id, period);
  await deps.store.appendAudit([auditRecord(deps, actor, organisationAuditId(actor.tenantId), 'statistics.read', 'ok')]);
  return { unit, units: unitsLedBy(organisation, actor.aadObjectId), report };
}

/** A period that is not a half-year, or has not ended: refused, and the refusal audited like a leader's. */
async function refusedPeriod(deps: AppDeps, actor: ActorId, error: unknown): Promise<never> {
  if (error instanceof DomainError) await deps.store.appendAudit([auditRecord(deps, actor, organisationAuditId(actor.tenantId), 'statistics.read', 'denied')]);
  throw error;
}
