// The trend picture in words and numbers, from the case's progress time line (bot/domain/progress.ts): the
// series on one 0–100 axis (WHO-5 as scored, each BIP instrument as its mean's share of the set's scale),
// the network meetings to mark with the status recorded at each, a compact table of the days shown, and
// the chart in words. The overview card binds it to Teams' Chart.Line (caseCards.ts); the tab draws it as
// SVG (tab/trend.js) from the same answer, so the two cannot tell different stories.
import { EDUCATION_STATUSES } from '../bot/domain/case';
import { type ProgressTimeLine, type ReadinessInstrument, READINESS_INSTRUMENTS, signalAsksAttention } from '../bot/domain/progress';
import type { Messages } from '../bot/i18n';

type TrendSeriesId = 'who5' | ReadinessInstrument;

interface TrendPoint {
  on: string;
  /** On the shared 0–100 axis. */
  value: number;
  /** As the table and the words write it (a BIP mean on its own scale). */
  text: string;
}

interface TrendSeries {
  id: TrendSeriesId;
  label: string;
  points: TrendPoint[];
}

interface TrendMeeting {
  on: string;
  number: number;
  /** The mark's short label ("nr. 4"). */
  label: string;
  /** The meeting with the young person's status recorded there. */
  text: string;
}

export interface TrendPicture {
  heading: string;
  title: string;
  xAxis: string;
  yAxis: string;
  meetingsLabel: string;
  thresholdLabel: string;
  /** Only series with points. */
  series: TrendSeries[];
  meetings: TrendMeeting[];
  /**
   * Each day shown, oldest first: its date as written, its measures, its meeting with the status there
   * (`meeting` in full for a card's facts, `meetingShort` under the tab's column heading).
   */
  rows: Array<{ on: string; date: string; measures: string[]; meeting: string; meetingShort: string }>;
  /** Each day's place along the time axis, 0 (first day shown) to 100 (last); one day alone sits in the middle. */
  positions: Record<string, number>;
  atStart: string;
  /** What is not drawn, said so. */
  notes: string[];
  /** The WHO-5 signal in plain words, when the reader is one who is told it and it asks that someone looks. */
  signal?: string;
  /** The chart in words: its accessible name. */
  words: string;
  columns: { date: string; measures: string; meeting: string };
  tableCaption: string;
  none: string;
}

function positionsOf(days: readonly string[]): Record<string, number> {
  const first = Date.parse(days[0] ?? '');
  const span = Date.parse(days.at(-1) ?? '') - first;
  return Object.fromEntries(days.map((day) => [day, span > 0 ? Math.round((1000 * (Date.parse(day) - first)) / span) / 10 : 50]));
}

/** `tellSignal`: whether this reader is told the WHO-5 signal (access.ts, mayBeToldWho5Signal). */
export function trendPicture(m: Messages, line: ProgressTimeLine, tellSignal: boolean): TrendPicture {
  const t = m.cards.trend;
  const number = new Intl.NumberFormat(m.language === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const series: TrendSeries[] = [
    { id: 'who5' as const, label: t.who5, points: line.who5.map(({ on, score }) => ({ on, value: score, text: String(score) })) },
    ...READINESS_INSTRUMENTS.map((instrument) => ({
      id: instrument,
      label: t.instrumentSeries(t.instruments[instrument]),
      points: line.readiness
        .filter((point) => point.instrument === instrument)
        .map((point) => ({ on: point.on, value: point.share, text: t.readinessValue(t.instruments[instrument], number.format(point.mean), point.scale.min, point.scale.max) })),
    })),
  ].filter((candidate) => candidate.points.length > 0);
  const statusText = (status: (typeof EDUCATION_STATUSES)[number] | undefined) => (status ? m.statuses[status] : t.statusNotRecorded);
  const meetings = line.meetings.map((meeting) => ({ on: meeting.on, number: meeting.number, label: t.meetingName(meeting.number), text: t.meetingValue(meeting.number, statusText(meeting.status)) }));
  const onDay = (on: string) => line.meetings.filter((meeting) => meeting.on === on);
  const rows = line.days.map((on) => ({
    on,
    date: m.dates.short(on),
    measures: [
      ...line.who5.filter((point) => point.on === on).map((point) => t.who5Value(point.score)),
      ...series.filter((candidate) => candidate.id !== 'who5').flatMap((candidate) => candidate.points.filter((point) => point.on === on).map((point) => point.text)),
    ],
    meeting: onDay(on)
      .map((meeting) => t.meetingValue(meeting.number, statusText(meeting.status)))
      .join('; '),
    meetingShort: onDay(on)
      .map((meeting) => `${t.meetingName(meeting.number)}: ${statusText(meeting.status)}`)
      .join('; '),
  }));
  const { signal } = line;
  const told = tellSignal && signalAsksAttention(signal) ? signalText(m, signal) : undefined;
  const words = [
    t.chartTitle,
    ...series.map((candidate) => `${candidate.label}: ${candidate.points.map((point) => `${m.dates.short(point.on)} ${point.text}`).join(', ')}`),
    ...(meetings.length > 0 ? [`${t.meetings}: ${meetings.map((meeting) => `${m.dates.short(meeting.on)} ${meeting.text}`).join(', ')}`] : []),
  ].join('. ');
  return {
    heading: t.heading,
    title: t.chartTitle,
    xAxis: t.xAxis,
    yAxis: t.yAxis,
    meetingsLabel: t.meetings,
    thresholdLabel: t.threshold,
    series,
    meetings,
    rows,
    positions: positionsOf(line.days),
    atStart: t.atStart(m.dates.short(line.openedOn), m.statuses[line.statusAtStart]),
    notes: [...(line.daysLeftOut > 0 ? [t.earlier(line.daysLeftOut)] : []), ...(line.unknownSets > 0 ? [t.unknownSets(line.unknownSets)] : [])],
    ...(told ? { signal: told } : {}),
    words: `${words}.`,
    columns: { date: t.date, measures: t.measures, meeting: t.meetingColumn },
    tableCaption: t.tableCaption,
    none: t.none,
  };
}

function signalText(m: Messages, signal: NonNullable<ProgressTimeLine['signal']>): string {
  const t = m.cards.trend;
  const on = m.dates.short(signal.on);
  if (signal.low && signal.drop !== undefined) return t.signalLowAndDrop(signal.score, signal.drop, on);
  return signal.drop !== undefined ? t.signalDrop(signal.score, signal.drop, on) : t.signalLow(signal.score, on);
}

/** Where the meetings are marked on the card's chart: along its top edge, which also holds the axis at 0–100. */
const MEETING_MARK_VALUE = 100;

/** Teams' Chart.Line data: one series per measure, x the ISO date; the meetings as a series of marks on the top edge. */
export function chartLineData(picture: TrendPicture): Array<{ legend: string; color: string; values: Array<{ x: string; y: number }> }> {
  const colors: Record<TrendSeriesId, string> = { who5: 'categoricalBlue', education: 'categoricalGreen', work: 'categoricalMarigold' };
  return [
    ...picture.series.map((series) => ({ legend: series.label, color: colors[series.id], values: series.points.map((point) => ({ x: point.on, y: point.value })) })),
    ...(picture.meetings.length > 0
      ? [{ legend: picture.meetingsLabel, color: 'neutral', values: picture.meetings.map((meeting) => ({ x: meeting.on, y: MEETING_MARK_VALUE })) }]
      : []),
  ];
}
