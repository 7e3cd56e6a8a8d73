// The real HTTP server (createServer with the real adapter and bot) in this process, on 127.0.0.1, over
// an embedded SQLite store in a temporary file, with a connector stub as every activity's serviceUrl.
// Everything the logger writes is kept. A second, read-only connection counts the stored rows, so a
// test can tell whether a request wrote anything.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { AppDeps } from '../../bot/app/context';
import { DEFAULT_RETENTION_DAYS } from '../../bot/app/rights';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { createLogger, type Logger } from '../../bot/logger';
import type { CaseStore } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { createAdapter } from '../../bot/teams/adapter';
import { ExportLinks } from '../../bot/app/exportLinks';
import { SamarbejdsBot } from '../../bot/teams/samarbejdsBot';
import { createServer } from '../../bot/teams/server';
import { startTeamsConnectorStub, type TeamsConnectorStub } from '../bench/teamsConnectorStub';

interface HttpAnswer {
  status: number;
  body: string;
}

export interface InProcessBot {
  url: string;
  /** serviceUrl for activities: the connector stub. */
  serviceUrl: string;
  connector: TeamsConnectorStub;
  store: SqliteCaseStore;
  deps: AppDeps;
  log: Logger;
  /** Every line the logger wrote so far. */
  logs(): string;
  /** Rows per table (cases, case_members, audit, user_state, outbox, export_links). */
  rowCounts(): Record<string, number>;
  post(path: string, body: string | Buffer, headers?: Record<string, string>): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
  close(): Promise<void>;
}

const TABLES = ['cases', 'case_members', 'audit', 'user_state', 'outbox', 'export_links'] as const;

export interface InProcessBotOptions {
  ready?: (store: CaseStore) => () => Promise<void>;
  logLevel?: string;
  /** The bot's clock; the wall clock by default. */
  now?: () => Date;
  /** Where export links point: given, `eksport` hands them out (no download route is served). */
  exportBaseUrl?: string;
  /** The administrators as `<tenant id>:<object id>` (ADMIN_AAD_OBJECT_IDS as config.ts reads it). */
  administrators?: readonly string[];
  /** The Teams app's id (TEAMS_APP_ID): given, `statistik` links to the tab. */
  teamsAppId?: string;
}

export async function startInProcessBot(options: InProcessBotOptions = {}): Promise<InProcessBot> {
  const dir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-hardening-'));
  const file = join(dir, 'store.sqlite');
  const store = new SqliteCaseStore(file);
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  const counts = TABLES.map((table) => [table, reader.prepare(`SELECT COUNT(*) AS n FROM ${table}`)] as const);
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString('utf8');
      done();
    },
  });
  const log = createLogger(options.logLevel ?? 'trace', sink);
  const deps: AppDeps = { store, now: options.now ?? (() => new Date()), newId: randomUUID, reminders: new ReminderPlanner(new WorkingDays()) };
  const adapter = createAdapter(undefined, log);
  const exportLinks = options.exportBaseUrl ? new ExportLinks(store, deps.now, options.exportBaseUrl) : undefined;
  const bot = new SamarbejdsBot({ botAppId: '', deps, log, rights: { exportLinks, retentionDays: DEFAULT_RETENTION_DAYS }, administrators: new Set(options.administrators ?? []), ...(options.teamsAppId ? { teamsAppId: options.teamsAppId } : {}) });
  const server = createServer({ adapter, bot, log, ready: options.ready ? options.ready(store) : () => store.ping() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const connector = await startTeamsConnectorStub();
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });

  const send = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, agent, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    serviceUrl: connector.url,
    connector,
    store,
    deps,
    log,
    logs: () => written,
    rowCounts: () => Object.fromEntries(counts.map(([table, statement]) => [table, (statement.get() as { n: number }).n])),
    post: (path, body, headers) => send('POST', path, body, headers),
    get: (path) => send('GET', path),
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      reader.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
