import { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../bot/domain/case';
import type { OutboxMessage } from '../../bot/store/port';
import { type CosmosStoreOptions, CosmosCaseStore } from '../../bot/store/cosmosStore';
import { type CosmosTestServer, startCosmosServer } from '../support/cosmosServer';
import { describeCaseStoreContract } from './contract';
import { describeEraseContract } from './eraseContract';
import { describeExportLinkContract } from './exportLinkContract';
import { describeFrozenReportContract } from './frozenReportContract';
import { describeOrganisationContract } from './organisationContract';
import { describeOutboxContract } from './outboxContract';
import { describeTenantPacingContract } from './pacingContract';
import { describeRadarContract } from './radarContract';

let server: CosmosTestServer;
beforeAll(async () => {
  server = await startCosmosServer();
});
afterAll(async () => {
  await server.stop();
});

let databases = 0;
/** A fresh database per test: the server is shared, the data is not. */
const newDatabaseOptions = (): CosmosStoreOptions => ({
  endpoint: server.endpoint,
  key: server.key,
  agent: server.agent,
  databaseId: `contract-${++databases}`,
});

const openDatabase = async () => {
  const options = newDatabaseOptions();
  return { store: await CosmosCaseStore.open(options), reopen: () => CosmosCaseStore.open(options) };
};
describeCaseStoreContract('Cosmos DB test server', openDatabase);
describeOutboxContract('Cosmos DB test server', openDatabase);
describeExportLinkContract('Cosmos DB test server', openDatabase);
describeTenantPacingContract('Cosmos DB test server', openDatabase);
describeOrganisationContract('Cosmos DB test server', openDatabase);
describeFrozenReportContract('Cosmos DB test server', openDatabase);
describeRadarContract('Cosmos DB test server', openDatabase);
describeEraseContract('Cosmos DB test server', async () => {
  const options = newDatabaseOptions();
  const store = await CosmosCaseStore.open(options);
  /** Every document of both containers, read past the adapter. */
  const dump = async () => {
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent });
    try {
      const database = client.database(options.databaseId);
      const documents = await Promise.all(
        ['cases', 'users'].map(async (id) => (await database.container(id).items.readAll().fetchAll()).resources),
      );
      return JSON.stringify(documents);
    } finally {
      client.dispose();
    }
  };
  return { store, dump };
});

describe('CosmosCaseStore containers', () => {
  it('partitions cases with their audit by case, and user state by user', async () => {
    const options = newDatabaseOptions();
    await (await CosmosCaseStore.open(options)).close();
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent });
    const database = client.database(options.databaseId);
    try {
      const { resource: cases } = await database.container('cases').read();
      const { resource: users } = await database.container('users').read();
      expect(cases?.partitionKey?.paths).toEqual(['/caseId']);
      expect(users?.partitionKey?.paths).toEqual(['/userKey']);
      const { resource: exportLinks } = await database.container('exportLinks').read();
      expect(exportLinks?.partitionKey?.paths).toEqual(['/id']);
    } finally {
      client.dispose();
    }
  });

  it('indexes what the outbox queries filter and sort on, with a composite index for the claim', async () => {
    const options = newDatabaseOptions();
    await (await CosmosCaseStore.open(options)).close();
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent });
    try {
      const { resource: cases } = await client.database(options.databaseId).container('cases').read();
      const included = cases?.indexingPolicy?.includedPaths?.map((included) => included.path);
      expect(included).toEqual(expect.arrayContaining(['/type/?', '/status/?', '/notBefore/?', '/leaseUntil/?', '/caseId/?', '/unitId/?', '/reference/?']));
      expect(cases?.indexingPolicy?.compositeIndexes).toEqual([
        [
          { path: '/type', order: 'ascending' },
          { path: '/status', order: 'ascending' },
          { path: '/notBefore', order: 'ascending' },
        ],
      ]);
    } finally {
      client.dispose();
    }
  });
});

/** A case of its own with fixed ids, for the tests that look at its documents. */
const caseOne = (now: Date) =>
  createCase(
    'tenant-aarhus',
    { aadObjectId: 'aad-coordinator', name: 'Kim Koordinator' },
    { name: 'Alex Ung', birthDate: '2009-03-14', status: 'education' },
    { caseId: 'case-1', reference: 'F-1', coordinatorMemberId: 'member-1', youngPersonMemberId: 'member-2' },
    now,
  );

describe('CosmosCaseStore saves', () => {
  it('refuses audit records of another case in a save, since they cannot share its batch', async () => {
    const store = await CosmosCaseStore.open(newDatabaseOptions());
    const now = new Date('2026-11-23T09:00:00Z');
    const saved = caseOne(now);
    const ofAnotherCase = {
      id: 'audit-1',
      tenantId: 'tenant-aarhus',
      caseId: 'case-2',
      actorAadObjectId: 'aad-coordinator',
      action: 'case.create',
      outcome: 'ok' as const,
      at: now.toISOString(),
    };
    try {
      await expect(store.createCase(saved, { audit: [ofAnotherCase] })).rejects.toThrow(/not about case case-1/);
      expect(await store.getCase('tenant-aarhus', 'case-1')).toBeUndefined();
      expect(await store.listAudit('tenant-aarhus', 'case-2')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('CosmosCaseStore fan-out of many messages', () => {
  it('packs what does not fit the batch into fan-outs, and an expansion cut short sends nothing twice', async () => {
    const options = newDatabaseOptions();
    const store = await CosmosCaseStore.open(options);
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent });
    const now = new Date('2026-11-23T09:00:00Z');
    const saved = caseOne(now);
    const outbox: OutboxMessage[] = Array.from({ length: 150 }, (_, i) => ({
      id: `message-${String(i).padStart(3, '0')}`,
      tenantId: 'tenant-aarhus',
      caseId: 'case-1',
      kind: 'reminder',
      to: { kind: 'user', aadObjectId: `aad-${i}`, teamsUserId: `29:${i}` },
      about: { reminder: 'agreementBefore', memberId: `member-${i}`, agreementId: `agreement-${i}`, followUpOn: '2026-12-01', plan: '' },
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      notBefore: new Date(now.getTime() - (150 - i) * 1000).toISOString(),
      status: 'pending',
      attempts: 0,
    }));
    const documents = async () => (await client.database(options.databaseId).container('cases').items.query<{ type: string; kind?: string; messages?: unknown[] }>("SELECT * FROM c WHERE c.type = 'outbox'").fetchAll()).resources;
    try {
      await store.createCase(saved, { audit: [], outbox });
      // 150 messages and the case do not fit 100 operations: one fan-out holds them.
      expect((await documents()).map((document) => [document.kind, document.messages?.length])).toEqual([['fanOut', 150]]);
      expect(await store.listOutbox('tenant-aarhus', 'case-1')).toStrictEqual(outbox);

      // A dispatcher expanded the fan-out, sent the first message, and crashed before deleting it.
      await store.appendOutbox([{ ...outbox[0]!, status: 'sent', attempts: 1, sentAt: now.toISOString() }]);
      const claimed = await store.claimDueOutbox(now, 'dispatcher-b', 60_000, 200);

      expect(claimed.map((message) => message.id)).toEqual(outbox.slice(1).map((message) => message.id));
      expect((await documents()).filter((document) => document.kind === 'fanOut')).toEqual([]);
      expect((await store.listOutbox('tenant-aarhus', 'case-1'))[0]).toMatchObject({ id: outbox[0]!.id, status: 'sent' });
    } finally {
      client.dispose();
      await store.close();
    }
  });
});

describe("CosmosCaseStore, a leader's report", () => {
  it("reads a unit's cases in pages of 50 by continuation, never in one query", async () => {
    const store = await CosmosCaseStore.open(newDatabaseOptions());
    try {
      for (let index = 0; index < 120; index++) {
        const created = createCase('tenant-aarhus', { aadObjectId: 'aad-coordinator', name: 'Kim Koordinator' }, { name: 'Alex Ung', birthDate: '2009-03-14', status: 'education' }, { caseId: `case-${index}`, reference: `F-${index}`, coordinatorMemberId: 'member-1', youngPersonMemberId: 'member-2' }, new Date('2026-11-23T09:00:00Z'));
        await store.createCase({ ...created, unitId: 'unit-nord' }, { audit: [] });
      }
      const sizes: number[] = [];
      for await (const page of store.unitCasePages('tenant-aarhus', 'unit-nord', false)) sizes.push(page.length);
      expect(sizes).toEqual([50, 50, 20]);
    } finally {
      await store.close();
    }
  });
});
