// A change to a case by a team member, saved with its audit record and the messages it causes; a
// refusal is audited as denied.
import { type Case, isClosed } from '../domain/case';
import { requireCoordinator } from '../domain/access';
import { DomainError, isAccessRefusal } from '../domain/errors';
import { assertCaseFits, compactCase } from '../domain/limits';
import type { OutboxMessage } from '../store/port';
import type { AuditAction } from './auditActions';
import type { ActorId, AppDeps } from './context';
import { auditRecord } from './context';
import { saveWithRetry } from './saveWithRetry';

/** How many applied activity ids a case remembers: Teams redelivers within minutes, not days. */
const REMEMBERED_ACTIVITIES = 100;

/** The Teams activity that asked for a change; a redelivered one is applied once. */
export type ActivityId = string | undefined;

/** A change and the messages it causes: saved together, so a crash before sending loses nothing. */
interface ChangeWithMessages {
  changed: Case;
  outbox: OutboxMessage[];
}

export type Applied = Case | ChangeWithMessages;

/** A change a use case asks for: of which case, audited as which action, who may, what it does. */
export interface ChangeCommand {
  caseId: string;
  action: AuditAction;
  /** Throws when the actor may not; an access refusal is audited as denied. */
  authorize: (current: Case) => void;
  /** Runs on fresh state, again after a conflicting save. */
  apply: (current: Case, now: Date) => Applied;
  /** The Teams activity that asked for it: a redelivered one is applied once. */
  activityId?: ActivityId;
}

/** Runs the command's `apply` on fresh state, retrying on conflicts. */
export async function guardedChange(deps: AppDeps, actor: ActorId, { caseId, action, authorize, apply, activityId }: ChangeCommand): Promise<Case> {
  try {
    const saved = await saveWithRetry(deps.store, actor.tenantId, caseId, (current) => {
      authorize(current);
      if (activityId && current.appliedActivityIds.includes(activityId)) return undefined;
      // A closed case is kept as it was closed until it is erased (closing it again says so itself).
      if (isClosed(current) && action !== 'case.close') throw new DomainError('caseClosed');
      const applied = apply(current, deps.now());
      const { changed, outbox } = 'outbox' in applied ? applied : { changed: applied, outbox: [] };
      if (changed === current) return undefined;
      // Every history is brought to its bound before the save (limits.ts), and a last guard keeps the
      // document far below Cosmos DB's 2 MB.
      const compacted = compactCase(changed);
      assertCaseFits(current, compacted);
      return {
        changed: activityId ? { ...compacted, appliedActivityIds: [...compacted.appliedActivityIds, activityId].slice(-REMEMBERED_ACTIVITIES) } : compacted,
        effects: { audit: [auditRecord(deps, actor, caseId, action, 'ok')], outbox },
      };
    });
    return saved.case;
  } catch (error) {
    await auditIfRefused(deps, actor, caseId, action, error);
    throw error;
  }
}

export async function auditIfRefused(deps: AppDeps, actor: ActorId, caseId: string, action: AuditAction, error: unknown): Promise<void> {
  if (isAccessRefusal(error)) {
    await deps.store.appendAudit([auditRecord(deps, actor, caseId, action, 'denied')]);
  }
}

/** A change only the coordinator may make. */
export function coordinatorChange(deps: AppDeps, actor: ActorId, command: Omit<ChangeCommand, 'authorize'>): Promise<Case> {
  return guardedChange(deps, actor, { ...command, authorize: (current) => requireCoordinator(current, actor.aadObjectId) });
}
