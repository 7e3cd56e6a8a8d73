// An owner's agreements: `mine` across all their cases by due date (those no valid consent lets them see
// counted, not shown); done, a new date, or "needs help", which reaches the eye-keeper and the
// coordinator at once.
import { type Case, type TeamMember, memberByAadObjectId } from '../domain/case';
import { mayReadCaseDetails, requireAgreementOwner } from '../domain/access';
import { type ConsentGap, consentGapFor } from '../domain/consent';
import { type Agreement, askForHelp, completeAgreement, moveAgreement } from '../domain/goals';
import type { Actor, AppDeps } from './context';
import { auditRecord } from './context';
import { type ActivityId, type ChangeCommand, guardedChange } from './guardedChange';
import { outboxMessages, planAgreementReminders, toEyeKeeperAndCoordinator } from './messages';

interface MyAgreement {
  case: Case;
  agreement: Agreement;
}

/**
 * Open agreements of mine in a case whose details I may not see (no valid consent covers me): how many
 * and why, so that `mine` does not say I have none. `case` is for its reference and its coordinator's
 * name only; nothing about the young person is shown.
 */
interface WithheldAgreements {
  case: Case;
  openCount: number;
  reason: ConsentGap;
}

export interface MyAgreements {
  agreements: MyAgreement[];
  withheld: WithheldAgreements[];
}

/** My open agreements across every case I am on, soonest follow-up first; those I may not see now, counted per case. */
export async function listMyAgreements(deps: AppDeps, actor: Actor): Promise<MyAgreements> {
  const now = deps.now();
  const mine: MyAgreement[] = [];
  const withheld: WithheldAgreements[] = [];
  for (const summary of await deps.store.listCasesForUser(actor.tenantId, actor.aadObjectId)) {
    const stored = await deps.store.getCase(actor.tenantId, summary.caseId);
    const me: TeamMember | undefined = stored && memberByAadObjectId(stored.case, actor.aadObjectId);
    if (!stored || !me) continue;
    const open = stored.case.agreements.filter((agreement) => agreement.ownerMemberId === me.id && agreement.status === 'open');
    if (open.length === 0) continue;
    const mayRead = mayReadCaseDetails(stored.case, me.id, now);
    await deps.store.appendAudit([auditRecord(deps, actor, stored.case.id, 'agreements.read', mayRead ? 'ok' : 'denied')]);
    if (mayRead) mine.push(...open.map((agreement) => ({ case: stored.case, agreement })));
    else withheld.push({ case: stored.case, openCount: open.length, reason: consentGapFor(stored.case, me.id, now) ?? 'none' });
  }
  return {
    agreements: mine.sort((a, b) => a.agreement.followUpOn.localeCompare(b.agreement.followUpOn)),
    withheld: withheld.sort((a, b) => a.case.reference.localeCompare(b.case.reference)),
  };
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
