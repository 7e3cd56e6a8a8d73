// `npm run bench`: what one card action costs in our bot, next to a bare botbuilder bot, in one run;
// then (sections `outbox` and `dispatch`, dueQueryBench.ts and dispatchBench.ts) how long finding due
// reminders takes with 500 and 50 000 cases, and how fast the dispatcher sends within Teams' limits.
//
// Both bots run as child processes on 127.0.0.1: ours exactly as production starts it
// (`node dist/bot/index.js`, embedded SQLite store in a fresh temp dir, no credentials), and the
// bare echo bot (test/bench/echoBot.ts). The load is the `team.addExternal` Universal Action from a
// 1:1 chat, sent over HTTP as Teams sends it; the bare bot gets the very same activities and answers
// with a small card. The two are measured alternately in several rounds; the medians are compared.
// CPU time is read from /proc for each child; latency is measured by this process, per request.
//
// Machines are shared and noisy: only the ratios of one run mean anything. Nothing here fails on a
// timing; the run fails only when a request does (a broken benchmark is not a measurement).
// Settings (environment): BENCH_ROUNDS, BENCH_TURNS (per bot per round), BENCH_WARMUP,
// BENCH_CONCURRENCY, BENCH_ADDS_PER_CASE; BENCH_SECTIONS (echo,outbox,dispatch), BENCH_DUE_SIZES,
// BENCH_DUE_REPETITIONS, BENCH_DISPATCH_MESSAGES; BENCH_STATISTICS_YOUNG_PEOPLE, BENCH_STATISTICS_REPETITIONS
// (section statistics, statisticsBench.ts). See test/bench/README.md.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ConnectorStub, startConnectorStub } from './connectorStub';
import { dispatchBench } from './dispatchBench';
import { dueQueryBench } from './dueQueryBench';
import { statisticsBench } from './statisticsBench';

const HOST = '127.0.0.1';

function setting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}

const ROUNDS = setting('BENCH_ROUNDS', 5, 1);
const CONCURRENCY = setting('BENCH_CONCURRENCY', 10, 1);
/** Per bot per round; rounded up to a multiple of the concurrency (every worker sends as many). */
const TURNS = Math.ceil(setting('BENCH_TURNS', 1000, 1) / CONCURRENCY) * CONCURRENCY;
const WARMUP = Math.ceil(setting('BENCH_WARMUP', 3000, 0) / CONCURRENCY) * CONCURRENCY;
/** A case gets this many external members during a run: 2 members at creation, 2 + this at the end. */
const ADDS_PER_CASE = setting('BENCH_ADDS_PER_CASE', 10, 1);

const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'echo,outbox,dispatch,statistics').split(',').map((name) => name.trim()));
for (const name of SECTIONS) if (!['echo', 'outbox', 'dispatch', 'statistics'].includes(name)) throw new Error(`BENCH_SECTIONS: unknown section ${name} (echo, outbox, dispatch, statistics)`);
/** Case counts for the due-reminders query, smallest first. */
const DUE_SIZES = (process.env.BENCH_DUE_SIZES ?? '500,50000').split(',').map((size) => {
  const value = Number(size);
  if (!Number.isInteger(value) || value < 100) throw new Error(`BENCH_DUE_SIZES must be integers >= 100, got ${size}`);
  return value;
});
const DUE_REPETITIONS = setting('BENCH_DUE_REPETITIONS', 300, 1);
/** Reminders (and owners, and 1:1 chats) per run of the dispatch section (one instance, then two): about 2 × 65 s at the default. */
const DISPATCH_MESSAGES = setting('BENCH_DISPATCH_MESSAGES', 3000, 1);
/** Young people in the statistics section's unit (15 meetings and 60 agreements each over five years), and its repetitions. */
const STATISTICS_YOUNG_PEOPLE = setting('BENCH_STATISTICS_YOUNG_PEOPLE', 500, 1);
const STATISTICS_REPETITIONS = setting('BENCH_STATISTICS_REPETITIONS', 10, 1);

const TENANT_ID = 'b3c1a7e0-0000-4000-8000-0000000be7c4';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const ROLES = ['school', 'youthGuidance', 'jobcentre', 'housingSupport', 'contactPerson', 'psychologist'];

// ---------------------------------------------------------------------------------------------
// Child processes

interface Child {
  label: string;
  process: ChildProcess;
  pid: number;
  port: number;
  /** Every line the child wrote (stdout and stderr): at LOG_LEVEL=warn ours should write nothing. */
  output: string[];
  exited: Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

function startChild(label: string, entry: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Never authenticated, never Cosmos, never production mode: the bench is local only.
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'COSMOS_ENDPOINT', 'COSMOS_KEY', 'NODE_ENV']) {
    delete childEnv[name];
  }
  const child = spawn(process.execPath, [...nodeArgs, entry], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${label}: could not start ${entry}`);
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { label, process: child, pid: child.pid, port: Number(env.PORT), output, exited };
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  process.kill(child.pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 5000).unref());
  if ((await Promise.race([child.exited, timeout])) === 'timeout') {
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
  }
}

async function waitUntilServing(child: Child, path: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let early = false;
  void child.exited.then(() => {
    early = true;
  });
  while (Date.now() < deadline) {
    if (early) throw new Error(`${child.label} exited during start-up:\n${child.output.join('\n')}`);
    try {
      const response = await httpRequest(undefined, child.port, 'GET', path);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${child.label} did not answer ${path} within 30 s:\n${child.output.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// /proc

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // getconf missing: Linux uses 100 almost everywhere
}

/** utime + stime of a process, in milliseconds (resolution 1000 / CLK_TCK, usually 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it start at state (field 3).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, ' ').trim().split(' ')[0]) / 1024 : Number.NaN;
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface HttpResult {
  status: number;
  text: string;
}

function httpRequest(agent: Agent | undefined, port: number, method: string, path: string, body?: string): Promise<HttpResult> {
  return new Promise((done, fail) => {
    const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = request({ host: HOST, port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Activities, as Teams sends them from a 1:1 chat

interface User {
  index: number;
  aadObjectId: string;
  name: string;
  conversationId: string;
  caseIds: string[];
}

let activityCounter = 0;

function activityFrom(user: User, serviceUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
  activityCounter += 1;
  return {
    id: `bench-${activityCounter}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-user-${user.index}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:bench-bot', name: 'Samarbejdsbot' },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'da-DK',
    ...fields,
  };
}

function cardAction(user: User, serviceUrl: string, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return activityFrom(user, serviceUrl, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { v: 1, ...data } }, trigger: 'manual' },
  });
}

function birthDateAged(years: number): string {
  const today = new Date();
  return `${today.getUTCFullYear() - years}-01-15`;
}

/** Every `caseId` in the data of an `Action.Execute` anywhere in a card. */
function caseIdsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) caseIdsIn(item, found);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    if (record.type === 'Action.Execute' && typeof data?.caseId === 'string') found.push(data.caseId);
    for (const value of Object.values(record)) caseIdsIn(value, found);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Load

interface Failure {
  status: number;
  text: string;
  /** The action's data, to name the case a failure happened on. */
  data?: unknown;
}

interface LoadResult {
  turns: number;
  wallMs: number;
  latenciesMs: number[];
  failures: Failure[];
}

/**
 * `workers` loops, each sending its requests one after the other: a fixed concurrency. Request k
 * of worker w is `body(w, k)`; `ok` checks each answer.
 */
async function runLoad(
  agent: Agent,
  port: number,
  perWorker: number,
  body: (worker: number, k: number) => string,
  ok: (result: HttpResult, worker: number, k: number) => boolean,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const failures: Failure[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let k = 0; k < perWorker; k++) {
        const payload = body(worker, k);
        const sent = process.hrtime.bigint();
        let result: HttpResult;
        try {
          result = await httpRequest(agent, port, 'POST', '/api/messages', payload);
        } catch (error) {
          result = { status: 0, text: String(error) };
        }
        latenciesMs.push(Number(process.hrtime.bigint() - sent) / 1e6);
        if (!ok(result, worker, k)) {
          const data = (JSON.parse(payload) as { value?: { action?: { data?: unknown } } }).value?.action?.data;
          failures.push({ status: result.status, text: result.text.slice(0, 500), data });
        }
      }
    }),
  );
  return { turns: CONCURRENCY * perWorker, wallMs: Number(process.hrtime.bigint() - started) / 1e6, latenciesMs, failures };
}

interface Measurement {
  bot: 'ours' | 'bare';
  round: number;
  turns: number;
  cpuMsPerTurn: number;
  p50: number;
  p99: number;
  perSecond: number;
  rssMb: number;
  /** CPU of this process (the load generator) per turn: context for the latencies. */
  loadCpuMsPerTurn: number;
  failures: Failure[];
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function measure(bot: Measurement['bot'], round: number, child: Child, run: () => Promise<LoadResult>): Promise<Measurement> {
  const cpuBefore = cpuMs(child.pid);
  const loadBefore = process.cpuUsage();
  const result = await run();
  const load = process.cpuUsage(loadBefore);
  const cpuAfter = cpuMs(child.pid);
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    bot,
    round,
    turns: result.turns,
    cpuMsPerTurn: (cpuAfter - cpuBefore) / result.turns,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    perSecond: (result.turns * 1000) / result.wallMs,
    rssMb: rssMb(child.pid),
    loadCpuMsPerTurn: (load.user + load.system) / 1000 / result.turns,
    failures: result.failures,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function row(cells: string[]): string {
  const widths = [8, 6, 7, 13, 9, 9, 9, 9, 12];
  return cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 8) : cell.padStart(widths[i] ?? 8))).join(' ');
}

function measurementRow(
  label: string,
  m: Pick<Measurement, 'bot' | 'turns' | 'cpuMsPerTurn' | 'p50' | 'p99' | 'perSecond' | 'rssMb' | 'loadCpuMsPerTurn'>,
): string {
  return row([
    label,
    m.bot,
    String(m.turns),
    fixed(m.cpuMsPerTurn, 3),
    fixed(m.p50, 2),
    fixed(m.p99, 2),
    fixed(m.perSecond, 0),
    fixed(m.rssMb, 0),
    fixed(m.loadCpuMsPerTurn, 3),
  ]);
}

function summary(bot: Measurement['bot'], all: Measurement[]) {
  const mine = all.filter((m) => m.bot === bot);
  return {
    bot,
    turns: mine.reduce((sum, m) => sum + m.turns, 0),
    cpuMsPerTurn: median(mine.map((m) => m.cpuMsPerTurn)),
    p50: median(mine.map((m) => m.p50)),
    p99: median(mine.map((m) => m.p99)),
    perSecond: median(mine.map((m) => m.perSecond)),
    rssMb: Math.max(...mine.map((m) => m.rssMb)),
    loadCpuMsPerTurn: median(mine.map((m) => m.loadCpuMsPerTurn)),
  };
}

// ---------------------------------------------------------------------------------------------

async function echoBench(): Promise<void> {
  const distRoot = resolve(__dirname, '..', '..');
  const ourEntry = join(distRoot, 'bot', 'index.js');
  const echoEntry = join(__dirname, 'echoBot.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-bench-'));
  const casesPerUserWarmup = Math.ceil(WARMUP / CONCURRENCY / ADDS_PER_CASE);
  const casesPerUserRound = Math.ceil(TURNS / CONCURRENCY / ADDS_PER_CASE);
  const casesPerUser = casesPerUserWarmup + ROUNDS * casesPerUserRound;

  let stub: ConnectorStub | undefined;
  const children: Child[] = [];
  const agents: Agent[] = [];
  const startedAt = Date.now();
  // Interrupted (Ctrl-C): stop what this run started, by pid, and leave no temp dir behind.
  const interrupted = () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) process.kill(child.pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    stub = await startConnectorStub(HOST);
    const serviceUrl = stub.url;
    const [ourPort, barePort] = [await freePort(), await freePort()];
    // BENCH_CPU_PROF=<dir>: V8 CPU profiles of both bots, written there when they stop (.cpuprofile).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`] : [];
    const ours = startChild('our bot', ourEntry, { PORT: String(ourPort), HOST, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, profile);
    children.push(ours);
    const bare = startChild('bare echo bot', echoEntry, { PORT: String(barePort), HOST }, profile);
    children.push(bare);
    await Promise.all([waitUntilServing(ours, '/readyz'), waitUntilServing(bare, '/healthz')]);

    const ourAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const bareAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    agents.push(ourAgent, bareAgent);

    // Seed through the protocol: each worker is one coordinator in a 1:1 chat with the bot.
    const users: User[] = Array.from({ length: CONCURRENCY }, (_, index) => ({
      index,
      aadObjectId: `4d1e0000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      name: `Koordinator ${index + 1}`,
      conversationId: `a:bench-personal-${index}`,
      caseIds: [],
    }));
    const seeded = await runLoad(
      ourAgent,
      ourPort,
      casesPerUser,
      (worker, k) =>
        JSON.stringify(
          cardAction(users[worker] as User, serviceUrl, 'case.create', {
            name: `Ung ${worker + 1}.${k + 1}`,
            birthDate: birthDateAged(19),
            status: 'education',
          }),
        ),
      (result) => result.status === 200 && result.text.includes(CARD_TYPE) && /S-[A-Z2-9]{5}/.test(result.text),
    );
    if (seeded.failures.length > 0) throw new Error(`case.create failed ${seeded.failures.length} times, e.g. ${JSON.stringify(seeded.failures[0])}`);

    // `sag` in the 1:1 chat: the bot posts the case picker's first page to the connector; `case.pick`
    // answers with the next pages. Together they name every case id.
    for (const user of users) {
      const before = stub.activities.length;
      const answer = await httpRequest(ourAgent, ourPort, 'POST', '/api/messages', JSON.stringify(activityFrom(user, serviceUrl, { type: 'message', text: 'sag' })));
      if (answer.status < 200 || answer.status > 299) throw new Error(`'sag' got HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
      const posted = stub.activities.slice(before).filter((activity) => activity.conversationId === user.conversationId);
      const found = new Set(posted.flatMap((activity) => caseIdsIn(activity.body.attachments)));
      for (let page = 1; found.size < casesPerUser && page <= casesPerUser; page++) {
        const next = await httpRequest(ourAgent, ourPort, 'POST', '/api/messages', JSON.stringify(cardAction(user, serviceUrl, 'case.pick', { page })));
        if (next.status !== 200) throw new Error(`'case.pick' got HTTP ${next.status}: ${next.text.slice(0, 300)}`);
        for (const caseId of caseIdsIn(JSON.parse(next.text))) found.add(caseId);
      }
      user.caseIds = [...found];
      if (user.caseIds.length !== casesPerUser) {
        throw new Error(`expected ${casesPerUser} cases in the picker for ${user.name}, found ${user.caseIds.length}: ${JSON.stringify(posted).slice(0, 500)}`);
      }
    }

    const connectorCallsAfterSeeding = stub.activities.length + stub.unexpected.length;

    /** The cases a slice of the run adds to: the warm-up (slice 0), then one fresh set per round. */
    const sliceOf = (user: User, slice: number) =>
      slice === 0
        ? user.caseIds.slice(0, casesPerUserWarmup)
        : user.caseIds.slice(casesPerUserWarmup + (slice - 1) * casesPerUserRound, casesPerUserWarmup + slice * casesPerUserRound);

    const addExternal = (slice: number) => (worker: number, k: number) => {
      const user = users[worker] as User;
      const cases = sliceOf(user, slice);
      // Round-robin over the slice's cases: they grow together, and no two workers share a case.
      return JSON.stringify(
        cardAction(user, serviceUrl, 'team.addExternal', {
          caseId: cases[k % cases.length],
          externalName: `Ekstern ${slice}.${worker + 1}.${k + 1}`,
          externalRole: ROLES[k % ROLES.length],
          externalPhone: '+45 12 34 56 78',
        }),
      );
    };
    const ourCard = (slice: number) => (result: HttpResult, worker: number, k: number) =>
      result.status === 200 && result.text.includes(CARD_TYPE) && result.text.includes(`"Ekstern ${slice}.${worker + 1}.${k + 1} (`);
    const bareCard = (result: HttpResult) => result.status === 200 && result.text.includes(CARD_TYPE) && result.text.includes('Done: team.addExternal');

    const runOurs = (slice: number, turns: number) => () => runLoad(ourAgent, ourPort, turns / CONCURRENCY, addExternal(slice), ourCard(slice));
    const runBare = (slice: number, turns: number) => () => runLoad(bareAgent, barePort, turns / CONCURRENCY, addExternal(slice), bareCard);

    const warmups: Measurement[] = [];
    if (WARMUP > 0) {
      warmups.push(await measure('ours', 0, ours, runOurs(0, WARMUP)));
      warmups.push(await measure('bare', 0, bare, runBare(0, WARMUP)));
    }
    const outputBeforeMeasuring = ours.output.length;

    const measurements: Measurement[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate who goes first, so neither always runs on a machine the other just warmed.
      const order = round % 2 === 1 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      for (const bot of order) {
        measurements.push(bot === 'ours' ? await measure('ours', round, ours, runOurs(round, TURNS)) : await measure('bare', round, bare, runBare(round, TURNS)));
      }
    }
    const connectorCallsWhileMeasuring = stub.activities.length + stub.unexpected.length - connectorCallsAfterSeeding;
    const ourLinesWhileMeasuring = ours.output.slice(outputBeforeMeasuring);

    // Report
    const lines: string[] = [];
    lines.push('');
    lines.push('Samarbejdsbot bench: card action team.addExternal (our bot, SQLite) vs a bare botbuilder bot answering the same invoke');
    lines.push(
      `rounds ${ROUNDS} x ${TURNS} turns per bot, warm-up ${WARMUP}, concurrency ${CONCURRENCY}, ` +
        `${CONCURRENCY * casesPerUser} cases seeded, each case gets ${ADDS_PER_CASE} adds (2 -> ${2 + ADDS_PER_CASE} members), CLK_TCK ${clockTicks}`,
    );
    lines.push('');
    lines.push(row(['round', 'bot', 'turns', 'CPU ms/turn', 'p50 ms', 'p99 ms', 'req/s', 'RSS MB', 'load ms/turn']));
    for (const m of warmups) lines.push(measurementRow('warm-up', m));
    for (const m of measurements) lines.push(measurementRow(String(m.round), m));
    const oursSummary = summary('ours', measurements);
    const bareSummary = summary('bare', measurements);
    lines.push(measurementRow('median', oursSummary));
    lines.push(measurementRow('median', bareSummary));
    const ratio = (a: number, b: number) => fixed(a / b, 2);
    lines.push(
      row([
        'ratio',
        'o/b',
        '',
        ratio(oursSummary.cpuMsPerTurn, bareSummary.cpuMsPerTurn),
        ratio(oursSummary.p50, bareSummary.p50),
        ratio(oursSummary.p99, bareSummary.p99),
        ratio(oursSummary.perSecond, bareSummary.perSecond),
        '',
        '',
      ]),
    );
    const perRound = Array.from({ length: ROUNDS }, (_, i) => {
      const o = measurements.find((m) => m.bot === 'ours' && m.round === i + 1);
      const b = measurements.find((m) => m.bot === 'bare' && m.round === i + 1);
      return o && b ? ratio(o.cpuMsPerTurn, b.cpuMsPerTurn) : '-';
    });
    lines.push('');
    lines.push(`CPU ratio ours/bare per round: ${perRound.join(', ')}`);
    const cpuRatio = oursSummary.cpuMsPerTurn / bareSummary.cpuMsPerTurn;
    lines.push(
      `Target (our turn costs at most 2x the bare one, CPU per turn): ${cpuRatio <= 2 ? 'MET' : 'NOT MET'} (${fixed(cpuRatio, 2)}x); ` +
        `p50 ${fixed(oursSummary.p50 / bareSummary.p50, 2)}x, p99 ${fixed(oursSummary.p99 / bareSummary.p99, 2)}x`,
    );
    lines.push(`Connector calls while measuring: ${connectorCallsWhileMeasuring}; our bot's log lines at warn or above while measuring: ${ourLinesWhileMeasuring.length}`);
    const failures = [...warmups, ...measurements].flatMap((m) => m.failures.map((failure) => ({ bot: m.bot, round: m.round, ...failure })));
    if (failures.length > 0) {
      lines.push(`FAILED REQUESTS: ${failures.length}; first: ${JSON.stringify(failures[0])}`);
      process.exitCode = 1;
    }
    for (const line of ourLinesWhileMeasuring.slice(0, 5)) lines.push(`  our bot: ${line.slice(0, 300)}`);
    lines.push(`Run took ${fixed((Date.now() - startedAt) / 1000, 1)} s. Compare ratios within one run only, never absolute times across runs.`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    for (const agent of agents) agent.destroy();
    for (const child of children) await stopChild(child);
    await stub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (SECTIONS.has('echo')) await echoBench();
  if (SECTIONS.has('outbox')) {
    const lines = await dueQueryBench({ sizes: DUE_SIZES, futurePerCase: 5, sentPerCase: 3, due: 100, repetitions: DUE_REPETITIONS, warmup: 30 });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (SECTIONS.has('dispatch')) {
    const started = Date.now();
    const { lines, ok } = await dispatchBench({ messages: DISPATCH_MESSAGES, intervalMs: 2000, host: HOST });
    lines.push(`Section took ${fixed((Date.now() - started) / 1000, 1)} s.`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!ok) process.exitCode = 1;
  }
  if (SECTIONS.has('statistics')) {
    const lines = await statisticsBench({ youngPeople: STATISTICS_YOUNG_PEOPLE, meetingsPerCase: 15, agreementsPerMeeting: 4, repetitions: STATISTICS_REPETITIONS });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
