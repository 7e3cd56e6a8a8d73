// The young person's rights (PRODUCT section 7): the whole case exported (right of access), the case
// erased (right to erasure), and closed cases erased once the retention period has run.
import { meetingsAheadInCalendar } from '../domain/calendar';
import { type Case, closeCase } from '../domain/case';
import { requireCoordinator } from '../domain/access';
import { DomainError } from '../domain/errors';
import type { AuditRecord, CaseStore, OutboxMessage } from '../store/port';
import type { AuditAction } from './auditActions';
import { calendarCancellations } from './calendarEvents';
import { type Actor, type ActorId, type AppDeps, auditRecord } from './context';
import { type ActivityId, auditIfRefused, coordinatorChange } from './guardedChange';
import { calendarUpdates, outboxMessages } from './messages';

/** What `eksport` gives: everything stored about one case, and nothing about any other. */
export interface CaseExport {
  format: 'samarbejdsbot.case-export';
  formatVersion: 1;
  exportedAt: string;
  /** The aggregate: the young person, the team, consents, meetings with checklists and history, goals, agreements, history. */
  case: Case;
  /** Who read and changed the case, when: the export's own record included. */
  audit: AuditRecord[];
  /** Messages sent, waiting or given up about the case (ids only: their content is rendered from the case). */
  outbox: OutboxMessage[];
}

/** The case, once the actor is known to be its coordinator; a refusal is audited under `action`. */
async function asCoordinator(deps: AppDeps, actor: ActorId, caseId: string, action: AuditAction): Promise<Case> {
  const stored = await deps.store.getCase(actor.tenantId, caseId);
  if (!stored) throw new DomainError('caseNotFound');
  try {
    requireCoordinator(stored.case, actor.aadObjectId);
  } catch (error) {
    await auditIfRefused(deps, actor, caseId, action, error);
    throw error;
  }
  return stored.case;
}

/** Before offering the export link, a meeting's documents or a confirmation card: only the coordinator gets one. */
export function caseForCoordinator(deps: AppDeps, actor: Actor, caseId: string, action: 'case.export' | 'case.erase' | 'case.close' | 'documents.read'): Promise<Case> {
  return asCoordinator(deps, actor, caseId, action);
}

/** The whole case as one document for its coordinator; audited as `case.export`. */
export async function exportCase(deps: AppDeps, actor: ActorId, caseId: string): Promise<CaseExport> {
  const current = await asCoordinator(deps, actor, caseId, 'case.export');
  await deps.store.appendAudit([auditRecord(deps, actor, caseId, 'case.export', 'ok')]);
  const [audit, outbox] = await Promise.all([deps.store.listAudit(actor.tenantId, caseId), deps.store.listOutbox(actor.tenantId, caseId)]);
  return { format: 'samarbejdsbot.case-export', formatVersion: 1, exportedAt: deps.now().toISOString(), case: current, audit, outbox };
}

/** The typed confirmation must be the case's reference (forgiving case and spaces). */
function requireConfirmation(current: Case, confirmation: string | undefined): void {
  const typed = (confirmation ?? '').replace(/\s+/g, '').toUpperCase();
  if (typed !== current.reference.toUpperCase()) throw new DomainError('confirmationMismatch');
}

/** `slet sag`: erases the case everywhere; what remains is its audit, ids and codes only, and the tombstone. */
export async function eraseCase(deps: AppDeps, actor: Actor, caseId: string, confirmation: string | undefined): Promise<string> {
  const current = await asCoordinator(deps, actor, caseId, 'case.erase');
  requireConfirmation(current, confirmation);
  // The events of its meetings ahead are cancelled after it is gone, by the ids the messages carry.
  const cancellations = calendarCancellations(deps, current, actor.serviceUrl, deps.now());
  const erased = await deps.store.eraseCase(actor.tenantId, caseId, auditRecord(deps, actor, caseId, 'case.erase', 'ok'), cancellations);
  if (!erased) throw new DomainError('caseNotFound');
  return current.reference;
}

/**
 * `luk sag`: closed from now on; erased once the retention period has run from `closedAt`. A closed case
 * changes no more, so its meetings ahead will not take place: their calendar events are cancelled (the
 * meetings stay as they were: "cancelled" is a checklist record with one of seed 001's reasons).
 */
export function closeCaseNow(deps: AppDeps, actor: Actor, caseId: string, confirmation: string | undefined, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'case.close',
    apply: (current, now) => {
      requireConfirmation(current, confirmation);
      const changed = closeCase(current, actor.aadObjectId, now);
      const cancelled = calendarUpdates(deps, changed, meetingsAheadInCalendar(changed, now).map((meeting) => meeting.id));
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, cancelled) };
    },
    activityId,
  });
}

/**
 * Five years from closing: the municipality's data protection officer sets the real period
 * (`RETENTION_DAYS`); five years is the period Danish municipalities commonly keep a closed social
 * services case file before it is discarded. 1826 days covers five years with one leap day.
 */
export const DEFAULT_RETENTION_DAYS = 1826;

/** Who erases a case whose retention period has run out, in its tombstone. */
export const RETENTION_ACTOR = 'system:retention';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a case closed at `closedAt` is erased. */
export function erasedAfterRetention(closedAt: string, retentionDays: number): Date {
  return new Date(new Date(closedAt).getTime() + retentionDays * DAY_MS);
}

export interface RetentionDeps {
  store: Pick<CaseStore, 'listCasesClosedBefore' | 'eraseCase'>;
  now: () => Date;
  newId: () => string;
}

/**
 * Erases every case closed at least `retentionDays` ago (days of 24 hours from `closedAt`), `batchSize`
 * at a time; each erase leaves a `case.erase` tombstone by `RETENTION_ACTOR`. Returns how many were erased.
 */
export async function eraseExpiredCases(deps: RetentionDeps, retentionDays: number, batchSize = 100): Promise<number> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let erased = 0;
  for (;;) {
    const due = await deps.store.listCasesClosedBefore(cutoff, batchSize);
    let erasedNow = 0;
    for (const { tenantId, caseId } of due) {
      const tombstone: AuditRecord = { id: deps.newId(), tenantId, caseId, actorAadObjectId: RETENTION_ACTOR, action: 'case.erase', outcome: 'ok', at: now.toISOString() };
      if (await deps.store.eraseCase(tenantId, caseId, tombstone)) erasedNow++;
    }
    erased += erasedNow;
    // A short page is the last; a page erasing nothing (another instance erased them) ends too.
    if (due.length < batchSize || erasedNow === 0) return erased;
  }
}
