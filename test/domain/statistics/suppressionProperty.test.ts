// For random small units and random tables: a reader who tries to work out every hidden cell from
// the totals and the neighbours shown (linear equations over rows and columns, and whole,
// non-negative counts with the small ones known to be below five) works out none.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { EDUCATION_STATUSES } from '../../../bot/domain/case';
import { CANCELLATION_REASONS } from '../../../bot/domain/checklist';
import type { Meeting } from '../../../bot/domain/meeting';
import { parsePeriod } from '../../../bot/domain/statistics/period';
import { hiddenCells, shownTable } from '../../../bot/domain/statistics/suppression';
import { type Counted, type Table, type Tally, crossTable, listTable } from '../../../bot/domain/statistics/table';
import { type Shown, linearlyRecovered, recoveredWithBounds, reportAsShown } from './attacker';
import { agreement, caseOf, meetingClosure } from './statusFixtures';

const period = parsePeriod('2027H1');
const AFTER = new Date('2027-08-01T08:00:00Z');
const START = DateTime.fromISO(period.start);
const at = (days: number, hour = 9) => START.plus({ days, hours: hour }).toUTC().toISO() ?? '';
const day = (days: number) => START.plus({ days, hours: 12 }).setZone('Europe/Copenhagen').toISODate() ?? '';

const answer = fc.constantFrom('yes', 'no', 'unknown', undefined);
const meetingArb = fc.record({
  day: fc.integer({ min: -200, max: 190 }),
  cancelled: fc.option(fc.constantFrom(...CANCELLATION_REASONS), { freq: 4 }),
  present: fc.constantFrom('yes', 'no', undefined),
  vip: fc.constantFrom('yes', 'no', undefined),
  prep: fc.constantFrom('yes', 'no', undefined),
  goals: answer,
  responsibles: answer,
  minutes: fc.option(fc.integer({ min: 15, max: 180 })),
  status: fc.option(fc.constantFrom(...EDUCATION_STATUSES)),
  /** Days after the meeting its feedback was recorded as given, if it was. */
  feedbackAfter: fc.option(fc.integer({ min: 0, max: 5 })),
});
const agreementArb = fc.record({ due: fc.integer({ min: -10, max: 190 }), doneAfter: fc.option(fc.integer({ min: -20, max: 60 })), moved: fc.boolean() });
const caseArb = fc.record({
  created: fc.integer({ min: -800, max: 170 }),
  closedAfter: fc.option(fc.integer({ min: 1, max: 900 }), { freq: 3 }),
  start: fc.constantFrom(...EDUCATION_STATUSES),
  meetings: fc.array(meetingArb, { maxLength: 5 }),
  agreements: fc.array(agreementArb, { maxLength: 3 }),
});

type Shape = typeof caseArb extends fc.Arbitrary<infer Drawn> ? Drawn : never;

function caseFrom(shape: Shape, index: number) {
  const meetings = shape.meetings
    .filter((meeting) => meeting.day > shape.created)
    .map((meeting, place): Meeting => {
      const id = `m${index}-${place}`;
      const startsAt = at(meeting.day);
      if (meeting.cancelled) return { id, status: 'cancelled', startsAt, createdAt: startsAt, answers: {}, answerLog: [], cancellation: { reason: meeting.cancelled, at: startsAt, byAadObjectId: 'aad-coordinator' } };
      const answers: Meeting['answers'] = {};
      const put = (id: string, value: string | number | null | undefined) => {
        if (value !== undefined && value !== null) answers[id] = value;
      };
      put('attended_m-young', meeting.present);
      put('vipAttached', meeting.vip);
      put('prepHandoverSent', meeting.prep);
      put('evalClearGoals', meeting.goals);
      put('evalResponsibles', meeting.responsibles);
      put('evalLengthMinutes', meeting.minutes);
      put('youngPersonStatus', meeting.status);
      const closure = meetingClosure(startsAt, meeting.feedbackAfter !== null ? at(meeting.day + meeting.feedbackAfter, 14) : undefined);
      return { id, number: place + 1, status: 'held', startsAt, createdAt: startsAt, answers, answerLog: [], closure };
    });
  return caseOf(`case-${index}`, {
    createdAt: at(shape.created, 8),
    ...(shape.closedAfter !== null ? { closedAt: at(shape.created + shape.closedAfter, 8) } : {}),
    statusAtStart: shape.start,
    meetings,
    agreements: shape.agreements.map((item, place) =>
      agreement(`a${index}-${place}`, day(item.due), {
        ...(item.doneAfter !== null ? { doneAt: at(item.due + item.doneAfter, 10) } : {}),
        ...(item.moved ? { movedAt: at(item.due - 5, 10) } : {}),
      }),
    ),
  });
}

function expectNothingRecovered(shown: readonly Shown[]): void {
  expect(linearlyRecovered(shown)).toEqual([]);
  expect(recoveredWithBounds(shown)).toEqual([]);
  // A figure in several tables is shown with one value everywhere, or hidden everywhere.
  const shared = new Map<string, Set<string>>();
  for (const { table, cells } of shown) {
    for (const cell of table.cells) {
      if (!cell.shared) continue;
      const seen = cells[cell.key];
      shared.set(cell.shared, new Set([...(shared.get(cell.shared) ?? []), seen?.kind === 'value' ? String(seen.value) : 'hidden']));
    }
  }
  for (const [figure, values] of shared) expect([figure, values.size]).toEqual([figure, 1]);
}

describe('small-number suppression, attacked', () => {
  it('leaves no hidden cell of a random unit recoverable', () => {
    let mixed = 0;
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 3, maxLength: 18 }), (shapes) => {
        const cases = shapes.map((shape, index) => caseFrom(shape, index));
        const shown = reportAsShown(cases, period, AFTER);
        expectNothingRecovered(shown);
        mixed += shown.some(({ cells }) => Object.values(cells).some((cell) => cell.kind === 'value') && Object.values(cells).some((cell) => cell.kind === 'suppressed')) ? 1 : 0;
      }),
      { numRuns: 100, seed: 20270101 },
    );
    // Not only units hidden whole: many show some cells beside hidden ones.
    expect(mixed).toBeGreaterThan(50);
  }, 120_000);

  const tallyArb = (counted: Counted) =>
    fc.record({ people: fc.integer({ min: 0, max: 12 }), extra: fc.integer({ min: 0, max: counted === 'youngPeople' ? 0 : 6 }) });
  const tallyOf = (counted: Counted, drawn: { people: number; extra: number }, prefix: string): Tally => ({
    count: drawn.people === 0 ? 0 : drawn.people + (counted === 'youngPeople' ? 0 : drawn.extra),
    people: new Set(Array.from({ length: drawn.people }, (_, index) => `${prefix}${index}`)),
  });
  const totalOf = (parts: readonly Tally[]): Tally => ({ count: parts.reduce((sum, part) => sum + part.count, 0), people: new Set(parts.flatMap((part) => [...part.people])) });
  const shownOf = (table: Table<string>): Shown[] => [{ table, cells: shownTable(table, hiddenCells(table)) }];

  it('leaves no hidden cell of a random list recoverable', () => {
    fc.assert(
      fc.property(fc.constantFrom<Counted>('youngPeople', 'meetings'), fc.integer({ min: 1, max: 6 }), fc.array(fc.record({ people: fc.integer({ min: 0, max: 12 }), extra: fc.integer({ min: 0, max: 6 }) }), { minLength: 6, maxLength: 6 }), (counted, size, drawn) => {
        const parts = drawn.slice(0, size).map((one, index) => ({ key: `p${index}`, tally: tallyOf(counted, one, `p${index}-`) }));
        expectNothingRecovered(shownOf(listTable(counted, { key: 'total', tally: totalOf(parts.map((part) => part.tally)), shared: 'youngPeople' }, parts)));
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('leaves no hidden cell of a random cross table recoverable', () => {
    const rowsArb = fc.constantFrom(['r0', 'r1'], ['r0', 'r1', 'r2']);
    const columnsArb = fc.constantFrom(['c0', 'c1'], ['c0', 'c1', 'c2'], ['c0', 'c1', 'c2', 'c3']);
    fc.assert(
      fc.property(fc.constantFrom<Counted>('youngPeople', 'meetings'), rowsArb, columnsArb, fc.array(tallyArb('meetings'), { minLength: 12, maxLength: 12 }), (counted, rows, columns, drawn) => {
        const inner = new Map(rows.flatMap((row, r) => columns.map((column, c) => [`${row}.${column}`, tallyOf(counted, drawn[r * columns.length + c] ?? { people: 0, extra: 0 }, `${row}.${column}-`)] as const)));
        const table = crossTable(counted, rows, columns, (row, column) => inner.get(`${row}.${column}`) ?? { count: 0, people: new Set() }, { tally: totalOf([...inner.values()]), shared: 'youngPeople' });
        expectNothingRecovered(shownOf(table as Table<string>));
      }),
      { numRuns: 300, seed: 34 },
    );
  });
});
