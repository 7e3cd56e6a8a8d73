// The network meeting (netværksmøde): planned, opened (and then numbered), cancelled with one of the
// checklist's reasons; its checklist is answered in each section's window, and the answers keep their
// history (who, when, what was there before). Beside it, the internal coordination meeting of the
// professionals alone (seed 003): recorded as such, never numbered or counted as one of the model's meetings.
import { DateTime } from 'luxon';
import { type Case, EDUCATION_STATUSES, type EducationStatus, memberByAadObjectId } from './case';
import type { Closure, InternalClosure } from './closing';
import {
  ANSWER_CHOICES,
  CANCELLATION_REASONS,
  CHECKLIST_SECTIONS,
  CHECKLIST_TEXT_LIMIT,
  type CancellationReason,
  type ChecklistQuestion,
  type ChecklistSection,
  MAX_MEETING_MINUTES,
  RETIRED_QUESTIONS,
  SECTION_WINDOWS,
  asksForAnswer,
  isAnswerableIn,
  meetingPhase,
  onlyCoordinatorAnswers,
  internalQuestionsFor,
  questionsFor,
} from './checklist';
import { DomainError } from './errors';
import { MODEL_ZONE, TEXT_LIMITS, optionalText, requiredDate } from './fields';
import { CASE_LIMITS } from './limits';
import type { TransitionAge } from './transitions';

export type MeetingStatus = 'planned' | 'open' | 'cancelled' | 'held';

/**
 * `network`: the young person's network meeting (netværksmøde). `internal`: seed 003, "Fagprofessionelle
 * kan undervejs på ansvarlige tværgående koordinators foranledning mødes til intern koordinering/
 * afstemning uden deltagelse af den unge/forældre".
 */
export const MEETING_KINDS = ['network', 'internal'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
type AnswerValue = string | number;

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
  /** Absent on a network meeting (and on every meeting recorded before internal meetings existed). */
  kind?: 'internal';
  /** A network meeting planned or opened as the transition meeting of this age (seed 002: 16, 17½, 18½). */
  transitionAge?: TransitionAge;
  /**
   * "Den unges netværksmøde nr.": the meetings that took place, counted per case. Given when the
   * meeting opens and taken away if it is cancelled; a planned meeting has none. Read it through
   * meetingNumber(), which ignores the number older records gave planned and cancelled meetings.
   */
  number?: number;
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
  card?: PostedCard;
  /** Where `afslut` posted its card while this meeting was the one to close or approve (the latest few): updated when it is closed and approved. */
  closingCards?: PostedCard[];
  /** Where the outbox posted the approved minutes' channel card: updated when the next meeting it names changes. */
  minutesCard?: PostedCard;
  /** The Outlook event the bot made for a network meeting (Microsoft Graph on): kept up to date as the meeting moves, is cancelled or held. */
  calendarEvent?: CalendarEventRef;
  /** Set when a network meeting is closed (status `held`). */
  closure?: Closure;
  /** Set when an internal meeting is closed (status `held`): it has no closing questions and no approval. */
  internalClosure?: InternalClosure;
}

export const isInternalMeeting = (meeting: Pick<Meeting, 'kind'>): boolean => meeting.kind === 'internal';
const kindOf = (meeting: Pick<Meeting, 'kind'>): MeetingKind => meeting.kind ?? 'network';
/** A card the bot posted: where, so that it can be put right when what it shows changes. */
export interface PostedCard {
  conversationId: string;
  activityId: string;
}

/** A calendar event: its id in the mailbox it was made in (the coordinator's then, whoever coordinates now). */
export interface CalendarEventRef {
  eventId: string;
  mailboxAadObjectId: string;
}

/** The closing cards remembered per meeting: a coordinator writes `afslut` a few times, not more. */
const MAX_CLOSING_CARDS = 3;

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
    ? { status: status as EducationStatus, meetingNumber: meetingNumber(recorded) }
    : { status: current.youngPerson.statusAtStart };
}

/**
 * The meeting's place in the sequence of meetings held, or none while planned or once cancelled.
 * Numbers are given when a meeting opens rather than when it is planned: a number shown for a planned
 * meeting would turn false the moment the meeting before it is cancelled, and cards and messages that
 * were posted cannot all be corrected. Once opened, only the open meeting itself can still be
 * cancelled, so a held meeting's number (and every card that printed it) stays true for good.
 */
export function meetingNumber(meeting: Meeting): number | undefined {
  if (isInternalMeeting(meeting)) return undefined;
  return meeting.status === 'open' || meeting.status === 'held' ? meeting.number : undefined;
}

/** How a meeting is named: by its number, as internal, or (planned or cancelled) by neither. */
export type MeetingLabel = number | 'internal' | undefined;
export const meetingLabel = (meeting: Meeting): MeetingLabel => (isInternalMeeting(meeting) ? 'internal' : meetingNumber(meeting));

/** The number the next meeting to open gets: one more than the highest given, so a number never repeats. */
function nextMeetingNumber(current: Case): number {
  return Math.max(0, ...current.meetings.map((meeting) => meetingNumber(meeting) ?? 0)) + 1;
}

/** The meeting's minute-taker may write the goals form while it is open and until its minutes are approved. */
export const writerMayWriteForm = (meeting: Meeting): boolean => meetingPhase(meeting) === 'open' || meetingPhase(meeting) === 'awaitingApproval';

/** The open meeting, of either kind: one meeting per case is open at a time. */
export const openMeetingOf = (current: Case) => current.meetings.find((meeting) => meeting.status === 'open');
/** The planned meeting of this kind (one of each at a time): by default the next network meeting. */
export const plannedMeetingOf = (current: Case, kind: MeetingKind = 'network') =>
  current.meetings.find((meeting) => meeting.status === 'planned' && kindOf(meeting) === kind);
/** The next network meeting: the open one, else the planned one. An internal meeting is not the model's next meeting. */
export const nextMeetingOf = (current: Case) => {
  const open = openMeetingOf(current);
  return open && !isInternalMeeting(open) ? open : plannedMeetingOf(current);
};
/** What `aflys` offers to cancel: the open meeting, else each planned one (a network and an internal meeting may both be planned). */
export function cancellableMeetingsOf(current: Case): Meeting[] {
  const open = openMeetingOf(current);
  if (open) return [open];
  return MEETING_KINDS.flatMap((kind) => plannedMeetingOf(current, kind) ?? []);
}
/** The meeting `afslut` is about: the open one's closing (of either kind), else the last closed network meeting's approval. */
export const closingMeetingOf = (current: Case) => openMeetingOf(current) ?? [...current.meetings].reverse().find((meeting) => meeting.closure);

export function meetingById(current: Case, meetingId: string): Meeting {
  const meeting = current.meetings.find((candidate) => candidate.id === meetingId);
  if (!meeting) throw new DomainError('meetingNotFound');
  return meeting;
}

/**
 * The first meeting that takes place: no earlier meeting was opened or held. Meetings are kept in the
 * order they were planned or opened, which is the order they take place (one is planned at a time, and
 * opening opens the planned one).
 */
export function isFirstMeeting(current: Case, meeting: Meeting): boolean {
  const position = current.meetings.findIndex((candidate) => candidate.id === meeting.id);
  return !current.meetings.slice(0, position).some((earlier) => !isInternalMeeting(earlier) && (earlier.status === 'open' || earlier.status === 'held'));
}

/** The network meeting's checklist (seed 001); an internal meeting's short one (attendance of the professionals). */
export function checklistQuestions(current: Case, meeting: Meeting): ChecklistQuestion[] {
  return isInternalMeeting(meeting) ? internalQuestionsFor(current.members) : questionsFor(current.members, isFirstMeeting(current, meeting));
}

interface Progress {
  answered: number;
  total: number;
}

/** How many of these questions that wait for an answer (asksForAnswer) have one. */
export function progressOf(questions: readonly ChecklistQuestion[], answers: Meeting['answers']): Progress {
  const asked = questions.filter((question) => asksForAnswer(question, answers));
  return { answered: asked.filter((question) => answers[question.id] !== undefined).length, total: asked.length };
}

/** The checklist's progress: questions that do not apply (an absence reason of someone present) are not counted. */
export const checklistProgress = (current: Case, meeting: Meeting): Progress => progressOf(checklistQuestions(current, meeting), meeting.answers);

/** The sections with a question still waiting for an answer, in the form's order. */
export function incompleteSections(current: Case, meeting: Meeting): ChecklistSection[] {
  const questions = checklistQuestions(current, meeting);
  return CHECKLIST_SECTIONS.filter((section) => {
    const { answered, total } = progressOf(questions.filter((question) => question.section === section), meeting.answers);
    return answered < total;
  });
}

function withMeeting(current: Case, meeting: Meeting): Case {
  const exists = current.meetings.some((candidate) => candidate.id === meeting.id);
  return {
    ...current,
    meetings: exists ? current.meetings.map((candidate) => (candidate.id === meeting.id ? meeting : candidate)) : [...current.meetings, meeting],
  };
}

function newMeeting(current: Case, meetingId: string, status: MeetingStatus, startsAt: string, now: Date, kind: MeetingKind): Meeting {
  if (current.meetings.length >= CASE_LIMITS.meetings) throw new DomainError('tooManyMeetings', { max: CASE_LIMITS.meetings });
  return { id: meetingId, ...(kind === 'internal' ? { kind } : {}), status, startsAt, createdAt: now.toISOString(), answers: {}, answerLog: [] };
}

/**
 * The age a network meeting is the transition meeting of: one meeting per age (another one planned or
 * held as that age's is refused). An internal meeting is never one: the young person is not there.
 */
function asTransition(current: Case, meetingId: string | undefined, kind: MeetingKind, transitionAge: TransitionAge | undefined): { transitionAge?: TransitionAge } {
  if (!transitionAge) return {};
  if (kind === 'internal') throw new DomainError('transitionMeetingIsNetwork');
  const taken = current.meetings.some((meeting) => meeting.id !== meetingId && meeting.transitionAge === transitionAge && meeting.status !== 'cancelled');
  if (taken) throw new DomainError('transitionMeetingTaken', { age: transitionAge });
  return { transitionAge };
}

/**
 * Opens the planned meeting of this kind, or a new one; one meeting per case is open at a time. Only a
 * network meeting gets a number: an internal one is never one of the model's meetings.
 */
export function openMeeting(
  current: Case,
  meetingId: string,
  time: MeetingTime,
  byAadObjectId: string,
  now: Date,
  kind: MeetingKind = 'network',
  transitionAge?: TransitionAge,
): Case {
  if (openMeetingOf(current)) throw new DomainError('meetingAlreadyOpen');
  const startsAt = meetingStart(time);
  const planned = plannedMeetingOf(current, kind);
  const opened: Meeting = {
    ...(planned ?? newMeeting(current, meetingId, 'open', startsAt, now, kind)),
    // Opening the planned meeting as a transition meeting marks it so; one planned as such stays so.
    ...asTransition(current, planned?.id ?? meetingId, kind, transitionAge),
    ...(kind === 'network' ? { number: nextMeetingNumber(current) } : {}),
    status: 'open',
    startsAt,
    openedAt: now.toISOString(),
  };
  return event(withMeeting(current, opened), byAadObjectId, now, 'meetingOpened', opened.id);
}

/** Plans the next meeting of this kind for a date to come; the coordinator opens it when the team meets. */
export function planMeeting(
  current: Case,
  meetingId: string,
  time: MeetingTime,
  byAadObjectId: string,
  now: Date,
  kind: MeetingKind = 'network',
  transitionAge?: TransitionAge,
): Case {
  if (plannedMeetingOf(current, kind)) throw new DomainError('meetingAlreadyPlanned');
  const startsAt = meetingStart(time);
  if (startsAt <= now.toISOString()) throw new DomainError('meetingInPast');
  const planned = { ...newMeeting(current, meetingId, 'planned', startsAt, now, kind), ...asTransition(current, meetingId, kind, transitionAge) };
  return event(withMeeting(current, planned), byAadObjectId, now, 'meetingPlanned', planned.id);
}


/** The young person's absence or illness cancels no meeting they were never to attend. */
export const cancellationReasonsFor = (meeting: Meeting): readonly CancellationReason[] =>
  isInternalMeeting(meeting) ? CANCELLATION_REASONS.filter((reason) => reason !== 'youngPersonAbsent' && reason !== 'youngPersonIll') : CANCELLATION_REASONS;

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
  if (!(cancellationReasonsFor(meeting) as readonly string[]).includes(reason ?? '')) throw new DomainError('cancellationNeedsReason');
  const other = optionalText(otherReason, 'otherReason', TEXT_LIMITS.short);
  if (reason === 'other' && !other) throw new DomainError('cancellationNeedsReason');
  const cancellation: Cancellation = { reason: reason as CancellationReason, at: now.toISOString(), byAadObjectId, ...(reason === 'other' ? { otherReason: other } : {}) };
  // A cancelled meeting keeps its record, not a number: the next meeting to open takes it.
  const { number: _givenUp, ...unnumbered } = meeting;
  return event(withMeeting(current, { ...unnumbered, status: 'cancelled', cancellation }), byAadObjectId, now, 'meetingCancelled', meeting.id);
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
    case 'vipMember':
      if (!current.members.some((member) => member.id === raw && member.role === 'vip')) throw new DomainError('invalidAnswer', { field: question.id });
      return raw;
    default:
      throw new DomainError('invalidAnswer', { field: question.id });
  }
}

/** Refuses an answer to a section outside its window (SECTION_WINDOWS), or to the roles by anyone but the coordinator. */
function assertMayAnswer(current: Case, meeting: Meeting, section: ChecklistSection, byAadObjectId: string): void {
  const phase = meetingPhase(meeting);
  if (!isAnswerableIn(section, phase)) throw new DomainError('sectionNotAnswerableNow', { section, window: SECTION_WINDOWS[section], phase });
  if (onlyCoordinatorAnswers(section) && memberByAadObjectId(current, byAadObjectId)?.role !== 'coordinator') throw new DomainError('meetingRolesByCoordinator');
}

/**
 * Answers questions of a meeting's checklist, each section in its window (checklist.ts). An empty
 * value clears an answer. Only what differs from the stored answer is recorded, each change with who,
 * when and what it replaced.
 */
export function answerChecklist(current: Case, meetingId: string, answers: Record<string, string>, byAadObjectId: string, now: Date): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.status === 'cancelled') throw new DomainError('meetingNotOpen', { status: meeting.status });
  const questions = new Map(checklistQuestions(current, meeting).map((candidate) => [candidate.id, candidate]));
  const at = now.toISOString();
  const next = { ...meeting.answers };
  const log: AnswerChange[] = [];
  for (const [questionId, raw] of Object.entries(answers)) {
    const question = questions.get(questionId);
    // A card from before a question was asked otherwise (checklist.ts: RETIRED_QUESTIONS) is told so.
    if (!question) {
      const retired = RETIRED_QUESTIONS.find((candidate) => candidate.id === questionId);
      throw retired ? new DomainError('questionRetired', { question: retired.id }) : new DomainError('unknownQuestion');
    }
    assertMayAnswer(current, meeting, question.section, byAadObjectId);
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

export function setMeetingCard(current: Case, meetingId: string, card: PostedCard): Case {
  return withMeeting(current, { ...meetingById(current, meetingId), card });
}

/** Remembers where the meeting's minutes were posted; the same place again changes nothing. */
/** Where the meeting's calendar event is, once made: later changes of the meeting update that event. */
export function setCalendarEvent(current: Case, meetingId: string, calendarEvent: CalendarEventRef): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.calendarEvent?.eventId === calendarEvent.eventId && meeting.calendarEvent.mailboxAadObjectId === calendarEvent.mailboxAadObjectId) return current;
  return withMeeting(current, { ...meeting, calendarEvent });
}

export function setMinutesCard(current: Case, meetingId: string, card: PostedCard): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.minutesCard?.activityId === card.activityId && meeting.minutesCard.conversationId === card.conversationId) return current;
  return withMeeting(current, { ...meeting, minutesCard: card });
}

/** Remembers a closing card of the meeting (the latest MAX_CLOSING_CARDS); one remembered already changes nothing. */
export function addClosingCard(current: Case, meetingId: string, card: PostedCard): Case {
  const meeting = meetingById(current, meetingId);
  const known = meeting.closingCards ?? [];
  if (known.some((posted) => posted.activityId === card.activityId && posted.conversationId === card.conversationId)) return current;
  return withMeeting(current, { ...meeting, closingCards: [...known, card].slice(-MAX_CLOSING_CARDS) });
}

function event(current: Case, byAadObjectId: string, now: Date, kind: 'meetingOpened' | 'meetingPlanned' | 'meetingCancelled', meetingId: string): Case {
  return { ...current, history: [...current.history, { at: now.toISOString(), byAadObjectId, kind, meetingId }] };
}
