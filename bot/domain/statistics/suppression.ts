// Small-number suppression (diskretionering), as Danmarks Statistik does it: a cell about fewer than five
// young people is hidden (primary), and so are as many neighbours as it takes that no hidden cell can be
// worked out from the totals and the cells shown (secondary).
//
// How "cannot be worked out" is checked: a table's sums make it a flow. Every sum is a point, every cell
// an arrow carrying its count into the sums it is a part of and out of the sum it is the total of (the
// columns of a cross table the other way round; a cell in one sum only leaves from or comes back to one
// point outside, `OUTSIDE`). A reader knows the shown cells, that counts are whole and not negative,
// and, for a hidden count of young people, that it is below five. The hidden cells that fit are
// exactly the flows that keep every sum; two that fit differ by cycles of hidden cells. So a hidden cell
// could be otherwise, and cannot be worked out, exactly when it lies on a cycle of hidden cells along
// which one step is possible: one step up for the cells passed forward (staying below their bound), one
// down for those passed backward (staying at or above zero). That is a search for a path, below.
import type { SharedFigure, Table, TableCell } from './table';

export type Cell = { kind: 'value'; value: number } | { kind: 'suppressed' };

/** The smallest group shown: "<5" below it. */
export const MIN_GROUP = 5;

const OUTSIDE = '';

interface Arrow {
  from: string;
  to: string;
  count: number;
  /** What a reader knows bounds the hidden count: below MIN_GROUP for a count of young people hidden for being small. */
  bound: number;
}

function arrowsOf<Key extends string>(table: Table<Key>): Map<Key, Arrow> {
  const ends = new Map<Key, { from?: string; to?: string }>(table.cells.map((cell) => [cell.key, {}]));
  const place = (key: Key, end: 'from' | 'to', point: string) => {
    const found = ends.get(key);
    if (!found || found[end] !== undefined) throw new Error(`table cell ${key} cannot be placed (${end} of ${point})`);
    found[end] = point;
  };
  table.sums.forEach((sum, index) => {
    const point = `sum${index}`;
    place(sum.total, sum.flipped ? 'to' : 'from', point);
    for (const part of sum.parts) place(part, sum.flipped ? 'from' : 'to', point);
  });
  const primary = new Set(primaryCells(table).map((cell) => cell.key));
  return new Map(
    table.cells.map((cell) => {
      const { from = OUTSIDE, to = OUTSIDE } = ends.get(cell.key) ?? {};
      const bound = table.counted === 'youngPeople' && primary.has(cell.key) ? MIN_GROUP - 1 : Number.POSITIVE_INFINITY;
      return [cell.key, { from, to, count: cell.tally.count, bound }];
    }),
  );
}

const primaryCells = <Key extends string>(table: Table<Key>): readonly TableCell<Key>[] => table.cells.filter((cell) => cell.tally.people.size < MIN_GROUP);

function reaches(arrows: ReadonlyMap<string, Arrow>, hidden: ReadonlySet<string>, except: string, start: string, goal: string): boolean {
  const next = new Map<string, string[]>();
  const link = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const key of hidden) {
    const arrow = arrows.get(key);
    if (key === except || !arrow) continue;
    if (arrow.count < arrow.bound) link(arrow.from, arrow.to);
    if (arrow.count > 0) link(arrow.to, arrow.from);
  }
  const seen = new Set([start]);
  const queue = [start];
  for (let point = queue.shift(); point !== undefined; point = queue.shift()) {
    if (point === goal) return true;
    for (const following of next.get(point) ?? []) {
      if (!seen.has(following)) {
        seen.add(following);
        queue.push(following);
      }
    }
  }
  return false;
}

/** Whether a reader can work out the hidden cell `key` from what is shown (see the top of this file). */
function isDisclosed(arrows: ReadonlyMap<string, Arrow>, hidden: ReadonlySet<string>, key: string): boolean {
  const arrow = arrows.get(key);
  if (!arrow) return false;
  const canRise = arrow.count < arrow.bound && reaches(arrows, hidden, key, arrow.to, arrow.from);
  const canFall = arrow.count > 0 && reaches(arrows, hidden, key, arrow.from, arrow.to);
  return !canRise && !canFall;
}

/**
 * Which cells to hide. Primary: fewer than MIN_GROUP young people behind the cell. Secondary, while a
 * hidden cell can be worked out: the smallest shown cell that, hidden too, protects it (small cells
 * first, so that as little as possible is lost); if no one cell does, every cell not shared; if even
 * that is not enough, the whole table. A table whose shared figure is hidden (here or, `hiddenShared`,
 * in another table) is hidden whole: otherwise the tables together could pin what each alone leaves open.
 */
export function hiddenCells<Key extends string>(table: Table<Key>, hiddenShared: ReadonlySet<SharedFigure> = new Set()): ReadonlySet<Key> {
  const all = new Set(table.cells.map((cell) => cell.key));
  const primary = primaryCells(table);
  if (table.cells.some((cell) => cell.shared && (hiddenShared.has(cell.shared) || primary.includes(cell)))) return all;
  const arrows = arrowsOf(table);
  const hidden = new Set(primary.map((cell) => cell.key));
  const candidates = table.cells.filter((cell) => !cell.shared).sort((a, b) => a.tally.count - b.tally.count);
  const firstDisclosed = () => [...hidden].find((key) => isDisclosed(arrows, hidden, key));
  for (let disclosed = firstDisclosed(); disclosed !== undefined; disclosed = firstDisclosed()) {
    const protector = candidates.find((cell) => !hidden.has(cell.key) && !isDisclosed(arrows, new Set([...hidden, cell.key]), disclosed));
    if (protector) {
      hidden.add(protector.key);
      continue;
    }
    const unshared = candidates.map((cell) => cell.key);
    if (unshared.every((key) => hidden.has(key))) return all;
    for (const key of unshared) hidden.add(key);
  }
  return hidden;
}

/** The table as a leader sees it, given which cells to hide. */
export function shownTable<Key extends string>(table: Table<Key>, hidden: ReadonlySet<Key>): Record<Key, Cell> {
  return Object.fromEntries(table.cells.map((cell): [Key, Cell] => [cell.key, hidden.has(cell.key) ? { kind: 'suppressed' } : { kind: 'value', value: cell.tally.count }])) as Record<Key, Cell>;
}
