// Logs never contain personal data: a small scenario runs through the real server in this process (a
// case created from its card with the young person's name, birth date and phone, an external VIP added
// with name and phone, reads of every view, chat messages quoting the data, refusals), with every line
// pino writes captured at level trace. None of the fixture's strings may appear in them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_VERSION } from '../../cards/version';
import { createLogger } from '../../bot/logger';
import { type InProcessBot, startInProcessBot } from './inProcessBot';

const TENANT = 'tenant-logs';
const COORDINATOR = { id: '29:mette', aadObjectId: 'aad-mette', name: 'Mette Kofoed Madsen' };
const STRANGER = { id: '29:lise', aadObjectId: 'aad-lise', name: 'Lise Brøndum Holm' };
const YOUNG_PERSON = { name: 'Freja Kjærgaard Lund', birthDate: '2010-03-14', phone: '+45 31 41 59 26', email: 'freja.lund@example.dk', address: 'Søndergade 17, 8000 Aarhus C' };
const VIP = { name: 'Birthe Vang Mortensen', phone: '40 50 60 70', email: 'birthe@example.dk' };
const TEAM_NAME = 'Unge-teamet Skanderborg Nord';
const CPR = '140310-4123';
const PERSONAL_DATA = [
  YOUNG_PERSON.name,
  YOUNG_PERSON.birthDate,
  YOUNG_PERSON.phone,
  YOUNG_PERSON.email,
  YOUNG_PERSON.address,
  VIP.name,
  VIP.phone,
  VIP.email,
  COORDINATOR.name,
  STRANGER.name,
  TEAM_NAME,
  CPR,
  // Parts that would show a name or number cut up or reformatted.
  'Kjærgaard',
  'Mortensen',
  '31415926',
  '40506070',
];

describe('logs', () => {
  let bot: InProcessBot;
  let sent = 0;

  const activity = (from: typeof COORDINATOR, extra: Record<string, unknown>) => ({
    id: `activity-${++sent}`,
    channelId: 'msteams',
    serviceUrl: bot.serviceUrl,
    from,
    recipient: { id: '28:bot', name: 'Samarbejdsbot' },
    conversation: { id: `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId: TENANT, name: TEAM_NAME },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team', name: TEAM_NAME }, channel: { id: '19:channel', name: TEAM_NAME } },
    locale: 'da-DK',
    ...extra,
  });
  const say = async (from: typeof COORDINATOR, text: string) => bot.post('/api/messages', JSON.stringify(activity(from, { type: 'message', text })));
  const click = async (from: typeof COORDINATOR, verb: string, data: Record<string, unknown>) =>
    bot.post('/api/messages', JSON.stringify(activity(from, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { v: CARD_VERSION, ...data } } } })));

  beforeAll(async () => {
    bot = await startInProcessBot({ logLevel: 'trace' });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('hold ids, codes and counts, and none of the personal data that passed through the bot', async () => {
    expect((await say(COORDINATOR, 'hjælp')).status).toBe(200);
    expect((await say(COORDINATOR, 'ny sag')).status).toBe(200);
    const created = await click(COORDINATOR, 'case.create', { name: YOUNG_PERSON.name, birthDate: YOUNG_PERSON.birthDate, phone: YOUNG_PERSON.phone, email: YOUNG_PERSON.email, address: YOUNG_PERSON.address, status: 'neither' });
    expect(created.status).toBe(200);
    const [summary] = await bot.store.listCasesForUser(TENANT, COORDINATOR.aadObjectId);
    expect(summary).toBeDefined();
    const caseId = summary!.caseId;
    // The data really went through: it is in the store.
    expect(JSON.stringify(await bot.store.getCase(TENANT, caseId))).toContain(YOUNG_PERSON.name);

    const added = await click(COORDINATOR, 'team.addExternal', { caseId, externalName: VIP.name, externalPhone: VIP.phone, externalEmail: VIP.email, externalRole: 'vip' });
    expect(added.status).toBe(200);
    expect(JSON.stringify(await bot.store.getCase(TENANT, caseId))).toContain(VIP.name);

    for (const view of ['overview', 'team', 'consent', 'goals']) expect((await click(COORDINATOR, 'case.show', { caseId, view })).status).toBe(200);
    for (const text of ['sag', 'team', 'samtykke', 'mål', 'mine', `sag ${YOUNG_PERSON.name}`, `hej ${VIP.name} ${VIP.phone}`, `cpr ${CPR}`, YOUNG_PERSON.address]) {
      expect((await say(COORDINATOR, text)).status).toBe(200);
    }
    // Refusals: a stranger, a CPR number in a field, a malformed card, an activity the guard refuses.
    expect((await click(STRANGER, 'case.show', { caseId, view: 'overview' })).status).toBe(200);
    expect((await say(STRANGER, `sag ${YOUNG_PERSON.name}`)).status).toBe(200);
    expect((await click(COORDINATOR, 'team.addExternal', { caseId, externalName: `${VIP.name} ${CPR}`, externalPhone: VIP.phone, externalRole: 'vip' })).status).toBe(200);
    expect((await click(COORDINATOR, 'team.addExternal', { caseId, externalName: { nested: VIP.name } })).status).toBe(200);
    expect((await bot.post('/api/messages', JSON.stringify({ ...activity(COORDINATOR, { type: 'message', text: YOUNG_PERSON.name }), serviceUrl: YOUNG_PERSON.phone }))).status).toBe(400);
    expect((await bot.post('/api/messages', JSON.stringify({ ...activity(COORDINATOR, { type: '', text: YOUNG_PERSON.name }) }))).status).toBe(400);

    // The bot answered: the connector received cards and messages, some of them with the personal data (the detail views).
    expect(bot.connector.requests.length).toBeGreaterThan(5);

    const logs = bot.logs();
    expect(logs.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    for (const line of logs.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    if (process.env.SHOW_LOGS) console.info(logs);
    const leaked = PERSONAL_DATA.filter((value) => logs.includes(value));
    expect(leaked, `personal data in the logs:\n${logs}`).toEqual([]);
  }, 60_000);

  it('censor a payload that reaches a log call anyway (the second line of defence)', () => {
    let written = '';
    const log = createLogger('trace', new Writable({ write: (chunk: Buffer, _encoding, done) => { written += chunk.toString('utf8'); done(); } }));
    log.info({ event: 'oops', text: YOUNG_PERSON.name, value: { name: VIP.name }, data: { phone: VIP.phone }, from: { id: '29:x', name: COORDINATOR.name }, activity: { text: CPR } });
    expect(written).toContain('"event":"oops"');
    expect(PERSONAL_DATA.filter((value) => written.includes(value))).toEqual([]);
  });
});
