// The leader's statistics through the tab's API (single sign-on token): JSON and CSV of a unit they
// lead, suppressed; a coordinator, a leader of another unit and another tenant get nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/app/context';
import { changeOrganisation } from '../../bot/app/organisation';
import { administratorKey } from '../../bot/domain/access';
import type { Case } from '../../bot/domain/case';
import { addLeader, addUnit } from '../../bot/domain/organisation';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { caseA, caseD, caseE } from '../domain/statistics/statusFixtures';
import { METTE, TENANT } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';

const ADMIN: Actor = { tenantId: TENANT, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a', name: 'Anna Admin' };
const LENE: Actor = { tenantId: TENANT, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b', name: 'Lene Leder' };
const LEO: Actor = { tenantId: TENANT, aadObjectId: '2c2c2c2c-0000-4000-8000-00000000000c', name: 'Leo Leder' };
const LENE_ELSEWHERE: Actor = { ...LENE, tenantId: 'tenant-b' };

let tab: TabServer;
let sydId: string;

const inUnit = (source: Case, id: string, unitId?: string): Case => ({ ...source, id, tenantId: TENANT, reference: `F-${id}`, ...(unitId ? { unitId } : {}) });

beforeAll(async () => {
  tab = await startTabServer();
  tab.setNow(new Date('2027-08-01T08:00:00Z'));
  const admins = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);
  await changeOrganisation(tab.deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-nord', 'Nord'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-syd', 'Syd'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LENE.aadObjectId, 'Nord'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LEO.aadObjectId, 'Syd'));
  sydId = 'unit-syd';
  // Nord (the default unit) holds six like A, one of them with no unit of its own, and three like E; Syd five like D.
  const cases = [
    ...Array.from({ length: 5 }, (_, index) => inUnit(caseA, `A${index}`, 'unit-nord')),
    inUnit(caseA, 'A5'),
    ...Array.from({ length: 3 }, (_, index) => inUnit(caseE, `E${index}`, 'unit-nord')),
    ...Array.from({ length: 5 }, (_, index) => inUnit(caseD, `D${index}`, 'unit-syd')),
  ];
  for (const created of cases) await tab.store.createCase(created, { audit: [] });
});
afterAll(() => tab.close());

const get = async (actor: Actor, path: string) => tab.get(path, { Authorization: `Bearer ${await tab.tokenFor(actor)}` });

describe('GET /api/tab/cases for the leader view', () => {
  it.each([
    ['a leader', LENE, true],
    ['a coordinator', METTE, false],
    ['the same leader in another tenant', LENE_ELSEWHERE, false],
  ] as const)('says whether %s leads a unit', async (_who, actor, leader) => {
    const answer = await get(actor, '/api/tab/cases');
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { leader: boolean }).leader).toBe(leader);
  });
});

describe('GET /api/tab/statistics', () => {
  it("gives a leader their unit's figures, suppressed, with nothing about a young person", async () => {
    const answer = await get(LENE, '/api/tab/statistics?period=2027H1');
    expect(answer.status).toBe(200);
    const json = JSON.parse(answer.body) as { unit: { name: string }; report: { meetingsPerYear: { youngPeople: unknown } }; periods: string[] };
    expect(json.unit.name).toBe('Nord');
    expect(json.report.meetingsPerYear.youngPeople).toEqual({ kind: 'value', value: 9 });
    expect(json.periods[0]).toBe('2027H1');
    // The charts carry no value for a hidden figure, only its mark.
    const { charts } = JSON.parse(answer.body) as { charts: Array<{ rows: Array<{ values: Array<{ value?: number; text: string }> }> }> };
    const cells = charts.flatMap((chart) => chart.rows.flatMap((row) => row.values));
    expect(cells.some((cell) => cell.text === da.statistics.suppressed)).toBe(true);
    for (const cell of cells) expect(cell.value === undefined).toBe(cell.text === da.statistics.suppressed);
    for (const personal of [caseA.youngPerson.name, caseA.youngPerson.birthDate, '"A0"', 'F-A0']) expect(answer.body).not.toContain(personal);
  });

  it('gives the same as CSV, in the reader\'s language', async () => {
    const answer = await get(LENE, '/api/tab/statistics.csv?period=2027H1&locale=en-US');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.body).toContain(`"${en.statistics.year.youngPeople}";"9"`);
    expect(answer.body).toContain('"–"');
  });

  it.each([
    ['a coordinator', METTE, '', 'notLeader', da.errors.notLeader({})],
    ["a leader of another unit", LENE, `&unit=unit-syd`, 'notLeaderOfUnit', da.errors.notLeaderOfUnit({})],
    ['the same person in another tenant', LENE_ELSEWHERE, '', 'notLeader', da.errors.notLeader({})],
  ] as const)('refuses %s', async (_who, actor, query, error, message) => {
    for (const path of ['/api/tab/statistics', '/api/tab/statistics.csv']) {
      const answer = await get(actor, `${path}?period=2027H1${query}`);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ error, message });
    }
  });

  it('gives a leader a one-time CSV link of their unit, and anyone else none (audited)', async () => {
    const post = async (actor: Actor, query: string) => {
      const response = await fetch(`${tab.url}/api/tab/statistics/link${query}`, { method: 'POST', headers: { Authorization: `Bearer ${await tab.tokenFor(actor)}` } });
      return { status: response.status, json: (await response.json()) as { url?: string; minutes?: number; error?: string } };
    };
    const given = await post(LENE, '?period=2027H1');
    expect(given.status).toBe(200);
    expect(given.json).toEqual({ url: expect.stringMatching(/\/statistics\/[A-Za-z0-9_-]{43}$/), minutes: 10 });
    expect((await tab.get(new URL(given.json.url!).pathname)).body).toContain(`"${da.statistics.year.youngPeople}";"9"`);
    expect(await post(METTE, '?period=2027H1')).toEqual({ status: 403, json: { error: 'notLeader', message: da.errors.notLeader({}) } });
    expect(await post(LENE, `?period=2027H1&unit=${sydId}`)).toEqual({ status: 403, json: { error: 'notLeaderOfUnit', message: da.errors.notLeaderOfUnit({}) } });
  });

  it("gives the other unit's leader only that unit", async () => {
    const json = JSON.parse((await get(LEO, `/api/tab/statistics?period=2027H1&unit=${sydId}`)).body) as { unit: { name: string }; report: { meetingsPerYear: { youngPeople: unknown } } };
    expect(json.unit.name).toBe('Syd');
    expect(json.report.meetingsPerYear.youngPeople).toEqual({ kind: 'value', value: 5 });
  });
});
