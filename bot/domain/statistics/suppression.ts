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

interface Step {
  from: string;
  to: string;
  key: string;
  /** What hiding the cell costs: 0 if it is hidden already (see costsOf). */
  cost: number;
}

/**
 * What hiding each cell costs: its count and one (a cell lost), and for a total more than all the parts
 * of the table together, since a total says more (the share of each young person's status rests on them).
 */
function costsOf<Key extends string>(table: Table<Key>): Map<string, number> {
  const totals = new Set<string>(table.sums.map((sum) => sum.total));
  const parts = table.cells.filter((cell) => !totals.has(cell.key)).reduce((sum, cell) => sum + cell.tally.count + 1, 0);
  return new Map(table.cells.map((cell) => [cell.key, cell.tally.count + 1 + (totals.has(cell.key) ? parts : 0)]));
}

/**
 * The steps one unit of change can take through the table: along a hidden cell forward while below its
 * bound, backward while above zero; with `shownToo`, also through cells still shown and not shared, at
 * the cost of hiding them (a hidden neighbour has no bound but zero).
 */
function stepsOf(arrows: ReadonlyMap<string, Arrow>, hidden: ReadonlySet<string>, except: string, shownToo: ReadonlyMap<string, number>): Step[] {
  return [...arrows].flatMap(([key, arrow]): Step[] => {
    if (key === except) return [];
    const cost = hidden.has(key) ? 0 : shownToo.get(key);
    if (cost === undefined) return [];
    const bound = hidden.has(key) ? arrow.bound : Number.POSITIVE_INFINITY;
    return [...(arrow.count < bound ? [{ from: arrow.from, to: arrow.to, key, cost }] : []), ...(arrow.count > 0 ? [{ from: arrow.to, to: arrow.from, key, cost }] : [])];
  });
}

/** The cheapest way from `start` to `goal` (Dijkstra; tables are small): the cells it passes, or none. */
function cheapestPath(steps: readonly Step[], start: string, goal: string): { cost: number; keys: string[] } | undefined {
  const best = new Map<string, { cost: number; keys: string[] }>([[start, { cost: 0, keys: [] }]]);
  const done = new Set<string>();
  for (;;) {
    const open = [...best].filter(([point]) => !done.has(point)).sort(([, a], [, b]) => a.cost - b.cost)[0];
    if (!open) return undefined;
    const [point, reached] = open;
    if (point === goal) return reached;
    done.add(point);
    for (const step of steps) {
      if (step.from !== point) continue;
      const known = best.get(step.to);
      if (!known || known.cost > reached.cost + step.cost) best.set(step.to, { cost: reached.cost + step.cost, keys: [...reached.keys, step.key] });
    }
  }
}

/**
 * The cheapest cells to hide so that `key` lies on a cycle along which it can change (see the top of
 * this file): none when it already does, undefined when no cells can.
 */
function protectionOf(arrows: ReadonlyMap<string, Arrow>, hidden: ReadonlySet<string>, key: string, shownToo: ReadonlyMap<string, number>): string[] | undefined {
  const arrow = arrows.get(key);
  if (!arrow) return [];
  const steps = stepsOf(arrows, hidden, key, shownToo);
  const ways = [arrow.count < arrow.bound ? cheapestPath(steps, arrow.to, arrow.from) : undefined, arrow.count > 0 ? cheapestPath(steps, arrow.from, arrow.to) : undefined];
  const cheapest = ways.filter((way) => way !== undefined).sort((a, b) => a.cost - b.cost)[0];
  return cheapest?.keys.filter((cell) => !hidden.has(cell));
}

/**
 * Which cells to hide. Primary: fewer than MIN_GROUP young people behind the cell. Secondary, while a
 * hidden cell can be worked out: the shown cells, not shared, of the cheapest cycle that protects it
 * (the smallest counts, parts before totals, so that as little as possible is lost); if none can, the whole table. A table
 * whose shared figure is hidden (here or, `hiddenShared`, in another table) is hidden whole: otherwise
 * the tables together could pin what each alone leaves open.
 */
export function hiddenCells<Key extends string>(table: Table<Key>, hiddenShared: ReadonlySet<SharedFigure> = new Set()): ReadonlySet<Key> {
  const all = new Set(table.cells.map((cell) => cell.key));
  const primary = primaryCells(table);
  if (table.cells.some((cell) => cell.shared && (hiddenShared.has(cell.shared) || primary.includes(cell)))) return all;
  const arrows = arrowsOf(table);
  const hidden = new Set<string>(primary.map((cell) => cell.key));
  const costs = costsOf(table);
  const unshared = new Map(table.cells.filter((cell) => !cell.shared).map((cell) => [cell.key as string, costs.get(cell.key) ?? 0]));
  for (const key of hidden) {
    // A set grows while it is iterated over: the cells hidden to protect this one are checked in turn.
    const protection = protectionOf(arrows, hidden, key, unshared);
    if (!protection) return all;
    for (const cell of protection) hidden.add(cell);
  }
  return hidden as Set<Key>;
}

/** The table as a leader sees it, given which cells to hide. */
export function shownTable<Key extends string>(table: Table<Key>, hidden: ReadonlySet<Key>): Record<Key, Cell> {
  return Object.fromEntries(table.cells.map((cell): [Key, Cell] => [cell.key, hidden.has(cell.key) ? { kind: 'suppressed' } : { kind: 'value', value: cell.tally.count }])) as Record<Key, Cell>;
}
