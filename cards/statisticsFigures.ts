// A leader's report as labelled figures, section by section: what the statistics card shows and the
// CSV file holds, so the two cannot differ. A hidden cell is one neutral mark, whatever it hides.
import { CHECKLIST_FIGURES } from '../bot/domain/statistics/status';
import type { LeaderReport } from '../bot/domain/statistics/leaderReport';
import type { Cell } from '../bot/domain/statistics/suppression';
import { CANCELLATION_REASONS } from '../bot/domain/checklist';
import { EDUCATION_STATUSES } from '../bot/domain/case';
import type { Messages } from '../bot/i18n';

interface Figure {
  title: string;
  value: string;
}

export interface FigureSection {
  heading: string;
  facts: Figure[];
}

export function reportSections(m: Messages, report: LeaderReport): FigureSection[] {
  const s = m.statistics;
  const number = new Intl.NumberFormat(m.language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  const shown = (cell: Cell | undefined): string => (cell?.kind === 'value' ? number.format(cell.value) : s.suppressed);
  const fact = (title: string, cell: Cell | undefined): Figure => ({ title, value: shown(cell) });
  const shareOf = (part: Cell | undefined, whole: Cell | undefined): string =>
    part?.kind === 'value' && whole?.kind === 'value' && whole.value > 0 ? s.share(number.format((100 * part.value) / whole.value)) : '';
  const { meetings, meetingsPerYear: year, agreements, agreementsMoved: moved } = report;
  return [
    {
      heading: s.sections.meetings,
      facts: [
        fact(s.meetings.all, meetings.all),
        fact(s.meetings.held, meetings.held),
        fact(s.meetings.cancelled, meetings.cancelled),
        ...CANCELLATION_REASONS.map((reason) => fact(s.cancelledBecause(m.checklist.cancellationReasons[reason]), meetings[`cancelled.${reason}`])),
        fact(s.meetingLength, report.meetingLength),
      ],
    },
    {
      heading: s.sections.year,
      facts: [
        fact(s.year.youngPeople, year.youngPeople),
        fact(s.year.atLeastThree, year.atLeastThree),
        fact(s.year.fewerThanThree, year.fewerThanThree),
        fact(s.year.notOpenWholeYear, year.notOpenWholeYear),
        fact(s.year.perYoungPerson, report.meetingsPerYoungPersonPerYear),
      ],
    },
    {
      heading: s.sections.checklist,
      facts: CHECKLIST_FIGURES.map((figure) => {
        const cells = report.checklist[figure];
        return { title: s.checklist[figure], value: s.ofHeld(shown(cells.yes), shown(cells.held), shareOf(cells.yes, cells.held)) };
      }),
    },
    {
      heading: s.sections.agreements,
      facts: [
        fact(s.agreements.due, agreements.due),
        fact(s.agreements.keptOnTime, agreements.keptOnTime),
        fact(s.agreements.doneLate, agreements.doneLate),
        fact(s.agreements.overdue, agreements.overdue),
        fact(s.agreements.moved, moved.moved),
      ],
    },
    {
      heading: s.sections.feedback,
      facts: [
        fact(s.meetings.held, report.feedback.held),
        fact(s.feedback.withinTwoDays, report.feedback.withinTwoDays),
        fact(s.feedback.later, report.feedback.later),
        fact(s.feedback.notRecorded, report.feedback.notRecorded),
      ],
    },
    {
      heading: s.sections.evaluation,
      facts: EDUCATION_STATUSES.map((status) => {
        const { start, now, model } = report.evaluationShares[status];
        const percent = (cell: Cell) => (cell.kind === 'value' ? s.percent(number.format(cell.value)) : s.suppressed);
        return { title: m.statuses[status], value: s.evaluationRow(percent(start), percent(now), model) };
      }),
    },
  ];
}
