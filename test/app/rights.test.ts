// The young person's rights: export (access), erase, and erasure after the retention period.
import { describe, expect, it } from 'vitest';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { selectCase } from '../../bot/app/readCase';
import { RETENTION_ACTOR, closeCaseNow, eraseCase, eraseExpiredCases, exportCase } from '../../bot/app/rights';
import type { OutboxMessage } from '../../bot/store/port';
import { asyncCodeOf as refusal } from '../support/refusals';
import { COORDINATOR, JONAS, OTHER_TENANT_COORDINATOR, YOUNG_PERSON, appDeps } from './appFixture';
import { NOW } from '../domain/fixtures';

const OTHER_YOUNG_PERSON = { name: 'Freja Holm', birthDate: '2006-02-02', phone: '55667788', status: 'work' };
const DAY = 24 * 60 * 60 * 1000;

const messageAbout = (caseId: string, id: string): OutboxMessage => ({
  id,
  tenantId: 'tenant-a',
  caseId,
  kind: 'planSlipping',
  to: { kind: 'user', aadObjectId: COORDINATOR.aadObjectId, teamsUserId: '29:mette' },
  about: { memberId: 'm-coordinator' },
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  notBefore: NOW.toISOString(),
  status: 'pending',
  attempts: 0,
});

/** Two cases of one coordinator, Jonas on the first. */
async function twoCases(now = NOW) {
  const clock = { now };
  const deps = { ...appDeps(), now: () => clock.now };
  const first = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  await addTeamMember(deps, COORDINATOR, first.id, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name } });
  const second = await openCase(deps, COORDINATOR, OTHER_YOUNG_PERSON);
  return { deps, clock, first: (await deps.store.getCase('tenant-a', first.id))!.case, second };
}

describe('exporting a case', () => {
  it('gives its coordinator the whole case with its audit and outbox, and nothing of another case', async () => {
    const { deps, first, second } = await twoCases();
    await deps.store.appendOutbox([messageAbout(first.id, 'message-first'), messageAbout(second.id, 'message-second')]);

    const exported = await exportCase(deps, COORDINATOR, first.id);

    expect(exported.case).toStrictEqual(first);
    expect(exported.audit.map((record) => record.action)).toEqual(['case.create', 'team.addTeamsUser', 'case.export']);
    expect(exported.outbox).toStrictEqual(await deps.store.listOutbox('tenant-a', first.id));
    expect(exported.outbox.map((message) => message.id)).toEqual(['message-first']);
    const text = JSON.stringify(exported);
    expect(text).toContain('Emil Hansen');
    expect(text).toContain('22334455');
    for (const other of [second.id, 'message-second', 'Freja Holm', '55667788', '2006-02-02']) expect(text).not.toContain(other);
    expect((await deps.store.listAudit('tenant-a', first.id)).at(-1)).toMatchObject({ action: 'case.export', outcome: 'ok', actorAadObjectId: COORDINATOR.aadObjectId });
  });

  it('refuses a team member who is not the coordinator, and another tenant, auditing the refusal', async () => {
    const { deps, first } = await twoCases();
    expect(await refusal(exportCase(deps, JONAS, first.id))).toBe('notCoordinator');
    expect(await refusal(exportCase(deps, OTHER_TENANT_COORDINATOR, first.id))).toBe('caseNotFound');
    expect((await deps.store.listAudit('tenant-a', first.id)).at(-1)).toMatchObject({ action: 'case.export', outcome: 'denied', actorAadObjectId: JONAS.aadObjectId });
  });
});

describe('erasing a case', () => {
  it('erases the case, its outbox and the pick of it, keeps its audit and adds a tombstone; the other case stays', async () => {
    const { deps, first, second } = await twoCases();
    await selectCase(deps, JONAS, first.id);
    const secondBefore = await deps.store.getCase('tenant-a', second.id);

    expect(await eraseCase(deps, COORDINATOR, first.id, ` ${first.reference.toLowerCase()} `)).toBe(first.reference);

    expect(await deps.store.getCase('tenant-a', first.id)).toBeUndefined();
    expect(await deps.store.listOutbox('tenant-a', first.id)).toEqual([]);
    expect(await deps.store.getUserState('tenant-a', JONAS.aadObjectId)).toStrictEqual({ tenantId: 'tenant-a', aadObjectId: JONAS.aadObjectId });
    const audit = await deps.store.listAudit('tenant-a', first.id);
    expect(audit.map((record) => record.action)).toEqual(['case.create', 'team.addTeamsUser', 'case.erase']);
    expect(audit.at(-1)).toMatchObject({ action: 'case.erase', outcome: 'ok', actorAadObjectId: COORDINATOR.aadObjectId, caseId: first.id });
    expect(await deps.store.getCase('tenant-a', second.id)).toStrictEqual(secondBefore);
  });

  it('erases nothing without the typed reference, nor for anyone but the coordinator', async () => {
    const { deps, first } = await twoCases();
    expect(await refusal(eraseCase(deps, COORDINATOR, first.id, 'S-WRONG'))).toBe('confirmationMismatch');
    expect(await refusal(eraseCase(deps, COORDINATOR, first.id, undefined))).toBe('confirmationMismatch');
    expect(await refusal(eraseCase(deps, JONAS, first.id, first.reference))).toBe('notCoordinator');
    expect((await deps.store.getCase('tenant-a', first.id))?.case).toStrictEqual(first);
    expect((await deps.store.listAudit('tenant-a', first.id)).at(-1)).toMatchObject({ action: 'case.erase', outcome: 'denied' });
  });
});

describe('closing a case and the retention period', () => {
  it('closes a case with the typed reference (coordinator only), once', async () => {
    const { deps, first } = await twoCases();
    expect(await refusal(closeCaseNow(deps, JONAS, first.id, first.reference))).toBe('notCoordinator');
    expect(await refusal(closeCaseNow(deps, COORDINATOR, first.id, 'nope'))).toBe('confirmationMismatch');
    const closed = await closeCaseNow(deps, COORDINATOR, first.id, first.reference);
    expect(closed.closedAt).toBe(NOW.toISOString());
    expect(closed.history.at(-1)).toMatchObject({ kind: 'caseClosed', byAadObjectId: COORDINATOR.aadObjectId });
    expect(await refusal(closeCaseNow(deps, COORDINATOR, first.id, first.reference))).toBe('caseAlreadyClosed');
  });

  it('erases a case closed longer than the period, and neither one closed more recently nor an open one', async () => {
    const retentionDays = 30;
    const { deps, clock, first, second } = await twoCases();
    await closeCaseNow(deps, COORDINATOR, first.id, first.reference);
    const third = await openCase(deps, COORDINATOR, { ...OTHER_YOUNG_PERSON, name: 'Open Case' });
    clock.now = new Date(NOW.getTime() + 10 * DAY);
    await closeCaseNow(deps, COORDINATOR, second.id, second.reference);

    // Day 29 after the first closed: nothing is due yet.
    clock.now = new Date(NOW.getTime() + 29 * DAY);
    expect(await eraseExpiredCases(deps, retentionDays)).toBe(0);
    // Day 30: the first; the second closed 20 days ago, the third is open.
    clock.now = new Date(NOW.getTime() + 30 * DAY);
    expect(await eraseExpiredCases(deps, retentionDays)).toBe(1);
    expect(await deps.store.getCase('tenant-a', first.id)).toBeUndefined();
    expect(await deps.store.listAudit('tenant-a', first.id)).toContainEqual(
      expect.objectContaining({ action: 'case.erase', actorAadObjectId: RETENTION_ACTOR, at: clock.now.toISOString() }),
    );
    expect((await deps.store.getCase('tenant-a', second.id))?.case.closedAt).toBe(new Date(NOW.getTime() + 10 * DAY).toISOString());
    expect(await deps.store.getCase('tenant-a', third.id)).toBeDefined();
    // Run again the same day: nothing more.
    expect(await eraseExpiredCases(deps, retentionDays)).toBe(0);
    clock.now = new Date(NOW.getTime() + 40 * DAY);
    expect(await eraseExpiredCases(deps, retentionDays)).toBe(1);
    expect(await deps.store.getCase('tenant-a', second.id)).toBeUndefined();
    expect(await deps.store.getCase('tenant-a', third.id)).toBeDefined();
  });

  it('erases page by page when more are due than one batch holds', async () => {
    const { deps, clock, first, second } = await twoCases();
    const third = await openCase(deps, COORDINATOR, { ...OTHER_YOUNG_PERSON, name: 'Third Case' });
    for (const about of [first, second, third]) await closeCaseNow(deps, COORDINATOR, about.id, about.reference);
    clock.now = new Date(NOW.getTime() + 2 * DAY);
    expect(await eraseExpiredCases(deps, 1, 2)).toBe(3);
  });
});

describe('a closed case', () => {
  it('cannot be changed any more', async () => {
    const { deps, first } = await twoCases();
    await closeCaseNow(deps, COORDINATOR, first.id, first.reference);
    expect(await refusal(addTeamMember(deps, COORDINATOR, first.id, { role: 'school', person: { kind: 'external', name: 'Ole' } }))).toBe('caseClosed');
  });
});
