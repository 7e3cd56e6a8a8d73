// The half-yearly status (seed 001: "Teamet kan hvert halve år gøre status over besvarelserne, og
// formidle dette til ledergruppen og politikere"), counted from the cases and their checklists, with
// whose (which case's) each count is, so that it can be suppressed for leaders or shown whole to a team.
//
// Not counted, because nothing records it today: the young person's status at the end of the model's
// evaluation as seed 002 measured it (we have the latest status a checklist recorded); the date an
// agreement was first due (see `agreementTables`).
import { DateTime } from 'luxon';
import { type Case, EDUCATION_STATUSES, type EducationStatus, youngPersonMember } from '../case';
import { ANSWER_CHOICES, CANCELLATION_REASONS, type CancellationReason, FIXED_QUESTIONS } from '../checklist';
import { MODEL_ZONE } from '../fields';
import type { Agreement } from '../goals';
import type { Meeting } from '../meeting';
import { MEETINGS_PER_YEAR } from './modelFigures';
import type { StatusWindow } from './period';
import { casesIn, isNetworkMeeting, meetingsIn } from './scope';
import { type CrossKey, type Table, type Tally, countFor, crossTable, emptyTally, listTable, tally } from './table';

/** Each a share of the meetings held: the young person present, a VIP attached, each preparation step done (sections 2, 3, 5, 6). */
export const CHECKLIST_FIGURES = [
  'youngPersonPresent',
  'vipAttached',
  'prepHandoverSent',
  'prepPreMeeting',
  'prepFollowedUpPlan',
  'prepNetworkMapMade',
  'prepNetworkMapUsed',
  'evalClearGoals',
  'evalResponsibles',
] as const;
export type ChecklistFigure = (typeof CHECKLIST_FIGURES)[number];

/**
 * An answer's count among the meetings held. `notAnswered` includes a question not asked at that meeting
 * (prepFollowedUpPlan at the first meeting); `unknown` ("ved ikke") only for the questions that offer it.
 */
export type AnswerKey = 'held' | 'yes' | 'no' | 'unknown' | 'notAnswered';
export type MeetingKey = 'all' | 'held' | 'cancelled' | `cancelled.${CancellationReason}`;
/** Young people by the network meetings held in the year up to the status (seed 000: at least three a year). */
export type YearKey = 'youngPeople' | 'atLeastThree' | 'fewerThanThree' | 'notOpenWholeYear';
export type AgreementKey = 'due' | 'keptOnTime' | 'doneLate' | 'overdue';
export type MovedKey = 'due' | 'moved' | 'notMoved';
export type EvaluationKey = CrossKey<EducationStatus, EducationStatus>;
/** Feedback to the young person after a meeting held: recorded within two days, recorded later, or not recorded. */
export type FeedbackKey = 'held' | 'withinTwoDays' | 'later' | 'notRecorded';

/** Seed 001: "senest to dage efter mødet", calendar days, as the coordinator's reminder counts them (reminders.ts). */
const FEEDBACK_DAYS = 2;

/** A mean, as its sum and how many, with whose they are. */
export interface Average {
  sum: number;
  count: number;
  people: ReadonlySet<string>;
}

export interface HalfYearStatus {
  window: StatusWindow;
  /** Network meetings set for the window: held, and cancelled by the checklist's reasons. */
  meetings: Table<MeetingKey>;
  meetingsPerYear: Table<YearKey>;
  /** Network meetings held in the year, per young person whose case was open all of it. */
  meetingsPerYoungPersonPerYear: Average;
  checklist: Record<ChecklistFigure, Table<AnswerKey>>;
  /** Section 6, "Mødets længde (minutter)", over the meetings held that answered it. */
  meetingLength: Average;
  agreements: Table<AgreementKey>;
  agreementsMoved: Table<MovedKey>;
  /** The meetings held, by whether the young person's feedback was recorded as given within two days of each. */
  feedback: Table<FeedbackKey>;
  /** The young people by their status at the start (rows) and as last recorded by the window's end (columns), as seed 002's evaluation. */
  evaluation: Table<EvaluationKey>;
}

type Counting = ReturnType<typeof emptyTally>;
const localDay = (instant: string): string => DateTime.fromISO(instant, { zone: MODEL_ZONE }).toISODate() ?? '';

function meetingTable(cases: readonly Case[], window: StatusWindow): Table<MeetingKey> {
  const held = emptyTally();
  const cancelled = emptyTally();
  const byReason = new Map<CancellationReason, Counting>(CANCELLATION_REASONS.map((reason) => [reason, emptyTally()]));
  for (const current of cases) {
    for (const meeting of meetingsIn(current, window)) {
      if (meeting.status === 'held') countFor(held, current.id);
      else {
        countFor(cancelled, current.id);
        // cancelMeeting always records a reason; a record without one cannot be put under any.
        const reason = meeting.cancellation && byReason.get(meeting.cancellation.reason);
        if (reason) countFor(reason, current.id);
      }
    }
  }
  const all = tally([...held.people, ...cancelled.people], held.count + cancelled.count);
  const reasons = CANCELLATION_REASONS.map((reason) => ({ key: `cancelled.${reason}` as const, tally: byReason.get(reason) ?? emptyTally() }));
  const cancelledSum = reasons.reduce((sum, reason) => sum + reason.tally.count, 0);
  return {
    counted: 'meetings',
    cells: [{ key: 'all', tally: all }, { key: 'held', tally: held, shared: 'heldMeetings' }, { key: 'cancelled', tally: cancelled }, ...reasons],
    sums: [
      { total: 'all', parts: ['held', 'cancelled'] },
      // Only when every cancellation has its reason is the cancelled total their sum.
      ...(cancelledSum === cancelled.count ? [{ total: 'cancelled' as const, parts: reasons.map((reason) => reason.key) }] : []),
    ],
  };
}

const heldIn = (current: Case, window: StatusWindow, from?: string): Meeting[] => meetingsIn(current, window, from).filter((meeting) => meeting.status === 'held');

function yearTables(cases: readonly Case[], window: StatusWindow, youngPeople: Tally): { table: Table<YearKey>; average: Average } {
  const yearStart = DateTime.fromISO(window.asOf, { zone: MODEL_ZONE }).minus({ years: 1 }).toUTC().toISO() ?? '';
  const groups: Record<Exclude<YearKey, 'youngPeople'>, string[]> = { atLeastThree: [], fewerThanThree: [], notOpenWholeYear: [] };
  let meetings = 0;
  for (const current of cases) {
    const openAllYear = current.createdAt <= yearStart && (current.closedAt === undefined || current.closedAt >= window.asOf);
    if (!openAllYear) {
      groups.notOpenWholeYear.push(current.id);
      continue;
    }
    const held = heldIn(current, window, yearStart).length;
    meetings += held;
    groups[held >= MEETINGS_PER_YEAR ? 'atLeastThree' : 'fewerThanThree'].push(current.id);
  }
  const judged = [...groups.atLeastThree, ...groups.fewerThanThree];
  return {
    table: listTable('youngPeople', { key: 'youngPeople', tally: youngPeople, shared: 'youngPeople' }, [
      { key: 'atLeastThree', tally: tally(groups.atLeastThree) },
      { key: 'fewerThanThree', tally: tally(groups.fewerThanThree) },
      { key: 'notOpenWholeYear', tally: tally(groups.notOpenWholeYear) },
    ]),
    average: { sum: meetings, count: judged.length, people: new Set(judged) },
  };
}

const questionKind = (questionId: string) => FIXED_QUESTIONS.find((question) => question.id === questionId)?.kind ?? 'yesNo';

function checklistTable(cases: readonly Case[], window: StatusWindow, figure: ChecklistFigure, held: Tally): Table<AnswerKey> {
  // The young person's attendance is asked per member (section 5): their row is their member id's.
  const questionOf = (current: Case) => (figure === 'youngPersonPresent' ? `attended_${youngPersonMember(current).id}` : figure);
  const choices = (ANSWER_CHOICES[questionKind(figure)] ?? []) as readonly Exclude<AnswerKey, 'held' | 'notAnswered'>[];
  const counts = new Map<AnswerKey, Counting>([...choices, 'notAnswered' as const].map((key) => [key, emptyTally()]));
  for (const current of cases) {
    for (const meeting of heldIn(current, window)) {
      const answer = meeting.answers[questionOf(current)];
      const into = counts.get(choices.find((choice) => choice === answer) ?? 'notAnswered');
      if (into) countFor(into, current.id);
    }
  }
  return listTable('meetings', { key: 'held', tally: held, shared: 'heldMeetings' }, [...counts].map(([key, value]) => ({ key, tally: value })));
}

function meetingLength(cases: readonly Case[], window: StatusWindow): Average {
  const lengths = cases.flatMap((current) =>
    heldIn(current, window).flatMap((meeting) => (typeof meeting.answers.evalLengthMinutes === 'number' ? [{ caseId: current.id, minutes: meeting.answers.evalLengthMinutes }] : [])),
  );
  return { sum: lengths.reduce((sum, length) => sum + length.minutes, 0), count: lengths.length, people: new Set(lengths.map((length) => length.caseId)) };
}

/**
 * The agreements due in the window (follow-up date in it, and before the day the status is taken),
 * as they stood when it was taken: done by the follow-up date, done later, or still not done (overdue;
 * for an ended period, at its end, so that its report does not change afterwards). An agreement's
 * first date is not recorded (only the dates it was moved to), so one that was moved is judged against
 * its latest date, and counted in the period that date is in.
 */
function agreementTables(cases: readonly Case[], window: StatusWindow): { outcomes: Table<AgreementKey>; moved: Table<MovedKey> } {
  const counts = { due: emptyTally(), keptOnTime: emptyTally(), doneLate: emptyTally(), overdue: emptyTally(), moved: emptyTally(), notMoved: emptyTally() };
  const outcomeOf = (agreement: Agreement): 'keptOnTime' | 'doneLate' | 'overdue' => {
    const done = agreement.history.find((event) => event.kind === 'done' && event.at < window.asOf);
    if (!done) return 'overdue';
    return localDay(done.at) <= agreement.followUpOn ? 'keptOnTime' : 'doneLate';
  };
  for (const current of cases) {
    for (const agreement of current.agreements) {
      if (agreement.followUpOn < window.period.firstDay || agreement.followUpOn >= window.asOfDay) continue;
      countFor(counts.due, current.id);
      countFor(counts[outcomeOf(agreement)], current.id);
      countFor(agreement.history.some((event) => event.kind === 'newDate' && event.at < window.asOf) ? counts.moved : counts.notMoved, current.id);
    }
  }
  const due = { key: 'due' as const, tally: counts.due, shared: 'dueAgreements' as const };
  return {
    outcomes: listTable('agreements', due, (['keptOnTime', 'doneLate', 'overdue'] as const).map((key) => ({ key, tally: counts[key] }))),
    moved: listTable('agreements', due, (['moved', 'notMoved'] as const).map((key) => ({ key, tally: counts[key] }))),
  };
}

/**
 * Each meeting held, by when its feedback giver (or the coordinator for them) recorded that the young
 * person had feedback: by the second day after the meeting's day, later, or not by the time the status
 * is taken (for an ended period, its end, as the agreements). The record's time stands for when it was
 * given: a record made late counts as late.
 */
function feedbackTable(cases: readonly Case[], window: StatusWindow, held: Tally): Table<FeedbackKey> {
  const counts = { withinTwoDays: emptyTally(), later: emptyTally(), notRecorded: emptyTally() };
  for (const current of cases) {
    for (const meeting of heldIn(current, window)) {
      const given = meeting.closure?.feedbackGiven;
      const lastDay = DateTime.fromISO(meeting.startsAt, { zone: MODEL_ZONE }).plus({ days: FEEDBACK_DAYS }).toISODate() ?? '';
      const outcome = !given || given.at >= window.asOf ? 'notRecorded' : localDay(given.at) <= lastDay ? 'withinTwoDays' : 'later';
      countFor(counts[outcome], current.id);
    }
  }
  return listTable('meetings', { key: 'held', tally: held, shared: 'heldMeetings' }, (['withinTwoDays', 'later', 'notRecorded'] as const).map((key) => ({ key, tally: counts[key] })));
}

/**
 * The status as last recorded by a network meeting held before the window's end, else the status at the
 * start: meeting.ts' latestStatus, as of then.
 */
function statusNow(current: Case, window: StatusWindow): EducationStatus {
  const recorded = current.meetings
    .filter((meeting) => isNetworkMeeting(meeting) && meeting.status === 'held' && meeting.startsAt < window.asOf)
    .map((meeting) => meeting.answers.youngPersonStatus)
    .filter((answer): answer is EducationStatus => (EDUCATION_STATUSES as readonly unknown[]).includes(answer));
  return recorded.at(-1) ?? current.youngPerson.statusAtStart;
}

export function halfYearStatus(allCases: readonly Case[], window: StatusWindow): HalfYearStatus {
  const cases = casesIn(allCases, window);
  const youngPeople = tally(cases.map((current) => current.id));
  const meetings = meetingTable(cases, window);
  const held = meetings.cells.find((cell) => cell.key === 'held')?.tally ?? tally([]);
  const year = yearTables(cases, window, youngPeople);
  const agreements = agreementTables(cases, window);
  const now = new Map(cases.map((current) => [current.id, statusNow(current, window)]));
  return {
    window,
    meetings,
    meetingsPerYear: year.table,
    meetingsPerYoungPersonPerYear: year.average,
    checklist: Object.fromEntries(CHECKLIST_FIGURES.map((figure) => [figure, checklistTable(cases, window, figure, held)])) as Record<ChecklistFigure, Table<AnswerKey>>,
    meetingLength: meetingLength(cases, window),
    agreements: agreements.outcomes,
    agreementsMoved: agreements.moved,
    feedback: feedbackTable(cases, window, held),
    evaluation: crossTable(
      'youngPeople',
      EDUCATION_STATUSES,
      EDUCATION_STATUSES,
      (start, column) => tally(cases.filter((current) => current.youngPerson.statusAtStart === start && now.get(current.id) === column).map((current) => current.id)),
      { tally: youngPeople, shared: 'youngPeople' },
    ),
  };
}
