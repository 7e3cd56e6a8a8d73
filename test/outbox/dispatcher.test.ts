// The outbox dispatcher on the real SQLite store (a temporary file), a fake clock and a fake `send`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OutboxDispatcherOptions, type SendResult, OutboxDispatcher, defaultBackoffMs } from '../../bot/outbox/dispatcher';
import { SendPacer, realPacingClock } from '../../bot/outbox/pacing';
import type { OutboxMessage } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';

const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-dispatcher-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

const NOW = new Date('2026-11-23T09:00:00Z');
const TENANT = 'tenant-aarhus';
const LEASE_MS = 60_000;
const CASES = ['case-1', 'case-2', 'case-3', 'case-4'];

function messageOf(index: number, notBefore: Date = NOW): OutboxMessage {
  return {
    id: `message-${String(index).padStart(4, '0')}`,
    tenantId: TENANT,
    caseId: CASES[index % CASES.length]!,
    kind: 'agreementAssigned',
    to: { kind: 'user', aadObjectId: `aad-${index}`, teamsUserId: `29:${index}` },
    about: { meetingId: 'meeting-1', ownerMemberId: `member-${index}` },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    // Distinct instants, so that the order of sending is defined.
    notBefore: new Date(notBefore.getTime() - 1_000_000 + index).toISOString(),
    status: 'pending',
    attempts: 0,
  };
}

/** A promise to resolve from outside: a send that is still under way. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Lets other pending work run, as a network round trip would. */
const roundTrip = () => new Promise<void>((resolve) => setImmediate(resolve));

let path: string;
let store: SqliteCaseStore;
let clock: Date;
const now = () => new Date(clock);
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

/** Every message of the tenant, by id. */
async function stored(): Promise<Map<string, OutboxMessage>> {
  const all = (await Promise.all(CASES.map((caseId) => store.listOutbox(TENANT, caseId)))).flat();
  return new Map(all.map((message) => [message.id, message]));
}

/** A fake `send` that records every call and answers with `answer`. */
function recordingSend(answer: (message: OutboxMessage) => Promise<SendResult> | SendResult = () => ({ status: 'sent' })) {
  const calls: string[] = [];
  const send = async (message: OutboxMessage) => {
    calls.push(message.id);
    await roundTrip();
    return answer(message);
  };
  const countsById = () => calls.reduce((counts, id) => counts.set(id, (counts.get(id) ?? 0) + 1), new Map<string, number>());
  return { calls, send, countsById };
}

function dispatcher(options: Partial<OutboxDispatcherOptions> & Pick<OutboxDispatcherOptions, 'send'>): OutboxDispatcher {
  return new OutboxDispatcher({ store, now, owner: 'dispatcher-a', leaseMs: LEASE_MS, batchSize: 10, ...options });
}

beforeEach(() => {
  path = join(directory, `store-${++files}.sqlite`);
  store = new SqliteCaseStore(path);
  clock = NOW;
});

afterEach(async () => {
  await store.close();
});

describe('OutboxDispatcher.runOnce', () => {
  it('sends due messages once, in time order, marks them sent, and leaves the rest for later', async () => {
    const due = [messageOf(2), messageOf(0), messageOf(1)];
    const later = { ...messageOf(3), notBefore: new Date(NOW.getTime() + 60_000).toISOString() };
    await store.appendOutbox([...due, later]);
    const { calls, send } = recordingSend();
    const sender = dispatcher({ send });

    expect(await sender.runOnce()).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0, lapsed: 0, deferred: 0, takenOver: 0 });
    expect(calls).toEqual(['message-0000', 'message-0001', 'message-0002']);
    const afterFirst = await stored();
    for (const message of due) {
      expect(afterFirst.get(message.id)).toStrictEqual({ ...message, status: 'sent', attempts: 1, sentAt: NOW.toISOString() });
    }
    expect(afterFirst.get(later.id)).toStrictEqual(later);

    expect((await sender.runOnce()).claimed).toBe(0);
    advance(60_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(calls).toEqual(['message-0000', 'message-0001', 'message-0002', 'message-0003']);
  });

  it('retries a failing send after the delay it asks for, and gives it up after maxAttempts', async () => {
    const message = messageOf(0);
    await store.appendOutbox([message]);
    const { calls, send } = recordingSend(() => ({ status: 'retry', afterMs: 60_000, error: '503' }));
    const sender = dispatcher({ send, maxAttempts: 3 });

    expect(await sender.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect((await stored()).get(message.id)).toStrictEqual({
      ...message,
      notBefore: new Date(NOW.getTime() + 60_000).toISOString(),
      attempts: 1,
      lastError: '503',
    });
    advance(59_999);
    expect((await sender.runOnce()).claimed).toBe(0);
    advance(1);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    advance(60_000);
    expect(await sender.runOnce()).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1, lapsed: 0, deferred: 0, takenOver: 0 });

    expect(calls).toHaveLength(3);
    expect((await stored()).get(message.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: '503' });
    advance(24 * 3_600_000);
    expect((await sender.runOnce()).claimed).toBe(0);
  });

  it('takes a send that throws as a retry, recording only the error’s name, after the backoff', async () => {
    const message = messageOf(0);
    await store.appendOutbox([message]);
    const sender = dispatcher({
      send: async () => {
        throw new TypeError('a message text that must not reach the store');
      },
    });

    expect(await sender.runOnce()).toMatchObject({ claimed: 1, retried: 1 });

    expect((await stored()).get(message.id)).toStrictEqual({
      ...message,
      notBefore: new Date(NOW.getTime() + defaultBackoffMs(1)).toISOString(),
      attempts: 1,
      lastError: 'TypeError',
    });
  });

  it('runs prepare before the pacer and the send, once per claim: its result settles a message unsent, a throw is a retry', async () => {
    const messages = [0, 1, 2].map((index) => messageOf(index));
    await store.appendOutbox(messages);
    const events: string[] = [];
    let throttledOnce = false;
    const sender = dispatcher({
      prepare: async (message) => {
        events.push(`prepare ${message.id}`);
        await roundTrip();
        if (message.id === messages[0]!.id) return { status: 'retry', afterMs: 5_000, error: 'http429' };
        if (message.id === messages[2]!.id) throw new RangeError('graph down');
        return undefined;
      },
      requestsFor: async (message) => {
        events.push(`requestsFor ${message.id}`);
        return 2;
      },
      pacer: new SendPacer({ clock: realPacingClock }),
      send: async (message) => {
        events.push(`send ${message.id}`);
        if (throttledOnce) return { status: 'sent' };
        throttledOnce = true;
        // Put back to wait for the tenant: sent again within the claim, not prepared again.
        return { status: 'throttled', retryAfterMs: 10, error: 'http429' };
      },
    });

    expect(await sender.runOnce()).toMatchObject({ claimed: 3, sent: 1, retried: 2 });
    const [first, second, third] = messages.map((message) => message.id);
    // The message put back for its tenant's throttle comes first again, in claim order.
    expect(events).toEqual([`prepare ${first}`, `prepare ${second}`, `requestsFor ${second}`, `send ${second}`, `requestsFor ${second}`, `send ${second}`, `prepare ${third}`]);
    const after = await stored();
    expect(after.get(first!)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http429', notBefore: new Date(NOW.getTime() + 5_000).toISOString() });
    expect(after.get(second!)).toMatchObject({ status: 'sent' });
    expect(after.get(third!)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'RangeError' });
  });

  it('does not retry a send that failed for good', async () => {
    const message = messageOf(0);
    await store.appendOutbox([message]);
    const { calls, send } = recordingSend(() => ({ status: 'failed', error: '403' }));
    const sender = dispatcher({ send });

    expect(await sender.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    advance(24 * 3_600_000);
    expect((await sender.runOnce()).claimed).toBe(0);
    expect(calls).toHaveLength(1);
    expect((await stored()).get(message.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: '403' });
  });

  it('sends again, once its lease runs out, what a dispatcher killed between sending and settling had sent: nothing is lost', async () => {
    const messages = [0, 1, 2, 3, 4].map((index) => messageOf(index));
    await store.appendOutbox(messages);
    const killed = deferred();
    const first = recordingSend(async () => {
      // The process dies here: the message went out, the outcome is never recorded.
      killed.resolve();
      return new Promise<SendResult>(() => {});
    });
    void dispatcher({ send: first.send, owner: 'dispatcher-killed' }).runOnce();
    await killed.promise;
    const second = recordingSend();
    const survivor = dispatcher({ send: second.send, owner: 'dispatcher-survivor' });

    expect((await survivor.runOnce()).claimed).toBe(0);
    advance(LEASE_MS);
    expect(await survivor.runOnce()).toMatchObject({ claimed: 5, sent: 5 });

    expect(first.calls).toEqual(['message-0000']);
    expect(second.calls).toEqual(messages.map((message) => message.id));
    // The at-least-once duplicate: the one message in flight when the first dispatcher died.
    const sends = [...first.calls, ...second.calls];
    expect(sends.filter((id) => id === 'message-0000')).toHaveLength(2);
    expect([...(await stored()).values()].every((message) => message.status === 'sent')).toBe(true);
  });

  it('refuses the settle of a dispatcher that stalled past its lease, and skips its lapsed claims', async () => {
    const [stalled, next] = [messageOf(0), messageOf(1)];
    await store.appendOutbox([stalled, next]);
    const resume = deferred<SendResult>();
    const sending = deferred();
    const slow = recordingSend(() => {
      sending.resolve();
      return resume.promise;
    });
    const slowRun = dispatcher({ send: slow.send, owner: 'dispatcher-slow' }).runOnce();
    await sending.promise;

    advance(LEASE_MS);
    const other = recordingSend();
    expect(await dispatcher({ send: other.send, owner: 'dispatcher-other' }).runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    resume.resolve({ status: 'sent' });

    expect(await slowRun).toEqual({ claimed: 2, sent: 1, retried: 0, failed: 0, lapsed: 1, deferred: 0, takenOver: 1 });
    expect(slow.calls).toEqual([stalled.id]);
    expect(other.calls).toEqual([stalled.id, next.id]);
    const after = await stored();
    expect(after.get(stalled.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.toISOString() });
    expect(after.get(next.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it.each([
    ['sharing one store', () => store],
    ['on two connections to the file (two processes)', () => new SqliteCaseStore(path)],
  ])('with two dispatchers %s and 1 000 due messages, sends each exactly once', async (_, secondStore) => {
    const messages = Array.from({ length: 1000 }, (_, index) => messageOf(index));
    await store.appendOutbox(messages);
    const other = secondStore();
    const { send, countsById } = recordingSend();
    const drain = async (sender: OutboxDispatcher) => {
      let claimed = 0;
      for (let counts = await sender.runOnce(); counts.claimed > 0; counts = await sender.runOnce()) claimed += counts.claimed;
      return claimed;
    };

    try {
      const [byA, byB] = await Promise.all([
        drain(dispatcher({ send, owner: 'dispatcher-a', batchSize: 25 })),
        drain(dispatcher({ send, owner: 'dispatcher-b', batchSize: 25, store: other })),
      ]);

      // Both took part, and between them they took everything once.
      expect(byA).toBeGreaterThan(0);
      expect(byB).toBeGreaterThan(0);
      expect(byA + byB).toBe(1000);
      const counts = countsById();
      expect(counts.size).toBe(1000);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      const after = await stored();
      expect([...after.values()].filter((message) => message.status === 'sent')).toHaveLength(1000);
    } finally {
      if (other !== store) await other.close();
    }
  });
});

describe('OutboxDispatcher.start and stop', () => {
  it('runs on its timer, drains a backlog in full batches at once, and stops after the running batch', async () => {
    await store.appendOutbox([0, 1, 2, 3, 4].map((index) => messageOf(index)));
    const { calls, send } = recordingSend();
    // The interval is far longer than the test: only the backlog rule can send five in batches of two.
    const sender = dispatcher({ send, batchSize: 2 });

    sender.start(3_600_000);
    await vi.waitFor(() => expect(calls).toHaveLength(5));
    await sender.stop();

    await store.appendOutbox([messageOf(5)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(5);
  });

  it('waits in stop() for a batch under way, and runs no other', async () => {
    await store.appendOutbox([messageOf(0), messageOf(1)]);
    const release = deferred<SendResult>();
    const sending = deferred();
    const { calls, send } = recordingSend(() => {
      sending.resolve();
      return release.promise;
    });
    const sender = dispatcher({ send, batchSize: 1 });
    sender.start(3_600_000);
    await sending.promise;

    let stopped = false;
    const stopping = sender.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);

    release.resolve({ status: 'sent' });
    await stopping;
    expect(calls).toEqual(['message-0000']);
    expect((await stored()).get('message-0000')).toMatchObject({ status: 'sent' });
    expect((await stored()).get('message-0001')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('wake() runs a batch at once instead of at the next interval, and answers once the messages named are settled', async () => {
    const { calls, send } = recordingSend();
    const sender = dispatcher({ send });
    // Not started: nothing runs, and the wake is answered at once.
    await store.appendOutbox([messageOf(0)]);
    await sender.wake(['message-0000']);
    expect(calls).toEqual([]);

    sender.start(3_600_000);
    await vi.waitFor(() => expect(calls).toEqual(['message-0000']));
    // The timer's next run is an hour away: a message written now goes out because of the wake.
    await store.appendOutbox([messageOf(1)]);
    await sender.wake(['message-0001']);
    expect(calls).toEqual(['message-0000', 'message-0001']);
    expect((await stored()).get('message-0001')).toMatchObject({ status: 'sent', attempts: 1 });
    // A wake for a message that is not due is answered when the batch it started has ended without it.
    await store.appendOutbox([{ ...messageOf(2), notBefore: new Date(NOW.getTime() + 60_000).toISOString() }]);
    await sender.wake(['message-0002']);
    expect(calls).toHaveLength(2);
    await sender.stop();
  });

  it('logs a failed run and goes on', async () => {
    const log = { warn: vi.fn(), error: vi.fn() };
    const failing = { claimDueOutbox: vi.fn().mockRejectedValueOnce(new Error('store down')).mockResolvedValue([]), settleOutbox: vi.fn() };
    const sender = dispatcher({ send: async () => ({ status: 'sent' }), store: failing, log, batchSize: 1 });

    sender.start(5);
    await vi.waitFor(() => expect(failing.claimDueOutbox.mock.calls.length).toBeGreaterThanOrEqual(2));
    await sender.stop();

    expect(log.error).toHaveBeenCalledWith({ error: 'Error', owner: 'dispatcher-a' }, 'outbox dispatch failed');
  });
});
