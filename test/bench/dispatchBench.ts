// Bench section (b): reminders to as many owners (1:1 chats, one tenant) through the real dispatcher
// (TEAMS_DISPATCH settings, its pacer sharing the tenant's pacing through the store, started on its
// timer as the service starts it) and the real Teams sending path (createOutboxSender on botbuilder's
// CloudAdapter, over HTTP), against a connector stub on 127.0.0.1 that enforces Teams' limits (50
// requests a second per tenant; 7 a second, 8 in 2 s, 60 in 30 s, 1 800 an hour per conversation) by
// answering 429 with Retry-After: 1. Twice: one instance, then two instances (two dispatchers, each
// with its own connection to one SQLite file, its own adapter and pacer) sending to the same tenant.
// Then a run of first messages: owners whose 1:1 chat the bot does not know, half of them without the
// app; the dispatcher's `prepare` installs it through Graph (a Graph stub on 127.0.0.1 with Graph's
// limit on installations, 30 a second per app and tenant) before each chat is opened, and the connector
// stub refuses a chat with someone the app is not installed for, as Teams does.
//
// Each owner is the coordinator of a case of their own, and each reminder is a real one
// (`transitionMeeting`) written with its case in one save, rendered from the case when sent.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../../bot/app/context';
import { createCase } from '../../bot/domain/case';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { createLogger } from '../../bot/logger';
import { OutboxDispatcher, TEAMS_DISPATCH } from '../../bot/outbox/dispatcher';
import { tellCoordinator } from '../../bot/app/deliveryNotices';
import { SendPacer, TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, connectorRequestsFor, wallPacingClock } from '../../bot/outbox/pacing';
import { SharedTenantPacing } from '../../bot/outbox/sharedPacing';
import type { OutboxMessage } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { createAdapter } from '../../bot/teams/adapter';
import { graphAppInstallation } from '../../bot/teams/graph/appInstallation';
import { GraphClient } from '../../bot/teams/graph/graphClient';
import { installBeforeFirstMessage } from '../../bot/teams/installBeforeFirstMessage';
import { createOutboxSender } from '../../bot/teams/outboxSender';
import { mostInWindow } from '../outbox/fakeClock';
import { type GraphStub, startGraphStub } from '../teams/graph/graphStub';
import { startTeamsConnectorStub } from './teamsConnectorStub';

export interface DispatchSettings {
  messages: number;
  /** The dispatcher's timer, as OUTBOX_INTERVAL_MS (default 2 000). */
  intervalMs: number;
  host: string;
}

const TENANT = 'b3c1a7e0-0000-4000-8000-0000000be7c4';
const CATALOG_APP_ID = 'b3c1a7e0-0000-4000-8000-00000000a99b';
/** Graph's limit on POST installedApps: 30 a second per app per tenant (learn.microsoft.com/graph/throttling-limits, Microsoft Teams service limits). */
const GRAPH_INSTALL_LIMIT = { limit: 30, perMs: 1_000, retryAfterSeconds: 1 };
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

interface RunResult {
  lines: string[];
  ok: boolean;
}

/**
 * One run: `instances` dispatchers on one store file, `messages` reminders, a fresh stub. `firstMessages`:
 * the bot knows no owner's chat, the app is installed for every other owner only, and Graph installs it.
 */
async function dispatchRun(settings: DispatchSettings, instances: number, firstMessages = false): Promise<RunResult> {
  const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-bench-dispatch-'));
  const graph: GraphStub | undefined = firstMessages ? await startGraphStub({ host: settings.host, installLimit: GRAPH_INSTALL_LIMIT }) : undefined;
  const stub = await startTeamsConnectorStub({
    host: settings.host,
    limits: { tenant: TEAMS_TENANT_LIMITS, conversation: TEAMS_CONVERSATION_LIMITS, retryAfterSeconds: 1 },
    // Teams opens a chat only with someone the app is installed for (owner-i is 29:owner-i).
    ...(graph ? { installedFor: (teamsUserId: string) => graph.installedApps.has(teamsUserId.replace(/^29:/, '')) } : {}),
  });
  const path = join(directory, 'dispatch.sqlite');
  // One connection per instance, as separate processes would have.
  const stores = Array.from({ length: instances }, () => new SqliteCaseStore(path));
  const store = stores[0]!;
  const log = createLogger('silent');
  const dispatchers: OutboxDispatcher[] = [];
  try {
    // Seed: one case per owner, its reminder written in the same save, due a second ago.
    const seedStarted = process.hrtime.bigint();
    const dueAt = new Date(Date.now() - 1_000);
    for (let index = 0; index < settings.messages; index++) {
      const owner = { aadObjectId: `owner-${index}`, name: `Koordinator ${index}`, teamsUserId: `29:owner-${index}` };
      const created = createCase(
        TENANT,
        owner,
        { name: `Ung ${index}`, birthDate: '2008-09-14', status: 'education' },
        { caseId: `case-${index}`, reference: `S-${String(index).padStart(5, '0')}`, coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
        dueAt,
      );
      const reminder: OutboxMessage = {
        id: `reminder-${index}`,
        tenantId: TENANT,
        caseId: created.id,
        kind: 'reminder',
        to: { kind: 'user', aadObjectId: owner.aadObjectId, teamsUserId: owner.teamsUserId },
        about: { reminder: 'transitionMeeting', memberId: 'm-coordinator', age: '18½', birthday: '14.03.2027' },
        serviceUrl: stub.url,
        notBefore: new Date(dueAt.getTime() + index).toISOString(),
        status: 'pending',
        attempts: 0,
      };
      await store.createCase(created, { audit: [], outbox: [reminder] });
      if (graph) {
        // First messages: the bot knows no chat; every other owner installed the app themselves.
        if (index % 2 === 1) graph.installedApps.set(owner.aadObjectId, [CATALOG_APP_ID]);
      } else {
        // The app is installed for every owner (as an admin rolls it out), so the bot knows each 1:1 chat.
        await store.putUserState({ tenantId: TENANT, aadObjectId: owner.aadObjectId, personalConversationId: stub.chatIdOf(owner.teamsUserId) });
      }
    }
    const installedBefore = graph?.installedApps.size ?? 0;
    const seedMs = Number(process.hrtime.bigint() - seedStarted) / 1e6;

    /** Messages each instance had sent (its sends that Teams accepted). */
    const sentBy = stores.map(() => 0);
    for (const [instance, own] of stores.entries()) {
      const deps: AppDeps = { store: own, now: () => new Date(), newId: randomUUID, reminders: new ReminderPlanner(new WorkingDays()) };
      const send = createOutboxSender({ adapter: createAdapter(undefined, log), botAppId: '', deps, log });
      dispatchers.push(
        new OutboxDispatcher({
          store: own,
          now: deps.now,
          owner: `bench-dispatcher-${instance}`,
          send: async (message, digest) => {
            const result = await send(message, digest);
            if (result.status === 'sent') sentBy[instance]! += 1 + digest.length;
            return result;
          },
          ...TEAMS_DISPATCH,
          pacer: new SendPacer({ clock: wallPacingClock, shared: new SharedTenantPacing({ store: own }) }),
          requestsFor: connectorRequestsFor(own),
          ...(graph
            ? {
                prepare: installBeforeFirstMessage({
                  store: own,
                  installApp: graphAppInstallation(new GraphClient({ baseUrl: graph.url, tokens: async () => 'bench-app-token' }), CATALOG_APP_ID, graph.url),
                  log,
                }),
              }
            : {}),
          onGivenUp: tellCoordinator(own, deps.now),
          log,
        }),
      );
    }

    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const dispatcher of dispatchers) dispatcher.start(settings.intervalMs);
    // Done when every chat has its message, or when nothing has happened for 30 s (then something is lost).
    let lastProgress = performance.now();
    let lastCount = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const count = stub.requests.length;
      if (count !== lastCount) {
        lastCount = count;
        lastProgress = performance.now();
      }
      if (stub.delivered.size >= settings.messages) break;
      if (performance.now() - lastProgress > 30_000) break;
    }
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    const cpu = process.cpuUsage(cpuBefore);

    const accepted = stub.requests.filter((request) => request.status < 300);
    const refused = stub.requests.filter((request) => request.status === 429);
    const posts = accepted.filter((request) => request.kind === 'activity');
    const first = stub.requests[0]?.at ?? started;
    const last = posts[posts.length - 1]?.at ?? performance.now();
    const seconds = (last - first) / 1000;
    const messagesPerSecond = posts.length / seconds;
    const requestsPerSecond = accepted.length / seconds;
    const tenantLimit = TEAMS_TENANT_LIMITS[0]!.limit;
    // Every request the instances made, accepted or refused: what they tried to send in any second.
    const mostTried = mostInWindow(stub.requests.map((request) => request.at), 1_000);

    const perChat = [...stub.delivered.values()].map((activities) => activities.length);
    const once = perChat.filter((count) => count === 1).length;
    const duplicates = perChat.reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    const lost = settings.messages - stub.delivered.size;
    const rows = (await Promise.all(Array.from({ length: settings.messages }, (_, index) => store.listOutbox(TENANT, `case-${index}`)))).flat();
    const byStatus = (status: OutboxMessage['status']) => rows.filter((row) => row.status === status && row.kind === 'reminder').length;
    const notices = rows.filter((row) => row.kind === 'sendFailed').length;
    const ok = lost === 0 && duplicates === 0 && byStatus('failed') === 0 && byStatus('pending') === 0;
    const requestShare = (100 * requestsPerSecond) / tenantLimit;
    const overLimit = mostTried <= tenantLimit && refused.length === 0 ? 'never: MET' : `NOT MET (${mostTried} tried in 1 s, ${refused.length} 429s)`;
    const lostOrSent = `lost ${lost === 0 && duplicates === 0 ? 'MET' : 'NOT MET'} (${lost} lost, ${duplicates} duplicates, ${byStatus('failed')} failed)`;

    const lines: string[] = [''];
    lines.push(
      `-- ${graph ? 'First messages, one instance: no 1:1 chat known, the app installed for half the owners' : instances === 1 ? 'One instance' : `${instances} instances on one store, one tenant`} --`,
    );
    lines.push(
      `${settings.messages} reminders to ${settings.messages} owners; dispatcher ${JSON.stringify(TEAMS_DISPATCH)}, timer ${settings.intervalMs} ms; ` +
        `stub limits: tenant 50/1 s, conversation 7/1 s, 8/2 s, 60/30 s, 1800/h; 429 Retry-After: 1; seeding ${fixed(seedMs / 1000, 1)} s (cases with their reminder, one save each)` +
        (graph ? `; Graph stub: installations ${GRAPH_INSTALL_LIMIT.limit}/1 s per app and tenant, 429 Retry-After: ${GRAPH_INSTALL_LIMIT.retryAfterSeconds}` : ''),
    );
    lines.push(`Time from the first request to the last post: ${fixed(seconds, 1)} s`);
    if (instances > 1) lines.push(`Messages sent per instance: ${sentBy.join(' + ')}`);
    lines.push(
      `Messages: ${posts.length} posted, ${fixed(messagesPerSecond, 1)}/s = ${fixed((100 * messagesPerSecond) / tenantLimit, 1)} % of the tenant's ${tenantLimit}/s ` +
        (graph ? '(first messages: the chat opened, then the post: two requests per message)' : "(each owner's 1:1 chat known from the app's installation: one request per message)"),
    );
    lines.push(
      `Connector requests accepted: ${accepted.length} (${accepted.length - posts.length} createConversation + ${posts.length} posts), ${fixed(requestsPerSecond, 1)}/s = ` +
        `${fixed((100 * requestsPerSecond) / tenantLimit, 1)} % of the tenant limit; most accepted in any 1 s: ${mostInWindow(accepted.map((request) => request.at), 1_000)}; ` +
        `most tried (accepted or refused) in any 1 s: ${mostTried}; ` +
        `429s answered by the stub: ${refused.length}` + (refused.length > 0 ? ` (at ${refused.slice(0, 10).map((request) => fixed((request.at - first) / 1000, 1)).join(', ')} s)` : '') +
        (graph ? `; chats refused as the app was not installed (403 ForbiddenOperationException): ${stub.requests.filter((request) => request.status === 403).length}` : ''),
    );
    if (graph) {
      const installs = graph.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/teamwork/installedApps'));
      const answered = (status: number) => installs.filter((request) => request.status === status).length;
      lines.push(
        `Graph: installations made ${answered(201)} (owners without the app: ${settings.messages - installedBefore}), already installed (409) ${answered(409)}, ` +
          `429s ${answered(429)}, other answers ${installs.length - answered(201) - answered(409) - answered(429)}; app installed for ${graph.installedApps.size} of ${settings.messages} owners after the run`,
      );
    }
    lines.push(
      `Delivered exactly once: ${once} of ${settings.messages}; lost: ${lost}; duplicates: ${duplicates}; outbox rows sent ${byStatus('sent')}, failed ${byStatus('failed')}, ` +
        `pending ${byStatus('pending')}; sendFailed notices ${notices}`,
    );
    lines.push(`CPU of the bench process while dispatching (dispatchers, botbuilder, SQLite and the stub): ${fixed((cpu.user + cpu.system) / 1000 / Math.max(1, posts.length), 2)} ms per message`);
    const share = (100 * messagesPerSecond) / tenantLimit;
    if (graph) {
      lines.push(
        `Target (connector requests >= 90 % of the tenant limit, never over it, lost = 0): requests ${requestShare >= 90 ? 'MET' : 'NOT MET'} (${fixed(requestShare, 1)} %), ` +
          `over the limit ${overLimit}, ${lostOrSent}`,
      );
    } else {
      lines.push(`Target (messages >= 90 % of the tenant limit, never over it, lost = 0): messages ${share >= 90 ? 'MET' : 'NOT MET'} (${fixed(share, 1)} %), over the limit ${overLimit}, ${lostOrSent}`);
    }
    if (!ok) lines.push('DISPATCH FAILED: not every reminder was delivered exactly once');
    return { lines, ok };
  } finally {
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    await stub.close();
    await graph?.close();
    for (const own of stores) await own.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function dispatchBench(settings: DispatchSettings): Promise<RunResult> {
  const lines = ['', 'Dispatch bench (b): reminders to owners in 1:1 chats, one tenant, dispatcher + shared pacing + outbox sender + botbuilder over HTTP, connector stub enforcing Teams limits'];
  let ok = true;
  for (const [instances, firstMessages] of [
    [1, false],
    [2, false],
    [1, true],
  ] as const) {
    const run = await dispatchRun(settings, instances, firstMessages);
    lines.push(...run.lines);
    ok &&= run.ok;
  }
  return { lines, ok };
}
