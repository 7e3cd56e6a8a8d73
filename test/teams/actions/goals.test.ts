// bot/teams/actions/goals.ts through the in-process bot: the goals and agreements form, read by the
// team members with consent and written by the coordinator (or the meeting's minute-taker); the `mål`
// command.
import { describe, expect, it } from 'vitest';
import { da } from '../../../bot/i18n/da';
import { ALI, JONAS, LARS, LISE, METTE, botPerFile, cardOf, itRefuses, onlyCard, personalChat, shows, textsOf } from './botTurns';
import { AGREEMENT, GOAL, type SceneCase, addGoal, caseWithTeam, expectBaseCard, memberIdOf, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;
const confirmations = da.cards.goals.confirmations;

async function caseWithGoal(): Promise<SceneCase & { goalId: string }> {
  const theCase = await caseWithTeam(turns);
  return { ...theCase, goalId: await addGoal(turns, theCase) };
}

const goalOf = async (caseId: string, goalId: string) => (await turns.storedCase(caseId)).goals.find((goal) => goal.id === goalId);

describe('goals.show', () => {
  it('shows a team member with consent the form with its goals', async () => {
    const { caseId, reference, home } = await caseWithGoal();
    const card = cardOf(await click(JONAS, home, 'goals.show', { caseId }));
    expect(textsOf(card)).toContain(da.cards.goals.title(reference));
    expect(shows(card, GOAL.longTermGoal)).toBe(true);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'goals.read', outcome: 'ok' });
  });
});

describe('goal.add', () => {
  it('writes the goal into the form and shows it', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'goal.add', { caseId, ...GOAL }));
    expect(textsOf(card)).toContain(confirmations.goalAdded);
    expect(shows(card, GOAL.longTermGoal)).toBe(true);
    const [goal] = (await turns.storedCase(caseId)).goals;
    expect(goal).toMatchObject({ theme: GOAL.theme, versions: [expect.objectContaining({ longTermGoal: GOAL.longTermGoal, subGoals: GOAL.subGoals })] });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'goal.add', outcome: 'ok' });
  });
});

describe('goal.edit', () => {
  it('shows a team member with consent the goal with its history', async () => {
    const { caseId, reference, home, goalId } = await caseWithGoal();
    const card = cardOf(await click(JONAS, home, 'goal.edit', { caseId, goalId }));
    expect(textsOf(card)).toEqual(expect.arrayContaining([da.cards.goals.editTitle(reference, da.cards.goals.themes.education), da.cards.goals.versions]));
    expect(shows(card, GOAL.longTermGoal)).toBe(true);
  });
});

describe('goal.revise', () => {
  it('adds a new wording and keeps the earlier one', async () => {
    const { caseId, home, goalId } = await caseWithGoal();
    const card = cardOf(await click(METTE, home, 'goal.revise', { caseId, goalId, longTermGoal: 'Jeg vil være snedker', subGoals: 'Praktik' }));
    expect(shows(card, 'Jeg vil være snedker')).toBe(true);
    expect(shows(card, GOAL.longTermGoal)).toBe(true);
    expect((await goalOf(caseId, goalId))?.versions.map((version) => version.longTermGoal)).toEqual([GOAL.longTermGoal, 'Jeg vil være snedker']);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'goal.revise', outcome: 'ok' });
  });
});

describe('goal.mark', () => {
  it('records whether the goal was reached, and why', async () => {
    const { caseId, home, goalId } = await caseWithGoal();
    const card = cardOf(await click(METTE, home, 'goal.mark', { caseId, goalId, reached: 'yes', reason: 'Optaget på EUD' }));
    expect(shows(card, 'Optaget på EUD')).toBe(true);
    expect((await goalOf(caseId, goalId))?.outcomes).toEqual([expect.objectContaining({ reached: true, reason: 'Optaget på EUD', byAadObjectId: METTE.aadObjectId })]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'goal.mark', outcome: 'ok' });
  });
});

describe('agreement.add', () => {
  it('writes the agreement under its goal, with its owner', async () => {
    const { caseId, home, goalId } = await caseWithGoal();
    const ownerMemberId = memberIdOf(await turns.storedCase(caseId), JONAS);
    const card = cardOf(await click(METTE, home, 'agreement.add', { caseId, goalId, ownerMemberId, ...AGREEMENT }));
    expect(textsOf(card)).toContain(confirmations.agreementAdded);
    expect(shows(card, AGREEMENT.action)).toBe(true);
    expect((await turns.storedCase(caseId)).agreements).toEqual([expect.objectContaining({ goalId, ownerMemberId, action: AGREEMENT.action, followUpOn: AGREEMENT.followUpOn, status: 'open' })]);
    expect(await turns.auditOf(caseId)).toContainEqual(expect.objectContaining({ action: 'agreement.add', outcome: 'ok' }));
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, caseWithGoal, [
    { verb: 'goals.show', who: LARS, code: 'noValidConsent', audited: 'goals.read' },
    { verb: 'goal.add', who: ALI, code: 'notWriter', data: () => GOAL },
    { verb: 'goal.edit', who: LISE, code: 'notTeamMember', audited: 'goals.read', data: ({ goalId }) => ({ goalId }) },
    { verb: 'goal.revise', who: ALI, code: 'notWriter', data: ({ goalId }) => ({ goalId, longTermGoal: 'Noget andet' }) },
    { verb: 'goal.mark', who: ALI, code: 'notWriter', data: ({ goalId }) => ({ goalId, reached: 'no', reason: 'Nej' }) },
    { verb: 'agreement.add', who: ALI, code: 'notWriter', data: async ({ caseId, goalId }) => ({ goalId, ownerMemberId: memberIdOf(await turns.storedCase(caseId), ALI), ...AGREEMENT }) },
  ]);
});

describe('mål', () => {
  it('answers a base card in the case\'s conversation and the form in a 1:1 chat', async () => {
    const { caseId, reference, home } = await caseWithGoal();
    const base = onlyCard(await say(LISE, home, 'mål'));
    expectBaseCard(base, caseId, 'goals', da.cards.goals.title(reference));
    expect(shows(base, GOAL.longTermGoal)).toBe(false);

    await pickInPersonalChat(turns, JONAS, caseId);
    expect(shows(onlyCard(await say(JONAS, personalChat(JONAS), 'mål')), GOAL.longTermGoal)).toBe(true);
  });
});
