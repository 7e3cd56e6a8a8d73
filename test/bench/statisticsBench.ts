// Bench section `statistics`: a leader's half-yearly status of one unit of 500 young people followed for
// five years (about 7 500 network meetings and 30 000 agreements), built through the domain's own
// functions and saved in the embedded SQLite store (a file). Measured: the report's first computation
// (read the unit's cases, count, suppress: what freezing it costs, once per unit and half-year), next to
// its two parts in the same run (reading the cases, the baseline; counting them in memory), and a
// leader's read of the frozen report (`readLeaderReport`: one stored report and an audit record). Target
// (issue 12): under 1 s. Then the same unit on the Cosmos adapter (@vercel/cosmosdb-server in this
// process): the pages and bytes one computation reads, and the frozen report's size (its point read's cost).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../../bot/app/context';
import { computedReport } from '../../bot/app/frozenReports';
import { changeOrganisation } from '../../bot/app/organisation';
import { administratorKey } from '../../bot/domain/access';
import { readLeaderReport } from '../../bot/app/statistics';
import { type Case, createCase } from '../../bot/domain/case';
import { approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { addAgreement, addGoal, completeAgreement, GOAL_THEMES } from '../../bot/domain/goals';
import { answerChecklist, openMeeting } from '../../bot/domain/meeting';
import { type Organisation, addLeader, addUnit } from '../../bot/domain/organisation';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { frozenReport } from '../../bot/domain/statistics/frozenReport';
import { leaderReport } from '../../bot/domain/statistics/leaderReport';
import { parsePeriod } from '../../bot/domain/statistics/period';
import { WorkingDays } from '../../bot/domain/workingDays';
import { CosmosCaseStore } from '../../bot/store/cosmosStore';
import type { CaseStore } from '../../bot/store/port';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { startCosmosServer } from '../support/cosmosServer';

export interface StatisticsSettings {
  youngPeople: number;
  meetingsPerCase: number;
  agreementsPerMeeting: number;
  repetitions: number;
}

const TENANT = 'b3c1a7e0-0000-4000-8000-0000000be7c4';
const ADMIN = { tenantId: TENANT, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a' };
const LEADER = { tenantId: TENANT, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b' };
const BY = 'aad-coordinator';
/** The reports are read in mid-January 2027, of the half-year that ended on 31 December 2026. */
const NOW = new Date('2027-01-15T09:00:00.000Z');
const PERIOD = '2026H2';
const DAY = 24 * 3_600_000;
const STATUSES = ['education', 'work', 'neither'] as const;

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** One young person's five years: a meeting every four months or so, each with its agreements, most kept. */
function followedCase(index: number, settings: StatisticsSettings): Case {
  const start = new Date(Date.UTC(2022, 0, 3) + (index % 90) * DAY);
  const ids = { caseId: `case-${index}`, reference: `F-${index}`, coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' };
  let current = createCase(TENANT, { aadObjectId: BY, name: 'Kim Koordinator' }, { name: `Ung ${index}`, birthDate: '2006-05-01', status: STATUSES[index % 3] }, ids, start);
  const meetingGap = Math.floor((5 * 365 * DAY) / settings.meetingsPerCase);
  const goals = GOAL_THEMES.slice(0, Math.ceil((settings.meetingsPerCase * settings.agreementsPerMeeting) / 12));
  for (let n = 1; n <= settings.meetingsPerCase; n++) {
    const at = new Date(start.getTime() + (n - 1) * meetingGap + 9 * 3_600_000);
    const meetingId = `meeting-${n}`;
    current = openMeeting(current, meetingId, { date: isoDay(at), time: '10:00' }, BY, at);
    if (n === 1) goals.forEach((theme, goal) => (current = addGoal(current, { theme, longTermGoal: `Mål ${goal + 1}` }, `goal-${goal}`, BY, at, meetingId)));
    const answers = { 'attended_m-young': n % 4 === 0 ? 'no' : 'yes', vipAttached: index % 5 === 0 ? 'no' : 'yes', evalClearGoals: 'yes', evalResponsibles: n % 3 === 0 ? 'no' : 'yes', evalLengthMinutes: String(60 + (n % 4) * 15) };
    current = answerChecklist(current, meetingId, answers, BY, at);
    const agreementIds: string[] = [];
    for (let a = 0; a < settings.agreementsPerMeeting; a++) {
      const agreementId = `agreement-${n}-${a}`;
      const goalId = `goal-${((n - 1) * settings.agreementsPerMeeting + a) % goals.length}`;
      current = addAgreement(current, goalId, { action: `Aftale ${a + 1}`, ownerMemberId: 'm-young', followUpOn: isoDay(new Date(at.getTime() + 30 * DAY)), followUpMethod: 'phone' }, agreementId, BY, at, meetingId);
      agreementIds.push(agreementId);
    }
    const next = new Date(at.getTime() + meetingGap);
    const closing = { feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-coordinator', nextMeetingDate: isoDay(next), nextMeetingTime: '10:00', summary: 'Status.', waitingArrangement: 'Ingen.', confirmEmptySections: true, confirmFarNextMeeting: true };
    current = approveMinutes(closeMeeting(current, meetingId, closing, `meeting-${n + 1}`, BY, at), meetingId, isoDay(at), BY, at);
    // Three of four kept: most on time, some late; the fourth stays open.
    agreementIds.slice(0, -1).forEach((agreementId, a) => (current = completeAgreement(current, agreementId, BY, new Date(at.getTime() + (a === 0 && n % 2 === 0 ? 40 : 20) * DAY))));
  }
  return current;
}

/** What one computation read from a store: pages, cases and their JSON bytes. */
interface Reading {
  pages: number;
  cases: number;
  bytes: number;
  largestPageBytes: number;
}

/** The store with its `unitCasePages` counted. */
function counted(store: CaseStore, reading: Reading): CaseStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'unitCasePages' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async function* (...args: unknown[]) {
        for await (const page of value.apply(target, args) as AsyncIterable<Case[]>) {
          const bytes = Buffer.byteLength(JSON.stringify(page));
          Object.assign(reading, { pages: reading.pages + 1, cases: reading.cases + page.length, bytes: reading.bytes + bytes, largestPageBytes: Math.max(reading.largestPageBytes, bytes) });
          yield page;
        }
      };
    },
  });
}

/** The same unit in a Cosmos DB test server: one computation's pages and bytes, and the frozen report's point read. */
async function cosmosFigures(cases: readonly Case[], organisation: Organisation): Promise<string[]> {
  const server = await startCosmosServer();
  const store = await CosmosCaseStore.open({ endpoint: server.endpoint, key: server.key, agent: server.agent, databaseId: 'statistics-bench' });
  try {
    await store.saveOrganisation(organisation, undefined, []);
    const loadStarted = performance.now();
    for (const current of cases) await store.createCase(current, { audit: [] });
    const loadMs = performance.now() - loadStarted;
    const reading: Reading = { pages: 0, cases: 0, bytes: 0, largestPageBytes: 0 };
    let started = performance.now();
    const report = await computedReport(counted(store, reading), organisation, 'unit-1', parsePeriod(PERIOD), NOW);
    const computeMs = performance.now() - started;
    const frozen = await store.freezeReport(frozenReport(TENANT, 'unit-1', report, NOW));
    const reads: number[] = [];
    for (let repetition = 0; repetition < 10; repetition++) {
      started = performance.now();
      await store.getFrozenReport(TENANT, 'unit-1', PERIOD);
      reads.push(performance.now() - started);
    }
    const frozenBytes = Buffer.byteLength(JSON.stringify(frozen));
    return [
      `Cosmos DB adapter (test server in this process; ${cases.length} cases loaded in ${fixed(loadMs / 1000, 1)} s): one computation read ${reading.cases} cases in ${reading.pages} pages of at most 50 (${fixed(reading.bytes / 1e6, 1)} MB, the largest page ${fixed(reading.largestPageBytes / 1e6, 2)} MB) in ${fixed(computeMs, 0)} ms: on real Cosmos about ${fixed(reading.bytes / 1024, 0)} RU at 1 RU a KB read.`,
      `Frozen report: ${fixed(frozenBytes / 1000, 1)} KB, one point read (about ${Math.max(1, Math.ceil(frozenBytes / 1024))} RU), median ${fixed(median(reads), 1)} ms here; ratio computation / frozen read ${fixed(computeMs / median(reads), 0)}.`,
    ];
  } finally {
    await store.close();
    await server.stop();
  }
}

export async function statisticsBench(settings: StatisticsSettings): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-statistics-bench-'));
  const path = join(dir, 'store.sqlite');
  const store = new SqliteCaseStore(path);
  try {
    const deps: AppDeps = { store, now: () => NOW, newId: (() => { let next = 0; return () => `id-${++next}`; })(), reminders: new ReminderPlanner(new WorkingDays()) };
    const admins = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);
    await changeOrganisation(deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-1', 'Ungeenheden'));
    const organisation = await changeOrganisation(deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LEADER.aadObjectId, 'Ungeenheden'));

    const buildStarted = performance.now();
    let meetings = 0;
    let agreements = 0;
    let bytes = 0;
    const cases: Case[] = [];
    for (let index = 0; index < settings.youngPeople; index++) {
      const built = { ...followedCase(index, settings), unitId: 'unit-1' };
      meetings += built.meetings.filter((meeting) => meeting.status === 'held').length;
      agreements += built.agreements.length;
      bytes += Buffer.byteLength(JSON.stringify(built));
      await store.createCase(built, { audit: [] });
      cases.push(built);
    }
    const buildMs = performance.now() - buildStarted;

    const timings = { read: [] as number[], count: [] as number[], compute: [] as number[], frozen: [] as number[] };
    let shown = 0;
    // Warm-up once (the first read freezes the report), then the four measured alternately.
    await readLeaderReport(deps, LEADER, { periodId: PERIOD });
    for (let repetition = 0; repetition < settings.repetitions; repetition++) {
      let started = performance.now();
      const unitCases = await store.listUnitCases(TENANT, 'unit-1', true);
      timings.read.push(performance.now() - started);
      started = performance.now();
      leaderReport(unitCases, parsePeriod(PERIOD), NOW);
      timings.count.push(performance.now() - started);
      started = performance.now();
      await computedReport(store, organisation, 'unit-1', parsePeriod(PERIOD), NOW);
      timings.compute.push(performance.now() - started);
      started = performance.now();
      const { report } = await readLeaderReport(deps, LEADER, { periodId: PERIOD });
      timings.frozen.push(performance.now() - started);
      shown = report.meetingsPerYear.youngPeople.kind === 'value' ? report.meetingsPerYear.youngPeople.value : -1;
    }
    const [read, count, compute, frozen] = [median(timings.read), median(timings.count), median(timings.compute), median(timings.frozen)];
    return [
      '',
      `== statistics: a leader's half-yearly status (${PERIOD}) of one unit, embedded SQLite store ==`,
      `Built through the domain: ${settings.youngPeople} young people, ${meetings} meetings held, ${agreements} agreements, ${fixed(bytes / settings.youngPeople / 1000, 1)} KB a case as JSON, in ${fixed(buildMs / 1000, 1)} s; file and log ${fixed([path, `${path}-wal`].filter((file) => existsSync(file)).reduce((sum, file) => sum + statSync(file).size, 0) / 1e6, 1)} MB.`,
      `Medians of ${settings.repetitions}: first computation (what freezing costs) ${fixed(compute, 1)} ms (target < 1000 ms: ${compute < 1000 ? 'met' : 'NOT met'}); of it, reading the unit's cases (baseline) ${fixed(read, 1)} ms, counting and suppressing ${fixed(count, 1)} ms.`,
      `A leader's read of the frozen report (readLeaderReport: stored report and audit record) ${fixed(frozen, 2)} ms; ratio first computation / frozen read ${fixed(compute / frozen, 0)}. Young people in the report: ${shown}.`,
      ...(await cosmosFigures(cases, organisation)),
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
