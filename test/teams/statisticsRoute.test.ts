// `GET /statistics/<token>`: the CSV behind a leader's `statistik` link, once, for the leader whose link
// it is, as they may read it when the link is opened; an export link is not a statistics link.
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportLinks } from '../../bot/app/exportLinks';
import { changeOrganisation } from '../../bot/app/organisation';
import { administratorKey } from '../../bot/domain/access';
import { addLeader, addUnit, removeLeader } from '../../bot/domain/organisation';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { registerStatisticsRoute } from '../../bot/teams/statisticsRoute';
import { COORDINATOR, appDeps } from '../app/appFixture';

const ADMIN = { tenantId: COORDINATOR.tenantId, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a' };
const LENE = { tenantId: COORDINATOR.tenantId, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b' };
const ADMINS = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);

const servers: restify.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function setUp() {
  const deps = appDeps();
  await changeOrganisation(deps, ADMIN, ADMINS, 'unit.add', (current) => addUnit(current, 'unit-nord', 'Nord'));
  await changeOrganisation(deps, ADMIN, ADMINS, 'leader.add', (current) => addLeader(current, LENE.aadObjectId, 'Nord'));
  const server = restify.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const links = new ExportLinks(deps.store, deps.now, base);
  registerStatisticsRoute(server, links, deps, createLogger('silent'));
  return { deps, links };
}

describe('GET /statistics/<token>', () => {
  it("gives the leader the unit's CSV once", async () => {
    const { links } = await setUp();
    const url = await links.createStatistics(LENE, { unitId: 'unit-nord', periodId: '2026H1' });
    expect(url).toMatch(/\/statistics\/[A-Za-z0-9_-]{43}$/);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/csv');
    const csv = await first.text();
    expect(csv).toContain(`"${da.statistics.year.youngPeople}";"–"`);
    expect((await fetch(url)).status).toBe(404);
  });

  it('gives nothing to a leader who lost the role since, and an export link is not taken for one', async () => {
    const { deps, links } = await setUp();
    const url = await links.createStatistics(LENE, { unitId: 'unit-nord', periodId: '2026H1' });
    await changeOrganisation(deps, ADMIN, ADMINS, 'leader.remove', (current) => removeLeader(current, LENE.aadObjectId));
    const answer = await fetch(url);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: 'notLeader', message: da.errors.notLeader({}) });
    const exportUrl = await links.create(LENE, 'case-1');
    expect((await fetch(exportUrl.replace('/export/', '/statistics/'))).status).toBe(404);
  });
});
