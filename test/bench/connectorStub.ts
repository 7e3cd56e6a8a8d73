// A stand-in for the Bot Framework connector (the `serviceUrl` of an activity), on loopback only.
// It accepts what a bot posts to a conversation, records the bodies, and answers the way the
// connector does (`{ id }`), so a bot's `sendActivity` completes. Nothing else is implemented:
// any other request gets a 404 and is recorded as unexpected.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedActivity {
  conversationId: string;
  /** Set when the bot replied to an activity (`/activities/:activityId`). */
  replyToId?: string;
  body: Record<string, unknown>;
}

export interface ConnectorStub {
  /** For an activity's `serviceUrl`, ending in a slash. */
  url: string;
  activities: RecordedActivity[];
  /** Requests that were not a post to a conversation, e.g. `GET /v3/conversations/x/pagedmembers`. */
  unexpected: string[];
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function startConnectorStub(host = '127.0.0.1'): Promise<ConnectorStub> {
  const activities: RecordedActivity[] = [];
  const unexpected: string[] = [];
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    const match = req.method === 'POST' ? ACTIVITY_PATH.exec(path) : null;
    if (!match) {
      unexpected.push(`${req.method} ${path}`);
      req.resume();
      send(res, 404, { error: { code: 'NotFound', message: 'not implemented by the connector stub' } });
      return;
    }
    readBody(req).then(
      (text) => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          send(res, 400, { error: { code: 'BadArgument', message: 'body is not JSON' } });
          return;
        }
        activities.push({ conversationId: decodeURIComponent(match[1] ?? ''), replyToId: match[2] ? decodeURIComponent(match[2]) : undefined, body });
        send(res, 200, { id: `stub-${nextId++}` });
      },
      () => send(res, 413, { error: { code: 'BadArgument', message: 'body too large' } }),
    );
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}/`,
        activities,
        unexpected,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
