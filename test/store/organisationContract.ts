// The organisation part of the CaseStore contract: a tenant's units and leaders under its etag, written
// with their audit records, and the cases of one unit, never another tenant's or unit's.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { addLeader, addUnit, emptyOrganisation } from '../../bot/domain/organisation';
import { type AuditRecord, type CaseStore, ConcurrencyConflict, organisationAuditId } from '../../bot/store/port';
import { NO_EFFECTS, NOW, OTHER_TENANT, type OpenedStore, TENANT, minutesAfterNow, newCase } from './contract';

const LEADER = '1b1b1b1b-0000-4000-8000-00000000000b';

const auditAbout = (tenantId: string, action: string, at = NOW.toISOString()): AuditRecord => ({
  id: randomUUID(),
  tenantId,
  caseId: organisationAuditId(tenantId),
  actorAadObjectId: 'aad-admin',
  action,
  outcome: 'ok',
  at,
});

const inUnit = (unitId: string | undefined, tenantId = TENANT): Case => ({ ...newCase(tenantId), ...(unitId ? { unitId } : {}) });
const ids = (cases: Case[]) => cases.map((current) => current.id).sort();

export function describeOrganisationContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore contract, units and leaders: ${name}`, () => {
    let store: CaseStore;

    beforeEach(async () => {
      ({ store } = await open());
    });

    afterEach(async () => {
      await store.close();
    });

    it('keeps a tenant organisation with its audit, refusing a stale save whole', async () => {
      expect(await store.getOrganisation(TENANT)).toBeUndefined();
      const first = addUnit(emptyOrganisation(TENANT), 'unit-nord', 'Nord');
      const created = await store.saveOrganisation(first, undefined, [auditAbout(TENANT, 'unit.add', minutesAfterNow(1))]);
      expect(await store.getOrganisation(TENANT)).toEqual(created);

      const second = addLeader(first, LEADER, 'Nord');
      const replaced = await store.saveOrganisation(second, created.etag, [auditAbout(TENANT, 'leader.add', minutesAfterNow(2))]);
      expect(replaced.etag).not.toBe(created.etag);
      expect((await store.getOrganisation(TENANT))?.organisation).toEqual(second);

      // Two administrators at once: the second save was read before the first and writes nothing.
      await expect(store.saveOrganisation(addUnit(second, 'unit-syd', 'Syd'), created.etag, [auditAbout(TENANT, 'unit.add')])).rejects.toBeInstanceOf(ConcurrencyConflict);
      await expect(store.saveOrganisation(first, undefined, [auditAbout(TENANT, 'unit.add')])).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await store.getOrganisation(TENANT))?.organisation).toEqual(second);
      expect((await store.listAudit(TENANT, organisationAuditId(TENANT))).map((record) => record.action)).toEqual(['unit.add', 'leader.add']);
    });

    it('refuses audit records about anything but the organisation saved', async () => {
      const organisation = addUnit(emptyOrganisation(TENANT), 'unit-nord', 'Nord');
      await expect(store.saveOrganisation(organisation, undefined, [auditAbout(OTHER_TENANT, 'unit.add')])).rejects.toThrow(/not about the organisation/);
      expect(await store.getOrganisation(TENANT)).toBeUndefined();
    });

    it('shows another tenant nothing of an organisation', async () => {
      await store.saveOrganisation(addUnit(emptyOrganisation(TENANT), 'unit-nord', 'Nord'), undefined, [auditAbout(TENANT, 'unit.add')]);
      expect(await store.getOrganisation(OTHER_TENANT)).toBeUndefined();
      expect(await store.listAudit(OTHER_TENANT, organisationAuditId(TENANT))).toEqual([]);
    });

    it("lists a unit's cases, with the unassigned ones for the default unit, never another unit's or tenant's", async () => {
      const nord = [inUnit('unit-nord'), inUnit('unit-nord')];
      const syd = inUnit('unit-syd');
      const unassigned = inUnit(undefined);
      const otherTenant = [inUnit('unit-nord', OTHER_TENANT), inUnit(undefined, OTHER_TENANT)];
      for (const created of [...nord, syd, unassigned, ...otherTenant]) await store.createCase(created, NO_EFFECTS);

      expect(ids(await store.listUnitCases(TENANT, 'unit-nord', false))).toEqual(ids(nord));
      expect(ids(await store.listUnitCases(TENANT, 'unit-nord', true))).toEqual(ids([...nord, unassigned]));
      expect(ids(await store.listUnitCases(TENANT, 'unit-syd', false))).toEqual([syd.id]);
      expect(await store.listUnitCases(TENANT, 'unit-none', false)).toEqual([]);
      expect(await store.listUnitCases(TENANT, 'unit-nord', true)).toContainEqual(JSON.parse(JSON.stringify(nord[0])));
    });

    it('moves a case to the unit it is saved with', async () => {
      const original = inUnit(undefined);
      const created = await store.createCase(original, NO_EFFECTS);
      await store.replaceCase({ ...original, unitId: 'unit-syd' }, created.etag, NO_EFFECTS);
      expect(ids(await store.listUnitCases(TENANT, 'unit-syd', false))).toEqual([original.id]);
      expect(await store.listUnitCases(TENANT, 'unit-nord', true)).toEqual([]);
    });

    it('moves a case between named units, and back, listing it in one unit only each time', async () => {
      const original = inUnit('unit-nord');
      const stayed = inUnit('unit-nord');
      const created = await store.createCase(original, NO_EFFECTS);
      await store.createCase(stayed, NO_EFFECTS);
      const moved = await store.replaceCase({ ...original, unitId: 'unit-syd' }, created.etag, NO_EFFECTS);
      expect(ids(await store.listUnitCases(TENANT, 'unit-nord', true))).toEqual([stayed.id]);
      expect(ids(await store.listUnitCases(TENANT, 'unit-syd', false))).toEqual([original.id]);
      await store.replaceCase({ ...original, unitId: 'unit-nord' }, moved.etag, NO_EFFECTS);
      expect(ids(await store.listUnitCases(TENANT, 'unit-nord', false))).toEqual(ids([original, stayed]));
      expect(await store.listUnitCases(TENANT, 'unit-syd', false)).toEqual([]);
    });

    it("finds a tenant's cases by their reference, every one that has it, never another tenant's", async () => {
      const first = { ...inUnit(undefined), reference: 'S-ABCDE' };
      const twin = { ...inUnit('unit-syd'), reference: 'S-ABCDE' };
      const other = { ...inUnit(undefined), reference: 'S-FGHJK' };
      const elsewhere = { ...inUnit(undefined, OTHER_TENANT), reference: 'S-ABCDE' };
      for (const created of [first, other, elsewhere]) await store.createCase(created, NO_EFFECTS);
      expect(await store.listCaseIdsByReference(TENANT, 'S-ABCDE')).toEqual([first.id]);
      expect(await store.listCaseIdsByReference(TENANT, 'S-ZZZZZ')).toEqual([]);
      expect(await store.listCaseIdsByReference(OTHER_TENANT, 'S-FGHJK')).toEqual([]);
      await store.createCase(twin, NO_EFFECTS);
      expect((await store.listCaseIdsByReference(TENANT, 'S-ABCDE')).sort()).toEqual(ids([first, twin]));
    });
  });
}
