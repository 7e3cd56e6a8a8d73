import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '../../bot/domain/case';
import { DUE_OUTBOX_SQL, SqliteCaseStore } from '../../bot/store/sqliteStore';
import { describeCaseStoreContract } from './contract';
import { describeEraseContract } from './eraseContract';
import { describeExportLinkContract } from './exportLinkContract';
import { describeFrozenReportContract } from './frozenReportContract';
import { describeOrganisationContract } from './organisationContract';
import { describeOutboxContract } from './outboxContract';
import { describeTenantPacingContract } from './pacingContract';
import { describeRadarContract } from './radarContract';

const NOW = new Date('2026-11-23T09:00:00Z');
const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
/** A file in a folder that does not exist yet: the store makes it. */
const newStorePath = () => join(directory, `store-${++files}`, 'cases.db');

const openFile = async () => {
  const path = newStorePath();
  return { store: new SqliteCaseStore(path), reopen: async () => new SqliteCaseStore(path) };
};
describeCaseStoreContract('SQLite file', openFile);
describeOutboxContract('SQLite file', openFile);
describeExportLinkContract('SQLite file', openFile);
describeTenantPacingContract('SQLite file', openFile);
describeOrganisationContract('SQLite file', openFile);
describeFrozenReportContract('SQLite file', openFile);
describeRadarContract('SQLite file', openFile);
/** Every byte of the file and of its write-ahead log, as the search for personal data sees them. */
const bytesOf = (path: string) =>
  [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1')).join('\n');
describeEraseContract('SQLite file', async () => {
  const path = newStorePath();
  return { store: new SqliteCaseStore(path), dump: async () => bytesOf(path) };
});

describe('SqliteCaseStore file', () => {
  const inspect = <T>(path: string, read: (db: Database.Database) => T): T => {
    const db = new Database(path, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };

  it('writes ahead to a log and records its schema version', async () => {
    const path = newStorePath();
    await new SqliteCaseStore(path).close();

    expect(inspect(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(6);
  });

  it('adds the outbox to a file of schema version 1, keeping its cases', async () => {
    const path = newStorePath();
    const original = createCase(
      'tenant-aarhus',
      { aadObjectId: 'aad-coordinator', name: 'Kim Koordinator' },
      { name: 'Alex Ung', birthDate: '2009-03-14', status: 'education' },
      { caseId: 'case-1', reference: 'F-1', coordinatorMemberId: 'member-1', youngPersonMemberId: 'member-2' },
      NOW,
    );
    const first = new SqliteCaseStore(path);
    const saved = await first.createCase(original, { audit: [] });
    await first.close();
    // What a file written before the outbox looked like.
    const db = new Database(path);
    db.exec('DROP TABLE frozen_reports; DROP TABLE outbox; DROP TABLE export_links; DROP TABLE tenant_pacing; DROP TABLE organisations; DROP INDEX cases_by_unit; ALTER TABLE cases DROP COLUMN unit_id');
    db.pragma('user_version = 1');
    db.close();

    const reopened = new SqliteCaseStore(path);
    try {
      expect(await reopened.getCase('tenant-aarhus', 'case-1')).toEqual(saved);
      expect(await reopened.listOutbox('tenant-aarhus', 'case-1')).toEqual([]);
      // A case from before units belongs to the default unit.
      expect(await reopened.listUnitCases('tenant-aarhus', 'unit-1', true)).toEqual([saved.case]);
      expect(inspect(path, (file) => file.pragma('user_version', { simple: true }))).toBe(6);
    } finally {
      await reopened.close();
    }
  });

  it('finds due messages by a range search of the index on (status, not_before), with no sort', async () => {
    const path = newStorePath();
    await new SqliteCaseStore(path).close();

    const plan = inspect(path, (db) =>
      db.prepare<{ now: string; limit: number }, { detail: string }>(`EXPLAIN QUERY PLAN ${DUE_OUTBOX_SQL}`).all({ now: NOW.toISOString(), limit: 10 }),
    );

    expect(plan.map((step) => step.detail)).toEqual(['SEARCH outbox USING INDEX outbox_due (status=? AND not_before<?)']);
  });

  it('lets two connections to one file (two bot processes) claim without sharing a message', async () => {
    const path = newStorePath();
    const [one, two] = [new SqliteCaseStore(path), new SqliteCaseStore(path)];
    try {
      const about = createCase(
        'tenant-aarhus',
        { aadObjectId: 'aad-coordinator', name: 'Kim Koordinator' },
        { name: 'Alex Ung', birthDate: '2009-03-14', status: 'education' },
        { caseId: 'case-1', reference: 'F-1', coordinatorMemberId: 'member-1', youngPersonMemberId: 'member-2' },
        NOW,
      );
      const outbox = Array.from({ length: 90 }, (_, index) => ({
        id: `message-${index}`,
        tenantId: 'tenant-aarhus',
        caseId: 'case-1',
        kind: 'minutes' as const,
        to: { kind: 'conversation' as const, conversationId: '19:case-1@thread.tacv2' },
        about: { meetingId: 'meeting-1' },
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        notBefore: new Date(NOW.getTime() - index * 1000).toISOString(),
        status: 'pending' as const,
        attempts: 0,
      }));
      await one.createCase(about, { audit: [], outbox });

      const claimed: string[] = [];
      for (let round = 0; round < 10; round++) {
        for (const [store, owner] of [[one, 'one'], [two, 'two']] as const) {
          claimed.push(...(await store.claimDueOutbox(NOW, owner, 60_000, 7)).map((message) => message.id));
        }
      }

      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed).toHaveLength(90);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('refuses a database written by a newer schema version', async () => {
    const path = newStorePath();
    await new SqliteCaseStore(path).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();

    expect(() => new SqliteCaseStore(path)).toThrow(/schema version 99/);
  });
});
