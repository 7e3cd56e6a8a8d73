// A leader's report of an ended half-year, kept as it was first computed and served as it is from then
// on. Recomputed on every read, a past half-year's figures would change with whatever happened to the
// cases later (a follow-up date moved, a meeting closed late, a case erased), and two reads of the same
// period could be subtracted to expose one young person: suppression protects one report, not the
// difference of two (bot/store/README.md, "Leaders' figures").
import { type LeaderReport, suppressedReport } from './leaderReport';
import { type Period, endedWindow } from './period';
import { halfYearStatus } from './status';
import type { Cell } from './suppression';

/** The shape of `report` stored now. Another number is a report written by an older or newer bot. */
export const FROZEN_REPORT_VERSION = 1;

/** What is stored: the suppressed report only, what a leader may see, nothing per case. */
export interface FrozenReport {
  version: number;
  tenantId: string;
  unitId: string;
  periodId: string;
  /** When it was computed (for the operator: how long after the period's end). */
  frozenAt: string;
  report: LeaderReport;
}

export const frozenReport = (tenantId: string, unitId: string, report: LeaderReport, at: Date): FrozenReport => ({
  version: FROZEN_REPORT_VERSION,
  tenantId,
  unitId,
  periodId: report.window.period.id,
  frozenAt: at.toISOString(),
  report,
});

const SUPPRESSED: Cell = { kind: 'suppressed' };

const isCell = (value: unknown): value is Cell =>
  typeof value === 'object' &&
  value !== null &&
  (('kind' in value && value.kind === 'suppressed') || ('kind' in value && value.kind === 'value' && 'value' in value && typeof value.value === 'number'));

/** `stored` in the shape of `template`: a cell it lacks (or holds in another form) is shown as suppressed; anything not a cell is the template's. */
function conformed(template: unknown, stored: unknown): unknown {
  if (isCell(template)) return isCell(stored) ? stored : SUPPRESSED;
  if (typeof template !== 'object' || template === null) return template;
  const from = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, key === 'window' ? value : conformed(value, from[key])]));
}

/**
 * What a leader is served from a frozen report. Never recomputed: a report of another version is kept
 * and fitted to today's shape, a figure today's report has and it lacks (or holds in another form)
 * shown as suppressed, a figure it has and today's lacks left out. Recomputing it would bring back the
 * very difference the freezing prevents.
 */
export function servedReport(frozen: FrozenReport, period: Period): LeaderReport {
  if (frozen.version === FROZEN_REPORT_VERSION) return frozen.report;
  const template = suppressedReport(halfYearStatus([], endedWindow(period, new Date(period.end))));
  return conformed(template, frozen.report) as LeaderReport;
}
