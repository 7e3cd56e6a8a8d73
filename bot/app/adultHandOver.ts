// The 18-year hand-over to the adults' administration (seed 002): recorded by the coordinator; its
// reminder (planned when the case opened) is then not sent.
import type { Case } from '../domain/case';
import { type AdultHandOverInput, recordAdultHandOver } from '../domain/transitions';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange } from './guardedChange';

export function recordCaseAdultHandOver(deps: AppDeps, actor: Actor, caseId: string, input: AdultHandOverInput, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'adultHandOver.record', apply: (current, now) => recordAdultHandOver(current, input, actor.aadObjectId, now), activityId });
}
