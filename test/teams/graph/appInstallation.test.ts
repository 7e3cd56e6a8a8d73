// Installing the app for a team member before their first 1:1 message (issue 15 §3), through botbuilder
// against the Teams connector stub and Graph against the Graph stub, both on 127.0.0.1: Teams refuses
// the chat while the app is not installed for the person; the sender installs it through Graph and sends.
// And the activity feed notification a reminder or hand-over raises once it reached the person.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../bot/app/context';
import { type Case, type TeamMember, createCase } from '../../../bot/domain/case';
import { ReminderPlanner } from '../../../bot/domain/reminders';
import { WorkingDays } from '../../../bot/domain/workingDays';
import { createLogger } from '../../../bot/logger';
import type { OutboxMessage, OutboxRecipient } from '../../../bot/store/port';
import { SqliteCaseStore } from '../../../bot/store/sqliteStore';
import { createAdapter } from '../../../bot/teams/adapter';
import { graphAppInstallation } from '../../../bot/teams/graph/appInstallation';
import { chatMessageLink, graphActivityFeed } from '../../../bot/teams/graph/activityFeed';
import { GraphClient } from '../../../bot/teams/graph/graphClient';
import { createOutboxSender } from '../../../bot/teams/outboxSender';
import { type TeamsConnectorStub, startTeamsConnectorStub } from '../../bench/teamsConnectorStub';
import { type GraphStub, startGraphStub } from './graphStub';

const TENANT = 'tenant-aarhus';
const CATALOG_APP_ID = '0d820ecd-def2-4297-adad-78056cde7c78';
const log = createLogger('silent');

let graph: GraphStub;
let teams: TeamsConnectorStub;
let store: SqliteCaseStore;
/** Who Teams lets the bot open a 1:1 chat with: those the app is installed for. */
let installedFor: Set<string>;
let counter = 0;

beforeAll(async () => {
  graph = await startGraphStub();
});
afterAll(() => graph.close());
beforeEach(async () => {
  installedFor = new Set(['aad-mette']);
  graph.requests.length = 0;
  graph.faults.length = 0;
  graph.installedApps.clear();
  graph.onInstalled = (userId) => installedFor.add(userId);
  teams = await startTeamsConnectorStub({
    answer: (request) => {
      if (request.kind !== 'createConversation') return undefined;
      const member = (request.body?.members as Array<{ id: string }> | undefined)?.[0]?.id ?? '';
      // Teams: 403 for a chat with a user who has not installed the app.
      return installedFor.has(member.replace('29:user-', 'aad-').replace('29:mette', 'aad-mette')) ? undefined : { status: 403, body: { error: { code: 'Forbidden', message: 'no' } } };
    },
  });
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

function sender(withInstallation = true, withFeed = false) {
  const client = new GraphClient({ baseUrl: graph.url, tokens: async () => 'token', sleep: async () => undefined, maxTries: 2, maxTotalWaitMs: 5_000 });
  const appDeps = deps();
  return createOutboxSender({
    adapter: createAdapter(undefined, log),
    botAppId: '',
    deps: appDeps,
    log,
    ...(withInstallation ? { installApp: graphAppInstallation(client, CATALOG_APP_ID, graph.url) } : {}),
    ...(withFeed ? { notifyActivity: graphActivityFeed(client) } : {}),
  });
}

const unreachableNotices = async () => (await store.listOutbox(TENANT, 'case-1')).filter((message) => message.kind === 'unreachable');

describe('installing the app before a first 1:1 message', () => {
  it('installs it for the person when Teams refuses the chat, then opens the chat and sends; the chat is remembered', async () => {
    expect(await sender()(reminderTo(jonas))).toEqual({ status: 'sent' });
    expect(teams.requests.map((request) => [request.kind, request.status])).toEqual([
      ['createConversation', 403],
      ['createConversation', 201],
      ['activity', 200],
    ]);
    expect(graph.requests).toMatchObject([
      { method: 'POST', path: '/users/aad-0/teamwork/installedApps', body: { 'teamsApp@odata.bind': `${graph.url}/appCatalogs/teamsApps/${CATALOG_APP_ID}` } },
    ]);
    expect(graph.installedApps.get('aad-0')).toEqual([CATALOG_APP_ID]);
    expect((await store.getUserState(TENANT, 'aad-0'))?.personalConversationId).toBe(teams.chatIdOf('29:user-0'));
    expect(await unreachableNotices()).toEqual([]);
    // The next message goes straight to the chat: no installation, one request.
    expect(await sender()(reminderTo(jonas))).toEqual({ status: 'sent' });
    expect(graph.requests).toHaveLength(1);
    expect(teams.requests.at(-1)).toMatchObject({ kind: 'activity', status: 200 });
  });

  it('installs nothing for someone the bot reaches already', async () => {
    expect(await sender()(reminderTo({ kind: 'user', aadObjectId: 'aad-mette', teamsUserId: '29:mette' }))).toEqual({ status: 'sent' });
    expect(graph.requests).toEqual([]);
  });

  it('leaves the person unreachable as before when Graph refuses the installation (no permission): thread and coordinator told', async () => {
    graph.faults.push({ status: 403 });
    expect(await sender()(reminderTo(jonas))).toEqual({ status: 'failed', error: 'http403', coordinatorTold: true });
    expect((await unreachableNotices()).map((message) => message.to.kind)).toEqual(['conversation', 'user']);
  });

  it('tries again later when Graph throttles the installation past its bound, and nothing is told or lost', async () => {
    graph.faults.push({ status: 429, retryAfter: '3' }, { status: 429, retryAfter: '4' });
    expect(await sender()(reminderTo(jonas))).toEqual({ status: 'retry', afterMs: 4000, error: 'http429' });
    expect(await unreachableNotices()).toEqual([]);
    expect(await sender()(reminderTo(jonas))).toEqual({ status: 'sent' });
  });

  it('gives up on someone Teams still refuses with the app installed (409 from Graph): unreachable, after one more try', async () => {
    graph.installedApps.set('aad-0', [CATALOG_APP_ID]);
    expect(await sender()(reminderTo(jonas))).toEqual({ status: 'failed', error: 'http403', coordinatorTold: true });
    expect(teams.requests.map((request) => request.kind)).toEqual(['createConversation', 'createConversation']);
    expect(graph.requests.map((request) => request.path)).toEqual(['/users/aad-0/teamwork/installedApps']);
  });

  it('without Graph (the embedded run) is as before: no installation, the person unreachable', async () => {
    expect(await sender(false)(reminderTo(jonas))).toEqual({ status: 'failed', error: 'http403', coordinatorTold: true });
    expect(teams.requests.map((request) => request.kind)).toEqual(['createConversation']);
    expect(graph.requests).toEqual([]);
  });
});

describe('a person who blocked the bot', () => {
  const blockedBy = (code: string) => (request: { kind: string }) =>
    request.kind === 'activity' ? { status: 403, body: { error: { code, message: 'User blocked the conversation with the bot.' } } } : undefined;

  it.each(['ConversationBlockedByUser', 'MessageWritesBlocked'])('(%s) is not retried, nothing is installed, and the coordinator is told once, not the thread', async (code) => {
    await teams.close();
    teams = await startTeamsConnectorStub({ answer: blockedBy(code) });
    installedFor.add('aad-0');
    for (let index = 0; index < 3; index++) expect(await sender()(reminderTo(jonas))).toEqual({ status: 'failed', error: 'blocked', coordinatorTold: true });
    expect(graph.requests).toEqual([]);
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
  const mette: OutboxRecipient = { kind: 'user', aadObjectId: 'aad-mette', teamsUserId: '29:mette' };

  it('follows a reminder that reached the person: its type, the reference only, and a link that opens the message in the chat', async () => {
    expect(await sender(true, true)(reminderTo(mette))).toEqual({ status: 'sent' });
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
    await sender(true, true)(minutes);
    expect(await sender(true, false)(reminderTo(mette))).toEqual({ status: 'sent' });
    expect(feedRequests()).toEqual([]);
  });

  it('leaves the message sent when Graph refuses the notification (no permission), without trying again', async () => {
    graph.faults.push({ status: 403 });
    expect(await sender(true, true)(reminderTo(mette))).toEqual({ status: 'sent' });
    expect(teams.requests.filter((request) => request.kind === 'activity')).toHaveLength(1);
    expect(graph.requests).toHaveLength(1);
  });
});
