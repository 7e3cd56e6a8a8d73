// The network meeting (netværksmøde): numbered per case, planned, opened, cancelled with one of the
// checklist's reasons; its checklist answers keep their history (who, when, what was there before).
import { DateTime } from 'luxon';
import { type Case, EDUCATION_STATUSES, type EducationStatus } from './case';
import type { Closure } from './closing';
import {
  ANSWER_CHOICES,
  CANCELLATION_REASONS,
  CHECKLIST_TEXT_LIMIT,
  type CancellationReason,
  type ChecklistQuestion,
  MAX_MEETING_MINUTES,
  questionsFor,
} from './checklist';
import { DomainError } from './errors';
import { MODEL_ZONE, TEXT_LIMITS, optionalText, requiredDate } from './fields';
import { CASE_LIMITS } from './limits';

export type MeetingStatus = 'planned' | 'open' | 'cancelled' | 'held';
export type AnswerValue = string | number;

export interface AnswerChange {
  questionId: string;
  /** `null` when an answer was cleared. */
  value: AnswerValue | null;
  previous: AnswerValue | null;
  byAadObjectId: string;
  at: string;
}

interface Cancellation {
  reason: CancellationReason;
  /** "Andet (angiv hvad)". */
  otherReason?: string;
  at: string;
  byAadObjectId: string;
}

export interface Meeting {
  id: string;
  /** "Den unges netværksmøde nr.": counted per case, cancelled meetings included. */
  number: number;
  status: MeetingStatus;
  startsAt: string;
  createdAt: string;
  openedAt?: string;
  answers: Record<string, AnswerValue>;
  answerLog: AnswerChange[];
  /** Changes let go from the log (see limits.ts): the log is whole only while this is absent. */
  droppedAnswerChanges?: number;
  /** Set on a meeting long past whose free-text answers were let go (see limits.ts). */
  freeTextDropped?: true;
  cancellation?: Cancellation;
  /** Where the checklist's channel card is, so that every answer can update it for everyone. */
  card?: { conversationId: string; activityId: string };
  /** Set when the meeting is closed (status `held`). */
  closure?: Closure;
}

export interface MeetingTime {
  date?: string;
  time?: string;
}

/** A date and a time of day in Copenhagen, as an instant. */
export function meetingStart({ date, time }: MeetingTime): string {
  const day = requiredDate(date, 'meetingDate');
  const clock = time?.trim() || '00:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(clock)) throw new DomainError('invalidTime', { field: 'meetingTime' });
  return DateTime.fromISO(`${day}T${clock}`, { zone: MODEL_ZONE }).toUTC().toISO() ?? '';
}

/**
 * The young person's status (the evaluation's outcome measure, seed 002) as last recorded: at the
 * latest meeting whose checklist answered it, else at the start.
 */
export function latestStatus(current: Case): { status: EducationStatus; meetingNumber?: number } {
  const recorded = [...current.meetings].reverse().find((meeting) => meeting.status !== 'cancelled' && meeting.answers.youngPersonStatus !== undefined);
  const status = recorded?.answers.youngPersonStatus;
  return recorded && (EDUCATION_STATUSES as readonly unknown[]).includes(status)
    ? { status: status as EducationStatus, meetingNumber: recorded.number }
    : { status: current.youngPerson.statusAtStart };
}

export const openMeetingOf = (current: Case) => current.meetings.find((meeting) => meeting.status === 'open');
export const plannedMeetingOf = (current: Case) => current.meetings.find((meeting) => meeting.status === 'planned');
/** The meeting that comes next (and the one `aflys` cancels): the open one, else the planned one. */
export const nextMeetingOf = (current: Case) => openMeetingOf(current) ?? plannedMeetingOf(current);

export function meetingById(current: Case, meetingId: string): Meeting {
  const meeting = current.meetings.find((candidate) => candidate.id === meetingId);
  if (!meeting) throw new DomainError('meetingNotFound');
  return meeting;
}

/** The first meeting that takes place: no earlier meeting was opened or held. */
export function isFirstMeeting(current: Case, meeting: Meeting): boolean {
  return !current.meetings.some((earlier) => earlier.number < meeting.number && (earlier.status === 'open' || earlier.status === 'held'));
}

export function checklistQuestions(current: Case, meeting: Meeting): ChecklistQuestion[] {
  return questionsFor(
    current.members.map((member) => member.id),
    isFirstMeeting(current, meeting),
  );
}

function withMeeting(current: Case, meeting: Meeting): Case {
  const exists = current.meetings.some((candidate) => candidate.id === meeting.id);
  return {
    ...current,
    meetings: exists ? current.meetings.map((candidate) => (candidate.id === meeting.id ? meeting : candidate)) : [...current.meetings, meeting],
  };
}

function newMeeting(current: Case, meetingId: string, status: MeetingStatus, startsAt: string, now: Date): Meeting {
  if (current.meetings.length >= CASE_LIMITS.meetings) throw new DomainError('tooManyMeetings', { max: CASE_LIMITS.meetings });
  return { id: meetingId, number: current.meetings.length + 1, status, startsAt, createdAt: now.toISOString(), answers: {}, answerLog: [] };
}

/** Opens the planned meeting, or a new one; one meeting per case is open at a time. */
export function openMeeting(current: Case, meetingId: string, time: MeetingTime, byAadObjectId: string, now: Date): Case {
  if (openMeetingOf(current)) throw new DomainError('meetingAlreadyOpen');
  const startsAt = meetingStart(time);
  const planned = plannedMeetingOf(current);
  const opened: Meeting = { ...(planned ?? newMeeting(current, meetingId, 'open', startsAt, now)), status: 'open', startsAt, openedAt: now.toISOString() };
  return event(withMeeting(current, opened), byAadObjectId, now, 'meetingOpened', opened.id);
}

/** Plans the next meeting for a date to come; the coordinator opens it when the team meets. */
export function planMeeting(current: Case, meetingId: string, time: MeetingTime, byAadObjectId: string, now: Date): Case {
  if (plannedMeetingOf(current)) throw new DomainError('meetingAlreadyPlanned');
  const startsAt = meetingStart(time);
  if (startsAt <= now.toISOString()) throw new DomainError('meetingInPast');
  const planned = newMeeting(current, meetingId, 'planned', startsAt, now);
  return event(withMeeting(current, planned), byAadObjectId, now, 'meetingPlanned', planned.id);
}


/** "Aflysning af møde", with one of the checklist's reasons. Only a planned or open meeting can be. */
export function cancelMeeting(
  current: Case,
  meetingId: string,
  reason: string | undefined,
  otherReason: string | undefined,
  byAadObjectId: string,
  now: Date,
): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.status !== 'open' && meeting.status !== 'planned') throw new DomainError('meetingNotOpen', { status: meeting.status });
  if (!(CANCELLATION_REASONS as readonly string[]).includes(reason ?? '')) throw new DomainError('cancellationNeedsReason');
  const other = optionalText(otherReason, 'otherReason', TEXT_LIMITS.short);
  if (reason === 'other' && !other) throw new DomainError('cancellationNeedsReason');
  const cancellation: Cancellation = { reason: reason as CancellationReason, at: now.toISOString(), byAadObjectId, ...(reason === 'other' ? { otherReason: other } : {}) };
  return event(withMeeting(current, { ...meeting, status: 'cancelled', cancellation }), byAadObjectId, now, 'meetingCancelled', meeting.id);
}

function validAnswer(current: Case, question: ChecklistQuestion, raw: string): AnswerValue {
  const choices = ANSWER_CHOICES[question.kind];
  if (choices) {
    if (!choices.includes(raw)) throw new DomainError('invalidAnswer', { field: question.id });
    return raw;
  }
  switch (question.kind) {
    case 'text':
      return optionalText(raw, question.id, CHECKLIST_TEXT_LIMIT) ?? '';
    case 'minutes': {
      const minutes = Number(raw);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MEETING_MINUTES) {
        throw new DomainError('invalidAnswer', { field: question.id });
      }
      return minutes;
    }
    case 'member':
      if (!current.members.some((member) => member.id === raw)) throw new DomainError('invalidAnswer', { field: question.id });
      return raw;
    default:
      throw new DomainError('invalidAnswer', { field: question.id });
  }
}

/**
 * Answers questions of the open meeting's checklist. An empty value clears an answer. Only what
 * differs from the stored answer is recorded, each change with who, when and what it replaced.
 */
export function answerChecklist(current: Case, meetingId: string, answers: Record<string, string>, byAadObjectId: string, now: Date): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.status !== 'open') throw new DomainError('meetingNotOpen', { status: meeting.status });
  const questions = new Map(checklistQuestions(current, meeting).map((candidate) => [candidate.id, candidate]));
  const at = now.toISOString();
  const next = { ...meeting.answers };
  const log: AnswerChange[] = [];
  for (const [questionId, raw] of Object.entries(answers)) {
    const question = questions.get(questionId);
    if (!question) throw new DomainError('unknownQuestion');
    const value = raw.trim() === '' ? null : validAnswer(current, question, raw.trim());
    const normalized = value === '' ? null : value;
    const previous = next[questionId] ?? null;
    if (normalized === previous) continue;
    if (normalized === null) delete next[questionId];
    else next[questionId] = normalized;
    log.push({ questionId, value: normalized, previous, byAadObjectId, at });
  }
  if (log.length === 0) return current;
  return withMeeting(current, { ...meeting, answers: next, answerLog: [...meeting.answerLog, ...log] });
}

export function setMeetingCard(current: Case, meetingId: string, card: NonNullable<Meeting['card']>): Case {
  return withMeeting(current, { ...meetingById(current, meetingId), card });
}

function event(current: Case, byAadObjectId: string, now: Date, kind: 'meetingOpened' | 'meetingPlanned' | 'meetingCancelled', meetingId: string): Case {
  return { ...current, history: [...current.history, { at: now.toISOString(), byAadObjectId, kind, meetingId }] };
}
