// The meeting checklist (mødetjekliste, seed 001 sections 1 to 6): which questions there are and what
// an answer may be. The wording of every question lives in bot/i18n, taken from the seed.
import { EDUCATION_STATUSES, type TeamMember } from './case';
import type { Meeting } from './meeting';
import { ALWAYS_ON_TEAM, TEAM_ROLES, type TeamRole } from './roles';

export const CHECKLIST_SECTIONS = ['roles', 'preparation', 'vip', 'agenda', 'attendance', 'evaluation', 'status'] as const;
export type ChecklistSection = (typeof CHECKLIST_SECTIONS)[number];

/** Where a meeting is in its life, as far as its checklist is concerned. */
export type ChecklistPhase = 'planned' | 'open' | 'awaitingApproval' | 'approved' | 'cancelled';

/**
 * Where the meeting is, as its checklist sees it: a held network meeting awaits the young person's
 * approval first; an internal meeting has none to wait for, so once closed it is done as an approved one is.
 */
export function meetingPhase(meeting: Meeting): ChecklistPhase {
  if (meeting.status === 'held') return meeting.closure?.approval || meeting.kind === 'internal' ? 'approved' : 'awaitingApproval';
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

/** What an answer may be. `member` is a team member id, `vipMember` the id of a member with role `vip`; `minutes` a whole number. */
export type AnswerKind = 'yesNo' | 'yesNoUnknown' | 'done' | 'text' | 'minutes' | 'educationStatus' | 'vipSource' | 'member' | 'vipMember';

/**
 * The two parts of section 5's table (seed 001): "Tværfagligt team" asks "Hvis nej, hvorfor ikke?";
 * "Øvrige deltagere" asks "Hvorfor/hvorfor ikke deltagelse" of everyone, present or not.
 */
type AttendanceGroup = 'team' | 'others';

/** The row of section 5's table an attendance question is on. */
type AttendanceRow =
  | { kind: 'member'; memberId: string; group: AttendanceGroup }
  /** A role every team has (roles.ts: ALWAYS_ON_TEAM) that nobody on this team holds: its row, to record as absent. */
  | { kind: 'role'; role: TeamRole; group: 'team' }
  /** Someone from outside the team ("Andre (angiv hvem)"), in one of MAX_OTHER_PARTICIPANTS numbered places. */
  | { kind: 'other'; place: number; group: 'others' };

export interface ChecklistQuestion {
  id: string;
  section: ChecklistSection;
  kind: AnswerKind;
  /** Seed 001: "udfyldes ikke ved første netværksmøde". */
  notAtFirstMeeting?: true;
  /** Asked only after this answer to another question ("Hvis nej, hvorfor ikke?"), or after any answer to it when `answer` is absent. */
  onlyIf?: { questionId: string; answer?: string };
  /** May rightly stay empty (an agenda point not covered, no others present): never counted as unanswered. */
  optional?: true;
  /** Attendance: the row of the form's table it is on, and what it asks of that row. */
  attendance?: { row: AttendanceRow; asks: 'name' | 'attended' | 'reason' };
}

/** Free text in the checklist is short: a reason, a name. It keeps the card of a full team small. */
export const CHECKLIST_TEXT_LIMIT = 200;

/**
 * "Øvrige deltagere" from outside the team, each with name and why (not): the form has two lines of
 * "Andre (angiv hvem)"; a meeting with more than ten guests is no network meeting. More are refused.
 */
export const MAX_OTHER_PARTICIPANTS = 10;

type QuestionRules = Pick<ChecklistQuestion, 'notAtFirstMeeting' | 'onlyIf' | 'optional' | 'attendance'>;

const question = (section: ChecklistSection, kind: AnswerKind, id: string, rules: QuestionRules = {}): ChecklistQuestion => ({ id, section, kind, ...rules });
const ifVipAttached = { onlyIf: { questionId: 'vipAttached', answer: 'yes' } };

/** Seed 001 section 5, "Tværfagligt team", in the form's order; every other role is one of "Øvrige deltagere". */
const TEAM_ROWS: readonly TeamRole[] = ['youngPerson', 'coordinator', 'vip', 'caseworkerChildren', 'caseworkerAdults', 'housingSupport', 'youthGuidance', 'jobcentre'];
const ROW_ORDER: readonly TeamRole[] = [...TEAM_ROWS, ...TEAM_ROLES.filter((role) => !TEAM_ROWS.includes(role))];

const attendanceGroupOf = (role: TeamRole): AttendanceGroup => (TEAM_ROWS.includes(role) ? 'team' : 'others');

/** The questions of one row of section 5: did they take part, and why (not). */
function rowQuestions(row: AttendanceRow): ChecklistQuestion[] {
  const ask = (asks: 'name' | 'attended' | 'reason', id: string, rules: QuestionRules = {}) =>
    question('attendance', asks === 'attended' ? 'yesNo' : 'text', id, { ...rules, attendance: { row, asks } });
  switch (row.kind) {
    case 'member': {
      const attended = `attended_${row.memberId}`;
      // The team explains an absence; others explain their taking part or not.
      return [ask('attended', attended), ask('reason', `absenceReason_${row.memberId}`, { onlyIf: { questionId: attended, ...(row.group === 'team' ? { answer: 'no' } : {}) } })];
    }
    case 'role': {
      const attended = `roleAttended_${row.role}`;
      return [ask('attended', attended), ask('reason', `roleAbsenceReason_${row.role}`, { onlyIf: { questionId: attended, answer: 'no' } })];
    }
    case 'other': {
      // Named, the person is asked about as a member is: did they take part, and why (not).
      const name = `otherName_${row.place}`;
      return [ask('name', name, { optional: true }), ask('attended', `otherAttended_${row.place}`, { onlyIf: { questionId: name } }), ask('reason', `otherReason_${row.place}`, { onlyIf: { questionId: name } })];
    }
  }
}

/** The fixed questions, in the order of the form. Attendance questions of the team are per member or role, below. */
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
  // 3: VIP – en voksen fra den unges netværk: the team's VIP member, and which network they come from.
  question('vip', 'yesNo', 'vipAttached'),
  question('vip', 'vipMember', 'vipMemberId', ifVipAttached),
  question('vip', 'vipSource', 'vipSource', ifVipAttached),
  // 4: Forslag til dagsorden, ticked off as the meeting runs: a point left unticked was not covered.
  ...[1, 2, 3, 4, 5, 6, 7].map((point) => question('agenda', 'done', `agenda${point}`, { optional: true })),
  // 5: Hvem deltog på mødet? The team's rows are added per meeting; then "Andre (angiv hvem)".
  ...Array.from({ length: MAX_OTHER_PARTICIPANTS }, (_, index) => rowQuestions({ kind: 'other', place: index + 1, group: 'others' })).flat(),
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

/**
 * Questions earlier versions asked, now asked otherwise: their stored answers are shown, never asked
 * for, saved or counted again. `vipWho` (who the VIP is, as text) is now `vipMemberId`, the team's VIP;
 * `attendanceOthers` (all other participants in one text) is now a place per person.
 */
export const RETIRED_QUESTIONS: readonly ChecklistQuestion[] = [question('vip', 'text', 'vipWho'), question('attendance', 'text', 'attendanceOthers')];

/** Section 5's rows of the team, in the form's order: each member, or a role every team has that nobody holds. */
function teamRows(members: readonly Pick<TeamMember, 'id' | 'role'>[]): AttendanceRow[] {
  return ROW_ORDER.flatMap((role): AttendanceRow[] => {
    const holders = members.filter((member) => member.role === role);
    if (holders.length === 0) return ALWAYS_ON_TEAM.includes(role) ? [{ kind: 'role', role, group: 'team' }] : [];
    return holders.map((member) => ({ kind: 'member', memberId: member.id, group: attendanceGroupOf(role) }));
  });
}

/** The questions of one meeting: the fixed ones, minus those not asked, plus attendance per member and missing role. */
export function questionsFor(members: readonly Pick<TeamMember, 'id' | 'role'>[], isFirstMeeting: boolean): ChecklistQuestion[] {
  const fixed = FIXED_QUESTIONS.filter((candidate) => !(isFirstMeeting && candidate.notAtFirstMeeting));
  const attendance = teamRows(members).flatMap(rowQuestions);
  // The team's rows come first in section 5, then the others from outside it.
  const othersAt = fixed.findIndex((candidate) => candidate.section === 'attendance');
  return [...fixed.slice(0, othersAt), ...attendance, ...fixed.slice(othersAt)];
}

/** Seed 003: the internal meeting is of the professionals, "uden deltagelse af den unge/forældre". */
const NOT_AT_INTERNAL_MEETING: readonly TeamRole[] = ['youngPerson', 'vip'];
export const attendsInternalMeetings = (member: Pick<TeamMember, 'role'>): boolean => !NOT_AT_INTERNAL_MEETING.includes(member.role);

/**
 * An internal meeting's short checklist: who of the professionals took part, and why not. Its
 * agreements are the goals form's, made at it. No roles, preparation, VIP, agenda, evaluation or status:
 * those are the network meeting's, with the young person.
 */
export function internalQuestionsFor(members: readonly Pick<TeamMember, 'id' | 'role'>[]): ChecklistQuestion[] {
  const professionals = ROW_ORDER.flatMap((role) => members.filter((member) => member.role === role && attendsInternalMeetings(member)));
  return professionals.flatMap((member) => rowQuestions({ kind: 'member', memberId: member.id, group: 'team' }));
}

/** Whether a question waits for an answer, given the answers so far: the progress counts only these. */
export function asksForAnswer(candidate: ChecklistQuestion, answers: Readonly<Record<string, unknown>>): boolean {
  if (candidate.optional) return false;
  if (!candidate.onlyIf) return true;
  const given = answers[candidate.onlyIf.questionId];
  return candidate.onlyIf.answer === undefined ? given !== undefined : given === candidate.onlyIf.answer;
}

const OTHER_PLACES = Array.from({ length: MAX_OTHER_PARTICIPANTS }, (_, index) => index + 1);
const otherPlaceInUse = (answers: Readonly<Record<string, unknown>>, place: number) =>
  ['otherName', 'otherAttended', 'otherReason'].some((prefix) => answers[`${prefix}_${place}`] !== undefined);

/** The places of "Øvrige deltagere" with an answer, and the first free one (none when all are in use). */
export function otherPlaces(answers: Readonly<Record<string, unknown>>): { inUse: number[]; free?: number } {
  return { inUse: OTHER_PLACES.filter((place) => otherPlaceInUse(answers, place)), free: OTHER_PLACES.find((place) => !otherPlaceInUse(answers, place)) };
}

const PER_TEAM_TEXT = /^(?:absenceReason|roleAbsenceReason)_/;
const FIXED_TEXT_IDS: ReadonlySet<string> = new Set([...FIXED_QUESTIONS, ...RETIRED_QUESTIONS].filter((candidate) => candidate.kind === 'text').map((candidate) => candidate.id));

/** The free-text questions: fixed and retired ones, and each member's and missing role's reason. */
export const isFreeTextQuestion = (questionId: string): boolean => PER_TEAM_TEXT.test(questionId) || FIXED_TEXT_IDS.has(questionId);

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
