// A local Microsoft Graph on 127.0.0.1 for tests, answering the endpoints the bot uses as Graph documents
// them (shapes from learn.microsoft.com: event create/update/cancel, user, installedApps,
// sendActivityNotification), with faults a test scripts: 429 with Retry-After, 403 and 404; and, when
// asked, Graph's rate limit on installing apps (429 with Retry-After past it).
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StubEvent {
  id: string;
  transactionId?: string;
  subject?: string;
  body?: { contentType: string; content: string };
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  attendees?: Array<{ emailAddress: { address: string; name?: string }; type: string }>;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl: string };
  isCancelled?: boolean;
  cancelComment?: string;
}

interface StubRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
  /** What the stub answered. */
  status?: number;
}

/**
 * At most `limit` installations (POST installedApps) in any `perMs` per app and tenant, as Graph's
 * Teams service limits have it: "POST/PUT channel, tab, installedApps, appCatalogs: 30 rps per app per
 * tenant" (learn.microsoft.com/graph/throttling-limits). The app and tenant are the request's token.
 */
interface InstallLimit {
  limit: number;
  perMs: number;
  retryAfterSeconds: number;
}

export interface GraphStubOptions {
  host?: string;
  installLimit?: InstallLimit;
}

type Fault = { status: 429 | 503; retryAfter?: string } | { status: 403 | 404 | 500 };

const CATALOG_BIND = /\/appCatalogs\/teamsApps\/([^/]+)$/;

export interface GraphStub {
  url: string;
  requests: StubRequest[];
  /** Each mailbox's events, by user id. */
  events: Map<string, StubEvent[]>;
  /** Known users: id -> mail. */
  users: Map<string, string>;
  /** Users whose mailbox the application access policy leaves out: 403 ErrorAccessDenied. */
  forbiddenMailboxes: Set<string>;
  /** The next requests (whatever they are) get these answers, in order. */
  faults: Fault[];
  /** Per user, the catalog ids of the Teams apps installed for them. */
  installedApps: Map<string, string[]>;
  /** Called when an app is installed for a user (the connector stub then lets the bot reach them). */
  onInstalled?: (userId: string, catalogAppId: string) => void;
  close(): Promise<void>;
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

export async function startGraphStub(options: GraphStubOptions = {}): Promise<GraphStub> {
  let nextId = 0;
  /** Accepted installations per token (app and tenant), for `installLimit`. */
  const installs = new Map<string, number[]>();
  const overInstallLimit = (token: string): boolean => {
    const limit = options.installLimit;
    if (!limit) return false;
    const at = performance.now();
    const times = (installs.get(token) ?? []).filter((time) => time > at - limit.perMs);
    installs.set(token, times);
    if (times.length >= limit.limit) return true;
    times.push(at);
    return false;
  };
  const stub: Omit<GraphStub, 'url' | 'close'> = { requests: [], events: new Map(), users: new Map(), forbiddenMailboxes: new Set(), faults: [], installedApps: new Map() };

  const answer = (response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  };

  const route = (method: string, path: string, body: Record<string, unknown>, response: ServerResponse, token: string) => {
    const fault = stub.faults.shift();
    if (fault) {
      const code = { 429: 'TooManyRequests', 503: 'ServiceUnavailable', 403: 'ErrorAccessDenied', 404: 'ErrorItemNotFound', 500: 'InternalServerError' }[fault.status];
      return answer(response, fault.status, errorBody(code, 'scripted'), 'retryAfter' in fault && fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    const user = /^\/users\/([^/?]+)/.exec(path)?.[1];
    const userId = user && decodeURIComponent(user);
    if (!userId) return answer(response, 400, errorBody('BadRequest', 'unknown path'));
    if (/^\/users\/[^/]+\/events/.test(path) && stub.forbiddenMailboxes.has(userId)) {
      return answer(response, 403, errorBody('ErrorAccessDenied', 'Access to OData is disabled.'));
    }
    // sendActivityNotification: 204 No Content (learn.microsoft.com/graph/api/userteamwork-sendactivitynotification).
    if (/^\/users\/[^/]+\/teamwork\/sendActivityNotification$/.test(path)) {
      return method === 'POST' && body.activityType && body.topic ? answer(response, 204) : answer(response, 400, errorBody('BadRequest', 'topic and activityType are required'));
    }
    if (/^\/users\/[^/]+\/teamwork\/installedApps$/.test(path)) {
      if (method === 'POST' && overInstallLimit(token)) {
        return answer(response, 429, errorBody('TooManyRequests', 'Too many requests.'), { 'retry-after': String(options.installLimit!.retryAfterSeconds) });
      }
      const installed = stub.installedApps.get(userId) ?? [];
      if (method === 'GET') return answer(response, 200, { value: installed.map((appId) => ({ id: `${userId}-${appId}`, teamsApp: { id: appId } })) });
      const appId = CATALOG_BIND.exec(String(body['teamsApp@odata.bind'] ?? ''))?.[1];
      if (method !== 'POST' || !appId) return answer(response, 400, errorBody('BadRequest', 'teamsApp@odata.bind is required'));
      if (installed.includes(appId)) return answer(response, 409, errorBody('Conflict', 'App is already installed.'));
      stub.installedApps.set(userId, [...installed, appId]);
      stub.onInstalled?.(userId, appId);
      return answer(response, 201);
    }
    const mailbox = stub.events.get(userId) ?? [];
    stub.events.set(userId, mailbox);
    let match: RegExpExecArray | null;
    if (method === 'GET' && /^\/users\/[^/]+(\?.*)?$/.test(path)) {
      const mail = stub.users.get(userId);
      return mail ? answer(response, 200, { id: userId, mail, userPrincipalName: mail }) : answer(response, 404, errorBody('Request_ResourceNotFound', 'no such user'));
    }
    if (method === 'POST' && /^\/users\/[^/]+\/events$/.test(path)) {
      const known = typeof body.transactionId === 'string' ? mailbox.find((event) => event.transactionId === body.transactionId) : undefined;
      if (known) return answer(response, 201, known);
      const id = `event-${++nextId}`;
      const event: StubEvent = {
        ...(body as Partial<StubEvent>),
        id,
        ...(body.isOnlineMeeting === true && body.onlineMeetingProvider === 'teamsForBusiness' ? { onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` } } : {}),
      };
      mailbox.push(event);
      return answer(response, 201, event);
    }
    if ((match = /^\/users\/[^/]+\/events\/([^/]+)(\/cancel)?$/.exec(path))) {
      const event = mailbox.find((candidate) => candidate.id === decodeURIComponent(match![1]!));
      if (!event) return answer(response, 404, errorBody('ErrorItemNotFound', 'The specified object was not found in the store.'));
      if (method === 'PATCH' && !match[2]) {
        Object.assign(event, body);
        return answer(response, 200, event);
      }
      if (method === 'POST' && match[2]) {
        event.isCancelled = true;
        event.cancelComment = typeof body.Comment === 'string' ? body.Comment : typeof body.comment === 'string' ? body.comment : undefined;
        return answer(response, 202);
      }
    }
    return answer(response, 400, errorBody('BadRequest', `${method} ${path} is not stubbed`));
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const path = (request.url ?? '').replace(/^\/v1\.0/, '');
      const record: StubRequest = { method: request.method ?? '', path, body: text === '' ? undefined : body, authorization: request.headers.authorization };
      stub.requests.push(record);
      route(request.method ?? '', path, body, response, request.headers.authorization ?? '');
      record.status = response.statusCode;
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  // The same object the routes read: a test's changes to it (faults, users) take effect.
  return Object.assign(stub, {
    url: `http://${host}:${port}/v1.0`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
