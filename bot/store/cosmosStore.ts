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
import {
  type AuditRecord,
  type CaseStore,
  type CaseSummary,
  type SaveEffects,
  type StoredCase,
  type UserState,
  ConcurrencyConflict,
} from './port';

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
  data: Case;
}

type AuditDocument = AuditRecord & { type: 'audit' };

interface UserDocument {
  id: string;
  userKey: string;
  tenantId: string;
  data: UserState;
}

const CASES_CONTAINER = 'cases';
const USERS_CONTAINER = 'users';

// Only the fields queries filter or sort on are indexed: the case body is large, never queried, and
// every indexed path adds to the cost of each write.
const CASES_INDEXING: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: ['/type/?', '/tenantId/?', '/caseId/?', '/homeConversationId/?', '/memberAadObjectIds/[]/?', '/at/?'].map(
    (path) => ({ path }),
  ),
  excludedPaths: [{ path: '/*' }],
};

/** User state is only ever read and written by its key. */
const USERS_INDEXING: IndexingPolicy = { indexingMode: 'none', automatic: false };

const STATUS = { notFound: 404, conflict: 409, preconditionFailed: 412, failedDependency: 424 } as const;

const userKey = (tenantId: string, aadObjectId: string) => `${tenantId}:${aadObjectId}`;

const toCaseDocument = (saved: Case): CaseDocument => ({
  id: saved.id,
  caseId: saved.id,
  type: 'case',
  tenantId: saved.tenantId,
  homeConversationId: saved.home?.conversationId,
  memberAadObjectIds: teamsUserIds(saved),
  data: saved,
});

/** The domain object only: Cosmos' system properties (_rid, _ts, ...) stay behind. */
const toStoredCase = (document: { data: Case; _etag: string }): StoredCase => ({ case: document.data, etag: document._etag });

/** Documents are plain JSON; the SDK's batch input type only wants an index signature. */
const asJson = (document: CaseDocument | AuditDocument) => document as unknown as JSONObject;

export class CosmosCaseStore implements CaseStore {
  private constructor(
    private readonly client: CosmosClient,
    private readonly cases: Container,
    private readonly users: Container,
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
    return new CosmosCaseStore(client, cases, users);
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
      `SELECT c.caseId, c.data.reference FROM c
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

  async getUserState(tenantId: string, aadObjectId: string): Promise<UserState | undefined> {
    const key = userKey(tenantId, aadObjectId);
    const { resource } = await this.users.item(key, key).read<UserDocument>();
    return resource?.data;
  }

  async putUserState(state: UserState): Promise<void> {
    const key = userKey(state.tenantId, state.aadObjectId);
    await this.users.items.upsert<UserDocument>({ id: key, userKey: key, tenantId: state.tenantId, data: state });
  }

  async ping(): Promise<void> {
    await this.cases.read();
  }

  async close(): Promise<void> {
    this.client.dispose();
  }

  /**
   * The case operation goes first in one transactional batch with the audit records. Cosmos runs a
   * batch all or nothing; the test server stops at the first failure, so a stale case write there
   * also writes no audit record.
   */
  private async saveWithAudit(
    saved: Case,
    caseOperation: OperationInput,
    effects: SaveEffects,
    conflictStatuses: readonly number[],
  ): Promise<StoredCase> {
    // A batch holds one partition: audit records of another case cannot ride along.
    const foreign = effects.audit.find((record) => record.caseId !== saved.id);
    if (foreign) throw new Error(`audit record ${foreign.id} is not about case ${saved.id}`);
    // Cosmos takes the partition key from the batch; the test server needs it on each operation too.
    const auditOperations = effects.audit.map(
      (record): OperationInput => ({
        operationType: 'Create',
        partitionKey: saved.id,
        resourceBody: asJson({ ...record, type: 'audit' }),
      }),
    );
    const { result = [] } = await this.cases.items.batch([caseOperation, ...auditOperations], saved.id);
    // The operation that failed reports why; the ones it took down with it report 424.
    const failure = result.find((operation) => operation.statusCode >= 400 && operation.statusCode !== STATUS.failedDependency);
    if (failure && conflictStatuses.includes(failure.statusCode)) throw new ConcurrencyConflict(saved.id);
    if (failure) throw new Error(`saving case ${saved.id} failed with status ${failure.statusCode}`);
    const etag = result[0]?.eTag;
    if (!etag) throw new Error(`saving case ${saved.id} returned no etag`);
    return { case: saved, etag };
  }

  /** Cross-partition unless a partition key is given; every caller filters on the tenant too. */
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
