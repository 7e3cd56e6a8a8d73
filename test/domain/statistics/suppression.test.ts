// Suppression on small tables whose right answer is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { hiddenCells, shownTable } from '../../../bot/domain/statistics/suppression';
import { type Tally, crossTable, listTable } from '../../../bot/domain/statistics/table';
import { linearlyRecovered, recoveredWithBounds } from './attacker';

/** `count` items of `people` distinct young people (ids prefixed, so tallies of different cells do not share people). */
const of = (count: number, people: number, prefix: string): Tally => ({ count, people: new Set(Array.from({ length: people }, (_, index) => `${prefix}${index}`)) });
const young = (people: number, prefix: string): Tally => of(people, people, prefix);
const sorted = (cells: ReadonlySet<string>) => [...cells].sort();

describe('small-number suppression', () => {
  it('hides nothing when every cell is about five young people or more', () => {
    const table = listTable('meetings', { key: 'held', tally: of(30, 10, 'h'), shared: 'heldMeetings' }, [
      { key: 'yes', tally: of(20, 7, 'y') },
      { key: 'no', tally: of(10, 5, 'n') },
    ]);
    expect(shownTable(table, hiddenCells(table))).toEqual({ held: { kind: 'value', value: 30 }, yes: { kind: 'value', value: 20 }, no: { kind: 'value', value: 10 } });
  });

  it('hides a cell of fewer than five young people and the smallest neighbour that would give it away', () => {
    // held 20 = yes 12 (6 young people) + no 6 (5) + not answered 2 (2). "Not answered" is about 2 < 5:
    // hidden. Alone it is 20 - 12 - 6 = 2, so one more part must go: the smallest, "no" (6 < 12).
    // Then no + not answered = 8 in 7 ways (0+8 … 6+2 … with not answered ≤ 4: 4+4 … 8+0), nothing pinned.
    const table = listTable('meetings', { key: 'held', tally: of(20, 9, 'h'), shared: 'heldMeetings' }, [
      { key: 'yes', tally: of(12, 6, 'y') },
      { key: 'no', tally: of(6, 5, 'n') },
      { key: 'notAnswered', tally: of(2, 2, 'u') },
    ]);
    expect(sorted(hiddenCells(table))).toEqual(['no', 'notAnswered']);
    expect(shownTable(table, hiddenCells(table))).toMatchObject({ held: { kind: 'value', value: 20 }, yes: { kind: 'value', value: 12 }, no: { kind: 'suppressed' } });
  });

  it('counts meetings as small by the young people behind them, not by the meetings', () => {
    // 9 meetings of 3 young people are about fewer than five young people; 5 meetings of 5 are not.
    const table = listTable('meetings', { key: 'held', tally: of(30, 12, 'h'), shared: 'heldMeetings' }, [
      { key: 'yes', tally: of(16, 8, 'y') },
      { key: 'no', tally: of(9, 3, 'n') },
      { key: 'notAnswered', tally: of(5, 5, 'u') },
    ]);
    // "no" hidden; alone 30 - 16 - 5 = 9, so the smallest other part goes too: not answered (5 < 16).
    expect(sorted(hiddenCells(table))).toEqual(['no', 'notAnswered']);
  });

  it('hides zero as well, and two small cells protect each other', () => {
    // 10 young people = 6 + 4 + 0: 4 and 0 are below five and hidden; 4 + 0 = 4 splits five ways (each ≤ 4).
    const table = listTable('youngPeople', { key: 'youngPeople', tally: young(10, 't'), shared: 'youngPeople' }, [
      { key: 'a', tally: young(6, 'a') },
      { key: 'b', tally: young(4, 'b') },
      { key: 'c', tally: young(0, 'c') },
    ]);
    expect(sorted(hiddenCells(table))).toEqual(['b', 'c']);
  });

  it('hides the whole table when what a reader knows of hidden counts (below five) pins them', () => {
    // 12 young people = 4 + 4 + 4: all three hidden, but a reader who knows each is below five knows each is 4.
    // No other cell can be hidden without the shared total, so the table goes whole (and the total with
    // it in every table: leaderReport.ts).
    const table = listTable('youngPeople', { key: 'youngPeople', tally: young(12, 't'), shared: 'youngPeople' }, [
      { key: 'a', tally: young(4, 'a') },
      { key: 'b', tally: young(4, 'b') },
      { key: 'c', tally: young(4, 'c') },
    ]);
    expect(sorted(hiddenCells(table))).toEqual(['a', 'b', 'c', 'youngPeople']);
  });

  it('hides the whole table when its shared total is small, or hidden in another table', () => {
    const small = listTable('meetings', { key: 'held', tally: of(12, 4, 'h'), shared: 'heldMeetings' }, [
      { key: 'yes', tally: of(6, 4, 'y') },
      { key: 'no', tally: of(6, 4, 'n') },
    ]);
    expect(sorted(hiddenCells(small))).toEqual(['held', 'no', 'yes']);
    const large = listTable('meetings', { key: 'held', tally: of(40, 10, 'h'), shared: 'heldMeetings' }, [
      { key: 'yes', tally: of(20, 6, 'y') },
      { key: 'no', tally: of(20, 6, 'n') },
    ]);
    expect(hiddenCells(large).size).toBe(0);
    expect(sorted(hiddenCells(large, new Set(['heldMeetings'])))).toEqual(['held', 'no', 'yes']);
  });

  it('protects a small cell of a cross table with the cheapest cycle of cells, keeping the totals', () => {
    //              education  neither | total
    //   education      6         2    |   8
    //   neither        5         7    |  12
    //   total         11         9    |  20
    // education.neither (2) is hidden. No single other cell protects it: a hidden cell of a table with
    // every total shown is safe only on a cycle of hidden cells, and here the cheapest is the 2 x 2 inner
    // cells (6 + 5 + 7 hidden, against a cycle through the totals that would cost 8 + 12 + 7 or more).
    // With the totals shown, e.e = t, e.n = 8 - t, n.e = 11 - t, n.n = t + 1; e.n ≤ 4 gives t in 4..8:
    // five tables fit, nothing is pinned.
    const cells: Record<string, number> = { 'education.education': 6, 'education.neither': 2, 'neither.education': 5, 'neither.neither': 7 };
    const table = crossTable('youngPeople', ['education', 'neither'] as const, ['education', 'neither'] as const, (row, column) => young(cells[`${row}.${column}`] ?? 0, `${row}.${column}`), {
      tally: young(20, 'all'),
      shared: 'youngPeople',
    });
    const hidden = hiddenCells(table);
    expect(sorted(hidden)).toEqual(['education.education', 'education.neither', 'neither.education', 'neither.neither']);
    const shown = shownTable(table, hidden);
    expect(shown).toMatchObject({ 'education.total': { kind: 'value', value: 8 }, 'neither.total': { kind: 'value', value: 12 }, 'total.education': { kind: 'value', value: 11 }, 'total.neither': { kind: 'value', value: 9 }, total: { kind: 'value', value: 20 } });
    expect(linearlyRecovered([{ table, cells: shown }])).toEqual([]);
    expect(recoveredWithBounds([{ table, cells: shown }])).toEqual([]);
  });

  it('the attacker recovers a cell left alone (so that it can fail)', () => {
    const table = listTable('meetings', { key: 'held', tally: of(20, 9, 'h'), shared: 'heldMeetings' }, [
      { key: 'yes', tally: of(12, 6, 'y') },
      { key: 'no', tally: of(6, 5, 'n') },
      { key: 'notAnswered', tally: of(2, 2, 'u') },
    ]);
    const onlyPrimary = shownTable(table, new Set(['notAnswered'] as const));
    expect(linearlyRecovered([{ table, cells: onlyPrimary }])).toEqual(['0:notAnswered']);
    expect(recoveredWithBounds([{ table, cells: onlyPrimary }])).toEqual(['0:notAnswered']);
    // 12 = 4 + 4 + 4 with each known below five: no linear equation pins them, the bounds do.
    const fours = listTable('youngPeople', { key: 'youngPeople', tally: young(12, 't'), shared: 'youngPeople' }, [
      { key: 'a', tally: young(4, 'a') },
      { key: 'b', tally: young(4, 'b') },
      { key: 'c', tally: young(4, 'c') },
    ]);
    const fourCells = shownTable(fours, new Set(['a', 'b', 'c'] as const));
    expect(linearlyRecovered([{ table: fours, cells: fourCells }])).toEqual([]);
    expect(recoveredWithBounds([{ table: fours, cells: fourCells }])).toEqual(['0:a', '0:b', '0:c']);
  });
});
