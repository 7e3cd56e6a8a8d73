// A reader who tries to work out the hidden cells of a leader's report from what it shows: the shown
// cells, the sums between cells (a total is the sum of its parts), that a figure shown in several
// tables is the same figure, that counts are whole and not negative, and (more than the report says)
// which hidden counts of young people are below five. Written apart from suppression.ts, without its
// flow argument: linear algebra, and a search for another whole-number table that fits.
import type { Case } from '../../../bot/domain/case';
import { leaderReport } from '../../../bot/domain/statistics/leaderReport';
import { type Period, endedWindow } from '../../../bot/domain/statistics/period';
import { CHECKLIST_FIGURES, halfYearStatus } from '../../../bot/domain/statistics/status';
import type { Cell } from '../../../bot/domain/statistics/suppression';
import type { Table } from '../../../bot/domain/statistics/table';

export interface Shown {
  table: Table<string>;
  cells: Readonly<Record<string, Cell>>;
}

/** A leader's report beside the tables it was made from: what the reader sees, and the truth to check against. */
export function reportAsShown(cases: readonly Case[], period: Period, at: Date): Shown[] {
  const status = halfYearStatus(cases, endedWindow(period, at));
  const report = leaderReport(cases, period, at);
  return [
    { table: status.meetings, cells: report.meetings },
    { table: status.meetingsPerYear, cells: report.meetingsPerYear },
    { table: status.agreements, cells: report.agreements },
    { table: status.agreementsMoved, cells: report.agreementsMoved },
    { table: status.feedback, cells: report.feedback },
    { table: status.evaluation, cells: report.evaluation },
    ...CHECKLIST_FIGURES.map((figure) => ({ table: status.checklist[figure], cells: report.checklist[figure] as Record<string, Cell> })),
  ];
}

interface System {
  /** Unknown -> its true value (to report what was recovered, and to look for another near it). */
  truth: Map<string, number>;
  upper: Map<string, number>;
  /** Σ coefficient × unknown = rhs. */
  equations: Array<{ terms: Array<[string, number]>; rhs: number }>;
}

const unknownOf = (index: number, table: Table<string>, key: string) => {
  const cell = table.cells.find((candidate) => candidate.key === key);
  return cell?.shared ?? `${index}:${key}`;
};

function systemOf(report: readonly Shown[]): System {
  const truth = new Map<string, number>();
  const upper = new Map<string, number>();
  const equations: System['equations'] = [];
  report.forEach(({ table, cells }, index) => {
    for (const cell of table.cells) {
      const shown = cells[cell.key];
      if (!shown) throw new Error(`report lacks ${cell.key}`);
      if (shown.kind === 'value') {
        if (shown.value !== cell.tally.count) throw new Error(`report shows ${cell.key} = ${shown.value}, truth ${cell.tally.count}`);
        continue;
      }
      const name = unknownOf(index, table, cell.key);
      truth.set(name, cell.tally.count);
      const small = table.counted === 'youngPeople' && cell.tally.people.size < 5;
      upper.set(name, Math.min(upper.get(name) ?? Number.POSITIVE_INFINITY, small ? 4 : Number.POSITIVE_INFINITY));
    }
    for (const sum of table.sums) {
      const terms = new Map<string, number>();
      let rhs = 0;
      for (const [key, coefficient] of [[sum.total, -1] as const, ...sum.parts.map((part) => [part, 1] as const)]) {
        const shown = cells[key];
        if (shown?.kind === 'value') rhs -= coefficient * shown.value;
        else {
          const name = unknownOf(index, table, key);
          terms.set(name, (terms.get(name) ?? 0) + coefficient);
        }
      }
      equations.push({ terms: [...terms].filter(([, coefficient]) => coefficient !== 0), rhs });
    }
  });
  // Hidden counts are at most what any shown total above them is; with none shown, a generous bound.
  const ceiling = 5 + [...truth.values()].reduce((sum, value) => sum + value, 0) + report.flatMap(({ cells }) => Object.values(cells)).reduce((sum, cell) => sum + (cell.kind === 'value' ? cell.value : 0), 0);
  for (const [name, bound] of upper) upper.set(name, Math.min(bound, ceiling));
  return { truth, upper, equations };
}

/** The hidden cells that the equations alone determine (reduced row echelon form: a row with one unknown). */
export function linearlyRecovered(report: readonly Shown[]): string[] {
  const { truth, equations } = systemOf(report);
  const names = [...truth.keys()];
  const rows = equations.map(({ terms, rhs }) => {
    const row = names.map((name) => terms.find(([term]) => term === name)?.[1] ?? 0);
    return [...row, rhs];
  });
  let pivotRow = 0;
  for (let column = 0; column < names.length && pivotRow < rows.length; column++) {
    const found = rows.findIndex((row, index) => index >= pivotRow && Math.abs(row[column] ?? 0) > 1e-9);
    if (found < 0) continue;
    [rows[pivotRow], rows[found]] = [rows[found] ?? [], rows[pivotRow] ?? []];
    const pivot = rows[pivotRow] ?? [];
    const lead = pivot[column] ?? 1;
    for (let k = 0; k < pivot.length; k++) pivot[k] = (pivot[k] ?? 0) / lead;
    rows.forEach((row, index) => {
      if (index === pivotRow) return;
      const factor = row[column] ?? 0;
      if (Math.abs(factor) > 1e-9) for (let k = 0; k < row.length; k++) row[k] = (row[k] ?? 0) - factor * (pivot[k] ?? 0);
    });
    pivotRow++;
  }
  return rows.flatMap((row) => {
    const nonZero = names.filter((_, index) => Math.abs(row[index] ?? 0) > 1e-9);
    return nonZero.length === 1 ? nonZero : [];
  });
}

/**
 * The hidden cells for which no other whole, non-negative value fits everything shown (within the
 * bounds above): a search over whole numbers that narrows every unknown's range by every equation, then
 * tries values, one group of unknowns linked by equations at a time. Throws if it grows beyond `budget`
 * steps, so that a slow case fails, not passes.
 */
export function recoveredWithBounds(report: readonly Shown[], budget = 100_000): string[] {
  const system = systemOf(report);
  const names = [...system.truth.keys()];
  const index = new Map(names.map((name, place) => [name, place]));
  const truth = names.map((name) => system.truth.get(name) ?? 0);
  const upper = names.map((name) => system.upper.get(name) ?? 0);
  const equations = system.equations.map(({ terms, rhs }) => ({ terms: terms.map(([name, coefficient]): [number, number] => [index.get(name) ?? -1, coefficient]), rhs }));
  // Groups of unknowns linked by equations: each is searched on its own.
  const group = names.map((_, place) => place);
  const root = (place: number): number => (group[place] === place ? place : (group[place] = root(group[place] ?? place)));
  for (const { terms } of equations) for (const [place] of terms.slice(1)) group[root(place)] = root(terms[0]?.[0] ?? place);
  let steps = 0;

  /** Narrows the ranges in place; false when some range is empty. */
  function narrow(low: number[], high: number[], within: readonly (typeof equations)[number][]): boolean {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { terms, rhs } of within) {
        const least = (place: number, coefficient: number) => Math.min(coefficient * (low[place] ?? 0), coefficient * (high[place] ?? 0));
        const most = (place: number, coefficient: number) => Math.max(coefficient * (low[place] ?? 0), coefficient * (high[place] ?? 0));
        let allLeast = 0;
        let allMost = 0;
        for (const [place, coefficient] of terms) {
          allLeast += least(place, coefficient);
          allMost += most(place, coefficient);
        }
        if (rhs < allLeast || rhs > allMost) return false;
        for (const [place, coefficient] of terms) {
          // coefficient × unknown lies in [rhs − (the others' most), rhs − (the others' least)].
          const from = rhs - (allMost - most(place, coefficient));
          const to = rhs - (allLeast - least(place, coefficient));
          const lo = coefficient > 0 ? Math.ceil(from / coefficient) : Math.ceil(to / coefficient);
          const hi = coefficient > 0 ? Math.floor(to / coefficient) : Math.floor(from / coefficient);
          if (lo > (low[place] ?? 0) || hi < (high[place] ?? 0)) {
            low[place] = Math.max(lo, low[place] ?? 0);
            high[place] = Math.min(hi, high[place] ?? 0);
            if ((low[place] ?? 0) > (high[place] ?? 0)) return false;
            changed = true;
          }
        }
      }
    }
    return true;
  }

  function solve(low: number[], high: number[], members: readonly number[], within: readonly (typeof equations)[number][]): boolean {
    if (++steps > budget) throw new Error('attacker search budget exceeded');
    if (!narrow(low, high, within)) return false;
    let next = -1;
    for (const place of members) {
      const width = (high[place] ?? 0) - (low[place] ?? 0);
      if (width > 0 && (next < 0 || width < (high[next] ?? 0) - (low[next] ?? 0))) next = place;
    }
    if (next < 0) return true;
    const from = low[next] ?? 0;
    const to = high[next] ?? 0;
    const center = Math.min(to, Math.max(from, truth[next] ?? 0));
    const values = Array.from({ length: to - from + 1 }, (_, offset) => from + offset).sort((a, b) => Math.abs(a - center) - Math.abs(b - center));
    return values.some((value) => {
      const lower = [...low];
      const higher = [...high];
      lower[next] = value;
      higher[next] = value;
      return solve(lower, higher, members, within);
    });
  }

  return names.filter((_, place) => {
    const members = names.map((_, other) => other).filter((other) => root(other) === root(place));
    const within = equations.filter(({ terms }) => terms.some(([term]) => root(term) === root(place)));
    const value = truth[place] ?? 0;
    const bound = upper[place] ?? 0;
    const low = names.map(() => 0);
    // Another value above, or below, the true one.
    const above = value < bound && solve(low.map((lo, other) => (other === place ? value + 1 : lo)), [...upper], members, within);
    const below = !above && value > 0 && solve([...low], upper.map((hi, other) => (other === place ? value - 1 : hi)), members, within);
    return !above && !below;
  });
}
