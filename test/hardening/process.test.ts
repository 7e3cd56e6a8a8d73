// The bot as `npm start` runs it (node dist/bot/index.js, built first when the sources are newer), as a
// child process on 127.0.0.1: start-up refused without credentials in production, 401 for requests
// without a valid token when credentials are configured, and a graceful stop on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, buildOnce } from '../e2e/support/botProcess';
import { spawnManaged, tail, waitUntil, type ManagedProcess } from '../e2e/support/childProcess';
import { freePort } from '../e2e/support/freePort';

const ENTRY = join(REPO_ROOT, 'dist', 'bot', 'index.js');
const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT_ID = '99999999-8888-4777-8666-555555555555';

interface Launched {
  proc: ManagedProcess;
  url: string;
}

const started: ManagedProcess[] = [];
const dataDirs: string[] = [];

/** The environment of a test run without any Bot Framework or Cosmos setting, plus `extra`. */
function environment(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(MicrosoftApp|COSMOS_|NODE_ENV$|CLOCK_FILE$)/.test(key)) delete env[key];
  const dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-process-'));
  dataDirs.push(dataDir);
  return { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, OUTBOX_INTERVAL_MS: '0', NO_PROXY: '127.0.0.1,localhost', ...extra };
}

async function launch(extra: Record<string, string>, options: { waitHealthy: boolean }): Promise<Launched> {
  const port = await freePort();
  const proc = spawnManaged(process.execPath, [ENTRY], { name: 'bot (node dist/bot/index.js)', cwd: REPO_ROOT, env: environment(port, extra) });
  started.push(proc);
  const url = `http://127.0.0.1:${port}`;
  if (options.waitHealthy) {
    await waitUntil(`GET ${url}/healthz = 200`, async () => (await fetch(`${url}/healthz`)).status === 200, { timeoutMs: 30_000, process: proc });
  }
  return { proc, url };
}

async function exitOf(proc: ManagedProcess, timeoutMs: number) {
  const exit = await Promise.race([proc.exited, sleep(timeoutMs).then(() => undefined)]);
  if (!exit) throw new Error(`${proc.name} did not exit within ${timeoutMs} ms.\n${tail(proc.output())}`);
  return exit;
}

function activity(serviceUrl: string, text = 'hjælp') {
  return {
    type: 'message',
    id: 'activity-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', aadObjectId: 'aad-user', name: 'Test User' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'da-DK',
    text,
  };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  await buildOnce();
}, 300_000);

afterEach(async () => {
  while (started.length > 0) await started.pop()?.stop(2_000);
});

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('start-up in production', () => {
  it('is refused without credentials, naming what is missing', async () => {
    const { proc } = await launch({ NODE_ENV: 'production' }, { waitHealthy: false });
    const exit = await exitOf(proc, 15_000);
    expect(exit.code).not.toBe(0);
    expect(proc.output()).toMatch(/MicrosoftAppId is not set/);
    expect(proc.output()).toMatch(/MicrosoftAppTenantId is not set/);
    expect(proc.output()).toMatch(/MicrosoftAppPassword is not set/);
    expect(proc.output()).not.toMatch(/"event":"started"/);
  });

  it('is refused with an app id but no password or tenant (an app id means production)', async () => {
    const { proc } = await launch({ MicrosoftAppId: APP_ID }, { waitHealthy: false });
    const exit = await exitOf(proc, 15_000);
    expect(exit.code).not.toBe(0);
    expect(proc.output()).toMatch(/MicrosoftAppTenantId is not set/);
    expect(proc.output()).toMatch(/MicrosoftAppPassword is not set/);
  });

  it('is refused for a managed identity without its tenant', async () => {
    const { proc } = await launch({ NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID }, { waitHealthy: false });
    expect((await exitOf(proc, 15_000)).code).not.toBe(0);
    expect(proc.output()).toMatch(/MicrosoftAppTenantId is not set.*UserAssignedMSI/);
  });
});

describe('start-up locally', () => {
  it('starts unauthenticated with empty Bot Framework settings, as Bot Framework and Agents Toolkit .env files write them', async () => {
    const empty = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '', COSMOS_ENDPOINT: '', NODE_ENV: '' };
    const { proc } = await launch(empty, { waitHealthy: true });
    expect(proc.output()).toMatch(/"event":"started"[^\n]*"authenticated":false/);
  });
});

describe('with credentials configured', () => {
  let bot: Launched | undefined;
  beforeAll(async () => {
    bot = await launch({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID }, { waitHealthy: true });
    // Kept for the whole describe block: remove it from the per-test stop list.
    started.splice(started.indexOf(bot.proc), 1);
  });
  afterAll(async () => {
    await bot?.proc.stop(2_000);
  });

  it('starts, authenticated, and answers the probes without a token', async () => {
    const url = bot!.url;
    expect(bot!.proc.output()).toMatch(/"event":"started"[^\n]*"authenticated":true/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it.each([
    ['no Authorization header', {}],
    ['a garbage bearer token', { authorization: 'Bearer garbage' }],
    ['an empty bearer token', { authorization: 'Bearer ' }],
    ['basic authentication', { authorization: `Basic ${Buffer.from('user:password').toString('base64')}` }],
  ])('answers 401 to an activity with %s, and runs no turn', async (_what, headers) => {
    const url = bot!.url;
    const answer = await post(url, activity('http://127.0.0.1:9/'), headers);
    expect(answer.status).toBe(401);
    expect(bot!.proc.output()).not.toMatch(/"event":"(message|card\.action|turn\.error)"/);
    expect(bot!.proc.hasExited()).toBe(false);
  });
});

describe('with credentials configured, a malformed body', () => {
  it('gets 401 without a token, before the activity is looked at', async () => {
    const { proc, url } = await launch({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID }, { waitHealthy: true });
    expect((await post(url, {})).status).toBe(401);
    expect((await post(url, { type: 'message' })).status).toBe(401);
    expect((await post(url, { ...activity('http://127.0.0.1:9/'), conversation: undefined }, { authorization: 'Token abc' })).status).toBe(401);
    expect(proc.output()).toMatch(/"event":"activity.unauthenticated"/);
    expect(proc.output()).not.toMatch(/"event":"activity.rejected"/);
  });

  it('checks the token before the body: a bearer token that is not valid hears nothing about the body, nor botbuilder\'s error text', async () => {
    const { proc, url } = await launch({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID }, { waitHealthy: true });
    const malformed = await post(url, { type: 'message' }, { authorization: 'Bearer x' });
    expect(malformed.status).toBe(401);
    expect(await malformed.json()).toEqual({ error: 'unauthorized', message: 'A valid Bot Framework bearer token is required.' });
    // A well-formed token makes botbuilder fetch the signing keys from the internet, which fails here:
    // the answer is ours, without botbuilder's text.
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })}.${part({ iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600 })}.c2lnbmF0dXJl`;
    const wellFormed = await post(url, { type: 'message' }, { authorization: `Bearer ${token}` });
    expect([401, 503]).toContain(wellFormed.status);
    expect(Object.keys(await wellFormed.json())).toEqual(['error', 'message']);
    expect(proc.output()).not.toMatch(/"event":"activity.rejected"/);
  }, 60_000);
});

describe('shutdown', () => {
  /** A connector that answers a reply only after `delayMs`: a turn in flight for that long. */
  async function slowConnector(delayMs: number): Promise<{ url: string; replies: () => number; close: () => Promise<void> }> {
    let replies = 0;
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        setTimeout(() => {
          replies += 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${replies}` }));
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/`,
      replies: () => replies,
      close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
  }

  it('on SIGTERM stops accepting, finishes the turn in flight, logs stopping and stopped, exits 0', async () => {
    const connector = await slowConnector(1_500);
    try {
      const { proc, url } = await launch({}, { waitHealthy: true });
      const inFlight = post(url, activity(connector.url));
      await sleep(300);
      const signalledAt = Date.now();
      process.kill(proc.pid, 'SIGTERM');
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(connector.replies()).toBe(1);
      const exit = await exitOf(proc, 10_000);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(proc.output()).toMatch(/"event":"stopping"[^\n]*"signal":"SIGTERM"/);
      expect(proc.output()).toMatch(/"event":"stopped"/);
      // No longer accepting.
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      await connector.close();
    }
  });

  it('on SIGTERM with nothing in flight exits 0 within a few seconds, even with an idle keep-alive connection', async () => {
    const { proc, url } = await launch({}, { waitHealthy: true });
    expect((await fetch(`${url}/healthz`, { keepalive: true })).status).toBe(200);
    process.kill(proc.pid, 'SIGTERM');
    const exit = await exitOf(proc, 5_000);
    expect(exit.code).toBe(0);
    expect(proc.output()).toMatch(/"event":"stopping"/);
  });
});
