// The status of a unit counted page by page: every figure is a sum over cases (a count, and whose it
// is), so the status of two disjoint groups of cases is the two statuses added cell by cell. The Cosmos
// adapter hands a unit's cases over in pages (bot/store/README.md, "Leaders' figures"); each page is
// counted and added here, and no more than a page of cases is held at once.
import type { Average, HalfYearStatus } from './status';
import type { Table, Tally } from './table';

const added = (a: Tally, b: Tally): Tally => ({ count: a.count + b.count, people: new Set([...a.people, ...b.people]) });

const sameSum = (a: Table<string>['sums'][number], b: Table<string>['sums'][number]): boolean =>
  a.total === b.total && a.flipped === b.flipped && a.parts.length === b.parts.length && a.parts.every((part, index) => part === b.parts[index]);

/**
 * Cell by cell. A sum holds in the added table when it holds in both (the cancelled meetings are the
 * sum of their reasons only when every cancellation of both pages has its reason).
 */
function addedTable<Key extends string>(a: Table<Key>, b: Table<Key>): Table<Key> {
  const other = new Map(b.cells.map((cell) => [cell.key, cell.tally]));
  return {
    counted: a.counted,
    cells: a.cells.map((cell) => {
      const tally = other.get(cell.key);
      if (!tally) throw new Error(`table cell ${cell.key} is missing from one page`);
      return { ...cell, tally: added(cell.tally, tally) };
    }),
    sums: a.sums.filter((sum) => b.sums.some((candidate) => sameSum(sum, candidate))),
  };
}

const addedAverage = (a: Average, b: Average): Average => ({ sum: a.sum + b.sum, count: a.count + b.count, people: new Set([...a.people, ...b.people]) });

/** The status of the cases of `a` and `b` together (disjoint groups, the same window). */
export function addedStatus(a: HalfYearStatus, b: HalfYearStatus): HalfYearStatus {
  if (a.window.asOf !== b.window.asOf || a.window.period.id !== b.window.period.id) throw new Error('statuses of different windows cannot be added');
  return {
    window: a.window,
    meetings: addedTable(a.meetings, b.meetings),
    meetingsPerYear: addedTable(a.meetingsPerYear, b.meetingsPerYear),
    meetingsPerYoungPersonPerYear: addedAverage(a.meetingsPerYoungPersonPerYear, b.meetingsPerYoungPersonPerYear),
    checklist: Object.fromEntries(Object.entries(a.checklist).map(([figure, table]) => [figure, addedTable(table, b.checklist[figure as keyof HalfYearStatus['checklist']])])) as HalfYearStatus['checklist'],
    meetingLength: addedAverage(a.meetingLength, b.meetingLength),
    agreements: addedTable(a.agreements, b.agreements),
    agreementsMoved: addedTable(a.agreementsMoved, b.agreementsMoved),
    feedback: addedTable(a.feedback, b.feedback),
    evaluation: addedTable(a.evaluation, b.evaluation),
  };
}
