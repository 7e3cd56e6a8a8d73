// An owner's agreements: `mine` across all their cases by due date; done, a new date, or "needs help",
// which reaches the eye-keeper and the coordinator at once.
import { type Case, type TeamMember, memberByAadObjectId } from '../domain/case';
import { mayReadCaseDetails, requireAgreementOwner } from '../domain/access';
import { type Agreement, askForHelp, completeAgreement, moveAgreement } from '../domain/goals';
import type { Actor, AppDeps } from './context';
import { auditRecord } from './context';
import { type ActivityId, type ChangeCommand, guardedChange } from './guardedChange';
import { outboxMessages, planAgreementReminders, toEyeKeeperAndCoordinator } from './messages';

export interface MyAgreement {
  case: Case;
  agreement: Agreement;
}

/** My open agreements across every case I am on (and may see), soonest follow-up first. */
export async function listMyAgreements(deps: AppDeps, actor: Actor): Promise<MyAgreement[]> {
  const now = deps.now();
  const mine: MyAgreement[] = [];
  for (const summary of await deps.store.listCasesForUser(actor.tenantId, actor.aadObjectId)) {
    const stored = await deps.store.getCase(actor.tenantId, summary.caseId);
    const me: TeamMember | undefined = stored && memberByAadObjectId(stored.case, actor.aadObjectId);
    if (!stored || !me || !mayReadCaseDetails(stored.case, me.id, now)) continue;
    const open = stored.case.agreements.filter((agreement) => agreement.ownerMemberId === me.id && agreement.status === 'open');
    if (open.length === 0) continue;
    await deps.store.appendAudit([auditRecord(deps, actor, stored.case.id, 'agreements.read', 'ok')]);
    mine.push(...open.map((agreement) => ({ case: stored.case, agreement })));
  }
  return mine.sort((a, b) => a.agreement.followUpOn.localeCompare(b.agreement.followUpOn));
}

/** A change of one agreement, by its owner or the coordinator. */
function ownerChange(deps: AppDeps, actor: Actor, { agreementId, ...command }: Omit<ChangeCommand, 'authorize'> & { agreementId: string }) {
  return guardedChange(deps, actor, { ...command, authorize: (current) => requireAgreementOwner(current, actor.aadObjectId, agreementId, deps.now()) });
}

export function completeMyAgreement(deps: AppDeps, actor: Actor, caseId: string, agreementId: string, activityId?: ActivityId): Promise<Case> {
  return ownerChange(deps, actor, { caseId, agreementId, action: 'agreement.done', apply: (current, now) => completeAgreement(current, agreementId, actor.aadObjectId, now), activityId });
}

/** A new date sets new reminders; those for the old date find it changed when due, and are not sent. */
export function moveMyAgreement(deps: AppDeps, actor: Actor, caseId: string, agreementId: string, followUpOn: string | undefined, activityId?: ActivityId): Promise<Case> {
  return ownerChange(deps, actor, {
    caseId,
    agreementId,
    action: 'agreement.move',
    apply: (current, now) => {
      const moved = moveAgreement(current, agreementId, followUpOn, actor.aadObjectId, now);
      if (moved === current) return current;
      const { changed, outgoing } = planAgreementReminders(deps, moved, [agreementId]);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
    },
    activityId,
  });
}

export function askForHelpWith(deps: AppDeps, actor: Actor, caseId: string, agreementId: string, activityId?: ActivityId): Promise<Case> {
  return ownerChange(deps, actor, {
    caseId,
    agreementId,
    action: 'agreement.needsHelp',
    apply: (current, now) => {
      const changed = askForHelp(current, agreementId, actor.aadObjectId, now);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, toEyeKeeperAndCoordinator(changed, { kind: 'needsHelp', about: { agreementId } })) };
    },
    activityId,
  });
}
