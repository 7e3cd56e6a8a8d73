// `GET /network-map/<token>`: the network map's picture behind the `netværk` card's link, once, for the
// team member whose link it is and as they may read the case when it is opened; the coordinator's
// opening records the map as used; an export link is not a picture link.
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportLinks } from '../../bot/app/exportLinks';
import { recordCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember } from '../../bot/app/manageTeam';
import { changeNetworkMap } from '../../bot/app/networkMap';
import { openCase } from '../../bot/app/openCase';
import { networkMapOf } from '../../bot/domain/networkMap';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { registerNetworkPictureRoute } from '../../bot/teams/networkPictureRoute';
import { COORDINATOR, JONAS, STRANGER, YOUNG_PERSON, appDeps } from '../app/appFixture';

const servers: restify.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Mette's case with Jonas (consent) and Lars (none) on the team, and two people on the map. */
async function setUp() {
  const deps = appDeps();
  const created = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  await addTeamMember(deps, COORDINATOR, created.id, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name } });
  const team = await addTeamMember(deps, COORDINATOR, created.id, { role: 'school', person: { kind: 'teams', aadObjectId: 'aad-lars', name: 'Lars Berg' } });
  const covered = team.members.filter((member) => member.role !== 'school').map((member) => member.id);
  await recordCaseConsent(deps, COORDINATOR, created.id, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: covered });
  await changeNetworkMap(deps, COORDINATOR, created.id, { kind: 'add', person: { field: 'family', closeness: 1, name: 'Mormor Åse' } });
  await changeNetworkMap(deps, COORDINATOR, created.id, { kind: 'add', person: { field: 'leisure', closeness: 2, name: 'Ali' } });
  const server = restify.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const links = new ExportLinks(deps.store, deps.now, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  registerNetworkPictureRoute(server, links, deps, createLogger('silent'));
  const audit = async () => (await deps.store.listAudit(COORDINATOR.tenantId, created.id)).map((record) => [record.actorAadObjectId, record.action, record.outcome]);
  const stored = async () => (await deps.store.getCase(COORDINATOR.tenantId, created.id))!.case;
  return { caseId: created.id, links, audit, stored };
}

describe('GET /network-map/<token>', () => {
  it('gives a team member with consent the PNG once, audited as read; the map is not recorded as used by them', async () => {
    const { caseId, links, audit, stored } = await setUp();
    const url = await links.createNetworkPicture(JONAS, caseId);
    expect(url).toMatch(/\/network-map\/[A-Za-z0-9_-]{43}$/);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await first.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await audit()).at(-1)).toEqual([JONAS.aadObjectId, 'networkPicture.read', 'ok']);
    expect(networkMapOf(await stored()).lastShownAt).toBeUndefined();
    const again = await fetch(url);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: 'linkExpired', message: da.cards.network.pictureExpired });
  });

  it("records the coordinator's opening as the map being used", async () => {
    const { caseId, links, audit, stored } = await setUp();
    expect((await fetch(await links.createNetworkPicture(COORDINATOR, caseId))).status).toBe(200);
    expect(networkMapOf(await stored()).lastShownAt).toBeDefined();
    expect((await audit()).slice(-2)).toEqual([
      [COORDINATOR.aadObjectId, 'networkPicture.read', 'ok'],
      [COORDINATOR.aadObjectId, 'network.shown', 'ok'],
    ]);
  });

  it('refuses a team member without consent and someone not on the team, audited as denied; an export link is not taken for one', async () => {
    const { caseId, links, audit } = await setUp();
    for (const [who, code] of [[{ ...COORDINATOR, aadObjectId: 'aad-lars' }, 'noValidConsent'], [STRANGER, 'notTeamMember']] as const) {
      const answer = await fetch(await links.createNetworkPicture(who, caseId));
      expect(answer.status).toBe(403);
      expect(await answer.json()).toEqual({ error: code, message: da.errors[code]({}) });
      expect((await audit()).at(-1)).toEqual([who.aadObjectId, 'networkPicture.read', 'denied']);
    }
    const exportUrl = await links.create(COORDINATOR, caseId);
    expect((await fetch(exportUrl.replace('/export/', '/network-map/'))).status).toBe(404);
  });
});
