// bot/teams/actions/statistics.ts and organisation.ts through the in-process bot: the administrator
// named in the settings sets up units and leaders in the 1:1 chat, a coordinator cannot; a leader
// gets the half-yearly status of their unit (`statistik` / `stats`, verb `statistics.show`), anyone
// else a clear refusal; every change, read and refusal audited under the organisation.
import { describe, expect, it } from 'vitest';
import { administratorKey } from '../../../bot/domain/access';
import { da } from '../../../bot/i18n/da';
import { en } from '../../../bot/i18n/en';
import { organisationAuditId } from '../../../bot/store/port';
import { writeCommandIn } from '../../../bot/teams/replies';
import { nodes } from '../../support/cardNodes';
import { METTE, TENANT_ID, type Person, actionsOf, botPerFile, cardOf, newGroupChat, onlyCard, personalChat, shows, textsOf } from './botTurns';

const ANNA: Person = { aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a', name: 'Anna Admin', teamsUserId: '29:anna' };
const LENE: Person = { aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b', name: 'Lene Leder', teamsUserId: '29:lene' };
const LEO: Person = { aadObjectId: '2c2c2c2c-0000-4000-8000-00000000000c', name: 'Leo Leader', teamsUserId: '29:leo' };

const TEAMS_APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const turns = botPerFile({ exportBaseUrl: 'https://samarbejdsbot.example', administrators: [administratorKey(TENANT_ID, ANNA.aadObjectId)], teamsAppId: TEAMS_APP_ID });
const { say, click } = turns;
const textOf = async (who: Person, text: string, locale?: string) => (await say(who, personalChat(who), text, locale)).map((post) => post.text);
const organisationAudit = () => turns.bot().store.listAudit(TENANT_ID, organisationAuditId(TENANT_ID));

let unitsMade = false;
/** Units Nord and Syd; Lene leads Nord, Leo (set up in English) leads Syd. */
async function twoUnits(): Promise<void> {
  if (unitsMade) return;
  unitsMade = true;
  expect(await textOf(ANNA, 'enhed tilføj Nord')).toEqual([da.organisation.unitAdded('Nord')]);
  expect(await textOf(ANNA, 'unit add Syd', 'en-US')).toEqual([en.organisation.unitAdded('Syd')]);
  expect(await textOf(ANNA, `leder tilføj ${LENE.aadObjectId} nord`)).toEqual([da.organisation.leaderAdded('Nord')]);
  expect(await textOf(ANNA, `leader add ${LEO.aadObjectId.toUpperCase()} Syd`, 'en-US')).toEqual([en.organisation.leaderAdded('Syd')]);
}

describe('units and leaders, by the administrator', () => {
  it('are set up by the administrator named in the settings, each change audited', async () => {
    await twoUnits();
    const units = (await textOf(ANNA, 'enheder'))[0]!;
    expect(units).toContain(da.organisation.unitLine('Nord', true, LENE.aadObjectId));
    expect(units).toContain(da.organisation.unitLine('Syd', false, LEO.aadObjectId));
    const actions = (await organisationAudit()).filter((record) => record.actorAadObjectId === ANNA.aadObjectId).map((record) => `${record.action}:${record.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['unit.add:ok', 'leader.add:ok', 'organisation.read:ok']));
  });

  it.each([
    ['enhed tilføj Vest', undefined, da],
    [`leder tilføj ${METTE.aadObjectId} Nord`, undefined, da],
    ['units', 'en-US', en],
  ] as const)('refuses a coordinator: %s', async (text, locale, m) => {
    const before = await turns.bot().store.getOrganisation(TENANT_ID);
    expect(await textOf(METTE, text, locale)).toEqual([m.errors.notAdministrator({}, writeCommandIn('personal'))]);
    expect(await turns.bot().store.getOrganisation(TENANT_ID)).toEqual(before);
    expect((await organisationAudit()).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, outcome: 'denied' });
  });

  it('takes a leader off a unit, and refuses an object id that is not one', async () => {
    await twoUnits();
    expect(await textOf(ANNA, 'leder tilføj lene@kommune.dk Nord')).toEqual([da.errors.invalidObjectId({}, writeCommandIn('personal'))]);
    const other = '3d3d3d3d-0000-4000-8000-00000000000d';
    await textOf(ANNA, `leder tilføj ${other} Syd`);
    expect(await textOf(ANNA, `leder fjern ${other}`)).toEqual([da.organisation.leaderRemoved]);
    expect((await textOf(ANNA, 'enheder'))[0]).not.toContain(other);
  });

  it('are set up in the 1:1 chat only', async () => {
    const chat = newGroupChat();
    expect((await say(ANNA, chat, 'enhed tilføj Øst')).map((post) => post.text)).toEqual([da.organisation.inPersonalChat]);
  });
});

describe('statistik', () => {
  it('gives a leader their unit of the latest ended half-year, hidden cells as one mark, with a CSV link (Danish)', async () => {
    await twoUnits();
    const card = onlyCard(await say(LENE, personalChat(LENE), 'statistik'));
    expect(shows(card, da.statistics.title('Nord', '1. halvår 2026'))).toBe(true);
    expect(shows(card, da.statistics.suppressedNote)).toBe(true);
    expect(textsOf(card)).toContain('–');
    expect(JSON.stringify(card)).toContain('https://samarbejdsbot.example/statistics/');
    // "Åbn i fanen": the personal tab, at the leader's view.
    const openInTab = nodes(card, 'Action.OpenUrl').find((action) => action.title === da.statistics.openInTab);
    expect(openInTab?.url).toBe(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/cases?context=${encodeURIComponent('{"subEntityId":"statistics"}')}`);
    expect(actionsOf(card)).toEqual([{ verb: 'statistics.show', data: expect.objectContaining({ periodId: '2026H1' }) }]);
    expect((await organisationAudit()).at(-1)).toMatchObject({ actorAadObjectId: LENE.aadObjectId, action: 'statistics.read', outcome: 'ok' });
  });

  it('answers in English, for the period asked for', async () => {
    await twoUnits();
    const card = onlyCard(await say(LEO, personalChat(LEO), 'stats 2025H2', 'en-US'));
    expect(shows(card, en.statistics.title('Syd', 'second half of 2025'))).toBe(true);
  });

  it('refuses anyone who leads no unit, and a period not ended', async () => {
    await twoUnits();
    expect(await textOf(METTE, 'statistik')).toEqual([da.errors.notLeader({}, writeCommandIn('personal'))]);
    expect((await organisationAudit()).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'statistics.read', outcome: 'denied' });
    expect(await textOf(METTE, 'stats', 'en-US')).toEqual([en.errors.notLeader({}, writeCommandIn('personal'))]);
    expect(await textOf(LENE, 'statistik 2026H2')).toEqual([da.errors.periodNotEnded({ period: '2026H2' }, writeCommandIn('personal'))]);
    expect((await organisationAudit()).at(-1)).toMatchObject({ actorAadObjectId: LENE.aadObjectId, action: 'statistics.read', outcome: 'denied' });
    expect(await textOf(LEO, 'stats 2026H3', 'en-US')).toEqual([en.errors.invalidPeriod({}, writeCommandIn('personal'))]);
    expect((await organisationAudit()).at(-1)).toMatchObject({ actorAadObjectId: LEO.aadObjectId, action: 'statistics.read', outcome: 'denied' });
  });

  it("lets a leader pick a period of their unit, and refuses another unit's", async () => {
    await twoUnits();
    const card = cardOf(await click(LENE, personalChat(LENE), 'statistics.show', { periodId: '2025H1' }));
    expect(shows(card, da.statistics.title('Nord', '1. halvår 2025'))).toBe(true);
    const syd = (await turns.bot().store.getOrganisation(TENANT_ID))!.organisation.units.find((unit) => unit.name === 'Syd')!;
    expect(await click(LENE, personalChat(LENE), 'statistics.show', { periodId: '2025H1', unitId: syd.id })).toEqual({ message: da.errors.notLeaderOfUnit({}, writeCommandIn('personal')) });
    expect((await organisationAudit()).at(-1)).toMatchObject({ actorAadObjectId: LENE.aadObjectId, action: 'statistics.read', outcome: 'denied' });
  });

  it('is answered in the 1:1 chat only', async () => {
    expect((await say(LENE, newGroupChat(), 'statistik')).map((post) => post.text)).toEqual([da.statistics.onlyInPersonalChat]);
  });
});
