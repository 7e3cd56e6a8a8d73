// A stand-in for the Teams connector that enforces Teams' rate limits, on loopback only. It opens 1:1
// chats (`POST /v3/conversations`, the same id for the same person each time, as Teams does), takes
// posts to conversations (`POST /v3/conversations/:id/activities`) and updates of activities posted
// before (`PUT /v3/conversations/:id/activities/:activityId`). Over a limit, per tenant or per
// conversation, it answers 429 with a Retry-After, as Teams does; a test can script other answers.
// For the handler tests it also starts channel threads (`POST /v3/conversations` naming a channel and
// no members) and lists a conversation's or team's members (`GET /v3/conversations/:id/pagedmembers`)
// from the rosters a test sets.
// Used by the connector tests (test/outbox/connector.test.ts), the dispatch benchmark and the
// handler tests (test/teams/actions/).
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateLimit } from '../../bot/outbox/pacing';

export interface StubRequest {
  /** performance.now() when the request had been read. */
  at: number;
  kind: 'createConversation' | 'activity' | 'update' | 'members' | 'other';
  conversationId?: string;
  /** The activity an update replaces. */
  activityId?: string;
  tenantId?: string;
  body?: Record<string, unknown>;
  /** What the stub answered. */
  status: number;
}

export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface TeamsLimits {
  tenant: readonly RateLimit[];
  conversation: readonly RateLimit[];
  /** Seconds, in the Retry-After of a 429 for a request over a limit. */
  retryAfterSeconds: number;
}

export interface TeamsConnectorStubOptions {
  host?: string;
  /** Enforced on the requests it accepts (a request answered 429 does not count). */
  limits?: TeamsLimits;
  /** Asked first for every request: an answer here is given instead (and the request is not accepted). */
  answer?: (request: Omit<StubRequest, 'status'>) => StubAnswer | undefined;
  /**
   * Whether the app is installed for a person (their 29: id): Teams opens a 1:1 chat only then, and
   * otherwise answers 403 `ForbiddenOperationException` ("Status codes from bot conversational APIs",
   * learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability), a request
   * counted against the limits like any other. Unset: installed for everyone.
   */
  installedFor?: (teamsUserId: string) => boolean;
}

/** Teams' answer to createConversation with someone who has not installed the app. */
const NOT_INSTALLED: StubAnswer = { status: 403, body: { error: { code: 'ForbiddenOperationException', message: "Bot is not installed in user's personal scope" } } };

export interface TeamsConnectorStub {
  /** For `serviceUrl`, ending in a slash. */
  url: string;
  /** Every request, in the order read. */
  requests: StubRequest[];
  /** Activities accepted, per conversation. */
  delivered: Map<string, Record<string, unknown>[]>;
  /** The 1:1 chat's id for a Teams user id (29:…). */
  chatIdOf(teamsUserId: string): string;
  /**
   * The members the connector lists for a conversation or team id (a channel's roster is its team's),
   * as Teams gives them (TeamsChannelAccount: `id` 29:…, `aadObjectId`, `name`). Unset: 404.
   */
  rosters: Map<string, RosterMember[]>;
  close(): Promise<void>;
}

interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBERS_PATH = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/;
/** The page size the connector uses when the bot asks for none (Teams: 200 by default, at most 500). */
const DEFAULT_PAGE_SIZE = 200;

/** A page of a roster as TeamsPagedMembersResult, the continuation token being where the next page starts. */
function rosterPage(roster: readonly RosterMember[], url: URL): { continuationToken?: string; members: RosterMember[] } {
  const start = Number(url.searchParams.get('continuationToken') ?? '0') || 0;
  const size = Number(url.searchParams.get('pageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
  const end = start + size;
  return { members: roster.slice(start, end), ...(end < roster.length ? { continuationToken: String(end) } : {}) };
}

/** The channel a conversation is created in. */
const channelOf = (body: Record<string, unknown> | undefined): string | undefined => {
  const channel = (body?.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  return typeof channel === 'string' && channel ? channel : undefined;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function respond(res: ServerResponse, { status, headers = {}, body = {} }: StubAnswer): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Start times of accepted requests per key, to tell whether one more fits every limit. */
class Windows {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly limits: readonly RateLimit[]) {}

  fits(key: string, at: number): boolean {
    const times = this.times.get(key) ?? [];
    return this.limits.every(({ limit, perMs }) => times.filter((time) => time > at - perMs).length < limit);
  }

  add(key: string, at: number): void {
    const longest = Math.max(...this.limits.map((limit) => limit.perMs));
    const times = (this.times.get(key) ?? []).filter((time) => time > at - longest);
    times.push(at);
    this.times.set(key, times);
  }
}

const tenantOf = (body: Record<string, unknown> | undefined): string | undefined => {
  const direct = body?.tenantId;
  const channelData = body?.channelData as { tenant?: { id?: unknown } } | undefined;
  const conversation = body?.conversation as { tenantId?: unknown } | undefined;
  for (const candidate of [direct, channelData?.tenant?.id, conversation?.tenantId]) if (typeof candidate === 'string' && candidate) return candidate;
  return undefined;
};

export function startTeamsConnectorStub(options: TeamsConnectorStubOptions = {}): Promise<TeamsConnectorStub> {
  const host = options.host ?? '127.0.0.1';
  const requests: StubRequest[] = [];
  const delivered = new Map<string, Record<string, unknown>[]>();
  const tenantOfConversation = new Map<string, string>();
  const tenants = options.limits && new Windows(options.limits.tenant);
  const conversations = options.limits && new Windows(options.limits.conversation);
  const rosters = new Map<string, RosterMember[]>();
  const chatIdOf = (teamsUserId: string) => `a:chat-${teamsUserId}`;
  let nextId = 1;

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = url.pathname;
    let body: Record<string, unknown> | undefined;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const activity = req.method === 'POST' || req.method === 'PUT' ? ACTIVITY_PATH.exec(path) : null;
    const update = req.method === 'PUT' && activity?.[2] ? decodeURIComponent(activity[2]) : undefined;
    const create = req.method === 'POST' && path === '/v3/conversations';
    const members = (body?.members as { id?: string }[] | undefined) ?? [];
    const listed = req.method === 'GET' ? MEMBERS_PATH.exec(path) : null;
    // A thread in a channel: Teams names it after the channel and its first post.
    const channel = create && members.length === 0 ? channelOf(body) : undefined;
    const thread = channel ? { id: `${channel};messageid=stub-${nextId}`, firstPostId: `stub-${nextId++}` } : undefined;
    const idOf = (): string | undefined => {
      if (activity) return decodeURIComponent(activity[1] ?? '');
      if (listed) return decodeURIComponent(listed[1] ?? '');
      if (thread) return thread.id;
      return create && members[0]?.id ? chatIdOf(members[0].id) : undefined;
    };
    const conversationId = idOf();
    const tenantId = tenantOf(body) ?? (conversationId ? tenantOfConversation.get(conversationId) : undefined);
    const kind = update ? 'update' : activity && req.method === 'POST' ? 'activity' : create ? 'createConversation' : listed ? 'members' : 'other';
    const request = { at: performance.now(), kind, conversationId, ...(update ? { activityId: update } : {}), tenantId, body } as const;
    const answer = (value: StubAnswer) => {
      requests.push({ ...request, status: value.status });
      respond(res, value);
    };

    const scripted = options.answer?.(request);
    if (scripted) return answer(scripted);
    const roster = listed && conversationId ? rosters.get(conversationId) : undefined;
    if (listed && roster) return answer({ status: 200, body: rosterPage(roster, url) });
    if (request.kind === 'other' || listed || !conversationId) return answer({ status: 404, body: { error: { code: 'NotFound', message: 'not implemented by the stub' } } });
    if (tenants && conversations && options.limits) {
      const tenantKey = tenantId ?? 'unknown';
      if (!tenants.fits(tenantKey, request.at) || !conversations.fits(conversationId, request.at)) {
        return answer({ status: 429, headers: { 'retry-after': String(options.limits.retryAfterSeconds) }, body: { error: { code: 'Throttled', message: 'too many requests' } } });
      }
      tenants.add(tenantKey, request.at);
      conversations.add(conversationId, request.at);
    }
    if (create && !thread && options.installedFor && !options.installedFor(members[0]?.id ?? '')) return answer(NOT_INSTALLED);
    if (tenantId) tenantOfConversation.set(conversationId, tenantId);
    if (thread) {
      // The activity the thread was created with is its first post.
      delivered.set(thread.id, [(body?.activity as Record<string, unknown> | undefined) ?? {}]);
      return answer({ status: 201, body: { id: thread.id, activityId: thread.firstPostId } });
    }
    if (create) return answer({ status: 201, body: { id: conversationId } });
    if (update) return answer({ status: 200, body: { id: update } });
    const list = delivered.get(conversationId) ?? [];
    list.push(body ?? {});
    delivered.set(conversationId, list);
    answer({ status: 200, body: { id: `stub-${nextId++}` } });
  };

  const server: Server = createServer((req, res) => {
    readBody(req).then(
      (text) => handle(req, res, text),
      () => respond(res, { status: 400 }),
    );
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}/`,
        requests,
        delivered,
        chatIdOf,
        rosters,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
