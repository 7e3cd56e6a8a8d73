// Use cases run against the real embedded store (SQLite in memory) with a fixed clock and ids.
import type { Actor, AppDeps } from '../../bot/app/context';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { NOW } from '../domain/fixtures';

export const COORDINATOR: Actor = { tenantId: 'tenant-a', aadObjectId: 'aad-mette', name: 'Mette Madsen' };
export const JONAS: Actor = { tenantId: 'tenant-a', aadObjectId: 'aad-jonas', name: 'Jonas Jensen' };
export const STRANGER: Actor = { tenantId: 'tenant-a', aadObjectId: 'aad-lise', name: 'Lise Holm' };
/** The same person id in another municipality's tenant. */
export const OTHER_TENANT_COORDINATOR: Actor = { ...COORDINATOR, tenantId: 'tenant-b' };

export const YOUNG_PERSON = { name: 'Emil Hansen', birthDate: '2007-05-01', phone: '22334455', status: 'neither' };

export function appDeps(now: Date = NOW): AppDeps & { store: SqliteCaseStore } {
  let next = 0;
  return {
    store: new SqliteCaseStore(':memory:'),
    now: () => now,
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
    reminders: new ReminderPlanner(new WorkingDays()),
  };
}
