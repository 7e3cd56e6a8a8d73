// Starts the bot for end-to-end tests the way `npm start` starts it.
//
// `npm start` is `npm run build && node dist/bot/index.js`. Two ways to do that here:
// - via 'npm-start' (the default): spawns `npm start` itself, build included, in its own process group.
// - via 'node': runs `npm run build` once (only when the sources are newer than dist/), then
//   `node dist/bot/index.js`: the same two commands, without a rebuild per start.
// Both run from the repository root with PORT, HOST=127.0.0.1 and DATA_DIR (the embedded SQLite store),
// with no MicrosoftAppId (unauthenticated, local only) and no COSMOS_* settings. The bot learns the
// connector's service URL from the `serviceUrl` of the activities the playground sends it.
// A build holds a lock shared by all test processes, so one process never runs a bot from a half-written dist/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runToCompletion, spawnManaged, tail, waitUntil, type ManagedProcess } from './childProcess';
import { freePort, LOOPBACK } from './freePort';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const DIST_ENTRY = join(REPO_ROOT, 'dist', 'bot', 'index.js');
/** What the build reads for the bot; test files are compiled too, but the bot never loads them. */
const BUILD_INPUTS = ['bot', 'cards', 'tsconfig.json', 'package.json', 'package-lock.json'];

type StartVia = 'npm-start' | 'node';

export interface StartBotOptions {
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Default: a new temporary directory, removed by `dispose()`. */
  dataDir?: string;
  /** Added to (and overriding) the environment the harness gives the bot. */
  env?: Record<string, string | undefined>;
  via?: StartVia;
  /** Default 120 s with npm start (it builds), 30 s otherwise. */
  startTimeoutMs?: number;
  /** Forward the bot's output to this process's stderr as it comes (default: keep it for diagnostics only). */
  echoOutput?: boolean;
}

export interface BotProcess {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** http://127.0.0.1:<port>/api/messages, the endpoint to give the playground. */
  readonly endpoint: string;
  readonly dataDir: string;
  readonly via: StartVia;
  /** PID of the current process (npm, or node); changes on restart. */
  pid(): number;
  /** Output of the current process so far. */
  output(): string;
  /** Milliseconds the last start took until /healthz answered 200. */
  startupMs(): number;
  /** Stops the bot (SIGTERM to its process group, SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Stops it and starts it again on the same port with the same data directory. */
  restart(): Promise<void>;
  /** Stops it and removes the data directory if the harness created it. */
  dispose(): Promise<void>;
}

function botEnvironment(port: number, dataDir: string, extra: Record<string, string | undefined> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(MicrosoftApp|COSMOS_)/.test(key)) delete env[key];
  }
  delete env.NODE_ENV;
  env.PORT = String(port);
  env.HOST = LOOPBACK;
  env.DATA_DIR = dataDir;
  env.NO_PROXY = [env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

async function healthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.status === 200;
}

// ---- build lock (shared by every test process on this machine for this checkout) ----

const lockDir = join(tmpdir(), `samarbejdsbot-build-${createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`);

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than five minutes was left by a process that died: take it over.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 5 * 60_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // removed meanwhile
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lockDir}`);
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function distIsFresh(): boolean {
  if (!existsSync(DIST_ENTRY)) return false;
  const built = statSync(DIST_ENTRY).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(join(REPO_ROOT, input)) <= built);
}

let buildInThisProcess: Promise<void> | undefined;

/** `npm run build` when dist/ is missing or older than the sources; at most once per test process. */
export function buildOnce(): Promise<void> {
  buildInThisProcess ??= withBuildLock(async () => {
    if (distIsFresh()) return;
    await runToCompletion('npm', ['run', 'build'], { name: 'npm run build', cwd: REPO_ROOT, env: process.env, timeoutMs: 5 * 60_000 });
  });
  return buildInThisProcess;
}

// ---- the bot ----

export async function startBot(options: StartBotOptions = {}): Promise<BotProcess> {
  const via = options.via ?? 'npm-start';
  const port = options.port ?? (await freePort());
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-data-'));
  const url = `http://${LOOPBACK}:${port}`;
  const timeoutMs = options.startTimeoutMs ?? (via === 'npm-start' ? 120_000 : 30_000);
  let current: ManagedProcess | undefined;
  let lastStartupMs = 0;

  const launch = async (): Promise<void> => {
    const started = Date.now();
    const env = botEnvironment(port, dataDir, options.env);
    const onOutput = options.echoOutput ? (chunk: string) => process.stderr.write(chunk) : undefined;
    if (via === 'node') {
      await buildOnce();
      current = spawnManaged(process.execPath, [DIST_ENTRY], { name: 'bot (node dist/bot/index.js)', cwd: REPO_ROOT, env, onOutput });
      await waitUntil(`GET ${url}/healthz = 200`, () => healthy(url), { timeoutMs, process: current });
    } else {
      // `npm start` builds: hold the build lock until the bot answers, so no other test process rebuilds under it.
      await withBuildLock(async () => {
        current = spawnManaged('npm', ['start'], { name: 'bot (npm start)', cwd: REPO_ROOT, env, onOutput });
        await waitUntil(`GET ${url}/healthz = 200`, () => healthy(url), { timeoutMs, process: current });
      });
    }
    lastStartupMs = Date.now() - started;
  };

  const stop = async (): Promise<void> => {
    const proc = current;
    if (proc === undefined) return;
    await proc.stop();
    current = undefined;
  };

  try {
    await launch();
  } catch (error) {
    await stop();
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    url,
    endpoint: `${url}/api/messages`,
    dataDir,
    via,
    pid: () => {
      if (current === undefined) throw new Error('The bot is not running');
      return current.pid;
    },
    output: () => current?.output() ?? '',
    startupMs: () => lastStartupMs,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** For failure messages: the end of the bot's output. */
export function botOutputTail(bot: BotProcess | undefined, chars = 4_000): string {
  return bot ? tail(bot.output(), chars) : '(no bot)';
}
