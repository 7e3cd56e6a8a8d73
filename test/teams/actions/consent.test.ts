// bot/teams/actions/consent.ts through the in-process bot: the coordinator records and withdraws the
// young person's consent, which decides who else may read the case; the `samtykke` command.
import { describe, expect, it } from 'vitest';
import { da } from '../../../bot/i18n/da';
import { writeCommandIn } from '../../../bot/teams/replies';
import { JONAS, LARS, LISE, METTE, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { CONSENT_PERIOD, type SceneCase, addToTeam, caseWithTeam, createCase, expectBaseCard, memberIdOf, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

/** A case with Jonas and Lars on the team and no consent yet. */
async function caseWithoutConsent(): Promise<SceneCase> {
  const theCase = await createCase(turns);
  await addToTeam(turns, theCase, [
    [JONAS, 'youthGuidance'],
    [LARS, 'school'],
  ]);
  return theCase;
}

/** What the consent card says under "Gældende samtykke". */
const currentConsentOn = (card: unknown) => {
  const texts = textsOf(card);
  return texts[texts.indexOf(da.cards.consent.current) + 1];
};

describe('consent.record', () => {
  it('records the consent for the parties chosen, who may then read the case', async () => {
    const { caseId, home } = await caseWithoutConsent();
    const current = await turns.storedCase(caseId);
    const partyMemberIds = [memberIdOf(current, METTE), memberIdOf(current, JONAS)].join(',');
    const card = cardOf(await click(METTE, home, 'consent.record', { caseId, givenByYoungPerson: 'true', ...CONSENT_PERIOD, partyMemberIds }));
    expect(textsOf(card)).toContain(da.cards.done.consentRecorded);
    expect(currentConsentOn(card)).toContain(da.cards.consent.period(da.dates.long(CONSENT_PERIOD.givenOn), da.dates.long(CONSENT_PERIOD.expiresOn)));
    expect(currentConsentOn(card)).toContain(JONAS.name);
    expect(currentConsentOn(card)).not.toContain(LARS.name);
    expect((await turns.storedCase(caseId)).consents).toEqual([expect.objectContaining({ givenByYoungPerson: true, ...CONSENT_PERIOD, partyMemberIds: partyMemberIds.split(',') })]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'consent.record', outcome: 'ok' });
    cardOf(await click(JONAS, home, 'case.show', { caseId, view: 'overview' }));
  });
});

describe('consent.withdraw', () => {
  it('withdraws the consent: the card says so, and the parties can no longer read the case', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'consent.withdraw', { caseId }));
    expect(textsOf(card)).toContain(da.cards.done.consentWithdrawn);
    expect(currentConsentOn(card)).toBe(da.cards.consent.none);
    expect((await turns.storedCase(caseId)).consents[0]).toMatchObject({ withdrawnByAadObjectId: METTE.aadObjectId });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'consent.withdraw', outcome: 'ok' });
    expect(await click(JONAS, home, 'case.show', { caseId, view: 'overview' })).toEqual({ message: da.errors.noValidConsent({}, writeCommandIn(home.kind)) });
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'consent.record', who: JONAS, code: 'notCoordinator', data: async ({ caseId }) => ({ givenByYoungPerson: 'true', ...CONSENT_PERIOD, partyMemberIds: memberIdOf(await turns.storedCase(caseId), JONAS) }) },
    { verb: 'consent.withdraw', who: JONAS, code: 'notCoordinator' },
  ]);
});

describe('samtykke', () => {
  it('answers a base card in the case\'s conversation, the consent card to the coordinator in a 1:1 chat, and a refusal to others', async () => {
    const { caseId, reference, home } = await caseWithTeam(turns);
    expectBaseCard(onlyCard(await say(LISE, home, 'samtykke')), caseId, 'consent', da.cards.consent.title(reference));

    await pickInPersonalChat(turns, METTE, caseId);
    const card = onlyCard(await say(METTE, personalChat(METTE), 'samtykke'));
    expect(currentConsentOn(card)).toContain(da.cards.consent.period(da.dates.long(CONSENT_PERIOD.givenOn), da.dates.long(CONSENT_PERIOD.expiresOn)));

    await pickInPersonalChat(turns, JONAS, caseId);
    await turns.expectDenied(caseId, JONAS, 'notCoordinator', 'consent.read', () => say(JONAS, personalChat(JONAS), 'samtykke'));
  });
});
