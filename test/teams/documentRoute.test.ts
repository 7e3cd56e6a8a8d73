// `GET /documents/<token>`: a closed meeting's PDF documents behind the `dokumenter` card's links, once
// each, for the coordinator whose link it is; read and audited when opened; another kind of link is no
// document link, and a member who is no coordinator gets nothing.
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportLinks } from '../../bot/app/exportLinks';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { registerDocumentRoute } from '../../bot/teams/documentRoute';
import { appDeps } from '../app/appFixture';
import { COORDINATOR, TENANT } from '../domain/fixtures';
import { withApprovedMinutes } from '../support/sampleCards';

const servers: restify.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const METTE = { tenantId: TENANT, aadObjectId: COORDINATOR.aadObjectId };
const JONAS = { tenantId: TENANT, aadObjectId: 'aad-jonas' };

async function setUp() {
  const deps = appDeps();
  const stored = await deps.store.createCase(withApprovedMinutes(), { audit: [] });
  const server = restify.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const links = new ExportLinks(deps.store, deps.now, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  registerDocumentRoute(server, links, deps, createLogger('silent'));
  const audit = async () => (await deps.store.listAudit(TENANT, stored.case.id)).map((record) => [record.actorAadObjectId, record.action, record.outcome]);
  return { caseId: stored.case.id, links, audit };
}

describe('GET /documents/<token>', () => {
  it('gives the coordinator each document once as a PDF download, audited as read', async () => {
    const { caseId, links, audit } = await setUp();
    for (const [document, file] of [['caseFile', 'referat'], ['youngPersonCopy', 'den-unges-kopi']] as const) {
      const url = await links.createDocument(METTE, { caseId, meetingId: 'meeting-1', document });
      expect(url).toMatch(/\/documents\/[A-Za-z0-9_-]{43}$/);
      const first = await fetch(url);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('application/pdf');
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(first.headers.get('content-disposition')).toBe(`attachment; filename="S-ABCDE-moede-1-${file}.pdf"`);
      expect(Buffer.from(await first.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await audit()).at(-1)).toEqual([METTE.aadObjectId, 'documents.read', 'ok']);
      const again = await fetch(url);
      expect(again.status).toBe(404);
      expect(await again.json()).toEqual({ error: 'linkExpired', message: da.documents.expired });
    }
  });

  it('refuses a team member who is not the coordinator, audited as denied, and a meeting not closed', async () => {
    const { caseId, links, audit } = await setUp();
    const refused = await fetch(await links.createDocument(JONAS, { caseId, meetingId: 'meeting-1', document: 'caseFile' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'notCoordinator', message: da.errors.notCoordinator({}) });
    expect((await audit()).at(-1)).toEqual([JONAS.aadObjectId, 'documents.read', 'denied']);
    const planned = await fetch(await links.createDocument(METTE, { caseId, meetingId: 'meeting-3', document: 'caseFile' }));
    expect(planned.status).toBe(404);
    expect((await planned.json()).error).toBe('noClosedMeeting');
  });

  it('takes no other kind of link for a document', async () => {
    const { caseId, links } = await setUp();
    const exportUrl = await links.create(METTE, caseId);
    expect((await fetch(exportUrl.replace('/export/', '/documents/'))).status).toBe(404);
    const pictureUrl = await links.createNetworkPicture(METTE, caseId);
    expect((await fetch(pictureUrl.replace('/network-map/', '/documents/'))).status).toBe(404);
  });
});
