// The Azure Cosmos DB adapter, for many municipalities and many bot instances sharing one account.
// Containers, partition keys and indexes, and what the test server cannot show: bot/store/README.md.
import type { Agent } from 'node:https';
import {
  type Container,
  type IndexingPolicy,
  type JSONObject,
  type OperationInput,
  CosmosClient,
} from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { type Case, teamsUserIds } from '../domain/case';
import type { Organisation } from '../domain/organisation';
import type { FrozenReport } from '../domain/statistics/frozenReport';
import type { AuditRecord, CaseStore, CaseSummary, ClosedCase, ExportLink, OutboxMessage, OutboxOutcome, SaveEffects, StoredCase, StoredOrganisation, StoredTenantPacing, TenantPacing, UserState } from './port';
import { ConcurrencyConflict, MAX_AUDIT_PER_SAVE, checkErasure, checkOrganisationAudit, organisationAuditId, outboxContentOf } from './port';

export type CosmosStoreOptions = {
  endpoint: string;
  databaseId: string;
  /** Only for a test server with a self-signed certificate; production uses Node's default agent. */
  agent?: Agent;
} & ({ key: string } | { credential: TokenCredential });

/** A case and its audit records share the partition `/caseId`, so one transactional batch writes both. */
interface CaseDocument {
  id: string;
  caseId: string;
  type: 'case';
  tenantId: string;
  homeConversationId?: string;
  memberAadObjectIds: string[];
  /** Set once the case is closed: what the retention job looks for. */
  closedAt?: string;
  /** The case's unit: what a leader's figures are read by. */
  unitId?: string;
  /** The case's reference: what an administrator names a case by (listCaseIdsByReference). */
  reference: string;
  data: Case;
}

/**
 * A tenant's units and leaders, in a partition of its own (`organisationAuditId`) in `cases`, so that
 * one transactional batch writes it with the audit records of its change.
 */
interface OrganisationDocument {
  id: string;
  caseId: string;
  type: 'organisation';
  tenantId: string;
  data: Organisation;
}

/**
 * A leader's report of an ended half-year as first computed (bot/store/README.md, "Leaders' figures"),
 * in the partition of its tenant's organisation: one point read serves it, and it is created once (409:
 * another instance froze it first) and never replaced.
 */
interface FrozenReportDocument {
  id: string;
  caseId: string;
  type: 'frozenReport';
  tenantId: string;
  data: FrozenReport;
}

const frozenReportId = (unitId: string, periodId: string) => `report|${unitId}|${periodId}`;

/** Case documents a page of a unit's cases holds: about 50 KB each for a case followed five years, so about 2.5 MB a page. */
const UNIT_CASES_PAGE = 50;

type AuditDocument = AuditRecord & { type: 'audit' };

/**
 * An outbox message lives in its case's partition, so the save that causes it writes it in the same
 * batch. A message under no claim has no `leaseOwner`/`leaseUntil` at all (not null): the claim query
 * tests `NOT IS_DEFINED(c.leaseUntil)`.
 */
type OutboxDocument = OutboxMessage & { type: 'outbox' };

/**
 * The messages of one save that do not fit its transactional batch one document each, packed (in
 * the case's partition, written in the same batch). The claim query finds it like a message (type,
 * status, notBefore: its earliest message's); `claimDueOutbox` expands it into one document per
 * message, by the messages' own ids, and deletes it. Ids only, like the messages it holds.
 */
interface FanOutDocument {
  id: string;
  caseId: string;
  tenantId: string;
  type: 'outbox';
  kind: 'fanOut';
  status: 'pending';
  notBefore: string;
  leaseOwner?: string;
  leaseUntil?: string;
  messages: OutboxMessage[];
}

const isFanOut = (document: OutboxDocument | FanOutDocument): document is FanOutDocument => document.kind === 'fanOut';

/** What a query or read gives back besides the document: the etag guards the next write. */
type Read<T> = T & { _etag: string };

interface UserDocument {
  id: string;
  userKey: string;
  tenantId: string;
  data: UserState;
}

/**
 * A tenant's shared pacing, in `users` (point reads and etag-conditioned writes by key, no index):
 * its key cannot be a user's, whose keys are `${tenantId}:${aadObjectId}`.
 */
interface TenantPacingDocument {
  id: string;
  userKey: string;
  tenantId: string;
  type: 'tenantPacing';
  data: TenantPacing;
}

const tenantPacingKey = (tenantId: string) => `pacing|${tenantId}`;

const CASES_CONTAINER = 'cases';
const USERS_CONTAINER = 'users';

// Only the fields queries filter or sort on are indexed: the case body is large, never queried, and
// every indexed path adds to the cost of each write.
const CASES_INDEXING: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [
    '/type/?',
    '/tenantId/?',
    '/caseId/?',
    '/homeConversationId/?',
    '/memberAadObjectIds/[]/?',
    '/at/?',
    '/status/?',
    '/notBefore/?',
    '/leaseUntil/?',
    '/closedAt/?',
    '/unitId/?',
    '/reference/?',
  ].map((path) => ({ path })),
  excludedPaths: [{ path: '/*' }],
  // The claim query: equality on type and status, a range and the order on notBefore. With the
  // equality paths also in its ORDER BY, Cosmos serves filter and order from this one index.
  compositeIndexes: [
    [
      { path: '/type', order: 'ascending' },
      { path: '/status', order: 'ascending' },
      { path: '/notBefore', order: 'ascending' },
    ],
  ],
};

/**
 * Due, pending and under no live lease. Ordering by the equality fields as well as `notBefore` lets
 * the composite index above serve both the filter and the order; the result is in `notBefore` order.
 */
const DUE_OUTBOX_QUERY = `SELECT * FROM c
  WHERE c.type = 'outbox' AND c.status = 'pending' AND c.notBefore <= @now
    AND (NOT IS_DEFINED(c.leaseUntil) OR c.leaseUntil <= @now)
  ORDER BY c.type, c.status, c.notBefore`;

/** User state is only ever read and written by its key. */
const USERS_INDEXING: IndexingPolicy = { indexingMode: 'none', automatic: false };

/**
 * An export link in its own partition under its token's hash: created, read and deleted by key. Only
 * `expiresAt` is indexed (the clean-up query); `ttl` makes Cosmos delete a link a day after it was
 * written even if no instance cleans up (a link is valid for minutes, so this never cuts one short).
 */
type ExportLinkDocument = ExportLink & { id: string; ttl: number };

const EXPORT_LINKS_CONTAINER = 'exportLinks';
const EXPORT_LINK_TTL_SECONDS = 24 * 60 * 60;
const EXPORT_LINKS_INDEXING: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [{ path: '/expiresAt/?' }],
  excludedPaths: [{ path: '/*' }],
};

const toExportLink = (document: ExportLink): ExportLink => ({
  tokenHash: document.tokenHash,
  tenantId: document.tenantId,
  caseId: document.caseId,
  actorAadObjectId: document.actorAadObjectId,
  expiresAt: document.expiresAt,
});

/** A transactional batch holds at most this many operations (the SDK refuses more). */
const MAX_BATCH_OPERATIONS = 100;
/** Messages per fan-out document: about 400 bytes each, so a document stays near 80 KB. */
const FAN_OUT_SIZE = 200;

const STATUS = { notFound: 404, conflict: 409, preconditionFailed: 412, failedDependency: 424 } as const;

/** How many times a settle re-reads after losing an etag race before it gives up. */
const SETTLE_ATTEMPTS = 3;

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : undefined;

/** Instants are kept as `toISOString()` writes them, so that comparing the text compares the time. */
const instant = (iso: string): string => new Date(iso).toISOString();

/** The message only: the type tag and Cosmos' system properties stay behind. */
const toOutboxMessage = (document: OutboxDocument): OutboxMessage => ({
  id: document.id,
  tenantId: document.tenantId,
  caseId: document.caseId,
  ...outboxContentOf(document),
  to: document.to,
  serviceUrl: document.serviceUrl,
  notBefore: document.notBefore,
  status: document.status,
  attempts: document.attempts,
  ...(document.leaseOwner !== undefined && { leaseOwner: document.leaseOwner }),
  ...(document.leaseUntil !== undefined && { leaseUntil: document.leaseUntil }),
  ...(document.sentAt !== undefined && { sentAt: document.sentAt }),
  ...(document.lastError !== undefined && { lastError: document.lastError }),
});

const toOutboxDocument = (message: OutboxMessage): OutboxDocument => ({
  ...toOutboxMessage({ ...message, type: 'outbox' }),
  notBefore: instant(message.notBefore),
  ...(message.leaseUntil !== undefined && { leaseUntil: instant(message.leaseUntil) }),
  ...(message.sentAt !== undefined && { sentAt: instant(message.sentAt) }),
  type: 'outbox',
});

/** The document after `outcome`: one more attempt, and no claim left on it. */
function settledDocument(current: OutboxDocument, outcome: Exclude<OutboxOutcome, { status: 'forget' }>): OutboxDocument {
  const { leaseOwner: _owner, leaseUntil: _until, ...rest } = toOutboxDocument(current);
  const attempts = current.attempts + 1;
  switch (outcome.status) {
    case 'sent':
      return { ...rest, status: 'sent', attempts, sentAt: instant(outcome.at) };
    case 'pending':
      return { ...rest, status: 'pending', attempts, notBefore: instant(outcome.notBefore), lastError: outcome.error };
    case 'failed':
      return { ...rest, status: 'failed', attempts, lastError: outcome.error };
  }
}

/**
 * A save's messages as documents: one each when they fit the `room` the batch has left, else packed
 * into fan-out documents of `FAN_OUT_SIZE`, named after their first message (ids are unique).
 */
function outboxDocuments(outbox: OutboxMessage[], room: number): (OutboxDocument | FanOutDocument)[] {
  if (outbox.length <= room) return outbox.map(toOutboxDocument);
  const packs: FanOutDocument[] = [];
  for (let start = 0; start < outbox.length; start += FAN_OUT_SIZE) {
    const messages = outbox.slice(start, start + FAN_OUT_SIZE).map((message) => toOutboxMessage({ ...toOutboxDocument(message) }));
    packs.push({
      id: `fanout-${messages[0]!.id}`,
      caseId: messages[0]!.caseId,
      tenantId: messages[0]!.tenantId,
      type: 'outbox',
      kind: 'fanOut',
      status: 'pending',
      notBefore: messages.map((message) => message.notBefore).reduce((earliest, at) => (at < earliest ? at : earliest)),
      messages,
    });
  }
  return packs;
}

const userKey = (tenantId: string, aadObjectId: string) => `${tenantId}:${aadObjectId}`;

const toCaseDocument = (saved: Case): CaseDocument => ({
  id: saved.id,
  caseId: saved.id,
  type: 'case',
  tenantId: saved.tenantId,
  homeConversationId: saved.home?.conversationId,
  memberAadObjectIds: teamsUserIds(saved),
  ...(saved.closedAt !== undefined && { closedAt: saved.closedAt }),
  ...(saved.unitId !== undefined && { unitId: saved.unitId }),
  reference: saved.reference,
  data: saved,
});

/** The domain object only: Cosmos' system properties (_rid, _ts, ...) stay behind. */
const toStoredCase = (document: { data: Case; _etag: string }): StoredCase => ({ case: document.data, etag: document._etag });

/** Documents are plain JSON; the SDK's batch input type only wants an index signature. */
const asJson = (document: CaseDocument | AuditDocument | OutboxDocument | FanOutDocument | OrganisationDocument) => document as unknown as JSONObject;

export class CosmosCaseStore implements CaseStore {
  private constructor(
    private readonly client: CosmosClient,
    private readonly cases: Container,
    private readonly users: Container,
    private readonly exportLinks: Container,
  ) {}

  /** Creates the database and containers when missing; with Entra ID auth they must exist already. */
  static async open(options: CosmosStoreOptions): Promise<CosmosCaseStore> {
    const client = new CosmosClient({
      endpoint: options.endpoint,
      agent: options.agent,
      ...('key' in options ? { key: options.key } : { aadCredentials: options.credential }),
    });
    const { database } = await client.databases.createIfNotExists({ id: options.databaseId });
    const { container: cases } = await database.containers.createIfNotExists({
      id: CASES_CONTAINER,
      partitionKey: { paths: ['/caseId'] },
      indexingPolicy: CASES_INDEXING,
    });
    const { container: users } = await database.containers.createIfNotExists({
      id: USERS_CONTAINER,
      partitionKey: { paths: ['/userKey'] },
      indexingPolicy: USERS_INDEXING,
    });
    const { container: exportLinks } = await database.containers.createIfNotExists({
      id: EXPORT_LINKS_CONTAINER,
      partitionKey: { paths: ['/id'] },
      indexingPolicy: EXPORT_LINKS_INDEXING,
      defaultTtl: -1,
    });
    return new CosmosCaseStore(client, cases, users, exportLinks);
  }

  async getCase(tenantId: string, caseId: string): Promise<StoredCase | undefined> {
    const { resource } = await this.cases.item(caseId, caseId).read<CaseDocument>();
    return resource?.type === 'case' && resource.tenantId === tenantId ? toStoredCase(resource) : undefined;
  }

  async findCaseByConversation(tenantId: string, conversationId: string): Promise<StoredCase | undefined> {
    const [found] = await this.query<{ data: Case; _etag: string }>(
      "SELECT c.data, c._etag FROM c WHERE c.type = 'case' AND c.tenantId = @tenantId AND c.homeConversationId = @conversationId",
      { tenantId, conversationId },
    );
    return found && toStoredCase(found);
  }

  async listCasesForUser(tenantId: string, aadObjectId: string): Promise<CaseSummary[]> {
    return this.query<CaseSummary>(
      `SELECT c.caseId, c.data.reference, c.closedAt FROM c
       WHERE c.type = 'case' AND c.tenantId = @tenantId AND ARRAY_CONTAINS(c.memberAadObjectIds, @aadObjectId)`,
      { tenantId, aadObjectId },
    );
  }

  async createCase(created: Case, effects: SaveEffects): Promise<StoredCase> {
    const operation: OperationInput = {
      operationType: 'Create',
      partitionKey: created.id,
      resourceBody: asJson(toCaseDocument(created)),
    };
    return this.saveWithAudit(created, operation, effects, [STATUS.conflict]);
  }

  async replaceCase(changed: Case, expectedEtag: string, effects: SaveEffects): Promise<StoredCase> {
    const operation: OperationInput = {
      operationType: 'Replace',
      id: changed.id,
      partitionKey: changed.id,
      ifMatch: expectedEtag,
      resourceBody: asJson(toCaseDocument(changed)),
    };
    // A case deleted since it was read is as stale as one changed since.
    return this.saveWithAudit(changed, operation, effects, [STATUS.preconditionFailed, STATUS.notFound]);
  }

  async appendAudit(records: AuditRecord[]): Promise<void> {
    await Promise.all(records.map((record) => this.cases.items.create<AuditDocument>({ ...record, type: 'audit' })));
  }

  async listAudit(tenantId: string, caseId: string): Promise<AuditRecord[]> {
    return this.query<AuditRecord>(
      `SELECT c.id, c.tenantId, c.caseId, c.actorAadObjectId, c.action, c.outcome, c.at FROM c
       WHERE c.type = 'audit' AND c.caseId = @caseId AND c.tenantId = @tenantId ORDER BY c.at`,
      { caseId, tenantId },
      caseId,
    );
  }

  /**
   * Reads due candidates page by page and leases each with a replace under `IfMatch` its etag. A
   * 412 means another dispatcher leased (or settled) it first: skipped. Pages stop once `limit` are
   * held, so the cost follows what is claimed, not what is stored.
   */
  async claimDueOutbox(now: Date, owner: string, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed: OutboxMessage[] = [];
    // A fan-out found on the way is expanded; its due messages are then read by the query run again.
    for (let expanded = true; expanded && claimed.length < limit; ) {
      expanded = false;
      const candidates = this.cases.items.query<Read<OutboxDocument | FanOutDocument>>(
        { query: DUE_OUTBOX_QUERY, parameters: [{ name: '@now', value: now.toISOString() }] },
        { maxItemCount: limit },
      );
      while (claimed.length < limit && candidates.hasMoreResults()) {
        const { resources: page = [] } = await candidates.fetchNext();
        for (const fanOut of page.filter((candidate): candidate is Read<FanOutDocument> => isFanOut(candidate))) expanded = (await this.expandFanOut(fanOut, owner, leaseUntil)) || expanded;
        const messages = page.filter((candidate): candidate is Read<OutboxDocument> => !isFanOut(candidate));
        for (let next = 0; next < messages.length && claimed.length < limit; ) {
          // As many at once as are still wanted, so a page never claims more than `limit`.
          const tries = messages.slice(next, next + limit - claimed.length);
          next += tries.length;
          const won = await Promise.all(tries.map((candidate) => this.lease(candidate, owner, leaseUntil)));
          claimed.push(...won.filter((message) => message !== undefined));
        }
      }
    }
    return claimed;
  }

  /**
   * Leases the fan-out (so that two dispatchers do not both expand it), writes each of its messages
   * as a document of its own (a message there already, from an expansion cut short by a crash, stays
   * as it is: nothing is sent twice), then deletes it. False when another dispatcher holds it.
   */
  private async expandFanOut(fanOut: Read<FanOutDocument>, owner: string, leaseUntil: string): Promise<boolean> {
    const item = this.cases.item(fanOut.id, fanOut.caseId);
    let etag: string | undefined;
    try {
      const { id, caseId, tenantId, type, kind, status, notBefore, messages } = fanOut;
      const leased: FanOutDocument = { id, caseId, tenantId, type, kind, status, notBefore, messages, leaseOwner: owner, leaseUntil };
      ({ etag } = await item.replace(leased, { accessCondition: { type: 'IfMatch', condition: fanOut._etag } }));
    } catch (error) {
      const status = statusOf(error);
      if (status === STATUS.preconditionFailed || status === STATUS.notFound) return false;
      throw error;
    }
    await this.appendOutbox(fanOut.messages);
    try {
      await item.delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (error) {
      // Taken over after this lease ran out: the other dispatcher deletes it.
      const status = statusOf(error);
      if (status !== STATUS.preconditionFailed && status !== STATUS.notFound) throw error;
    }
    return true;
  }

  /** Read, check the claim, replace under `IfMatch`: a claim taken over in between refuses the settle. */
  async settleOutbox(message: OutboxMessage, owner: string, outcome: OutboxOutcome): Promise<boolean> {
    const item = this.cases.item(message.id, message.caseId);
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      const { resource: current } = await item.read<Read<OutboxDocument>>();
      if (
        current?.type !== 'outbox' ||
        current.tenantId !== message.tenantId ||
        current.status !== 'pending' ||
        current.leaseOwner !== owner
      ) {
        return false;
      }
      try {
        const unchanged = { accessCondition: { type: 'IfMatch', condition: current._etag } };
        if (outcome.status === 'forget') await item.delete(unchanged);
        else await item.replace(settledDocument(current, outcome), unchanged);
        return true;
      } catch (error) {
        if (statusOf(error) !== STATUS.preconditionFailed) throw error;
      }
    }
    return false;
  }

  /** Each message is its own write (they may be of different cases); one already there stays as it is. */
  async appendOutbox(messages: OutboxMessage[]): Promise<void> {
    await Promise.all(
      messages.map(async (message) => {
        try {
          await this.cases.items.create(toOutboxDocument(message));
        } catch (error) {
          if (statusOf(error) !== STATUS.conflict) throw error;
        }
      }),
    );
  }

  /** With the messages of fan-outs not yet expanded; a message expanded already is listed as its own document says. */
  async listOutbox(tenantId: string, caseId: string): Promise<OutboxMessage[]> {
    const documents = await this.query<OutboxDocument | FanOutDocument>(
      "SELECT * FROM c WHERE c.type = 'outbox' AND c.caseId = @caseId AND c.tenantId = @tenantId ORDER BY c.notBefore",
      { caseId, tenantId },
      caseId,
    );
    const own = documents.filter((document): document is OutboxDocument => !isFanOut(document)).map(toOutboxMessage);
    const listed = new Set(own.map((message) => message.id));
    const packed = documents.filter(isFanOut).flatMap((fanOut) => fanOut.messages.filter((message) => !listed.has(message.id)));
    // A stable sort: messages at one instant stay in the order they were written.
    return [...own, ...packed].sort((a, b) => (a.notBefore < b.notBefore ? -1 : a.notBefore > b.notBefore ? 1 : 0));
  }

  async getTenantPacing(tenantId: string): Promise<StoredTenantPacing | undefined> {
    const key = tenantPacingKey(tenantId);
    const { resource } = await this.users.item(key, key).read<Read<TenantPacingDocument>>();
    return resource?.type === 'tenantPacing' && resource.tenantId === tenantId ? { pacing: resource.data, etag: resource._etag } : undefined;
  }

  /** Create (409: another instance created it first) or Replace under `IfMatch` (412: wrote first). */
  async putTenantPacing(pacing: TenantPacing, expectedEtag: string | undefined): Promise<string | undefined> {
    const key = tenantPacingKey(pacing.tenantId);
    const document: TenantPacingDocument = { id: key, userKey: key, tenantId: pacing.tenantId, type: 'tenantPacing', data: pacing };
    try {
      const { etag } =
        expectedEtag === undefined
          ? await this.users.items.create(document)
          : await this.users.item(key, key).replace(document, { accessCondition: { type: 'IfMatch', condition: expectedEtag } });
      return etag;
    } catch (error) {
      const status = statusOf(error);
      if (status === STATUS.conflict || status === STATUS.preconditionFailed || status === STATUS.notFound) return undefined;
      throw error;
    }
  }

  async getUserState(tenantId: string, aadObjectId: string): Promise<UserState | undefined> {
    const key = userKey(tenantId, aadObjectId);
    const { resource } = await this.users.item(key, key).read<UserDocument>();
    return resource?.data;
  }

  async putUserState(state: UserState): Promise<void> {
    const key = userKey(state.tenantId, state.aadObjectId);
    await this.users.items.upsert<UserDocument>({ id: key, userKey: key, tenantId: state.tenantId, data: state });
  }

  async saveExportLink(link: ExportLink): Promise<void> {
    const document: ExportLinkDocument = { ...toExportLink(link), expiresAt: instant(link.expiresAt), id: link.tokenHash, ttl: EXPORT_LINK_TTL_SECONDS };
    await this.exportLinks.items.create(document);
  }

  /** Read, then delete: a delete succeeds once, so of instances racing for the link one gets it (the others 404). */
  async takeExportLink(tokenHash: string, now: Date): Promise<ExportLink | undefined> {
    const item = this.exportLinks.item(tokenHash, tokenHash);
    const { resource } = await item.read<ExportLinkDocument>();
    if (!resource) return undefined;
    try {
      await item.delete();
    } catch (error) {
      if (statusOf(error) === STATUS.notFound) return undefined;
      throw error;
    }
    return resource.expiresAt > now.toISOString() ? toExportLink(resource) : undefined;
  }

  async deleteExpiredExportLinks(now: Date): Promise<void> {
    const { resources } = await this.exportLinks.items
      .query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.expiresAt <= @now', parameters: [{ name: '@now', value: now.toISOString() }] })
      .fetchAll();
    for (const { id } of resources) {
      try {
        await this.exportLinks.item(id, id).delete();
      } catch (error) {
        // Taken, or cleaned up by another instance, meanwhile.
        if (statusOf(error) !== STATUS.notFound) throw error;
      }
    }
  }

  /**
   * Deletes every document of the case's partition but the audit records (the outbox first, then the
   * case with the tombstone in one batch, then whatever a save racing the erase added), and takes the
   * case out of every user's state. Running it again after a failure finishes the job.
   */
  async eraseCase(tenantId: string, caseId: string, tombstone: AuditRecord, outliving: OutboxMessage[] = []): Promise<boolean> {
    checkErasure(tenantId, caseId, tombstone, outliving);
    // The case's Delete and the tombstone's Create share the batch's 100 operations with the messages.
    if (outliving.length > 98) throw new Error(`erasing case ${caseId}: ${outliving.length} outliving messages do not fit one batch`);
    const { resource } = await this.cases.item(caseId, caseId).read<CaseDocument>();
    if (resource?.type !== 'case' || resource.tenantId !== tenantId) return false;
    await this.deleteAllButAudit(tenantId, caseId, 'case');
    const { result = [] } = await this.cases.items.batch(
      [
        { operationType: 'Delete', id: caseId, partitionKey: caseId },
        { operationType: 'Create', partitionKey: caseId, resourceBody: asJson({ ...tombstone, type: 'audit' }) },
        ...outliving.map((message): OperationInput => ({ operationType: 'Create', partitionKey: caseId, resourceBody: asJson(toOutboxDocument(message)) })),
      ],
      caseId,
    );
    const failure = result.find((operation) => operation.statusCode >= 400 && operation.statusCode !== STATUS.failedDependency);
    // Another erase got there first: the case is gone and its tombstone written.
    if (failure === result[0] && failure?.statusCode === STATUS.notFound) return false;
    if (failure) throw new Error(`erasing case ${caseId} failed with status ${failure.statusCode}`);
    await this.deleteAllButAudit(tenantId, caseId, undefined, new Set(outliving.map((message) => message.id)));
    await this.forgetSelectedCase(tenantId, caseId);
    return true;
  }

  /** Closed cases of every tenant (a fan-out query on the indexed `closedAt`). */
  async listCasesClosedBefore(before: Date, limit: number): Promise<ClosedCase[]> {
    if (limit <= 0) return [];
    const found = this.cases.items.query<ClosedCase>(
      {
        query: "SELECT c.tenantId, c.caseId, c.closedAt FROM c WHERE c.type = 'case' AND IS_DEFINED(c.closedAt) AND c.closedAt <= @before",
        parameters: [{ name: '@before', value: before.toISOString() }],
      },
      { maxItemCount: limit },
    );
    const closed: ClosedCase[] = [];
    while (closed.length < limit && found.hasMoreResults()) {
      const { resources = [] } = await found.fetchNext();
      closed.push(...resources.slice(0, limit - closed.length));
    }
    return closed;
  }

  async getOrganisation(tenantId: string): Promise<StoredOrganisation | undefined> {
    const key = organisationAuditId(tenantId);
    const { resource } = await this.cases.item(key, key).read<Read<OrganisationDocument>>();
    return resource?.type === 'organisation' && resource.tenantId === tenantId ? { organisation: resource.data, etag: resource._etag } : undefined;
  }

  /** Create (409: another instance created it first) or Replace under `IfMatch` (412), with the audit records, in one batch. */
  async saveOrganisation(organisation: Organisation, expectedEtag: string | undefined, audit: AuditRecord[]): Promise<StoredOrganisation> {
    checkOrganisationAudit(organisation, audit);
    const key = organisationAuditId(organisation.tenantId);
    const document: OrganisationDocument = { id: key, caseId: key, type: 'organisation', tenantId: organisation.tenantId, data: organisation };
    const operations: OperationInput[] = [
      expectedEtag === undefined
        ? { operationType: 'Create', partitionKey: key, resourceBody: asJson(document) }
        : { operationType: 'Replace', id: key, partitionKey: key, ifMatch: expectedEtag, resourceBody: asJson(document) },
      ...audit.map((record): OperationInput => ({ operationType: 'Create', partitionKey: key, resourceBody: asJson({ ...record, type: 'audit' }) })),
    ];
    const { result = [] } = await this.cases.items.batch(operations, key);
    const failure = result.find((operation) => operation.statusCode >= 400 && operation.statusCode !== STATUS.failedDependency);
    if (failure && failure === result[0] && [STATUS.conflict, STATUS.preconditionFailed, STATUS.notFound].includes(failure.statusCode as 409)) throw new ConcurrencyConflict(key);
    if (failure) throw new Error(`saving the organisation of ${organisation.tenantId} failed with status ${failure.statusCode}`);
    const etag = result[0]?.eTag;
    if (!etag) throw new Error(`saving the organisation of ${organisation.tenantId} returned no etag`);
    return { organisation, etag };
  }

  /**
   * A cross-partition query on the indexed tenantId and unitId: it reads each of the unit's case
   * documents whole (bot/store/README.md, "Leaders' figures"). Leaders' reports use `unitCasePages`.
   */
  async listUnitCases(tenantId: string, unitId: string, withUnassigned: boolean): Promise<Case[]> {
    const own = await this.query<{ data: Case }>("SELECT c.data FROM c WHERE c.type = 'case' AND c.tenantId = @tenantId AND c.unitId = @unitId", { tenantId, unitId });
    const unassigned = withUnassigned
      ? await this.query<{ data: Case }>("SELECT c.data FROM c WHERE c.type = 'case' AND c.tenantId = @tenantId AND NOT IS_DEFINED(c.unitId)", { tenantId })
      : [];
    return [...own, ...unassigned].map((document) => document.data);
  }

  /** A cross-partition query on the indexed tenantId and reference (a case saved before `reference` was copied up is not found: README, Provisioning). */
  async listCaseIdsByReference(tenantId: string, reference: string): Promise<string[]> {
    const found = await this.query<{ caseId: string }>("SELECT c.caseId FROM c WHERE c.type = 'case' AND c.tenantId = @tenantId AND c.reference = @reference", { tenantId, reference });
    return found.map((document) => document.caseId);
  }

  /** The same queries as `listUnitCases`, fetched `UNIT_CASES_PAGE` documents at a time by the SDK's continuation. */
  async *unitCasePages(tenantId: string, unitId: string, withUnassigned: boolean): AsyncIterable<Case[]> {
    yield* this.pagesOf("SELECT c.data FROM c WHERE c.type = 'case' AND c.tenantId = @tenantId AND c.unitId = @unitId", { tenantId, unitId });
    if (withUnassigned) yield* this.pagesOf("SELECT c.data FROM c WHERE c.type = 'case' AND c.tenantId = @tenantId AND NOT IS_DEFINED(c.unitId)", { tenantId });
  }

  /** A fan-out query on the indexed type and `closedAt`. */
  async *openCasePages(): AsyncIterable<Case[]> {
    yield* this.pagesOf("SELECT c.data FROM c WHERE c.type = 'case' AND NOT IS_DEFINED(c.closedAt)", {});
  }

  /** A fan-out query on the indexed type: one small document per tenant. */
  async listOrganisations(): Promise<Organisation[]> {
    const found = await this.query<{ data: Organisation }>("SELECT c.data FROM c WHERE c.type = 'organisation'", {});
    return found.map((document) => document.data);
  }

  async getFrozenReport(tenantId: string, unitId: string, periodId: string): Promise<FrozenReport | undefined> {
    const key = organisationAuditId(tenantId);
    const { resource } = await this.cases.item(frozenReportId(unitId, periodId), key).read<FrozenReportDocument>();
    return resource?.type === 'frozenReport' && resource.tenantId === tenantId ? resource.data : undefined;
  }

  /** Create; a 409 means another instance froze it first, and its copy is read and given back. */
  async freezeReport(report: FrozenReport): Promise<FrozenReport> {
    const key = organisationAuditId(report.tenantId);
    const document: FrozenReportDocument = { id: frozenReportId(report.unitId, report.periodId), caseId: key, type: 'frozenReport', tenantId: report.tenantId, data: report };
    try {
      await this.cases.items.create(document);
      return report;
    } catch (error) {
      if (statusOf(error) !== STATUS.conflict) throw error;
    }
    const stored = await this.getFrozenReport(report.tenantId, report.unitId, report.periodId);
    if (!stored) throw new Error(`the frozen report of ${report.tenantId} ${report.unitId} ${report.periodId} conflicted but cannot be read`);
    return stored;
  }

  async ping(): Promise<void> {
    await this.cases.read();
  }

  async close(): Promise<void> {
    this.client.dispose();
  }

  /** Deletes the partition's documents other than audit records (and `keep`, and the documents `keptIds` names), by query on the caseId. */
  private async deleteAllButAudit(tenantId: string, caseId: string, keep?: 'case', keptIds: ReadonlySet<string> = new Set()): Promise<void> {
    const documents = await this.query<{ id: string }>(
      'SELECT c.id FROM c WHERE c.caseId = @caseId AND c.tenantId = @tenantId AND c.type != @audit AND c.type != @keep',
      { caseId, tenantId, audit: 'audit', keep: keep ?? 'audit' },
      caseId,
    );
    for (const { id } of documents) {
      if (keptIds.has(id)) continue;
      try {
        await this.cases.item(id, caseId).delete();
      } catch (error) {
        if (statusOf(error) !== STATUS.notFound) throw error;
      }
    }
  }

  /**
   * Users who picked the case in their 1:1 chat keep their state without that pick. The users
   * container is not indexed (it is read by key), so this query scans it: erasing is rare.
   */
  private async forgetSelectedCase(tenantId: string, caseId: string): Promise<void> {
    const { resources } = await this.users.items
      .query<Read<UserDocument>>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.data.selectedCaseId = @caseId',
          parameters: [
            { name: '@tenantId', value: tenantId },
            { name: '@caseId', value: caseId },
          ],
        },
        { enableScanInQuery: true },
      )
      .fetchAll();
    for (const found of resources) {
      const { selectedCaseId: _erased, ...data } = found.data;
      const document: UserDocument = { id: found.id, userKey: found.userKey, tenantId: found.tenantId, data };
      try {
        await this.users.item(found.id, found.userKey).replace(document, { accessCondition: { type: 'IfMatch', condition: found._etag } });
      } catch (error) {
        // The user changed their state meanwhile (picked another case, most likely): theirs stands.
        if (statusOf(error) !== STATUS.preconditionFailed && statusOf(error) !== STATUS.notFound) throw error;
      }
    }
  }

  /** Leases one candidate; undefined when another dispatcher changed it since it was read. */
  private async lease(candidate: Read<OutboxDocument>, owner: string, leaseUntil: string): Promise<OutboxMessage | undefined> {
    const leased: OutboxDocument = { ...toOutboxDocument(candidate), leaseOwner: owner, leaseUntil };
    try {
      await this.cases
        .item(candidate.id, candidate.caseId)
        .replace(leased, { accessCondition: { type: 'IfMatch', condition: candidate._etag } });
      return toOutboxMessage(leased);
    } catch (error) {
      const status = statusOf(error);
      if (status === STATUS.preconditionFailed || status === STATUS.notFound) return undefined;
      throw error;
    }
  }

  /**
   * The case operation goes first in one transactional batch with the audit records and outbox
   * messages. Cosmos runs a batch all or nothing; the test server stops at the first failure, so a
   * stale case write there also writes no audit record or message.
   */
  private async saveWithAudit(
    saved: Case,
    caseOperation: OperationInput,
    effects: SaveEffects,
    conflictStatuses: readonly number[],
  ): Promise<StoredCase> {
    const outbox = effects.outbox ?? [];
    if (effects.audit.length > MAX_AUDIT_PER_SAVE) throw new Error(`a save holds at most ${MAX_AUDIT_PER_SAVE} audit records`);
    // A batch holds one partition: records and messages of another case cannot ride along.
    const foreign = effects.audit.find((record) => record.caseId !== saved.id);
    if (foreign) throw new Error(`audit record ${foreign.id} is not about case ${saved.id}`);
    const foreignMessage = outbox.find((message) => message.caseId !== saved.id || message.tenantId !== saved.tenantId);
    if (foreignMessage) throw new Error(`outbox message ${foreignMessage.id} is not about case ${saved.id}`);
    // Cosmos takes the partition key from the batch; the test server needs it on each operation too.
    const create = (document: AuditDocument | OutboxDocument | FanOutDocument): OperationInput => ({
      operationType: 'Create',
      partitionKey: saved.id,
      resourceBody: asJson(document),
    });
    const operations = [
      caseOperation,
      ...effects.audit.map((record) => create({ ...record, type: 'audit' })),
      ...outboxDocuments(outbox, MAX_BATCH_OPERATIONS - 1 - effects.audit.length).map(create),
    ];
    if (operations.length > MAX_BATCH_OPERATIONS) throw new Error(`saving case ${saved.id}: too many outbox messages for one save (${outbox.length})`);
    const { result = [] } = await this.cases.items.batch(operations, saved.id);
    // The operation that failed reports why; the ones it took down with it report 424. Only the
    // case's own operation failing means a conflict: a duplicate record id is a bug, not a race.
    const failure = result.find((operation) => operation.statusCode >= 400 && operation.statusCode !== STATUS.failedDependency);
    if (failure && failure === result[0] && conflictStatuses.includes(failure.statusCode)) throw new ConcurrencyConflict(saved.id);
    if (failure) throw new Error(`saving case ${saved.id} failed with status ${failure.statusCode}`);
    const etag = result[0]?.eTag;
    if (!etag) throw new Error(`saving case ${saved.id} returned no etag`);
    return { case: saved, etag };
  }

  /** Cross-partition unless a partition key is given; every caller filters on the tenant too. */
  private async *pagesOf(query: string, parameters: Record<string, string>): AsyncIterable<Case[]> {
    const found = this.cases.items.query<{ data: Case }>(
      { query, parameters: Object.entries(parameters).map(([name, value]) => ({ name: `@${name}`, value })) },
      { maxItemCount: UNIT_CASES_PAGE },
    );
    while (found.hasMoreResults()) {
      const { resources = [] } = await found.fetchNext();
      if (resources.length > 0) yield resources.map((document) => document.data);
    }
  }

  private async query<T>(query: string, parameters: Record<string, string>, partitionKey?: string): Promise<T[]> {
    const { resources } = await this.cases.items
      .query<T>(
        { query, parameters: Object.entries(parameters).map(([name, value]) => ({ name: `@${name}`, value })) },
        { partitionKey },
      )
      .fetchAll();
    return resources;
  }
}
