// bot/teams/actions/case.ts through the in-process bot: creating a case in each kind of conversation,
// its views, the 1:1 picker, "the plan is slipping", and the commands `ny sag` and `sag`.
import { describe, expect, it } from 'vitest';
import { da } from '../../../bot/i18n/da';
import { inSharedConversation } from '../../../bot/i18n/commandHint';
import { CHANNEL, JONAS, LARS, LISE, METTE, TENANT_ID, actionsOf, botPerFile, cardOf, itRefuses, newGroupChat, onlyCard, personalChat, textsOf } from './botTurns';
import { YOUNG_PERSON, caseWithTeam, createCase, expectBaseCard } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

describe('case.create', () => {
  it('in a channel starts the case\'s thread with a base card and answers "case created, in its thread"', async () => {
    const created = await createCase(turns, CHANNEL);
    expect(textsOf(cardOf(created.answer))).toEqual(expect.arrayContaining([da.cards.caseCreated(created.reference), da.cards.caseCreatedInThread]));
    expect(created.home.conversationId).not.toBe(CHANNEL.conversationId);
    expect(created.posts.map((post) => post.conversationId)).toEqual([created.home.conversationId]);
    expectBaseCard(created.posts[0]?.card, created.caseId, 'overview', da.cards.threadBase.title(created.reference));
    const stored = await turns.storedCase(created.caseId);
    // The thread's first post is the base card: Teams names the thread after it (`…;messageid=<its id>`).
    const firstPostId = /;messageid=(.+)$/.exec(created.home.conversationId)?.[1];
    expect(firstPostId).toBeTruthy();
    expect(stored.home).toEqual({ kind: 'channelThread', conversationId: created.home.conversationId, baseCardId: firstPostId });
    // The confirmation links to the thread (a deep link to its first post; the channel's team gave no group id here).
    const link = `https://teams.microsoft.com/l/message/${encodeURIComponent('19:channel-unge@thread.tacv2')}/${firstPostId}?tenantId=${TENANT_ID}&parentMessageId=${firstPostId}`;
    expect(JSON.stringify(cardOf(created.answer))).toContain(JSON.stringify({ type: 'Action.OpenUrl', title: da.cards.threadBase.goToThread, url: link }));
    expect(stored.youngPerson.name).toBe(YOUNG_PERSON.name);
    expect(stored.members.find((member) => member.role === 'coordinator')?.person).toMatchObject({ aadObjectId: METTE.aadObjectId });
    expect(await turns.auditOf(created.caseId)).toContainEqual(expect.objectContaining({ actorAadObjectId: METTE.aadObjectId, action: 'case.create', outcome: 'ok' }));
  });

  it('in a group chat makes the chat the case\'s home and posts the base card there', async () => {
    const where = newGroupChat();
    const created = await createCase(turns, where);
    expect(textsOf(cardOf(created.answer))).toEqual(expect.arrayContaining([da.cards.caseCreated(created.reference), da.cards.caseCreatedHere(inSharedConversation)]));
    expect(created.posts.map((post) => post.conversationId)).toEqual([where.conversationId]);
    expectBaseCard(created.posts[0]?.card, created.caseId, 'overview', da.cards.threadBase.title(created.reference));
    // The base card posted there is remembered, so that it can be put right later.
    const home = (await turns.storedCase(created.caseId)).home;
    expect(home).toEqual({ kind: 'groupChat', conversationId: where.conversationId, baseCardId: expect.stringMatching(/^stub-\d+$/) });
    // The chat is where the confirmation is read: no link.
    expect(JSON.stringify(cardOf(created.answer))).not.toContain('Action.OpenUrl');
  });

  it('in a 1:1 chat posts nothing, gives the case no home, and picks it for the coordinator', async () => {
    const created = await createCase(turns, personalChat(METTE));
    expect(created.posts).toEqual([]);
    expect((await turns.storedCase(created.caseId)).home).toBeUndefined();
    expect((await turns.bot().store.getUserState(TENANT_ID, METTE.aadObjectId))?.selectedCaseId).toBe(created.caseId);
  });

  it('refuses a form without the young person\'s name, and a second case in a group chat that has one, writing nothing', async () => {
    const before = turns.bot().rowCounts();
    expect(await click(METTE, newGroupChat(), 'case.create', { ...YOUNG_PERSON, name: '' })).toEqual({ message: da.errors.fieldRequired({ field: 'name' }) });
    expect(turns.bot().rowCounts()).toEqual(before);

    const { home } = await createCase(turns);
    const afterFirst = turns.bot().rowCounts();
    expect(await click(METTE, home, 'case.create', YOUNG_PERSON)).toEqual({ message: da.errors.caseAlreadyHasHome({}) });
    expect(turns.bot().rowCounts()).toEqual(afterFirst);
  });
});

describe('case.show', () => {
  it('shows a team member with consent the view asked for, and audits the read', async () => {
    const { caseId, reference, home } = await caseWithTeam(turns);
    const texts = textsOf(cardOf(await click(JONAS, home, 'case.show', { caseId, view: 'overview' })));
    expect(texts).toEqual(expect.arrayContaining([da.cards.overview.title(reference), YOUNG_PERSON.name]));
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'overview.read', outcome: 'ok' });
  });
});

describe('case.select and case.pick (the 1:1 picker)', () => {
  it('picks the case for a team member and shows its overview', async () => {
    const { caseId, reference } = await caseWithTeam(turns);
    const texts = textsOf(cardOf(await click(JONAS, personalChat(JONAS), 'case.select', { caseId })));
    expect(texts).toContain(da.cards.overview.title(reference));
    expect((await turns.bot().store.getUserState(TENANT_ID, JONAS.aadObjectId))?.selectedCaseId).toBe(caseId);
    expect(await turns.auditOf(caseId)).toContainEqual(expect.objectContaining({ actorAadObjectId: JONAS.aadObjectId, action: 'overview.read', outcome: 'ok' }));
  });

  it('offers a person the open cases they are on the team of, and nobody else\'s', async () => {
    const cases = [await caseWithTeam(turns), await caseWithTeam(turns)];
    const offered = (card: unknown) => actionsOf(card).filter((action) => action.verb === 'case.select').map((action) => action.data.caseId);
    expect(offered(cardOf(await click(LARS, personalChat(LARS), 'case.pick', { page: 0 })))).toEqual(expect.arrayContaining(cases.map((theCase) => theCase.caseId)));
    const forLise = cardOf(await click(LISE, personalChat(LISE), 'case.pick', { page: 0 }));
    expect(textsOf(forLise)).toContain(da.cards.picker.title);
    expect(offered(forLise)).toEqual([]);
  });
});

describe('plan.slipping', () => {
  it('tells the coordinator through the outbox and answers the reporter', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const answer = await click(JONAS, home, 'plan.slipping', { caseId });
    expect(textsOf(cardOf(answer))).toEqual(expect.arrayContaining([da.cards.overview.planSlipping, da.cards.overview.planSlippingReported]));
    const told = (await turns.bot().store.listOutbox(TENANT_ID, caseId)).filter((message) => message.kind === 'planSlipping');
    expect(told.map((message) => message.to)).toContainEqual(expect.objectContaining({ kind: 'user', aadObjectId: METTE.aadObjectId }));
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'plan.slipping', outcome: 'ok' });
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'case.show', who: LISE, code: 'notTeamMember', audited: 'overview.read', data: () => ({ view: 'overview' }) },
    { verb: 'case.show', who: LARS, code: 'noValidConsent', audited: 'team.read', data: () => ({ view: 'team' }) },
    { verb: 'case.show', who: JONAS, code: 'notCoordinator', audited: 'consent.read', data: () => ({ view: 'consent' }) },
    { verb: 'case.select', who: LISE, code: 'notTeamMember' },
    { verb: 'plan.slipping', who: LARS, code: 'noValidConsent' },
  ]);
});

describe('ny sag', () => {
  it.each([
    ['a channel', CHANNEL],
    ['a group chat', newGroupChat()],
    ['a 1:1 chat', personalChat(METTE)],
  ])('answers the create-case card in %s', async (_where, where) => {
    const card = onlyCard(await say(METTE, where, 'ny sag'));
    expect(textsOf(card)).toContain(da.cards.createCase.title);
    expect(actionsOf(card).map((action) => action.verb)).toEqual(['case.create']);
  });
});

describe('sag', () => {
  it('in the case\'s group chat or channel thread answers a base card, for anyone there', async () => {
    for (const created of [await caseWithTeam(turns), await caseWithTeam(turns, CHANNEL)]) {
      expectBaseCard(onlyCard(await say(LISE, created.home, 'sag')), created.caseId, 'overview', da.cards.threadBase.title(created.reference));
    }
  });

  it('in a conversation without a case says so', async () => {
    expect(await say(METTE, newGroupChat(), 'sag')).toMatchObject([{ text: da.noCaseHere(inSharedConversation) }]);
  });

  it('in a 1:1 chat opens the case named by its reference, offers the picker among several, and tells a person without cases', async () => {
    const [first, second] = [await caseWithTeam(turns), await caseWithTeam(turns)];
    const named = onlyCard(await say(JONAS, personalChat(JONAS), `sag ${second!.reference}`));
    expect(textsOf(named)).toEqual(expect.arrayContaining([da.cards.overview.title(second!.reference), YOUNG_PERSON.name]));
    const offered = actionsOf(onlyCard(await say(JONAS, personalChat(JONAS), 'sag'))).map((action) => action.data.caseId);
    expect(offered).toEqual(expect.arrayContaining([first!.caseId, second!.caseId]));
    expect(await say(LISE, personalChat(LISE), 'sag')).toMatchObject([{ text: da.noCasesForYou }]);
  });
});
