// `enhed flyt <sagsreference> <enhed>`: an administrator moves a case to another of the tenant's units, so
// that it counts in that unit's half-yearly status. The administrator names the case by its reference and
// learns nothing else of it: the answer holds the reference and the units' names only.
import { requireAdministrator } from '../domain/access';
import { isClosed } from '../domain/case';
import { moveCaseToUnit, unitOfCase } from '../domain/caseUnit';
import { DomainError } from '../domain/errors';
import { compactCase } from '../domain/limits';
import { unitByName } from '../domain/organisation';
import type { ActorId, AppDeps } from './context';
import { auditRecord } from './context';
import { auditedRefusal, organisationOf } from './organisation';
import { saveWithRetry } from './saveWithRetry';

export interface CaseMoved {
  reference: string;
  fromUnit: string;
  toUnit: string;
}

/** Moves the case, saved with its `unit.move` audit record (who) and a history event (from, to); refusals write nothing. */
export async function moveCase(deps: AppDeps, actor: ActorId, administrators: ReadonlySet<string>, reference: string, unitName: string): Promise<CaseMoved> {
  try {
    requireAdministrator(administrators, actor);
  } catch (error) {
    // Audited under the organisation: the case is not looked up for someone who may not move it.
    return auditedRefusal(deps, actor, 'unit.move', error);
  }
  const organisation = await organisationOf(deps, actor.tenantId);
  const to = unitByName(organisation, unitName);
  const wanted = reference.trim().toUpperCase();
  const caseIds = await deps.store.listCaseIdsByReference(actor.tenantId, wanted);
  if (caseIds.length === 0) throw new DomainError('referenceNotFound', { reference: wanted });
  if (caseIds.length > 1) throw new DomainError('referenceAmbiguous', { reference: wanted });
  const caseId = caseIds[0]!;
  let fromUnit = '';
  await saveWithRetry(deps.store, actor.tenantId, caseId, (current) => {
    if (isClosed(current)) throw new DomainError('caseClosed');
    fromUnit = unitOfCase(organisation, current)?.name ?? '';
    const changed = compactCase(moveCaseToUnit(current, organisation, to.name, actor.aadObjectId, deps.now()));
    return { changed, effects: { audit: [auditRecord(deps, actor, caseId, 'unit.move', 'ok')], outbox: [] } };
  });
  return { reference: wanted, fromUnit, toUnit: to.name };
}
