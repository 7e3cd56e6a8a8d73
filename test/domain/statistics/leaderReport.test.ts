// A leader's report of 2027H1: small-number suppression on whole reports, worked out by hand.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../bot/domain/case';
import { leaderReport } from '../../../bot/domain/statistics/leaderReport';
import { parsePeriod } from '../../../bot/domain/statistics/period';
import type { Cell } from '../../../bot/domain/statistics/suppression';
import { codeOf } from '../../support/refusals';
import { linearlyRecovered, recoveredWithBounds, reportAsShown } from './attacker';
import { caseA, caseB, caseC, caseD, caseE } from './statusFixtures';

const period = parsePeriod('2027H1');
const AFTER = new Date('2027-08-01T08:00:00Z');
const X: Cell = { kind: 'suppressed' };
const v = (value: number): Cell => ({ kind: 'value', value });
const clones = (source: Case, count: number, prefix: string): Case[] => Array.from({ length: count }, (_, index) => ({ ...source, id: `${prefix}${index + 1}` }));

describe("a leader's report", () => {
  it('is refused for a half-year not yet ended', () => {
    expect(codeOf(() => leaderReport([caseA], period, new Date('2027-06-30T21:00:00Z')))).toBe('periodNotEnded');
  });

  it('hides everything about a unit of fewer than five young people', () => {
    // A, B, D, E are the period's four young people (C was closed before it): every table's shared total
    // (4 young people, 5 meetings of 4, 5 agreements of 2) is below five, so every table is hidden whole.
    const report = leaderReport([caseA, caseB, caseC, caseD, caseE], period, AFTER);
    const cells = [
      ...Object.values(report.meetings),
      ...Object.values(report.meetingsPerYear),
      ...Object.values(report.agreements),
      ...Object.values(report.agreementsMoved),
      ...Object.values(report.feedback),
      ...Object.values(report.evaluation),
      ...Object.values(report.checklist).flatMap((table) => Object.values(table)),
      report.meetingLength,
      report.meetingsPerYoungPersonPerYear,
      ...Object.values(report.evaluationShares).flatMap((share) => [share.start, share.now]),
    ];
    expect(cells.length).toBe(7 + 4 + 4 + 3 + 4 + 16 + (7 * 4 + 2 * 5) + 2 + 6);
    expect(cells.every((cell) => cell.kind === 'suppressed')).toBe(true);
    expect(Object.fromEntries(Object.entries(report.evaluationShares).map(([status, share]) => [status, share.model]))).toEqual({ education: 64, work: 16, neither: 20 });
  });

  describe('of eleven young people (six like A, two like D, three like E)', () => {
    const cases = [...clones(caseA, 6, 'A'), ...clones(caseD, 2, 'D'), ...clones(caseE, 3, 'E')];
    const report = leaderReport(cases, period, AFTER);

    it('shows the meetings, hiding the reasons given for fewer than five young people', () => {
      // Held: A 2 each (12), D 1 each (2), E 1 each (3) = 17 of 11 young people. Cancelled: A 6 (ill), D 2
      // (coordinator ill) = 8. Absent 0, coordinator ill 2 (2 young people), other 0 are hidden; together
      // they are 8 - 6 = 2, which splits three ways, so no more need go.
      expect(report.meetings).toEqual({ all: v(25), held: v(17), cancelled: v(8), 'cancelled.youngPersonAbsent': X, 'cancelled.youngPersonIll': v(6), 'cancelled.coordinatorIll': X, 'cancelled.other': X });
      // A and E, 9 young people, held 3 each in the year: at least three; the 2 D closed in the period.
      expect(report.meetingsPerYear).toEqual({ youngPeople: v(11), atLeastThree: v(9), fewerThanThree: X, notOpenWholeYear: X });
      // The mean (27 / 9 = 3) is over the young people open all year, 9 + a hidden 0: a mean such as
      // 31 / 9 would say they are 9, so it is hidden with them.
      expect(report.meetingsPerYoungPersonPerYear).toEqual(X);
    });

    it('shows the checklist figures, hiding a small cell and the smallest that would give it away', () => {
      // Present: a1, d1, e3 yes = 6 + 2 + 3 = 11; a3 no = 6; none unanswered (0, hidden), so "no" (6) goes too.
      expect(report.checklist.youngPersonPresent).toEqual({ held: v(17), yes: v(11), no: X, notAnswered: X });
      // VIP: a1, a3, e3 yes = 12 + 3 = 15; no 0 and unanswered 2 (D): both hidden, 2 split three ways.
      expect(report.checklist.vipAttached).toEqual({ held: v(17), yes: v(15), no: X, notAnswered: X });
      // Hand-over sent: a1 yes 6, a3 no 6, D and E unanswered 5 (5 young people): nothing small.
      expect(report.checklist.prepHandoverSent).toEqual({ held: v(17), yes: v(6), no: v(6), notAnswered: v(5) });
      // Pre-meeting: a1 yes 6, no 0 (hidden), so "yes" (6, against unanswered 11) goes too.
      expect(report.checklist.prepPreMeeting).toEqual({ held: v(17), yes: X, no: X, notAnswered: v(11) });
      // 90 + 60 for each A, 45 for each D: (6 × 150 + 2 × 45) / 14 = 990 / 14 minutes, about 8 young people.
      expect(report.meetingLength).toEqual(v(990 / 14));
    });

    it('shows the agreements, all about six young people', () => {
      // Each A: ag1 on time, ag2 late, ag3 and ag5 overdue, ag3 moved.
      expect(report.agreements).toEqual({ due: v(24), keptOnTime: v(6), doneLate: v(6), overdue: v(12) });
      expect(report.agreementsMoved).toEqual({ due: v(24), moved: v(6), notMoved: v(18) });
    });

    it('shows the feedback to the young person, hiding a small cell and the smallest that would give it away', () => {
      // Within two days: a1 and d1 = 6 + 2 = 8 (8 young people); later: a3 = 6; not recorded: e3 = 3
      // (3 young people, hidden), so "later" (6, against 8) goes too: 17 - 8 = 9 splits two ways.
      expect(report.feedback).toEqual({ held: v(17), withinTwoDays: v(8), later: X, notRecorded: X });
    });

    it('hides the evaluation table down to what cannot give a small cell away', () => {
      //              education  work  neither | total
      //   education      0        0      0    |   0
      //   work           0        2      0    |   2
      //   neither        3        6      0    |   9
      //   total          3        8      0    |  11
      // Every cell but neither.work (6), neither.total (9), total.work (8) and the total is below five.
      // With those four shown, a reader who knows the hidden ones are below five finds: education.total +
      // work.total = 2, education.work + work.work = 8 - 6 = 2, work.work ≤ work.total and education.work
      // ≤ education.total, so both are equalities and education.education is 0 for certain. So the
      // cheapest cell that breaks that, neither.work, is hidden too.
      expect(Object.entries(report.evaluation).filter(([, cell]) => cell.kind === 'value')).toEqual([
        ['neither.total', v(9)],
        ['total.work', v(8)],
        ['total', v(11)],
      ]);
      // A share is shown where its count is: 8 of 11 in work now.
      expect(report.evaluationShares.work).toEqual({ start: X, now: v((100 * 8) / 11), model: 16 });
    });

    it('lets no hidden cell be worked out, by equations or by bounds', () => {
      const shown = reportAsShown(cases, period, AFTER);
      expect(linearlyRecovered(shown)).toEqual([]);
      expect(recoveredWithBounds(shown)).toEqual([]);
    });
  });

  it('shows the mean of meetings a year when whom it is over is shown', () => {
    // 6 A and 3 E held 3 each in the year, 5 like A without a0 held 2 (a1, a3), 5 D were closed in it:
    // 9, 5 and 5 of 19, all shown; the mean over the 14 open all year is (9 × 3 + 5 × 2) / 14 = 37 / 14.
    const twice = { ...caseA, meetings: caseA.meetings.slice(1) };
    const report = leaderReport([...clones(caseA, 6, 'A'), ...clones(twice, 5, 'T'), ...clones(caseD, 5, 'D'), ...clones(caseE, 3, 'E')], period, AFTER);
    expect(report.meetingsPerYear).toEqual({ youngPeople: v(19), atLeastThree: v(9), fewerThanThree: v(5), notOpenWholeYear: v(5) });
    expect(report.meetingsPerYoungPersonPerYear).toEqual(v(37 / 14));
  });

  it('shows the share of each status whose count is shown', () => {
    // 6 education -> education, 5 neither -> work, 7 neither -> neither: 18 young people.
    //              education  work  neither | total
    //   education      6        0      0    |   6
    //   work           0        0      0    |   0
    //   neither        0        5      7    |  12
    //   total          6        5      7    |  18
    // The zeros are hidden. The work row's total (0) could then be worked out (18 - 6 - 12), and so could
    // neither.education (12 - 5 - 7): the cheapest cells that protect them without touching a column
    // total are the education row's total (6) and the inner cells of 6, 5 and 7. Left: neither's start
    // (12 of 18 = 66.7 %) and every column (6, 5 and 7 of 18) with its share.
    const person = (id: string, start: 'education' | 'neither', now: 'education' | 'work' | 'neither') =>
      ({ ...caseA, id, youngPerson: { ...caseA.youngPerson, statusAtStart: start }, meetings: [{ ...caseA.meetings[1]!, answers: { youngPersonStatus: now } }], agreements: [] }) as Case;
    const cases = [
      ...Array.from({ length: 6 }, (_, index) => person(`e${index}`, 'education', 'education')),
      ...Array.from({ length: 5 }, (_, index) => person(`w${index}`, 'neither', 'work')),
      ...Array.from({ length: 7 }, (_, index) => person(`n${index}`, 'neither', 'neither')),
    ];
    const report = leaderReport(cases, period, AFTER);
    expect(report.evaluationShares).toEqual({
      education: { start: X, now: v((100 * 6) / 18), model: 64 },
      work: { start: X, now: v((100 * 5) / 18), model: 16 },
      neither: { start: v((100 * 12) / 18), now: v((100 * 7) / 18), model: 20 },
    });
    expect(Object.values(report.evaluation).filter((cell) => cell.kind === 'value').length).toBe(5);
    expect(report.evaluation).toMatchObject({ 'education.total': X, 'work.total': X, 'neither.total': v(12), 'total.education': v(6), 'total.work': v(5), 'total.neither': v(7), total: v(18) });
    expect(recoveredWithBounds(reportAsShown(cases, period, AFTER))).toEqual([]);
  });
});
