// Erasing a case and finding closed ones (the young person's right to erasure, and retention): the
// part of the contract that needs to see everything a store holds. Each adapter's test file runs it
// with a `dump` of all its bytes or documents.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Case, closeCase } from '../../bot/domain/case';
import { recordConsent } from '../../bot/domain/consent';
import { addMember } from '../../bot/domain/team';
import type { AuditRecord, CaseStore, OutboxMessage } from '../../bot/store/port';
import { NOW, OTHER_TENANT, TENANT, auditOf, minutesAfterNow, newCase, withTeamsMember } from './contract';

export interface InspectableStore {
  store: CaseStore;
  /** Everything the store holds, as text: every document, or every byte of the files. */
  dump: () => Promise<string>;
}

/** What must be nowhere once the case is erased (`newCase`'s young person, and the team's people). */
const PERSONAL = ['Alex Ung', '12 34 56 78', '2009-03-14', 'Mette Mentor', 'mette@example.dk', 'Sam For'];

/** A case with every kind of personal data the aggregate holds, in a case of its own. */
function personalCase(tenantId = TENANT): Case {
  let built = withTeamsMember(newCase(tenantId), 'aad-teacher');
  built = addMember(
    built,
    { role: 'other', otherRoleName: 'Mentor', person: { kind: 'external', name: 'Mette Mentor', email: 'mette@example.dk' } },
    randomUUID(),
    'aad-coordinator',
    NOW,
  );
  return recordConsent(
    built,
    { givenByYoungPerson: true, parentalHolderName: 'Sam Forælder', givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: built.members.map((member) => member.id) },
    randomUUID(),
    'aad-coordinator',
    NOW,
  );
}

function messageAbout(about: Case): OutboxMessage {
  return {
    id: randomUUID(),
    tenantId: about.tenantId,
    caseId: about.id,
    kind: 'needsHelp',
    to: { kind: 'user', aadObjectId: 'aad-teacher', teamsUserId: '29:teacher' },
    about: { agreementId: 'agreement-1' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    notBefore: minutesAfterNow(60),
    status: 'pending',
    attempts: 0,
  };
}

const tombstoneOf = (about: Case): AuditRecord => auditOf(about, 'case.erase', minutesAfterNow(5));

export function describeEraseContract(name: string, open: () => Promise<InspectableStore>): void {
  describe(`CaseStore contract, erase and retention: ${name}`, () => {
    let store: CaseStore;
    let dump: () => Promise<string>;

    beforeEach(async () => {
      ({ store, dump } = await open());
    });

    afterEach(async () => {
      await store.close();
    });

    /** Saves the case several times (old versions of it in the store's history), with audit and outbox. */
    async function stored(about: Case): Promise<AuditRecord[]> {
      const audit = [auditOf(about, 'case.create', minutesAfterNow(0))];
      const created = await store.createCase(about, { audit, outbox: [messageAbout(about)] });
      const again = withTeamsMember(about, `aad-nurse-${about.id}`);
      const change = auditOf(about, 'team.add', minutesAfterNow(1));
      await store.replaceCase(again, created.etag, { audit: [change], outbox: [messageAbout(about)] });
      const read = auditOf(about, 'case.read', minutesAfterNow(2));
      await store.appendAudit([read]);
      return [...audit, change, read];
    }

    it('leaves nothing personal of an erased case anywhere, keeps its audit with the tombstone, and another case untouched', async () => {
      const erased = personalCase();
      const kept = personalCase();
      const erasedAudit = await stored(erased);
      const keptAudit = await stored(kept);
      await store.putUserState({ tenantId: TENANT, aadObjectId: 'aad-teacher', selectedCaseId: erased.id, personalConversationId: 'a:teacher' });
      await store.putUserState({ tenantId: TENANT, aadObjectId: 'aad-other', selectedCaseId: kept.id });
      const keptBefore = await store.getCase(TENANT, kept.id);
      const keptOutbox = await store.listOutbox(TENANT, kept.id);
      // The fixture's data is in the store before: the search below would find it.
      const before = await dump();
      for (const text of PERSONAL) expect(before).toContain(text);

      const tombstone = tombstoneOf(erased);
      expect(await store.eraseCase(TENANT, erased.id, tombstone)).toBe(true);

      expect(await store.getCase(TENANT, erased.id)).toBeUndefined();
      expect(await store.findCaseByConversation(TENANT, 'none')).toBeUndefined();
      expect(await store.listCasesForUser(TENANT, 'aad-teacher')).toEqual([{ caseId: kept.id, reference: kept.reference }]);
      expect(await store.listOutbox(TENANT, erased.id)).toEqual([]);
      expect(await store.listAudit(TENANT, erased.id)).toStrictEqual([...erasedAudit, tombstone]);
      // The pick of the erased case is gone; the rest of the user's state stays.
      expect(await store.getUserState(TENANT, 'aad-teacher')).toStrictEqual({ tenantId: TENANT, aadObjectId: 'aad-teacher', personalConversationId: 'a:teacher' });
      expect(await store.getUserState(TENANT, 'aad-other')).toStrictEqual({ tenantId: TENANT, aadObjectId: 'aad-other', selectedCaseId: kept.id });
      // The other case, with the same fixture's data, is as it was.
      expect(await store.getCase(TENANT, kept.id)).toStrictEqual(keptBefore);
      expect(await store.listOutbox(TENANT, kept.id)).toStrictEqual(keptOutbox);
      expect(await store.listAudit(TENANT, kept.id)).toStrictEqual(keptAudit);
      // Nothing is claimed for the erased case any more.
      const claimed = await store.claimDueOutbox(new Date(minutesAfterNow(120)), 'dispatcher', 60_000, 100);
      expect(claimed.map((message) => message.caseId)).toEqual([kept.id, kept.id]);

      // Erase the other one too: then nothing personal is anywhere in the store.
      expect(await store.eraseCase(TENANT, kept.id, tombstoneOf(kept))).toBe(true);
      const after = await dump();
      for (const text of PERSONAL) expect(after, `"${text}" is still stored`).not.toContain(text);
      expect(after).toContain(erased.id);
    });

    it('writes the messages that outlive the case with its erasure: they are claimed and sent, the case and its own messages gone', async () => {
      const erased = personalCase();
      await stored(erased);
      const cancel: OutboxMessage = {
        ...messageAbout(erased),
        kind: 'calendarCancel',
        to: { kind: 'user', aadObjectId: 'aad-coordinator', teamsUserId: '' },
        about: { eventId: 'event-1', mailboxAadObjectId: 'aad-coordinator' },
        notBefore: minutesAfterNow(5),
      };
      // A message about another case is refused before anything is erased.
      await expect(store.eraseCase(TENANT, erased.id, tombstoneOf(erased), [{ ...cancel, caseId: randomUUID() }])).rejects.toThrow();
      expect(await store.getCase(TENANT, erased.id)).toBeDefined();

      expect(await store.eraseCase(TENANT, erased.id, tombstoneOf(erased), [cancel])).toBe(true);
      expect(await store.getCase(TENANT, erased.id)).toBeUndefined();
      expect(await store.listOutbox(TENANT, erased.id)).toStrictEqual([cancel]);
      const claimed = await store.claimDueOutbox(new Date(minutesAfterNow(120)), 'dispatcher', 60_000, 100);
      expect(claimed.map((message) => [message.kind, message.about])).toEqual([['calendarCancel', cancel.about]]);
      expect(await store.settleOutbox(claimed[0]!, 'dispatcher', { status: 'forget' })).toBe(true);
      expect(await store.listOutbox(TENANT, erased.id)).toEqual([]);
      const after = await dump();
      for (const text of PERSONAL) expect(after, `"${text}" is still stored`).not.toContain(text);
    });

    it('erases nothing of another tenant, nor a case that is not there', async () => {
      const theirs = personalCase(OTHER_TENANT);
      await stored(theirs);
      const before = await store.getCase(OTHER_TENANT, theirs.id);

      expect(await store.eraseCase(TENANT, theirs.id, { ...tombstoneOf(theirs), tenantId: TENANT })).toBe(false);
      const missing = randomUUID();
      expect(await store.eraseCase(TENANT, missing, { ...tombstoneOf(theirs), tenantId: TENANT, caseId: missing })).toBe(false);
      expect(await store.listAudit(TENANT, missing)).toEqual([]);
      // A tombstone about another case is refused before anything is erased.
      await expect(store.eraseCase(OTHER_TENANT, theirs.id, tombstoneOf(newCase(OTHER_TENANT)))).rejects.toThrow();

      expect(await store.getCase(OTHER_TENANT, theirs.id)).toStrictEqual(before);
      expect(await store.listOutbox(OTHER_TENANT, theirs.id)).toHaveLength(2);
      expect((await store.listAudit(OTHER_TENANT, theirs.id)).map((record) => record.action)).toEqual(['case.create', 'team.add', 'case.read']);
    });

    it('finds closed cases of every tenant closed at or before an instant, and no open one', async () => {
      const longClosed = closeCase(newCase(), 'aad-coordinator', new Date('2020-01-01T00:00:00Z'));
      const justClosed = closeCase(newCase(OTHER_TENANT), 'aad-coordinator', new Date('2026-11-20T00:00:00Z'));
      const open = newCase();
      for (const about of [longClosed, justClosed, open]) await store.createCase(about, { audit: [] });

      const found = await store.listCasesClosedBefore(new Date('2026-11-20T00:00:00Z'), 10);
      expect([...found].sort((a, b) => a.closedAt.localeCompare(b.closedAt))).toEqual([
        { tenantId: TENANT, caseId: longClosed.id, closedAt: '2020-01-01T00:00:00.000Z' },
        { tenantId: OTHER_TENANT, caseId: justClosed.id, closedAt: '2026-11-20T00:00:00.000Z' },
      ]);
      expect(await store.listCasesClosedBefore(new Date('2026-11-19T23:59:59Z'), 10)).toEqual([
        { tenantId: TENANT, caseId: longClosed.id, closedAt: '2020-01-01T00:00:00.000Z' },
      ]);
      expect(await store.listCasesClosedBefore(new Date('2026-11-20T00:00:00Z'), 1)).toHaveLength(1);
    });
  });
}
