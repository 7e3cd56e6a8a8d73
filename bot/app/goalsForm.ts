// `mål`: the goals and agreements form. During a meeting its minute-taker or the coordinator writes
// it; between meetings the coordinator adds the goals and agreements of those who were not there.
import type { Case } from '../domain/case';
import { requireFormWriter } from '../domain/access';
import { type AgreementInput, type GoalInput, addAgreement, addGoal, markGoal, reviseGoal } from '../domain/goals';
import { openMeetingOf } from '../domain/meeting';
import type { Actor, AppDeps } from './context';
import { type ActivityId, type Applied, type ChangeCommand, guardedChange } from './guardedChange';
import { agreementToOwner, outboxMessages, planAgreementReminders } from './messages';

/** A change of the form by its writer; `apply` learns the open meeting, if any, the change belongs to. */
function formChange(
  deps: AppDeps,
  actor: Actor,
  { apply, ...command }: Omit<ChangeCommand, 'authorize' | 'apply'> & { apply: (current: Case, now: Date, meetingId: string | undefined) => Applied },
): Promise<Case> {
  return guardedChange(deps, actor, {
    ...command,
    authorize: (current) => requireFormWriter(current, actor.aadObjectId, deps.now()),
    apply: (current, now) => apply(current, now, openMeetingOf(current)?.id),
  });
}

export function addCaseGoal(deps: AppDeps, actor: Actor, caseId: string, input: GoalInput, activityId?: ActivityId): Promise<Case> {
  const goalId = deps.newId();
  return formChange(deps, actor, { caseId, action: 'goal.add', apply: (current, now, meetingId) => addGoal(current, input, goalId, actor.aadObjectId, now, meetingId), activityId });
}

export function reviseCaseGoal(deps: AppDeps, actor: Actor, caseId: string, goalId: string, input: GoalInput, activityId?: ActivityId): Promise<Case> {
  return formChange(deps, actor, { caseId, action: 'goal.revise', apply: (current, now, meetingId) => reviseGoal(current, goalId, input, actor.aadObjectId, now, meetingId), activityId });
}

/** "Er målet nået?": the goal marked reached or not, with why. */
export function markCaseGoal(
  deps: AppDeps,
  actor: Actor,
  { caseId, goalId, reached, reason, activityId }: { caseId: string; goalId: string; reached: boolean; reason?: string; activityId?: ActivityId },
): Promise<Case> {
  return formChange(deps, actor, { caseId, action: 'goal.mark', apply: (current, now, meetingId) => markGoal(current, goalId, reached, reason, actor.aadObjectId, now, meetingId), activityId });
}

/**
 * An agreement made at a meeting is reminded of once the form is approved; one the coordinator adds
 * between meetings (for someone who was not there) from now on, and goes to its owner at once.
 */
export function addCaseAgreement(deps: AppDeps, actor: Actor, caseId: string, goalId: string, input: AgreementInput, activityId?: ActivityId): Promise<Case> {
  const agreementId = deps.newId();
  return formChange(deps, actor, {
    caseId,
    action: 'agreement.add',
    apply: (current, now, meetingId) => {
      const added = addAgreement(current, goalId, input, agreementId, actor.aadObjectId, now, meetingId);
      if (meetingId) return added;
      const { changed, outgoing } = planAgreementReminders(deps, added, [agreementId]);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...agreementToOwner(changed, agreementId, actor.aadObjectId), ...outgoing]) };
    },
    activityId,
  });
}
