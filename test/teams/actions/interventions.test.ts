// bot/teams/actions/interventions.ts through the in-process bot: the coordinator adds interventions,
// changes their status and edits them; an active one with an end date is a reminder to the coordinator
// in the outbox; `indsatser` shows the overview to every team member with consent; everyone else is refused.
import { describe, expect, it } from 'vitest';
import { interventionsOf } from '../../../bot/domain/interventions';
import { da } from '../../../bot/i18n/da';
import { writeCommandIn } from '../../../bot/teams/replies';
import { JONAS, LARS, METTE, TENANT_ID, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, shows, textsOf } from './botTurns';
import { caseWithTeam, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

const MENTOR = { what: 'Mentor på skolen', administration: 'Jobcenter Odense', why: 'Støtte til fremmøde', from: '2026-12-01', to: '2026-12-20', status: 'active' };

const endingReminders = async (caseId: string) =>
  (await turns.bot().store.listOutbox(TENANT_ID, caseId)).filter((message) => message.kind === 'reminder' && message.about.reminder === 'interventionEnding');

describe('intervention.add, intervention.status, intervention.change', () => {
  it('keeps the overview with the coordinator, each change shown on the card, audited and kept with who and when', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const added = cardOf(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR, memberId: '' }));
    expect(textsOf(added)).toEqual(expect.arrayContaining([da.cards.interventions.added, da.cards.interventions.groups.active, 'Mentor på skolen']));
    cardOf(await click(METTE, home, 'intervention.add', { caseId, what: 'Bostøtte', administration: 'Socialafdelingen', from: '2027-01-01' }));
    const changed = cardOf(await click(METTE, home, 'intervention.status', { caseId, interventionId: 'i1', newStatus: 'paused' }));
    expect(textsOf(changed)).toEqual(expect.arrayContaining([da.cards.interventions.statusChanged, da.cards.interventions.groups.paused, da.cards.interventions.groups.planned]));
    // Seed 002's closing question: a planned intervention is one the young person waits for.
    expect(shows(changed, da.cards.interventions.waiting)).toBe(true);
    const edited = cardOf(await click(METTE, home, 'intervention.change', { caseId, editInterventionId: 'i2', editWhat: '', editTo: '2027-06-30' }));
    expect(textsOf(edited)).toContain(da.cards.interventions.changed);

    const stored = interventionsOf(await turns.storedCase(caseId));
    expect(stored.map(({ id, what, status, to }) => ({ id, what, status, to }))).toEqual([
      { id: 'i1', what: 'Mentor på skolen', status: 'paused', to: '2026-12-20' },
      { id: 'i2', what: 'Bostøtte', status: 'planned', to: '2027-06-30' },
    ]);
    expect(stored[0]!.history.map((event) => [event.kind, event.status, event.byAadObjectId])).toEqual([
      ['added', 'active', METTE.aadObjectId],
      ['status', 'paused', METTE.aadObjectId],
    ]);
    expect((await turns.auditOf(caseId)).slice(-4).map((record) => [record.action, record.outcome])).toEqual([
      ['intervention.add', 'ok'],
      ['intervention.add', 'ok'],
      ['intervention.status', 'ok'],
      ['intervention.change', 'ok'],
    ]);
  });

  it('plans a reminder to the coordinator when an active intervention ends within two weeks, again when its end date moves', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR }));
    // Ends 20 December: two weeks before is Sunday 6 December, so Monday 7 December at 08:00 Copenhagen.
    expect((await endingReminders(caseId)).map((message) => [message.to, message.notBefore, message.about])).toEqual([
      [expect.objectContaining({ aadObjectId: METTE.aadObjectId }), '2026-12-07T07:00:00.000Z', expect.objectContaining({ memberId: expect.any(String), interventionId: 'i1', to: '2026-12-20' })],
    ]);
    // A planned one, and an edit that leaves the end date, plan nothing.
    cardOf(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR, status: 'planned' }));
    cardOf(await click(METTE, home, 'intervention.change', { caseId, editInterventionId: 'i1', editWhy: 'Fremmøde og lektier' }));
    expect(await endingReminders(caseId)).toHaveLength(1);
    cardOf(await click(METTE, home, 'intervention.change', { caseId, editInterventionId: 'i1', editTo: '2027-01-31' }));
    expect((await endingReminders(caseId)).map((message) => message.about).at(-1)).toMatchObject({ interventionId: 'i1', to: '2027-01-31' });
  });

  it('refuses a CPR number, an end before the start, a status it cannot get and an unknown intervention, with a message and nothing written', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR, status: 'planned' }));
    const before = turns.bot().rowCounts();
    const stored = await turns.bot().store.getCase(TENANT_ID, caseId);
    expect(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR, why: 'Emil 010203-1234' })).toEqual({ message: da.errors.cprNotAllowed({ field: 'interventionWhy' }) });
    expect(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR, administration: 'Afd. 010203-1234' })).toEqual({ message: da.errors.cprNotAllowed({ field: 'initiatedBy' }) });
    expect(await click(METTE, home, 'intervention.change', { caseId, editInterventionId: 'i1', editWhat: 'CPR 0102031234' })).toEqual({ message: da.errors.cprNotAllowed({ field: 'interventionWhat' }) });
    expect(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR, to: '2026-11-30' })).toEqual({ message: da.errors.interventionEndsBeforeStart({}) });
    expect(await click(METTE, home, 'intervention.status', { caseId, interventionId: 'i1', newStatus: 'ended' })).toEqual({ message: da.errors.invalidInterventionStatus({}) });
    expect(await click(METTE, home, 'intervention.status', { caseId, interventionId: 'i7', newStatus: 'active' })).toEqual({ message: da.errors.interventionNotFound({}, writeCommandIn(home.kind)) });
    expect(await click(METTE, home, 'intervention.status', { caseId, newStatus: 'active' })).toEqual({ message: da.errors.fieldRequired({ field: 'intervention' }) });
    expect(turns.bot().rowCounts()).toEqual(before);
    expect((await turns.bot().store.getCase(TENANT_ID, caseId))?.etag).toBe(stored?.etag);
  });

  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'intervention.add', who: JONAS, code: 'notCoordinator', data: () => MENTOR },
    { verb: 'intervention.status', who: JONAS, code: 'notCoordinator', data: () => ({ interventionId: 'i1', newStatus: 'active' }) },
    { verb: 'intervention.change', who: LARS, code: 'notCoordinator', data: () => ({ editInterventionId: 'i1', editTo: '2027-01-01' }) },
  ]);
});

describe('indsatser', () => {
  it("shows a team member with consent the overview, without the coordinator's forms; the overview names the active ones", async () => {
    const { caseId, home } = await caseWithTeam(turns);
    cardOf(await click(METTE, home, 'intervention.add', { caseId, ...MENTOR }));
    await pickInPersonalChat(turns, JONAS, caseId);
    const card = onlyCard(await say(JONAS, personalChat(JONAS), 'indsatser'));
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Mentor på skolen', da.cards.interventions.coordinatorKeeps]));
    expect(actionsOf(card)).toEqual([]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'interventions.read', outcome: 'ok' });
    const overview = cardOf(await click(JONAS, personalChat(JONAS), 'case.show', { caseId, view: 'overview' }));
    expect(textsOf(overview)).toEqual(expect.arrayContaining([da.cards.overview.interventions, da.cards.overview.activeInterventions(['Mentor på skolen'], 0)]));
  });

  it('gives the coordinator the form to add while there are none', async () => {
    const { caseId } = await caseWithTeam(turns);
    await pickInPersonalChat(turns, METTE, caseId);
    const card = onlyCard(await say(METTE, personalChat(METTE), 'interventions'));
    expect(textsOf(card)).toContain(da.cards.interventions.empty);
    expect(actionsOf(card).map((action) => action.verb)).toEqual(['intervention.add']);
  });

  it('refuses a team member without consent, audited as denied', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    await turns.expectDenied(caseId, LARS, 'noValidConsent', 'interventions.read', () => click(LARS, home, 'case.show', { caseId, view: 'interventions' }), home.kind);
  });
});
