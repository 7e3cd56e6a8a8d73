// Two bot instances (two dispatchers, each with its own pacer and its own connection to one SQLite
// file) sending to one tenant on a shared fake clock: together they stay within Teams' 50 requests in
// any second and use at least 90 % of it, and a 429 one of them meets holds back the other too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SendResult, OutboxDispatcher } from '../../bot/outbox/dispatcher';
import { SendPacer, TEAMS_TENANT_LIMITS } from '../../bot/outbox/pacing';
import { SharedTenantPacing } from '../../bot/outbox/sharedPacing';
import type { OutboxMessage } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { FakeClock, mostInWindow } from './fakeClock';

const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-shared-pacing-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

/** Fake time 0 is this instant of the stores' clock. */
const EPOCH = Date.parse('2026-11-23T08:00:00Z');
const TENANT = 'tenant-a';
const MESSAGES = 1_200;
const LIMIT = TEAMS_TENANT_LIMITS[0]!.limit;

let stores: [SqliteCaseStore, SqliteCaseStore];
let clock: FakeClock;
const now = () => new Date(EPOCH + clock.now());

beforeEach(async () => {
  const path = join(directory, `store-${++files}.sqlite`);
  stores = [new SqliteCaseStore(path), new SqliteCaseStore(path)];
  clock = new FakeClock();
  // Reminders to as many people (one request each: their 1:1 chats are known), all due.
  await stores[0].appendOutbox(
    Array.from({ length: MESSAGES }, (_, index): OutboxMessage => ({
      id: `message-${String(index).padStart(5, '0')}`,
      tenantId: TENANT,
      caseId: `case-${index % 40}`,
      kind: 'reminder',
      to: { kind: 'user', aadObjectId: `aad-${index}`, teamsUserId: `29:${index}` },
      about: { reminder: 'transitionMeeting', memberId: 'm-coordinator', age: '18½', birthday: '2026-09-14' },
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      notBefore: new Date(EPOCH - 1_000_000 + index).toISOString(),
      status: 'pending',
      attempts: 0,
    })),
  );
});
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
});

interface Call {
  instance: number;
  at: number;
  id: string;
  status: SendResult['status'];
}

/** Two instances as the service runs them, each with a pacer; `shared`: the tenant's pacing in the store. */
function instances(shared: boolean, answer: (at: number) => SendResult = () => ({ status: 'sent' })) {
  const calls: Call[] = [];
  const dispatchers = stores.map(
    (store, instance) =>
      new OutboxDispatcher({
        store,
        now,
        owner: `instance-${instance}`,
        leaseMs: 600_000,
        batchSize: 100,
        concurrency: 16,
        pacer: new SendPacer({ clock, ...(shared ? { shared: new SharedTenantPacing({ store }) } : {}) }),
        requestsFor: async () => 1,
        send: async (message) => {
          const result = answer(clock.now());
          calls.push({ instance, at: clock.now(), id: message.id, status: result.status });
          await new Promise<void>((resolve) => setImmediate(resolve));
          return result;
        },
      }),
  );
  /** Both run batch after batch until neither finds anything due; the clock moves on while nothing is. */
  const runAll = async () => {
    const untilEmpty = async (dispatcher: OutboxDispatcher) => {
      for (let idle = 0; idle < 3; ) {
        const counts = await dispatcher.runOnce();
        if (counts.claimed > 0) idle = 0;
        else {
          idle++;
          await clock.sleep(2_000);
        }
      }
    };
    await clock.run(Promise.all(dispatchers.map(untilEmpty)));
  };
  return { calls, runAll };
}

const accepted = (calls: Call[]) => calls.filter((call) => call.status === 'sent');

describe('two instances sending to one tenant', () => {
  it('each pacing only itself, together go over the tenant’s limit', async () => {
    const { calls, runAll } = instances(false);
    await runAll();
    expect(mostInWindow(calls.map((call) => call.at), 1_000)).toBeGreaterThan(LIMIT);
  });

  it('sharing the tenant’s pacing through the store, together stay within its limit in every second, use at least 90 % of it, and send each message once', async () => {
    const { calls, runAll } = instances(true);
    await runAll();

    const sent = accepted(calls);
    expect(new Set(sent.map((call) => call.id)).size).toBe(MESSAGES);
    expect(sent).toHaveLength(MESSAGES);
    expect(mostInWindow(calls.map((call) => call.at), 1_000)).toBeLessThanOrEqual(LIMIT);
    const seconds = (Math.max(...sent.map((call) => call.at)) - Math.min(...sent.map((call) => call.at))) / 1000;
    expect(MESSAGES / seconds).toBeGreaterThanOrEqual(0.9 * LIMIT);
    // Both took part: neither sent less than a third.
    for (const instance of [0, 1]) expect(sent.filter((call) => call.instance === instance).length).toBeGreaterThan(MESSAGES / 3);
  });

  it('hold back together while Teams throttles the tenant after a 429 one of them met', async () => {
    let throttledAt: number | undefined;
    const { calls, runAll } = instances(true, (at) => {
      if (at < 3_000 || throttledAt !== undefined) return { status: 'sent' };
      throttledAt = at;
      return { status: 'throttled', retryAfterMs: 5_000, error: 'http429' };
    });
    await runAll();

    expect(throttledAt).toBeDefined();
    const meanwhile = calls.filter((call) => call.at > throttledAt! && call.at < throttledAt! + 5_000);
    // The other instance learns of the 429 at its next reservation, a few slots (at most 12, 252 ms) later.
    expect(meanwhile.every((call) => call.at <= throttledAt! + 12 * 21)).toBe(true);
    expect(new Set(accepted(calls).map((call) => call.id)).size).toBe(MESSAGES);
    expect(mostInWindow(calls.map((call) => call.at), 1_000)).toBeLessThanOrEqual(LIMIT);
  });
});
