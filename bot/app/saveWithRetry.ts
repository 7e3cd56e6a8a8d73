// Optimistic concurrency for every change: load, re-apply the command to what is stored now, save
// with the etag. A stale save is never forced through; the command runs again on fresh state.
import type { Case } from '../domain/case';
import { DomainError } from '../domain/errors';
import { type CaseStore, type SaveEffects, type StoredCase, ConcurrencyConflict } from '../store/port';

const MAX_SAVE_ATTEMPTS = 50;

export interface CaseChange {
  changed: Case;
  effects: SaveEffects;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `save` loads, applies and saves with the etag; after a stale save it runs again on fresh state. */
export async function retryOnConflict<T>(save: () => Promise<T>): Promise<T> {
  for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
    try {
      return await save();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      // Jitter spreads the retries of many simultaneous writers so most land on the next attempt.
      await pause(Math.random() * Math.min(attempt, 10) * 2);
    }
  }
  throw new DomainError('tooManyConflicts');
}

/** `change` returns nothing when there is nothing to save (e.g. an activity applied before). */
export function saveWithRetry(store: CaseStore, tenantId: string, caseId: string, change: (current: Case) => CaseChange | undefined): Promise<StoredCase> {
  return retryOnConflict(async () => {
    const stored = await store.getCase(tenantId, caseId);
    if (!stored) throw new DomainError('caseNotFound');
    const next = change(stored.case);
    return next ? store.replaceCase(next.changed, stored.etag, next.effects) : stored;
  });
}
