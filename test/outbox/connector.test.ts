// Through real HTTP: botbuilder's CloudAdapter and connector client against a Teams connector stub on
// 127.0.0.1. First what botbuilder's pipeline does by itself with a 429 (why the sender owns its
// retries), then the outbox sender (one request per try, the Retry-After read), then the dispatcher,
// its pacer and the sender together through a spell of 429s and a message that keeps failing.
// Retry-After is 1 s at most: no test waits longer than a few seconds.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationParameters } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../bot/app/context';
import { rememberPersonalChat } from '../../bot/app/readCase';
import { type Case, type TeamMember, createCase } from '../../bot/domain/case';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { en } from '../../bot/i18n/en';
import { WorkingDays } from '../../bot/domain/workingDays';
import { createLogger } from '../../bot/logger';
import { OutboxDispatcher } from '../../bot/outbox/dispatcher';
import { sendFailedIdOf, tellCoordinator } from '../../bot/app/deliveryNotices';
import { SendPacer, connectorRequestsFor, realPacingClock } from '../../bot/outbox/pacing';
import type { OutboxMessage, OutboxRecipient } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { createAdapter } from '../../bot/teams/adapter';
import { createOutboxSender } from '../../bot/teams/outboxSender';
import { type StubAnswer, type StubRequest, type TeamsConnectorStub, startTeamsConnectorStub } from '../bench/teamsConnectorStub';

const TENANT = 'tenant-aarhus';
const log = createLogger('silent');

const throttledFor = (seconds?: number): StubAnswer => ({
  status: 429,
  headers: seconds === undefined ? {} : { 'retry-after': String(seconds) },
  body: { error: { code: 'Throttled', message: 'too many requests' } },
});

let stub: TeamsConnectorStub;
let script: ((request: Omit<StubRequest, 'status'>) => StubAnswer | undefined) | undefined;
let store: SqliteCaseStore;
let counter = 0;
const deps = (): AppDeps => ({ store, now: () => new Date(), newId: () => `id-${++counter}`, reminders: new ReminderPlanner(new WorkingDays()) });

beforeEach(async () => {
  script = undefined;
  stub = await startTeamsConnectorStub({
    answer: (request) => script?.(request),
    limits: {
      tenant: [{ limit: 50, perMs: 1_000 }],
      conversation: [
        { limit: 7, perMs: 1_000 },
        { limit: 8, perMs: 2_000 },
      ],
      retryAfterSeconds: 1,
    },
  });
  store = new SqliteCaseStore(':memory:');
});
afterEach(async () => {
  await stub.close();
  await store.close();
});

/** A case with its coordinator (Mette) and `others` more Teams users on the team, and a thread. */
async function seedCase(others: number): Promise<Case> {
  const created = createCase(
    TENANT,
    { aadObjectId: 'aad-mette', name: 'Mette Madsen', teamsUserId: '29:mette' },
    { name: 'Emil Hansen', birthDate: '2008-03-14', status: 'neither' },
    { caseId: 'case-1', reference: 'S-ABCDE', coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
    new Date(),
  );
  const members: TeamMember[] = Array.from({ length: others }, (_, index) => ({
    id: `m-${index}`,
    role: 'school',
    person: { kind: 'teams', aadObjectId: `aad-${index}`, name: `Lærer ${index}`, teamsUserId: `29:user-${index}` },
    addedAt: created.createdAt,
  }));
  const withTeam: Case = { ...created, members: [...created.members, ...members], home: { kind: 'channelThread', conversationId: '19:case-thread' } };
  await store.createCase(withTeam, { audit: [] });
  return withTeam;
}

const mette: OutboxRecipient = { kind: 'user', aadObjectId: 'aad-mette', teamsUserId: '29:mette' };
const member = (index: number): OutboxRecipient => ({ kind: 'user', aadObjectId: `aad-${index}`, teamsUserId: `29:user-${index}` });

function reminderTo(to: OutboxRecipient, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: `message-${String(++counter).padStart(4, '0')}`,
    tenantId: TENANT,
    caseId: 'case-1',
    kind: 'reminder',
    to,
    about: { reminder: 'transitionMeeting', memberId: 'm-coordinator', age: '18½', birthday: '14.09.2026' },
    serviceUrl: stub.url,
    notBefore: new Date(Date.now() - 60_000 + counter).toISOString(),
    status: 'pending',
    attempts: 0,
    ...overrides,
  } as OutboxMessage;
}

const cardText = (activity: Record<string, unknown>) => JSON.stringify(activity.attachments ?? activity.text ?? '');

describe("botbuilder's connector client as it comes", () => {
  it('waits out a 429 with Retry-After by itself, inside the call; gives up at once on one without, and onTurnError swallows that', async () => {
    const adapter = createAdapter(undefined, log);
    const reference = { channelId: 'msteams', serviceUrl: stub.url, conversation: { id: '19:case-thread', isGroup: true, conversationType: '', name: '' } };
    const post = (through: CloudAdapter) =>
      through.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity('hello');
      });
    let first = true;
    script = () => {
      if (!first) return undefined;
      first = false;
      return throttledFor(1);
    };
    await post(adapter);
    // Two requests, a second apart, inside one sendActivity: no caller saw the 429, nor could bound the wait.
    expect(stub.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(stub.requests[1]!.at - stub.requests[0]!.at).toBeGreaterThanOrEqual(950);

    // Without Retry-After: one request, and the error goes to onTurnError, which the service's
    // adapter has: the proactive call resolves as though the message had gone.
    script = () => throttledFor();
    await expect(post(adapter)).resolves.toBeUndefined();
    // An adapter without onTurnError passes the error on.
    await expect(post(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})))).rejects.toMatchObject({ statusCode: 429 });
    expect(stub.requests.map((request) => request.status)).toEqual([429, 200, 429, 429]);
  });
});

describe('the outbox sender', () => {
  const sender = () => createOutboxSender({ adapter: createAdapter(undefined, log), botAppId: '', deps: deps(), log });

  it('opens the 1:1 chat and posts the card to it, as Teams expects', async () => {
    await seedCase(0);
    expect(await sender()(reminderTo(mette))).toEqual({ status: 'sent' });

    expect(stub.requests.map((request) => [request.kind, request.status, request.tenantId])).toEqual([
      ['createConversation', 201, TENANT],
      ['activity', 200, TENANT],
    ]);
    const [created] = stub.requests;
    expect((created!.body as unknown as ConversationParameters).members?.[0]?.id).toBe('29:mette');
    const posted = stub.delivered.get(stub.chatIdOf('29:mette')) ?? [];
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'message', conversation: { id: stub.chatIdOf('29:mette'), tenantId: TENANT } });
    expect(cardText(posted[0]!)).toContain('application/vnd.microsoft.card.adaptive');
  });

  it('remembers the 1:1 chat it opened: the next message to the person is one request', async () => {
    await seedCase(0);
    const send = sender();
    expect(await send(reminderTo(mette))).toEqual({ status: 'sent' });
    expect(await send(reminderTo(mette, { id: 'second' }))).toEqual({ status: 'sent' });
    expect(stub.requests.map((request) => request.kind)).toEqual(['createConversation', 'activity', 'activity']);
    expect((await store.getUserState(TENANT, 'aad-mette'))?.personalConversationId).toBe(stub.chatIdOf('29:mette'));
  });

  it('forgets the chat it knew when it is gone (404) and has the message tried again at once, which opens the chat anew', async () => {
    await seedCase(0);
    await store.putUserState({ tenantId: TENANT, aadObjectId: 'aad-mette', personalConversationId: 'a:chat-gone' });
    script = (request) => (request.conversationId === 'a:chat-gone' ? { status: 404 } : undefined);
    // One request, as counted for a known chat; the two of a first message come with the next attempt, counted as such.
    expect(await sender()(reminderTo(mette))).toEqual({ status: 'retry', afterMs: 0, error: 'http404' });
    expect(await connectorRequestsFor(store)(reminderTo(mette))).toBe(2);
    expect(await sender()(reminderTo(mette))).toEqual({ status: 'sent' });
    expect(stub.requests.map((request) => [request.kind, request.status])).toEqual([
      ['activity', 404],
      ['createConversation', 201],
      ['activity', 200],
    ]);
    expect((await store.getUserState(TENANT, 'aad-mette'))?.personalConversationId).toBe(stub.chatIdOf('29:mette'));
  });

  it('sees each 429 itself, in one request: the Retry-After read, or none when Teams gave none', async () => {
    await seedCase(0);
    script = (request) => (request.kind === 'createConversation' ? throttledFor(1) : undefined);
    expect(await sender()(reminderTo(mette))).toEqual({ status: 'throttled', retryAfterMs: 1_000, error: 'http429' });
    expect(stub.requests).toHaveLength(1);

    script = (request) => (request.kind === 'activity' ? throttledFor() : undefined);
    expect(await sender()(reminderTo(mette))).toEqual({ status: 'throttled', error: 'http429' });
    expect(stub.requests.map((request) => [request.kind, request.status])).toEqual([
      ['createConversation', 429],
      ['createConversation', 201],
      ['activity', 429],
    ]);
  });

  it('hands 412, 502, 503 and 504 back as a retry at once, without the pipeline retrying them; 413 fails for good', async () => {
    await seedCase(0);
    const send = sender();
    for (const status of [412, 502, 503, 504]) {
      script = () => ({ status, body: { error: { code: 'Failed' } } });
      const before = stub.requests.length;
      expect(await send(reminderTo(mette))).toEqual({ status: 'retry', error: `http${status}` });
      expect(stub.requests.length - before).toBe(1);
    }
    script = () => ({ status: 503, headers: { 'retry-after': '2' } });
    expect(await send(reminderTo(mette))).toEqual({ status: 'retry', afterMs: 2_000, error: 'http503' });
    script = (request) => (request.kind === 'activity' ? { status: 413 } : undefined);
    expect(await send(reminderTo(mette))).toEqual({ status: 'failed', error: 'http413' });
  });

  it('on 403 falls back to the thread and the coordinator, and says the coordinator was told', async () => {
    await seedCase(1);
    script = (request) => (request.kind === 'createConversation' ? { status: 403 } : undefined);
    const message = reminderTo(member(0));
    expect(await sender()(message)).toEqual({ status: 'failed', error: 'http403', coordinatorTold: true });
    const queued = (await store.listOutbox(TENANT, 'case-1')).filter((candidate) => candidate.kind === 'unreachable');
    expect(queued.map((candidate) => candidate.to)).toEqual([{ kind: 'conversation', conversationId: '19:case-thread' }, mette]);
  });

  it('renders a sendFailed notice to the coordinator in Danish, naming whom the message was for', async () => {
    await seedCase(1);
    const failed = reminderTo(member(0));
    const notice = reminderTo(mette, { id: sendFailedIdOf(failed), kind: 'sendFailed', about: { messageId: failed.id, failedKind: 'reminder', error: 'http503', aadObjectId: 'aad-0' } });
    expect(await sender()(notice)).toEqual({ status: 'sent' });
    const text = cardText(stub.delivered.get(stub.chatIdOf('29:mette'))![0]!);
    expect(text).toContain('S-ABCDE: en besked blev ikke leveret');
    expect(text).toContain('til Lærer 0');
  });

  it("writes to a person in the language of their own last turn in the 1:1 chat, Danish when unknown", async () => {
    await seedCase(1);
    const failed = reminderTo(member(0));
    const notice = (id: string) => reminderTo(mette, { id, kind: 'sendFailed', about: { messageId: failed.id, failedKind: 'reminder', error: 'http503', aadObjectId: 'aad-0' } });
    // Mette wrote to the bot from an English Teams: the bot remembers the chat and its locale.
    await rememberPersonalChat(store, TENANT, 'aad-mette', stub.chatIdOf('29:mette'), 'en-US');
    expect(await sender()(notice('in-english'))).toEqual({ status: 'sent' });
    const english = cardText(stub.delivered.get(stub.chatIdOf('29:mette'))!.at(-1)!);
    expect(english).toContain(en.cards.outbox.sendFailed.title('S-ABCDE'));
    expect(english).not.toContain('en besked blev ikke leveret');
    // Back in a Danish Teams.
    await rememberPersonalChat(store, TENANT, 'aad-mette', stub.chatIdOf('29:mette'), 'da-DK');
    expect(await sender()(notice('in-danish'))).toEqual({ status: 'sent' });
    expect(cardText(stub.delivered.get(stub.chatIdOf('29:mette'))!.at(-1)!)).toContain('S-ABCDE: en besked blev ikke leveret');
  });
});

describe('the dispatcher, its pacer and the sender, through a throttling connector', () => {
  function dispatcherWith(overrides: Partial<ConstructorParameters<typeof OutboxDispatcher>[0]> = {}) {
    const appDeps = deps();
    return new OutboxDispatcher({
      store,
      now: appDeps.now,
      owner: 'dispatcher-test',
      send: createOutboxSender({ adapter: createAdapter(undefined, log), botAppId: '', deps: appDeps, log }),
      leaseMs: 60_000,
      batchSize: 50,
      concurrency: 8,
      pacer: new SendPacer({ clock: realPacingClock }),
      throttleBackoffMs: () => 300,
      onGivenUp: tellCoordinator(store, appDeps.now),
      ...overrides,
    });
  }

  async function runUntilSettled(dispatcher: OutboxDispatcher, timeoutMs = 10_000): Promise<OutboxMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await dispatcher.runOnce();
      const all = await store.listOutbox(TENANT, 'case-1');
      if (all.every((message) => message.status !== 'pending')) return all;
      if (Date.now() > deadline) throw new Error(`still pending: ${all.filter((message) => message.status === 'pending').length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('waits out a spell of 429s (Retry-After: 1, and one without), holding the tenant back meanwhile, and delivers everything once', async () => {
    await seedCase(8);
    const messages = [...Array.from({ length: 16 }, (_, index) => reminderTo(member(index % 8))), ...Array.from({ length: 4 }, () => reminderTo(mette))];
    await store.appendOutbox(messages);
    // Every request is refused with Retry-After: 1 for 1.2 s from the first; then one more 429, without Retry-After.
    let spellFrom: number | undefined;
    let headerless = false;
    const scripted: number[] = [];
    script = (request) => {
      spellFrom ??= request.at;
      const answer = request.at < spellFrom + 1_200 ? throttledFor(1) : !headerless && stub.requests.filter((r) => r.status === 201).length >= 5 ? throttledFor() : undefined;
      if (answer && request.at >= spellFrom + 1_200) headerless = true;
      if (answer) scripted.push(request.at);
      return answer;
    };

    const all = await runUntilSettled(dispatcherWith());

    expect(all.map((message) => message.status)).toEqual(messages.map(() => 'sent'));
    // Each person got exactly their messages, once each.
    for (let index = 0; index < 8; index++) expect(stub.delivered.get(stub.chatIdOf(`29:user-${index}`))).toHaveLength(2);
    expect(stub.delivered.get(stub.chatIdOf('29:mette'))).toHaveLength(4);
    // The 429s were the scripted ones only: the pacing never ran into the connector's limits.
    const refused = stub.requests.filter((request) => request.status === 429);
    expect(refused.map((request) => request.at)).toEqual(scripted);
    expect(scripted.length).toBeGreaterThanOrEqual(3);
    // After each 429, the tenant waited: nothing new arrived until its Retry-After (1 s, or the 300 ms backoff) had passed.
    // (Requests already under way when the 429 came may arrive in its first few milliseconds.)
    for (const [index, refusal] of refused.entries()) {
      const waitMs = refusal.at < spellFrom! + 1_200 ? 1_000 : 300;
      const early = stub.requests.filter((request) => request.at > refusal.at + 50 && request.at < refusal.at + waitMs - 20);
      expect({ refusal: index, early: early.length }).toEqual({ refusal: index, early: 0 });
    }
  });

  it('gives a message that keeps failing up after the bounded attempts, and tells the coordinator through Teams', async () => {
    await seedCase(1);
    const failing = reminderTo(member(0));
    await store.appendOutbox([failing]);
    script = (request) => (request.conversationId === stub.chatIdOf('29:user-0') ? { status: 503 } : undefined);

    const all = await runUntilSettled(dispatcherWith({ maxAttempts: 3, backoffMs: () => 100 }));

    expect(all.find((message) => message.id === failing.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'http503' });
    expect(all.find((message) => message.kind === 'sendFailed')).toMatchObject({ id: sendFailedIdOf(failing), status: 'sent', to: mette });
    // 3 tries of one request each (the chat could not even be opened), then the notice: open and post.
    expect(stub.requests.filter((request) => request.conversationId === stub.chatIdOf('29:user-0'))).toHaveLength(3);
    const notice = stub.delivered.get(stub.chatIdOf('29:mette')) ?? [];
    expect(notice).toHaveLength(1);
    expect(cardText(notice[0]!)).toContain('til Lærer 0');
  });
});
