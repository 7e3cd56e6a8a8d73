import { describe, expect, it } from 'vitest';
import { recordCaseConsent, withdrawCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember, handOverCoordination } from '../../bot/app/manageTeam';
import { openCase, referenceFrom } from '../../bot/app/openCase';
import { listMyCases, readCase, selectCase, selectedCaseId } from '../../bot/app/readCase';
import { asyncCodeOf as refusal } from '../support/refusals';
import { COORDINATOR, JONAS, OTHER_TENANT_COORDINATOR, STRANGER, YOUNG_PERSON, appDeps } from './appFixture';


async function caseWithJonas() {
  const deps = appDeps();
  const created = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  const withJonas = await addTeamMember(deps, COORDINATOR, created.id, {
    role: 'youthGuidance',
    person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name },
  });
  const jonasId = withJonas.members.at(-1)?.id ?? '';
  return { deps, caseId: created.id, jonasId };
}

describe('opening a case', () => {
  it('stores the case with its audit record and a reference without personal data', async () => {
    const deps = appDeps();
    const created = await openCase(deps, COORDINATOR, YOUNG_PERSON, async () => ({ kind: 'groupChat', conversationId: 'chat-1' }));
    expect(created.reference).toMatch(/^S-[A-Z2-9]{5}$/);
    expect(created.reference).toBe(referenceFrom(created.id));
    expect((await deps.store.findCaseByConversation('tenant-a', 'chat-1'))?.case.id).toBe(created.id);
    expect(await deps.store.listAudit('tenant-a', created.id)).toMatchObject([{ action: 'case.create', outcome: 'ok', actorAadObjectId: 'aad-mette' }]);
  });

  it('refuses a CPR number before Teams is touched, and writes nothing', async () => {
    const deps = appDeps();
    let homePlaced = false;
    const code = await refusal(
      openCase(deps, COORDINATOR, { ...YOUNG_PERSON, address: 'CPR 010203-1234' }, async () => {
        homePlaced = true;
        return { kind: 'groupChat', conversationId: 'chat-1' };
      }),
    );
    expect(code).toBe('cprNotAllowed');
    expect(homePlaced).toBe(false);
    expect(await listMyCases(deps, COORDINATOR)).toEqual([]);
  });

  it('writes nothing when the thread cannot be started', async () => {
    const deps = appDeps();
    await expect(openCase(deps, COORDINATOR, YOUNG_PERSON, async () => Promise.reject(new Error('Teams is down')))).rejects.toThrow('Teams is down');
    expect(await listMyCases(deps, COORDINATOR)).toEqual([]);
  });

  it('keeps one case per group chat', async () => {
    const deps = appDeps();
    const home = async () => ({ kind: 'groupChat' as const, conversationId: 'chat-1' });
    await openCase(deps, COORDINATOR, YOUNG_PERSON, home);
    expect(await refusal(openCase(deps, COORDINATOR, YOUNG_PERSON, home))).toBe('caseAlreadyHasHome');
    expect(await listMyCases(deps, COORDINATOR)).toHaveLength(1);
  });
});

describe('reading a case', () => {
  it('audits every read and every refusal', async () => {
    const { deps, caseId } = await caseWithJonas();
    await readCase(deps, COORDINATOR, caseId, 'overview');
    expect(await refusal(readCase(deps, STRANGER, caseId, 'overview'))).toBe('notTeamMember');
    expect(await refusal(readCase(deps, JONAS, caseId, 'overview'))).toBe('noValidConsent');
    expect(await refusal(readCase(deps, JONAS, caseId, 'consent'))).toBe('notCoordinator');
    const audit = await deps.store.listAudit('tenant-a', caseId);
    expect(audit.map(({ actorAadObjectId, action, outcome }) => `${actorAadObjectId} ${action} ${outcome}`)).toEqual([
      'aad-mette case.create ok',
      'aad-mette team.addTeamsUser ok',
      'aad-mette overview.read ok',
      'aad-lise overview.read denied',
      'aad-jonas overview.read denied',
      'aad-jonas consent.read denied',
    ]);
  });

  it('shows a team member the case once consent covers them', async () => {
    const { deps, caseId, jonasId } = await caseWithJonas();
    const members = (await readCase(deps, COORDINATOR, caseId, 'team')).case.members.map((member) => member.id);
    await recordCaseConsent(deps, COORDINATOR, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: members });
    expect((await readCase(deps, JONAS, caseId, 'overview')).viewer.id).toBe(jonasId);
    await withdrawCaseConsent(deps, COORDINATOR, caseId);
    expect(await refusal(readCase(deps, JONAS, caseId, 'overview'))).toBe('noValidConsent');
  });

  it('shows nothing to another tenant, even with the same user id', async () => {
    const { deps, caseId } = await caseWithJonas();
    expect(await refusal(readCase(deps, OTHER_TENANT_COORDINATOR, caseId, 'overview'))).toBe('caseNotFound');
    expect(await listMyCases(deps, OTHER_TENANT_COORDINATOR)).toEqual([]);
    expect(await refusal(addTeamMember(deps, OTHER_TENANT_COORDINATOR, caseId, { role: 'school', person: { kind: 'external', name: 'X' } }))).toBe(
      'caseNotFound',
    );
  });
});

describe('changing the team and consent', () => {
  it('lets only the coordinator change the team, audits the refusal and changes nothing', async () => {
    const { deps, caseId } = await caseWithJonas();
    const before = await deps.store.getCase('tenant-a', caseId);
    const code = await refusal(addTeamMember(deps, JONAS, caseId, { role: 'school', person: { kind: 'external', name: 'Ole' } }));
    expect(code).toBe('notCoordinator');
    expect((await deps.store.getCase('tenant-a', caseId))?.etag).toBe(before?.etag);
    expect((await deps.store.listAudit('tenant-a', caseId)).at(-1)).toMatchObject({ action: 'team.addExternal', outcome: 'denied', actorAadObjectId: 'aad-jonas' });
  });

  it('lets only the coordinator record consent', async () => {
    const { deps, caseId, jonasId } = await caseWithJonas();
    const code = await refusal(
      recordCaseConsent(deps, JONAS, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: [jonasId] }),
    );
    expect(code).toBe('notCoordinator');
  });

  it('hands over the coordinator role; the new coordinator then manages the team', async () => {
    const { deps, caseId, jonasId } = await caseWithJonas();
    await handOverCoordination(deps, COORDINATOR, caseId, jonasId, 'caseworkerChildren');
    expect(await refusal(addTeamMember(deps, COORDINATOR, caseId, { role: 'school', person: { kind: 'external', name: 'Ole' } }))).toBe('notCoordinator');
    const changed = await addTeamMember(deps, JONAS, caseId, { role: 'school', person: { kind: 'external', name: 'Ole' } });
    expect(changed.members.map((member) => member.role)).toEqual(['caseworkerChildren', 'youngPerson', 'coordinator', 'school']);
  });
});

describe('cases in a 1:1 chat', () => {
  it('lists my cases and remembers the one I pick; a non-member cannot pick it', async () => {
    const { deps, caseId } = await caseWithJonas();
    expect(await listMyCases(deps, JONAS)).toEqual([{ caseId, reference: expect.stringMatching(/^S-/) }]);
    expect(await listMyCases(deps, STRANGER)).toEqual([]);
    await selectCase(deps, JONAS, caseId);
    expect(await selectedCaseId(deps, JONAS)).toBe(caseId);
    expect(await refusal(selectCase(deps, STRANGER, caseId))).toBe('notTeamMember');
    expect(await selectedCaseId(deps, STRANGER)).toBeUndefined();
  });
});
