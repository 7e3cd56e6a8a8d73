// A case's unit through the use cases on the embedded store: chosen when the case is opened (only when
// the tenant has several units), moved by an administrator by the case's reference; every refusal
// writes nothing, and a leader's half-yearly status counts a case in the unit it was moved to.
import { describe, expect, it } from 'vitest';
import type { Actor, AppDeps } from '../../bot/app/context';
import { moveCase } from '../../bot/app/moveCase';
import { openCase } from '../../bot/app/openCase';
import { changeOrganisation } from '../../bot/app/organisation';
import { readLeaderReport } from '../../bot/app/statistics';
import { administratorKey } from '../../bot/domain/access';
import type { Case } from '../../bot/domain/case';
import { addLeader, addUnit } from '../../bot/domain/organisation';
import { organisationAuditId } from '../../bot/store/port';
import { asyncCodeOf } from '../support/refusals';
import { caseA } from '../domain/statistics/statusFixtures';
import { COORDINATOR, YOUNG_PERSON, appDeps } from './appFixture';

const ADMIN: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a', name: 'Anna Admin' };
const ADMINS = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);
const LEADER_SYD: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: '2c2c2c2c-0000-4000-8000-00000000000c', name: 'Leo Leder' };
const LEADER_NORD: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b', name: 'Lene Leder' };

async function withUnits(deps: AppDeps, ...names: string[]): Promise<void> {
  for (const name of names) await changeOrganisation(deps, ADMIN, ADMINS, 'unit.add', (current) => addUnit(current, `unit-${name.toLowerCase()}`, name));
}

/** Every case of the tenant, whichever unit: the default unit's with the unassigned ones, and Syd's. */
async function allCases(deps: AppDeps): Promise<Case[]> {
  return [...(await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-nord', true)), ...(await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-syd', false))];
}

describe('opening a case, by its unit', () => {
  it('asks nothing with one unit or none: the case is in the default unit', async () => {
    const deps = appDeps();
    expect((await openCase(deps, COORDINATOR, YOUNG_PERSON)).unitId).toBeUndefined();
    await withUnits(deps, 'Nord');
    expect((await openCase(deps, COORDINATOR, YOUNG_PERSON)).unitId).toBeUndefined();
    expect(await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-nord', true)).toHaveLength(2);
  });

  it('stores the unit the coordinator chose among several, audited with the creation', async () => {
    const deps = appDeps();
    await withUnits(deps, 'Nord', 'Syd');
    const created = await openCase(deps, COORDINATOR, { ...YOUNG_PERSON, unitId: 'unit-syd' });
    expect(created.unitId).toBe('unit-syd');
    expect((await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-syd', false)).map((current) => current.id)).toEqual([created.id]);
    expect(await deps.store.listAudit(COORDINATOR.tenantId, created.id)).toEqual([expect.objectContaining({ action: 'case.create', outcome: 'ok', actorAadObjectId: COORDINATOR.aadObjectId })]);
  });

  it.each([undefined, 'unit-vest'])('refuses a missing or unknown unit (%s) before the case gets a home, writing nothing', async (unitId) => {
    const deps = appDeps();
    await withUnits(deps, 'Nord', 'Syd');
    let homes = 0;
    const homeFor = async () => {
      homes += 1;
      return { kind: 'groupChat' as const, conversationId: 'chat-1' };
    };
    expect(await asyncCodeOf(openCase(deps, COORDINATOR, { ...YOUNG_PERSON, ...(unitId && { unitId }) }, homeFor))).toBe('unitRequired');
    expect(homes).toBe(0);
    expect(await allCases(deps)).toEqual([]);
  });
});

describe('moving a case to another unit', () => {
  async function caseInNord() {
    const deps = appDeps();
    await withUnits(deps, 'Nord', 'Syd');
    const created = await openCase(deps, COORDINATOR, { ...YOUNG_PERSON, unitId: 'unit-nord' });
    return { deps, created };
  }

  it('moves it by its reference (case forgiven), audited on the case: who, and from and to in its history', async () => {
    const { deps, created } = await caseInNord();
    expect(await moveCase(deps, ADMIN, ADMINS, created.reference.toLowerCase(), 'syd')).toEqual({ reference: created.reference, fromUnit: 'Nord', toUnit: 'Syd' });
    const moved = (await deps.store.getCase(COORDINATOR.tenantId, created.id))!.case;
    expect(moved.unitId).toBe('unit-syd');
    expect(moved.history.at(-1)).toMatchObject({ kind: 'unitMoved', byAadObjectId: ADMIN.aadObjectId, fromUnitId: 'unit-nord', toUnitId: 'unit-syd' });
    expect((await deps.store.listAudit(COORDINATOR.tenantId, created.id)).at(-1)).toMatchObject({ action: 'unit.move', outcome: 'ok', actorAadObjectId: ADMIN.aadObjectId });
    expect((await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-syd', false)).map((current) => current.id)).toEqual([created.id]);
    expect(await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-nord', true)).toEqual([]);
  });

  it('moves a case of no unit out of the default unit', async () => {
    const deps = appDeps();
    const created = await openCase(deps, COORDINATOR, YOUNG_PERSON);
    await withUnits(deps, 'Nord', 'Syd');
    expect(await moveCase(deps, ADMIN, ADMINS, created.reference, 'Syd')).toMatchObject({ fromUnit: 'Nord', toUnit: 'Syd' });
    expect(await deps.store.listUnitCases(COORDINATOR.tenantId, 'unit-nord', true)).toEqual([]);
  });

  it.each([
    ['an unknown case', 'S-ZZZZZ', 'Syd', 'referenceNotFound'],
    ['an unknown unit', undefined, 'Vest', 'unitNotFound'],
    ['the unit it is in', undefined, 'nord', 'alreadyInUnit'],
  ])('refuses %s, changing nothing', async (_what, reference, unitName, code) => {
    const { deps, created } = await caseInNord();
    const before = await deps.store.getCase(COORDINATOR.tenantId, created.id);
    const auditBefore = await deps.store.listAudit(COORDINATOR.tenantId, created.id);
    expect(await asyncCodeOf(moveCase(deps, ADMIN, ADMINS, reference ?? created.reference, unitName))).toBe(code);
    expect(await deps.store.getCase(COORDINATOR.tenantId, created.id)).toEqual(before);
    expect(await deps.store.listAudit(COORDINATOR.tenantId, created.id)).toEqual(auditBefore);
  });

  it('refuses the same object id in another tenant, audited there as denied, and finds no case of another tenant', async () => {
    const { deps, created } = await caseInNord();
    const elsewhere: Actor = { ...ADMIN, tenantId: 'tenant-b' };
    expect(await asyncCodeOf(moveCase(deps, elsewhere, ADMINS, created.reference, 'Syd'))).toBe('notAdministrator');
    expect((await deps.store.listAudit('tenant-b', organisationAuditId('tenant-b'))).at(-1)).toMatchObject({ action: 'unit.move', outcome: 'denied' });
    // An administrator of tenant b, with a unit Syd of its own, does not reach tenant a's case by its reference.
    const adminsB = new Set([administratorKey('tenant-b', ADMIN.aadObjectId)]);
    await changeOrganisation(deps, elsewhere, adminsB, 'unit.add', (current) => addUnit(current, 'unit-b-syd', 'Syd'));
    expect(await asyncCodeOf(moveCase(deps, elsewhere, adminsB, created.reference, 'Syd'))).toBe('referenceNotFound');
    expect((await deps.store.getCase(COORDINATOR.tenantId, created.id))!.case.unitId).toBe('unit-nord');
  });

  it('refuses a closed case', async () => {
    const { deps, created } = await caseInNord();
    const stored = (await deps.store.getCase(COORDINATOR.tenantId, created.id))!;
    await deps.store.replaceCase({ ...stored.case, closedAt: '2026-11-01T09:00:00.000Z' }, stored.etag, { audit: [], outbox: [] });
    expect(await asyncCodeOf(moveCase(deps, ADMIN, ADMINS, created.reference, 'Syd'))).toBe('caseClosed');
  });
});

describe("a leader's half-yearly status after a move", () => {
  it('counts the cases moved to the unit, and no longer in the unit they left', async () => {
    // Six young people followed in 2027H1 (as statusFixtures' caseA), all in the default unit Nord; read
    // after the half-year ended, and only after the move (an ended period's figures are read once here).
    const deps = appDeps(new Date('2027-08-01T08:00:00Z'));
    await withUnits(deps, 'Nord', 'Syd');
    await changeOrganisation(deps, ADMIN, ADMINS, 'leader.add', (current) => addLeader(addLeader(current, LEADER_NORD.aadObjectId, 'Nord'), LEADER_SYD.aadObjectId, 'Syd'));
    const cases = Array.from({ length: 6 }, (_, index) => ({ ...caseA, id: `case-${index + 1}`, reference: `S-AAAA${'BCDEFG'[index]}` }));
    for (const current of cases) await deps.store.createCase(current, { audit: [], outbox: [] });
    for (const current of cases) await moveCase(deps, ADMIN, ADMINS, current.reference, 'Syd');

    const syd = await readLeaderReport(deps, LEADER_SYD, { periodId: '2027H1' });
    expect(syd.unit.name).toBe('Syd');
    expect(syd.report.meetingsPerYear.youngPeople).toEqual({ kind: 'value', value: 6 });
    const nord = await readLeaderReport(deps, LEADER_NORD, { periodId: '2027H1' });
    // None left in Nord: fewer than five, so hidden like any small number.
    expect(nord.report.meetingsPerYear.youngPeople).toEqual({ kind: 'suppressed' });
  });
});
