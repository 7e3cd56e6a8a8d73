// `mål`: the goals and agreements form. During a meeting its minute-taker or the coordinator writes
// it; between meetings the coordinator adds the goals and agreements of those who were not there.
import type { Case } from '../domain/case';
import { requireFormWriter } from '../domain/access';
import { type AgreementInput, type GoalInput, addAgreement, addGoal, markGoal, reviseGoal } from '../domain/goals';
import { openMeetingOf } from '../domain/meeting';
import type { AuditAction } from './auditActions';
import type { Actor, AppDeps } from './context';
import { type ActivityId, type Applied, guardedChange } from './guardedChange';
import { outboxMessages, planAgreementReminders } from './messages';

function formChange(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  action: AuditAction,
  apply: (current: Case, now: Date, meetingId: string | undefined) => Applied,
  activityId: ActivityId,
): Promise<Case> {
  return guardedChange(
    deps,
    actor,
    caseId,
    action,
    (current) => requireFormWriter(current, actor.aadObjectId, deps.now()),
    (current, now) => apply(current, now, openMeetingOf(current)?.id),
    activityId,
  );
}

export function addCaseGoal(deps: AppDeps, actor: Actor, caseId: string, input: GoalInput, activityId?: ActivityId): Promise<Case> {
  const goalId = deps.newId();
  return formChange(deps, actor, caseId, 'goal.add', (current, now, meetingId) => addGoal(current, input, goalId, actor.aadObjectId, now, meetingId), activityId);
}

export function reviseCaseGoal(deps: AppDeps, actor: Actor, caseId: string, goalId: string, input: GoalInput, activityId?: ActivityId): Promise<Case> {
  return formChange(deps, actor, caseId, 'goal.revise', (current, now, meetingId) => reviseGoal(current, goalId, input, actor.aadObjectId, now, meetingId), activityId);
}

export function markCaseGoal(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  goalId: string,
  reached: boolean,
  reason: string | undefined,
  activityId?: ActivityId,
): Promise<Case> {
  return formChange(deps, actor, caseId, 'goal.mark', (current, now, meetingId) => markGoal(current, goalId, reached, reason, actor.aadObjectId, now, meetingId), activityId);
}

/**
 * An agreement made at a meeting is reminded of once the form is approved; one the coordinator adds
 * between meetings (for someone who was not there) from now on.
 */
export function addCaseAgreement(deps: AppDeps, actor: Actor, caseId: string, goalId: string, input: AgreementInput, activityId?: ActivityId): Promise<Case> {
  const agreementId = deps.newId();
  return formChange(
    deps,
    actor,
    caseId,
    'agreement.add',
    (current, now, meetingId) => {
      const added = addAgreement(current, goalId, input, agreementId, actor.aadObjectId, now, meetingId);
      if (meetingId) return added;
      const { changed, outgoing } = planAgreementReminders(deps, added, [agreementId]);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
    },
    activityId,
  );
}
