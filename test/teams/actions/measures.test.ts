// bot/teams/actions/measures.ts through the in-process bot: the coordinator records WHO-5 and readiness
// with the young person, corrects a record, names the member who measures; each record plans the next
// reminder and a low WHO-5 tells the coordinator; `målinger` shows the records to the team with consent,
// the overview the latest WHO-5; everyone else is refused.
import { describe, expect, it } from 'vitest';
import { who5RecordsOf } from '../../../bot/domain/measures';
import { da } from '../../../bot/i18n/da';
import { writeCommandIn } from '../../../bot/teams/replies';
import { JONAS, LARS, METTE, TENANT_ID, TODAY, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { caseWithTeam, memberIdOf, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

/** The answers 3, 3, 2, 4, 1: 52 of 100. */
const WHO5 = { w_cheerful: '3', w_calm: '3', w_active: '2', w_rested: '4', w_interested: '1', on: TODAY };
const LOW = { w_cheerful: '2', w_calm: '2', w_active: '2', w_rested: '2', w_interested: '1', on: TODAY };

const outboxOf = async (caseId: string) => turns.bot().store.listOutbox(TENANT_ID, caseId);

describe('measures.wellbeing, measures.readiness, measures.measurer', () => {
  it('records a WHO-5 and a readiness measurement, shown on the card, audited, with the next reminders planned', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const card = cardOf(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5 }));
    expect(textsOf(card)).toEqual(expect.arrayContaining([da.cards.measures.who5Recorded, '23.11.2026']));
    expect(JSON.stringify(card)).toContain(da.cards.measures.who5Value(52, 'Mette Madsen'));
    const readiness = cardOf(await click(METTE, home, 'measures.readiness', { caseId, readinessOn: TODAY, s_u1: '3', s_u2: '4', s_b1: '' }));
    expect(textsOf(readiness)).toContain(da.cards.measures.readinessRecorded);
    expect(JSON.stringify(readiness)).toContain(da.cards.measures.average('BIP Uddannelse', '3,5'));

    const stored = await turns.storedCase(caseId);
    expect(stored.measures?.who5.map(({ id, on, answers }) => ({ id, on, answers }))).toEqual([{ id: 'w1', on: TODAY, answers: [3, 3, 2, 4, 1] }]);
    expect(stored.measures?.readiness.map(({ id, setId, scores }) => ({ id, setId, scores }))).toEqual([{ id: 'r1', setId: 'bip-default-1', scores: { u1: 3, u2: 4 } }]);
    expect((await turns.auditOf(caseId)).slice(-2).map((record) => [record.action, record.outcome])).toEqual([
      ['measures.wellbeing', 'ok'],
      ['measures.readiness', 'ok'],
    ]);
    // A month after the WHO-5, a quarter after the BIP (23 February 2027 is a Tuesday), to Mette; 52 gives no signal.
    const outbox = await outboxOf(caseId);
    const planned = outbox.filter((message) => message.kind === 'reminder' && (message.about.reminder === 'who5Due' || message.about.reminder === 'readinessDue'));
    expect(planned.map((message) => [message.kind === 'reminder' && message.about.reminder, message.notBefore, message.kind === 'reminder' && 'after' in message.about && message.about.after])).toEqual([
      ['who5Due', '2026-12-23T07:00:00.000Z', 'w1'],
      ['readinessDue', '2027-02-23T07:00:00.000Z', 'r1'],
    ]);
    expect(outbox.filter((message) => message.kind === 'who5Signal')).toEqual([]);
  });

  it('tells the coordinator of a WHO-5 under 50, and corrects a record with a new one that names it', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'measures.wellbeing', { caseId, ...LOW }));
    const signals = (await outboxOf(caseId)).filter((message) => message.kind === 'who5Signal');
    expect(signals.map((message) => [message.to, message.about])).toEqual([[expect.objectContaining({ aadObjectId: METTE.aadObjectId }), { recordId: 'w1' }]]);

    const corrected = cardOf(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5, corrects: 'w1' }));
    expect(JSON.stringify(corrected)).toContain(`(${da.cards.measures.corrected})`);
    expect(JSON.stringify(corrected)).toContain(`(${da.cards.measures.correction})`);
    const stored = await turns.storedCase(caseId);
    expect(stored.measures?.who5.map((record) => [record.id, record.corrects])).toEqual([
      ['w1', undefined],
      ['w2', 'w1'],
    ]);
    expect(who5RecordsOf(stored).map((record) => record.id)).toEqual(['w2']);
    expect(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5, corrects: 'w1' })).toEqual({ message: da.errors.measureAlreadyCorrected({}) });
  });

  it('lets the member the coordinator names record, and plans their reminders', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const jonas = memberIdOf(await turns.storedCase(caseId), JONAS);
    const card = cardOf(await click(METTE, home, 'measures.measurer', { caseId, measurerId: jonas }));
    expect(textsOf(card)).toContain(da.cards.measures.measurerSet);
    cardOf(await click(JONAS, home, 'measures.wellbeing', { caseId, ...WHO5 }));
    const stored = await turns.storedCase(caseId);
    expect(stored.measures?.who5[0]?.byMemberId).toBe(jonas);
    // Named before anything was measured: the first WHO-5 and BIP a month after the case opened, then the next WHO-5.
    const toJonas = (await outboxOf(caseId)).filter((message) => message.kind === 'reminder' && message.about.memberId === jonas);
    expect(toJonas.map((message) => message.kind === 'reminder' && [message.about.reminder, 'after' in message.about && message.about.after])).toEqual([
      ['who5Due', ''],
      ['readinessDue', ''],
      ['who5Due', 'w1'],
    ]);
  });

  it('refuses an answer missing, a day in the future, a score outside its scale, an unknown record, with a message and nothing written', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5 }));
    const before = turns.bot().rowCounts();
    const stored = await turns.bot().store.getCase(TENANT_ID, caseId);
    expect(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5, w_calm: undefined })).toEqual({ message: da.errors.who5Incomplete({}) });
    expect(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5, on: '2026-11-24' })).toEqual({ message: da.errors.measuredInFuture({}) });
    expect(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5, corrects: 'w7' })).toEqual({ message: da.errors.measureNotFound({}, writeCommandIn(home.kind)) });
    expect(await click(METTE, home, 'measures.readiness', { caseId, readinessOn: TODAY, s_u1: '9' })).toEqual({ message: da.errors.invalidReadinessScore({}, writeCommandIn(home.kind)) });
    expect(await click(METTE, home, 'measures.readiness', { caseId, readinessOn: TODAY })).toEqual({ message: da.errors.readinessEmpty({}) });
    expect(turns.bot().rowCounts()).toEqual(before);
    expect((await turns.bot().store.getCase(TENANT_ID, caseId))?.etag).toBe(stored?.etag);
  });

  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'measures.wellbeing', who: JONAS, code: 'notMeasurer', data: () => WHO5 },
    { verb: 'measures.readiness', who: JONAS, code: 'notMeasurer', data: () => ({ readinessOn: TODAY, s_u1: '3' }) },
    { verb: 'measures.wellbeing', who: LARS, code: 'noValidConsent', data: () => WHO5 },
    { verb: 'measures.measurer', who: JONAS, code: 'notCoordinator', data: () => ({ measurerId: '' }) },
  ]);
});

describe('målinger', () => {
  it('shows a team member with consent the records without the forms, and the overview the latest WHO-5', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'measures.wellbeing', { caseId, ...WHO5 }));
    await pickInPersonalChat(turns, JONAS, caseId);
    const card = onlyCard(await say(JONAS, personalChat(JONAS), 'målinger'));
    expect(textsOf(card)).toEqual(expect.arrayContaining([da.cards.measures.who5Heading, da.cards.measures.onlyMeasurer]));
    expect(actionsOf(card)).toEqual([]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'measures.read', outcome: 'ok' });
    const overview = cardOf(await click(JONAS, personalChat(JONAS), 'case.show', { caseId, view: 'overview' }));
    expect(textsOf(overview)).toEqual(expect.arrayContaining([da.cards.measures.overviewLabel, da.cards.measures.overviewValue(52, '23.11.2026')]));
  });

  it('gives the coordinator the WHO-5 form in its published wording, the readiness form and the choice of who measures', async () => {
    const { caseId } = await caseWithTeam(turns);
    await pickInPersonalChat(turns, METTE, caseId);
    const card = onlyCard(await say(METTE, personalChat(METTE), 'measures'));
    expect(actionsOf(card).map((action) => action.verb)).toEqual(['measures.wellbeing', 'measures.readiness', 'measures.measurer']);
    const text = JSON.stringify(card);
    for (const statement of Object.values(da.cards.measures.who5Items)) expect(text).toContain(statement);
    expect(text).toContain('I de sidste 2 uger ...');
    expect(text).toContain('Lidt mere end halvdelen af tiden (3)');
    expect(text).toContain('BIP Beskæftigelse');
  });

  it('refuses a team member without consent, audited as denied', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    await turns.expectDenied(caseId, LARS, 'noValidConsent', 'measures.read', () => click(LARS, home, 'case.show', { caseId, view: 'measures' }), home.kind);
  });
});
