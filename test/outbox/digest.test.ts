// A person's reminders of one day go as one message: the dispatcher joins the claimed messages to one
// conversation that share a digest key, sends them once, and settles each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutboxDispatcher, type SendResult } from '../../bot/outbox/dispatcher';
import type { OutboxMessage } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';

const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-digest-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const NOW = new Date('2026-11-27T07:00:00Z');

function reminder(id: string, caseId: string, teamsUserId: string, digest: string | undefined): OutboxMessage {
  return {
    id,
    tenantId: 'tenant-a',
    caseId,
    kind: 'reminder',
    to: { kind: 'user', aadObjectId: `aad-${teamsUserId}`, teamsUserId },
    about: { reminder: 'agreementBefore', memberId: 'm-owner', agreementId: `agreement-${id}`, followUpOn: '2026-12-01', plan: '', ...(digest ? { digest } : {}) },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    notBefore: NOW.toISOString(),
    status: 'pending',
    attempts: 0,
  };
}

async function run(messages: OutboxMessage[], result: SendResult = { status: 'sent' }) {
  const store = new SqliteCaseStore(join(directory, `${messages[0]!.id}.sqlite`));
  await store.appendOutbox(messages);
  const sends: string[][] = [];
  const dispatcher = new OutboxDispatcher({
    store,
    now: () => NOW,
    owner: 'dispatcher-1',
    leaseMs: 60_000,
    batchSize: 50,
    send: async (message, digest) => {
      sends.push([message.id, ...digest.map((other) => other.id)].sort());
      return result;
    },
  });
  const counts = await dispatcher.runOnce();
  const statuses = new Map<string, string>();
  for (const caseId of new Set(messages.map((message) => message.caseId))) {
    for (const message of await store.listOutbox('tenant-a', caseId)) statuses.set(message.id, message.status);
  }
  await store.close();
  return { sends: sends.sort(), counts, statuses };
}

describe('one message per person per day', () => {
  it('joins one person\'s reminders of the day across cases, and keeps other people and days apart', async () => {
    const { sends, counts, statuses } = await run([
      reminder('r1', 'case-1', '29:jonas', 'reminders 2026-11-27'),
      reminder('r2', 'case-2', '29:jonas', 'reminders 2026-11-27'),
      reminder('r3', 'case-2', '29:jonas', 'reminders 2026-11-27'),
      reminder('r4', 'case-1', '29:ali', 'reminders 2026-11-27'),
      reminder('r5', 'case-1', '29:jonas', 'reminders 2026-11-26'),
      reminder('r6', 'case-3', '29:jonas', undefined),
    ]);
    expect(sends).toEqual([['r1', 'r2', 'r3'], ['r4'], ['r5'], ['r6']]);
    expect(counts).toMatchObject({ claimed: 6, sent: 6, failed: 0 });
    expect([...statuses.values()].every((status) => status === 'sent')).toBe(true);
  });

  it('settles every message of a digest with the outcome of its one send', async () => {
    const { statuses, counts } = await run(
      [reminder('f1', 'case-1', '29:jonas', 'reminders 2026-11-27'), reminder('f2', 'case-2', '29:jonas', 'reminders 2026-11-27')],
      { status: 'retry', afterMs: 1000, error: 'http503' },
    );
    expect(counts).toMatchObject({ retried: 2, sent: 0 });
    expect([...statuses.values()]).toEqual(['pending', 'pending']);
  });
});
