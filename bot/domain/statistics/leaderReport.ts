// The half-yearly status as a leader sees it: whole, ended periods only, and every figure about fewer
// than five young people hidden, with whatever would let it be worked out (suppression.ts).
import { EDUCATION_STATUSES, type Case, type EducationStatus } from '../case';
import { MODEL_EVALUATION } from './modelFigures';
import { type Period, type StatusWindow, endedWindow } from './period';
import { type AgreementKey, type AnswerKey, type Average, type ChecklistFigure, type EvaluationKey, type FeedbackKey, type HalfYearStatus, type MeetingKey, type MovedKey, type YearKey, halfYearStatus } from './status';
import { type Cell, MIN_GROUP, hiddenCells, shownTable } from './suppression';
import type { SharedFigure, Table } from './table';

export interface LeaderReport {
  window: StatusWindow;
  meetings: Record<MeetingKey, Cell>;
  meetingsPerYear: Record<YearKey, Cell>;
  meetingsPerYoungPersonPerYear: Cell;
  /** `unknown` only for the questions that offer "ved ikke". */
  checklist: Record<ChecklistFigure, Partial<Record<AnswerKey, Cell>>>;
  /** Minutes. */
  meetingLength: Cell;
  agreements: Record<AgreementKey, Cell>;
  agreementsMoved: Record<MovedKey, Cell>;
  /** Of the meetings held: feedback to the young person recorded within two days, later, not recorded. */
  feedback: Record<FeedbackKey, Cell>;
  evaluation: Record<EvaluationKey, Cell>;
  /**
   * Per cent of the young people by their status at the start and now, beside the model's evaluation at
   * its end (seed 002): a share of a count shown, of the total shown, so that it tells nothing hidden.
   */
  evaluationShares: Record<EducationStatus, { start: Cell; now: Cell; model: number }>;
}

const SUPPRESSED: Cell = { kind: 'suppressed' };

/** A mean shown only when it is about at least MIN_GROUP young people. */
const meanCell = (average: Average): Cell => (average.people.size < MIN_GROUP || average.count === 0 ? SUPPRESSED : { kind: 'value', value: average.sum / average.count });

/**
 * Whether the young people the mean of meetings a year is over (those open all year) can be read from the
 * cells shown. If not, the mean must not be shown either: its fraction in lowest terms could tell how
 * many they are, and so a hidden cell (31 meetings / 9 = 3.44… says 9).
 */
const judgedShown = (cells: Record<YearKey, Cell>): boolean =>
  (cells.atLeastThree.kind === 'value' && cells.fewerThanThree.kind === 'value') || (cells.youngPeople.kind === 'value' && cells.notOpenWholeYear.kind === 'value');

/**
 * Each table's hidden cells, such that a figure several tables show (the number of young people, say) is
 * hidden in all of them or in none: one table must not show what another hides.
 */
function hiddenAcross(tables: readonly Table<string>[]): Map<Table<string>, ReadonlySet<string>> {
  let hiddenShared = new Set<SharedFigure>();
  for (;;) {
    const hidden = new Map(tables.map((table) => [table, hiddenCells(table, hiddenShared)]));
    const nowHidden = new Set(tables.flatMap((table) => table.cells.flatMap((cell) => (cell.shared && hidden.get(table)?.has(cell.key) ? [cell.shared] : []))));
    if ([...nowHidden].every((figure) => hiddenShared.has(figure))) return hidden;
    hiddenShared = new Set([...hiddenShared, ...nowHidden]);
  }
}

export function leaderReport(cases: readonly Case[], period: Period, at: Date): LeaderReport {
  return suppressedReport(halfYearStatus(cases, endedWindow(period, at)));
}

/** A status of an ended window (`endedWindow`) as a leader may see it. */
export function suppressedReport(status: HalfYearStatus): LeaderReport {
  const checklistTables = Object.entries(status.checklist) as [ChecklistFigure, Table<AnswerKey>][];
  const hidden = hiddenAcross([status.meetings, status.meetingsPerYear, status.agreements, status.agreementsMoved, status.feedback, status.evaluation, ...checklistTables.map(([, table]) => table)]);
  const shown = <Key extends string>(table: Table<Key>): Record<Key, Cell> => shownTable(table, (hidden.get(table) ?? new Set()) as ReadonlySet<Key>);
  const evaluation = shown(status.evaluation);
  const meetingsPerYear = shown(status.meetingsPerYear);
  const shareOf = (cell: Cell): Cell => (cell.kind === 'value' && evaluation.total.kind === 'value' && evaluation.total.value > 0 ? { kind: 'value', value: (100 * cell.value) / evaluation.total.value } : SUPPRESSED);
  return {
    window: status.window,
    meetings: shown(status.meetings),
    meetingsPerYear,
    meetingsPerYoungPersonPerYear: judgedShown(meetingsPerYear) ? meanCell(status.meetingsPerYoungPersonPerYear) : SUPPRESSED,
    checklist: Object.fromEntries(checklistTables.map(([figure, table]) => [figure, shown(table)])) as LeaderReport['checklist'],
    meetingLength: meanCell(status.meetingLength),
    agreements: shown(status.agreements),
    agreementsMoved: shown(status.agreementsMoved),
    feedback: shown(status.feedback),
    evaluation,
    evaluationShares: Object.fromEntries(
      EDUCATION_STATUSES.map((education) => [education, { start: shareOf(evaluation[`${education}.total`]), now: shareOf(evaluation[`total.${education}`]), model: MODEL_EVALUATION[education] }]),
    ) as LeaderReport['evaluationShares'],
  };
}
