// The export-link part of the CaseStore contract: links shared by every instance, taken once.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseStore, ExportLink } from '../../bot/store/port';
import { NOW, type OpenedStore, TENANT, minutesAfterNow } from './contract';

function newLink(expiresAt = minutesAfterNow(10)): ExportLink {
  return {
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    tenantId: TENANT,
    caseId: 'case-1',
    actorAadObjectId: 'aad-coordinator',
    expiresAt,
  };
}

export function describeExportLinkContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore contract, export links: ${name}`, () => {
    let store: CaseStore;
    let reopen: OpenedStore['reopen'];
    const others: CaseStore[] = [];

    beforeEach(async () => {
      ({ store, reopen } = await open());
    });

    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await store.close();
    });

    const another = async () => {
      const other = await reopen!();
      others.push(other);
      return other;
    };

    it('gives a link back once, as saved', async () => {
      const link = newLink();
      await store.saveExportLink(link);
      expect(await store.takeExportLink(link.tokenHash, NOW)).toEqual(link);
      expect(await store.takeExportLink(link.tokenHash, NOW)).toBeUndefined();
      expect(await store.takeExportLink(newLink().tokenHash, NOW)).toBeUndefined();
    });

    it('gives nothing for a link that ran out, and deletes it', async () => {
      const link = newLink(minutesAfterNow(10));
      await store.saveExportLink(link);
      expect(await store.takeExportLink(link.tokenHash, new Date(link.expiresAt))).toBeUndefined();
      expect(await store.takeExportLink(link.tokenHash, NOW)).toBeUndefined();
    });

    it('is shared: a link saved by one instance is taken by another, and survives a reopen', async () => {
      const link = newLink();
      await store.saveExportLink(link);
      const other = await another();
      expect(await other.takeExportLink(link.tokenHash, NOW)).toEqual(link);
      expect(await store.takeExportLink(link.tokenHash, NOW)).toBeUndefined();

      // A restart: the instance that saved the link is gone, a new one takes it.
      const survivor = newLink();
      await store.saveExportLink(survivor);
      await store.close();
      store = await reopen!();
      expect(await store.takeExportLink(survivor.tokenHash, NOW)).toEqual(survivor);
    });

    it('gives a link to exactly one of several instances taking it at once', async () => {
      const instances = [store, await another(), await another()];
      for (let round = 0; round < 5; round++) {
        const link = newLink();
        await store.saveExportLink(link);
        const taken = await Promise.all(instances.flatMap((instance) => [instance.takeExportLink(link.tokenHash, NOW), instance.takeExportLink(link.tokenHash, NOW)]));
        expect(taken.filter((found) => found !== undefined)).toEqual([link]);
      }
    });

    it('deletes the links that ran out, and keeps the others', async () => {
      const runOut = [newLink(minutesAfterNow(1)), newLink(minutesAfterNow(5))];
      const valid = newLink(minutesAfterNow(10));
      for (const link of [...runOut, valid]) await store.saveExportLink(link);
      await store.deleteExpiredExportLinks(new Date(minutesAfterNow(5)));
      // Asked as if earlier, a link still there would be given: these are gone.
      for (const link of runOut) expect(await store.takeExportLink(link.tokenHash, NOW)).toBeUndefined();
      expect(await store.takeExportLink(valid.tokenHash, NOW)).toEqual(valid);
    });
  });
}
