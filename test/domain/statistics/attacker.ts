// A reader who tries to work out the hidden cells of a leader's report from what it shows: the shown
// cells, the sums between cells (a total is the sum of its parts), that a figure shown in several
// tables is the same figure, that counts are whole and not negative, and (more than the report says)
// which hidden counts of young people are below five. Written apart from suppression.ts, without its
// flow argument: linear algebra, and a search for another whole-number table that fits.
import type { Cell } from '../../../bot/domain/statistics/suppression';
import type { Table } from '../../../bot/domain/statistics/table';

export interface Shown {
  table: Table<string>;
  cells: Readonly<Record<string, Cell>>;
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
 * bounds above). Throws if the search grows beyond `budget` steps, so that a slow case fails, not passes.
 */
export function recoveredWithBounds(report: readonly Shown[], budget = 200_000): string[] {
  const { truth, upper, equations } = systemOf(report);
  const names = [...truth.keys()];
  let steps = 0;

  /** Whether the assignment can be completed. `fixed` is extended in place and restored. */
  function solve(fixed: Map<string, number>): boolean {
    if (++steps > budget) throw new Error('attacker search budget exceeded');
    // Forced values: an equation with one unknown left.
    const forced: string[] = [];
    let feasible = true;
    for (let changed = true; changed && feasible; ) {
      changed = false;
      for (const { terms, rhs } of equations) {
        const open = terms.filter(([name]) => !fixed.has(name));
        const sum = terms.reduce((total, [name, coefficient]) => total + (fixed.has(name) ? coefficient * (fixed.get(name) ?? 0) : 0), 0);
        if (open.length === 0) {
          if (sum !== rhs) feasible = false;
        } else if (open.length === 1) {
          const [name, coefficient] = open[0] ?? ['', 1];
          const value = (rhs - sum) / coefficient;
          if (!Number.isInteger(value) || value < 0 || value > (upper.get(name) ?? 0)) feasible = false;
          else {
            fixed.set(name, value);
            forced.push(name);
            changed = true;
          }
        } else {
          // Can the open unknowns still reach the rhs within their bounds?
          const low = open.reduce((total, [name, coefficient]) => total + Math.min(0, coefficient * (upper.get(name) ?? 0)), sum);
          const high = open.reduce((total, [name, coefficient]) => total + Math.max(0, coefficient * (upper.get(name) ?? 0)), sum);
          if (rhs < low || rhs > high) feasible = false;
        }
        if (!feasible) break;
      }
    }
    const next = feasible ? names.find((name) => !fixed.has(name)) : undefined;
    let result = feasible && next === undefined;
    if (feasible && next !== undefined) {
      const center = truth.get(next) ?? 0;
      const bound = upper.get(next) ?? 0;
      for (let offset = 0; !result && (center - offset >= 0 || center + offset <= bound); offset++) {
        for (const value of offset === 0 ? [center] : [center - offset, center + offset]) {
          if (result || value < 0 || value > bound) continue;
          fixed.set(next, value);
          result = solve(fixed);
          if (!result) fixed.delete(next);
        }
      }
    }
    if (!result) for (const name of forced) fixed.delete(name);
    return result;
  }

  return names.filter((name) => {
    const bound = upper.get(name) ?? 0;
    const value = truth.get(name) ?? 0;
    for (const other of [value + 1, value - 1, ...Array.from({ length: Math.min(bound, 50) + 1 }, (_, index) => index)]) {
      if (other === value || other < 0 || other > bound) continue;
      if (solve(new Map([[name, other]]))) return false;
    }
    return true;
  });
}
