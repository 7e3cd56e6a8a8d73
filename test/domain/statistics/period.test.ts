import { describe, expect, it } from 'vitest';
import { endedWindow, parsePeriod, periodContaining, teamWindow } from '../../../bot/domain/statistics/period';
import { codeOf } from '../../support/refusals';

describe('half-year periods (Europe/Copenhagen)', () => {
  it('runs 1 January to 30 June and 1 July to 31 December, local midnight to local midnight', () => {
    // Copenhagen is UTC+1 on 1 January (CET) and UTC+2 on 1 July (CEST).
    expect(parsePeriod('2027H1')).toEqual({ id: '2027H1', start: '2026-12-31T23:00:00.000Z', end: '2027-06-30T22:00:00.000Z', firstDay: '2027-01-01', lastDay: '2027-06-30' });
    expect(parsePeriod(' 2027h2 ')).toEqual({ id: '2027H2', start: '2027-06-30T22:00:00.000Z', end: '2027-12-31T23:00:00.000Z', firstDay: '2027-07-01', lastDay: '2027-12-31' });
  });

  it('refuses anything but a whole half-year', () => {
    for (const text of [undefined, '', '2027', '2027H3', '2027H0', '2027-H1', '2027Q1', '27H1', '1999H1', '2101H1']) expect(codeOf(() => parsePeriod(text))).toBe('invalidPeriod');
  });

  it('finds the half-year of an instant by the Copenhagen date', () => {
    expect(periodContaining(new Date('2026-12-31T22:59:59.999Z')).id).toBe('2026H2');
    expect(periodContaining(new Date('2026-12-31T23:00:00.000Z')).id).toBe('2027H1');
    expect(periodContaining(new Date('2027-06-30T21:59:59.999Z')).id).toBe('2027H1');
    expect(periodContaining(new Date('2027-06-30T22:00:00.000Z')).id).toBe('2027H2');
  });

  it('gives a leader an ended half-year only, whole', () => {
    const period = parsePeriod('2027H1');
    expect(codeOf(() => endedWindow(period, new Date('2027-06-30T21:59:59.999Z')))).toBe('periodNotEnded');
    expect(endedWindow(period, new Date('2027-09-01T08:00:00Z'))).toEqual({ period, asOf: '2027-06-30T22:00:00.000Z', asOfDay: '2027-07-01', complete: true });
  });

  it('gives the team the running half-year so far, an ended one whole, and no half-year to come', () => {
    const period = parsePeriod('2027H1');
    expect(teamWindow(period, new Date('2027-03-15T10:00:00Z'))).toEqual({ period, asOf: '2027-03-15T10:00:00.000Z', asOfDay: '2027-03-15', complete: false });
    expect(teamWindow(period, new Date('2028-01-01T00:00:00Z'))).toMatchObject({ asOf: period.end, complete: true });
    expect(codeOf(() => teamWindow(period, new Date('2026-12-31T22:59:59Z')))).toBe('periodNotStarted');
  });
});
