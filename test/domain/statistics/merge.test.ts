// Counting a unit's cases page by page (as the Cosmos adapter hands them over) gives the same status,
// and so the same suppressed report, as counting them all at once.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../bot/domain/case';
import { leaderReport, suppressedReport } from '../../../bot/domain/statistics/leaderReport';
import { addedStatus } from '../../../bot/domain/statistics/merge';
import { endedWindow, parsePeriod } from '../../../bot/domain/statistics/period';
import { type HalfYearStatus, halfYearStatus } from '../../../bot/domain/statistics/status';
import { tableCounts } from '../../../bot/domain/statistics/table';
import { caseA, caseB, caseC, caseD, caseE } from './statusFixtures';

const period = parsePeriod('2027H1');
const AFTER = new Date('2027-08-01T08:00:00Z');
const window = endedWindow(period, AFTER);
const clones = (source: Case, count: number, prefix: string): Case[] => Array.from({ length: count }, (_, index) => ({ ...source, id: `${prefix}${index + 1}` }));
const CASES = [...clones(caseA, 7, 'A'), ...clones(caseB, 5, 'B'), ...clones(caseC, 2, 'C'), ...clones(caseD, 3, 'D'), ...clones(caseE, 6, 'E')];

const byPages = (cases: readonly Case[], size: number): HalfYearStatus => {
  let status = halfYearStatus([], window);
  for (let start = 0; start < cases.length; start += size) status = addedStatus(status, halfYearStatus(cases.slice(start, start + size), window));
  return status;
};

/** Counts and whose they are, table by table: what suppression works on. */
const figures = (status: HalfYearStatus) => ({
  meetings: tableCounts(status.meetings),
  sums: status.meetings.sums,
  year: tableCounts(status.meetingsPerYear),
  agreements: tableCounts(status.agreements),
  evaluation: tableCounts(status.evaluation),
  people: status.evaluation.cells.map((cell) => [cell.key, [...cell.tally.people].sort()]),
  perYear: { ...status.meetingsPerYoungPersonPerYear, people: [...status.meetingsPerYoungPersonPerYear.people].sort() },
  length: { ...status.meetingLength, people: [...status.meetingLength.people].sort() },
});

describe('a status counted page by page', () => {
  it.each([1, 2, 5, 50])('is the status counted at once, in pages of %i', (size) => {
    expect(figures(byPages(CASES, size))).toEqual(figures(halfYearStatus(CASES, window)));
    expect(suppressedReport(byPages(CASES, size))).toEqual(leaderReport(CASES, period, AFTER));
  });

  it('keeps the sum of cancellations by reason only when every page has it', () => {
    const noReason = { ...caseD, id: 'D-no-reason', meetings: caseD.meetings.map((meeting) => (meeting.cancellation ? { ...meeting, cancellation: { ...meeting.cancellation, reason: 'gone' as never } } : meeting)) };
    const cases = [...CASES, noReason];
    expect(byPages(cases, 4).meetings.sums).toEqual(halfYearStatus(cases, window).meetings.sums);
    expect(halfYearStatus(cases, window).meetings.sums.map((sum) => sum.total)).toEqual(['all']);
  });
});
