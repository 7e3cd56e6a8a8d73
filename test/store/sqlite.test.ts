import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { describeCaseStoreContract } from './contract';

const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
/** A file in a folder that does not exist yet: the store makes it. */
const newStorePath = () => join(directory, `store-${++files}`, 'cases.db');

describeCaseStoreContract('SQLite file', async () => {
  const path = newStorePath();
  return { store: new SqliteCaseStore(path), reopen: async () => new SqliteCaseStore(path) };
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
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(1);
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
