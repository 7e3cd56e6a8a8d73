// bot/teams/actions/network.ts through the in-process bot: the coordinator puts people on the network
// map (a team member linked, someone else typed), moves them, draws and removes lines and takes people
// off; `netværk` shows the map with a one-time link to its picture; everyone else is refused.
import { describe, expect, it } from 'vitest';
import { networkMapOf } from '../../../bot/domain/networkMap';
import { da } from '../../../bot/i18n/da';
import { JONAS, LARS, METTE, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { caseWithTeam, memberIdOf, pickInPersonalChat } from './caseScenes';

const EXPORT_BASE_URL = 'https://samarbejdsbot.example';
const turns = botPerFile({ exportBaseUrl: EXPORT_BASE_URL });
const { click, say } = turns;

const MORMOR = { field: 'family', closeness: '1', name: 'Mormor Åse', relation: 'mormor' };

/** The card's one link: the picture's. */
const pictureUrlOf = (card: unknown) => JSON.stringify(card).match(/"url":"([^"]+)"/)?.[1];

describe('network.add, network.move, network.link, network.unlink, network.remove', () => {
  it('fills in the map with the coordinator, each change shown on the card and kept with who and when', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const jonasId = memberIdOf(await turns.storedCase(caseId), JONAS);

    const added = cardOf(await click(METTE, home, 'network.add', { caseId, ...MORMOR }));
    expect(textsOf(added)).toEqual(expect.arrayContaining([da.cards.network.added, 'Mormor Åse', `${da.cards.network.closenessShort[1]} · mormor`]));
    // A team member is linked, not typed: the card sends the typed name too, and the member wins.
    cardOf(await click(METTE, home, 'network.add', { caseId, memberId: jonasId, name: '', field: 'professionals', closeness: '2' }));
    const linked = cardOf(await click(METTE, home, 'network.link', { caseId, fromPersonId: 'p1', toPersonId: 'p2' }));
    expect(textsOf(linked)).toEqual(expect.arrayContaining([da.cards.network.linked, JONAS.name, da.cards.network.links(1)]));
    cardOf(await click(METTE, home, 'network.move', { caseId, personId: 'p1', moveField: 'relatives', moveCloseness: '3' }));

    const map = networkMapOf(await turns.storedCase(caseId));
    expect(map.persons).toEqual([
      { id: 'p1', field: 'relatives', closeness: 3, name: 'Mormor Åse', relation: 'mormor' },
      { id: 'p2', field: 'professionals', closeness: 2, memberId: jonasId },
    ]);
    expect(map.links).toEqual([{ between: ['p1', 'p2'] }]);
    expect(map.history.map((event) => [event.kind, event.byAadObjectId])).toEqual([
      ['personAdded', METTE.aadObjectId],
      ['personAdded', METTE.aadObjectId],
      ['linked', METTE.aadObjectId],
      ['personMoved', METTE.aadObjectId],
    ]);
    expect((await turns.auditOf(caseId)).slice(-4).map((record) => [record.action, record.outcome])).toEqual([
      ['network.add', 'ok'],
      ['network.add', 'ok'],
      ['network.link', 'ok'],
      ['network.move', 'ok'],
    ]);

    cardOf(await click(METTE, home, 'network.unlink', { caseId, fromPersonId: 'p2', toPersonId: 'p1' }));
    const removed = cardOf(await click(METTE, home, 'network.remove', { caseId, personId: 'p2' }));
    expect(textsOf(removed)).toContain(da.cards.network.removed);
    expect(networkMapOf(await turns.storedCase(caseId))).toMatchObject({ persons: [{ id: 'p1' }], links: [] });
  });

  it('refuses a CPR number, a missing place and a person not on the map, with a message and nothing written', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const before = turns.bot().rowCounts();
    const stored = await turns.bot().store.getCase('tenant-a', caseId);
    expect(await click(METTE, home, 'network.add', { caseId, ...MORMOR, name: 'Mormor 010203-1234' })).toEqual({ message: da.errors.cprNotAllowed({ field: 'mapName' }) });
    expect(await click(METTE, home, 'network.add', { caseId, name: 'Ali', closeness: '1' })).toEqual({ message: da.errors.fieldRequired({ field: 'mapField' }) });
    expect(await click(METTE, home, 'network.move', { caseId, personId: 'p9', moveField: 'family', moveCloseness: '1' })).toEqual({ message: da.errors.mapPersonNotFound({}) });
    expect(await click(METTE, home, 'network.remove', { caseId })).toEqual({ message: da.errors.fieldRequired({ field: 'mapPerson' }) });
    expect(turns.bot().rowCounts()).toEqual(before);
    expect((await turns.bot().store.getCase('tenant-a', caseId))?.etag).toBe(stored?.etag);
  });

  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'network.add', who: JONAS, code: 'notCoordinator', data: () => MORMOR },
    { verb: 'network.move', who: JONAS, code: 'notCoordinator', data: () => ({ personId: 'p1', moveField: 'family', moveCloseness: '1' }) },
    { verb: 'network.remove', who: JONAS, code: 'notCoordinator', data: () => ({ personId: 'p1' }) },
    { verb: 'network.link', who: JONAS, code: 'notCoordinator', data: () => ({ fromPersonId: 'p1', toPersonId: 'p2' }) },
    { verb: 'network.unlink', who: LARS, code: 'notCoordinator', data: () => ({ fromPersonId: 'p1', toPersonId: 'p2' }) },
  ]);
});

describe('netværk', () => {
  it("shows a team member with consent the map and a link to its picture, without the coordinator's forms", async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'network.add', { caseId, ...MORMOR }));
    await pickInPersonalChat(turns, JONAS, caseId);
    const card = onlyCard(await say(JONAS, personalChat(JONAS), 'netværk'));
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Mormor Åse', da.cards.network.coordinatorFills]));
    expect(textsOf(card)).toEqual(expect.arrayContaining([...da.cards.network.questions]));
    expect(pictureUrlOf(card)?.startsWith(`${EXPORT_BASE_URL}/network-map/`)).toBe(true);
    // No form of the coordinator's: only the way to the network overview.
    expect(actionsOf(card).map((action) => [action.verb, action.data.view])).toEqual([['case.show', 'networkOverview']]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'network.read', outcome: 'ok' });
  });

  it('gives the coordinator the forms, and no picture link while nobody is on the map', async () => {
    const { caseId } = await caseWithTeam(turns);
    await pickInPersonalChat(turns, METTE, caseId);
    const card = onlyCard(await say(METTE, personalChat(METTE), 'network'));
    expect(textsOf(card)).toContain(da.cards.network.empty);
    expect(pictureUrlOf(card)).toBeUndefined();
    expect(actionsOf(card).map((action) => action.verb)).toEqual(['case.show', 'network.add']);
  });

  it('refuses a team member without consent, audited as denied', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    await turns.expectDenied(caseId, LARS, 'noValidConsent', 'network.read', () => click(LARS, home, 'case.show', { caseId, view: 'network' }), home.kind);
  });
});
