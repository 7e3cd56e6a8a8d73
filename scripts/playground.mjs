#!/usr/bin/env node
// `npm run playground`: the bot (embedded SQLite store) and the Microsoft 365 Agents Playground together,
// on loopback, for a person to talk to the bot in a Teams-like web UI at http://127.0.0.1:56150.
//
// 1. `npm run build`, then `node dist/bot/index.js` (what `npm start` runs) on 127.0.0.1:$BOT_PORT
//    (default 3978) with DATA_DIR (default ./data), unauthenticated (MicrosoftApp* and COSMOS_* are unset).
// 2. A locale proxy in this process: the playground always sends locale en-US; the bot gets
//    $PLAYGROUND_LOCALE instead (default da-DK). PLAYGROUND_LOCALE=off sends the playground's own.
// 3. The playground (tenant: .m365agentsplayground.yml) on 127.0.0.1:$PLAYGROUND_PORT (default 56150),
//    kept on loopback by scripts/loopback.cjs, no browser opened, telemetry off.
// Ctrl-C (or SIGTERM) stops both, by their PIDs. If one of them stops, the other is stopped too.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startLocaleProxy } from './localeProxy.cjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const host = '127.0.0.1';
const botPort = Number(process.env.BOT_PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const locale = process.env.PLAYGROUND_LOCALE === 'off' ? null : (process.env.PLAYGROUND_LOCALE ?? 'da-DK');
const playgroundLog = join(tmpdir(), 'samarbejdsbot-playground.log');

const children = new Map(); // pid -> { name, child }
let stopping = false;
let proxy;

function say(line) {
  process.stdout.write(`[playground] ${line}\n`);
}

function portIsFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

function run(name, command, args, options) {
  if (stopping) throw new Error('stopping');
  const child = spawn(command, args, { cwd: root, detached: true, ...options });
  children.set(child.pid, { name, child });
  child.once('exit', (code, signal) => {
    children.delete(child.pid);
    if (!stopping) {
      say(`${name} stopped (code ${code}, signal ${signal}); stopping the rest.`);
      void shutdown(1);
    }
  });
  return child;
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const running = [...children.entries()];
  for (const [pid] of running) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const killTimer = setTimeout(() => {
    for (const [pid] of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 10_000);
  await Promise.all(running.map(([, { child }]) => exited(child)));
  clearTimeout(killTimer);
  await proxy?.close();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('exit', () => {
  for (const [pid] of children) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!stopping) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function main() {
  for (const [what, port] of [['bot', botPort], ['playground', playgroundPort]]) {
    if (!(await portIsFree(port))) {
      throw new Error(`port ${port} on ${host} (${what}) is in use; set ${what === 'bot' ? 'BOT_PORT' : 'PLAYGROUND_PORT'} to another port`);
    }
  }

  say('building (npm run build) ...');
  const build = spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const buildCode = await new Promise((done) => build.once('exit', (c) => done(c)));
  if (buildCode !== 0) throw new Error(`npm run build failed (code ${buildCode})`);

  const botEnv = { ...process.env, PORT: String(botPort), HOST: host, DATA_DIR: process.env.DATA_DIR ?? './data' };
  for (const key of Object.keys(botEnv)) if (/^(MicrosoftApp|COSMOS_)/.test(key)) delete botEnv[key];
  botEnv.NO_PROXY = [process.env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  const bot = run('bot', process.execPath, ['dist/bot/index.js'], { env: botEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  const botUrl = `http://${host}:${botPort}`;
  await waitFor('the bot (GET /healthz)', async () => (await fetch(`${botUrl}/healthz`)).status === 200, 60_000);
  say(`bot: ${botUrl}/api/messages (pid ${bot.pid}, data in ${botEnv.DATA_DIR})`);

  let endpoint = `${botUrl}/api/messages`;
  if (locale !== null) {
    proxy = await startLocaleProxy({ target: endpoint, locale });
    endpoint = proxy.url;
    say(`locale proxy: ${endpoint} (the bot receives locale ${locale})`);
  }

  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playground = run(
    'playground',
    process.execPath,
    ['-r', join(root, 'scripts', 'loopback.cjs'), cli, '-e', endpoint, '-c', 'msteams', '-p', String(playgroundPort), '--su', `http://${host}:${playgroundPort}/_connector`, '--disable-telemetry'],
    {
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
        LANG: 'da_DK.UTF-8',
        LC_ALL: 'da_DK.UTF-8',
        TZ: 'Europe/Copenhagen',
        NO_PROXY: botEnv.NO_PROXY,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  playground.stdout.setEncoding('utf8');
  playground.stdout.on('data', (chunk) => {
    const match = /Listening on (\d+)/.exec(chunk);
    if (match && Number(match[1]) !== playgroundPort) {
      say(`the playground took port ${match[1]} instead of ${playgroundPort}; stopping.`);
      void shutdown(1);
    }
  });
  await waitFor('the playground (GET /_debug/ping)', async () => (await (await fetch(`http://${host}:${playgroundPort}/_debug/ping`)).text()).trim() === 'pong', 30_000);
  say(`playground (pid ${playground.pid}), log: ${playgroundLog}`);
  say(`open http://${host}:${playgroundPort} - you are Mette Madsen; in channels and group chats, @mention Samarbejdsbot.`);
  say('Ctrl-C stops both.');
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  void shutdown(1);
});
