// The form between meetings (seed 001: "et dynamisk værktøj, der løbende opdateres"): the coordinator
// changes an agreement, an owner asks for a change and the coordinator accepts or declines it. A new owner
// or date gets new reminders; the owners a change concerns hear of it once, in the next day's reminders.
import type { Case } from '../domain/case';
import { requireAgreementEditor, requireAgreementOwner } from '../domain/access';
import { type AgreementChange, type ChangeRequestInput, acceptChangeRequest, askToChangeAgreement, changeAgreement, declineChangeRequest } from '../domain/agreementChanges';
import { agreementById } from '../domain/goals';
import type { Actor, AppDeps } from './context';
import type { AuditAction } from './auditActions';
import { type ActivityId, type Applied, guardedChange } from './guardedChange';
import { changeNotices, outboxMessages, planAgreementReminders, toCoordinator, toPerson } from './messages';

interface AgreementCommand {
  caseId: string;
  agreementId: string;
  activityId?: ActivityId;
}

/**
 * A change of the agreement applied: new reminders when its owner or date changed (those planned before
 * are not sent), the owners it concerns told in the next day's reminders, and `also` what else it causes.
 * `knowing`: who need not be told (who changed it, who asked for it).
 */
function withChangeMessages(deps: AppDeps, actor: Actor, current: Case, changed: Case, agreementId: string, knowing: string[], now: Date): Applied {
  const before = agreementById(current, agreementId);
  const after = agreementById(changed, agreementId);
  const altered = after.history.length > before.history.length && after.history.at(-1)?.kind === 'changed';
  if (!altered) return changed;
  const replanned = before.ownerMemberId !== after.ownerMemberId || before.followUpOn !== after.followUpOn;
  const { changed: planned, outgoing } = replanned ? planAgreementReminders(deps, changed, [agreementId]) : { changed, outgoing: [] };
  return { changed: planned, outbox: outboxMessages(deps, planned, actor.serviceUrl, now, [...outgoing, ...changeNotices(deps, before, planned, knowing, now)]) };
}

function coordinatorChange(deps: AppDeps, actor: Actor, { caseId, agreementId, activityId }: AgreementCommand, action: AuditAction, apply: (current: Case, now: Date) => Applied) {
  return guardedChange(deps, actor, { caseId, action, authorize: (current) => requireAgreementEditor(current, actor.aadObjectId, agreementId, deps.now()), apply, activityId });
}

/**
 * "Ret aftale": the coordinator changes the action, owner or follow-up; the history keeps what it was.
 * `changed`: false when what was sent is the agreement as it was (nothing is saved).
 */
export async function changeCaseAgreement(deps: AppDeps, actor: Actor, command: AgreementCommand & { input: AgreementChange }): Promise<{ case: Case; changed: boolean }> {
  let changed = false;
  const saved = await coordinatorChange(deps, actor, command, 'agreement.change', (current, now) => {
    const applied = changeAgreement(current, command.agreementId, command.input, actor.aadObjectId, now);
    changed = applied !== current;
    return withChangeMessages(deps, actor, current, applied, command.agreementId, [actor.aadObjectId], now);
  });
  return { case: saved, changed };
}

/** "Bed om ændring": the owner (or the coordinator relaying) asks; the coordinator is told at once, with the buttons to decide. */
export function askAgreementChange(deps: AppDeps, actor: Actor, { caseId, agreementId, activityId, input }: AgreementCommand & { input: ChangeRequestInput }): Promise<Case> {
  return guardedChange(deps, actor, {
    caseId,
    action: 'agreement.requestChange',
    authorize: (current) => requireAgreementOwner(current, actor.aadObjectId, agreementId, deps.now()),
    apply: (current, now) => {
      const changed = askToChangeAgreement(current, agreementId, input, actor.aadObjectId, now);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, toCoordinator(changed, { kind: 'changeRequested', about: { agreementId } }, actor.aadObjectId)) };
    },
    activityId,
  });
}

/** The one who asked hears the decision; an accepted change is made as the coordinator's own would be. */
function decision(deps: AppDeps, actor: Actor, command: AgreementCommand, action: AuditAction, decide: (current: Case, now: Date) => Case) {
  return coordinatorChange(deps, actor, command, action, (current, now) => {
    const request = agreementById(current, command.agreementId).changeRequest;
    const decided = decide(current, now);
    const asker = request?.byAadObjectId ?? '';
    const applied = withChangeMessages(deps, actor, current, decided, command.agreementId, [actor.aadObjectId, asker], now);
    const { changed, outbox } = 'outbox' in applied ? applied : { changed: applied, outbox: [] };
    const told = toPerson(changed, asker, { kind: 'changeDecided', about: { agreementId: command.agreementId, askedAt: request?.at ?? '' } }, actor.aadObjectId);
    return { changed, outbox: [...outbox, ...outboxMessages(deps, changed, actor.serviceUrl, now, told)] };
  });
}

/** "Godkend ændringen". */
export function acceptAgreementChange(deps: AppDeps, actor: Actor, command: AgreementCommand): Promise<Case> {
  return decision(deps, actor, command, 'agreement.acceptChange', (current, now) => acceptChangeRequest(current, command.agreementId, actor.aadObjectId, now));
}

/** "Afvis", with a reason if the coordinator gives one. */
export function declineAgreementChange(deps: AppDeps, actor: Actor, command: AgreementCommand & { reason?: string }): Promise<Case> {
  return decision(deps, actor, command, 'agreement.declineChange', (current, now) => declineChangeRequest(current, command.agreementId, command.reason, actor.aadObjectId, now));
}
