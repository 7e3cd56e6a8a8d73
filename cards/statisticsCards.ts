// The half-yearly status as a leader sees it in the 1:1 chat (`statistik`): a few of Teams' chart
// elements first (each with its figures in words as the fallback for a client without charts), then every
// figure as text (FactSets: numbers read on a phone), the ended half-years to pick from, a one-time link
// to the same figures as CSV, and a link to the tab, which shows them all as charts.
import type { Unit } from '../bot/domain/organisation';
import type { LeaderReport } from '../bot/domain/statistics/leaderReport';
import type { Period } from '../bot/domain/statistics/period';
import type { Messages } from '../bot/i18n';
import { type AdaptiveCardJson, renderCard } from './render';
import { type ChartId, type ReportChart, chartInWords, reportCharts } from './statisticsCharts';
import { reportSections } from './statisticsFigures';

export interface StatisticsCardInput {
  unit: Unit;
  units: readonly Unit[];
  report: LeaderReport;
  /** The ended half-years to choose from, the latest first. */
  periods: readonly Period[];
  /** A one-time CSV link, with how long it works; none when the bot serves no links. */
  csv?: { url: string; minutes: number };
  /** A Teams deep link to the tab's leader view; none when the Teams app's id is not configured. */
  tabUrl?: string;
}

export const periodName = (m: Messages, period: Period): string => m.statistics.periodLabel(period.id.slice(0, 4), period.id.slice(5));

export function statisticsCard(m: Messages, { unit, units, report, periods, csv, tabUrl }: StatisticsCardInput): AdaptiveCardJson {
  const { period } = report.window;
  const choices = periods.some((candidate) => candidate.id === period.id) ? periods : [period, ...periods];
  return renderCard('statistics', {
    title: m.statistics.title(unit.name, periodName(m, period)),
    subtitle: m.statistics.periodDays(m.dates.long(period.firstDay), m.dates.long(period.lastDay)),
    charts: cardCharts(reportCharts(m, report)),
    sections: reportSections(m, report),
    note: m.statistics.suppressedNote,
    periodId: period.id,
    periods: choices.map((choice) => ({ title: periodName(m, choice), value: choice.id })),
    unitId: unit.id,
    units: units.map((candidate) => ({ title: candidate.name, value: candidate.id })),
    csvUrl: csv?.url ?? '',
    tabUrl: tabUrl ?? '',
    labels: {
      choosePeriod: m.statistics.choosePeriod,
      chooseUnit: m.statistics.chooseUnit,
      show: m.statistics.show,
      downloadCsv: m.statistics.downloadCsv,
      csvNote: csv ? m.statistics.csvMinutes(csv.minutes) : '',
      openInTab: m.statistics.openInTab,
    },
  });
}

interface CardChart<Data> {
  title: string;
  /** The fallback: the chart in words, hidden figures as their mark. */
  words: string;
  data: Data[];
}

/** One decimal at most: what the text says too. */
const rounded = (value: number) => Math.round(value * 10) / 10;

/**
 * Teams' chart elements, from shown figures only: a hidden figure is no data point (not a zero), a
 * donut is drawn only when all its parts are shown (a part-to-whole with a part missing would mislead),
 * and a chart with nothing shown is left out.
 */
function cardCharts(charts: ReportChart[]): {
  meetings?: CardChart<{ legend: string; value: number }>;
  checklist?: CardChart<{ x: string; y: number }>;
  evaluation?: CardChart<{ legend: string; values: Array<{ x: string; y: number }> }>;
} {
  const byId = (id: ChartId): ReportChart => charts.find((chart) => chart.id === id)!;
  const shownValue = (chart: ReportChart, row: number, series = 0) => chart.rows[row]?.values[series]?.value;

  const meetings = byId('meetings');
  // Held and cancelled: the whole of the meetings, the reasons being parts of cancelled.
  const heldAndCancelled = { ...meetings, rows: meetings.rows.slice(0, 2) };
  const parts = heldAndCancelled.rows.map((row) => ({ legend: row.label, value: row.values[0]?.value }));
  const donut = parts.every((part) => part.value !== undefined) && parts.some((part) => (part.value ?? 0) > 0);

  const checklist = byId('checklist');
  const bars = checklist.rows.flatMap((row, index) => {
    const value = shownValue(checklist, index);
    return value === undefined ? [] : [{ x: row.label, y: rounded(value) }];
  });

  const evaluation = byId('evaluation');
  const groups = evaluation.series.map((legend, series) => ({
    legend,
    values: evaluation.rows.flatMap((row, index) => {
      const value = shownValue(evaluation, index, series);
      return value === undefined ? [] : [{ x: row.label, y: rounded(value) }];
    }),
  }));
  // The model's own column is always there: the chart is worth it only beside a figure of the unit's.
  const unitShown = groups.slice(0, -1).some((group) => group.values.length > 0);

  return {
    ...(donut ? { meetings: { title: meetings.title, words: chartInWords(heldAndCancelled), data: parts as Array<{ legend: string; value: number }> } } : {}),
    ...(bars.length > 0 ? { checklist: { title: checklist.title, words: chartInWords(checklist), data: bars } } : {}),
    ...(unitShown ? { evaluation: { title: evaluation.title, words: chartInWords(evaluation), data: groups.filter((group) => group.values.length > 0) } } : {}),
  };
}
