// The dispatcher with its pacer, on the real SQLite store, a fake clock and a fake Teams: a spell of
// 429s is waited out and everything is delivered, within Teams' limits; a 429 holds back the whole
// tenant; Retry-After is capped; a message that keeps failing is given up and the coordinator told.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../bot/domain/case';
import { type OutboxDispatcherOptions, type SendResult, OutboxDispatcher } from '../../bot/outbox/dispatcher';
import { sendFailedIdOf, tellCoordinator } from '../../bot/app/deliveryNotices';
import { SendPacer, connectorRequestsOf, conversationKeyOf } from '../../bot/outbox/pacing';
import type { OutboxMessage, OutboxRecipient } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { FakeClock, mostInWindow } from './fakeClock';

const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-sending-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

/** Fake time 0 is this instant of the store's clock. */
const EPOCH = Date.parse('2026-11-23T08:00:00Z');
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let store: SqliteCaseStore;
let clock: FakeClock;
const now = () => new Date(EPOCH + clock.now());

beforeEach(() => {
  store = new SqliteCaseStore(join(directory, `store-${++files}.sqlite`));
  clock = new FakeClock();
});
afterEach(async () => {
  await store.close();
});

let nextId = 0;
function messageTo(tenantId: string, to: OutboxRecipient, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  const index = nextId++;
  return {
    id: `message-${String(index).padStart(5, '0')}`,
    tenantId,
    caseId: 'case-1',
    kind: 'reminder',
    to,
    about: { reminder: 'transitionMeeting', memberId: 'm-coordinator', age: '18½', birthday: '2026-09-14' },
    serviceUrl: SERVICE_URL,
    notBefore: new Date(EPOCH - 1_000_000 + index).toISOString(),
    status: 'pending',
    attempts: 0,
    ...overrides,
  } as OutboxMessage;
}
/** One of each list in turn, until all are used up. */
function interleave<T>(...lists: T[][]): T[] {
  const longest = Math.max(...lists.map((list) => list.length));
  return Array.from({ length: longest }, (_, index) => lists.flatMap((list) => (index < list.length ? [list[index]!] : []))).flat();
}
const user = (index: number): OutboxRecipient => ({ kind: 'user', aadObjectId: `aad-${index}`, teamsUserId: `29:${index}` });
const thread = (conversationId: string): OutboxRecipient => ({ kind: 'conversation', conversationId });

interface Call {
  message: OutboxMessage;
  at: number;
  result: SendResult;
}

/** A fake Teams: answers each send with `answer` after a round trip (and `latencyMs` of fake time), and notes when each call came. */
function fakeTeams(answer: (message: OutboxMessage, at: number) => SendResult = () => ({ status: 'sent' }), latencyMs = 0) {
  const calls: Call[] = [];
  const underWay = new Set<string>();
  let mostUnderWay = 0;
  let sameConversationAtOnce = false;
  const send = async (message: OutboxMessage): Promise<SendResult> => {
    const at = clock.now();
    const key = conversationKeyOf(message);
    if (underWay.has(key)) sameConversationAtOnce = true;
    underWay.add(key);
    mostUnderWay = Math.max(mostUnderWay, underWay.size);
    const result = answer(message, at);
    calls.push({ message, at, result });
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (latencyMs > 0) await clock.sleep(latencyMs);
    underWay.delete(key);
    return result;
  };
  return {
    send,
    calls,
    /** Messages Teams accepted, by id, with how often. */
    delivered: () => calls.filter((call) => call.result.status === 'sent').reduce((counts, call) => counts.set(call.message.id, (counts.get(call.message.id) ?? 0) + 1), new Map<string, number>()),
    mostUnderWay: () => mostUnderWay,
    sameConversationAtOnce: () => sameConversationAtOnce,
  };
}

function pacedDispatcher(send: OutboxDispatcherOptions['send'], options: Partial<OutboxDispatcherOptions> = {}) {
  return new OutboxDispatcher({
    store,
    now,
    owner: 'dispatcher-a',
    send,
    leaseMs: 120_000,
    batchSize: 50,
    concurrency: 16,
    pacer: new SendPacer({ clock }),
    ...options,
  });
}

/** Runs batches until nothing is pending any more (moving the clock to what is due next), at most `limitMs` of fake time. */
async function drainAll(dispatcher: OutboxDispatcher, ids: () => Promise<OutboxMessage[]>, limitMs = 3_600_000) {
  while (clock.now() < limitMs) {
    const counts = await clock.run(dispatcher.runOnce());
    if (counts.claimed > 0) continue;
    const pending = (await ids()).filter((message) => message.status === 'pending');
    if (pending.length === 0) return;
    await clock.advance(250);
  }
  throw new Error('not drained in time');
}

const allOf = (tenantId: string, caseId = 'case-1') => () => store.listOutbox(tenantId, caseId);

describe('paced dispatch', () => {
  it('waits out a spell of 429s (Retry-After: 1, and one without it) and delivers everything once, within Teams’ limits', async () => {
    // Due at the same time from two tenants, so every batch holds both.
    const messages = interleave<[string, OutboxRecipient]>(
      Array.from({ length: 150 }, (_, index) => ['tenant-a', user(index)]),
      Array.from({ length: 40 }, () => ['tenant-a', thread('19:a-thread')]),
      Array.from({ length: 100 }, (_, index) => ['tenant-b', user(1_000 + index)]),
    ).map(([tenantId, to]) => messageTo(tenantId, to));
    await store.appendOutbox(messages);
    let headerless = false;
    const teams = fakeTeams((message, at) => {
      // Tenant A is throttled from 1 s to 3 s; tenant B gets one 429 without Retry-After at 2 s.
      if (message.tenantId === 'tenant-a' && at >= 1_000 && at < 3_000) return { status: 'throttled', retryAfterMs: 1_000, error: 'http429' };
      if (message.tenantId === 'tenant-b' && at >= 2_000 && !headerless) {
        headerless = true;
        return { status: 'throttled', error: 'http429' };
      }
      return { status: 'sent' };
    });

    const dispatcher = pacedDispatcher(teams.send);
    await drainAll(dispatcher, async () => [...(await allOf('tenant-a')()), ...(await allOf('tenant-b')())]);

    // Everything delivered, each exactly once, and marked sent.
    const delivered = teams.delivered();
    expect(delivered.size).toBe(messages.length);
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);
    const stored = [...(await allOf('tenant-a')()), ...(await allOf('tenant-b')())];
    expect(stored.filter((message) => message.status === 'sent')).toHaveLength(messages.length);
    expect(teams.calls.filter((call) => call.result.status === 'throttled').length).toBeGreaterThan(0);

    // Every request counts against the limits, the refused ones too (a 1:1 message is two).
    const times = (match: (message: OutboxMessage) => boolean) =>
      teams.calls.filter((call) => match(call.message)).flatMap((call) => Array<number>(connectorRequestsOf(call.message)).fill(call.at));
    for (const tenantId of ['tenant-a', 'tenant-b']) expect(mostInWindow(times((message) => message.tenantId === tenantId), 1_000)).toBeLessThanOrEqual(50);
    for (const key of new Set(messages.map(conversationKeyOf))) {
      const inConversation = times((message) => conversationKeyOf(message) === key);
      expect(mostInWindow(inConversation, 1_000)).toBeLessThanOrEqual(7);
      expect(mostInWindow(inConversation, 2_000)).toBeLessThanOrEqual(8);
      expect(mostInWindow(inConversation, 30_000)).toBeLessThanOrEqual(60);
    }

    // After each 429 the whole tenant waited: no call to it until the Retry-After (or the backoff) had passed.
    for (const throttled of teams.calls.filter((call) => call.result.status === 'throttled')) {
      const waitMs = throttled.result.status === 'throttled' ? (throttled.result.retryAfterMs ?? 2_000) : 0;
      const tooSoon = teams.calls.filter((call) => call.message.tenantId === throttled.message.tenantId && call.at > throttled.at && call.at < throttled.at + waitMs);
      expect(tooSoon).toEqual([]);
    }
    // Tenant B went on while A was throttled.
    expect(teams.calls.some((call) => call.message.tenantId === 'tenant-b' && call.at >= 1_500 && call.at < 2_000)).toBe(true);
  });

  it('holds back every send to a tenant after a 429 for it, in this process, while another tenant goes on', async () => {
    const messages = [
      messageTo('tenant-a', user(1)),
      messageTo('tenant-a', user(2)),
      messageTo('tenant-a', thread('19:a')),
      messageTo('tenant-b', user(3)),
      messageTo('tenant-b', thread('19:b')),
    ];
    await store.appendOutbox(messages);
    let first = true;
    const teams = fakeTeams((message) => {
      if (message.tenantId === 'tenant-a' && first) {
        first = false;
        return { status: 'throttled', retryAfterMs: 5_000, error: 'http429' };
      }
      return { status: 'sent' };
    });

    expect(await clock.run(pacedDispatcher(teams.send).runOnce())).toMatchObject({ claimed: 5, sent: 5, retried: 0 });

    const [throttled, ...rest] = teams.calls;
    expect(throttled).toMatchObject({ at: 0, result: { status: 'throttled' } });
    for (const call of rest) {
      if (call.message.tenantId === 'tenant-a') expect(call.at).toBeGreaterThanOrEqual(5_000);
      else expect(call.at).toBeLessThan(1_000);
    }
    // The throttled message itself went again once the tenant's wait was over (in line behind the
    // others that had waited), within its claim.
    const again = teams.calls.filter((call) => call.message.id === throttled!.message.id).map((call) => call.at);
    expect(again).toHaveLength(2);
    expect(again[1]).toBeGreaterThanOrEqual(5_000);
    expect(again[1]).toBeLessThan(6_000);
  });

  it('lets calendar events (sent through Graph) pass Teams\' limits: they use none of the coordinator\'s or the tenant\'s budget, nor wait for its 429', async () => {
    const calendarEvents = (count: number) =>
      Array.from({ length: count }, (_, index) => messageTo('tenant-a', user(1), { kind: 'calendarEvent', about: { meetingId: `meeting-${index}`, digest: `calendarEvent meeting-${index}` } }));
    /** When each of six reminders to the coordinator went, with `calendar` events to them in the same batch, the first reminder answered `first`. */
    async function reminderTimes(calendar: number, first: SendResult = { status: 'sent' }) {
      store = new SqliteCaseStore(join(directory, `store-${++files}.sqlite`));
      clock = new FakeClock();
      await store.appendOutbox(interleave(Array.from({ length: 6 }, () => messageTo('tenant-a', user(1))), calendarEvents(calendar)));
      let answered = false;
      const teams = fakeTeams((message) => {
        if (message.kind !== 'reminder' || answered) return { status: 'sent' };
        answered = true;
        return first;
      });
      await drainAll(pacedDispatcher(teams.send), allOf('tenant-a'));
      const times = (kind: string) => teams.calls.filter((call) => call.message.kind === kind).map((call) => call.at);
      await store.close();
      return { reminders: times('reminder'), calendar: times('calendarEvent') };
    }

    const alone = await reminderTimes(0);
    const withCalendar = await reminderTimes(40);
    // Forty calendar events to the coordinator's mailbox go at once; a Teams message counted as it would
    // be (two requests to a person) would have taken 80 of the chat's 60 requests per 30 s.
    expect(withCalendar.calendar).toHaveLength(40);
    expect(Math.max(...withCalendar.calendar)).toBeLessThan(1_000);
    // The coordinator's Teams messages go exactly when they would without them.
    expect(withCalendar.reminders).toEqual(alone.reminders);
    // Teams throttles the tenant for 5 s: its Teams messages wait, the calendar events do not.
    const throttled = await reminderTimes(10, { status: 'throttled', retryAfterMs: 5_000, error: 'http429' });
    expect(Math.max(...throttled.calendar)).toBeLessThan(1_000);
    expect(throttled.reminders.slice(1).every((at) => at >= 5_000)).toBe(true);
    store = new SqliteCaseStore(':memory:');
  });

  it('caps a Retry-After at 60 s, backs off 2 s, 4 s after a 429 without one, and puts the message back after 3 tries', async () => {
    const message = messageTo('tenant-a', thread('19:a'));
    await store.appendOutbox([message]);
    const answers: SendResult[] = [
      { status: 'throttled', retryAfterMs: 3_600_000, error: 'http429' },
      { status: 'throttled', error: 'http429' },
      { status: 'throttled', error: 'http429' },
      { status: 'sent' },
    ];
    const teams = fakeTeams(() => answers.shift()!);
    const dispatcher = pacedDispatcher(teams.send);

    expect(await clock.run(dispatcher.runOnce())).toMatchObject({ claimed: 1, retried: 1 });
    expect(teams.calls.map((call) => call.at)).toEqual([0, 60_000, 64_000]);
    // Back in the store until the last wait (8 s, the third backoff) is over, with one attempt counted.
    expect((await allOf('tenant-a')())[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http429', notBefore: new Date(EPOCH + 64_000 + 8_000).toISOString() });

    await clock.advance(8_000);
    expect(await clock.run(dispatcher.runOnce())).toMatchObject({ claimed: 1, sent: 1 });
    expect(teams.calls.map((call) => call.at)).toEqual([0, 60_000, 64_000, 72_000]);
  });

  it('sends to several conversations at once, never two to one conversation, each conversation in order', async () => {
    const messages = Array.from({ length: 12 }, (_, index) => messageTo('tenant-a', thread(`19:c${index % 3}`)));
    await store.appendOutbox(messages);
    // Each send takes half a second, so sends under way overlap.
    const teams = fakeTeams(undefined, 500);

    expect(await clock.run(pacedDispatcher(teams.send, { concurrency: 8 }).runOnce())).toMatchObject({ claimed: 12, sent: 12 });

    expect(teams.mostUnderWay()).toBe(3);
    expect(teams.sameConversationAtOnce()).toBe(false);
    for (const conversation of ['19:c0', '19:c1', '19:c2']) {
      const order = teams.calls.filter((call) => call.message.to.kind === 'conversation' && call.message.to.conversationId === conversation).map((call) => call.message.id);
      expect(order).toEqual([...order].sort());
    }
  });

  it('leaves a message claimed (deferred, no attempt counted) when waiting would outlast its claim, and sends it once claimed again', async () => {
    await store.appendOutbox([messageTo('tenant-a', user(1)), messageTo('tenant-a', user(2))]);
    let first = true;
    const teams = fakeTeams(() => {
      if (first) {
        first = false;
        return { status: 'throttled', retryAfterMs: 45_000, error: 'http429' };
      }
      return { status: 'sent' };
    });
    // A claim of 60 s leaves 30 s to wait once a send's 30 s are kept free: not enough for 45 s.
    const dispatcher = pacedDispatcher(teams.send, { leaseMs: 60_000, sendBudgetMs: 30_000 });

    expect(await clock.run(dispatcher.runOnce())).toMatchObject({ claimed: 2, sent: 0, retried: 0, deferred: 2 });
    expect(teams.calls).toHaveLength(1);
    expect(clock.now()).toBeLessThan(1_000);
    expect((await allOf('tenant-a')()).map((message) => [message.status, message.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);

    await clock.advance(60_000);
    expect(await clock.run(dispatcher.runOnce())).toMatchObject({ claimed: 2, sent: 2 });
    expect(teams.delivered().size).toBe(2);
  });

  it('gives up the waits on stop(): the messages stay claimed, unsent', async () => {
    await store.appendOutbox([messageTo('tenant-a', user(1)), messageTo('tenant-a', user(2))]);
    const teams = fakeTeams((message) => (message.to.kind === 'user' && message.to.aadObjectId === 'aad-1' ? { status: 'throttled', retryAfterMs: 30_000, error: 'http429' } : { status: 'sent' }));
    const dispatcher = pacedDispatcher(teams.send);

    const run = dispatcher.runOnce();
    await clock.advance(1_000);
    await dispatcher.stop();
    expect(await clock.run(run)).toMatchObject({ claimed: 2, sent: 0, deferred: 2 });
    expect(teams.calls).toHaveLength(1);
    expect((await allOf('tenant-a')()).every((message) => message.status === 'pending' && message.attempts === 0)).toBe(true);
  });
});

describe('giving up', () => {
  const TENANT = 'tenant-a';
  const coordinator = { kind: 'user' as const, aadObjectId: 'aad-coordinator', teamsUserId: '29:mette' };

  async function seedCase(): Promise<void> {
    const created = createCase(
      TENANT,
      { aadObjectId: coordinator.aadObjectId, name: 'Mette Madsen', teamsUserId: coordinator.teamsUserId },
      { name: 'Emil Hansen', birthDate: '2008-03-14', status: 'neither' },
      { caseId: 'case-1', reference: 'S-ABCDE', coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
      new Date(EPOCH),
    );
    await store.createCase(created, { audit: [] });
  }

  it('parks a message that keeps failing as failed after maxAttempts, and the coordinator gets a sendFailed message', async () => {
    await seedCase();
    const message = messageTo(TENANT, thread('19:case-thread'), { kind: 'minutes', about: { meetingId: 'meeting-1' } });
    await store.appendOutbox([message]);
    const teams = fakeTeams((sent) => (sent.kind === 'sendFailed' ? { status: 'sent' } : { status: 'retry', error: 'http503' }));
    const dispatcher = pacedDispatcher(teams.send, { maxAttempts: 3, onGivenUp: tellCoordinator(store, now) });

    await drainAll(dispatcher, allOf(TENANT));

    const stored = await allOf(TENANT)();
    expect(stored.find((candidate) => candidate.id === message.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'http503' });
    const notice = stored.find((candidate) => candidate.kind === 'sendFailed');
    expect(notice).toMatchObject({
      id: sendFailedIdOf(message),
      to: coordinator,
      about: { messageId: message.id, failedKind: 'minutes', error: 'http503', conversationId: '19:case-thread' },
      status: 'sent',
    });
    // Tried 3 times with the backoff between (30 s, then 1 min), then the notice went out.
    const tries = teams.calls.filter((call) => call.message.id === message.id).map((call) => call.at);
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(30_000);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(60_000);
    expect(teams.calls.filter((call) => call.message.kind === 'sendFailed')).toHaveLength(1);
  });

  it('tells the coordinator of a permanent failure, not when the sender told them already, and never about a notice', async () => {
    await seedCase();
    const tooBig = messageTo(TENANT, user(7), { kind: 'agreementAssigned' });
    const unreachable = messageTo(TENANT, user(8), { kind: 'agreementAssigned' });
    await store.appendOutbox([tooBig, unreachable]);
    const teams = fakeTeams((sent) => {
      if (sent.id === tooBig.id) return { status: 'failed', error: 'http413' };
      if (sent.id === unreachable.id) return { status: 'failed', error: 'http403', coordinatorTold: true };
      return { status: 'failed', error: 'http403' };
    });
    const dispatcher = pacedDispatcher(teams.send, { onGivenUp: tellCoordinator(store, now) });

    await drainAll(dispatcher, allOf(TENANT));

    const stored = await allOf(TENANT)();
    const notices = stored.filter((candidate) => candidate.kind === 'sendFailed');
    expect(notices.map((notice) => notice.about)).toEqual([{ messageId: tooBig.id, failedKind: 'agreementAssigned', error: 'http413', aadObjectId: 'aad-7' }]);
    // The notice itself failed: given up, and nobody told about it.
    expect(notices[0]).toMatchObject({ status: 'failed', lastError: 'http403' });
    expect(stored.every((candidate) => candidate.status === 'failed')).toBe(true);
  });
});
