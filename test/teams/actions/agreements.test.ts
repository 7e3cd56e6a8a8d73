// bot/teams/actions/agreements.ts through the in-process bot: an agreement's owner marks it done, moves
// its follow-up or asks for help, from their list of agreements across cases; the `mine` command.
import { describe, expect, it } from 'vitest';
import { da } from '../../../bot/i18n/da';
import { followUpInputId } from '../../../cards/handOverCards';
import { ALI, CHANNEL, JONAS, METTE, TENANT_ID, actionsOf, botPerFile, cardOf, itRefuses, newGroupChat, onlyCard, personalChat, textsOf } from './botTurns';
import { type SceneCase, addAgreement, addGoal, caseWithTeam } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;
const confirmations = da.cards.goals.confirmations;

/** A case in which Jonas owns an agreement. */
async function agreementOfJonas(): Promise<SceneCase & { agreementId: string }> {
  const theCase = await caseWithTeam(turns);
  return { ...theCase, agreementId: await addAgreement(turns, theCase, await addGoal(turns, theCase), JONAS) };
}

/** The new follow-up date, in the agreement's own date input, as its card sends it. */
const newDateFor = (agreementId: string) => ({ dateInput: followUpInputId(agreementId), [followUpInputId(agreementId)]: '2026-12-15' });

const agreementOf = async (caseId: string, agreementId: string) => (await turns.storedCase(caseId)).agreements.find((agreement) => agreement.id === agreementId);
/** The agreements a list offers to mark done. */
const listed = (card: unknown) => actionsOf(card).filter((action) => action.verb === 'agreement.done').map((action) => action.data.agreementId);

describe('agreement.done', () => {
  it('marks the owner\'s agreement done and answers their list without it', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const card = cardOf(await click(JONAS, personalChat(JONAS), 'agreement.done', { caseId, agreementId }));
    expect(textsOf(card)).toEqual(expect.arrayContaining([da.cards.goals.mineTitle, confirmations.agreementDone]));
    expect(listed(card)).not.toContain(agreementId);
    expect(await agreementOf(caseId, agreementId)).toMatchObject({ status: 'done' });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'agreement.done', outcome: 'ok' });
  });
});

describe('agreement.move', () => {
  it('moves the follow-up to the date in the agreement\'s own input', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const card = cardOf(await click(JONAS, personalChat(JONAS), 'agreement.move', { caseId, agreementId, ...newDateFor(agreementId) }));
    expect(textsOf(card)).toContain(confirmations.agreementMoved('tirsdag 15. december 2026'));
    expect(listed(card)).toContain(agreementId);
    expect(await agreementOf(caseId, agreementId)).toMatchObject({ followUpOn: '2026-12-15', status: 'open' });
    expect(await turns.auditOf(caseId)).toContainEqual(expect.objectContaining({ actorAadObjectId: JONAS.aadObjectId, action: 'agreement.move', outcome: 'ok' }));
  });
});

describe('agreement.needsHelp', () => {
  it('tells the coordinator through the outbox that the owner needs help', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const card = cardOf(await click(JONAS, personalChat(JONAS), 'agreement.needsHelp', { caseId, agreementId }));
    expect(textsOf(card)).toContain(confirmations.helpAsked);
    const told = (await turns.bot().store.listOutbox(TENANT_ID, caseId)).filter((message) => message.kind === 'needsHelp');
    expect(told.map((message) => message.to)).toContainEqual(expect.objectContaining({ kind: 'user', aadObjectId: METTE.aadObjectId }));
    expect(await turns.auditOf(caseId)).toContainEqual(expect.objectContaining({ actorAadObjectId: JONAS.aadObjectId, action: 'agreement.needsHelp', outcome: 'ok' }));
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, agreementOfJonas, [
    { verb: 'agreement.done', who: ALI, code: 'notAgreementOwner', data: ({ agreementId }) => ({ agreementId }) },
    { verb: 'agreement.move', who: ALI, code: 'notAgreementOwner', data: ({ agreementId }) => ({ agreementId, ...newDateFor(agreementId) }) },
    { verb: 'agreement.needsHelp', who: ALI, code: 'notAgreementOwner', data: ({ agreementId }) => ({ agreementId }) },
  ]);
});

describe('mine', () => {
  it('lists the owner\'s open agreements in their 1:1 chat', async () => {
    const { agreementId } = await agreementOfJonas();
    const list = onlyCard(await say(JONAS, personalChat(JONAS), 'mine'));
    expect(textsOf(list)).toEqual(expect.arrayContaining([da.cards.goals.mineTitle, da.cards.goals.mineIntro]));
    expect(listed(list)).toContain(agreementId);
  });

  it.each([
    ['a group chat', newGroupChat()],
    ['a channel', CHANNEL],
  ])('is refused in %s, naming the 1:1 chat', async (_where, where) => {
    expect(await say(JONAS, where, 'mine')).toMatchObject([{ text: da.myTasksInPersonalChat }]);
  });
});
