// The radar's part of the CaseStore contract: every tenant's open cases page by page (closed ones left
// out), and the Monday radar written once per case and day however often, and by however many
// instances, its pass runs (the store keeps the first message of an id).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueRadar } from '../../bot/app/radar';
import { type Case, closeCase, createCase } from '../../bot/domain/case';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import type { CaseStore } from '../../bot/store/port';
import { NO_EFFECTS, NOW, OTHER_TENANT, type OpenedStore, TENANT } from './contract';

const COORDINATOR = { aadObjectId: 'aad-radar-coordinator', name: 'Kim Koordinator', teamsUserId: '29:kim' };
/** Sunday 29 November 2026, 21:00 in Copenhagen: the radar of Monday 30 November, 08:00, is eleven hours ahead. */
const SUNDAY_EVENING = new Date('2026-11-29T20:00:00Z');
const MONDAY_08 = '2026-11-30T07:00:00.000Z';
const LEAD_MS = 16 * 3_600_000;

/** A new case with no meeting planned: on its coordinator's radar. */
function openCase(tenantId = TENANT): Case {
  const caseId = randomUUID();
  return createCase(
    tenantId,
    COORDINATOR,
    { name: 'Alex Ung', birthDate: '2004-03-14', phone: '+45 12 34 56 78', status: 'education' },
    { caseId, reference: `R-${caseId.slice(0, 8)}`, coordinatorMemberId: randomUUID(), youngPersonMemberId: randomUUID() },
    NOW,
  );
}

async function allPages(pages: AsyncIterable<Case[]>): Promise<Case[][]> {
  const found: Case[][] = [];
  for await (const page of pages) found.push(page);
  return found;
}

export function describeRadarContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore contract, the radar: ${name}`, () => {
    let store: CaseStore;

    beforeEach(async () => {
      ({ store } = await open());
    });

    afterEach(async () => {
      await store.close();
    });

    it('pages through the open cases of every tenant, leaving closed ones out, no page empty', async () => {
      const ours = Array.from({ length: 7 }, () => openCase());
      const theirs = Array.from({ length: 2 }, () => openCase(OTHER_TENANT));
      const closed = closeCase(openCase(), COORDINATOR.aadObjectId, NOW);
      for (const current of [...ours, ...theirs, closed]) await store.createCase(current, NO_EFFECTS);

      const pages = await allPages(store.openCasePages());

      expect(pages.every((page) => page.length > 0)).toBe(true);
      expect(pages.flat().map((current) => current.id).sort()).toEqual([...ours, ...theirs].map((current) => current.id).sort());
    });

    it('writes the Monday radar once per case, however often and by however many instances its pass runs', async () => {
      const cases = [openCase(), openCase(OTHER_TENANT)];
      for (const current of cases) await store.createCase(current, NO_EFFECTS);
      const deps = { store, newId: randomUUID };
      const at = new ReminderPlanner(new WorkingDays()).radarTimeAhead(SUNDAY_EVENING, LEAD_MS);
      expect(at).toBe(MONDAY_08);

      // Two instances at once, then a later pass of the first.
      await Promise.all([enqueueRadar(deps, MONDAY_08, 'https://teams.example/'), enqueueRadar(deps, MONDAY_08, 'https://teams.example/')]);
      expect(await enqueueRadar(deps, MONDAY_08, 'https://teams.example/')).toBe(2);

      for (const current of cases) {
        const messages = await store.listOutbox(current.tenantId, current.id);
        expect(messages).toEqual([
          expect.objectContaining({
            id: `radar:${current.tenantId}:${current.id}:2026-11-30`,
            kind: 'reminder',
            notBefore: MONDAY_08,
            serviceUrl: 'https://teams.example/',
            to: { kind: 'user', aadObjectId: COORDINATOR.aadObjectId, teamsUserId: COORDINATOR.teamsUserId },
            about: { reminder: 'radar', memberId: current.members[0]!.id, on: '2026-11-30', digest: 'reminders 2026-11-30' },
          }),
        ]);
      }
    });
  });
}
