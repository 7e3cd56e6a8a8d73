// The goals and agreements form (mål- og aftaleskema, seed 001): per theme a long-term goal in the
// young person's own words and its sub-goals; under each goal agreements with an owner and a
// follow-up. Nothing is overwritten: a revision adds a version, a verdict adds an outcome, a change to
// an agreement adds to its history.
import { type Case, type TeamMember, youngPersonMember } from './case';
import { attendsInternalMeetings } from './checklist';
import { DomainError } from './errors';
import { TEXT_LIMITS, localDate, optionalText, requiredDate, requiredText } from './fields';
import { CASE_LIMITS } from './limits';

export const GOAL_THEMES = ['socialSupport', 'housing', 'economy', 'education', 'work', 'healthAndSubstance', 'network', 'other'] as const;
export type GoalTheme = (typeof GOAL_THEMES)[number];

export const FOLLOW_UP_METHODS = ['phone', 'email', 'meeting', 'other'] as const;
type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export interface GoalVersion {
  /** "Mål på lang sigt: hvad er den unges drømme og ønsker?", in the young person's words. */
  longTermGoal: string;
  /** "Delmål på kort sigt". */
  subGoals: string;
  at: string;
  byAadObjectId: string;
  meetingId?: string;
}

interface GoalOutcome {
  /** "Er målene nået? Ja/nej? Angiv årsag". */
  reached: boolean;
  reason: string;
  at: string;
  byAadObjectId: string;
  meetingId?: string;
}

export interface Goal {
  id: string;
  theme: GoalTheme;
  /** Oldest first; the last is the goal as it stands. */
  versions: GoalVersion[];
  outcomes: GoalOutcome[];
}

/**
 * What a change (`changed`) changed, as it was before: what it became is the next change's `before`
 * of that field, or the agreement as it stands. The action's earlier wording is not kept, only that
 * it changed: 100 agreements' earlier wordings would not fit the case's size (limits.ts).
 */
export interface ChangedFrom {
  action?: true;
  ownerMemberId?: string;
  followUpOn?: string;
  followUpMethod?: FollowUpMethod;
}

export interface AgreementEvent {
  at: string;
  byAadObjectId: string;
  kind: 'created' | 'done' | 'newDate' | 'needsHelp' | 'changed' | 'changeAsked' | 'changeDeclined';
  followUpOn?: string;
  before?: ChangedFrom;
  /** A `changed` that came from the owner's request for a change, accepted. */
  requested?: true;
}

/**
 * "Bed om ændring": an owner's request to change their agreement, what (at least one) and why, until
 * the coordinator accepts or declines it. Once decided, only the decision and the small fields stay.
 */
export interface ChangeRequest {
  at: string;
  byAadObjectId: string;
  action?: string;
  ownerMemberId?: string;
  followUpOn?: string;
  why?: string;
  decision?: { accepted: boolean; at: string; byAadObjectId: string; reason?: string };
}

export interface Agreement {
  id: string;
  goalId: string;
  /** "Aftaler/handlinger". */
  action: string;
  ownerMemberId: string;
  followUpOn: string;
  followUpMethod: FollowUpMethod;
  /** What "other" means, when the method is other. */
  followUpMethodOther?: string;
  status: 'open' | 'done';
  /**
   * Seed 001, agenda point 5: an agreement that needs others' decision (a visitation committee, say) is
   * only a recommendation (indstilling) for that decision, and is shown as one.
   */
  needsVisitation?: true;
  meetingId?: string;
  history: AgreementEvent[];
  /** The latest request for a change: pending until decided; at most one pending per agreement. */
  changeRequest?: ChangeRequest;
  /**
   * The reminders planned last for this agreement: a reminder names its plan, and one from an earlier
   * plan (before the date was moved, even back again) is not sent.
   */
  reminderPlan?: string;
}

export interface GoalInput {
  theme?: string;
  longTermGoal?: string;
  subGoals?: string;
}

export interface AgreementInput {
  action?: string;
  ownerMemberId?: string;
  followUpOn?: string;
  followUpMethod?: string;
  followUpMethodOther?: string;
  needsVisitation?: boolean;
}

export const currentVersion = (goal: Goal): GoalVersion => {
  const version = goal.versions.at(-1);
  if (!version) throw new Error(`goal ${goal.id} has no version`);
  return version;
};

export function goalById(current: Case, goalId: string): Goal {
  const goal = current.goals.find((candidate) => candidate.id === goalId);
  if (!goal) throw new DomainError('goalNotFound');
  return goal;
}

export function agreementById(current: Case, agreementId: string): Agreement {
  const agreement = current.agreements.find((candidate) => candidate.id === agreementId);
  if (!agreement) throw new DomainError('agreementNotFound');
  return agreement;
}

/** The open agreements, and how many of them are past their follow-up date on `today` (YYYY-MM-DD). */
export function openAgreementCounts(current: Case, today: string): { open: number; overdue: number } {
  const open = current.agreements.filter((agreement) => agreement.status === 'open');
  return { open: open.length, overdue: open.filter((agreement) => agreement.followUpOn < today).length };
}

export const agreementsOf = (current: Case, goal: Goal) => current.agreements.filter((agreement) => agreement.goalId === goal.id);

/**
 * "Den unge er obligatorisk under hvert mål": the young person is responsible under every goal, first,
 * whoever else owns its agreements.
 */
export function goalResponsibles(current: Case, goal: Goal): TeamMember[] {
  const owners = new Set(agreementsOf(current, goal).map((agreement) => agreement.ownerMemberId));
  const young = youngPersonMember(current);
  return [young, ...current.members.filter((member) => member.id !== young.id && owners.has(member.id))];
}

function validGoalText(input: GoalInput): Pick<GoalVersion, 'longTermGoal' | 'subGoals'> {
  return {
    longTermGoal: requiredText(input.longTermGoal, 'longTermGoal', TEXT_LIMITS.short),
    subGoals: optionalText(input.subGoals, 'subGoals', TEXT_LIMITS.long) ?? '',
  };
}

export function addGoal(current: Case, input: GoalInput, goalId: string, byAadObjectId: string, now: Date, meetingId?: string): Case {
  if (!(GOAL_THEMES as readonly string[]).includes(input.theme ?? '')) throw new DomainError('fieldRequired', { field: 'theme' });
  if (current.goals.filter((goal) => goal.theme === input.theme).length >= CASE_LIMITS.goalsPerTheme) {
    throw new DomainError('tooManyGoals', { max: CASE_LIMITS.goalsPerTheme });
  }
  const goal: Goal = {
    id: goalId,
    theme: input.theme as GoalTheme,
    versions: [{ ...validGoalText(input), at: now.toISOString(), byAadObjectId, ...(meetingId ? { meetingId } : {}) }],
    outcomes: [],
  };
  return { ...current, goals: [...current.goals, goal] };
}

function withGoal(current: Case, goal: Goal): Case {
  return { ...current, goals: current.goals.map((candidate) => (candidate.id === goal.id ? goal : candidate)) };
}

/** A revision with a date: the earlier wording stays readable. */
export function reviseGoal(current: Case, goalId: string, input: GoalInput, byAadObjectId: string, now: Date, meetingId?: string): Case {
  const goal = goalById(current, goalId);
  const text = validGoalText(input);
  const latest = currentVersion(goal);
  if (text.longTermGoal === latest.longTermGoal && text.subGoals === latest.subGoals) return current;
  return withGoal(current, { ...goal, versions: [...goal.versions, { ...text, at: now.toISOString(), byAadObjectId, ...(meetingId ? { meetingId } : {}) }] });
}

/** "Er målene nået? Ja/nej? Angiv årsag". */
export function markGoal(current: Case, goalId: string, reached: boolean, reason: string | undefined, byAadObjectId: string, now: Date, meetingId?: string): Case {
  const goal = goalById(current, goalId);
  const outcome: GoalOutcome = {
    reached,
    reason: requiredText(reason, 'reason', TEXT_LIMITS.short),
    at: now.toISOString(),
    byAadObjectId,
    ...(meetingId ? { meetingId } : {}),
  };
  return withGoal(current, { ...goal, outcomes: [...goal.outcomes, outcome] });
}

export function validFollowUp(input: AgreementInput, now: Date): Pick<Agreement, 'followUpOn' | 'followUpMethod' | 'followUpMethodOther'> {
  const followUpOn = requiredDate(input.followUpOn, 'followUpOn');
  if (followUpOn < localDate(now)) throw new DomainError('followUpInPast');
  if (!(FOLLOW_UP_METHODS as readonly string[]).includes(input.followUpMethod ?? '')) throw new DomainError('fieldRequired', { field: 'followUpMethod' });
  const other = optionalText(input.followUpMethodOther, 'followUpMethodOther', TEXT_LIMITS.name);
  if (input.followUpMethod === 'other' && !other) throw new DomainError('fieldRequired', { field: 'followUpMethodOther' });
  return { followUpOn, followUpMethod: input.followUpMethod as FollowUpMethod, ...(input.followUpMethod === 'other' ? { followUpMethodOther: other } : {}) };
}

/** An agreement under a goal, owned by a team member: a professional, the young person or the VIP (at an internal meeting, a professional). */
export function addAgreement(current: Case, goalId: string, input: AgreementInput, agreementId: string, byAadObjectId: string, now: Date, meetingId?: string): Case {
  goalById(current, goalId);
  if (current.agreements.length >= CASE_LIMITS.agreements) throw new DomainError('tooManyAgreements', { max: CASE_LIMITS.agreements });
  if (current.agreements.filter((agreement) => agreement.goalId === goalId).length >= CASE_LIMITS.agreementsPerGoal) {
    throw new DomainError('tooManyAgreementsForGoal', { max: CASE_LIMITS.agreementsPerGoal });
  }
  const ownerMemberId = input.ownerMemberId ?? '';
  const owner = current.members.find((member) => member.id === ownerMemberId);
  if (!owner) throw new DomainError('fieldRequired', { field: 'ownerMemberId' });
  // Seed 003: the professionals meet without the young person, so what they agree there is theirs to do.
  const internal = current.meetings.some((meeting) => meeting.id === meetingId && meeting.kind === 'internal');
  if (internal && !attendsInternalMeetings(owner)) throw new DomainError('internalAgreementOwner');
  const agreement: Agreement = {
    id: agreementId,
    goalId,
    action: requiredText(input.action, 'action', TEXT_LIMITS.short),
    ownerMemberId,
    ...validFollowUp(input, now),
    status: 'open',
    ...(input.needsVisitation ? { needsVisitation: true as const } : {}),
    ...(meetingId ? { meetingId } : {}),
    history: [{ at: now.toISOString(), byAadObjectId, kind: 'created' }],
  };
  return { ...current, agreements: [...current.agreements, agreement] };
}

export function withAgreementEvent(current: Case, agreement: Agreement, changes: Partial<Agreement>, event: AgreementEvent): Case {
  const changed: Agreement = { ...agreement, ...changes, history: [...agreement.history, event] };
  return { ...current, agreements: current.agreements.map((candidate) => (candidate.id === agreement.id ? changed : candidate)) };
}

export function openAgreement(current: Case, agreementId: string): Agreement {
  const agreement = agreementById(current, agreementId);
  if (agreement.status !== 'open') throw new DomainError('agreementDone');
  return agreement;
}

export function completeAgreement(current: Case, agreementId: string, byAadObjectId: string, now: Date): Case {
  const agreement = openAgreement(current, agreementId);
  return withAgreementEvent(current, agreement, { status: 'done' }, { at: now.toISOString(), byAadObjectId, kind: 'done' });
}

export function moveAgreement(current: Case, agreementId: string, followUpOn: string | undefined, byAadObjectId: string, now: Date): Case {
  const agreement = openAgreement(current, agreementId);
  const { followUpOn: date } = validFollowUp({ ...agreement, followUpOn }, now);
  if (date === agreement.followUpOn) return current;
  return withAgreementEvent(current, agreement, { followUpOn: date }, { at: now.toISOString(), byAadObjectId, kind: 'newDate', followUpOn: date });
}

export function askForHelp(current: Case, agreementId: string, byAadObjectId: string, now: Date): Case {
  const agreement = openAgreement(current, agreementId);
  return withAgreementEvent(current, agreement, {}, { at: now.toISOString(), byAadObjectId, kind: 'needsHelp' });
}

export function withReminderPlan(current: Case, agreementId: string, reminderPlan: string): Case {
  return { ...current, agreements: current.agreements.map((agreement) => (agreement.id === agreementId ? { ...agreement, reminderPlan } : agreement)) };
}
