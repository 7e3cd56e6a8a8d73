// The intervention overview (indsatsoverblik, seed 002): the interventions the young person receives and
// has received, who initiated them (a team member or an administration), why (the goal one serves, if
// any), from when to when, and where each stands. The coordinator keeps it; every change is kept with
// who and when, ids and codes only.
import type { Case } from './case';
import { DomainError } from './errors';
import { optionalText, requiredDate, requiredText } from './fields';
import { keepFirstAndLast } from './limits';

export const INTERVENTION_STATUSES = ['planned', 'active', 'paused', 'ended', 'declined'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

/** Where an intervention can go from each status: ended and declined are final (a new one is added instead). */
const NEXT_STATUSES: Record<InterventionStatus, readonly InterventionStatus[]> = {
  planned: ['active', 'declined'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
  declined: [],
};

/** An intervention starts planned (applied for, waiting) or active (already received). */
const FIRST_STATUSES: readonly InterventionStatus[] = ['planned', 'active'];

/** `formerName`: the name of a member who has left the team since, so the overview still says who it was. */
type InitiatedBy = { memberId: string; formerName?: string } | { administration: string };

interface InterventionEvent {
  at: string;
  byAadObjectId: string;
  kind: 'added' | 'changed' | 'status';
  /** `added` and `status`: the status it got. */
  status?: InterventionStatus;
  /** `changed`: which details changed (not what they were: the overview shows what they are). */
  fields?: InterventionField[];
}

/** The details an edit can change. */
type InterventionField = 'what' | 'initiatedBy' | 'why' | 'goalId' | 'from' | 'to';
const FIELDS: readonly InterventionField[] = ['what', 'initiatedBy', 'why', 'goalId', 'from', 'to'];

export interface Intervention {
  /** "i1", "i2", …: short, and never reused in the case. */
  id: string;
  what: string;
  initiatedBy: InitiatedBy;
  why?: string;
  /** The goal (mål- og aftaleskema) it serves. */
  goalId?: string;
  /** YYYY-MM-DD. */
  from: string;
  /** YYYY-MM-DD; none while it runs until further notice. */
  to?: string;
  status: InterventionStatus;
  history: InterventionEvent[];
}

export const INTERVENTION_LIMITS = {
  /** The paper form has room for a dozen; over the years of a case, twenty (ended ones kept). */
  interventions: 20,
  /** The paper form's columns are narrow: a name ("Mentor via Jobcenter, 5 timer om ugen"), a sentence why, an administration's name. */
  what: 80,
  why: 150,
  administration: 60,
  /** Kept per intervention: how it was added and the latest two changes; a case at every limit stays under 1 MB. */
  events: 3,
} as const;

export const interventionsOf = (current: Case): Intervention[] => current.interventions ?? [];

export const activeInterventions = (current: Case): Intervention[] => interventionsOf(current).filter((intervention) => intervention.status === 'active');

export function interventionById(current: Case, interventionId: string): Intervention {
  if (!interventionId) throw new DomainError('fieldRequired', { field: 'intervention' });
  const intervention = interventionsOf(current).find((candidate) => candidate.id === interventionId);
  if (!intervention) throw new DomainError('interventionNotFound');
  return intervention;
}

export interface InterventionInput {
  what?: string | undefined;
  /** A team member who initiated it; else `administration`. */
  memberId?: string | undefined;
  administration?: string | undefined;
  why?: string | undefined;
  goalId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function initiatedByOf(current: Case, input: InterventionInput): InitiatedBy {
  const memberId = input.memberId?.trim();
  if (memberId) {
    const member = current.members.find((candidate) => candidate.id === memberId);
    if (!member || member.role === 'youngPerson') throw new DomainError('memberNotFound');
    return { memberId };
  }
  return { administration: requiredText(input.administration, 'initiatedBy', INTERVENTION_LIMITS.administration) };
}

/** The fields the card sets, validated: dates real, and the end not before the start. */
function detailsOf(current: Case, input: InterventionInput, keptInitiator?: InitiatedBy): Omit<Intervention, 'id' | 'status' | 'history'> {
  const what = requiredText(input.what, 'interventionWhat', INTERVENTION_LIMITS.what);
  const initiatedBy = keptInitiator ?? initiatedByOf(current, input);
  const why = optionalText(input.why, 'interventionWhy', INTERVENTION_LIMITS.why);
  const goalId = input.goalId?.trim();
  if (goalId && !current.goals.some((goal) => goal.id === goalId)) throw new DomainError('goalNotFound');
  const from = requiredDate(input.from, 'interventionFrom');
  const to = input.to?.trim() ? requiredDate(input.to, 'interventionTo') : undefined;
  if (to && to < from) throw new DomainError('interventionEndsBeforeStart');
  return { what, initiatedBy, ...(why ? { why } : {}), ...(goalId ? { goalId } : {}), from, ...(to ? { to } : {}) };
}

const withEvent = (intervention: Intervention, event: InterventionEvent): Intervention => ({
  ...intervention,
  history: keepFirstAndLast([...intervention.history, event], INTERVENTION_LIMITS.events - 1),
});

function replaced(current: Case, intervention: Intervention): Case {
  return { ...current, interventions: interventionsOf(current).map((candidate) => (candidate.id === intervention.id ? intervention : candidate)) };
}

/** Interventions are never removed (an ended one stays on the overview), so the count gives the next id. */
const nextId = (current: Case) => `i${interventionsOf(current).length + 1}`;

export function addIntervention(current: Case, input: InterventionInput & { status?: string | undefined }, byAadObjectId: string, now: Date): Case {
  const interventions = interventionsOf(current);
  if (interventions.length >= INTERVENTION_LIMITS.interventions) throw new DomainError('tooManyInterventions', { max: INTERVENTION_LIMITS.interventions });
  const status = (input.status?.trim() || 'planned') as InterventionStatus;
  if (!FIRST_STATUSES.includes(status)) throw new DomainError('invalidInterventionStatus');
  const id = nextId(current);
  const intervention: Intervention = { id, ...detailsOf(current, input), status, history: [{ at: now.toISOString(), byAadObjectId, kind: 'added', status }] };
  return { ...current, interventions: [...interventions, intervention] };
}

/**
 * New details (what, who, why, the goal, the period), each only when given: the card's one form serves
 * every intervention, so what is left empty stays as it was. The status is changed on its own.
 */
export function changeIntervention(current: Case, interventionId: string, input: InterventionInput, byAadObjectId: string, now: Date): Case {
  const intervention = interventionById(current, interventionId);
  const given = (value: string | undefined) => (value?.trim() ? value : undefined);
  const newInitiator = given(input.memberId) || given(input.administration);
  const details = detailsOf(
    current,
    {
      what: given(input.what) ?? intervention.what,
      memberId: input.memberId,
      administration: input.administration,
      why: given(input.why) ?? intervention.why,
      goalId: given(input.goalId) ?? intervention.goalId,
      from: given(input.from) ?? intervention.from,
      to: given(input.to) ?? intervention.to,
    },
    newInitiator ? undefined : intervention.initiatedBy,
  );
  const fields = FIELDS.filter((field) => JSON.stringify(details[field]) !== JSON.stringify(intervention[field]));
  if (fields.length === 0) return current;
  const { id, status, history } = intervention;
  return replaced(current, withEvent({ id, ...details, status, history }, { at: now.toISOString(), byAadObjectId, kind: 'changed', fields }));
}

export function setInterventionStatus(current: Case, interventionId: string, value: string | undefined, byAadObjectId: string, now: Date): Case {
  const intervention = interventionById(current, interventionId);
  const status = value?.trim() as InterventionStatus | undefined;
  if (!status) throw new DomainError('fieldRequired', { field: 'interventionStatus' });
  if (status === intervention.status) return current;
  if (!NEXT_STATUSES[intervention.status].includes(status)) throw new DomainError('invalidInterventionStatus');
  return replaced(current, withEvent({ ...intervention, status }, { at: now.toISOString(), byAadObjectId, kind: 'status', status }));
}

/** A team member leaving the team stays named as the one who initiated their interventions. */
export function keepRemovedMemberAsInitiator(current: Case, memberId: string, name: string): Case {
  const initiatedBy = (intervention: Intervention) => 'memberId' in intervention.initiatedBy && intervention.initiatedBy.memberId === memberId;
  if (!interventionsOf(current).some(initiatedBy)) return current;
  return { ...current, interventions: interventionsOf(current).map((intervention) => (initiatedBy(intervention) ? { ...intervention, initiatedBy: { memberId, formerName: name } } : intervention)) };
}

/** The statuses an intervention can be given next (the card offers only these). */
export const nextStatusesOf = (intervention: Intervention): readonly InterventionStatus[] => NEXT_STATUSES[intervention.status];
