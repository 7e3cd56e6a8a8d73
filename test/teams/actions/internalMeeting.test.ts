// An internal coordination meeting (seed 003) through the in-process bot: the coordinator chooses it on
// the card that opens meetings, the professionals answer its short checklist and write its agreements,
// `afslut` closes it with no approval by the young person and nothing circulated to them; `aflys` offers
// it beside the planned network meeting. The rules are the domain's (test/domain/internalMeetings.test.ts).
import { describe, expect, it } from 'vitest';
import { meetingById, openMeetingOf } from '../../../bot/domain/meeting';
import { da } from '../../../bot/i18n/da';
import { ALI, JONAS, LARS, METTE, TENANT_ID, TODAY, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, textsOf } from './botTurns';
import { type SceneCase, AGREEMENT, YOUNG_PERSON, addAgreement, addGoal, caseWithTeam, checklistAnswers, closingOf, memberIdOf } from './caseScenes';
import { writeCommandIn } from '../../../bot/teams/replies';
import { nodes } from '../../support/cardNodes';

const turns = botPerFile();
const { click, say } = turns;
const labels = da.cards.meeting;

/** Mette opens an internal meeting today on the meeting card; its id. */
async function openInternal(theCase: SceneCase): Promise<string> {
  cardOf(await click(METTE, theCase.home, 'meeting.open', { caseId: theCase.caseId, meetingDate: TODAY, meetingTime: '13:00', kind: 'internal' }));
  const meeting = openMeetingOf(await turns.storedCase(theCase.caseId));
  if (!meeting) throw new Error('no meeting was opened');
  return meeting.id;
}

async function caseWithInternalMeeting(): Promise<SceneCase & { meetingId: string }> {
  const theCase = await caseWithTeam(turns);
  return { ...theCase, meetingId: await openInternal(theCase) };
}

const inputIds = (card: unknown) => nodes(card, 'Input.ChoiceSet').map((input) => String(input.id));

describe('opening an internal coordination meeting', () => {
  it('is a choice on the card that opens meetings; the meeting is recorded as internal, with no number, and its thread card says so', async () => {
    const theCase = await caseWithTeam(turns);
    const offer = onlyCard(await say(METTE, theCase.home, 'møde'));
    const [kind] = nodes(offer, 'Input.ChoiceSet').filter((input) => input.id === 'kind');
    expect(kind?.choices).toEqual([
      { title: labels.kinds.network, value: 'network' },
      { title: labels.kinds.internal, value: 'internal' },
    ]);
    const { result: answer, posts } = await turns.postsDuring(() =>
      click(METTE, theCase.home, 'meeting.open', { caseId: theCase.caseId, meetingDate: TODAY, meetingTime: '13:00', kind: 'internal' }),
    );
    const [meeting] = (await turns.storedCase(theCase.caseId)).meetings;
    expect(meeting).toMatchObject({ kind: 'internal', status: 'open' });
    expect(meeting).not.toHaveProperty('number');
    expect(textsOf(cardOf(answer))).toContain(labels.opened('internal'));
    const base = onlyCard(posts);
    expect(textsOf(base)).toContain(labels.title(theCase.reference, 'internal'));
    expect(JSON.stringify(base)).not.toMatch(/nr\. \d/);
    expect(await turns.auditOf(theCase.caseId)).toContainEqual(expect.objectContaining({ action: 'meeting.open', outcome: 'ok' }));
  });

  it('a card without the choice (posted before it) opens a network meeting, numbered as before', async () => {
    const theCase = await caseWithTeam(turns);
    cardOf(await click(METTE, theCase.home, 'meeting.open', { caseId: theCase.caseId, meetingDate: TODAY, meetingTime: '10:00' }));
    const [meeting] = (await turns.storedCase(theCase.caseId)).meetings;
    expect(meeting).not.toHaveProperty('kind');
    expect(meeting?.number).toBe(1);
  });
});

describe('the internal checklist', () => {
  it("asks only who of the professionals took part: the young person's row and the network meeting's sections are not on it", async () => {
    const { meetingId, ...theCase } = await caseWithInternalMeeting();
    const card = cardOf(await click(JONAS, personalChat(JONAS), 'meeting.show', { caseId: theCase.caseId, meetingId }));
    const texts = textsOf(card);
    expect(texts).toContain(labels.kindNote);
    expect(texts).toContain(labels.internalNumber);
    expect(texts).toContain(da.checklist.sections.attendance);
    for (const section of ['roles', 'preparation', 'vip', 'agenda', 'evaluation', 'status'] as const) expect(texts).not.toContain(da.checklist.sections[section]);
    const current = await turns.storedCase(theCase.caseId);
    const young = current.members.find((member) => member.role === 'youngPerson')!;
    expect(inputIds(card).sort()).toEqual([METTE, JONAS, ALI, LARS].map((who) => `attended_${memberIdOf(current, who)}`).sort());
    expect(JSON.stringify(card)).not.toContain(`attended_${young.id}`);

    const saved = await click(JONAS, theCase.home, 'meeting.answer', checklistAnswers(theCase.caseId, meetingId, { [`attended_${memberIdOf(current, JONAS)}`]: 'yes' }));
    expect(textsOf(cardOf(saved))).toContain(labels.saved);
  });

  it("takes agreements of the professionals only, and does not offer the young person as an owner", async () => {
    const { meetingId, ...theCase } = await caseWithInternalMeeting();
    const goalId = await addGoal(turns, theCase);
    const form = cardOf(await click(METTE, theCase.home, 'goals.show', { caseId: theCase.caseId }));
    const current = await turns.storedCase(theCase.caseId);
    const young = current.members.find((member) => member.role === 'youngPerson')!;
    const [owners] = nodes(form, 'Input.ChoiceSet').filter((input) => input.id === 'ownerMemberId');
    expect((owners?.choices as Array<{ value: string }>).map((choice) => choice.value)).not.toContain(young.id);
    const refused = await click(METTE, theCase.home, 'agreement.add', { caseId: theCase.caseId, goalId, ownerMemberId: young.id, ...AGREEMENT });
    expect(refused).toEqual({ message: da.errors.internalAgreementOwner({}) });
    await addAgreement(turns, theCase, goalId, JONAS);
    expect((await turns.storedCase(theCase.caseId)).agreements).toEqual([expect.objectContaining({ ownerMemberId: memberIdOf(current, JONAS), meetingId })]);
  });
});

describe('meeting.closeInternal', () => {
  it('`afslut` gives the card that closes it; closing needs no approval and sends the agreements to their owners only', async () => {
    const { meetingId, ...theCase } = await caseWithInternalMeeting();
    await addAgreement(turns, theCase, await addGoal(turns, theCase), JONAS);
    const closeCard = cardOf(await click(METTE, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'closing' }));
    expect(textsOf(closeCard)).toContain(labels.closeInternalTitle(theCase.reference));
    expect(actionsOf(closeCard)).toContainEqual({ verb: 'meeting.closeInternal', data: { v: 1, caseId: theCase.caseId, meetingId } });
    expect(JSON.stringify(closeCard)).toContain('"id":"confirmEmptySections"');

    // The attendance is not filled in: refused, nothing saved.
    expect(await click(METTE, theCase.home, 'meeting.closeInternal', { caseId: theCase.caseId, meetingId })).toEqual({ message: da.errors.internalAttendanceIncomplete({}) });
    expect(meetingById(await turns.storedCase(theCase.caseId), meetingId).status).toBe('open');
    // The network meeting's closing refuses it.
    const network = await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...(await closingOf(turns, theCase)) });
    expect(network).toEqual({ message: da.errors.meetingIsInternal({}, writeCommandIn('groupChat')) });

    const current = await turns.storedCase(theCase.caseId);
    const attended = Object.fromEntries([METTE, JONAS, ALI, LARS].map((who) => [`attended_${memberIdOf(current, who)}`, 'yes']));
    cardOf(await click(METTE, theCase.home, 'meeting.answer', checklistAnswers(theCase.caseId, meetingId, attended)));
    // The outbox is listed by when each message is due (consent's expiry reminder, a year on, comes last): what closing wrote is what is new.
    const before = new Set((await turns.bot().store.listOutbox(TENANT_ID, theCase.caseId)).map((message) => message.id));
    const closed = cardOf(await click(METTE, theCase.home, 'meeting.closeInternal', { caseId: theCase.caseId, meetingId }));
    expect(textsOf(closed)).toContain(labels.closedInternal);
    expect(actionsOf(closed).map((action) => action.verb)).not.toContain('minutes.approve');

    const stored = await turns.storedCase(theCase.caseId);
    expect(meetingById(stored, meetingId)).toMatchObject({ status: 'held', internalClosure: { closedByAadObjectId: METTE.aadObjectId } });
    expect(meetingById(stored, meetingId)).not.toHaveProperty('closure');
    // No next meeting is planned by it.
    expect(stored.meetings).toHaveLength(1);
    const written = (await turns.bot().store.listOutbox(TENANT_ID, theCase.caseId)).filter((message) => !before.has(message.id));
    const kinds = new Set(written.map((message) => message.kind));
    expect(kinds).toEqual(new Set(['agreementAssigned', 'reminder', 'checklistCard']));
    const assigned = written.filter((message) => message.kind === 'agreementAssigned');
    expect(assigned).toEqual([expect.objectContaining({ to: expect.objectContaining({ aadObjectId: JONAS.aadObjectId }) })]);
    // Nothing names the young person, and nothing goes to the thread but the checklist card's update.
    expect(JSON.stringify(written)).not.toContain(YOUNG_PERSON.name);
    const reminders = written.filter((message) => message.kind === 'reminder').map((message) => (message.about as { reminder: string }).reminder);
    expect(new Set(reminders)).toEqual(new Set(['agreementBefore', 'agreementOnDay', 'agreementOverdue']));
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ action: 'meeting.closeInternal', outcome: 'ok' });

    // After it, the next network meeting is no. 1.
    cardOf(await click(METTE, theCase.home, 'meeting.open', { caseId: theCase.caseId, meetingDate: TODAY, meetingTime: '15:00' }));
    expect(openMeetingOf(await turns.storedCase(theCase.caseId))?.number).toBe(1);
  });
});

describe('aflys', () => {
  it('offers each planned meeting, the internal one with the reasons that fit a meeting without the young person', async () => {
    const theCase = await caseWithTeam(turns);
    cardOf(await click(METTE, theCase.home, 'meeting.plan', { caseId: theCase.caseId, meetingDate: '2026-12-10', meetingTime: '10:00' }));
    const planned = await click(METTE, theCase.home, 'meeting.plan', { caseId: theCase.caseId, meetingDate: '2026-12-03', meetingTime: '13:00', kind: 'internal' });
    expect(textsOf(cardOf(planned))[0]).toBe(labels.internalPlanned(da.dates.dateTime('2026-12-03T12:00:00.000Z'), writeCommandIn('groupChat')));
    const [network, internal] = (await turns.storedCase(theCase.caseId)).meetings;
    const cards = (await say(METTE, theCase.home, 'aflys')).map((post) => cardOf(post));
    expect(cards.map((card) => actionsOf(card)[0]?.data.meetingId)).toEqual([network!.id, internal!.id]);
    const [reasons] = nodes(cards[1], 'Input.ChoiceSet');
    expect((reasons?.choices as Array<{ value: string }>).map((choice) => choice.value)).toEqual(['coordinatorIll', 'other']);
    const cancelled = await click(METTE, theCase.home, 'meeting.cancel', { caseId: theCase.caseId, meetingId: internal!.id, reason: 'coordinatorIll' });
    expect(textsOf(cardOf(cancelled))[0]).toBe(labels.cancelledInternal(da.dates.dateTime('2026-12-03T12:00:00.000Z')));
    expect(meetingById(await turns.storedCase(theCase.caseId), network!.id).status).toBe('planned');
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithInternalMeeting(), [{ verb: 'meeting.closeInternal', who: JONAS, code: 'notCoordinator', data: ({ meetingId }) => ({ meetingId }) }]);
});
