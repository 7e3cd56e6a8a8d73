// The half-year a status is taken for (seed 001: "Teamet kan hvert halve år gøre status over
// besvarelserne"): 1 January to 30 June, 1 July to 31 December, in Copenhagen time. Only whole
// half-years exist, so two reports cannot be subtracted to expose a small group.
import { DateTime } from 'luxon';
import { DomainError } from '../errors';
import { MODEL_ZONE } from '../fields';

export interface Period {
  /** "2027H1", "2027H2". */
  id: string;
  /** The first instant of the half-year (ISO 8601, UTC). */
  start: string;
  /** The first instant after it: a period is [start, end). */
  end: string;
  /** Its first and last day as the model writes dates (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
}

/**
 * What a status covers. A leader's report covers an ended period only: a report "so far" of the running
 * half-year, asked for twice, would by subtraction show what happened in between, perhaps one young
 * person's meeting. The team's own status (no suppression: the team sees its own case anyway) may be
 * taken for the running half-year "so far", up to `now`.
 */
export interface StatusWindow {
  period: Period;
  /** The instant the figures are taken at: the period's end, or `now` while it runs. */
  asOf: string;
  /** The Copenhagen date of `asOf` (for an ended period, the day after its last day). */
  asOfDay: string;
  complete: boolean;
}

const PERIOD_ID = /^(\d{4})H([12])$/;
/** The bot's data starts after 2000; a year past 2100 is a typing error. */
const YEARS = { min: 2000, max: 2100 } as const;

function periodOf(year: number, half: 1 | 2): Period {
  const start = DateTime.fromObject({ year, month: half === 1 ? 1 : 7, day: 1 }, { zone: MODEL_ZONE });
  const end = start.plus({ months: 6 });
  return {
    id: `${year}H${half}`,
    start: start.toUTC().toISO() ?? '',
    end: end.toUTC().toISO() ?? '',
    firstDay: start.toISODate() ?? '',
    lastDay: end.minus({ days: 1 }).toISODate() ?? '',
  };
}

/** "2027H1" (case and spaces forgiven); anything else is refused. */
export function parsePeriod(text: string | undefined): Period {
  const match = PERIOD_ID.exec(text?.trim().toUpperCase() ?? '');
  const year = Number(match?.[1]);
  if (!match || year < YEARS.min || year > YEARS.max) throw new DomainError('invalidPeriod');
  return periodOf(year, match[2] === '1' ? 1 : 2);
}

/** The half-year `at` falls in, in Copenhagen. */
export function periodContaining(at: Date): Period {
  const local = DateTime.fromJSDate(at, { zone: MODEL_ZONE });
  return periodOf(local.year, local.month <= 6 ? 1 : 2);
}

const windowAt = (period: Period, asOf: string, complete: boolean): StatusWindow => ({
  period,
  asOf,
  asOfDay: DateTime.fromISO(asOf, { zone: MODEL_ZONE }).toISODate() ?? '',
  complete,
});

/** The `count` latest half-years that have ended by `now`, the latest first: what a leader picks from. */
export function endedPeriods(now: Date, count: number): Period[] {
  const running = periodContaining(now);
  let year = Number(running.id.slice(0, 4));
  let half: 1 | 2 = running.id.endsWith('1') ? 1 : 2;
  const periods: Period[] = [];
  while (periods.length < count) {
    [year, half] = half === 1 ? [year - 1, 2] : [year, 1];
    periods.push(periodOf(year, half));
  }
  return periods;
}

/** A leader's window: the period must have ended. */
export function endedWindow(period: Period, now: Date): StatusWindow {
  if (now.toISOString() < period.end) throw new DomainError('periodNotEnded', { period: period.id });
  return windowAt(period, period.end, true);
}

/** The team's window: an ended period whole, or the running one so far. */
export function teamWindow(period: Period, now: Date): StatusWindow {
  const at = now.toISOString();
  if (at < period.start) throw new DomainError('periodNotStarted', { period: period.id });
  return at < period.end ? windowAt(period, at, false) : windowAt(period, period.end, true);
}
