// The CSV of a leader's half-yearly status: the card's figures, hidden cells hidden the same way, and
// nothing about a single young person.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { CANCELLATION_REASONS } from '../../bot/domain/checklist';
import { leaderReport } from '../../bot/domain/statistics/leaderReport';
import { parsePeriod } from '../../bot/domain/statistics/period';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { statisticsCsv } from '../../bot/tab/statisticsCsv';
import { caseA, caseD, caseE } from '../domain/statistics/statusFixtures';

const AFTER = new Date('2027-08-01T08:00:00Z');
const clones = (source: Case, count: number, prefix: string): Case[] => Array.from({ length: count }, (_, index) => ({ ...source, id: `${prefix}${index + 1}` }));
// 6 like A, 5 like A with a meeting less, 5 like D, 3 like E: 19 young people, some small groups among them.
const CASES = [...clones(caseA, 6, 'A'), ...clones({ ...caseA, meetings: caseA.meetings.slice(1) }, 5, 'T'), ...clones(caseD, 5, 'D'), ...clones(caseE, 3, 'E')];
const report = leaderReport(CASES, parsePeriod('2027H1'), AFTER);

/** The rows as a spreadsheet reads them: byte order mark off, semicolons, quoted fields. */
const rowsOf = (csv: string): string[][] =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replace(/""/g, '"')));
/** A figure's row by its label as the card words it (the CSV leaves out the card's soft hyphens). */
const valueOf = (rows: string[][], figure: string): string | undefined => rows.find((row) => row[1] === figure.replace(/\u00AD/g, ''))?.[2];

describe('the statistics CSV', () => {
  it.each([
    ['Danish', da],
    ['English', en],
  ] as const)('holds the shown figures and keeps every hidden cell hidden (%s)', (_language, m) => {
    const rows = rowsOf(statisticsCsv(m, 'Ungeenheden Nord', report));
    expect(rows[0]).toEqual([...m.statistics.csvHeader]);
    expect(valueOf(rows, m.statistics.year.youngPeople)).toBe('19');
    expect(valueOf(rows, m.statistics.year.atLeastThree)).toBe('9');
    // Every hidden cancellation reason is the neutral mark, every shown one its number.
    const hidden = CANCELLATION_REASONS.filter((reason) => report.meetings[`cancelled.${reason}`].kind === 'suppressed');
    expect(hidden.length).toBeGreaterThan(0);
    for (const reason of CANCELLATION_REASONS) {
      const cell = report.meetings[`cancelled.${reason}`];
      expect(valueOf(rows, m.statistics.cancelledBecause(m.checklist.cancellationReasons[reason]))).toBe(cell.kind === 'value' ? String(cell.value) : '–');
    }
    // Feedback to the young person within two days (seed 001), shown or hidden as the report has it.
    const feedbackRows = rows.filter((row) => row[0] === m.statistics.sections.feedback);
    const feedbackCells = [report.feedback.held, report.feedback.withinTwoDays, report.feedback.later, report.feedback.notRecorded];
    expect(feedbackRows.map((row) => row[1])).toEqual([m.statistics.meetings.held, m.statistics.feedback.withinTwoDays, m.statistics.feedback.later, m.statistics.feedback.notRecorded]);
    expect(feedbackRows.map((row) => row[2])).toEqual(feedbackCells.map((cell) => (cell.kind === 'value' ? String(cell.value) : '–')));
    // Nothing hidden leaks as a number anywhere: every suppressed cell of the report stays a mark.
    const shownNumbers = rows.flatMap((row) => row.slice(2)).filter((value) => /^\d/.test(value));
    expect(shownNumbers.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row[2] === '–').length).toBeGreaterThanOrEqual(hidden.length);
  });

  it('names no young person, case or date of birth', () => {
    const csv = statisticsCsv(da, 'Ungeenheden Nord', report);
    const young = CASES[0]!.youngPerson;
    for (const personal of [young.name, young.birthDate, ...CASES.map((current) => `"${current.id}"`), CASES[0]!.reference]) expect(csv).not.toContain(personal);
  });

  it("defuses a unit's name that a spreadsheet would run as a formula", () => {
    const rows = rowsOf(statisticsCsv(da, '=HYPERLINK("http://x")', report));
    expect(rows[1]![2]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('writes the words a card may break (soft hyphens) whole', () => {
    const csv = statisticsCsv(da, 'Ungeenheden Nord', report);
    expect(csv).not.toContain('\u00AD');
    expect(csv).toContain('Myndighedskoordinator er syg');
  });
});
