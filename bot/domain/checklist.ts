// The meeting checklist (mødetjekliste, seed 001 sections 1 to 6): which questions there are and what
// an answer may be. The wording of every question lives in bot/i18n, taken from the seed.
import { EDUCATION_STATUSES } from './case';
import type { Meeting } from './meeting';

export const CHECKLIST_SECTIONS = ['roles', 'preparation', 'vip', 'agenda', 'attendance', 'evaluation', 'status'] as const;
export type ChecklistSection = (typeof CHECKLIST_SECTIONS)[number];

/** Where a meeting is in its life, as far as its checklist is concerned. */
export type ChecklistPhase = 'planned' | 'open' | 'awaitingApproval' | 'approved' | 'cancelled';

/** Where the meeting is, as its checklist sees it: a held meeting awaits the young person's approval first. */
export function meetingPhase(meeting: Meeting): ChecklistPhase {
  if (meeting.status === 'held') return meeting.closure?.approval ? 'approved' : 'awaitingApproval';
  return meeting.status;
}

/** When a section can be answered: the phases of SECTION_WINDOW_PHASES. */
export type SectionWindow = 'plannedOrOpen' | 'open' | 'openOrAwaitingApproval';

const SECTION_WINDOW_PHASES: Record<SectionWindow, readonly ChecklistPhase[]> = {
  plannedOrOpen: ['planned', 'open'],
  open: ['open'],
  openOrAwaitingApproval: ['open', 'awaitingApproval'],
};

/**
 * Seed 001: the checklist is gone through in planning ("Gennemgå mødetjeklisten forud for planlægning"),
 * and who took part and what the meeting covered are filled in after it ("Efter afholdelse af mødet"),
 * until the minutes are approved; seed 003: the roles are agreed before the meeting.
 */
export const SECTION_WINDOWS: Record<ChecklistSection, SectionWindow> = {
  roles: 'plannedOrOpen',
  preparation: 'plannedOrOpen',
  vip: 'open',
  agenda: 'open',
  attendance: 'openOrAwaitingApproval',
  evaluation: 'openOrAwaitingApproval',
  status: 'open',
};

export const isAnswerableIn = (section: ChecklistSection, phase: ChecklistPhase): boolean => SECTION_WINDOW_PHASES[SECTION_WINDOWS[section]].includes(phase);

/** Some section of the meeting's checklist can still be answered (planned, open, or held until its minutes are approved). */
export const isChecklistStillAnswerable = (meeting: Meeting): boolean => CHECKLIST_SECTIONS.some((section) => isAnswerableIn(section, meetingPhase(meeting)));

/** Seed 003: the coordinator agrees the meeting roles (leader, writer, interviewer) before the meeting. */
export const onlyCoordinatorAnswers = (section: ChecklistSection): boolean => section === 'roles';

/** What an answer may be. `member` is a team member id; `minutes` a whole number. */
export type AnswerKind = 'yesNo' | 'yesNoUnknown' | 'done' | 'text' | 'minutes' | 'educationStatus' | 'vipSource' | 'member';

export interface ChecklistQuestion {
  id: string;
  section: ChecklistSection;
  kind: AnswerKind;
  /** Seed 001: "udfyldes ikke ved første netværksmøde". */
  notAtFirstMeeting?: true;
  /** Asked only after this answer to another question ("Hvis nej, hvorfor ikke?"). */
  onlyIf?: { questionId: string; answer: string };
  /** May rightly stay empty (an agenda point not covered, no others present): never counted as unanswered. */
  optional?: true;
}

/** Free text in the checklist is short: a reason, a name. It keeps the card of a full team small. */
export const CHECKLIST_TEXT_LIMIT = 200;

type QuestionRules = Pick<ChecklistQuestion, 'notAtFirstMeeting' | 'onlyIf' | 'optional'>;

const question = (section: ChecklistSection, kind: AnswerKind, id: string, rules: QuestionRules = {}): ChecklistQuestion => ({ id, section, kind, ...rules });
const ifVipAttached = { onlyIf: { questionId: 'vipAttached', answer: 'yes' } };

/** The fixed questions, in the order of the form. Attendance questions are per team member, below. */
export const FIXED_QUESTIONS: readonly ChecklistQuestion[] = [
  // Meeting roles (seed 003): may change from meeting to meeting.
  question('roles', 'member', 'roleLeader'),
  question('roles', 'member', 'roleWriter'),
  question('roles', 'member', 'roleInterviewer'),
  // 2: Forberedelse til netværksmødet
  question('preparation', 'yesNo', 'prepHandoverSent'),
  question('preparation', 'yesNo', 'prepPreMeeting'),
  question('preparation', 'yesNo', 'prepFollowedUpPlan', { notAtFirstMeeting: true }),
  question('preparation', 'yesNo', 'prepNetworkMapMade'),
  question('preparation', 'yesNo', 'prepNetworkMapUsed'),
  // 3: VIP – en voksen fra den unges netværk
  question('vip', 'yesNo', 'vipAttached'),
  question('vip', 'vipSource', 'vipSource', ifVipAttached),
  question('vip', 'text', 'vipWho', ifVipAttached),
  // 4: Forslag til dagsorden, ticked off as the meeting runs: a point left unticked was not covered.
  ...[1, 2, 3, 4, 5, 6, 7].map((point) => question('agenda', 'done', `agenda${point}`, { optional: true })),
  // 5: Hvem deltog på mødet? (the team's members are added per meeting)
  question('attendance', 'text', 'attendanceOthers', { optional: true }),
  // 6: Afholdelse af selve netværksmødet
  question('evaluation', 'yesNoUnknown', 'evalResources'),
  question('evaluation', 'yesNoUnknown', 'evalChallenges'),
  question('evaluation', 'yesNoUnknown', 'evalNeeds'),
  question('evaluation', 'yesNoUnknown', 'evalClearGoals'),
  question('evaluation', 'yesNoUnknown', 'evalResponsibles'),
  question('evaluation', 'yesNoUnknown', 'evalYoungPersonSpoke'),
  question('evaluation', 'yesNoUnknown', 'evalYoungPersonKnowsFollowUp'),
  question('evaluation', 'yesNoUnknown', 'evalWentWell'),
  question('evaluation', 'yesNoUnknown', 'evalAgendaCompleted'),
  question('evaluation', 'minutes', 'evalLengthMinutes'),
  // The evaluation's outcome measure (seed 002): the young person's status at this meeting.
  question('status', 'educationStatus', 'youngPersonStatus'),
];

const attendanceQuestionId = (memberId: string) => `attended_${memberId}`;
const absenceReasonQuestionId = (memberId: string) => `absenceReason_${memberId}`;

/** The questions of one meeting: the fixed ones, minus those not asked, plus attendance per member. */
export function questionsFor(memberIds: readonly string[], isFirstMeeting: boolean): ChecklistQuestion[] {
  const fixed = FIXED_QUESTIONS.filter((candidate) => !(isFirstMeeting && candidate.notAtFirstMeeting));
  const attendance = memberIds.flatMap((memberId) => [
    question('attendance', 'yesNo', attendanceQuestionId(memberId)),
    question('attendance', 'text', absenceReasonQuestionId(memberId), { onlyIf: { questionId: attendanceQuestionId(memberId), answer: 'no' } }),
  ]);
  const othersAt = fixed.findIndex((candidate) => candidate.id === 'attendanceOthers');
  return [...fixed.slice(0, othersAt), ...attendance, ...fixed.slice(othersAt)];
}

/** Whether a question waits for an answer, given the answers so far: the progress counts only these. */
export function asksForAnswer(candidate: ChecklistQuestion, answers: Readonly<Record<string, unknown>>): boolean {
  if (candidate.optional) return false;
  return !candidate.onlyIf || answers[candidate.onlyIf.questionId] === candidate.onlyIf.answer;
}

/** The free-text questions: fixed ones and each member's absence reason. */
export function isFreeTextQuestion(questionId: string): boolean {
  return questionId.startsWith('absenceReason_') || FIXED_QUESTIONS.some((candidate) => candidate.id === questionId && candidate.kind === 'text');
}

export const ANSWER_CHOICES: Partial<Record<AnswerKind, readonly string[]>> = {
  yesNo: ['yes', 'no'],
  yesNoUnknown: ['yes', 'no', 'unknown'],
  done: ['yes', 'no'],
  educationStatus: EDUCATION_STATUSES,
  vipSource: ['private', 'professional'],
};

/** A meeting longer than a working day is a typing error. */
export const MAX_MEETING_MINUTES = 600;

export const CANCELLATION_REASONS = ['youngPersonAbsent', 'youngPersonIll', 'coordinatorIll', 'other'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];
