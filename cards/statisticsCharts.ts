// A leader's report as charts: what people would rather look at than read (meetings held and cancelled,
// the young people's meetings a year, the checklist's shares, agreements, feedback, the evaluation beside
// the model's). The tab draws them as bars with their numbers as a table too; the `statistik` card gives
// Teams' chart elements. A hidden cell has no value here, only the neutral mark: nothing can draw it.
import { CHECKLIST_FIGURES } from '../bot/domain/statistics/status';
import type { LeaderReport } from '../bot/domain/statistics/leaderReport';
import type { Cell } from '../bot/domain/statistics/suppression';
import { CANCELLATION_REASONS } from '../bot/domain/checklist';
import { EDUCATION_STATUSES } from '../bot/domain/case';
import type { Messages } from '../bot/i18n';

/** A figure as shown: `value` only when it is shown; `text` is the number as written, or the hidden mark. */
interface ChartValue {
  value?: number;
  text: string;
}

interface ChartRow {
  label: string;
  /** One per series. */
  values: ChartValue[];
}

export type ChartId = 'meetings' | 'year' | 'checklist' | 'agreements' | 'feedback' | 'evaluation';

export interface ReportChart {
  id: ChartId;
  title: string;
  /** `count`: bars against the largest value shown; `percent`: against 100. */
  scale: 'count' | 'percent';
  /** The name of each value of a row (the table's column headings). */
  series: string[];
  rows: ChartRow[];
}

export function reportCharts(m: Messages, report: LeaderReport): ReportChart[] {
  const s = m.statistics;
  const number = new Intl.NumberFormat(m.language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  const count = (cell: Cell | undefined): ChartValue => (cell?.kind === 'value' ? { value: cell.value, text: number.format(cell.value) } : { text: s.suppressed });
  const percent = (value: number): ChartValue => ({ value, text: s.percent(number.format(value)) });
  const percentCell = (cell: Cell): ChartValue => (cell.kind === 'value' ? percent(cell.value) : { text: s.suppressed });
  /** A share of two shown counts; hidden when either is (it would tell the hidden one). */
  const shareOf = (part: Cell | undefined, whole: Cell | undefined): ChartValue =>
    part?.kind === 'value' && whole?.kind === 'value' && whole.value > 0 ? percent((100 * part.value) / whole.value) : { text: s.suppressed };
  const counted = (id: ChartId, title: string, rows: Array<[string, Cell | undefined]>): ReportChart => ({
    id,
    title,
    scale: 'count',
    series: [s.charts.count],
    rows: rows.map(([label, cell]) => ({ label, values: [count(cell)] })),
  });
  const { meetings, meetingsPerYear: year, agreements, feedback } = report;
  return [
    counted('meetings', s.charts.meetings, [
      [s.meetings.held, meetings.held],
      [s.meetings.cancelled, meetings.cancelled],
      ...CANCELLATION_REASONS.map((reason): [string, Cell | undefined] => [s.cancelledBecause(m.checklist.cancellationReasons[reason]), meetings[`cancelled.${reason}`]]),
    ]),
    counted('year', s.charts.year, [
      [s.year.atLeastThree, year.atLeastThree],
      [s.year.fewerThanThree, year.fewerThanThree],
      [s.year.notOpenWholeYear, year.notOpenWholeYear],
    ]),
    {
      id: 'checklist',
      title: s.charts.checklist,
      scale: 'percent',
      series: [s.charts.share],
      rows: CHECKLIST_FIGURES.map((figure) => ({ label: s.checklist[figure], values: [shareOf(report.checklist[figure].yes, report.checklist[figure].held)] })),
    },
    counted('agreements', s.charts.agreements, [
      [s.agreements.keptOnTime, agreements.keptOnTime],
      [s.agreements.doneLate, agreements.doneLate],
      [s.agreements.overdue, agreements.overdue],
      [s.agreements.moved, report.agreementsMoved.moved],
    ]),
    counted('feedback', s.charts.feedback, [
      [s.feedback.withinTwoDays, feedback.withinTwoDays],
      [s.feedback.later, feedback.later],
      [s.feedback.notRecorded, feedback.notRecorded],
    ]),
    {
      id: 'evaluation',
      title: s.charts.evaluation,
      scale: 'percent',
      series: [s.charts.start, s.charts.now, s.charts.model],
      rows: EDUCATION_STATUSES.map((status) => {
        const { start, now, model } = report.evaluationShares[status];
        return { label: m.statuses[status], values: [percentCell(start), percentCell(now), percent(model)] };
      }),
    },
  ];
}

/** A chart in words: its title, then each row's label and values (a chart's accessible name, a card's fallback). */
export function chartInWords(chart: ReportChart): string {
  const row = ({ label, values }: ChartRow) =>
    chart.series.length === 1 ? `${label} ${values[0]?.text ?? ''}` : `${label}: ${values.map((value, index) => `${chart.series[index]} ${value.text}`).join(', ')}`;
  return `${chart.title}. ${chart.rows.map(row).join('; ')}.`;
}
