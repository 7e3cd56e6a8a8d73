// `indsatser`: the coordinator keeps the intervention overview (seed 002); every team member with consent
// reads it. An active intervention with an end date is a reminder to the coordinator two weeks before it
// ends, planned with the change that sets it going (renderReminder skips it when it has changed since).
import type { Case } from '../domain/case';
import { type InterventionInput, addIntervention, changeIntervention, interventionById, interventionsOf, setInterventionStatus } from '../domain/interventions';
import { outboxMessages, reminders } from './messages';
import type { Actor, AppDeps } from './context';
import { type ActivityId, type Applied, coordinatorChange } from './guardedChange';

export type InterventionChange =
  | { kind: 'add'; intervention: InterventionInput & { status?: string | undefined } }
  | { kind: 'change'; interventionId: string; intervention: InterventionInput }
  | { kind: 'status'; interventionId: string; status: string | undefined };

const ACTIONS = { add: 'intervention.add', change: 'intervention.change', status: 'intervention.status' } as const;

export function changeInterventions(deps: AppDeps, actor: Actor, caseId: string, change: InterventionChange, activityId?: ActivityId): Promise<Case> {
  const by = actor.aadObjectId;
  const apply = (current: Case, now: Date): Applied => {
    const changed = applied(current, change, by, now);
    if (changed === current) return current;
    // The intervention the change concerns: the new one is the last.
    const intervention = change.kind === 'add' ? interventionsOf(changed).at(-1)! : interventionById(changed, change.interventionId);
    const before = change.kind === 'add' ? undefined : interventionById(current, change.interventionId);
    // A reminder is planned when the intervention becomes active or its end date moves; an earlier one is skipped when due.
    if (before && before.status === intervention.status && before.to === intervention.to) return changed;
    const outgoing = reminders(changed, deps.reminders.forIntervention(changed, intervention, now));
    return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
  };
  return coordinatorChange(deps, actor, { caseId, action: ACTIONS[change.kind], apply, activityId });
}

function applied(current: Case, change: InterventionChange, by: string, now: Date): Case {
  switch (change.kind) {
    case 'add':
      return addIntervention(current, change.intervention, by, now);
    case 'change':
      return changeIntervention(current, change.interventionId, change.intervention, by, now);
    case 'status':
      return setInterventionStatus(current, change.interventionId, change.status, by, now);
  }
}
