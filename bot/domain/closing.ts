// Closing the meeting with the form's four closing questions and the summary (seed 001), the young
// person's approval before anything is circulated, and the eye-keeper's acknowledgement of the hand-over.
// An internal meeting (seed 003) is closed with none of these: it is the professionals' alone.
import { type Case, coordinatorOf } from './case';
import type { ChecklistSection } from './checklist';
import { DomainError } from './errors';
import { TEXT_LIMITS, localDate, optionalText, requiredDate } from './fields';
import { CASE_LIMITS } from './limits';
import { breaksRhythm, rhythmDeadline } from './rhythm';
import { type Meeting, incompleteSections, isInternalMeeting, meetingById, meetingNumber, meetingStart, planMeeting, plannedMeetingOf } from './meeting';

export interface ClosingInput {
  /** "Hvis der er ventetid på indsats, hvem gør hvad i mellemtiden?" */
  waitingArrangement?: string;
  /** "Hvem giver den unge tilbagemelding på aftalerne fra mødet? (senest to dage efter mødet)" */
  feedbackMemberId?: string;
  /** "Hvem har øje på den unge, indtil det tværfaglige team mødes igen …" */
  eyeKeeperMemberId?: string;
  /** "… og hvem kan den unge kontakte, hvis planen skrider, og/eller der opstår noget akut?" */
  acuteContactMemberId?: string;
  /** "Hvornår skal der afholdes et møde igen?" */
  nextMeetingDate?: string;
  nextMeetingTime?: string;
  /** "Resumé af møde, som ligger til grund for målene og aftalerne". */
  summary?: string;
  /** The coordinator confirms closing with checklist sections not filled in. */
  confirmEmptySections?: boolean;
  /** The coordinator confirms a next meeting more than four months after this one (the model's rhythm, rhythm.ts). */
  confirmFarNextMeeting?: boolean;
}

/** What the closing card sent, before any confirmation: what a confirmation or a way back carries unchanged. */
export type ClosingAnswers = Omit<ClosingInput, 'confirmFarNextMeeting'>;

export interface Closure {
  waitingArrangement: string;
  feedbackMemberId: string;
  eyeKeeperMemberId: string;
  acuteContactMemberId: string;
  nextMeetingId: string;
  summary: string;
  closedAt: string;
  closedByAadObjectId: string;
  /** The checklist's sections the coordinator confirmed closing without (some may be filled in later). */
  sectionsLeftIncomplete?: ChecklistSection[];
  /** The coordinator confirmed a next meeting more than four months after this one. */
  farNextMeetingConfirmed?: true;
  /** Sent back by the young person with changes, before approval. */
  sentBack: Array<{ at: string; byAadObjectId: string; changes: string }>;
  /** The young person's approval, recorded by the coordinator: only then is the form circulated. */
  approval?: { approvedOn: string; recordedAt: string; byAadObjectId: string };
  handOverAcknowledgedAt?: string;
  /**
   * That the young person had their feedback on the meeting's agreements ("senest to dage efter mødet",
   * seed 001): when it was recorded and by whom (the feedback giver, or the coordinator relaying).
   */
  feedbackGiven?: { at: string; byAadObjectId: string };
}

/** An internal meeting's end: no closing questions, no approval, no hand-over, no next meeting. */
export interface InternalClosure {
  closedAt: string;
  closedByAadObjectId: string;
  /** The attendance the coordinator confirmed closing without: it cannot be filled in afterwards. */
  sectionsLeftIncomplete?: ChecklistSection[];
}

/**
 * The closure of the latest circulated meeting: who keeps an eye on the young person until the team
 * meets again, and whether they acknowledged the hand-over.
 */
export function currentClosure(current: Case): Closure | undefined {
  return [...current.meetings].reverse().find((meeting) => meeting.closure?.approval)?.closure;
}

const CLOSING_FIELDS = ['waitingArrangement', 'feedbackMemberId', 'eyeKeeperMemberId', 'acuteContactMemberId', 'nextMeetingDate', 'summary'] as const;

function requiredMember(current: Case, memberId: string | undefined): string | undefined {
  return memberId && current.members.some((member) => member.id === memberId) ? memberId : undefined;
}

/**
 * Refuses, naming every unanswered question, until all four closing questions and the summary are
 * answered; then, naming them, while checklist sections are not filled in, unless the coordinator
 * confirms closing without them (the checklist is the leaders' data, seed 001; attendance and the
 * evaluation can still be filled in until the minutes are approved). Closing plans the next meeting
 * (or moves the planned one to the date agreed).
 */
export function closeMeeting(current: Case, meetingId: string, input: ClosingInput, nextMeetingId: string, byAadObjectId: string, now: Date): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.status !== 'open') throw new DomainError('meetingNotOpen', { status: meeting.status });
  if (isInternalMeeting(meeting)) throw new DomainError('meetingIsInternal');
  const answered = {
    waitingArrangement: optionalText(input.waitingArrangement, 'waitingArrangement', TEXT_LIMITS.short),
    feedbackMemberId: requiredMember(current, input.feedbackMemberId),
    eyeKeeperMemberId: requiredMember(current, input.eyeKeeperMemberId),
    acuteContactMemberId: requiredMember(current, input.acuteContactMemberId),
    nextMeetingDate: input.nextMeetingDate?.trim() ? requiredDate(input.nextMeetingDate, 'nextMeetingDate') : undefined,
    summary: optionalText(input.summary, 'summary', TEXT_LIMITS.long),
  };
  const missing = CLOSING_FIELDS.filter((field) => !answered[field]);
  if (missing.length > 0) throw new DomainError('closingIncomplete', { missing: missing.join(',') });
  const nextMeetingAt = meetingStart({ date: answered.nextMeetingDate, time: input.nextMeetingTime });
  if (nextMeetingAt <= now.toISOString()) throw new DomainError('meetingInPast');
  const incomplete = incompleteSections(current, meeting);
  if (incomplete.length > 0 && !input.confirmEmptySections) throw new DomainError('checklistIncomplete', { sections: incomplete.join(',') });
  // Asked last, so that the confirmation is the one step left: nothing is saved until it is given.
  if (breaksRhythm(meeting.startsAt, nextMeetingAt) && !input.confirmFarNextMeeting) {
    throw new DomainError('nextMeetingFarOff', { nextMeetingAt, latest: rhythmDeadline(meeting.startsAt) });
  }

  const planned = plannedMeetingOf(current);
  // At the case's last meeting (limits.ts) the meeting is closed all the same, with no next one planned.
  const roomForNext = current.meetings.length < CASE_LIMITS.meetings;
  const withNext = planned
    ? { ...current, meetings: current.meetings.map((candidate) => (candidate.id === planned.id ? { ...candidate, startsAt: nextMeetingAt } : candidate)) }
    : roomForNext
      ? planMeeting(current, nextMeetingId, { date: answered.nextMeetingDate, time: input.nextMeetingTime }, byAadObjectId, now)
      : current;
  const closure: Closure = {
    waitingArrangement: answered.waitingArrangement ?? '',
    feedbackMemberId: answered.feedbackMemberId ?? '',
    eyeKeeperMemberId: answered.eyeKeeperMemberId ?? '',
    acuteContactMemberId: answered.acuteContactMemberId ?? '',
    nextMeetingId: (planned ?? plannedMeetingOf(withNext))?.id ?? (roomForNext ? nextMeetingId : ''),
    summary: answered.summary ?? '',
    closedAt: now.toISOString(),
    closedByAadObjectId: byAadObjectId,
    ...(incomplete.length > 0 ? { sectionsLeftIncomplete: incomplete } : {}),
    ...(breaksRhythm(meeting.startsAt, nextMeetingAt) ? { farNextMeetingConfirmed: true as const } : {}),
    sentBack: [],
  };
  return withClosure({ ...withNext, history: [...withNext.history, { at: now.toISOString(), byAadObjectId, kind: 'meetingClosed', meetingId }] }, meetingId, closure, 'held');
}

/**
 * Closes an internal meeting: it ends there. Nothing goes to the young person for approval and nothing
 * is handed over to an eye-keeper (seed 003 asks for neither); the next network meeting stays as planned.
 * Refused while the attendance is not filled in, unless the coordinator confirms closing without it.
 */
export function closeInternalMeeting(current: Case, meetingId: string, confirmEmptySections: boolean | undefined, byAadObjectId: string, now: Date): Case {
  const meeting = meetingById(current, meetingId);
  if (meeting.status !== 'open') throw new DomainError('meetingNotOpen', { status: meeting.status });
  if (!isInternalMeeting(meeting)) throw new DomainError('meetingNotInternal');
  const incomplete = incompleteSections(current, meeting);
  if (incomplete.length > 0 && !confirmEmptySections) throw new DomainError('internalAttendanceIncomplete');
  const internalClosure: InternalClosure = { closedAt: now.toISOString(), closedByAadObjectId: byAadObjectId, ...(incomplete.length > 0 ? { sectionsLeftIncomplete: incomplete } : {}) };
  return {
    ...current,
    meetings: current.meetings.map((candidate) => (candidate.id === meetingId ? { ...candidate, status: 'held' as const, internalClosure } : candidate)),
    history: [...current.history, { at: now.toISOString(), byAadObjectId, kind: 'meetingClosed', meetingId }],
  };
}

function withClosure(current: Case, meetingId: string, closure: Closure, status?: Meeting['status']): Case {
  return {
    ...current,
    meetings: current.meetings.map((meeting) => (meeting.id === meetingId ? { ...meeting, closure, ...(status ? { status } : {}) } : meeting)),
  };
}

export function closureOf(current: Case, meetingId: string): Closure {
  const closure = meetingById(current, meetingId).closure;
  if (!closure) throw new DomainError('meetingNotClosed');
  return closure;
}

/** The closed network meeting of this number, or the latest closed one: what the minutes' documents are of. */
export function closedMeetingByNumber(current: Case, number?: number): Meeting & { closure: Closure } {
  const closed = current.meetings.filter((meeting): meeting is Meeting & { closure: Closure } => meeting.closure !== undefined);
  const found = number === undefined ? closed.at(-1) : closed.find((meeting) => meetingNumber(meeting) === number);
  if (!found) throw new DomainError('noClosedMeeting', number === undefined ? {} : { number });
  return found;
}

/**
 * Recorded by the coordinator, since the young person is usually not in Teams. When the coordinator
 * keeps an eye on the young person themselves, the approval is also the hand-over's acknowledgement:
 * they named themselves eye-keeper when closing and record the approval that hands over, so they have
 * taken it on; asking them to acknowledge to themselves, and reminding them that they have not, would
 * be noise, and the overview would show a hand-over waiting that nobody else can take.
 */
export function approveMinutes(current: Case, meetingId: string, approvedOn: string | undefined, byAadObjectId: string, now: Date): Case {
  const closure = closureOf(current, meetingId);
  if (closure.approval) throw new DomainError('minutesAlreadyApproved');
  const date = requiredDate(approvedOn, 'approvedOn');
  if (date > localDate(now)) throw new DomainError('approvalInFuture');
  const at = now.toISOString();
  const keptByCoordinator = closure.eyeKeeperMemberId === coordinatorOf(current).id;
  return withClosure(current, meetingId, { ...closure, approval: { approvedOn: date, recordedAt: at, byAadObjectId }, ...(keptByCoordinator ? { handOverAcknowledgedAt: at } : {}) });
}

/** The young person wants changes: the form stays unapproved and uncirculated until they approve. */
export function sendBackMinutes(current: Case, meetingId: string, changes: string | undefined, byAadObjectId: string, now: Date): Case {
  const closure = closureOf(current, meetingId);
  if (closure.approval) throw new DomainError('minutesAlreadyApproved');
  const text = optionalText(changes, 'changes', TEXT_LIMITS.long);
  if (!text) throw new DomainError('fieldRequired', { field: 'changes' });
  return withClosure(current, meetingId, { ...closure, sentBack: [...closure.sentBack, { at: now.toISOString(), byAadObjectId, changes: text }] });
}

/**
 * The eye-keeper (or, for an eye-keeper outside Teams, the coordinator who relays) takes it on, once the
 * minutes are approved; who may is access.ts's rule (requireHandOverAcknowledger).
 */
export function acknowledgeHandOver(current: Case, meetingId: string, now: Date): Case {
  const closure = closureOf(current, meetingId);
  if (!closure.approval) throw new DomainError('minutesNotApproved');
  if (closure.handOverAcknowledgedAt) return current;
  return withClosure(current, meetingId, { ...closure, handOverAcknowledgedAt: now.toISOString() });
}

/**
 * The feedback giver (or the coordinator relaying for one outside Teams) records that the young person
 * had their feedback, once, any time after the meeting is closed: the feedback is on the agreements made
 * at the meeting, not on the approved minutes. Who may is access.ts's rule (requireFeedbackRecorder).
 */
export function recordFeedbackGiven(current: Case, meetingId: string, byAadObjectId: string, now: Date): Case {
  if (isInternalMeeting(meetingById(current, meetingId))) throw new DomainError('meetingIsInternal');
  const closure = closureOf(current, meetingId);
  if (closure.feedbackGiven) throw new DomainError('feedbackAlreadyGiven');
  return withClosure(current, meetingId, { ...closure, feedbackGiven: { at: now.toISOString(), byAadObjectId } });
}
