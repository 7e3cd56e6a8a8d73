// "Planen skrider": a team member reports that the plan is slipping (PRODUCT section 4).
import type { Case } from '../domain/case';
import { requireCaseReader } from '../domain/access';
import type { Actor, AppDeps } from './context';
import { type ActivityId, guardedChange } from './guardedChange';
import { outboxMessages, toEyeKeeperAndCoordinator } from './messages';

/** Any team member who may see the case can say the plan is slipping: the eye-keeper and the coordinator hear at once. */
export function reportPlanSlipping(deps: AppDeps, actor: Actor, caseId: string, activityId?: ActivityId): Promise<Case> {
  return guardedChange(deps, actor, {
    caseId,
    action: 'plan.slipping',
    authorize: (current) => requireCaseReader(current, actor.aadObjectId, deps.now()),
    apply: (current, now) => {
      const reporter = requireCaseReader(current, actor.aadObjectId, now);
      const changed: Case = { ...current, history: [...current.history, { at: now.toISOString(), byAadObjectId: actor.aadObjectId, kind: 'planSlipping' }] };
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, toEyeKeeperAndCoordinator(changed, { kind: 'planSlipping', about: { memberId: reporter.id } })) };
    },
    activityId,
  });
}
