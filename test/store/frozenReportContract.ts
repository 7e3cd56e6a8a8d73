// The frozen-report part of the CaseStore contract: a leader's report of an ended half-year is stored
// once per tenant, unit and period (first writer wins, never overwritten, not even by a racing writer),
// kept across a restart and an erasure; the organisations the freezing job goes through; a unit's cases
// page by page, the same as listUnitCases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { addUnit, emptyOrganisation } from '../../bot/domain/organisation';
import { type FrozenReport, frozenReport } from '../../bot/domain/statistics/frozenReport';
import { leaderReport } from '../../bot/domain/statistics/leaderReport';
import { parsePeriod } from '../../bot/domain/statistics/period';
import { type CaseStore, organisationAuditId } from '../../bot/store/port';
import { NO_EFFECTS, NOW, OTHER_TENANT, type OpenedStore, TENANT, auditOf, newCase } from './contract';

const PERIOD = parsePeriod('2026H1');

/** A report of the period with `cases`; `at` tells two copies apart. */
const reportOf = (cases: Case[], at: string, tenantId = TENANT, unitId = 'unit-nord'): FrozenReport =>
  frozenReport(tenantId, unitId, leaderReport(cases, PERIOD, NOW), new Date(at));

const inUnit = (unitId: string | undefined, tenantId = TENANT): Case => ({ ...newCase(tenantId), ...(unitId ? { unitId } : {}) });
const ids = (cases: Case[]) => cases.map((current) => current.id).sort();

async function allPages(pages: AsyncIterable<Case[]>): Promise<Case[][]> {
  const found: Case[][] = [];
  for await (const page of pages) found.push(page);
  return found;
}

export function describeFrozenReportContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore contract, frozen leaders' reports: ${name}`, () => {
    let opened: OpenedStore;
    let store: CaseStore;

    beforeEach(async () => {
      opened = await open();
      ({ store } = opened);
    });

    afterEach(async () => {
      await store.close();
    });

    it('stores the first report of a tenant, unit and period and never overwrites it', async () => {
      expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toBeUndefined();
      const first = reportOf([], '2026-07-01T03:00:00.000Z');
      expect(await store.freezeReport(first)).toEqual(first);

      const later = reportOf([inUnit('unit-nord')], '2026-09-01T03:00:00.000Z');
      expect(await store.freezeReport(later)).toEqual(first);
      expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toEqual(first);

      // Another unit, period or tenant is another report.
      expect(await store.getFrozenReport(TENANT, 'unit-syd', PERIOD.id)).toBeUndefined();
      expect(await store.getFrozenReport(TENANT, 'unit-nord', '2025H2')).toBeUndefined();
      expect(await store.getFrozenReport(OTHER_TENANT, 'unit-nord', PERIOD.id)).toBeUndefined();
      const otherTenant = reportOf([], '2026-07-02T03:00:00.000Z', OTHER_TENANT);
      expect(await store.freezeReport(otherTenant)).toEqual(otherTenant);
      expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toEqual(first);
    });

    it('gives two writers racing for one report the same stored copy', async () => {
      const [a, b] = [reportOf([], '2026-07-01T03:00:00.000Z'), reportOf([], '2026-07-01T03:00:00.001Z')];
      const [gotA, gotB] = await Promise.all([store.freezeReport(a), store.freezeReport(b)]);
      const stored = await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id);
      expect(gotA).toEqual(stored);
      expect(gotB).toEqual(stored);
      expect([a.frozenAt, b.frozenAt]).toContain(stored?.frozenAt);
    });

    it('keeps a frozen report across a restart and the erasure of a case of its unit', async () => {
      const erased = inUnit('unit-nord');
      await store.createCase(erased, NO_EFFECTS);
      const frozen = await store.freezeReport(reportOf([erased], '2026-07-01T03:00:00.000Z'));
      expect(await store.eraseCase(TENANT, erased.id, auditOf(erased, 'case.erase'))).toBe(true);
      expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toEqual(frozen);
      if (opened.reopen) {
        await store.close();
        store = await opened.reopen();
        expect(await store.getFrozenReport(TENANT, 'unit-nord', PERIOD.id)).toEqual(frozen);
      }
    });

    it('lists every tenant organisation, and nothing else', async () => {
      expect(await store.listOrganisations()).toEqual([]);
      const aarhus = addUnit(emptyOrganisation(TENANT), 'unit-nord', 'Nord');
      const odense = addUnit(emptyOrganisation(OTHER_TENANT), 'unit-1', 'Ungeenheden');
      await store.saveOrganisation(aarhus, undefined, []);
      await store.saveOrganisation(odense, undefined, []);
      await store.createCase(inUnit('unit-nord'), NO_EFFECTS);
      await store.freezeReport(reportOf([], '2026-07-01T03:00:00.000Z'));
      await store.appendAudit([{ ...auditOf(inUnit(undefined), 'statistics.read'), caseId: organisationAuditId(TENANT) }]);
      const listed = await store.listOrganisations();
      expect([...listed].sort((a, b) => a.tenantId.localeCompare(b.tenantId))).toEqual([aarhus, odense]);
    });

    it("pages a unit's cases as listUnitCases lists them", async () => {
      const nord = [inUnit('unit-nord'), inUnit('unit-nord'), inUnit('unit-nord')];
      const unassigned = inUnit(undefined);
      for (const current of [...nord, unassigned, inUnit('unit-syd'), inUnit('unit-nord', OTHER_TENANT)]) await store.createCase(current, NO_EFFECTS);
      for (const withUnassigned of [false, true]) {
        const pages = await allPages(store.unitCasePages(TENANT, 'unit-nord', withUnassigned));
        expect(pages.every((page) => page.length > 0)).toBe(true);
        expect(ids(pages.flat())).toEqual(ids(await store.listUnitCases(TENANT, 'unit-nord', withUnassigned)));
      }
      expect(ids((await allPages(store.unitCasePages(TENANT, 'unit-nord', true))).flat())).toEqual(ids([...nord, unassigned]));
      expect(await allPages(store.unitCasePages(TENANT, 'unit-none', false))).toEqual([]);
    });
  });
}
