// The tab's API over HTTP against the bot's real server: who sees which case, what a member without
// consent is told, what another tenant gets, and that every refusal is JSON in the user's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabView } from '../../bot/tab/tabView';
import { addTeamMember } from '../../bot/app/manageTeam';
import { changeNetworkMap } from '../../bot/app/networkMap';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { APP_ID_URI } from './entraStub';
import { EMIL, IDA, JONAS, LISE, METTE, METTE_ELSEWHERE, NOW, SOFIE, TENANT, type TabScene, buildScene } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';

let tab: TabServer;
let scene: TabScene;

beforeAll(async () => {
  tab = await startTabServer();
  scene = await buildScene(tab);
});
afterAll(() => tab.close());

async function casesAs(token: string, query = '') {
  const answer = await tab.get(`/api/tab/cases${query}`, { Authorization: `Bearer ${token}` });
  return { ...answer, json: JSON.parse(answer.body) as TabView & { error?: string; message?: string } };
}

const tabReads = async (caseId: string) => (await tab.store.listAudit(TENANT, caseId)).filter((record) => record.action === 'tab.read' || record.action === 'agreements.read');

describe('GET /api/tab/cases', () => {
  it("gives the coordinator their cases at a glance, and not another coordinator's", async () => {
    const { status, headers, json, body } = await casesAs(await tab.tokenFor(METTE));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(json.coordinatorCases.map((item) => item.reference)).toEqual([scene.emil.reference, scene.sofie.reference].sort());
    const emil = json.coordinatorCases.find((item) => item.caseId === scene.emil.caseId);
    expect(emil).toEqual({
      caseId: scene.emil.caseId,
      reference: scene.emil.reference,
      youngPersonName: EMIL.name,
      nextMeeting: { startsAt: '2026-12-03T09:00:00.000Z', open: false },
      agreements: { open: 2, overdue: 1 },
      consent: { valid: true, expiresOn: '2026-12-10', expiringSoon: true },
      meetingsLastYear: { held: 0, target: 3 },
    });
    expect(json.coordinatorCases.find((item) => item.caseId === scene.sofie.caseId)?.consent).toEqual({ valid: false, expiringSoon: false });
    // The radar: what in the coordinator's cases needs attention, in their words, most urgent first.
    const radar = da.cards.radar.items;
    expect(json.radar.find((item) => item.caseId === scene.emil.caseId)?.lines).toEqual(
      expect.arrayContaining([radar.agreementsOverdue(1), radar.consentExpiring(da.dates.long('2026-12-10'))]),
    );
    expect(json.radar.map((item) => item.lines[0])).toEqual(expect.arrayContaining([radar.agreementsOverdue(1)]));
    expect(json.radar[0]?.caseId).toBe(scene.emil.caseId);
    expect(json.memberCases).toEqual([]);
    expect(json.agreements.map((item) => item.action)).toEqual(['Mette søger om bostøtte']);
    expect(body).not.toContain(IDA.name);
    expect(body).not.toContain(scene.ida.caseId);
    // Every case read is audited for the reader; Ida's case was not read at all.
    expect(await tabReads(scene.emil.caseId)).toContainEqual(expect.objectContaining({ action: 'tab.read', outcome: 'ok', actorAadObjectId: METTE.aadObjectId }));
    expect(await tabReads(scene.ida.caseId)).toEqual([]);
  });

  it('gives a member the cases they are on and their agreements; without consent, nothing about the young person', async () => {
    const { status, json, body } = await casesAs(await tab.tokenFor(JONAS));
    expect(status).toBe(200);
    expect(json.coordinatorCases).toEqual([]);
    expect(json.radar).toEqual([]);
    expect(json.memberCases).toEqual([
      { caseId: scene.emil.caseId, reference: scene.emil.reference, role: 'youthGuidance', coordinatorName: METTE.name, youngPersonName: EMIL.name, nextMeeting: { startsAt: '2026-12-03T09:00:00.000Z', open: false } },
    ]);
    expect(json.withheldCases).toEqual([{ caseId: scene.sofie.caseId, reference: scene.sofie.reference, coordinatorName: METTE.name, reason: 'none' }]);
    expect(json.agreements).toEqual([{ caseId: scene.emil.caseId, reference: scene.emil.reference, action: 'Jonas ringer til produktionsskolen', followUpOn: '2026-10-20', overdue: true }]);
    expect(json.withheldAgreements).toEqual([{ reference: scene.sofie.reference, openCount: 1, reason: 'none' }]);
    for (const personal of [SOFIE.name, 'Sofie', SOFIE.birthDate, SOFIE.phone, SOFIE.email, 'boligforeningen', IDA.name]) expect(body).not.toContain(personal);
    // The refusal is audited as such, the allowed reads as reads.
    expect(await tabReads(scene.sofie.caseId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'tab.read', outcome: 'denied', actorAadObjectId: JONAS.aadObjectId }),
        expect.objectContaining({ action: 'agreements.read', outcome: 'denied', actorAadObjectId: JONAS.aadObjectId }),
      ]),
    );
    expect(await tabReads(scene.emil.caseId)).toContainEqual(expect.objectContaining({ action: 'tab.read', outcome: 'ok', actorAadObjectId: JONAS.aadObjectId }));
  });

  it('gives a coordinator of another case only their own', async () => {
    const { json, body } = await casesAs(await tab.tokenFor(LISE));
    expect(json.coordinatorCases.map((item) => item.youngPersonName)).toEqual([IDA.name]);
    expect(body).not.toContain(EMIL.name);
  });

  it('gives the same person id in another tenant nothing of this tenant', async () => {
    const before = (await tab.store.listAudit(TENANT, scene.emil.caseId)).length;
    const { status, json, body } = await casesAs(await tab.tokenFor(METTE_ELSEWHERE));
    expect(status).toBe(200);
    expect(json).toEqual({ coordinatorCases: [], radar: [], memberCases: [], withheldCases: [], agreements: [], withheldAgreements: [], leader: false });
    expect(body).not.toContain(EMIL.name);
    expect((await tab.store.listAudit(TENANT, scene.emil.caseId)).length).toBe(before);
  });

  it('refuses a missing, forged, expired or wrong-audience token with JSON in the user language, and reads no case', async () => {
    const before = (await tab.store.listAudit(TENANT, scene.emil.caseId)).length;
    const at = NOW.getTime();
    const claims = { tenantId: TENANT, oid: METTE.aadObjectId, issuedAt: new Date(at - 60_000), expiresAt: new Date(at + 3_600_000) };
    const missing = await tab.get('/api/tab/cases');
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toEqual({ error: 'missingToken', message: da.tab.refusals.missingToken });
    const cases: Array<[string, string, number]> = [
      [await tab.entra.sign({ ...claims, forged: true }), 'invalidToken', 401],
      [await tab.entra.sign({ ...claims, issuedAt: new Date(at - 7_200_000), expiresAt: new Date(at - 3_600_000) }), 'expiredToken', 401],
      [await tab.entra.sign({ ...claims, audience: `${APP_ID_URI}-other` }), 'invalidToken', 401],
    ];
    for (const [token, error, status] of cases) {
      const english = await casesAs(token, '?locale=en-GB');
      expect(english.status).toBe(status);
      expect(english.json).toEqual({ error, message: en.tab.refusals[error as keyof typeof en.tab.refusals] });
      const danish = await tab.get('/api/tab/cases', { Authorization: `Bearer ${token}`, 'Accept-Language': 'da-DK' });
      expect(JSON.parse(danish.body)).toEqual({ error, message: da.tab.refusals[error as keyof typeof da.tab.refusals] });
    }
    expect((await tab.store.listAudit(TENANT, scene.emil.caseId)).length).toBe(before);
  });

  it('logs no names, no references to the young person and no tokens', async () => {
    const token = await tab.tokenFor(JONAS);
    await casesAs(token);
    const logs = tab.logs();
    expect(logs).toContain('tab.read');
    for (const secret of [EMIL.name, SOFIE.name, IDA.name, METTE.name, JONAS.name, token, 'produktionsskolen']) expect(logs).not.toContain(secret);
  });
});

describe('GET /api/tab/cases/:caseId', () => {
  const details = async (actor: typeof METTE, caseId: string, query = '') => {
    const answer = await tab.get(`/api/tab/cases/${caseId}${query}`, { Authorization: `Bearer ${await tab.tokenFor(actor)}` });
    return { ...answer, json: JSON.parse(answer.body) as Record<string, unknown> };
  };

  it("gives a reader the case's team, goals with agreements and their history, and meetings", async () => {
    const { status, json } = await details(JONAS, scene.emil.caseId);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      caseId: scene.emil.caseId,
      reference: scene.emil.reference,
      youngPersonName: EMIL.name,
      team: expect.arrayContaining([{ role: da.roles.coordinator, name: METTE.name }, { role: da.roles.youthGuidance, name: JONAS.name }]),
      goals: [
        {
          theme: da.cards.goals.themes.education,
          longTermGoal: 'Emil starter på en uddannelse',
          agreements: [
            { action: 'Jonas ringer til produktionsskolen', owner: JONAS.name, followUpOn: '2026-10-20', method: 'telefon', done: false, overdue: true, history: [{ at: '2026-10-01T09:00:00.000Z', kind: 'created' }] },
            { action: 'Mette søger om bostøtte', owner: METTE.name, followUpOn: '2026-12-01', method: 'e-mail', done: false, overdue: false },
          ],
        },
      ],
      meetings: [
        {
          state: da.cards.meeting.states.planned,
          startsAt: '2026-12-03T09:00:00.000Z',
          checklist: [
            { section: da.checklist.sections.roles, answers: [{ question: da.checklist.questions.roleLeader, answer: METTE.name }] },
            { section: da.checklist.sections.preparation, answers: [{ question: da.checklist.questions.prepHandoverSent, answer: da.checklist.answers.yes }] },
          ],
        },
      ],
    });
    expect(JSON.stringify(json)).not.toContain('aad-');
    expect(await tabReads(scene.emil.caseId)).toContainEqual(expect.objectContaining({ action: 'tab.read', outcome: 'ok', actorAadObjectId: JONAS.aadObjectId }));
  });

  it('refuses a member without consent, someone not on the team and another tenant, saying why, and audits the refusals', async () => {
    const withoutConsent = await details(JONAS, scene.sofie.caseId, '?locale=en');
    expect(withoutConsent.status).toBe(403);
    expect(withoutConsent.json).toEqual({ error: 'noValidConsent', message: en.errors.noValidConsent({}) });
    expect(withoutConsent.body).not.toContain('Sofie');
    const stranger = await details(LISE, scene.emil.caseId);
    expect(stranger.status).toBe(403);
    expect(stranger.json).toEqual({ error: 'notTeamMember', message: da.errors.notTeamMember({}) });
    const elsewhere = await details(METTE_ELSEWHERE, scene.emil.caseId);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json).toMatchObject({ error: 'caseNotFound' });
    const audit = await tab.store.listAudit(TENANT, scene.emil.caseId);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'tab.read', outcome: 'denied', actorAadObjectId: LISE.aadObjectId }));
    const unauthenticated = await tab.get(`/api/tab/cases/${scene.emil.caseId}`);
    expect(unauthenticated.status).toBe(401);
  });

  it("gives a reader with consent the network overview's 20 rows, with the team's contact details in full and the map's people", async () => {
    const { caseId } = scene.emil;
    const supportOffer = `Kører Emil til skole. ${'Og meget mere. '.repeat(25)}`.trim();
    await addTeamMember(tab.deps, METTE, caseId, { role: 'vip', person: { kind: 'external', name: 'Karen Holm', phone: '+45 22 33 44 55', email: 'karen@example.dk' }, supportOffer });
    await changeNetworkMap(tab.deps, METTE, caseId, { kind: 'add', person: { field: 'relatives', closeness: 2, name: 'Farmor', relation: 'farmor' } });
    const { status, json } = await details(JONAS, caseId);
    expect(status).toBe(200);
    const rows = json.networkOverview as Array<{ row: string; persons: Array<{ name: string; contact: string; supportOffer: string }> }>;
    expect(rows).toHaveLength(20);
    expect(rows.map((line) => line.row).slice(0, 3)).toEqual([da.roles.coordinator, da.cards.networkOverview.rows.vip, da.roles.caseworkerChildren]);
    expect(rows[1]!.persons).toEqual([
      { name: 'Karen Holm (ekstern)', contact: 'Direkte +45 22 33 44 55 · karen@example.dk', supportOffer: da.cards.networkOverview.supportOffer(supportOffer) },
      { name: 'Farmor · farmor', contact: da.cards.networkOverview.onlyOnMap, supportOffer: '' },
    ]);
    expect(rows.find((line) => line.row === da.roles.youthGuidance)?.persons).toEqual([{ name: JONAS.name, contact: da.cards.networkOverview.viaTeams, supportOffer: '' }]);
    expect(rows[2]!.persons).toEqual([]);
  });
});

describe('GET /api/tab/cases/:caseId/network-map', () => {
  it('draws the map for a reader with consent, audited; refuses someone not on the team with JSON', async () => {
    await changeNetworkMap(tab.deps, METTE, scene.emil.caseId, { kind: 'add', person: { field: 'family', closeness: 1, name: 'Mormor Åse' } });
    const picture = await tab.get(`/api/tab/cases/${scene.emil.caseId}/network-map`, { Authorization: `Bearer ${await tab.tokenFor(JONAS)}` });
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    const stranger = await tab.get(`/api/tab/cases/${scene.emil.caseId}/network-map`, { Authorization: `Bearer ${await tab.tokenFor(LISE)}` });
    expect(stranger.status).toBe(403);
    expect(JSON.parse(stranger.body)).toEqual({ error: 'notTeamMember', message: da.errors.notTeamMember({}) });
    const audit = await tab.store.listAudit(TENANT, scene.emil.caseId);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'networkPicture.read', outcome: 'ok', actorAadObjectId: JONAS.aadObjectId }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'networkPicture.read', outcome: 'denied', actorAadObjectId: LISE.aadObjectId }));
  });
});

describe('a tab for a single-tenant bot', () => {
  it("refuses another tenant's user with 403 and says why", async () => {
    const single = await startTabServer({ allowedTenantIds: [TENANT] });
    try {
      const answer = await single.get('/api/tab/cases?locale=en-US', { Authorization: `Bearer ${await single.tokenFor(METTE_ELSEWHERE)}` });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ error: 'tenantNotAllowed', message: en.tab.refusals.tenantNotAllowed });
      const own = await single.get('/api/tab/cases', { Authorization: `Bearer ${await single.tokenFor(METTE)}` });
      expect(own.status).toBe(200);
    } finally {
      await single.close();
    }
  });
});

describe('GET /tab', () => {
  it('serves the page with both languages as data, framed only by Teams, and teams-js from its package', async () => {
    const page = await tab.get('/tab');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    const texts = JSON.parse(/<script id="tab-texts" type="application\/json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? '{}');
    expect(texts.da.outsideTeams).toBe(da.tab.page.outsideTeams);
    expect(texts.en.outsideTeams).toBe(en.tab.page.outsideTeams);
    const teamsJs = await tab.get('/tab/teams-js.min.js');
    expect(teamsJs.status).toBe(200);
    expect(teamsJs.body).toContain('getAuthToken');
    expect((await tab.get('/tab/tab.js')).status).toBe(200);
    for (const name of ['..%2Fpackage.json', 'constructor', '__proto__', 'index.html']) {
      const unknown = await tab.get(`/tab/${name}`);
      expect(unknown.status, name).toBe(404);
      expect(JSON.parse(unknown.body)).toMatchObject({ error: 'notFound' });
    }
  });
});
