// The network overview (`netværksoverblik`, case.show `networkOverview`) through the in-process bot: a
// team member with consent sees the form's rows with the team's contact details and the map's people;
// one without consent is refused and audited as denied; the coordinator gives someone typed on the map
// contact details by adding them to the team (`network.toTeam`), named as on the map.
import { describe, expect, it } from 'vitest';
import { networkMapOf } from '../../../bot/domain/networkMap';
import { da } from '../../../bot/i18n/da';
import { JONAS, LARS, METTE, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { caseWithTeam, memberIdOf, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;
const labels = da.cards.networkOverview;

const MORMOR = { field: 'family', closeness: '1', name: 'Mormor Åse', relation: 'mormor' };
const CONTACT = { role: 'vip', phone: '+45 11 22 33 44', email: 'aase@example.dk', postalAddress: 'Vestergade 3, 5000 Odense C', supportOffer: 'Aftensmad om torsdagen' };

/** The usual case, with Mormor typed on the map (p1) and Jonas on it from the team (p2). */
async function caseWithMap() {
  const scene = await caseWithTeam(turns);
  const jonasId = memberIdOf(await turns.storedCase(scene.caseId), JONAS);
  cardOf(await click(METTE, scene.home, 'network.add', { caseId: scene.caseId, ...MORMOR }));
  cardOf(await click(METTE, scene.home, 'network.add', { caseId: scene.caseId, memberId: jonasId, field: 'professionals', closeness: '2', relation: 'vejleder' }));
  return scene;
}

describe('netværksoverblik', () => {
  it("shows a team member with consent the form's rows, the team's people with their contact details and the map's with their relation", async () => {
    const { caseId } = await caseWithMap();
    await pickInPersonalChat(turns, JONAS, caseId);
    const card = onlyCard(await say(JONAS, personalChat(JONAS), 'netværksoverblik'));
    const texts = textsOf(card);
    const { reference } = await turns.storedCase(caseId);
    expect(texts).toEqual(expect.arrayContaining([labels.title(reference), labels.rows.vip, 'Mormor Åse · mormor', labels.onlyOnMap, `${JONAS.name} · vejleder`, labels.viaTeams]));
    // Rows in the form's order: the coordinator first, the VIP row second, the empty ones one line each.
    const rowTitles = texts.filter((text) => text === da.roles.coordinator || text === labels.rows.vip || text.startsWith(`${da.roles.caseworkerChildren}:`) || text === da.roles.youthGuidance);
    expect(rowTitles).toEqual([da.roles.coordinator, labels.rows.vip, `${da.roles.caseworkerChildren}: ${labels.emptyRow}`, da.roles.youthGuidance]);
    // The form the coordinator uses is not Jonas's; the way to the team and the map is.
    expect(actionsOf(card).map((action) => [action.verb, action.data.view])).toEqual([
      ['case.show', 'team'],
      ['case.show', 'network'],
    ]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'networkOverview.read', outcome: 'ok' });
  });

  it('refuses a team member without consent, audited as denied', async () => {
    const { caseId, home } = await caseWithMap();
    await turns.expectDenied(caseId, LARS, 'noValidConsent', 'networkOverview.read', () => click(LARS, home, 'case.show', { caseId, view: 'networkOverview' }), home.kind);
  });
});

describe('network.toTeam', () => {
  it('adds someone typed on the map to the team with contact details, named as on the map, and shows them in their row', async () => {
    const { caseId, home } = await caseWithMap();
    const coordinatorCard = cardOf(await click(METTE, home, 'case.show', { caseId, view: 'networkOverview' }));
    expect(actionsOf(coordinatorCard).map((action) => action.verb)).toContain('network.toTeam');

    const card = cardOf(await click(METTE, home, 'network.toTeam', { caseId, personId: 'p1', ...CONTACT }));
    expect(textsOf(card)).toEqual(
      expect.arrayContaining([labels.addedToTeam, 'Mormor Åse (ekstern) · mormor', 'Direkte +45 11 22 33 44 · aase@example.dk · Vestergade 3, 5000 Odense C', labels.supportOffer(CONTACT.supportOffer)]),
    );
    const stored = await turns.storedCase(caseId);
    const added = stored.members.at(-1)!;
    expect(added).toMatchObject({ role: 'vip', supportOffer: CONTACT.supportOffer, person: { kind: 'external', name: 'Mormor Åse', phone: CONTACT.phone, email: CONTACT.email } });
    expect(networkMapOf(stored).persons[0]).toEqual({ id: 'p1', field: 'family', closeness: 1, memberId: added.id, relation: 'mormor' });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'network.toTeam', outcome: 'ok' });
    // On the team now: the form offers nobody, so the card has none.
    expect(actionsOf(card).map((action) => action.verb)).not.toContain('network.toTeam');
  });

  it('refuses a CPR number, a wrong e-mail and someone on the team already, with a message and nothing written', async () => {
    const { caseId, home } = await caseWithMap();
    const before = turns.bot().rowCounts();
    const stored = await turns.bot().store.getCase('tenant-a', caseId);
    expect(await click(METTE, home, 'network.toTeam', { caseId, personId: 'p1', ...CONTACT, supportOffer: 'CPR 010203-1234' })).toEqual({ message: da.errors.cprNotAllowed({ field: 'supportOffer' }) });
    expect(await click(METTE, home, 'network.toTeam', { caseId, personId: 'p1', ...CONTACT, email: 'aase' })).toEqual({ message: da.errors.invalidEmail({ field: 'email' }) });
    expect(await click(METTE, home, 'network.toTeam', { caseId, personId: 'p2', ...CONTACT })).toEqual({ message: da.errors.mapPersonOnTeam({}) });
    expect(turns.bot().rowCounts()).toEqual(before);
    expect((await turns.bot().store.getCase('tenant-a', caseId))?.etag).toBe(stored?.etag);
  });

  itRefuses(turns, () => caseWithMap(), [{ verb: 'network.toTeam', who: JONAS, code: 'notCoordinator', data: () => ({ personId: 'p1', ...CONTACT }) }]);
});
