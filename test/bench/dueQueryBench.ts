// Bench section (a): how long finding due reminders takes on the embedded store, with 500 and with
// 50 000 cases. Each case has a handful of reminders in the future (outbox messages with a later
// `notBefore`) and a few already sent; a fixed number are due now. The measured call is the
// dispatcher's own: `claimDueOutbox(now, owner, lease, 100)`; after each, the claim is released
// (each message settled back to pending with its own `notBefore`), so every repetition finds the same
// 100. The two sizes are measured alternately, in one process, and their medians compared.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase } from '../../bot/domain/case';
import type { OutboxMessage } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';

export interface DueQuerySettings {
  /** Case counts to compare, smallest first. */
  sizes: number[];
  /** Future reminders per case (pending, not due). */
  futurePerCase: number;
  /** Sent reminders per case (history). */
  sentPerCase: number;
  /** Due now, in all (one each in as many cases). */
  due: number;
  repetitions: number;
  warmup: number;
}

const TENANT = 'b3c1a7e0-0000-4000-8000-0000000be7c4';
const NOW = new Date('2026-11-23T07:00:00.000Z');
const DAY = 24 * 3_600_000;
const SEED_BATCH = 10_000;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

interface Seeded {
  cases: number;
  store: SqliteCaseStore;
  path: string;
  rows: number;
  seedCasesMs: number;
  seedOutboxMs: number;
}

function reminder(caseIndex: number, n: number, notBefore: Date, status: OutboxMessage['status']): OutboxMessage {
  return {
    id: `r-${caseIndex}-${n}`,
    tenantId: TENANT,
    caseId: `case-${caseIndex}`,
    kind: 'reminder',
    to: { kind: 'user', aadObjectId: `owner-${caseIndex}`, teamsUserId: `29:owner-${caseIndex}` },
    about: { reminder: 'agreementBefore', memberId: 'm-coordinator', agreementId: `agreement-${n}`, followUpOn: notBefore.toISOString().slice(0, 10), plan: '' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    notBefore: notBefore.toISOString(),
    status,
    attempts: status === 'sent' ? 1 : 0,
    ...(status === 'sent' ? { sentAt: notBefore.toISOString() } : {}),
  };
}

/** Cases through `createCase` (one save each, as the bot writes them); reminders through `appendOutbox` in batches of 10 000. */
async function seed(directory: string, cases: number, settings: DueQuerySettings): Promise<Seeded> {
  const path = join(directory, `due-${cases}.sqlite`);
  const store = new SqliteCaseStore(path);
  const caseStarted = process.hrtime.bigint();
  for (let index = 0; index < cases; index++) {
    const created = createCase(
      TENANT,
      { aadObjectId: `owner-${index}`, name: `Koordinator ${index}`, teamsUserId: `29:owner-${index}` },
      { name: `Ung ${index}`, birthDate: '2007-05-01', status: 'education' },
      { caseId: `case-${index}`, reference: `S-${String(index).padStart(5, '0')}`, coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
      new Date(NOW.getTime() - 400 * DAY),
    );
    await store.createCase(created, { audit: [] });
  }
  const seedCasesMs = Number(process.hrtime.bigint() - caseStarted) / 1e6;

  const outboxStarted = process.hrtime.bigint();
  let batch: OutboxMessage[] = [];
  let rows = 0;
  const add = async (message: OutboxMessage) => {
    batch.push(message);
    rows++;
    if (batch.length >= SEED_BATCH) {
      await store.appendOutbox(batch);
      batch = [];
    }
  };
  // Spread over the cases: the due ones in the first `due` cases, the rest at other hours and days.
  for (let index = 0; index < cases; index++) {
    for (let n = 0; n < settings.futurePerCase; n++) await add(reminder(index, n, new Date(NOW.getTime() + (1 + ((index + n * 7) % 120)) * DAY + (index % 600) * 1000), 'pending'));
    for (let n = 0; n < settings.sentPerCase; n++) await add(reminder(index, 100 + n, new Date(NOW.getTime() - (1 + ((index + n * 11) % 300)) * DAY), 'sent'));
  }
  for (let n = 0; n < settings.due; n++) await add(reminder(n % cases, 1_000 + n, new Date(NOW.getTime() - (n + 1) * 1000), 'pending'));
  if (batch.length > 0) await store.appendOutbox(batch);
  const seedOutboxMs = Number(process.hrtime.bigint() - outboxStarted) / 1e6;
  return { cases, store, path, rows, seedCasesMs, seedOutboxMs };
}

/** One claim of the due messages, timed; then the claim released, so that the next finds the same. */
async function claimOnce(seeded: Seeded, settings: DueQuerySettings): Promise<number> {
  const owner = 'bench-dispatcher';
  const started = process.hrtime.bigint();
  const claimed = await seeded.store.claimDueOutbox(NOW, owner, 120_000, 100);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (claimed.length !== Math.min(100, settings.due)) throw new Error(`${seeded.cases} cases: claimed ${claimed.length}, expected ${Math.min(100, settings.due)}`);
  for (const message of claimed) {
    if (!(await seeded.store.settleOutbox(message, owner, { status: 'pending', notBefore: message.notBefore, error: 'bench' }))) throw new Error('release refused');
  }
  return elapsedMs;
}

export async function dueQueryBench(settings: DueQuerySettings): Promise<string[]> {
  const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-bench-due-'));
  const seeded: Seeded[] = [];
  try {
    for (const cases of settings.sizes) seeded.push(await seed(directory, cases, settings));
    const timings = new Map<number, number[]>(settings.sizes.map((cases) => [cases, []]));
    for (let round = 0; round < settings.warmup + settings.repetitions; round++) {
      // Alternate the sizes (and which goes first), so that neither always runs on a warmer machine.
      const order = round % 2 === 0 ? seeded : [...seeded].reverse();
      for (const each of order) {
        const ms = await claimOnce(each, settings);
        if (round >= settings.warmup) timings.get(each.cases)!.push(ms);
      }
    }

    const lines: string[] = [''];
    lines.push('Outbox bench (a): finding due reminders, claimDueOutbox(now, owner, 120 s, 100), embedded store (SQLite file, WAL)');
    lines.push(
      `per case: ${settings.futurePerCase} future reminders (pending, not due) and ${settings.sentPerCase} sent; ${settings.due} due now in all; ` +
        `${settings.repetitions} claims per size after ${settings.warmup} warm-up, sizes alternating; each claim released again (settled back to pending) untimed`,
    );
    lines.push('');
    lines.push(['cases', 'outbox rows', 'DB MB', 'seed s', 'median ms', 'p10 ms', 'p90 ms', 'p99 ms'].map((cell, i) => (i === 0 ? cell.padEnd(8) : cell.padStart(11))).join(' '));
    const medians: number[] = [];
    for (const each of seeded) {
      const sorted = [...timings.get(each.cases)!].sort((a, b) => a - b);
      const median = percentile(sorted, 0.5);
      medians.push(median);
      const megabytes = (statSync(each.path).size + (statSync(`${each.path}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1024 / 1024;
      lines.push(
        [String(each.cases), String(each.rows), fixed(megabytes, 1), fixed((each.seedCasesMs + each.seedOutboxMs) / 1000, 1), fixed(median, 3), fixed(percentile(sorted, 0.1), 3), fixed(percentile(sorted, 0.9), 3), fixed(percentile(sorted, 0.99), 3)]
          .map((cell, i) => (i === 0 ? cell.padEnd(8) : cell.padStart(11)))
          .join(' '),
      );
    }
    const ratio = (medians[medians.length - 1] ?? Number.NaN) / (medians[0] ?? Number.NaN);
    lines.push('');
    lines.push(
      `Seeding: cases through createCase (one save each), reminders through appendOutbox in batches of ${SEED_BATCH}: ` +
        seeded.map((each) => `${each.cases} cases ${fixed(each.seedCasesMs / 1000, 1)} s + ${each.rows} rows ${fixed(each.seedOutboxMs / 1000, 1)} s`).join('; '),
    );
    lines.push(
      `Target (median per query with ${settings.sizes[settings.sizes.length - 1]} cases within 1.5x of ${settings.sizes[0]}): ${ratio <= 1.5 ? 'MET' : 'NOT MET'} (${fixed(ratio, 2)}x)`,
    );
    return lines;
  } finally {
    for (const each of seeded) await each.store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
