// bot/teams/actions/team.ts through the in-process bot: the coordinator adds people from the
// conversation (their names from Teams' roster) and from outside Teams, changes and removes them, hands
// the coordination over; the `team` command.
import { describe, expect, it } from 'vitest';
import { memberByAadObjectId } from '../../../bot/domain/case';
import { da } from '../../../bot/i18n/da';
import { ALI, CHANNEL, JONAS, LARS, LISE, METTE, type Person, TEAM_ID, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { type SceneCase, caseWithTeam, createCase, everyoneIn, expectBaseCard, memberIdOf, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

/** What a team card's list of members says: each member's name, role and support offer, and its buttons. */
function teamList(card: unknown): string[] {
  const body = (card as { body: { text?: string }[] }).body;
  const heading = body.findIndex((element) => element.text === da.cards.team.members);
  return textsOf(body[heading + 1]);
}

/** The role the list shows under a member's name. */
const roleBeside = (list: string[], name: string) => list[list.indexOf(name) + 1];

const EXTERNAL = { externalName: 'Birthe Vang', externalPhone: '40506070', externalRole: 'vip' };

async function memberId(caseId: string, who: Person) {
  return memberIdOf(await turns.storedCase(caseId), who);
}

describe('team.addTeamsUser', () => {
  it('in a channel offers the team\'s people, and adds one with the name Teams gives', async () => {
    const { caseId, home } = await createCase(turns, CHANNEL);
    everyoneIn(turns, home);
    const offered = textsOf(cardOf(await click(METTE, home, 'case.show', { caseId, view: 'team' })));
    expect(offered).toEqual(expect.arrayContaining([da.cards.team.addTeams, JONAS.name, LISE.name]));
    expect(turns.bot().connector.requests).toContainEqual(expect.objectContaining({ kind: 'members', conversationId: TEAM_ID, status: 200 }));

    const card = cardOf(await click(METTE, home, 'team.addTeamsUser', { caseId, teamsUser: JONAS.aadObjectId, teamsRole: 'youthGuidance' }));
    expect(textsOf(card)).toContain(da.cards.done.memberAdded);
    expect(roleBeside(teamList(card), JONAS.name)).toBe(da.roles.youthGuidance);
    const added = (await turns.storedCase(caseId)).members.find((member) => member.role === 'youthGuidance');
    expect(added?.person).toEqual({ kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name, teamsUserId: JONAS.teamsUserId });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'team.addTeamsUser', outcome: 'ok' });
  });

  it('refuses a person who is not in the conversation, writing nothing', async () => {
    const { caseId, home } = await createCase(turns);
    everyoneIn(turns, home);
    const before = turns.bot().rowCounts();
    expect(await click(METTE, home, 'team.addTeamsUser', { caseId, teamsUser: 'aad-somebody-else', teamsRole: 'school' })).toEqual({ message: da.notInConversation });
    expect(turns.bot().rowCounts()).toEqual(before);
  });
});

describe('team.addExternal', () => {
  it('adds a person outside Teams and lists them', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'team.addExternal', { caseId, ...EXTERNAL }));
    expect(textsOf(card)).toContain(da.cards.done.memberAdded);
    expect(roleBeside(teamList(card), `${EXTERNAL.externalName} (${da.cards.team.external})`)).toBe(da.roles.vip);
    expect((await turns.storedCase(caseId)).members.find((member) => member.role === 'vip')?.person).toEqual({ kind: 'external', name: EXTERNAL.externalName, phone: EXTERNAL.externalPhone });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'team.addExternal', outcome: 'ok' });
  });
});

describe('team.edit', () => {
  it('gives the coordinator the member\'s card, with the buttons to change and remove them', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'team.edit', { caseId, memberId: await memberId(caseId, JONAS) }));
    expect(textsOf(card)).toContain(JONAS.name);
    expect(actionsOf(card).map((action) => action.verb)).toEqual(expect.arrayContaining(['team.change', 'team.remove']));
  });
});

describe('team.change', () => {
  it('changes a member\'s role and shows it on the team card', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const memberIdOfJonas = await memberId(caseId, JONAS);
    const card = cardOf(await click(METTE, home, 'team.change', { caseId, memberId: memberIdOfJonas, role: 'school', supportOffer: 'Lektiehjælp' }));
    expect(textsOf(card)).toContain(da.cards.done.memberChanged);
    expect(roleBeside(teamList(card), JONAS.name)).toBe(da.roles.school);
    expect((await turns.storedCase(caseId)).members.find((member) => member.id === memberIdOfJonas)).toMatchObject({ role: 'school', supportOffer: 'Lektiehjælp' });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'team.change', outcome: 'ok' });
  });
});

describe('team.remove', () => {
  it('removes a member from the team and from the card', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'team.remove', { caseId, memberId: await memberId(caseId, LARS) }));
    expect(textsOf(card)).toContain(da.cards.done.memberRemoved);
    expect(teamList(card)).toContain(JONAS.name);
    expect(teamList(card)).not.toContain(LARS.name);
    expect(memberByAadObjectId(await turns.storedCase(caseId), LARS.aadObjectId)).toBeUndefined();
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'team.remove', outcome: 'ok' });
  });
});

describe('team.handOver', () => {
  it('makes another professional the coordinator; the previous one keeps the role chosen, or leaves and is told so', async () => {
    const kept = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, kept.home, 'team.handOver', { caseId: kept.caseId, toMemberId: await memberId(kept.caseId, JONAS), previousCoordinatorRole: 'caseworkerChildren' }));
    expect(textsOf(card)).toContain(da.cards.done.coordinatorHandedOver);
    expect(roleBeside(teamList(card), JONAS.name)).toBe(da.roles.coordinator);
    expect(roleBeside(teamList(card), METTE.name)).toBe(da.roles.caseworkerChildren);
    expect((await turns.auditOf(kept.caseId)).at(-1)).toMatchObject({ action: 'team.handOver', outcome: 'ok' });

    const left = await caseWithTeam(turns);
    const answer = await click(METTE, left.home, 'team.handOver', { caseId: left.caseId, toMemberId: await memberId(left.caseId, JONAS), previousCoordinatorRole: 'leaveTeam' });
    expect(textsOf(cardOf(answer))).toEqual([da.cards.done.coordinatorHandedOver, '']);
    expect(memberByAadObjectId(await turns.storedCase(left.caseId), METTE.aadObjectId)).toBeUndefined();
  });
});

describe('refused because of who asks', () => {
  const memberIdOfAli = async ({ caseId }: SceneCase) => ({ memberId: await memberId(caseId, ALI) });
  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'team.addTeamsUser', who: JONAS, code: 'notCoordinator', data: () => ({ teamsUser: LISE.aadObjectId, teamsRole: 'school' }) },
    { verb: 'team.addExternal', who: LISE, code: 'notTeamMember', data: () => EXTERNAL },
    { verb: 'team.edit', who: JONAS, code: 'notCoordinator', audited: 'memberEdit.read', data: memberIdOfAli },
    { verb: 'team.change', who: JONAS, code: 'notCoordinator', data: async (theCase) => ({ ...(await memberIdOfAli(theCase)), role: 'school' }) },
    { verb: 'team.remove', who: JONAS, code: 'notCoordinator', data: memberIdOfAli },
    { verb: 'team.handOver', who: JONAS, code: 'notCoordinator', data: async ({ caseId }) => ({ toMemberId: await memberId(caseId, ALI), previousCoordinatorRole: 'leaveTeam' }) },
  ]);
});

describe('team', () => {
  it('answers a base card in the case\'s conversation and the team card in a 1:1 chat', async () => {
    const { caseId, reference, home } = await caseWithTeam(turns);
    const base = onlyCard(await say(LISE, home, 'team'));
    expectBaseCard(base, caseId, 'team', da.cards.team.title(reference));
    expect(JSON.stringify(base)).not.toContain(JONAS.name);

    await pickInPersonalChat(turns, JONAS, caseId);
    const card = onlyCard(await say(JONAS, personalChat(JONAS), 'team'));
    expect(textsOf(card)).toContain(da.cards.team.title(reference));
    expect(roleBeside(teamList(card), ALI.name)).toBe(da.roles.housingSupport);
  });
});
