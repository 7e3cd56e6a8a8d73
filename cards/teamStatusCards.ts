// The team's own half-yearly status (seed 001: "Teamet kan hvert halve år gøre status over
// besvarelserne"): one case's figures, nothing hidden, for its team members with consent. Shown only as
// the reader's own card: the figures are about one young person (the channel gets channelCards' base card).
import { type Case, EDUCATION_STATUSES } from '../bot/domain/case';
import { CANCELLATION_REASONS } from '../bot/domain/checklist';
import { MEETINGS_PER_YEAR, MODEL_EVALUATION } from '../bot/domain/statistics/modelFigures';
import { type Period, periodContaining } from '../bot/domain/statistics/period';
import { type AnswerKey, CHECKLIST_FIGURES } from '../bot/domain/statistics/status';
import { type TeamStatus, teamStatus } from '../bot/domain/statistics/teamStatus';
import type { Messages } from '../bot/i18n';
import { type AdaptiveCardJson, renderCard } from './render';
import type { ViewedCase } from './views';

type Labels = Messages['cards']['teamStatus'];
type Fact = { title: string; value: string };
interface Section {
  heading: string;
  facts: Fact[];
  note: string;
}

/** The half-years the case was open in, newest first: the choice of the card. */
function periodsOf({ createdAt, closedAt }: Case, now: Date): Period[] {
  const last = periodContaining(closedAt !== undefined && closedAt < now.toISOString() ? new Date(closedAt) : now);
  let period = periodContaining(new Date(createdAt));
  const periods = [period];
  while (period.start < last.start) {
    period = periodContaining(new Date(period.end));
    periods.push(period);
  }
  return periods.reverse();
}

function periodName(m: Messages, period: Period): string {
  const [year, half] = period.id.split('H').map(Number);
  return m.cards.teamStatus.periodName(half ?? 1, year ?? 0, m.dates.short(period.firstDay), m.dates.short(period.lastDay));
}

const percent = (count: number, of: number): number => Math.round((100 * count) / of);
const share = (labels: Labels, count: number, of: number): string => labels.share(count, of, percent(count, of));

/** The day the figures run to: today while the half-year runs, else its last day. */
const asOfDay = ({ window }: TeamStatus): string => (window.complete ? window.period.lastDay : window.asOfDay);

function meetingSection(m: Messages, status: TeamStatus): Section {
  const labels = m.cards.teamStatus;
  const { meetings } = status;
  const reasons = CANCELLATION_REASONS.filter((reason) => meetings[`cancelled.${reason}`] > 0).map((reason) => labels.reasonCount(labels.reasons[reason], meetings[`cancelled.${reason}`]));
  const perYear = status.meetingsPerYoungPersonPerYear;
  return {
    heading: labels.meetings,
    facts: [
      { title: labels.held, value: String(meetings.held) },
      { title: labels.cancelled, value: reasons.length > 0 ? `${meetings.cancelled} (${reasons.join(', ')})` : String(meetings.cancelled) },
      { title: labels.lastYear(m.dates.short(asOfDay(status))), value: perYear === undefined ? labels.notOpenWholeYear : labels.yearCount(perYear, MEETINGS_PER_YEAR) },
    ],
    note: meetings.held === 0 ? labels.noneHeld : '',
  };
}

/** "1 af 2 (50 %); ved ikke: 1": the yes answers of the meetings held, and what was not yes or no. */
function answerValue(labels: Labels, counts: Partial<Record<AnswerKey, number>>): string {
  const held = counts.held ?? 0;
  const rest = [...(counts.unknown ? [labels.unknown(counts.unknown)] : []), ...(counts.notAnswered ? [labels.notAnswered(counts.notAnswered)] : [])];
  const yes = share(labels, counts.yes ?? 0, held);
  return rest.length > 0 ? `${yes}; ${rest.join(', ')}` : yes;
}

/** "1 af 2 (50 %); senere: 1": feedback recorded within two days of the meetings held, and the rest. */
function feedbackValue(labels: Labels, { feedback }: TeamStatus): string {
  const rest = [...(feedback.later ? [labels.feedbackLater(feedback.later)] : []), ...(feedback.notRecorded ? [labels.feedbackNotRecorded(feedback.notRecorded)] : [])];
  const within = share(labels, feedback.withinTwoDays, feedback.held);
  return rest.length > 0 ? `${within}; ${rest.join(', ')}` : within;
}

function checklistSection(labels: Labels, status: TeamStatus): Section {
  const length = status.meetingLength;
  return {
    heading: labels.checklist(status.meetings.held),
    facts: [
      ...CHECKLIST_FIGURES.map((figure) => ({ title: labels.figures[figure], value: answerValue(labels, status.checklist[figure]) })),
      { title: labels.meetingLength, value: length === undefined ? labels.lengthNotAnswered : labels.minutes(Math.round(length)) },
      { title: labels.feedbackInTwoDays, value: feedbackValue(labels, status) },
    ],
    note: '',
  };
}

function agreementSection(labels: Labels, { agreements, agreementsMoved, window }: TeamStatus): Section {
  const { due } = agreements;
  const facts =
    due === 0
      ? []
      : [
          { title: labels.due(window.complete), value: String(due) },
          { title: labels.keptOnTime, value: share(labels, agreements.keptOnTime, due) },
          { title: labels.doneLate, value: share(labels, agreements.doneLate, due) },
          { title: labels.overdue(window.complete), value: share(labels, agreements.overdue, due) },
          { title: labels.moved, value: share(labels, agreementsMoved.moved, due) },
        ];
  return { heading: labels.agreements, facts, note: due === 0 ? labels.noneDue : '' };
}

/** The young person's status at the start and as last recorded, beside the model's evaluation (seed 002). */
function youngPersonSection(m: Messages, { evaluation, window }: TeamStatus): Section {
  const labels = m.cards.teamStatus;
  const atStart = EDUCATION_STATUSES.find((status) => evaluation[`${status}.total`] > 0);
  const now = EDUCATION_STATUSES.find((status) => evaluation[`total.${status}`] > 0);
  const { education, work, neither } = MODEL_EVALUATION;
  return {
    heading: labels.youngPerson,
    facts: [
      { title: labels.statusAtStart, value: atStart ? m.statuses[atStart] : '-' },
      { title: labels.statusNow(window.complete), value: now ? m.statuses[now] : '-' },
      { title: labels.model, value: labels.modelFigures(education, work, neither) },
    ],
    note: '',
  };
}

/** `period`: the half-year chosen; none, the latest the case was open in (the running one so far). */
export function teamStatusCard(m: Messages, { case: current }: ViewedCase, now: Date, period?: Period): AdaptiveCardJson {
  const labels = m.cards.teamStatus;
  const offered = periodsOf(current, now);
  const shown = period ?? offered[0]!;
  const status = teamStatus(current, shown, now);
  // The case is in the half-year when it counts one young person: itself.
  const open = status.meetingsPerYear.youngPeople > 0;
  const sections = open
    ? [meetingSection(m, status), ...(status.meetings.held > 0 ? [checklistSection(labels, status)] : []), agreementSection(labels, status), youngPersonSection(m, status)]
    : [];
  const name = periodName(m, shown);
  return renderCard('teamStatus', {
    caseId: current.id,
    labels,
    title: labels.title(current.reference),
    period: status.window.complete ? name : labels.periodSoFar(name, m.dates.short(status.window.asOfDay)),
    notOpen: open ? '' : labels.notOpen,
    sections,
    periodId: shown.id,
    periods: offered.map((candidate) => ({ title: periodName(m, candidate), value: candidate.id })),
  });
}
