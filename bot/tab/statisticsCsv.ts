// The half-yearly status as a CSV file: the same labelled figures as the card (cards/statisticsFigures.ts),
// hidden cells the same neutral mark. Semicolons and a byte order mark, as Danish Excel opens a file.
import { periodName } from '../../cards/statisticsCards';
import { reportSections } from '../../cards/statisticsFigures';
import type { LeaderReport } from '../domain/statistics/leaderReport';
import type { Messages } from '../i18n';

const BOM = '\uFEFF';

/**
 * Quoted, quotes doubled, and a leading formula character defused: a unit's name is typed text. The soft
 * hyphens that let a card break a long word have no place in a spreadsheet's cell.
 */
const field = (raw: string): string => {
  const text = raw.replace(/\u00AD/g, '');
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export function statisticsCsv(m: Messages, unitName: string, report: LeaderReport): string {
  const { period } = report.window;
  const rows: string[][] = [
    [...m.statistics.csvHeader],
    [m.statistics.chooseUnit, '', unitName],
    [m.statistics.choosePeriod, period.id, periodName(m, period)],
    ...reportSections(m, report).flatMap((section) => section.facts.map((fact) => [section.heading, fact.title, fact.value])),
    [m.statistics.suppressedNote, '', ''],
  ];
  return BOM + rows.map((row) => row.map(field).join(';')).join('\r\n') + '\r\n';
}

/** The file's name: the period only (a unit's name may hold anything). */
export const statisticsFileName = (report: LeaderReport): string => `status-${report.window.period.id}.csv`;
