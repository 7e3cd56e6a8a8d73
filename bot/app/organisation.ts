// The administrator's setting up of units and leaders (`enhed tilføj`, `leder tilføj`, `leder fjern`,
// `enheder`). Why administrators named in the settings, and not an Entra app role or group: the bot's
// Teams activities carry no role or group claims, so the bot would need Microsoft Graph rights
// (GroupMember.Read.All, admin-consented) to look a group up on every turn; a list kept in the store,
// changed only by the administrators the operator names (ADMIN_AAD_OBJECT_IDS), works the same in chat
// and tab, is audited change by change, and needs no extra permission (README, "Leaders and units").
import { requireAdministrator } from '../domain/access';
import { isAccessRefusal } from '../domain/errors';
import { type Organisation, emptyOrganisation } from '../domain/organisation';
import { organisationAuditId } from '../store/port';
import type { AuditAction } from './auditActions';
import type { ActorId, AppDeps } from './context';
import { auditRecord } from './context';
import { retryOnConflict } from './saveWithRetry';


/** The tenant's units and leaders: none until its administrator sets them up. */
export async function organisationOf(deps: AppDeps, tenantId: string): Promise<Organisation> {
  return (await deps.store.getOrganisation(tenantId))?.organisation ?? emptyOrganisation(tenantId);
}

/** A refusal because of who asked, audited as denied under the organisation, then thrown on. */
export async function auditedRefusal(deps: AppDeps, actor: ActorId, action: AuditAction, error: unknown): Promise<never> {
  if (isAccessRefusal(error)) await deps.store.appendAudit([auditRecord(deps, actor, organisationAuditId(actor.tenantId), action, 'denied')]);
  throw error;
}

/** An administrator's change, applied to what is stored now and saved with its audit record (again after a conflict). */
export async function changeOrganisation(
  deps: AppDeps,
  actor: ActorId,
  administrators: ReadonlySet<string>,
  action: Extract<AuditAction, 'unit.add' | 'leader.add' | 'leader.remove'>,
  change: (current: Organisation) => Organisation,
): Promise<Organisation> {
  try {
    requireAdministrator(administrators, actor);
  } catch (error) {
    return auditedRefusal(deps, actor, action, error);
  }
  return retryOnConflict(async () => {
    const stored = await deps.store.getOrganisation(actor.tenantId);
    const changed = change(stored?.organisation ?? emptyOrganisation(actor.tenantId));
    const audit = [auditRecord(deps, actor, organisationAuditId(actor.tenantId), action, 'ok')];
    return (await deps.store.saveOrganisation(changed, stored?.etag, audit)).organisation;
  });
}

/** `enheder`: the units and their leaders (object ids), for an administrator. */
export async function readOrganisation(deps: AppDeps, actor: ActorId, administrators: ReadonlySet<string>): Promise<Organisation> {
  try {
    requireAdministrator(administrators, actor);
  } catch (error) {
    return auditedRefusal(deps, actor, 'organisation.read', error);
  }
  const organisation = await organisationOf(deps, actor.tenantId);
  await deps.store.appendAudit([auditRecord(deps, actor, organisationAuditId(actor.tenantId), 'organisation.read', 'ok')]);
  return organisation;
}
