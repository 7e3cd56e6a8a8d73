// bot/teams/actions/rights.ts through the in-process bot: the coordinator closes or erases the case
// after typing its reference, and gets the export link only in the 1:1 chat; the commands `eksport`,
// `luk sag` and `slet sag`.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS, erasedAfterRetention } from '../../../bot/app/rights';
import { localDate } from '../../../bot/domain/fields';
import { da } from '../../../bot/i18n/da';
import { CHANNEL, JONAS, METTE, NOW, TENANT_ID, actionsOf, botPerFile, cardOf, itRefuses, newGroupChat, onlyCard, personalChat, textsOf } from './botTurns';
import { type SceneCase, caseWithTeam, pickInPersonalChat } from './caseScenes';

const EXPORT_BASE_URL = 'https://samarbejdsbot.example';
const turns = botPerFile({ exportBaseUrl: EXPORT_BASE_URL });
const { click, say } = turns;

/** A case Mette and Jonas have each picked in their 1:1 chat. */
async function pickedCase(): Promise<SceneCase> {
  const theCase = await caseWithTeam(turns);
  for (const who of [METTE, JONAS]) await pickInPersonalChat(turns, who, theCase.caseId);
  return theCase;
}

describe('case.close', () => {
  it('closes the case once its reference is typed, and says when it will be erased', async () => {
    const { caseId, reference, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'case.close', { caseId, confirmation: reference.toLowerCase() }));
    const erasedOn = localDate(erasedAfterRetention(NOW.toISOString(), DEFAULT_RETENTION_DAYS));
    expect(textsOf(card)).toEqual(expect.arrayContaining([da.rights.closed(reference), da.rights.closedBody(da.dates.long(erasedOn))]));
    expect((await turns.storedCase(caseId)).closedAt).toBe(NOW.toISOString());
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'case.close', outcome: 'ok' });
  });

  it('refuses a wrong reference, writing nothing', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const before = turns.bot().rowCounts();
    expect(await click(METTE, home, 'case.close', { caseId, confirmation: 'S-WRONG' })).toEqual({ message: da.errors.confirmationMismatch({}) });
    expect(turns.bot().rowCounts()).toEqual(before);
    expect((await turns.storedCase(caseId)).closedAt).toBeUndefined();
  });
});

describe('case.erase', () => {
  it('erases the case once its reference is typed, leaving its audit and the tombstone', async () => {
    const { caseId, reference, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'case.erase', { caseId, confirmation: reference }));
    expect(textsOf(card)).toEqual(expect.arrayContaining([da.rights.erased(reference), da.rights.erasedBody]));
    expect(await turns.bot().store.getCase(TENANT_ID, caseId)).toBeUndefined();
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'case.erase', outcome: 'ok' });
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'case.close', who: JONAS, code: 'notCoordinator', data: ({ reference }) => ({ confirmation: reference }) },
    { verb: 'case.erase', who: JONAS, code: 'notCoordinator', data: ({ reference }) => ({ confirmation: reference }) },
  ]);
});

describe('eksport', () => {
  it('gives the coordinator a link to the export in the 1:1 chat, kept in the store for them', async () => {
    const { caseId, reference } = await pickedCase();
    const card = onlyCard(await say(METTE, personalChat(METTE), 'eksport'));
    expect(textsOf(card)).toContain(da.rights.exportTitle(reference));
    const { url } = (card as unknown as { actions: { url: string }[] }).actions[0]!;
    expect(url.startsWith(`${EXPORT_BASE_URL}/export/`)).toBe(true);
    const tokenHash = createHash('sha256').update(url.slice(url.lastIndexOf('/') + 1)).digest('hex');
    expect(await turns.bot().store.takeExportLink(tokenHash, NOW)).toMatchObject({ caseId, actorAadObjectId: METTE.aadObjectId });
  });

  it.each([
    ['a group chat', newGroupChat()],
    ['a channel', CHANNEL],
  ])('is refused in %s, and no link is made', async (_where, where) => {
    const before = turns.bot().rowCounts();
    expect(await say(METTE, where, 'eksport')).toMatchObject([{ text: da.rights.exportInPersonalChat }]);
    expect(turns.bot().rowCounts()).toEqual(before);
  });

  it('refuses a team member who is not the coordinator', async () => {
    const { caseId } = await pickedCase();
    await turns.expectDenied(caseId, JONAS, 'notCoordinator', 'case.export', () => say(JONAS, personalChat(JONAS), 'eksport'));
  });
});

describe('luk sag and slet sag', () => {
  it.each([
    ['luk sag', 'case.close', da.rights.closeTitle],
    ['slet sag', 'case.erase', da.rights.eraseTitle],
  ] as const)('%s gives the coordinator the confirmation card, in the case\'s conversation and in a 1:1 chat', async (command, verb, title) => {
    const { caseId, reference, home } = await pickedCase();
    for (const where of [home, personalChat(METTE)]) {
      const card = onlyCard(await say(METTE, where, command));
      expect(textsOf(card)).toContain(title(reference));
      expect(actionsOf(card)).toEqual([{ verb, data: { v: 1, caseId } }]);
    }
  });

  it.each([
    ['luk sag', 'case.close'],
    ['slet sag', 'case.erase'],
  ] as const)('%s is refused to a team member who is not the coordinator', async (command, audited) => {
    const { caseId, home } = await pickedCase();
    await turns.expectDenied(caseId, JONAS, 'notCoordinator', audited, () => say(JONAS, home, command));
  });
});
