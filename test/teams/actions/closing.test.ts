// bot/teams/actions/closing.ts through the in-process bot: the coordinator closes the meeting and
// records the young person's approval (or the changes asked for), the team reads the minutes, the
// eye-keeper acknowledges the hand-over; the `afslut` command.
import { describe, expect, it } from 'vitest';
import { meetingById } from '../../../bot/domain/meeting';
import { OutboxDispatcher } from '../../../bot/outbox/dispatcher';
import { SendPacer } from '../../../bot/outbox/pacing';
import { createAdapter } from '../../../bot/teams/adapter';
import { createOutboxSender } from '../../../bot/teams/outboxSender';
import { FakeClock } from '../../outbox/fakeClock';
import { da } from '../../../bot/i18n/da';
import { ALI, JONAS, LARS, LISE, METTE, NOW, TENANT_ID, TODAY, actionsOf, botPerFile, cardOf, itRefuses, onlyCard, personalChat, shows, textsOf } from './botTurns';
import { GOAL, addAgreement, addGoal, caseWithApprovedMeeting, caseWithClosedMeeting, caseWithOpenMeeting, closingOf, expectBaseCard, memberIdOf, pickInPersonalChat } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;
const confirmations = da.cards.goals.confirmations;

const closureOf = async (caseId: string, meetingId: string) => meetingById(await turns.storedCase(caseId), meetingId).closure;

describe('meeting.close', () => {
  it('closes the meeting with the closing answers and answers the approval card', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    await addGoal(turns, theCase);
    const closing = await closingOf(turns, theCase);
    const card = cardOf(await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...closing }));
    const stored = await turns.storedCase(theCase.caseId);
    const meeting = meetingById(stored, meetingId);
    expect(textsOf(card)).toContain(confirmations.meetingClosed(meeting.number!));
    expect(actionsOf(card).map((action) => action.verb)).toEqual(expect.arrayContaining(['minutes.approve', 'minutes.sendBack']));
    expect(meeting.closure).toMatchObject({ eyeKeeperMemberId: memberIdOf(stored, JONAS), summary: closing.summary });
    expect(meetingById(stored, meeting.closure!.nextMeetingId)).toMatchObject({ status: 'planned' });
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ action: 'meeting.close', outcome: 'ok' });
  });

  it('takes "no waiting time" as the answer to the waiting-time question, in the form\'s words; a written answer wins', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    await addGoal(turns, theCase);
    const closing = await closingOf(turns, theCase);
    await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...closing, waitingArrangement: '', noWaitingTime: 'true' });
    expect((await closureOf(theCase.caseId, meetingId))?.waitingArrangement).toBe(da.cards.goals.noWaitingTime);

    const next = await caseWithOpenMeeting(turns);
    await addGoal(turns, next);
    const written = await closingOf(turns, next);
    await click(METTE, next.home, 'meeting.close', { caseId: next.caseId, meetingId: next.meetingId, ...written, noWaitingTime: 'true' });
    expect((await closureOf(next.caseId, next.meetingId))?.waitingArrangement).toBe(written.waitingArrangement);
  });

  it('refuses an empty waiting-time question without the toggle, naming the toggle, and keeps the card', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    await addGoal(turns, theCase);
    const closing = await closingOf(turns, theCase);
    const answer = await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...closing, waitingArrangement: '', noWaitingTime: 'false' });
    expect(answer).toEqual({ message: da.errors.closingIncomplete({ missing: 'waitingArrangement' }) });
    expect(JSON.stringify(answer)).toContain(da.cards.goals.noWaitingTime);
    expect(await closureOf(theCase.caseId, meetingId)).toBeUndefined();
  });

  it('marks the questions the domain always requires as required, with the message in the user\'s language', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    const inputs = JSON.stringify(cardOf(await click(METTE, theCase.home, 'case.show', { caseId: theCase.caseId, view: 'closing' })));
    for (const id of ['feedbackMemberId', 'eyeKeeperMemberId', 'acuteContactMemberId', 'nextMeetingDate', 'summary'])
      expect(inputs).toMatch(new RegExp(`"id":"${id}"[^}]*"isRequired":true,"errorMessage":"${da.cards.goals.required}"`));
    // Conditional: answered by the text or by the "no waiting time" toggle.
    expect(inputs).not.toMatch(/"id":"waitingArrangement"[^}]*"isRequired":true/);
    expect(inputs).toContain('"id":"noWaitingTime"');
    expect(inputs).toContain(meetingId);
  });
});

describe('minutes.approve', () => {
  it('records the approval and writes the circulation to the outbox', async () => {
    const { meetingId, ...theCase } = await caseWithClosedMeeting(turns);
    const card = cardOf(await click(METTE, theCase.home, 'minutes.approve', { caseId: theCase.caseId, meetingId, approvedOn: TODAY }));
    expect(textsOf(card)).toContain(confirmations.approved);
    expect((await closureOf(theCase.caseId, meetingId))?.approval).toMatchObject({ approvedOn: TODAY, byAadObjectId: METTE.aadObjectId });
    const kinds = (await turns.bot().store.listOutbox(TENANT_ID, theCase.caseId)).map((message) => message.kind);
    expect(kinds).toEqual(expect.arrayContaining(['minutes', 'agreementAssigned', 'handOver']));
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ action: 'minutes.approve', outcome: 'ok' });
  });
});

describe('minutes.sendBack', () => {
  it('keeps the changes the young person asks for, and nothing is circulated', async () => {
    const { meetingId, ...theCase } = await caseWithClosedMeeting(turns);
    const card = cardOf(await click(METTE, theCase.home, 'minutes.sendBack', { caseId: theCase.caseId, meetingId, changes: 'Målet skal være snedker' }));
    expect(textsOf(card)).toContain(confirmations.sentBack);
    const closure = await closureOf(theCase.caseId, meetingId);
    expect(closure?.sentBack).toEqual([expect.objectContaining({ changes: 'Målet skal være snedker' })]);
    expect(closure?.approval).toBeUndefined();
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ action: 'minutes.sendBack', outcome: 'ok' });
  });
});

describe('minutes.show', () => {
  it('shows a team member with consent the minutes', async () => {
    const { meetingId, ...theCase } = await caseWithApprovedMeeting(turns);
    const card = cardOf(await click(ALI, personalChat(ALI), 'minutes.show', { caseId: theCase.caseId, meetingId }));
    expect(shows(card, theCase.reference)).toBe(true);
    expect(shows(card, GOAL.longTermGoal)).toBe(true);
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ actorAadObjectId: ALI.aadObjectId, action: 'goals.read', outcome: 'ok' });
  });

  it('is not a dead end for the coordinator before approval: it leads back to the approval card, and no longer once approved', async () => {
    const { meetingId, ...theCase } = await caseWithClosedMeeting(turns);
    const minutes = cardOf(await click(METTE, theCase.home, 'minutes.show', { caseId: theCase.caseId, meetingId }));
    expect(actionsOf(minutes)).toContainEqual(expect.objectContaining({ verb: 'minutes.approval', data: expect.objectContaining({ meetingId }) }));
    const approval = cardOf(await click(METTE, theCase.home, 'minutes.approval', { caseId: theCase.caseId, meetingId }));
    expect(actionsOf(approval).map((action) => action.verb)).toEqual(expect.arrayContaining(['minutes.approve', 'minutes.sendBack', 'minutes.show']));

    await click(METTE, theCase.home, 'minutes.approve', { caseId: theCase.caseId, meetingId, approvedOn: TODAY });
    const approved = cardOf(await click(METTE, theCase.home, 'minutes.show', { caseId: theCase.caseId, meetingId }));
    expect(actionsOf(approved).map((action) => action.verb)).not.toContain('minutes.approval');
  });

  it('offers a team member no way to the approval (it is the coordinator\'s)', async () => {
    const { meetingId, ...theCase } = await caseWithClosedMeeting(turns);
    const card = cardOf(await click(ALI, personalChat(ALI), 'minutes.show', { caseId: theCase.caseId, meetingId }));
    expect(actionsOf(card).map((action) => action.verb)).not.toContain('minutes.approval');
  });
});

describe('handOver.acknowledge', () => {
  it('records the eye-keeper\'s acknowledgement', async () => {
    const { meetingId, ...theCase } = await caseWithApprovedMeeting(turns);
    const card = cardOf(await click(JONAS, personalChat(JONAS), 'handOver.acknowledge', { caseId: theCase.caseId, meetingId }));
    expect(textsOf(card)).toContain(da.cards.goals.handOverTitle(theCase.reference));
    expect((await closureOf(theCase.caseId, meetingId))?.handOverAcknowledgedAt).toBe(NOW.toISOString());
    expect((await turns.auditOf(theCase.caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'handOver.acknowledge', outcome: 'ok' });
  });
});

/** Jonas gives the young person feedback after the meeting: closed so, and approved (the feedback reminders are then in the outbox). */
async function caseWithJonasGivingFeedback() {
  const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
  await addAgreement(turns, theCase, await addGoal(turns, theCase), JONAS);
  const feedbackMemberId = memberIdOf(await turns.storedCase(theCase.caseId), JONAS);
  cardOf(await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...(await closingOf(turns, theCase)), feedbackMemberId }));
  cardOf(await click(METTE, theCase.home, 'minutes.approve', { caseId: theCase.caseId, meetingId, approvedOn: TODAY }));
  return { ...theCase, meetingId };
}

/** The outbox sent when the feedback reminders and the coordinator's two-days reminder are long due. */
async function dispatchAfterTwoDays(): Promise<void> {
  const bot = turns.bot();
  // Teams' pacing in virtual time: the file's earlier cases have many messages waiting too.
  const clock = new FakeClock();
  const dispatcher = new OutboxDispatcher({
    store: bot.store,
    now: () => new Date('2026-11-27T12:00:00Z'),
    owner: 'feedback-test',
    send: createOutboxSender({ adapter: createAdapter(undefined, bot.log), botAppId: '', deps: bot.deps, log: bot.log }),
    leaseMs: 60_000,
    batchSize: 200,
    pacer: new SendPacer({ clock }),
  });
  await clock.run(dispatcher.runOnce());
}

describe('feedback.given', () => {
  const sent = () => turns.bot().connector.requests.filter((request) => request.kind === 'activity');
  /** The feedback reminders sent about a case, by their title. */
  const feedbackRemindersOf = (reference: string) => sent().filter((request) => textsOf(request.body).includes(da.cards.reminders.feedbackTitle(reference, 1)));
  const feedbackButtonsFor = (caseId: string) =>
    sent()
      .flatMap((request) => actionsOf(request.body))
      .filter((action) => action.verb === 'feedback.given' && action.data.caseId === caseId);

  it('records that the young person had feedback, once; the feedback reminder and its escalation are then not sent', async () => {
    const given = await caseWithJonasGivingFeedback();
    const notGiven = await caseWithJonasGivingFeedback();
    const pending = (await turns.bot().store.listOutbox(TENANT_ID, given.caseId)).filter((message) => message.kind === 'reminder' && message.about.reminder.startsWith('feedback'));
    expect(pending.map((message) => message.kind === 'reminder' && message.about.reminder).sort()).toEqual(['feedbackDue', 'feedbackOverdue']);

    const card = cardOf(await click(JONAS, personalChat(JONAS), 'feedback.given', { caseId: given.caseId, meetingId: given.meetingId }));
    expect(textsOf(card)).toContain(da.cards.reminders.feedbackGiven(da.dates.dateTime(NOW.toISOString())));
    expect(actionsOf(card)).toEqual([]);
    expect((await closureOf(given.caseId, given.meetingId))?.feedbackGiven).toEqual({ at: NOW.toISOString(), byAadObjectId: JONAS.aadObjectId });
    expect((await turns.auditOf(given.caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'feedback.given', outcome: 'ok' });
    // Once: the coordinator's click on her own reminder afterwards is told so, and the first record kept.
    expect(await click(METTE, personalChat(METTE), 'feedback.given', { caseId: given.caseId, meetingId: given.meetingId })).toEqual({ message: da.errors.feedbackAlreadyGiven({}) });

    await dispatchAfterTwoDays();
    expect(feedbackRemindersOf(given.reference)).toEqual([]);
    // The case where nobody recorded it: Jonas is reminded, and the coordinator told after two days, each with the button.
    expect(feedbackRemindersOf(notGiven.reference)).toHaveLength(2);
    expect(feedbackButtonsFor(notGiven.caseId)).toHaveLength(2);
  });

  it('is on the minutes for the one who gives it, whom the minutes answer once it is recorded; not for another member', async () => {
    const given = await caseWithJonasGivingFeedback();
    const forAli = cardOf(await click(ALI, personalChat(ALI), 'minutes.show', { caseId: given.caseId, meetingId: given.meetingId }));
    expect(actionsOf(forAli).map((action) => action.verb)).not.toContain('feedback.given');
    const forJonas = cardOf(await click(JONAS, personalChat(JONAS), 'minutes.show', { caseId: given.caseId, meetingId: given.meetingId }));
    const button = actionsOf(forJonas).find((action) => action.verb === 'feedback.given');
    expect(button?.data).toMatchObject({ caseId: given.caseId, meetingId: given.meetingId, from: 'minutes' });
    expect(textsOf(forJonas)).toContain(da.cards.reminders.recordFeedback);

    const minutes = cardOf(await click(JONAS, personalChat(JONAS), 'feedback.given', button!.data));
    expect(textsOf(minutes)).toContain(da.cards.goals.minutesTitle(given.reference, 1));
    expect(textsOf(minutes)).toContain(da.cards.reminders.feedbackGivenOn(da.dates.short(NOW.toISOString())));
    expect(actionsOf(minutes).map((action) => action.verb)).not.toContain('feedback.given');
  });

  it('is refused before the meeting is closed', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    expect(await click(METTE, personalChat(METTE), 'feedback.given', { caseId: theCase.caseId, meetingId })).toEqual({ message: da.errors.meetingNotClosed({}) });
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithOpenMeeting(turns), [
    { verb: 'meeting.close', who: JONAS, code: 'notCoordinator', data: async (theCase) => ({ meetingId: theCase.meetingId, ...(await closingOf(turns, theCase)) }) },
  ]);
  itRefuses(turns, () => caseWithClosedMeeting(turns), [
    { verb: 'minutes.approve', who: JONAS, code: 'notCoordinator', data: ({ meetingId }) => ({ meetingId, approvedOn: TODAY }) },
    { verb: 'minutes.sendBack', who: JONAS, code: 'notCoordinator', data: ({ meetingId }) => ({ meetingId, changes: 'Noget andet' }) },
    { verb: 'minutes.approval', who: JONAS, code: 'notCoordinator', audited: 'closing.read', data: ({ meetingId }) => ({ meetingId }) },
  ]);
  itRefuses(turns, () => caseWithApprovedMeeting(turns), [
    { verb: 'minutes.show', who: LARS, code: 'noValidConsent', audited: 'goals.read', data: ({ meetingId }) => ({ meetingId }) },
    { verb: 'handOver.acknowledge', who: ALI, code: 'notEyeKeeper', data: ({ meetingId }) => ({ meetingId }) },
    // Mette gives the feedback in this case: Jonas, on the team, may not record it for her.
    { verb: 'feedback.given', who: JONAS, code: 'notFeedbackGiver', data: ({ meetingId }) => ({ meetingId }) },
  ]);
});

describe('afslut', () => {
  it('answers a base card in the case\'s conversation, the closing questions to the coordinator in a 1:1 chat, and a refusal to others', async () => {
    const { caseId, reference, home, meetingId } = await caseWithOpenMeeting(turns);
    expectBaseCard(onlyCard(await say(LISE, home, 'afslut')), caseId, 'closing', da.cards.goals.closingBaseTitle(reference));

    await pickInPersonalChat(turns, METTE, caseId);
    const questions = onlyCard(await say(METTE, personalChat(METTE), 'afslut'));
    expect(actionsOf(questions)).toContainEqual(expect.objectContaining({ verb: 'meeting.close', data: expect.objectContaining({ meetingId }) }));

    await pickInPersonalChat(turns, JONAS, caseId);
    await turns.expectDenied(caseId, JONAS, 'notCoordinator', 'closing.read', () => say(JONAS, personalChat(JONAS), 'afslut'));
  });
});

describe("afslut's card in the thread (issue 11, section 8: old cards lie)", () => {
  const outboxOf = async (caseId: string) => turns.bot().store.listOutbox(TENANT_ID, caseId);

  it('is remembered on the meeting when the coordinator asks, and closing and approving write an update of it, the checklist and the base card', async () => {
    const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
    // Another member's `afslut` posts the base card too, but the closing view is the coordinator's: nothing is remembered.
    onlyCard(await say(LISE, theCase.home, 'afslut'));
    expect(meetingById(await turns.storedCase(theCase.caseId), meetingId).closingCards).toBeUndefined();
    onlyCard(await say(METTE, theCase.home, 'afslut'));
    const stored = await turns.storedCase(theCase.caseId);
    const [posted, ...more] = meetingById(stored, meetingId).closingCards ?? [];
    expect(more).toEqual([]);
    expect(posted).toEqual({ conversationId: theCase.home.conversationId, activityId: expect.stringMatching(/^stub-\d+$/) });
    const updatesOf = async (kind: string) => (await outboxOf(theCase.caseId)).filter((message) => message.kind === kind);
    const before = { closing: 0, checklist: (await updatesOf('checklistCard')).length, base: (await updatesOf('caseCard')).length };

    await addGoal(turns, theCase);
    cardOf(await click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...(await closingOf(turns, theCase)) }));
    expect(await updatesOf('closingCard')).toMatchObject([{ to: { kind: 'conversation', conversationId: posted!.conversationId }, about: { meetingId, activityId: posted!.activityId } }]);
    expect(await updatesOf('checklistCard')).toHaveLength(before.checklist + 1);
    // Closing planned the next meeting, which the base card shows.
    expect(await updatesOf('caseCard')).toHaveLength(before.base + 1);

    cardOf(await click(METTE, theCase.home, 'minutes.approve', { caseId: theCase.caseId, meetingId, approvedOn: TODAY }));
    expect(await updatesOf('closingCard')).toHaveLength(before.closing + 2);
    expect(await updatesOf('checklistCard')).toHaveLength(before.checklist + 2);
  });

  it("after approval the coordinator's approval card says approved, without the buttons to approve or send back, and without asking for the approval", async () => {
    const { meetingId, caseId, home } = await caseWithApprovedMeeting(turns);
    const card = cardOf(await click(METTE, home, 'minutes.approval', { caseId, meetingId }));
    expect(textsOf(card)).toContain(da.cards.goals.approved(da.dates.long(TODAY)));
    expect(textsOf(card)).not.toContain(da.cards.goals.approvalIntro);
    expect(actionsOf(card).map((action) => action.verb)).toEqual(['minutes.show']);
    // A click on an approval card of before is answered with a message, and changes nothing.
    expect(await click(METTE, home, 'minutes.approve', { caseId, meetingId, approvedOn: TODAY })).toEqual({ message: da.errors.minutesAlreadyApproved({}) });
    expect(await click(METTE, home, 'minutes.sendBack', { caseId, meetingId, changes: 'Noget andet' })).toEqual({ message: da.errors.minutesAlreadyApproved({}) });
  });
});
