// The model's rhythm (issue 14) through the in-process bot: closing with the next meeting more than four
// months off asks for confirmation and saves nothing until it is given; a meeting planned as a transition
// meeting shows its purpose; the coordinator records the 18-year hand-over (refused to others, and with a
// CPR number); the overview shows the meetings against three; consent expired says since when.
import { describe, expect, it } from 'vitest';
import { meetingById, plannedMeetingOf } from '../../../bot/domain/meeting';
import { da } from '../../../bot/i18n/da';
import { writeCommandIn } from '../../../bot/teams/replies';
import { JONAS, METTE, NOW, TENANT_ID, actionsOf, botPerFile, cardOf, shows } from './botTurns';
import { addGoal, caseWithOpenMeeting, caseWithTeam, closingOf, memberIdOf } from './caseScenes';

let clock = NOW;
const turns = botPerFile({ now: () => clock });
const { click } = turns;
const rhythm = da.cards.rhythm;

/** Each input's value on a card, by its id. */
function valuesOf(card: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const input = node as { type?: unknown; id?: unknown; value?: unknown };
      if (typeof input.type === 'string' && input.type.startsWith('Input.') && typeof input.id === 'string') values[input.id] = input.value;
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return values;
}

describe('closing with the next meeting more than four months off', () => {
  it('asks the coordinator to confirm, saves nothing until then, and closes with exactly the answers confirmed', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    await addGoal(turns, theCase);
    const closing = await closingOf(turns, theCase);
    const before = await turns.bot().store.getCase(TENANT_ID, theCase.caseId);
    // Today's meeting is on 23 November 2026: 23 March 2027 is the last day in time, 1 April is not.
    const asked = cardOf(await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...closing, nextMeetingDate: '2027-04-01' }));
    expect(shows(asked, rhythm.far('torsdag 1. april 2027 kl. 09:00', 'tirsdag 23. marts 2027'))).toBe(true);
    expect((await turns.bot().store.getCase(TENANT_ID, theCase.caseId))?.etag).toBe(before?.etag);
    const confirm = actionsOf(asked).find((action) => action.verb === 'meeting.close')!;
    expect(confirm.data).toMatchObject({ nextMeetingDate: '2027-04-01', summary: closing.summary, confirmFarNextMeeting: 'true' });

    // Going back shows the closing card with every answer still in it, and saves nothing either.
    const back = actionsOf(asked).find((action) => action.verb === 'meeting.closeEdit')!;
    const again = cardOf(await click(METTE, theCase.home, 'meeting.closeEdit', back.data));
    const values = valuesOf(again);
    expect(values).toMatchObject({ summary: closing.summary, nextMeetingDate: '2027-04-01', feedbackMemberId: closing.feedbackMemberId, eyeKeeperMemberId: closing.eyeKeeperMemberId });
    expect(actionsOf(again).map((action) => action.verb)).toEqual(['meeting.close']);
    expect((await turns.bot().store.getCase(TENANT_ID, theCase.caseId))?.etag).toBe(before?.etag);

    await click(METTE, theCase.home, 'meeting.close', confirm.data);
    const stored = await turns.storedCase(theCase.caseId);
    expect(meetingById(stored, meetingId).closure).toMatchObject({ summary: closing.summary, farNextMeetingConfirmed: true });
    expect(plannedMeetingOf(stored)?.startsAt).toBe('2027-04-01T07:00:00.000Z');
  });

  it('goes back to nothing but the coordinator: another member is refused the closing card', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    await turns.expectDenied(theCase.caseId, JONAS, 'notCoordinator', 'closing.read', () => click(JONAS, theCase.home, 'meeting.closeEdit', { caseId: theCase.caseId, meetingId, summary: 'x' }), theCase.home.kind);
  });

  it('closes without asking when the next meeting is within four months', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    await addGoal(turns, theCase);
    const closing = await closingOf(turns, theCase);
    await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...closing, nextMeetingDate: '2027-03-23' });
    const closure = meetingById(await turns.storedCase(theCase.caseId), meetingId).closure;
    expect(closure).toBeDefined();
    expect(closure?.farNextMeetingConfirmed).toBeUndefined();
  });
});

describe('a transition meeting', () => {
  it('is planned as such, and its checklist gives the purpose from seed 002', async () => {
    const theCase = await caseWithTeam(turns);
    await click(METTE, theCase.home, 'meeting.plan', { caseId: theCase.caseId, meetingDate: '2027-01-12', meetingTime: '10:00', kind: 'network', transitionAge: '18½' });
    const planned = plannedMeetingOf(await turns.storedCase(theCase.caseId))!;
    expect(planned.transitionAge).toBe('18½');
    const checklist = cardOf(await click(JONAS, theCase.home, 'meeting.show', { caseId: theCase.caseId, meetingId: planned.id }));
    expect(shows(checklist, rhythm.meetingKindWithPurpose('18½', rhythm.purposes['18½']))).toBe(true);
  });

  it('is refused as an internal meeting, with a message and nothing saved', async () => {
    const theCase = await caseWithTeam(turns);
    const answer = await click(METTE, theCase.home, 'meeting.plan', { caseId: theCase.caseId, meetingDate: '2027-01-12', meetingTime: '10:00', kind: 'internal', transitionAge: '16' });
    expect(answer).toEqual({ message: da.errors.transitionMeetingIsNetwork({}) });
    expect(plannedMeetingOf(await turns.storedCase(theCase.caseId), 'internal')).toBeUndefined();
  });
});

describe('the 18-year hand-over', () => {
  it('is recorded by the coordinator on its card, audited, and shown on the overview with the meetings against three', async () => {
    const theCase = await caseWithTeam(turns);
    const overview = cardOf(await click(METTE, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'overview' }));
    // Born 1 May 2007: past 17½, so the hand-over is due and the overview offers it.
    expect(shows(overview, rhythm.handOverDue('01.11.2024'))).toBe(true);
    expect(shows(overview, rhythm.meetingsCount(0, 3))).toBe(true);
    expect(shows(overview, rhythm.belowMinimum(0, 3))).toBe(true);
    expect(actionsOf(overview).find((action) => action.data.view === 'adultHandOver')).toBeDefined();

    const card = cardOf(await click(METTE, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'adultHandOver' }));
    expect(actionsOf(card).map((action) => action.verb)).toContain('adultHandOver.record');
    const jonasId = memberIdOf(await turns.storedCase(theCase.caseId), JONAS);
    const recorded = cardOf(await click(METTE, theCase.home, 'adultHandOver.record', { caseId: theCase.caseId, takesOverMemberId: jonasId, continues: 'Efterværn: *kontaktperson* til 23 år' }));
    expect(shows(recorded, rhythm.handOverSaved)).toBe(true);
    expect((await turns.storedCase(theCase.caseId)).adultHandOver).toMatchObject({ takesOverMemberId: jonasId, continues: 'Efterværn: *kontaktperson* til 23 år' });
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ action: 'adultHandOver.record', outcome: 'ok' });
    const after = cardOf(await click(METTE, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'overview' }));
    expect(shows(after, rhythm.handOverRecorded('23.11.2026', rhythm.handOverTakesOver('Jonas Jensen')))).toBe(true);
  });

  it('refuses a CPR number in what continues, naming the field, and saves nothing', async () => {
    const theCase = await caseWithTeam(turns);
    const answer = await click(METTE, theCase.home, 'adultHandOver.record', { caseId: theCase.caseId, takesOverMemberId: '', continues: 'Efterværn for 010507-1234' });
    expect(answer).toEqual({ message: da.errors.cprNotAllowed({ field: 'continues' }) });
    expect((await turns.storedCase(theCase.caseId)).adultHandOver).toBeUndefined();
  });

  it('is the coordinator\'s to record: refused to a team member and audited as denied', async () => {
    const theCase = await caseWithTeam(turns);
    await turns.expectDenied(theCase.caseId, JONAS, 'notCoordinator', 'adultHandOver.record', () =>
      click(JONAS, theCase.home, 'adultHandOver.record', { caseId: theCase.caseId, continues: 'Efterværn' }),
    'groupChat');
  });
});

describe('consent that expired', () => {
  it('tells a member without consent that it expired, and when', async () => {
    const theCase = await caseWithTeam(turns);
    // The scenes' consent runs to 1 November 2027.
    clock = new Date('2027-11-02T09:00:00Z');
    try {
      const answer = await click(JONAS, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'overview' });
      expect(answer).toEqual({ message: da.errors.noValidConsent({ expiredOn: '2027-11-01' }, writeCommandIn('groupChat')) });
      expect(JSON.stringify(answer)).toContain('Samtykket udløb 01.11.2027');
      const overview = cardOf(await click(METTE, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'overview' }));
      expect(shows(overview, rhythm.consentExpiredOn('01.11.2027'))).toBe(true);
    } finally {
      clock = NOW;
    }
  });
});
