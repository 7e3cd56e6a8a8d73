// The embedded adapter: one SQLite file per deployment (the default). better-sqlite3 is synchronous, so
// every transaction runs to the end without interleaving; the async port methods only wrap it.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Case, teamsUserIds } from '../domain/case';
import {
  type AuditRecord,
  type CaseStore,
  type CaseSummary,
  type SaveEffects,
  type StoredCase,
  type UserState,
  ConcurrencyConflict,
} from './port';

const IN_MEMORY = ':memory:';

/**
 * Schema migrations, applied in order. `PRAGMA user_version` holds how many have run, so opening is
 * idempotent and a later change is one more entry here, never an edit of an applied one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE cases (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    etag TEXT NOT NULL,
    doc TEXT NOT NULL,
    home_conversation_id TEXT,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE INDEX cases_by_home ON cases (tenant_id, home_conversation_id) WHERE home_conversation_id IS NOT NULL;

  CREATE TABLE case_members (
    tenant_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    aad_object_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, case_id, aad_object_id)
  );
  CREATE INDEX case_members_by_user ON case_members (tenant_id, aad_object_id);

  CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX audit_by_case ON audit (tenant_id, case_id, at);

  CREATE TABLE user_state (
    tenant_id TEXT NOT NULL,
    aad_object_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, aad_object_id)
  );
  `,
];

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(`database schema version ${applied} is newer than this bot knows (${MIGRATIONS.length})`);
  }
  MIGRATIONS.slice(applied).forEach((migration, index) => {
    db.transaction(() => {
      db.exec(migration);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
}

interface CaseRow {
  etag: string;
  doc: string;
}

interface AuditRow {
  id: string;
  tenant_id: string;
  case_id: string;
  actor: string;
  action: string;
  outcome: AuditRecord['outcome'];
  at: string;
}

const toStoredCase = (row: CaseRow): StoredCase => ({ case: JSON.parse(row.doc) as Case, etag: row.etag });

const toAuditRecord = (row: AuditRow): AuditRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  caseId: row.case_id,
  actorAadObjectId: row.actor,
  action: row.action,
  outcome: row.outcome,
  at: row.at,
});

const caseColumns = (saved: Case, etag: string) => ({
  tenantId: saved.tenantId,
  id: saved.id,
  etag,
  doc: JSON.stringify(saved),
  homeConversationId: saved.home?.conversationId ?? null,
});

function prepareStatements(db: Database.Database) {
  return {
    getCase: db.prepare<[string, string], CaseRow>('SELECT etag, doc FROM cases WHERE tenant_id = ? AND id = ?'),
    findCaseByHome: db.prepare<[string, string], CaseRow>(
      'SELECT etag, doc FROM cases WHERE tenant_id = ? AND home_conversation_id = ?',
    ),
    listCasesForUser: db.prepare<[string, string], CaseSummary>(
      `SELECT c.id AS caseId, json_extract(c.doc, '$.reference') AS reference
       FROM case_members m JOIN cases c ON c.tenant_id = m.tenant_id AND c.id = m.case_id
       WHERE m.tenant_id = ? AND m.aad_object_id = ?`,
    ),
    insertCase: db.prepare(
      `INSERT INTO cases (tenant_id, id, etag, doc, home_conversation_id)
       VALUES (@tenantId, @id, @etag, @doc, @homeConversationId)
       ON CONFLICT DO NOTHING`,
    ),
    updateCase: db.prepare(
      `UPDATE cases SET etag = @etag, doc = @doc, home_conversation_id = @homeConversationId
       WHERE tenant_id = @tenantId AND id = @id AND etag = @expectedEtag`,
    ),
    deleteMembers: db.prepare('DELETE FROM case_members WHERE tenant_id = ? AND case_id = ?'),
    insertMember: db.prepare('INSERT INTO case_members (tenant_id, case_id, aad_object_id) VALUES (?, ?, ?)'),
    insertAudit: db.prepare(
      `INSERT INTO audit (id, tenant_id, case_id, actor, action, outcome, at)
       VALUES (@id, @tenantId, @caseId, @actorAadObjectId, @action, @outcome, @at)`,
    ),
    // rowid keeps records with the same timestamp in the order they were written.
    listAudit: db.prepare<[string, string], AuditRow>(
      'SELECT * FROM audit WHERE tenant_id = ? AND case_id = ? ORDER BY at, rowid',
    ),
    getUserState: db.prepare<[string, string], { doc: string }>(
      'SELECT doc FROM user_state WHERE tenant_id = ? AND aad_object_id = ?',
    ),
    putUserState: db.prepare(
      `INSERT INTO user_state (tenant_id, aad_object_id, doc) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id, aad_object_id) DO UPDATE SET doc = excluded.doc`,
    ),
    ping: db.prepare('SELECT 1'),
  };
}

export class SqliteCaseStore implements CaseStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly insertAudit: (records: AuditRecord[]) => void;
  /** Case row, members index and audit records change together or not at all. */
  private readonly saveCase: (saved: Case, expectedEtag: string | undefined, effects: SaveEffects) => StoredCase;

  constructor(path: string) {
    if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // With WAL, NORMAL keeps the file consistent through any crash and durable through a crash of the
    // process; only a power loss can cost the last commits. FULL would fsync on every save.
    this.db.pragma('synchronous = NORMAL');
    // A backup or admin tool holding the lock briefly makes a save wait instead of fail.
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    const statements = prepareStatements(this.db);
    this.statements = statements;

    this.insertAudit = this.db.transaction((records: AuditRecord[]) => {
      for (const record of records) statements.insertAudit.run(record);
    });

    this.saveCase = this.db.transaction((saved: Case, expectedEtag: string | undefined, effects: SaveEffects) => {
      const etag = randomUUID();
      const columns = caseColumns(saved, etag);
      const written =
        expectedEtag === undefined
          ? statements.insertCase.run(columns)
          : statements.updateCase.run({ ...columns, expectedEtag });
      // Throwing inside the transaction rolls it back: a stale save writes nothing.
      if (written.changes === 0) throw new ConcurrencyConflict(saved.id);
      statements.deleteMembers.run(saved.tenantId, saved.id);
      for (const aadObjectId of new Set(teamsUserIds(saved))) {
        statements.insertMember.run(saved.tenantId, saved.id, aadObjectId);
      }
      this.insertAudit(effects.audit);
      return { case: saved, etag };
    });
  }

  async getCase(tenantId: string, caseId: string): Promise<StoredCase | undefined> {
    const row = this.statements.getCase.get(tenantId, caseId);
    return row && toStoredCase(row);
  }

  async findCaseByConversation(tenantId: string, conversationId: string): Promise<StoredCase | undefined> {
    const row = this.statements.findCaseByHome.get(tenantId, conversationId);
    return row && toStoredCase(row);
  }

  async listCasesForUser(tenantId: string, aadObjectId: string): Promise<CaseSummary[]> {
    return this.statements.listCasesForUser.all(tenantId, aadObjectId);
  }

  async createCase(created: Case, effects: SaveEffects): Promise<StoredCase> {
    return this.saveCase(created, undefined, effects);
  }

  async replaceCase(changed: Case, expectedEtag: string, effects: SaveEffects): Promise<StoredCase> {
    return this.saveCase(changed, expectedEtag, effects);
  }

  async appendAudit(records: AuditRecord[]): Promise<void> {
    this.insertAudit(records);
  }

  async listAudit(tenantId: string, caseId: string): Promise<AuditRecord[]> {
    return this.statements.listAudit.all(tenantId, caseId).map(toAuditRecord);
  }

  async getUserState(tenantId: string, aadObjectId: string): Promise<UserState | undefined> {
    const row = this.statements.getUserState.get(tenantId, aadObjectId);
    return row && (JSON.parse(row.doc) as UserState);
  }

  async putUserState(state: UserState): Promise<void> {
    this.statements.putUserState.run(state.tenantId, state.aadObjectId, JSON.stringify(state));
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
