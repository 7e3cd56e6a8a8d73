// The contract every CaseStore adapter keeps; each adapter's test file runs it, and the outbox part in
// outboxContract.ts. Cases are built with the real domain functions, so what is stored is what the app
// will store.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveWithRetry } from '../../bot/app/saveWithRetry';
import { type Case, closeCase, createCase, setHome, teamsUserIds } from '../../bot/domain/case';
import { caseBytes } from '../../bot/domain/limits';
import { caseAtEveryLimit } from '../support/limitCase';
import { recordConsent } from '../../bot/domain/consent';
import { addMember, removeMember } from '../../bot/domain/team';
import { type AuditRecord, type CaseStore, type CaseSummary, ConcurrencyConflict } from '../../bot/store/port';

export interface OpenedStore {
  store: CaseStore;
  /** Opens the same data again, as a restarted bot would. */
  reopen?: () => Promise<CaseStore>;
}

export const NOW = new Date('2026-11-23T09:00:00Z');
export const TENANT = 'tenant-aarhus';
export const OTHER_TENANT = 'tenant-odense';
const COORDINATOR = { aadObjectId: 'aad-coordinator', name: 'Kim Koordinator' };
export const NO_EFFECTS = { audit: [] };

/** Built once: it takes a few seconds. */
let builtLimitCase: Case | undefined;
const limitCase = () => (builtLimitCase ??= caseAtEveryLimit());

export const minutesAfterNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

/** A young person of 17 on NOW: inside the target group, and consent needs a parental holder. */
export function newCase(tenantId = TENANT): Case {
  const caseId = randomUUID();
  return createCase(
    tenantId,
    COORDINATOR,
    { name: 'Alex Ung', birthDate: '2009-03-14', phone: '+45 12 34 56 78', status: 'education' },
    { caseId, reference: `F-${caseId.slice(0, 8)}`, coordinatorMemberId: randomUUID(), youngPersonMemberId: randomUUID() },
    NOW,
  );
}

export function withTeamsMember(current: Case, aadObjectId: string, memberId: string = randomUUID()): Case {
  // Without the id's digits: a random UUID now and then holds ten digits in a CPR number's shape
  // (120395-1234), and the name is checked for CPR numbers as any typed text is.
  const person = { kind: 'teams' as const, aadObjectId, name: `Medlem ${aadObjectId.replace(/\d/g, '')}` };
  return addMember(current, { role: 'school', person }, memberId, COORDINATOR.aadObjectId, NOW);
}

const newConversationId = () => `19:${randomUUID()}@thread.tacv2`;

/** Every part of the aggregate filled in: team of several kinds, consent, home. */
function fullCase(tenantId = TENANT): Case {
  let built = withTeamsMember(newCase(tenantId), 'aad-teacher');
  built = addMember(
    built,
    { role: 'other', otherRoleName: 'Mentor', person: { kind: 'external', name: 'Mette Mentor', email: 'mette@example.dk' } },
    randomUUID(),
    COORDINATOR.aadObjectId,
    NOW,
  );
  built = recordConsent(
    built,
    {
      givenByYoungPerson: true,
      parentalHolderName: 'Sam Forælder',
      givenOn: '2026-11-20',
      expiresOn: '2027-11-20',
      partyMemberIds: built.members.map((member) => member.id),
    },
    randomUUID(),
    COORDINATOR.aadObjectId,
    NOW,
  );
  return setHome(built, { kind: 'channelThread', conversationId: newConversationId() }, COORDINATOR.aadObjectId, NOW);
}

export function auditOf(about: Case, action: string, at = NOW.toISOString()): AuditRecord {
  return { id: randomUUID(), tenantId: about.tenantId, caseId: about.id, actorAadObjectId: COORDINATOR.aadObjectId, action, outcome: 'ok', at };
}

/** A case as any store gives it back: plain JSON, so properties set to undefined are absent. */
const asStored = (saved: Case): Case => JSON.parse(JSON.stringify(saved)) as Case;

const summaryOf = (saved: Case): CaseSummary => ({ caseId: saved.id, reference: saved.reference, ...(saved.closedAt ? { closedAt: saved.closedAt } : {}) });

const byCaseId = (summaries: CaseSummary[]) => [...summaries].sort((a, b) => a.caseId.localeCompare(b.caseId));

export function describeCaseStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let store: CaseStore;
    let reopen: OpenedStore['reopen'];

    beforeEach(async () => {
      ({ store, reopen } = await open());
    });

    afterEach(async () => {
      await store.close();
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('saving cases', () => {
      it('gives back a created case exactly as saved, with an etag and nothing of its own', async () => {
        const created = fullCase();
        const saved = await store.createCase(created, NO_EFFECTS);

        expect(saved.etag).toMatch(/\S/);
        expect(await store.getCase(TENANT, created.id)).toStrictEqual({ case: asStored(created), etag: saved.etag });
      });

      it('saves and gives back a case at every limit, with ten years of meetings, under 1 MB', async () => {
        const atLimits = { ...limitCase(), id: randomUUID(), tenantId: TENANT };
        expect(caseBytes(atLimits)).toBeLessThan(1024 * 1024);
        const created = await store.createCase(atLimits, NO_EFFECTS);
        expect(await store.getCase(TENANT, atLimits.id)).toStrictEqual({ case: asStored(atLimits), etag: created.etag });
        const changed = setHome(atLimits, { kind: 'groupChat', conversationId: newConversationId() }, COORDINATOR.aadObjectId, NOW);
        const replaced = await store.replaceCase(changed, created.etag, NO_EFFECTS);
        expect(await store.getCase(TENANT, atLimits.id)).toStrictEqual({ case: asStored(changed), etag: replaced.etag });
      }, 60_000);

      it('finds no case that was never created', async () => {
        expect(await store.getCase(TENANT, randomUUID())).toBeUndefined();
      });

      it('refuses to create a case twice, and the refused one writes nothing', async () => {
        const first = newCase();
        const saved = await store.createCase(first, { audit: [auditOf(first, 'case.create')] });
        const second = withTeamsMember(first, 'aad-intruder');

        await expect(store.createCase(second, { audit: [auditOf(first, 'case.create')] })).rejects.toBeInstanceOf(
          ConcurrencyConflict,
        );
        expect(await store.getCase(TENANT, first.id)).toStrictEqual({ case: asStored(first), etag: saved.etag });
        expect(await store.listAudit(TENANT, first.id)).toHaveLength(1);
        expect(await store.listCasesForUser(TENANT, 'aad-intruder')).toEqual([]);
      });

      it('replaces a case given the current etag, and gives a new etag', async () => {
        const original = newCase();
        const created = await store.createCase(original, NO_EFFECTS);
        const changed = withTeamsMember(original, 'aad-teacher');

        const replaced = await store.replaceCase(changed, created.etag, NO_EFFECTS);

        expect(replaced.etag).toMatch(/\S/);
        expect(replaced.etag).not.toBe(created.etag);
        expect(await store.getCase(TENANT, original.id)).toStrictEqual({ case: asStored(changed), etag: replaced.etag });
      });

      it('refuses a replace with a stale etag, and writes neither the case nor its audit records', async () => {
        const original = newCase();
        const created = await store.createCase(original, NO_EFFECTS);
        const firstAudit = auditOf(original, 'team.add');
        const current = await store.replaceCase(withTeamsMember(original, 'aad-first'), created.etag, { audit: [firstAudit] });
        const late = withTeamsMember(original, 'aad-late');

        await expect(
          store.replaceCase(late, created.etag, { audit: [auditOf(original, 'team.add')] }),
        ).rejects.toBeInstanceOf(ConcurrencyConflict);

        expect(await store.getCase(TENANT, original.id)).toStrictEqual({ case: asStored(current.case), etag: current.etag });
        expect(await store.listAudit(TENANT, original.id)).toStrictEqual([firstAudit]);
        expect(await store.listCasesForUser(TENANT, 'aad-late')).toEqual([]);
      });

      it('refuses to replace a case that does not exist', async () => {
        const missing = newCase();

        await expect(store.replaceCase(missing, 'any-etag', NO_EFFECTS)).rejects.toBeInstanceOf(ConcurrencyConflict);
        expect(await store.getCase(TENANT, missing.id)).toBeUndefined();
      });

      it('keeps all of 20 concurrent changes to one case', async () => {
        const original = newCase();
        await store.createCase(original, NO_EFFECTS);
        const newcomers = Array.from({ length: 20 }, (_, index) => `aad-member-${index}`);

        await Promise.all(
          newcomers.map((aadObjectId) =>
            saveWithRetry(store, TENANT, original.id, (current) => ({
              changed: withTeamsMember(current, aadObjectId),
              effects: { audit: [auditOf(current, 'team.add')] },
            })),
          ),
        );

        const stored = await store.getCase(TENANT, original.id);
        expect(stored?.case.members).toHaveLength(22);
        expect(teamsUserIds(stored!.case).sort()).toEqual([COORDINATOR.aadObjectId, ...newcomers].sort());
        expect(await store.listAudit(TENANT, original.id)).toHaveLength(20);
        for (const aadObjectId of newcomers) {
          expect(await store.listCasesForUser(TENANT, aadObjectId)).toEqual([summaryOf(original)]);
        }
      });
    });

    describe('finding cases', () => {
      it('finds a case by its home conversation once it has one', async () => {
        const original = newCase();
        const created = await store.createCase(original, NO_EFFECTS);
        const conversationId = newConversationId();
        expect(await store.findCaseByConversation(TENANT, conversationId)).toBeUndefined();

        const homed = setHome(original, { kind: 'groupChat', conversationId }, COORDINATOR.aadObjectId, NOW);
        const saved = await store.replaceCase(homed, created.etag, NO_EFFECTS);

        expect(await store.findCaseByConversation(TENANT, conversationId)).toStrictEqual({ case: asStored(homed), etag: saved.etag });
        expect(await store.findCaseByConversation(TENANT, newConversationId())).toBeUndefined();
      });

      it('lists the cases of a user by team membership, following additions and removals', async () => {
        const first = newCase();
        const second = newCase();
        const createdFirst = await store.createCase(first, NO_EFFECTS);
        await store.createCase(second, NO_EFFECTS);
        expect(byCaseId(await store.listCasesForUser(TENANT, COORDINATOR.aadObjectId))).toEqual(
          byCaseId([summaryOf(first), summaryOf(second)]),
        );
        expect(await store.listCasesForUser(TENANT, 'aad-teacher')).toEqual([]);

        const teacherMemberId = randomUUID();
        const withTeacher = withTeamsMember(first, 'aad-teacher', teacherMemberId);
        const added = await store.replaceCase(withTeacher, createdFirst.etag, NO_EFFECTS);
        expect(await store.listCasesForUser(TENANT, 'aad-teacher')).toEqual([summaryOf(first)]);

        const withoutTeacher = removeMember(withTeacher, teacherMemberId, COORDINATOR.aadObjectId, NOW);
        await store.replaceCase(withoutTeacher, added.etag, NO_EFFECTS);
        expect(await store.listCasesForUser(TENANT, 'aad-teacher')).toEqual([]);
        expect(await store.listCasesForUser(TENANT, COORDINATOR.aadObjectId)).toHaveLength(2);
      });

      it('says which of a user\'s cases are closed, so that the 1:1 picker can leave them out', async () => {
        const open = newCase();
        const closed = closeCase(newCase(), COORDINATOR.aadObjectId, NOW);
        await store.createCase(open, NO_EFFECTS);
        await store.createCase(closed, NO_EFFECTS);
        expect(byCaseId(await store.listCasesForUser(TENANT, COORDINATOR.aadObjectId))).toEqual(byCaseId([summaryOf(open), summaryOf(closed)]));
        expect(summaryOf(closed).closedAt).toBe(NOW.toISOString());
      });
    });

    describe('tenant isolation', () => {
      it('shows another tenant nothing of a case: not by id, conversation, member or audit', async () => {
        const ours = fullCase();
        const conversationId = ours.home!.conversationId;
        await store.createCase(ours, { audit: [auditOf(ours, 'case.create')] });
        // The same Teams user on a case of the other tenant must not bring ours along.
        const theirs = newCase(OTHER_TENANT);
        await store.createCase(theirs, NO_EFFECTS);

        expect(await store.getCase(TENANT, ours.id)).toBeDefined();
        expect(await store.getCase(OTHER_TENANT, ours.id)).toBeUndefined();
        expect(await store.findCaseByConversation(TENANT, conversationId)).toBeDefined();
        expect(await store.findCaseByConversation(OTHER_TENANT, conversationId)).toBeUndefined();
        expect(await store.listCasesForUser(TENANT, COORDINATOR.aadObjectId)).toEqual([summaryOf(ours)]);
        expect(await store.listCasesForUser(OTHER_TENANT, COORDINATOR.aadObjectId)).toEqual([summaryOf(theirs)]);
        expect(await store.listCasesForUser(OTHER_TENANT, 'aad-teacher')).toEqual([]);
        expect(await store.listAudit(TENANT, ours.id)).toHaveLength(1);
        expect(await store.listAudit(OTHER_TENANT, ours.id)).toEqual([]);
      });
    });

    describe('audit', () => {
      it('lists the audit records of a case in time order, whatever order they were appended in', async () => {
        const about = newCase();
        const early = auditOf(about, 'case.read', minutesAfterNow(10));
        const middle: AuditRecord = { ...auditOf(about, 'case.read', minutesAfterNow(20)), actorAadObjectId: 'aad-outsider', outcome: 'denied' };
        const late = auditOf(about, 'case.read', minutesAfterNow(30));
        const ofAnotherCase = auditOf(newCase(), 'case.read', minutesAfterNow(15));

        await store.appendAudit([late]);
        await store.appendAudit([early, ofAnotherCase, middle]);

        expect(await store.listAudit(TENANT, about.id)).toStrictEqual([early, middle, late]);
      });

      it('writes the audit records of a save together with it', async () => {
        const original = newCase();
        const createAudit = auditOf(original, 'case.create', minutesAfterNow(0));
        const created = await store.createCase(original, { audit: [createAudit] });
        const addAudit = auditOf(original, 'team.add', minutesAfterNow(1));
        const consentAudit = auditOf(original, 'consent.record', minutesAfterNow(2));

        await store.replaceCase(withTeamsMember(original, 'aad-teacher'), created.etag, { audit: [addAudit, consentAudit] });

        expect(await store.listAudit(TENANT, original.id)).toStrictEqual([createAudit, addAudit, consentAudit]);
      });
    });

    describe('user state', () => {
      it('keeps the latest state of a user, replacing rather than merging', async () => {
        const user = { tenantId: TENANT, aadObjectId: 'aad-user' };
        expect(await store.getUserState(TENANT, 'aad-user')).toBeUndefined();

        await store.putUserState({ ...user, selectedCaseId: 'case-1' });
        expect(await store.getUserState(TENANT, 'aad-user')).toStrictEqual({ ...user, selectedCaseId: 'case-1' });

        await store.putUserState({ ...user, selectedCaseId: 'case-2' });
        expect(await store.getUserState(TENANT, 'aad-user')).toStrictEqual({ ...user, selectedCaseId: 'case-2' });

        await store.putUserState(user);
        expect(await store.getUserState(TENANT, 'aad-user')).toStrictEqual(user);
      });

      it('keeps the state of the same user id apart per tenant', async () => {
        await store.putUserState({ tenantId: TENANT, aadObjectId: 'aad-user', selectedCaseId: 'ours' });
        expect(await store.getUserState(OTHER_TENANT, 'aad-user')).toBeUndefined();

        await store.putUserState({ tenantId: OTHER_TENANT, aadObjectId: 'aad-user', selectedCaseId: 'theirs' });

        expect(await store.getUserState(TENANT, 'aad-user')).toStrictEqual({ tenantId: TENANT, aadObjectId: 'aad-user', selectedCaseId: 'ours' });
        expect(await store.getUserState(OTHER_TENANT, 'aad-user')).toStrictEqual({
          tenantId: OTHER_TENANT,
          aadObjectId: 'aad-user',
          selectedCaseId: 'theirs',
        });
      });
    });

    it('keeps everything across a restart', async ({ skip }) => {
      if (!reopen) return skip('this store has nothing to reopen');
      const original = fullCase();
      const createAudit = auditOf(original, 'case.create', minutesAfterNow(0));
      const created = await store.createCase(original, { audit: [createAudit] });
      const changed = withTeamsMember(original, 'aad-nurse');
      const changeAudit = auditOf(original, 'team.add', minutesAfterNow(1));
      const saved = await store.replaceCase(changed, created.etag, { audit: [changeAudit] });
      const readAudit = auditOf(original, 'case.read', minutesAfterNow(2));
      await store.appendAudit([readAudit]);
      const state = { tenantId: TENANT, aadObjectId: 'aad-nurse', selectedCaseId: original.id };
      await store.putUserState(state);

      await store.close();
      store = await reopen();

      expect(await store.getCase(TENANT, original.id)).toStrictEqual({ case: asStored(changed), etag: saved.etag });
      expect(await store.findCaseByConversation(TENANT, original.home!.conversationId)).toStrictEqual({
        case: asStored(changed),
        etag: saved.etag,
      });
      expect(await store.listCasesForUser(TENANT, 'aad-nurse')).toEqual([summaryOf(original)]);
      expect(await store.listAudit(TENANT, original.id)).toStrictEqual([createAudit, changeAudit, readAudit]);
      expect(await store.getUserState(TENANT, 'aad-nurse')).toStrictEqual(state);
      // The etag read before the restart still guards the next save.
      await expect(store.replaceCase(original, created.etag, NO_EFFECTS)).rejects.toBeInstanceOf(ConcurrencyConflict);
      const afterRestart = await store.replaceCase(original, saved.etag, NO_EFFECTS);
      expect(await store.getCase(TENANT, original.id)).toStrictEqual({ case: asStored(original), etag: afterRestart.etag });
    });
  });
}
