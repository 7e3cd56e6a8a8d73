// The team's own status: one case, nothing hidden, the running half-year so far.
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../bot/domain/statistics/period';
import { teamStatus } from '../../../bot/domain/statistics/teamStatus';
import { codeOf } from '../../support/refusals';
import { caseA } from './statusFixtures';

const period = parsePeriod('2027H1');

describe("the team's own status", () => {
  it('takes the running half-year so far, without hiding a single meeting', () => {
    // Up to 15 April 2027, 10:00 UTC: a1 held (10 Feb), a2 cancelled (1 April, ill); a3 (20 May) is to come.
    const status = teamStatus(caseA, period, new Date('2027-04-15T10:00:00Z'));
    expect(status.window).toMatchObject({ asOf: '2027-04-15T10:00:00.000Z', complete: false });
    expect(status.meetings).toEqual({ all: 2, held: 1, cancelled: 1, 'cancelled.youngPersonAbsent': 0, 'cancelled.youngPersonIll': 1, 'cancelled.coordinatorIll': 0, 'cancelled.other': 0 });
    // The year to now: a0 (September 2026) and a1, two held: fewer than three.
    expect(status.meetingsPerYear).toEqual({ youngPeople: 1, atLeastThree: 0, fewerThanThree: 1, notOpenWholeYear: 0 });
    expect(status.meetingsPerYoungPersonPerYear).toBe(2);
    expect(status.checklist.youngPersonPresent).toEqual({ held: 1, yes: 1, no: 0, notAnswered: 0 });
    expect(status.checklist.evalResponsibles).toEqual({ held: 1, yes: 0, no: 0, unknown: 1, notAnswered: 0 });
    expect(status.meetingLength).toBe(90);
    // a1's feedback was recorded on 12 February, its second day.
    expect(status.feedback).toEqual({ held: 1, withinTwoDays: 1, later: 0, notRecorded: 0 });
    // Due before today: ag1 (1 March, done 28 Feb) on time, ag2 (15 March, done 17 March local) late;
    // ag3 (30 June) and ag5 (10 June) are not due yet.
    expect(status.agreements).toEqual({ due: 2, keptOnTime: 1, doneLate: 1, overdue: 0 });
    expect(status.agreementsMoved).toEqual({ due: 2, moved: 0, notMoved: 2 });
    // Neither at the start; a1 recorded education.
    expect(status.evaluation).toMatchObject({ 'neither.education': 1, 'neither.work': 0, total: 1 });
  });

  it('takes an ended half-year whole, overdue agreements as at its end', () => {
    const status = teamStatus(caseA, period, new Date('2028-01-10T10:00:00Z'));
    expect(status.window.complete).toBe(true);
    expect(status.meetings).toMatchObject({ held: 2, cancelled: 1 });
    expect(status.agreements).toEqual({ due: 4, keptOnTime: 1, doneLate: 1, overdue: 2 });
    expect(status.evaluation).toMatchObject({ 'neither.work': 1, total: 1 });
    expect(status.meetingLength).toBe(75);
  });

  it('has no half-year to come, and no mean without a meeting', () => {
    expect(codeOf(() => teamStatus(caseA, parsePeriod('2027H2'), new Date('2027-04-15T10:00:00Z')))).toBe('periodNotStarted');
    const empty = teamStatus({ ...caseA, meetings: [] }, period, new Date('2027-04-15T10:00:00Z'));
    expect(empty.meetingLength).toBeUndefined();
    expect(empty.meetingsPerYoungPersonPerYear).toBe(0);
  });
});
