// bot/teams/actions/meeting.ts through the in-process bot: the coordinator opens, plans and cancels
// the network meeting, team members read and answer its checklist; the `møde` and `aflys` commands.
// The meeting rules (numbers, when a section can be answered) are the domain's: here the reply's kind
// and what was stored.
import { describe, expect, it } from 'vitest';
import { meetingById } from '../../../bot/domain/meeting';
import { da } from '../../../bot/i18n/da';
import { JONAS, LARS, LISE, METTE, TODAY, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { YOUNG_PERSON, caseWithOpenMeeting, caseWithTeam, checklistAnswers, openMeeting, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

const verbsOn = (card: unknown) => actionsOf(card).map((action) => action.verb);
const PLANNED = { meetingDate: '2026-12-10', meetingTime: '10:00' };

describe('meeting.open', () => {
  it('opens the meeting, posts the checklist\'s base card in the conversation and remembers where', async () => {
    const { caseId, reference, home } = await caseWithTeam(turns);
    const { result: answer, posts } = await turns.postsDuring(() => click(METTE, home, 'meeting.open', { caseId, meetingDate: TODAY, meetingTime: '10:00' }));
    const [meeting] = (await turns.storedCase(caseId)).meetings;
    expect(meeting).toMatchObject({ status: 'open' });
    expect(textsOf(cardOf(answer))).toContain(da.cards.meeting.opened(meeting!.number!));
    expect(posts).toHaveLength(1);
    const base = cardOf(posts[0]);
    expect(actionsOf(base)).toContainEqual({ verb: 'meeting.show', data: { v: 1, caseId, meetingId: meeting!.id } });
    expect(JSON.stringify(base)).toContain(reference);
    expect(JSON.stringify(base)).not.toContain(YOUNG_PERSON.name);
    expect(meeting!.card).toEqual({ conversationId: home.conversationId, activityId: expect.any(String) });
    expect(await turns.auditOf(caseId)).toContainEqual(expect.objectContaining({ actorAadObjectId: METTE.aadObjectId, action: 'meeting.open', outcome: 'ok' }));
  });
});

describe('meeting.plan', () => {
  it('plans the next meeting and says when, the Danish way', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const answer = await click(METTE, home, 'meeting.plan', { caseId, ...PLANNED });
    const [meeting] = (await turns.storedCase(caseId)).meetings;
    expect(meeting).toMatchObject({ status: 'planned' });
    expect(textsOf(cardOf(answer))[0]).toContain('torsdag 10. december 2026 kl. 10:00');
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'meeting.plan', outcome: 'ok' });
  });
});

describe('meeting.show', () => {
  it('gives a team member with consent the checklist to answer', async () => {
    const { caseId, meetingId } = await caseWithOpenMeeting(turns);
    const card = cardOf(await click(JONAS, personalChat(JONAS), 'meeting.show', { caseId, meetingId }));
    expect(textsOf(card)).toContain(da.checklist.sections.preparation);
    expect(actionsOf(card)).toContainEqual(expect.objectContaining({ verb: 'meeting.answer', data: expect.objectContaining({ caseId, meetingId }) }));
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'checklist.read', outcome: 'ok' });
  });
});

describe('meeting.answer', () => {
  it('saves what a team member changed and answers the checklist with "saved"', async () => {
    const { caseId, home, meetingId } = await caseWithOpenMeeting(turns);
    const answer = await click(JONAS, home, 'meeting.answer', checklistAnswers(caseId, meetingId, { prepHandoverSent: 'yes' }));
    expect(textsOf(cardOf(answer))).toContain(da.cards.meeting.saved);
    expect(meetingById(await turns.storedCase(caseId), meetingId).answers).toMatchObject({ prepHandoverSent: 'yes' });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'meeting.answer', outcome: 'ok' });
  });
});

describe('meeting.cancel', () => {
  it('cancels the meeting with its reason', async () => {
    const { caseId, home, meetingId } = await caseWithOpenMeeting(turns);
    cardOf(await click(METTE, home, 'meeting.cancel', { caseId, meetingId, reason: 'youngPersonIll' }));
    expect(meetingById(await turns.storedCase(caseId), meetingId)).toMatchObject({ status: 'cancelled', cancellation: expect.objectContaining({ reason: 'youngPersonIll' }) });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ action: 'meeting.cancel', outcome: 'ok' });
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithOpenMeeting(turns), [
    { verb: 'meeting.open', who: JONAS, code: 'notCoordinator', data: () => ({ meetingDate: TODAY, meetingTime: '10:00' }) },
    { verb: 'meeting.plan', who: JONAS, code: 'notCoordinator', data: () => PLANNED },
    { verb: 'meeting.show', who: LARS, code: 'noValidConsent', audited: 'checklist.read', data: ({ meetingId }) => ({ meetingId }) },
    { verb: 'meeting.answer', who: LARS, code: 'noValidConsent', data: ({ caseId, meetingId }) => checklistAnswers(caseId, meetingId, { prepHandoverSent: 'yes' }) },
    { verb: 'meeting.cancel', who: JONAS, code: 'notCoordinator', data: ({ meetingId }) => ({ meetingId, reason: 'youngPersonIll' }) },
  ]);
});

describe('møde', () => {
  it('offers to open or plan a meeting; while one is open, its base card in the conversation and the checklist in a 1:1 chat', async () => {
    const theCase = await caseWithTeam(turns);
    const offer = onlyCard(await say(LISE, theCase.home, 'møde'));
    expect(textsOf(offer)).toContain(da.cards.meeting.openTitle(theCase.reference));
    expect(verbsOn(offer)).toEqual(['meeting.open', 'meeting.plan']);

    const meetingId = await openMeeting(turns, theCase);
    const base = onlyCard(await say(LISE, theCase.home, 'møde'));
    expect(actionsOf(base)).toContainEqual({ verb: 'meeting.show', data: { v: 1, caseId: theCase.caseId, meetingId } });
    expect(JSON.stringify(base)).not.toContain(YOUNG_PERSON.name);

    await pickInPersonalChat(turns, JONAS, theCase.caseId);
    expect(verbsOn(onlyCard(await say(JONAS, personalChat(JONAS), 'møde')))).toContain('meeting.answer');
  });
});

describe('aflys', () => {
  it('offers to cancel the open meeting, and says when there is none', async () => {
    const theCase = await caseWithTeam(turns);
    expect(await say(METTE, theCase.home, 'aflys')).toMatchObject([{ text: da.errors.noMeetingToCancel({}) }]);
    const meetingId = await openMeeting(turns, theCase);
    expect(actionsOf(onlyCard(await say(METTE, theCase.home, 'aflys')))).toContainEqual({ verb: 'meeting.cancel', data: { v: 1, caseId: theCase.caseId, meetingId } });
  });
});
