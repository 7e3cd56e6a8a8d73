// Installing the app for a team member before their first 1:1 message (issue 15 §3), through botbuilder
// against the Teams connector stub and Graph against the Graph stub, both on 127.0.0.1. An attempt runs
// as the dispatcher runs it: its `prepare` (installBeforeFirstMessage.ts: the app installed through
// Graph), then the connector requests the pacer counts for it (`connectorRequestsFor`), then the send.
// Teams opens a chat only with someone the app is installed for (else 403 ForbiddenOperationException),
// so each test shows the requests both stubs saw, and that the connector never got more than counted.
// And the activity feed notification a reminder or hand-over raises once it reached the person.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../bot/app/context';
import { type Case, type TeamMember, createCase } from '../../../bot/domain/case';
import { ReminderPlanner } from '../../../bot/domain/reminders';
import { WorkingDays } from '../../../bot/domain/workingDays';
import { createLogger } from '../../../bot/logger';
import type { SendResult } from '../../../bot/outbox/dispatcher';
import { connectorRequestsFor } from '../../../bot/outbox/pacing';
import type { OutboxMessage, OutboxRecipient } from '../../../bot/store/port';
import { SqliteCaseStore } from '../../../bot/store/sqliteStore';
import { createAdapter } from '../../../bot/teams/adapter';
import { graphAppInstallation } from '../../../bot/teams/graph/appInstallation';
import { chatMessageLink, graphActivityFeed } from '../../../bot/teams/graph/activityFeed';
import { GraphClient } from '../../../bot/teams/graph/graphClient';
import { installBeforeFirstMessage } from '../../../bot/teams/installBeforeFirstMessage';
import { createOutboxSender } from '../../../bot/teams/outboxSender';
import { type StubAnswer, type StubRequest, type TeamsConnectorStub, startTeamsConnectorStub } from '../../bench/teamsConnectorStub';
import { type GraphStub, startGraphStub } from './graphStub';

const TENANT = 'tenant-aarhus';
const CATALOG_APP_ID = '0d820ecd-def2-4297-adad-78056cde7c78';
const log = createLogger('silent');

let graph: GraphStub;
let teams: TeamsConnectorStub;
let store: SqliteCaseStore;
let counter = 0;

/** The Entra id of a Teams user id of this file's people (29:mette, 29:user-0). */
const aadOf = (teamsUserId: string) => teamsUserId.replace('29:user-', 'aad-').replace('29:mette', 'aad-mette');

/** A connector stub that opens a chat only with those Graph has the app installed for; `answer` scripts more. */
const connector = (answer?: (request: Omit<StubRequest, 'status'>) => StubAnswer | undefined) =>
  startTeamsConnectorStub({ installedFor: (teamsUserId) => graph.installedApps.has(aadOf(teamsUserId)), ...(answer ? { answer } : {}) });

beforeAll(async () => {
  graph = await startGraphStub();
});
afterAll(() => graph.close());
beforeEach(async () => {
  graph.requests.length = 0;
  graph.faults.length = 0;
  graph.installedApps.clear();
  // Mette, the coordinator, has the app; Jonas has not.
  graph.installedApps.set('aad-mette', [CATALOG_APP_ID]);
  teams = await connector();
  store = new SqliteCaseStore(':memory:');
  const created = createCase(
    TENANT,
    { aadObjectId: 'aad-mette', name: 'Mette Madsen', teamsUserId: '29:mette' },
    { name: 'Emil Hansen', birthDate: '2008-03-14', status: 'neither' },
    { caseId: 'case-1', reference: 'S-ABCDE', coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
    new Date(),
  );
  const jonas: TeamMember = { id: 'm-0', role: 'school', person: { kind: 'teams', aadObjectId: 'aad-0', name: 'Jonas Jensen', teamsUserId: '29:user-0' }, addedAt: created.createdAt };
  const withTeam: Case = { ...created, members: [...created.members, jonas], home: { kind: 'channelThread', conversationId: '19:case-thread' } };
  await store.createCase(withTeam, { audit: [] });
});
afterEach(async () => {
  await teams.close();
  await store.close();
});

const deps = (): AppDeps => ({ store, now: () => new Date(), newId: () => `id-${++counter}`, reminders: new ReminderPlanner(new WorkingDays()) });
const jonas: OutboxRecipient = { kind: 'user', aadObjectId: 'aad-0', teamsUserId: '29:user-0' };
const mette: OutboxRecipient = { kind: 'user', aadObjectId: 'aad-mette', teamsUserId: '29:mette' };

function reminderTo(to: OutboxRecipient): OutboxMessage {
  return {
    id: `message-${++counter}`,
    tenantId: TENANT,
    caseId: 'case-1',
    kind: 'reminder',
    to,
    about: { reminder: 'transitionMeeting', memberId: 'm-coordinator', age: '18½', birthday: '14.09.2026' },
    serviceUrl: teams.url,
    notBefore: new Date().toISOString(),
    status: 'pending',
    attempts: 0,
  } as OutboxMessage;
}

const graphClient = () => new GraphClient({ baseUrl: graph.url, tokens: async () => 'token', sleep: async () => undefined, maxTries: 2, maxTotalWaitMs: 5_000 });

function sender(withFeed = false) {
  return createOutboxSender({ adapter: createAdapter(undefined, log), botAppId: '', deps: deps(), log, ...(withFeed ? { notifyActivity: graphActivityFeed(graphClient()) } : {}) });
}

/**
 * One attempt, as the dispatcher makes it: `prepare` (when Graph is on), the connector requests the pacer
 * counts, the send. `made`: the requests the connector stub then saw.
 */
async function attempt(message: OutboxMessage, withGraph = true): Promise<{ result: SendResult; counted: number; made: number }> {
  const prepared = withGraph ? await installBeforeFirstMessage({ store, installApp: graphAppInstallation(graphClient(), CATALOG_APP_ID, graph.url), log })(message) : undefined;
  if (prepared) return { result: prepared, counted: 0, made: 0 };
  const counted = await connectorRequestsFor(store)(message);
  const before = teams.requests.length;
  const result = await sender()(message);
  return { result, counted, made: teams.requests.length - before };
}

const unreachableNotices = async () => (await store.listOutbox(TENANT, 'case-1')).filter((message) => message.kind === 'unreachable');
const connectorSaw = () => teams.requests.map((request) => [request.kind, request.status]);

describe('installing the app before a first 1:1 message', () => {
  it('installs it first, then opens the chat and posts: the two requests the pacer counted; the chat is remembered', async () => {
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'sent' }, counted: 2, made: 2 });
    expect(graph.requests).toMatchObject([
      { method: 'POST', path: '/users/aad-0/teamwork/installedApps', body: { 'teamsApp@odata.bind': `${graph.url}/appCatalogs/teamsApps/${CATALOG_APP_ID}` }, status: 201 },
    ]);
    expect(connectorSaw()).toEqual([
      ['createConversation', 201],
      ['activity', 200],
    ]);
    expect(graph.installedApps.get('aad-0')).toEqual([CATALOG_APP_ID]);
    expect((await store.getUserState(TENANT, 'aad-0'))?.personalConversationId).toBe(teams.chatIdOf('29:user-0'));
    expect(await unreachableNotices()).toEqual([]);
    // The next message goes straight to the chat: no installation, one request.
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'sent' }, counted: 1, made: 1 });
    expect(graph.requests).toHaveLength(1);
    expect(teams.requests.at(-1)).toMatchObject({ kind: 'activity', status: 200 });
  });

  it('takes Graph\'s 409 for someone who has the app but whose chat the bot does not know as done, and opens the chat', async () => {
    expect(await attempt(reminderTo(mette))).toEqual({ result: { status: 'sent' }, counted: 2, made: 2 });
    expect(graph.requests.map((request) => [request.method, request.path, request.status])).toEqual([['POST', '/users/aad-mette/teamwork/installedApps', 409]]);
    expect(graph.installedApps.get('aad-mette')).toEqual([CATALOG_APP_ID]);
  });

  it('asks Graph nothing for someone whose chat the bot knows', async () => {
    await store.putUserState({ tenantId: TENANT, aadObjectId: 'aad-mette', personalConversationId: teams.chatIdOf('29:mette') });
    expect(await attempt(reminderTo(mette))).toEqual({ result: { status: 'sent' }, counted: 1, made: 1 });
    expect(graph.requests).toEqual([]);
  });

  it('leaves the person unreachable as before when Graph refuses the installation (no permission) and Teams the chat: thread and coordinator told', async () => {
    graph.faults.push({ status: 403 });
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'failed', error: 'http403', coordinatorTold: true }, counted: 2, made: 1 });
    expect(graph.requests.map((request) => request.status)).toEqual([403]);
    expect(connectorSaw()).toEqual([['createConversation', 403]]);
    expect((await unreachableNotices()).map((message) => message.to.kind)).toEqual(['conversation', 'user']);
  });

  it('reaches someone an administrator installed the app for although Graph refuses the bot (no permission)', async () => {
    graph.installedApps.set('aad-0', [CATALOG_APP_ID]);
    graph.faults.push({ status: 403 });
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'sent' }, counted: 2, made: 2 });
    expect(await unreachableNotices()).toEqual([]);
  });

  it('tries again later when Graph throttles the installation past its bound, before any connector request; nothing told or lost', async () => {
    graph.faults.push({ status: 429, retryAfter: '3' }, { status: 429, retryAfter: '4' });
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'retry', afterMs: 4000, error: 'http429' }, counted: 0, made: 0 });
    expect(teams.requests).toEqual([]);
    expect(await unreachableNotices()).toEqual([]);
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'sent' }, counted: 2, made: 2 });
    expect(graph.requests.map((request) => request.status)).toEqual([429, 429, 201]);
  });

  it('gives up on someone Teams refuses although the app is installed (409 from Graph): unreachable after one request, not asked twice', async () => {
    await teams.close();
    teams = await connector((request) => (request.kind === 'createConversation' ? { status: 403, body: { error: { code: 'ForbiddenOperationException', message: 'no' } } } : undefined));
    graph.installedApps.set('aad-0', [CATALOG_APP_ID]);
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'failed', error: 'http403', coordinatorTold: true }, counted: 2, made: 1 });
    expect(connectorSaw()).toEqual([['createConversation', 403]]);
    expect(graph.requests.map((request) => [request.path, request.status])).toEqual([['/users/aad-0/teamwork/installedApps', 409]]);
  });

  it('forgets a known chat Teams refuses and tries again at once as a first message: installed, opened, posted, each attempt within its count', async () => {
    await store.putUserState({ tenantId: TENANT, aadObjectId: 'aad-0', personalConversationId: 'a:chat-gone' });
    await teams.close();
    teams = await connector((request) => (request.conversationId === 'a:chat-gone' ? { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } } : undefined));
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'retry', afterMs: 0, error: 'http404' }, counted: 1, made: 1 });
    expect((await store.getUserState(TENANT, 'aad-0'))?.personalConversationId).toBeUndefined();
    expect(graph.requests).toEqual([]);
    expect(await attempt(reminderTo(jonas))).toEqual({ result: { status: 'sent' }, counted: 2, made: 2 });
    expect(graph.requests.map((request) => [request.path, request.status])).toEqual([['/users/aad-0/teamwork/installedApps', 201]]);
    expect(connectorSaw()).toEqual([
      ['activity', 404],
      ['createConversation', 201],
      ['activity', 200],
    ]);
    expect((await store.getUserState(TENANT, 'aad-0'))?.personalConversationId).toBe(teams.chatIdOf('29:user-0'));
    expect(await unreachableNotices()).toEqual([]);
  });

  it('without Graph (the embedded run) is as before: no installation, the person unreachable', async () => {
    expect(await attempt(reminderTo(jonas), false)).toEqual({ result: { status: 'failed', error: 'http403', coordinatorTold: true }, counted: 2, made: 1 });
    expect(connectorSaw()).toEqual([['createConversation', 403]]);
    expect(graph.requests).toEqual([]);
  });
});

describe('a person who blocked the bot', () => {
  const blockedBy = (code: string) => (request: { kind: string }) =>
    request.kind === 'activity' ? { status: 403, body: { error: { code, message: 'User blocked the conversation with the bot.' } } } : undefined;

  it.each(['ConversationBlockedByUser', 'MessageWritesBlocked'])('(%s) is not retried, nothing is installed, and the coordinator is told once, not the thread', async (code) => {
    await teams.close();
    teams = await connector(blockedBy(code));
    graph.installedApps.set('aad-0', [CATALOG_APP_ID]);
    for (let index = 0; index < 3; index++) expect((await attempt(reminderTo(jonas))).result).toEqual({ status: 'failed', error: 'blocked', coordinatorTold: true });
    // Graph was asked, and answered that the app is there: nothing installed.
    expect(graph.requests.map((request) => request.status)).toEqual([409, 409, 409]);
    expect(graph.installedApps.get('aad-0')).toEqual([CATALOG_APP_ID]);
    const notices = await unreachableNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: { kind: 'user', aadObjectId: 'aad-mette' }, about: { memberId: 'm-0', blocked: true } });
    // The coordinator reads it in one sentence: who, and what to do.
    await teams.close();
    teams = await startTeamsConnectorStub({});
    expect(await sender()({ ...notices[0]!, serviceUrl: teams.url })).toEqual({ status: 'sent' });
    const card = JSON.stringify(teams.delivered.get(teams.chatIdOf('29:mette'))?.[0]);
    expect(card).toContain('Jonas Jensen har blokeret Samarbejdsbot i Teams, så botten kan ikke skrive til personen om sagen; giv selv besked, eller bed personen fjerne blokeringen.');
  });
});

describe('the activity feed notification', () => {
  const feedRequests = () => graph.requests.filter((request) => request.path.endsWith('/teamwork/sendActivityNotification'));
  it('follows a reminder that reached the person: its type, the reference only, and a link that opens the message in the chat', async () => {
    expect(await sender(true)(reminderTo(mette))).toEqual({ status: 'sent' });
    const posted = teams.requests.at(-1)!;
    expect(posted.kind).toBe('activity');
    const chatId = teams.chatIdOf('29:mette');
    const [notification, ...more] = feedRequests();
    expect(more).toEqual([]);
    expect(notification).toMatchObject({
      method: 'POST',
      path: '/users/aad-mette/teamwork/sendActivityNotification',
      body: {
        topic: { source: 'text', value: 'Samarbejdsbot' },
        activityType: 'reminder',
        previewText: { content: 'Sag S-ABCDE: en påmindelse fra Samarbejdsbot' },
        templateParameters: [{ name: 'reference', value: 'S-ABCDE' }],
      },
    });
    const webUrl = (notification!.body as { topic: { webUrl: string } }).topic.webUrl;
    const messageId = /\/l\/message\/[^/]+\/([^?]+)\?/.exec(webUrl)?.[1] ?? '';
    expect(messageId).toMatch(/^stub-\d+$/);
    expect(webUrl).toBe(chatMessageLink({ chatId, messageId }));
  });

  it('is none for a message into a conversation, and none when the feature is off', async () => {
    const minutes = { ...reminderTo(mette), kind: 'minutes', to: { kind: 'conversation', conversationId: '19:case-thread' }, about: { meetingId: 'none' } } as OutboxMessage;
    await sender(true)(minutes);
    expect(await sender(false)(reminderTo(mette))).toEqual({ status: 'sent' });
    expect(feedRequests()).toEqual([]);
  });

  it('leaves the message sent when Graph refuses the notification (no permission), without trying again', async () => {
    graph.faults.push({ status: 403 });
    expect(await sender(true)(reminderTo(mette))).toEqual({ status: 'sent' });
    expect(teams.requests.filter((request) => request.kind === 'activity')).toHaveLength(1);
    expect(graph.requests).toHaveLength(1);
  });
});
