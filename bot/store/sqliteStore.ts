// The embedded adapter: one SQLite file per deployment (the default). better-sqlite3 is synchronous, so
// every transaction runs to the end without interleaving; the async port methods only wrap it.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Case, teamsUserIds } from '../domain/case';
import type { Organisation } from '../domain/organisation';
import type { FrozenReport } from '../domain/statistics/frozenReport';
import type { AuditRecord, CaseStore, CaseSummary, ClosedCase, ExportLink, OutboxContent, OutboxMessage, OutboxOutcome, SaveEffects, StoredCase, StoredOrganisation, StoredTenantPacing, TenantPacing, UserState } from './port';
import { ConcurrencyConflict, outboxContentOf, MAX_AUDIT_PER_SAVE, checkErasure, checkOrganisationAudit, organisationAuditId } from './port';

const IN_MEMORY = ':memory:';
/** Open cases a page of the radar's pass holds (openCasePages). */
const OPEN_CASES_PAGE = 100;

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
  // The outbox: what must be sent, written with the change that causes it. The columns are what
  // dispatchers query and change; `doc` holds the rest of the message, which never changes.
  `
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL,
    not_before TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    attempts INTEGER NOT NULL,
    sent_at TEXT,
    last_error TEXT,
    doc TEXT NOT NULL
  );
  -- Finding what is due reads only the pending rows that are due, in order: its cost grows with what
  -- is due, not with the history of sent messages.
  CREATE INDEX outbox_due ON outbox (status, not_before);
  CREATE INDEX outbox_by_case ON outbox (tenant_id, case_id, not_before);
  `,
  // One-time export links, by the SHA-256 of their token, so that any instance on this file serves them.
  `
  CREATE TABLE export_links (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX export_links_by_expiry ON export_links (expires_at);
  `,
  // The pacing every bot instance shares per tenant (Teams' per-tenant limit), written under its etag.
  `
  CREATE TABLE tenant_pacing (
    tenant_id TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  `,
  // A tenant's units and leaders (one document under its etag), and the unit of each case, which a
  // leader's figures are read by.
  `
  CREATE TABLE organisations (
    tenant_id TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  ALTER TABLE cases ADD COLUMN unit_id TEXT;
  UPDATE cases SET unit_id = json_extract(doc, '$.unitId');
  CREATE INDEX cases_by_unit ON cases (tenant_id, unit_id);
  `,
  // Leaders' reports of ended half-years, as first computed: never updated, never recomputed.
  `
  CREATE TABLE frozen_reports (
    tenant_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    period_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, unit_id, period_id)
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

interface OutboxRow {
  id: string;
  tenant_id: string;
  case_id: string;
  status: OutboxMessage['status'];
  not_before: string;
  lease_owner: string | null;
  lease_until: string | null;
  attempts: number;
  sent_at: string | null;
  last_error: string | null;
  doc: string;
}

/** The part of a message that never changes after it is written (its `doc`, JSON). */
type OutboxDoc = OutboxContent & Pick<OutboxMessage, 'to' | 'serviceUrl'>;

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

const toOutboxMessage = (row: OutboxRow): OutboxMessage => {
  const doc = JSON.parse(row.doc) as OutboxDoc;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    caseId: row.case_id,
    ...outboxContentOf(doc),
    to: doc.to,
    serviceUrl: doc.serviceUrl,
    notBefore: row.not_before,
    status: row.status,
    attempts: row.attempts,
    ...(row.lease_owner !== null && { leaseOwner: row.lease_owner }),
    ...(row.lease_until !== null && { leaseUntil: row.lease_until }),
    ...(row.sent_at !== null && { sentAt: row.sent_at }),
    ...(row.last_error !== null && { lastError: row.last_error }),
  };
};

/** Instants are kept as `toISOString()` writes them, so that comparing the text compares the time. */
const instant = (iso: string): string => new Date(iso).toISOString();

const outboxColumns = (message: OutboxMessage) => ({
  id: message.id,
  tenantId: message.tenantId,
  caseId: message.caseId,
  status: message.status,
  notBefore: instant(message.notBefore),
  leaseOwner: message.leaseOwner ?? null,
  leaseUntil: message.leaseUntil === undefined ? null : instant(message.leaseUntil),
  attempts: message.attempts,
  sentAt: message.sentAt === undefined ? null : instant(message.sentAt),
  lastError: message.lastError ?? null,
  doc: JSON.stringify({ ...outboxContentOf(message), to: message.to, serviceUrl: message.serviceUrl } satisfies OutboxDoc),
});

/** What a save may carry, checked before anything is written (the same rules as the Cosmos adapter). */
function checkEffects(saved: Case, effects: SaveEffects): void {
  const outbox = effects.outbox ?? [];
  // Any number of messages fits one transaction; the audit limit is the port's, kept alike on both stores.
  if (effects.audit.length > MAX_AUDIT_PER_SAVE) throw new Error(`a save holds at most ${MAX_AUDIT_PER_SAVE} audit records`);
  const foreign = outbox.find((message) => message.caseId !== saved.id || message.tenantId !== saved.tenantId);
  if (foreign) throw new Error(`outbox message ${foreign.id} is not about case ${saved.id}`);
}

/** A write's result when it changed a row; undefined when it changed none. */
const updated = (result: Database.RunResult) => (result.changes === 0 ? undefined : result);

const caseColumns = (saved: Case, etag: string) => ({
  tenantId: saved.tenantId,
  id: saved.id,
  etag,
  doc: JSON.stringify(saved),
  homeConversationId: saved.home?.conversationId ?? null,
  unitId: saved.unitId ?? null,
});

/**
 * A range search of the index outbox_due (status = 'pending', not_before <= now), already in
 * not_before order; of the due rows, only those under a live lease are read and skipped.
 */
export const DUE_OUTBOX_SQL = `SELECT * FROM outbox
  WHERE status = 'pending' AND not_before <= @now AND (lease_until IS NULL OR lease_until <= @now)
  ORDER BY not_before LIMIT @limit`;

function prepareStatements(db: Database.Database) {
  return {
    getCase: db.prepare<[string, string], CaseRow>('SELECT etag, doc FROM cases WHERE tenant_id = ? AND id = ?'),
    findCaseByHome: db.prepare<[string, string], CaseRow>(
      'SELECT etag, doc FROM cases WHERE tenant_id = ? AND home_conversation_id = ?',
    ),
    listCasesForUser: db.prepare<[string, string], CaseSummary & { closedAt: string | null }>(
      `SELECT c.id AS caseId, json_extract(c.doc, '$.reference') AS reference, json_extract(c.doc, '$.closedAt') AS closedAt
       FROM case_members m JOIN cases c ON c.tenant_id = m.tenant_id AND c.id = m.case_id
       WHERE m.tenant_id = ? AND m.aad_object_id = ?`,
    ),
    insertCase: db.prepare(
      `INSERT INTO cases (tenant_id, id, etag, doc, home_conversation_id, unit_id)
       VALUES (@tenantId, @id, @etag, @doc, @homeConversationId, @unitId)
       ON CONFLICT DO NOTHING`,
    ),
    // Most saves keep the case's home and unit: naming those columns in SET would rewrite their index
    // entries anyway (a page more in every commit), so they are updated only when one of them changed.
    updateCaseDoc: db.prepare(
      `UPDATE cases SET etag = @etag, doc = @doc
       WHERE tenant_id = @tenantId AND id = @id AND etag = @expectedEtag
         AND home_conversation_id IS @homeConversationId AND unit_id IS @unitId`,
    ),
    updateCase: db.prepare(
      `UPDATE cases SET etag = @etag, doc = @doc, home_conversation_id = @homeConversationId, unit_id = @unitId
       WHERE tenant_id = @tenantId AND id = @id AND etag = @expectedEtag`,
    ),
    listMembers: db.prepare<[string, string], string>('SELECT aad_object_id FROM case_members WHERE tenant_id = ? AND case_id = ?').pluck(),
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
    insertOutbox: db.prepare(
      `INSERT INTO outbox (id, tenant_id, case_id, status, not_before, lease_owner, lease_until, attempts, sent_at, last_error, doc)
       VALUES (@id, @tenantId, @caseId, @status, @notBefore, @leaseOwner, @leaseUntil, @attempts, @sentAt, @lastError, @doc)`,
    ),
    /** Outside a case save a message may be appended twice (a retried fallback): the first one stays. */
    appendOutbox: db.prepare(
      `INSERT INTO outbox (id, tenant_id, case_id, status, not_before, lease_owner, lease_until, attempts, sent_at, last_error, doc)
       VALUES (@id, @tenantId, @caseId, @status, @notBefore, @leaseOwner, @leaseUntil, @attempts, @sentAt, @lastError, @doc)
       ON CONFLICT (id) DO NOTHING`,
    ),
    dueOutbox: db.prepare<{ now: string; limit: number }, OutboxRow>(DUE_OUTBOX_SQL),
    leaseOutbox: db.prepare('UPDATE outbox SET lease_owner = @owner, lease_until = @leaseUntil WHERE id = @id'),
    // Only the holder of the claim settles: after another dispatcher took the message over, the
    // owner differs and nothing changes.
    settleOutbox: db.prepare(
      `UPDATE outbox SET
         status = @status,
         attempts = attempts + 1,
         not_before = coalesce(@notBefore, not_before),
         sent_at = coalesce(@sentAt, sent_at),
         last_error = coalesce(@lastError, last_error),
         lease_owner = NULL,
         lease_until = NULL
       WHERE id = @id AND tenant_id = @tenantId AND status = 'pending' AND lease_owner = @owner`,
    ),
    forgetOutbox: db.prepare(`DELETE FROM outbox WHERE id = @id AND tenant_id = @tenantId AND status = 'pending' AND lease_owner = @owner`),
    listOutbox: db.prepare<[string, string], OutboxRow>(
      'SELECT * FROM outbox WHERE tenant_id = ? AND case_id = ? ORDER BY not_before, rowid',
    ),
    getTenantPacing: db.prepare<[string], { etag: string; doc: string }>('SELECT etag, doc FROM tenant_pacing WHERE tenant_id = ?'),
    insertTenantPacing: db.prepare('INSERT INTO tenant_pacing (tenant_id, etag, doc) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    updateTenantPacing: db.prepare('UPDATE tenant_pacing SET etag = ?, doc = ? WHERE tenant_id = ? AND etag = ?'),
    ping: db.prepare('SELECT 1'),
    deleteCase: db.prepare('DELETE FROM cases WHERE tenant_id = ? AND id = ?'),
    deleteOutboxOfCase: db.prepare('DELETE FROM outbox WHERE tenant_id = ? AND case_id = ?'),
    /** A user who picked the erased case in their 1:1 chat keeps their state, without that pick. */
    forgetSelectedCase: db.prepare(
      `UPDATE user_state SET doc = json_remove(doc, '$.selectedCaseId')
       WHERE tenant_id = ? AND json_extract(doc, '$.selectedCaseId') = ?`,
    ),
    // A scan of the cases (closedAt sits in the case's JSON): the retention job runs a few times a
    // day, and one file holds one municipality's cases.
    /** By key, so that a page costs an index search whatever page it is. */
    openCasesAfter: db.prepare<{ tenantId: string; id: string; limit: number }, { tenantId: string; id: string; doc: string }>(
      `SELECT tenant_id AS tenantId, id, doc FROM cases
       WHERE (tenant_id, id) > (@tenantId, @id) AND json_extract(doc, '$.closedAt') IS NULL
       ORDER BY tenant_id, id LIMIT @limit`,
    ),
    casesClosedBefore: db.prepare<{ before: string; limit: number }, ClosedCase>(
      `SELECT tenant_id AS tenantId, id AS caseId, json_extract(doc, '$.closedAt') AS closedAt FROM cases
       WHERE json_extract(doc, '$.closedAt') <= @before LIMIT @limit`,
    ),
  };
}

/** Two index searches rather than one OR, which SQLite would answer by scanning the tenant's cases. */
function prepareOrganisationStatements(db: Database.Database) {
  return {
    get: db.prepare<[string], { etag: string; doc: string }>('SELECT etag, doc FROM organisations WHERE tenant_id = ?'),
    insert: db.prepare('INSERT INTO organisations (tenant_id, etag, doc) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    update: db.prepare('UPDATE organisations SET etag = ?, doc = ? WHERE tenant_id = ? AND etag = ?'),
    unitCases: db.prepare<[string, string], string>('SELECT doc FROM cases WHERE tenant_id = ? AND unit_id = ?').pluck(),
    unassignedCases: db.prepare<[string], string>('SELECT doc FROM cases WHERE tenant_id = ? AND unit_id IS NULL').pluck(),
    // A scan of the tenant's cases (the reference sits in the case's JSON): an administrator's rare move.
    casesByReference: db.prepare<[string, string], string>("SELECT id FROM cases WHERE tenant_id = ? AND json_extract(doc, '$.reference') = ?").pluck(),
    all: db.prepare<[], string>('SELECT doc FROM organisations ORDER BY tenant_id').pluck(),
    frozenReport: db.prepare<[string, string, string], string>('SELECT doc FROM frozen_reports WHERE tenant_id = ? AND unit_id = ? AND period_id = ?').pluck(),
    freezeReport: db.prepare('INSERT INTO frozen_reports (tenant_id, unit_id, period_id, doc) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
  };
}

interface ExportLinkRow {
  token_hash: string;
  tenant_id: string;
  case_id: string;
  actor: string;
  expires_at: string;
}

function prepareExportLinkStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO export_links (token_hash, tenant_id, case_id, actor, expires_at)
       VALUES (@tokenHash, @tenantId, @caseId, @actorAadObjectId, @expiresAt)`,
    ),
    // One statement deletes and reads: of two instances taking the same link, one deletes the row.
    take: db.prepare<[string], ExportLinkRow>('DELETE FROM export_links WHERE token_hash = ? RETURNING *'),
    deleteExpired: db.prepare<[string]>('DELETE FROM export_links WHERE expires_at <= ?'),
  };
}

export class SqliteCaseStore implements CaseStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly exportLinkStatements: ReturnType<typeof prepareExportLinkStatements>;
  private readonly organisationStatements: ReturnType<typeof prepareOrganisationStatements>;
  private readonly saveOrganisationWithAudit: (organisation: Organisation, expectedEtag: string | undefined, audit: AuditRecord[]) => StoredOrganisation;
  private readonly insertAudit: (records: AuditRecord[]) => void;
  private readonly appendOutboxMessages: (messages: OutboxMessage[]) => void;
  private readonly claimOutbox: (now: string, owner: string, leaseUntil: string, limit: number) => OutboxMessage[];
  private readonly eraseInOneTransaction: (tenantId: string, caseId: string, tombstone: AuditRecord, outliving: OutboxMessage[]) => boolean;
  /** Case row, members index, audit records and outbox messages change together or not at all. */
  private readonly saveCase: (saved: Case, expectedEtag: string | undefined, effects: SaveEffects) => StoredCase;

  constructor(private readonly path: string) {
    if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // With WAL, NORMAL keeps the file consistent through any crash and durable through a crash of the
    // process; only a power loss can cost the last commits. FULL would fsync on every save.
    this.db.pragma('synchronous = NORMAL');
    // A backup or admin tool holding the lock briefly makes a save wait instead of fail.
    this.db.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, so an erased case leaves no readable bytes in the file.
    this.db.pragma('secure_delete = ON');
    migrate(this.db);
    const statements = prepareStatements(this.db);
    this.statements = statements;
    this.exportLinkStatements = prepareExportLinkStatements(this.db);
    const organisationStatements = prepareOrganisationStatements(this.db);
    this.organisationStatements = organisationStatements;

    this.insertAudit = this.db.transaction((records: AuditRecord[]) => {
      for (const record of records) statements.insertAudit.run(record);
    });

    this.appendOutboxMessages = this.db.transaction((messages: OutboxMessage[]) => {
      for (const message of messages) statements.appendOutbox.run(outboxColumns(message));
    });

    // Read and lease in one write transaction. IMMEDIATE takes the write lock before the read, so a
    // dispatcher in another process waits (busy_timeout) instead of reading the same rows; a deferred
    // transaction would fail when it tried to upgrade its read to a write.
    const claim = this.db.transaction((now: string, owner: string, leaseUntil: string, limit: number) =>
      statements.dueOutbox.all({ now, limit }).map((row) => {
        statements.leaseOutbox.run({ id: row.id, owner, leaseUntil });
        return toOutboxMessage({ ...row, lease_owner: owner, lease_until: leaseUntil });
      }),
    );
    this.claimOutbox = (...args) => claim.immediate(...args);

    // The case, its members index, its outbox and every user's pick of it go together; the case's
    // audit records stay (ids and codes only) and the tombstone joins them.
    this.eraseInOneTransaction = this.db.transaction((tenantId: string, caseId: string, tombstone: AuditRecord, outliving: OutboxMessage[]) => {
      checkErasure(tenantId, caseId, tombstone, outliving);
      if (statements.deleteCase.run(tenantId, caseId).changes === 0) return false;
      statements.deleteMembers.run(tenantId, caseId);
      statements.deleteOutboxOfCase.run(tenantId, caseId);
      for (const message of outliving) statements.insertOutbox.run(outboxColumns(message));
      statements.forgetSelectedCase.run(tenantId, caseId);
      statements.insertAudit.run(tombstone);
      return true;
    });

    this.saveOrganisationWithAudit = this.db.transaction((organisation: Organisation, expectedEtag: string | undefined, audit: AuditRecord[]) => {
      checkOrganisationAudit(organisation, audit);
      const etag = randomUUID();
      const doc = JSON.stringify(organisation);
      const { changes } =
        expectedEtag === undefined
          ? organisationStatements.insert.run(organisation.tenantId, etag, doc)
          : organisationStatements.update.run(etag, doc, organisation.tenantId, expectedEtag);
      if (changes === 0) throw new ConcurrencyConflict(organisationAuditId(organisation.tenantId));
      this.insertAudit(audit);
      return { organisation, etag };
    });

    this.saveCase = this.db.transaction((saved: Case, expectedEtag: string | undefined, effects: SaveEffects) => {
      checkEffects(saved, effects);
      const etag = randomUUID();
      const columns = caseColumns(saved, etag);
      const written =
        expectedEtag === undefined
          ? statements.insertCase.run(columns)
          : updated(statements.updateCaseDoc.run({ ...columns, expectedEtag })) ?? statements.updateCase.run({ ...columns, expectedEtag });
      // Throwing inside the transaction rolls it back: a stale save writes nothing.
      if (written.changes === 0) throw new ConcurrencyConflict(saved.id);
      // Most saves leave the team as it was: rewriting its index anyway would cost pages in every commit.
      const members = new Set(teamsUserIds(saved));
      const indexed = statements.listMembers.all(saved.tenantId, saved.id);
      if (indexed.length !== members.size || indexed.some((aadObjectId) => !members.has(aadObjectId))) {
        statements.deleteMembers.run(saved.tenantId, saved.id);
        for (const aadObjectId of members) statements.insertMember.run(saved.tenantId, saved.id, aadObjectId);
      }
      // Not through this.insertAudit: a transaction inside this one would be a savepoint, two more statements a save.
      for (const record of effects.audit) statements.insertAudit.run(record);
      for (const message of effects.outbox ?? []) statements.insertOutbox.run(outboxColumns(message));
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
    return this.statements.listCasesForUser
      .all(tenantId, aadObjectId)
      .map(({ caseId, reference, closedAt }) => ({ caseId, reference, ...(closedAt ? { closedAt } : {}) }));
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

  async claimDueOutbox(now: Date, owner: string, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    return this.claimOutbox(now.toISOString(), owner, new Date(now.getTime() + leaseMs).toISOString(), limit);
  }

  async settleOutbox(message: OutboxMessage, owner: string, outcome: OutboxOutcome): Promise<boolean> {
    if (outcome.status === 'forget') return this.statements.forgetOutbox.run({ id: message.id, tenantId: message.tenantId, owner }).changes === 1;
    const { changes } = this.statements.settleOutbox.run({
      id: message.id,
      tenantId: message.tenantId,
      owner,
      status: outcome.status,
      notBefore: outcome.status === 'pending' ? instant(outcome.notBefore) : null,
      sentAt: outcome.status === 'sent' ? instant(outcome.at) : null,
      lastError: outcome.status === 'sent' ? null : outcome.error,
    });
    return changes === 1;
  }

  async appendOutbox(messages: OutboxMessage[]): Promise<void> {
    this.appendOutboxMessages(messages);
  }

  async listOutbox(tenantId: string, caseId: string): Promise<OutboxMessage[]> {
    return this.statements.listOutbox.all(tenantId, caseId).map(toOutboxMessage);
  }

  async getTenantPacing(tenantId: string): Promise<StoredTenantPacing | undefined> {
    const row = this.statements.getTenantPacing.get(tenantId);
    return row && { pacing: JSON.parse(row.doc) as TenantPacing, etag: row.etag };
  }

  async putTenantPacing(pacing: TenantPacing, expectedEtag: string | undefined): Promise<string | undefined> {
    const etag = randomUUID();
    const doc = JSON.stringify(pacing);
    const { changes } =
      expectedEtag === undefined
        ? this.statements.insertTenantPacing.run(pacing.tenantId, etag, doc)
        : this.statements.updateTenantPacing.run(etag, doc, pacing.tenantId, expectedEtag);
    return changes === 1 ? etag : undefined;
  }

  async getUserState(tenantId: string, aadObjectId: string): Promise<UserState | undefined> {
    const row = this.statements.getUserState.get(tenantId, aadObjectId);
    return row && (JSON.parse(row.doc) as UserState);
  }

  async putUserState(state: UserState): Promise<void> {
    this.statements.putUserState.run(state.tenantId, state.aadObjectId, JSON.stringify(state));
  }

  async saveExportLink(link: ExportLink): Promise<void> {
    this.exportLinkStatements.insert.run({ ...link, expiresAt: instant(link.expiresAt) });
  }

  async takeExportLink(tokenHash: string, now: Date): Promise<ExportLink | undefined> {
    const row = this.exportLinkStatements.take.get(tokenHash);
    if (!row || row.expires_at <= now.toISOString()) return undefined;
    return { tokenHash: row.token_hash, tenantId: row.tenant_id, caseId: row.case_id, actorAadObjectId: row.actor, expiresAt: row.expires_at };
  }

  async deleteExpiredExportLinks(now: Date): Promise<void> {
    this.exportLinkStatements.deleteExpired.run(now.toISOString());
  }

  async eraseCase(tenantId: string, caseId: string, tombstone: AuditRecord, outliving: OutboxMessage[] = []): Promise<boolean> {
    const erased = this.eraseInOneTransaction(tenantId, caseId, tombstone, outliving);
    // The log still holds the pages as they were before; copying it into the file and truncating it
    // leaves the erased bytes nowhere (a reader holding an old snapshot can delay this until the next erase).
    if (erased && this.path !== IN_MEMORY) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  }

  async listCasesClosedBefore(before: Date, limit: number): Promise<ClosedCase[]> {
    if (limit <= 0) return [];
    return this.statements.casesClosedBefore.all({ before: before.toISOString(), limit });
  }

  async getOrganisation(tenantId: string): Promise<StoredOrganisation | undefined> {
    const row = this.organisationStatements.get.get(tenantId);
    return row && { organisation: JSON.parse(row.doc) as Organisation, etag: row.etag };
  }

  async saveOrganisation(organisation: Organisation, expectedEtag: string | undefined, audit: AuditRecord[]): Promise<StoredOrganisation> {
    return this.saveOrganisationWithAudit(organisation, expectedEtag, audit);
  }

  async listUnitCases(tenantId: string, unitId: string, withUnassigned: boolean): Promise<Case[]> {
    const docs = [...this.organisationStatements.unitCases.all(tenantId, unitId), ...(withUnassigned ? this.organisationStatements.unassignedCases.all(tenantId) : [])];
    return docs.map((doc) => JSON.parse(doc) as Case);
  }

  async listCaseIdsByReference(tenantId: string, reference: string): Promise<string[]> {
    return this.organisationStatements.casesByReference.all(tenantId, reference);
  }

  /** One page: the embedded store reads the unit's cases from a local file, at no cost per query. */
  async *unitCasePages(tenantId: string, unitId: string, withUnassigned: boolean): AsyncIterable<Case[]> {
    const cases = await this.listUnitCases(tenantId, unitId, withUnassigned);
    if (cases.length > 0) yield cases;
  }

  async *openCasePages(): AsyncIterable<Case[]> {
    let after = { tenantId: '', id: '' };
    for (;;) {
      const rows = this.statements.openCasesAfter.all({ ...after, limit: OPEN_CASES_PAGE });
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.doc) as Case);
      const last = rows.at(-1)!;
      after = { tenantId: last.tenantId, id: last.id };
    }
  }

  async listOrganisations(): Promise<Organisation[]> {
    return this.organisationStatements.all.all().map((doc) => JSON.parse(doc) as Organisation);
  }

  async getFrozenReport(tenantId: string, unitId: string, periodId: string): Promise<FrozenReport | undefined> {
    const doc = this.organisationStatements.frozenReport.get(tenantId, unitId, periodId);
    return doc === undefined ? undefined : (JSON.parse(doc) as FrozenReport);
  }

  /** Insert-if-absent, then read: what is stored is the first writer's (another connection's, perhaps). */
  async freezeReport(report: FrozenReport): Promise<FrozenReport> {
    this.organisationStatements.freezeReport.run(report.tenantId, report.unitId, report.periodId, JSON.stringify(report));
    const stored = await this.getFrozenReport(report.tenantId, report.unitId, report.periodId);
    if (!stored) throw new Error(`the frozen report of ${report.tenantId} ${report.unitId} ${report.periodId} was not stored`);
    return stored;
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
