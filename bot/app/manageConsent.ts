// `samtykke`: only the coordinator records, renews or withdraws consent.
import type { Case } from '../domain/case';
import { type ConsentInput, recordConsent, withdrawConsent } from '../domain/consent';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange } from './guardedChange';

export function recordCaseConsent(deps: AppDeps, actor: Actor, caseId: string, input: ConsentInput, activityId?: ActivityId): Promise<Case> {
  const consentId = deps.newId();
  return coordinatorChange(deps, actor, { caseId, action: 'consent.record', apply: (current, now) => recordConsent(current, input, consentId, actor.aadObjectId, now), activityId });
}

export function withdrawCaseConsent(deps: AppDeps, actor: Actor, caseId: string, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'consent.withdraw', apply: (current, now) => withdrawConsent(current, actor.aadObjectId, now), activityId });
}
