// The half-yearly status as a leader sees it in the 1:1 chat (`statistik`): figures first, as text
// (FactSets: Teams' chart elements are not checked by our card validator, and numbers read on a phone),
// the ended half-years to pick from, and a one-time link to the same figures as CSV.
import type { Unit } from '../bot/domain/organisation';
import type { LeaderReport } from '../bot/domain/statistics/leaderReport';
import type { Period } from '../bot/domain/statistics/period';
import type { Messages } from '../bot/i18n';
import { type AdaptiveCardJson, renderCard } from './render';
import { reportSections } from './statisticsFigures';

export interface StatisticsCardInput {
  unit: Unit;
  units: readonly Unit[];
  report: LeaderReport;
  /** The ended half-years to choose from, the latest first. */
  periods: readonly Period[];
  /** A one-time CSV link, with how long it works; none when the bot serves no links. */
  csv?: { url: string; minutes: number };
}

export const periodName = (m: Messages, period: Period): string => m.statistics.periodLabel(period.id.slice(0, 4), period.id.slice(5));

export function statisticsCard(m: Messages, { unit, units, report, periods, csv }: StatisticsCardInput): AdaptiveCardJson {
  const { period } = report.window;
  const choices = periods.some((candidate) => candidate.id === period.id) ? periods : [period, ...periods];
  return renderCard('statistics', {
    title: m.statistics.title(unit.name, periodName(m, period)),
    subtitle: m.statistics.periodDays(m.dates.long(period.firstDay), m.dates.long(period.lastDay)),
    sections: reportSections(m, report),
    note: m.statistics.suppressedNote,
    periodId: period.id,
    periods: choices.map((choice) => ({ title: periodName(m, choice), value: choice.id })),
    unitId: unit.id,
    units: units.map((candidate) => ({ title: candidate.name, value: candidate.id })),
    csvUrl: csv?.url ?? '',
    labels: {
      choosePeriod: m.statistics.choosePeriod,
      chooseUnit: m.statistics.chooseUnit,
      show: m.statistics.show,
      downloadCsv: m.statistics.downloadCsv,
      csvNote: csv ? m.statistics.csvMinutes(csv.minutes) : '',
    },
  });
}
