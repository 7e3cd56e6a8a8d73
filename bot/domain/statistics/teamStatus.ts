// The team's own half-yearly status (seed 001: the team takes stock of its own answers every half
// year): the same figures for one case, nothing hidden, since the team sees the case anyway. The
// running half-year may be taken "so far" (period.ts: teamWindow).
import type { Case } from '../case';
import { type Period, type StatusWindow, teamWindow } from './period';
import { type AgreementKey, type AnswerKey, type Average, type ChecklistFigure, type EvaluationKey, type FeedbackKey, type MeetingKey, type MovedKey, type YearKey, halfYearStatus } from './status';
import { tableCounts } from './table';

export interface TeamStatus {
  window: StatusWindow;
  meetings: Record<MeetingKey, number>;
  meetingsPerYear: Record<YearKey, number>;
  /** None when the case was not open the whole year. */
  meetingsPerYoungPersonPerYear?: number;
  checklist: Record<ChecklistFigure, Partial<Record<AnswerKey, number>>>;
  /** Minutes; none when no meeting held answered it. */
  meetingLength?: number;
  agreements: Record<AgreementKey, number>;
  agreementsMoved: Record<MovedKey, number>;
  feedback: Record<FeedbackKey, number>;
  evaluation: Record<EvaluationKey, number>;
}

const mean = (average: Average): number | undefined => (average.count === 0 ? undefined : average.sum / average.count);

export function teamStatus(current: Case, period: Period, now: Date): TeamStatus {
  const status = halfYearStatus([current], teamWindow(period, now));
  return {
    window: status.window,
    meetings: tableCounts(status.meetings),
    meetingsPerYear: tableCounts(status.meetingsPerYear),
    meetingsPerYoungPersonPerYear: mean(status.meetingsPerYoungPersonPerYear),
    checklist: Object.fromEntries(Object.entries(status.checklist).map(([figure, table]) => [figure, tableCounts(table)])) as TeamStatus['checklist'],
    meetingLength: mean(status.meetingLength),
    agreements: tableCounts(status.agreements),
    agreementsMoved: tableCounts(status.agreementsMoved),
    feedback: tableCounts(status.feedback),
    evaluation: tableCounts(status.evaluation),
  };
}
