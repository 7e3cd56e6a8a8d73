// A leader's report of an ended half-year is frozen the first time it is computed (by a read or by the
// job) and served as stored from then on: what happens to the cases afterwards (a follow-up date moved,
// a meeting closed late, a case erased) cannot change it, so two reads of one period cannot be
// subtracted to expose a young person. Racing freezes keep one copy; refused periods are audited.
import { administratorKey } from '../../bot/domain/access';
import { describe, expect, it } from 'vitest';
import type { ActorId, AppDeps } from '../../bot/app/context';
import { frozenLeaderReport } from '../../bot/app/frozenReports';
import { changeOrganisation } from '../../bot/app/organisation';
import { readLeaderReport } from '../../bot/app/statistics';
import type { Case } from '../../bot/domain/case';
import { addLeader, addUnit } from '../../bot/domain/organisation';
import { FROZEN_REPORT_VERSION, frozenReport } from '../../bot/domain/statistics/frozenReport';
import { leaderReport } from '../../bot/domain/statistics/leaderReport';
import { parsePeriod } from '../../bot/domain/statistics/period';
import { type CaseStore, organisationAuditId } from '../../bot/store/port';
import { FreezeReportsJob } from '../../bot/statistics/freezeJob';
import { asyncCodeOf } from '../support/refusals';
import { caseA, caseB, caseE, meetingClosure } from '../domain/statistics/statusFixtures';
import { appDeps } from './appFixture';

const TENANT = 'tenant-a';
const ADMIN: ActorId = { tenantId: TENANT, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a' };
const LEADER: ActorId = { tenantId: TENANT, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b' };
const PERIOD = parsePeriod('2027H1');
/** 1 August 2027: 2027H1 has ended. */
const AFTER = new Date('2027-08-01T08:00:00Z');
const LATER = new Date('2027-10-01T08:00:00Z');

const clones = (source: Case, count: number, prefix: string): Case[] =>
  Array.from({ length: count }, (_, index) => ({ ...source, id: `${prefix}${index + 1}`, tenantId: TENANT, unitId: 'unit-nord' }));

/** Units Nord (the leader's, with six young people of each of A, B and E) and Syd (none); a clock the test moves. */
async function unitWithCases(at: Date = AFTER): Promise<{ deps: AppDeps; store: CaseStore; clock: { now: Date }; cases: Case[] }> {
  const clock = { now: at };
  const deps = { ...appDeps(), now: () => clock.now };
  const admins = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);
  await changeOrganisation(deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-nord', 'Nord'));
  await changeOrganisation(deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-syd', 'Syd'));
  await changeOrganisation(deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LEADER.aadObjectId, 'Nord'));
  const cases = [...clones(caseA, 6, 'A'), ...clones(caseB, 6, 'B'), ...clones(caseE, 6, 'E')];
  for (const current of cases) await deps.store.createCase(current, { audit: [] });
  return { deps, store: deps.store, clock, cases };
}

/** What recomputing from the cases as they are now would give: what a frozen report must not follow. */
async function recomputed(store: CaseStore): Promise<ReturnType<typeof leaderReport>> {
  return leaderReport(await store.listUnitCases(TENANT, 'unit-nord', true), PERIOD, LATER);
}

async function changed(store: CaseStore, caseId: string, change: (current: Case) => Case): Promise<void> {
  const stored = await store.getCase(TENANT, caseId);
  if (!stored) throw new Error(`no case ${caseId}`);
  await store.replaceCase(change(stored.case), stored.etag, { audit: [] });
}

const readH1 = (deps: AppDeps) => readLeaderReport(deps, LEADER, { periodId: PERIOD.id });

describe("a leader's report of an ended half-year, frozen", () => {
  const afterwards: [string, (store: CaseStore) => Promise<void>][] = [
    [
      "an agreement's follow-up date moved out of the period",
      (store) =>
        changed(store, 'A1', (current) => ({
          ...current,
          agreements: current.agreements.map((agreement) =>
            agreement.id === 'ag1' ? { ...agreement, followUpOn: '2027-09-15', history: [...agreement.history, { at: LATER.toISOString(), byAadObjectId: 'aad-coordinator', kind: 'newDate' as const, followUpOn: '2027-09-15' }] } : agreement,
          ),
        })),
    ],
    [
      'a meeting of the period closed after it ended',
      (store) =>
        changed(store, 'B1', (current) => ({
          ...current,
          meetings: current.meetings.map((meeting) => (meeting.id === 'b3' ? { ...meeting, status: 'held' as const, closure: meetingClosure(LATER.toISOString()) } : meeting)),
        })),
    ],
    ['a case erased', async (store) => void (await store.eraseCase(TENANT, 'E1', { id: 'tombstone-1', tenantId: TENANT, caseId: 'E1', actorAadObjectId: 'retention', action: 'case.erase', outcome: 'ok', at: LATER.toISOString() }))],
  ];

  it.each(afterwards)('gives the same figures after %s', async (_, change) => {
    const { deps, store, clock } = await unitWithCases();
    const first = await readH1(deps);
    expect(first.report).toEqual(await recomputed(store));

    clock.now = LATER;
    await change(store);
    // The attack: recomputed, the period's figures would now differ, and the difference is one young person's.
    expect(await recomputed(store)).not.toEqual(first.report);
    expect((await readH1(deps)).report).toEqual(first.report);
  });

  it('serves the copy another instance froze first when it loses the race', async () => {
    const { deps, store, cases } = await unitWithCases();
    const organisation = (await store.getOrganisation(TENANT))!.organisation;
    // Another instance froze it from fewer cases (before a late change, say) between this read's look and its write.
    const theirs = frozenReport(TENANT, 'unit-nord', leaderReport(cases.slice(0, 12), PERIOD, AFTER), AFTER);
    await store.freezeReport(theirs);
    const racing: AppDeps = { ...deps, store: new Proxy(store, { get: (target, property) => (property === 'getFrozenReport' ? async () => undefined : Reflect.get(target, property, target).bind(target)) }) };

    expect(await frozenLeaderReport(racing, organisation, 'unit-nord', PERIOD)).toEqual(theirs.report);
    expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toEqual(theirs);
    expect((await readH1(deps)).report).toEqual(theirs.report);
  });

  it('keeps serving a report stored by another version, a figure it lacks shown as suppressed, never recomputed', async () => {
    const { deps, store, cases } = await unitWithCases();
    const current = leaderReport(cases, PERIOD, AFTER);
    const { feedback: _dropped, ...older } = current;
    const stored = { ...frozenReport(TENANT, 'unit-nord', { ...older, meetings: { ...current.meetings, held: { kind: 'value', value: 999 } } } as typeof current, AFTER), version: FROZEN_REPORT_VERSION - 1 };
    await store.freezeReport(stored);

    const { report } = await readH1(deps);
    expect(report.meetings.held).toEqual({ kind: 'value', value: 999 });
    expect(Object.values(report.feedback)).toEqual(Object.values(current.feedback).map(() => ({ kind: 'suppressed' })));
    expect(report.agreements).toEqual(current.agreements);
    expect(report.window).toEqual(current.window);
  });

  it('refuses a period that is no half-year, or has not ended, and audits the refusal as denied (the messages: test/teams/actions/statistics.test.ts)', async () => {
    const { deps, store } = await unitWithCases();
    const denied = async () => (await store.listAudit(TENANT, organisationAuditId(TENANT))).filter((record) => record.actorAadObjectId === LEADER.aadObjectId && record.outcome === 'denied').length;
    expect(await asyncCodeOf(readLeaderReport(deps, LEADER, { periodId: '2027H3' }))).toBe('invalidPeriod');
    expect(await denied()).toBe(1);
    expect(await asyncCodeOf(readLeaderReport(deps, LEADER, { periodId: '2027H2' }))).toBe('periodNotEnded');
    expect(await denied()).toBe(2);
    expect(await store.getFrozenReport(TENANT, 'unit-nord', '2027H2')).toBeUndefined();
    await readH1(deps);
    expect((await store.listAudit(TENANT, organisationAuditId(TENANT))).at(-1)).toMatchObject({ actorAadObjectId: LEADER.aadObjectId, action: 'statistics.read', outcome: 'ok' });
  });
});

describe('the job that freezes the latest ended half-year', () => {
  it('freezes every unit once the period has ended, not before, and only once', async () => {
    // 23:59:59 on 30 June 2027 in Copenhagen: 2027H1 is still running, 2026H2 is the latest ended.
    const { deps, store, clock } = await unitWithCases(new Date('2027-06-30T21:59:59Z'));
    const job = new FreezeReportsJob(deps);
    expect(await job.runOnce()).toBe(2);
    expect((await store.getFrozenReport(TENANT, 'unit-nord', '2026H2'))?.frozenAt).toBe('2027-06-30T21:59:59.000Z');
    expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toBeUndefined();

    clock.now = new Date('2027-06-30T22:00:00Z');
    expect(await job.runOnce()).toBe(2);
    const frozen = await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id);
    expect(frozen).toMatchObject({ version: FROZEN_REPORT_VERSION, tenantId: TENANT, unitId: 'unit-nord', periodId: PERIOD.id, frozenAt: '2027-06-30T22:00:00.000Z' });
    expect(await store.getFrozenReport(TENANT, 'unit-syd', PERIOD.id)).toBeDefined();
    expect(await job.runOnce()).toBe(0);

    // A leader's read later serves the job's copy, whatever changed since.
    clock.now = LATER;
    await store.eraseCase(TENANT, 'A1', { id: 'tombstone-2', tenantId: TENANT, caseId: 'A1', actorAadObjectId: 'retention', action: 'case.erase', outcome: 'ok', at: LATER.toISOString() });
    expect((await readH1(deps)).report).toEqual(frozen?.report);
  });

  it('freezes nothing for a tenant with no units', async () => {
    const deps = appDeps(AFTER);
    expect(await new FreezeReportsJob(deps).runOnce()).toBe(0);
  });
});
