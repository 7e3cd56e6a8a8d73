// The outbox part of the CaseStore contract: messages written with the change that causes them, claimed
// by dispatchers under a lease, settled by the holder of the claim. Each adapter's test file runs it.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import {
  type CaseStore,
  type OutboxMessage,
  ConcurrencyConflict,
  MAX_AUDIT_PER_SAVE,
} from '../../bot/store/port';
import {
  type OpenedStore,
  NO_EFFECTS,
  NOW,
  OTHER_TENANT,
  TENANT,
  auditOf,
  minutesAfterNow,
  newCase,
  withTeamsMember,
} from './contract';

const LEASE_MS = 60_000;
const A = 'dispatcher-a';
const B = 'dispatcher-b';

const later = (ms: number) => new Date(NOW.getTime() + ms);

/** A pending message about `about`; ids and codes only, as the app writes them. */
function messageOf(about: Case, notBefore: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: randomUUID(),
    tenantId: about.tenantId,
    caseId: about.id,
    kind: 'minutes',
    to: { kind: 'conversation', conversationId: `19:${about.id}@thread.tacv2` },
    about: { meetingId: 'meeting-1' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    notBefore,
    status: 'pending',
    attempts: 0,
    ...overrides,
  } as OutboxMessage;
}

const ids = (messages: OutboxMessage[]) => messages.map((message) => message.id);

export function describeOutboxContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`CaseStore outbox contract: ${name}`, () => {
    let store: CaseStore;
    let reopen: OpenedStore['reopen'];

    beforeEach(async () => {
      ({ store, reopen } = await open());
    });

    afterEach(async () => {
      await store.close();
    });

    /** Saves `count` due messages over `cases` new cases, one save each; returns them in notBefore order. */
    async function saveDueMessages(count: number, cases: number): Promise<OutboxMessage[]> {
      const messages: OutboxMessage[] = [];
      for (let c = 0; c < cases; c++) {
        const about = newCase();
        const ofCase = Array.from({ length: count / cases }, (_, i) =>
          // Distinct instants, interleaved across cases, all before NOW.
          messageOf(about, new Date(NOW.getTime() - 3_600_000 + (i * cases + c) * 1000).toISOString()),
        );
        await store.createCase(about, { audit: [], outbox: ofCase });
        messages.push(...ofCase);
      }
      return messages.sort((x, y) => x.notBefore.localeCompare(y.notBefore));
    }

    describe('writing messages', () => {
      it('lists the messages saved with case changes, and a stale or refused save writes none', async () => {
        const original = newCase();
        const first = messageOf(original, minutesAfterNow(10), {
          kind: 'agreementAssigned',
          to: { kind: 'user', aadObjectId: 'aad-teacher', teamsUserId: '29:teacher' },
          about: { meetingId: 'meeting-1', ownerMemberId: 'member-teacher' },
        });
        const created = await store.createCase(original, { audit: [auditOf(original, 'case.create')], outbox: [first] });
        await expect(
          store.createCase(original, { audit: [], outbox: [messageOf(original, minutesAfterNow(1))] }),
        ).rejects.toBeInstanceOf(ConcurrencyConflict);

        const second = messageOf(original, minutesAfterNow(20));
        await store.replaceCase(withTeamsMember(original, 'aad-first'), created.etag, { audit: [], outbox: [second] });
        await expect(
          store.replaceCase(withTeamsMember(original, 'aad-late'), created.etag, {
            audit: [],
            outbox: [messageOf(original, minutesAfterNow(5))],
          }),
        ).rejects.toBeInstanceOf(ConcurrencyConflict);

        expect(await store.listOutbox(TENANT, original.id)).toStrictEqual([first, second]);
      });

      it('refuses messages about another case in a save, and writes nothing', async () => {
        const original = newCase();
        const created = await store.createCase(original, NO_EFFECTS);
        const other = newCase();

        await expect(
          store.replaceCase(withTeamsMember(original, 'aad-teacher'), created.etag, {
            audit: [],
            outbox: [messageOf(original, minutesAfterNow(0)), messageOf(other, minutesAfterNow(0))],
          }),
        ).rejects.toThrow(/not about case/);

        expect((await store.getCase(TENANT, original.id))?.etag).toBe(created.etag);
        expect(await store.listOutbox(TENANT, original.id)).toEqual([]);
        expect(await store.listOutbox(TENANT, other.id)).toEqual([]);
      });

      it(`refuses a save with more than ${MAX_AUDIT_PER_SAVE} audit records, and writes nothing`, async () => {
        const original = newCase();
        const audit = Array.from({ length: MAX_AUDIT_PER_SAVE + 1 }, () => auditOf(original, 'team.add'));

        await expect(store.createCase(original, { audit, outbox: [messageOf(original, minutesAfterNow(0))] })).rejects.toThrow(`at most ${MAX_AUDIT_PER_SAVE}`);

        expect(await store.getCase(TENANT, original.id)).toBeUndefined();
        expect(await store.listOutbox(TENANT, original.id)).toEqual([]);
      });

      it('writes 250 messages with one save or none, and two dispatchers together claim each due one once', async () => {
        const original = newCase();
        // 150 due now or before, 100 later; distinct instants, so that the listing's order is defined.
        const outbox = Array.from({ length: 250 }, (_, i) => messageOf(original, new Date(NOW.getTime() + (i - 149) * 1000).toISOString()));
        const created = await store.createCase(original, { audit: [auditOf(original, 'minutes.approve')], outbox });
        await expect(
          store.replaceCase(withTeamsMember(original, 'aad-late'), 'stale-etag', { audit: [], outbox: outbox.map((message) => ({ ...message, id: randomUUID() })) }),
        ).rejects.toBeInstanceOf(ConcurrencyConflict);
        expect((await store.getCase(TENANT, original.id))?.etag).toBe(created.etag);
        expect(await store.listOutbox(TENANT, original.id)).toStrictEqual(outbox);

        const claimAll = async (owner: string, at: Date) => {
          const all: OutboxMessage[] = [];
          for (let batch = await store.claimDueOutbox(at, owner, LEASE_MS, 40); batch.length > 0; batch = await store.claimDueOutbox(at, owner, LEASE_MS, 40)) all.push(...batch);
          return all;
        };
        const [ofA, ofB] = await Promise.all([claimAll(A, NOW), claimAll(B, NOW)]);
        const claimed = [...ids(ofA), ...ids(ofB)];
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed.sort()).toEqual(ids(outbox.slice(0, 150)).sort());
        for (const message of ofA) expect(await store.settleOutbox(message, A, { status: 'sent', at: NOW.toISOString() })).toBe(true);
        for (const message of ofB) expect(await store.settleOutbox(message, B, { status: 'sent', at: NOW.toISOString() })).toBe(true);

        const afterwards = later(3_600_000);
        expect(ids(await claimAll(A, afterwards)).sort()).toEqual(ids(outbox.slice(150)).sort());
        const listed = await store.listOutbox(TENANT, original.id);
        expect(ids(listed)).toEqual(ids(outbox));
        expect(listed.filter((message) => message.status === 'sent')).toHaveLength(150);
      });

      it('keeps instants in the form toISOString gives, so that a message is due exactly at its time', async () => {
        const about = newCase();
        // 10:00 in Copenhagen on NOW's day is 09:00 UTC, which is NOW.
        const message = messageOf(about, '2026-11-23T10:00:00+01:00');
        await store.createCase(about, { audit: [], outbox: [message] });

        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([{ ...message, notBefore: NOW.toISOString() }]);
        expect(ids(await store.claimDueOutbox(later(-1), A, LEASE_MS, 10))).toEqual([]);
        expect(ids(await store.claimDueOutbox(NOW, A, LEASE_MS, 10))).toEqual([message.id]);
      });

      it('appends messages outside a case save, keeping the first of two with one id', async () => {
        const one = newCase();
        const two = newCase();
        const fallback = messageOf(one, minutesAfterNow(0), {
          kind: 'unreachable',
          about: { memberId: 'member-1' },
        });
        const reminder = messageOf(two, minutesAfterNow(0), { kind: 'handOverReminder' });

        await store.appendOutbox([fallback, reminder]);
        // A dispatcher that crashed after appending appends the same message again.
        await store.appendOutbox([{ ...fallback, notBefore: minutesAfterNow(30) }]);

        expect(await store.listOutbox(TENANT, one.id)).toStrictEqual([fallback]);
        expect(await store.listOutbox(TENANT, two.id)).toStrictEqual([reminder]);
        expect(ids(await store.claimDueOutbox(NOW, A, LEASE_MS, 10)).sort()).toEqual([fallback.id, reminder.id].sort());
      });

      it('shows another tenant none of a case’s messages', async () => {
        const ours = newCase();
        const message = messageOf(ours, minutesAfterNow(0));
        await store.createCase(ours, { audit: [], outbox: [message] });

        expect(await store.listOutbox(TENANT, ours.id)).toStrictEqual([message]);
        expect(await store.listOutbox(OTHER_TENANT, ours.id)).toEqual([]);
      });
    });

    describe('claiming', () => {
      it('claims only due pending messages, in notBefore order, at most `limit`, under a lease', async () => {
        const about = newCase();
        const at = (minutes: number, overrides: Partial<OutboxMessage> = {}) => messageOf(about, minutesAfterNow(minutes), overrides);
        const [m30, m10, m20, m0, future] = [at(-30), at(-10), at(-20), at(0), at(1)];
        const sent = at(-40, { status: 'sent', attempts: 1, sentAt: minutesAfterNow(-40) });
        const failed = at(-50, { status: 'failed', attempts: 8, lastError: '403' });
        await store.createCase(about, { audit: [], outbox: [m30, m10, m20, m0, future, sent, failed] });

        // Leases longer than the minute this test moves on, so that no claim runs out here.
        const lease = 10 * 60_000;
        const firstBatch = await store.claimDueOutbox(NOW, A, lease, 2);
        expect(firstBatch).toStrictEqual(
          [m30, m20].map((message) => ({ ...message, leaseOwner: A, leaseUntil: later(lease).toISOString() })),
        );
        expect(ids(await store.claimDueOutbox(NOW, B, lease, 10))).toEqual(ids([m10, m0]));
        expect(await store.claimDueOutbox(NOW, B, lease, 10)).toEqual([]);
        expect(ids(await store.claimDueOutbox(later(60_000), B, lease, 10))).toEqual(ids([future]));
      });

      it('never gives two dispatchers claiming at the same time the same message, and together they get all', async () => {
        const messages = await saveDueMessages(50, 5);

        const [ofA, ofB] = await Promise.all([
          store.claimDueOutbox(NOW, A, LEASE_MS, 30),
          store.claimDueOutbox(NOW, B, LEASE_MS, 30),
        ]);

        expect(ofA.length).toBeLessThanOrEqual(30);
        expect(ofB.length).toBeLessThanOrEqual(30);
        expect(ofA.every((message) => message.leaseOwner === A)).toBe(true);
        expect(ofB.every((message) => message.leaseOwner === B)).toBe(true);
        const claimed = [...ids(ofA), ...ids(ofB)];
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed.sort()).toEqual(ids(messages).sort());
        expect(await store.claimDueOutbox(NOW, A, LEASE_MS, 50)).toEqual([]);
      });

      it('does not claim a claimed message again before its lease runs out, and does after', async () => {
        const about = newCase();
        const message = messageOf(about, minutesAfterNow(0));
        await store.createCase(about, { audit: [], outbox: [message] });

        expect(ids(await store.claimDueOutbox(NOW, A, LEASE_MS, 10))).toEqual([message.id]);
        expect(await store.claimDueOutbox(later(LEASE_MS - 1), B, LEASE_MS, 10)).toEqual([]);
        const [takenOver] = await store.claimDueOutbox(later(LEASE_MS), B, LEASE_MS, 10);

        expect(takenOver).toStrictEqual({ ...message, leaseOwner: B, leaseUntil: later(2 * LEASE_MS).toISOString() });
        // The first dispatcher, back too late, no longer holds the claim.
        expect(await store.settleOutbox(message, A, { status: 'sent', at: later(LEASE_MS + 1).toISOString() })).toBe(false);
        expect(await store.settleOutbox(takenOver!, B, { status: 'sent', at: later(LEASE_MS + 2).toISOString() })).toBe(true);
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([
          { ...message, status: 'sent', attempts: 1, sentAt: later(LEASE_MS + 2).toISOString() },
        ]);
      });
    });

    describe('settling', () => {
      it('settles for the holder of the claim only, once, and never claims a sent message again', async () => {
        const about = newCase();
        const message = messageOf(about, minutesAfterNow(0));
        await store.createCase(about, { audit: [], outbox: [message] });
        const [claimed] = await store.claimDueOutbox(NOW, A, LEASE_MS, 10);

        expect(await store.settleOutbox(claimed!, B, { status: 'sent', at: NOW.toISOString() })).toBe(false);
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([claimed]);

        expect(await store.settleOutbox(claimed!, A, { status: 'sent', at: later(1000).toISOString() })).toBe(true);
        const settled = { ...message, status: 'sent', attempts: 1, sentAt: later(1000).toISOString() };
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([settled]);

        expect(await store.settleOutbox(claimed!, A, { status: 'failed', error: '500' })).toBe(false);
        expect(await store.claimDueOutbox(later(24 * 3_600_000), B, LEASE_MS, 10)).toEqual([]);
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([settled]);
      });

      it('settles after the lease ran out while nobody else took the message over', async () => {
        const about = newCase();
        const message = messageOf(about, minutesAfterNow(0));
        await store.createCase(about, { audit: [], outbox: [message] });
        const [claimed] = await store.claimDueOutbox(NOW, A, LEASE_MS, 10);

        expect(await store.settleOutbox(claimed!, A, { status: 'sent', at: later(2 * LEASE_MS).toISOString() })).toBe(true);
        expect(await store.claimDueOutbox(later(3 * LEASE_MS), B, LEASE_MS, 10)).toEqual([]);
      });

      it('forgets (deletes) a sent message for the holder of the claim only, leaving the case\'s other messages', async () => {
        const about = newCase();
        const update = messageOf(about, minutesAfterNow(0), { kind: 'checklistCard', about: { meetingId: 'meeting-1', digest: 'checklistCard meeting-1' } });
        const kept = messageOf(about, minutesAfterNow(60));
        await store.createCase(about, { audit: [], outbox: [update, kept] });
        const [claimed] = await store.claimDueOutbox(NOW, A, LEASE_MS, 10);
        expect(claimed?.id).toBe(update.id);

        expect(await store.settleOutbox(claimed!, B, { status: 'forget' })).toBe(false);
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([claimed, kept]);

        expect(await store.settleOutbox(claimed!, A, { status: 'forget' })).toBe(true);
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([kept]);
        expect(await store.settleOutbox(claimed!, A, { status: 'forget' })).toBe(false);
        expect(await store.settleOutbox(claimed!, A, { status: 'sent', at: NOW.toISOString() })).toBe(false);
        expect(await store.claimDueOutbox(later(24 * 3_600_000), B, LEASE_MS, 10)).toStrictEqual([{ ...kept, leaseOwner: B, leaseUntil: later(24 * 3_600_000 + LEASE_MS).toISOString() }]);
      });

      it('claims a message put back as pending only at its new time, counting attempts, until it fails', async () => {
        const about = newCase();
        const message = messageOf(about, minutesAfterNow(0));
        await store.createCase(about, { audit: [], outbox: [message] });
        const [first] = await store.claimDueOutbox(NOW, A, LEASE_MS, 10);

        expect(await store.settleOutbox(first!, A, { status: 'pending', notBefore: minutesAfterNow(5), error: '503' })).toBe(true);
        const retrying = { ...message, notBefore: minutesAfterNow(5), attempts: 1, lastError: '503' };
        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([retrying]);
        expect(await store.claimDueOutbox(later(5 * 60_000 - 1), B, LEASE_MS, 10)).toEqual([]);

        const [second] = await store.claimDueOutbox(later(5 * 60_000), B, LEASE_MS, 10);
        expect(second).toStrictEqual({ ...retrying, leaseOwner: B, leaseUntil: later(5 * 60_000 + LEASE_MS).toISOString() });
        expect(await store.settleOutbox(second!, B, { status: 'failed', error: 'RestError' })).toBe(true);

        expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([
          { ...retrying, status: 'failed', attempts: 2, lastError: 'RestError' },
        ]);
        expect(await store.claimDueOutbox(later(24 * 3_600_000), A, LEASE_MS, 10)).toEqual([]);
      });
    });

    it('keeps messages and their claims across a restart', async ({ skip }) => {
      if (!reopen) return skip('this store has nothing to reopen');
      const about = newCase();
      const [claimedBefore, waiting] = [messageOf(about, minutesAfterNow(-1)), messageOf(about, minutesAfterNow(1))];
      await store.createCase(about, { audit: [], outbox: [claimedBefore, waiting] });
      const [claimed] = await store.claimDueOutbox(NOW, A, 10 * LEASE_MS, 1);

      await store.close();
      store = await reopen();

      expect(await store.listOutbox(TENANT, about.id)).toStrictEqual([claimed, waiting]);
      expect(ids(await store.claimDueOutbox(later(60_000), B, LEASE_MS, 10))).toEqual([waiting.id]);
      expect(await store.settleOutbox(claimed!, A, { status: 'sent', at: later(1000).toISOString() })).toBe(true);
    });
  });
}
