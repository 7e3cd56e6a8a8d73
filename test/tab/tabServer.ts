// The bot's real HTTP server (createServer with the real adapter and bot) with the tab's page and API
// (and the one-time CSV links of a leader's figures),
// over the embedded SQLite store in a temporary directory, trusting tokens from an Entra stub on
// 127.0.0.1. The scene is built through the use cases, on the bot's clock; what the logger writes is kept.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Actor, AppDeps } from '../../bot/app/context';
import { ExportLinks } from '../../bot/app/exportLinks';
import { DEFAULT_RETENTION_DAYS } from '../../bot/app/rights';
import type { TabSettings } from '../../bot/config';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { createLogger } from '../../bot/logger';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { registerTabApi } from '../../bot/tab/tabApi';
import { registerTabPage } from '../../bot/tab/tabPage';
import { createTokenValidator } from '../../bot/tab/tokenValidation';
import { createAdapter } from '../../bot/teams/adapter';
import { SamarbejdsBot } from '../../bot/teams/samarbejdsBot';
import { createServer } from '../../bot/teams/server';
import { registerStatisticsRoute } from '../../bot/teams/statisticsRoute';
import { APP_ID_URI, CLIENT_ID, type EntraStub, startEntraStub } from './entraStub';

export interface TabServer {
  url: string;
  store: SqliteCaseStore;
  deps: AppDeps;
  entra: EntraStub;
  /** Sets the bot's clock (the scene is built in the past; the tab is read "now"). */
  setNow(now: Date): void;
  /** A valid single sign-on token for `actor` at the bot's current time. */
  tokenFor(actor: Actor): Promise<string>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: string }>;
  logs(): string;
  close(): Promise<void>;
}

export async function startTabServer(options: { allowedTenantIds?: string[] } = {}): Promise<TabServer> {
  const dir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-tab-'));
  const store = new SqliteCaseStore(join(dir, 'store.sqlite'));
  let now = new Date();
  let written = '';
  const log = createLogger(
    'trace',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        done();
      },
    }),
  );
  const deps: AppDeps = { store, now: () => now, newId: randomUUID, reminders: new ReminderPlanner(new WorkingDays()) };
  const bot = new SamarbejdsBot({ botAppId: '', deps, log, rights: { retentionDays: DEFAULT_RETENTION_DAYS } });
  const server = createServer({ adapter: createAdapter(undefined, log), bot, log, ready: () => store.ping() });
  const entra = await startEntraStub();
  const settings: TabSettings = { clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwksUrl: entra.jwksUrl, ...options };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The one-time CSV links point at this server, known once it listens.
  const links = new ExportLinks(store, deps.now, url);
  registerTabPage(server);
  registerTabApi(server, deps, log, createTokenValidator(settings, deps.now), 'https://smba.trafficmanager.net/teams/', links);
  registerStatisticsRoute(server, links, deps, log);
  return {
    url,
    store,
    deps,
    entra,
    setNow: (at) => {
      now = at;
    },
    tokenFor: (actor) =>
      entra.sign({ tenantId: actor.tenantId, oid: actor.aadObjectId, name: actor.name, issuedAt: new Date(now.getTime() - 60_000), expiresAt: new Date(now.getTime() + 3_600_000) }),
    get: async (path, headers = {}) => {
      const response = await fetch(`${url}${path}`, { headers });
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
    logs: () => written,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await entra.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
