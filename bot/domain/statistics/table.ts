// A table of counts as a report shows it: cells and the sums between them (a total and its parts). The
// sums are what a reader can compute with, so they are what suppression must guard against.

/** What a cell counts, and whose: the ids of the cases (young people) behind it. */
export interface Tally {
  count: number;
  people: ReadonlySet<string>;
}

/** Young people are counted once each (count = people); meetings and agreements may be many per young person. */
export type Counted = 'youngPeople' | 'meetings' | 'agreements';

export type SharedFigure = 'youngPeople' | 'heldMeetings' | 'dueAgreements';

export interface TableCell<Key extends string> {
  key: Key;
  tally: Tally;
  /**
   * The name of a figure that stands in other tables of the report too (the number of young people, of
   * meetings held): it is never hidden to protect a neighbour, or one table would show what another
   * hides; when it must be hidden, it is hidden in every table (leaderReport.ts).
   */
  shared?: SharedFigure;
}

/**
 * `total` = the sum of `parts`. A cell is in at most two sums. `flipped` marks the sums of one direction
 * of a cross table (the columns): it lets suppression see the table as a flow (suppression.ts).
 */
interface TableSum<Key extends string> {
  total: Key;
  parts: readonly Key[];
  flipped?: true;
}

export interface Table<Key extends string> {
  counted: Counted;
  cells: readonly TableCell<Key>[];
  sums: readonly TableSum<Key>[];
}

export const tally = (people: Iterable<string>, count?: number): Tally => {
  const set = new Set(people);
  return { count: count ?? set.size, people: set };
};

/** Adds one item of a case to a tally in the making. */
export function countFor(into: { count: number; people: Set<string> }, caseId: string): void {
  into.count += 1;
  into.people.add(caseId);
}

export const emptyTally = (): { count: number; people: Set<string> } => ({ count: 0, people: new Set() });

/** A total and its parts: one sum. */
export function listTable<Key extends string>(counted: Counted, total: TableCell<Key>, parts: readonly TableCell<Key>[]): Table<Key> {
  return { counted, cells: [total, ...parts], sums: [{ total: total.key, parts: parts.map((part) => part.key) }] };
}

export type CrossKey<Row extends string, Column extends string> = `${Row}.${Column}` | `${Row}.total` | `total.${Column}` | 'total';

/** Rows by columns, with every row's and column's total and the grand total. */
export function crossTable<Row extends string, Column extends string>(
  counted: Counted,
  rows: readonly Row[],
  columns: readonly Column[],
  tallyOf: (row: Row, column: Column) => Tally,
  grandTotal: Omit<TableCell<'total'>, 'key'>,
): Table<CrossKey<Row, Column>> {
  type Key = CrossKey<Row, Column>;
  const inner = new Map<Key, Tally>(rows.flatMap((row) => columns.map((column): [Key, Tally] => [`${row}.${column}`, tallyOf(row, column)])));
  const sumOf = (keys: readonly Key[]): Tally => {
    const tallies = keys.map((key) => inner.get(key) ?? tally([]));
    return { count: tallies.reduce((sum, part) => sum + part.count, 0), people: new Set(tallies.flatMap((part) => [...part.people])) };
  };
  const rowParts = (row: Row): Key[] => columns.map((column): Key => `${row}.${column}`);
  const columnParts = (column: Column): Key[] => rows.map((row): Key => `${row}.${column}`);
  const cells: TableCell<Key>[] = [
    ...[...inner].map(([key, value]) => ({ key, tally: value })),
    ...rows.map((row) => ({ key: `${row}.total` as Key, tally: sumOf(rowParts(row)) })),
    ...columns.map((column) => ({ key: `total.${column}` as Key, tally: sumOf(columnParts(column)) })),
    { ...grandTotal, key: 'total' },
  ];
  const sums: TableSum<Key>[] = [
    ...rows.map((row) => ({ total: `${row}.total` as Key, parts: rowParts(row) })),
    ...columns.map((column) => ({ total: `total.${column}` as Key, parts: columnParts(column), flipped: true as const })),
    { total: 'total', parts: rows.map((row): Key => `${row}.total`) },
    { total: 'total', parts: columns.map((column): Key => `total.${column}`), flipped: true },
  ];
  return { counted, cells, sums };
}

/** The counts as they are: the team's own status, where nothing is hidden. */
export function tableCounts<Key extends string>(table: Table<Key>): Record<Key, number> {
  return Object.fromEntries(table.cells.map((cell) => [cell.key, cell.tally.count])) as Record<Key, number>;
}
