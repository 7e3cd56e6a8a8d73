// The shared tenant pacing part of the CaseStore contract: one small record per tenant that every bot
// instance reads and writes under its etag (bot/outbox/sharedPacing.ts). Each adapter's test runs it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseStore, TenantPacing } from '../../bot/store/port';
import { type OpenedStore, OTHER_TENANT, TENANT } from './contract';

const pacing = (nextSlotAtMs: number, throttledUntilMs?: number, tenantId = TENANT): TenantPacing => ({
  tenantId,
  nextSlotAtMs,
  ...(throttledUntilMs === undefined ? {} : { throttledUntilMs }),
});

export function describeTenantPacingContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore tenant pacing contract: ${name}`, () => {
    let store: CaseStore;

    beforeEach(async () => {
      ({ store } = await open());
    });

    afterEach(async () => {
      await store.close();
    });

    it('creates the record once: a second first write is refused and writes nothing', async () => {
      expect(await store.getTenantPacing(TENANT)).toBeUndefined();
      const etag = await store.putTenantPacing(pacing(1_000), undefined);
      expect(etag).toEqual(expect.any(String));
      expect(await store.putTenantPacing(pacing(5_000), undefined)).toBeUndefined();
      expect(await store.getTenantPacing(TENANT)).toStrictEqual({ pacing: pacing(1_000), etag });
    });

    it('writes under the etag it was read with only, giving a new one each time', async () => {
      const first = (await store.putTenantPacing(pacing(1_000), undefined))!;
      const second = await store.putTenantPacing(pacing(2_000, 9_000), first);
      expect(second).toEqual(expect.any(String));
      expect(second).not.toBe(first);
      expect(await store.putTenantPacing(pacing(3_000), first)).toBeUndefined();
      expect(await store.getTenantPacing(TENANT)).toStrictEqual({ pacing: pacing(2_000, 9_000), etag: second });
    });

    it('lets exactly one of several instances that read the same version write', async () => {
      const [created] = (await Promise.all(Array.from({ length: 5 }, (_, i) => store.putTenantPacing(pacing(i), undefined)))).filter(Boolean);
      expect(created).toBeDefined();
      const read = (await store.getTenantPacing(TENANT))!;
      const written = await Promise.all(Array.from({ length: 5 }, (_, i) => store.putTenantPacing(pacing(100 + i), read.etag)));
      const won = written.flatMap((etag, i) => (etag === undefined ? [] : [{ etag, i }]));
      expect(won).toHaveLength(1);
      expect(await store.getTenantPacing(TENANT)).toStrictEqual({ pacing: pacing(100 + won[0]!.i), etag: won[0]!.etag });
    });

    it('keeps each tenant’s record apart, and apart from user state', async () => {
      await store.putTenantPacing(pacing(1_000), undefined);
      expect(await store.getTenantPacing(OTHER_TENANT)).toBeUndefined();
      await store.putTenantPacing(pacing(7_000, undefined, OTHER_TENANT), undefined);
      expect((await store.getTenantPacing(TENANT))?.pacing).toStrictEqual(pacing(1_000));
      expect((await store.getTenantPacing(OTHER_TENANT))?.pacing).toStrictEqual(pacing(7_000, undefined, OTHER_TENANT));
      expect(await store.getUserState(TENANT, 'pacing')).toBeUndefined();
    });
  });
}
