// Old cards do not lie (issue 11, section 8): when a meeting changes state or the case's coordinator or
// next meeting changes, every card of it posted in the thread is put right through the outbox, as the
// checklist's card after an answer (checklistCard.test.ts): the dispatcher, with the real sender and
// botbuilder's connector client, PUTs the new card in place of the activity posted before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseCard, meetingBaseCard, minutesBaseCard } from '../../cards/channelCards';
import type { Actor } from '../../bot/app/context';
import { approveAndCirculate, closeNetworkMeeting, recordClosingCard } from '../../bot/app/closeMeeting';
import { openCase } from '../../bot/app/openCase';
import { cancelNetworkMeeting, openNetworkMeeting, planNetworkMeeting, recordChecklistCard } from '../../bot/app/runMeeting';
import { type Case, coordinatorOf } from '../../bot/domain/case';
import { meetingById, openMeetingOf } from '../../bot/domain/meeting';
import { da } from '../../bot/i18n/da';
import { OutboxDispatcher } from '../../bot/outbox/dispatcher';
import { SendPacer, realPacingClock } from '../../bot/outbox/pacing';
import type { StubRequest } from '../bench/teamsConnectorStub';
import { createAdapter } from '../../bot/teams/adapter';
import { createOutboxSender } from '../../bot/teams/outboxSender';
import { YOUNG_PERSON } from '../app/appFixture';
import { type InProcessBot, startInProcessBot } from '../hardening/inProcessBot';

const NOW = new Date('2026-11-23T09:00:00Z');
const TENANT = 'tenant-thread-cards';
const THREAD = '19:case-thread@thread.tacv2;messageid=first-post';
/** The thread's first post, the case's base card. */
const FIRST_POST = 'first-post';
const CHECKLIST_POST = 'activity-of-the-checklist-card';
const CLOSING_POST = 'activity-of-afslut-card';

let bot: InProcessBot;
let coordinator: Actor;
let caseId = '';

beforeEach(async () => {
  bot = await startInProcessBot({ logLevel: 'silent', now: () => NOW });
  coordinator = { tenantId: TENANT, aadObjectId: 'aad-mette', name: 'Mette Madsen', teamsUserId: '29:mette', serviceUrl: bot.serviceUrl, locale: 'da-DK' };
  caseId = (await openCase(bot.deps, coordinator, YOUNG_PERSON, async () => ({ kind: 'channelThread', conversationId: THREAD, baseCardId: FIRST_POST }))).id;
});
afterEach(async () => {
  await bot.close();
});

const dispatcher = () =>
  new OutboxDispatcher({
    store: bot.store,
    now: bot.deps.now,
    owner: 'thread-cards-test',
    send: createOutboxSender({ adapter: createAdapter(undefined, bot.log), botAppId: '', deps: bot.deps, log: bot.log }),
    leaseMs: 60_000,
    batchSize: 50,
    pacer: new SendPacer({ clock: realPacingClock }),
  });

const updatesOf = (activityId: string): StubRequest[] => bot.connector.requests.filter((request) => request.kind === 'update' && request.activityId === activityId);
const stored = async (): Promise<Case> => (await bot.store.getCase(TENANT, caseId))!.case;
const cardOf = (request: StubRequest | undefined) => (request?.body?.attachments as { content: unknown }[] | undefined)?.[0]?.content;

/** Opened, with its checklist posted in the thread where `meeting.open` posts it. */
async function openedMeeting(): Promise<string> {
  const meetingId = openMeetingOf(await openNetworkMeeting(bot.deps, coordinator, caseId, { date: '2026-11-23', time: '10:00' }))!.id;
  await recordChecklistCard(bot.deps, coordinator, caseId, meetingId, { conversationId: THREAD, activityId: CHECKLIST_POST });
  return meetingId;
}

async function close(meetingId: string): Promise<void> {
  const coordinatorId = coordinatorOf(await stored()).id;
  await closeNetworkMeeting(bot.deps, coordinator, caseId, meetingId, {
    waitingArrangement: 'Ingen ventetid',
    feedbackMemberId: coordinatorId,
    eyeKeeperMemberId: coordinatorId,
    acuteContactMemberId: coordinatorId,
    nextMeetingDate: '2027-02-15',
    nextMeetingTime: '09:00',
    summary: 'Fokus på uddannelse.',
    confirmEmptySections: true,
  });
}

describe("the thread's cards, through the outbox", () => {
  it("planning a meeting puts the thread's base card right: the next meeting, in place of the first post", async () => {
    await planNetworkMeeting(bot.deps, coordinator, caseId, { date: '2027-01-11', time: '09:30' });
    expect(updatesOf(FIRST_POST)).toEqual([]);
    expect((await bot.store.listOutbox(TENANT, caseId)).filter((message) => message.kind === 'caseCard')).toMatchObject([{ to: { kind: 'conversation', conversationId: THREAD }, about: { locale: 'da-DK' } }]);

    await dispatcher().runOnce();

    const [update, ...others] = updatesOf(FIRST_POST);
    expect(others).toEqual([]);
    expect(update).toMatchObject({ conversationId: THREAD, status: 200 });
    expect(cardOf(update)).toEqual(baseCard(da, await stored(), 'overview'));
    const shown = JSON.stringify(cardOf(update));
    expect(shown).toContain('11.01.2027 kl. 09:30');
    expect(shown).toContain('Mette Madsen');
    expect(shown).not.toContain(YOUNG_PERSON.name);
    expect(shown).not.toContain(YOUNG_PERSON.birthDate);
    expect(shown).not.toContain('01.05.2007');
  });

  it('closing the meeting puts its checklist in the thread right: closed, its minutes awaiting approval', async () => {
    const meetingId = await openedMeeting();
    await dispatcher().runOnce();
    const before = updatesOf(CHECKLIST_POST).length;

    await close(meetingId);
    await dispatcher().runOnce();

    const update = updatesOf(CHECKLIST_POST).at(-1);
    expect(updatesOf(CHECKLIST_POST)).toHaveLength(before + 1);
    const current = await stored();
    expect(cardOf(update)).toEqual(meetingBaseCard(da, current, meetingById(current, meetingId)));
    const shown = JSON.stringify(cardOf(update));
    expect(shown).toContain(JSON.stringify(da.cards.meeting.phases.awaitingApproval));
    expect(shown).not.toContain(JSON.stringify(da.cards.meeting.phases.open));
    // The base card shows the next meeting closing planned.
    expect(JSON.stringify(cardOf(updatesOf(FIRST_POST).at(-1)))).toContain('15.02.2027 kl. 09:00');
  });

  it("approving puts `afslut`'s card right: approved, and the checklist says so too", async () => {
    const meetingId = await openedMeeting();
    await close(meetingId);
    // `afslut` posted after the meeting closed, showing its approval.
    await recordClosingCard(bot.deps, coordinator, caseId, { conversationId: THREAD, activityId: CLOSING_POST });
    await dispatcher().runOnce();
    expect(updatesOf(CLOSING_POST)).toEqual([]);

    await approveAndCirculate(bot.deps, coordinator, caseId, meetingId, '2026-11-23');
    await dispatcher().runOnce();

    const [update, ...others] = updatesOf(CLOSING_POST);
    expect(others).toEqual([]);
    const current = await stored();
    expect(cardOf(update)).toEqual(baseCard(da, current, 'closing'));
    expect(JSON.stringify(cardOf(update))).toContain(JSON.stringify(da.cards.meeting.phases.approved));
    expect(JSON.stringify(cardOf(updatesOf(CHECKLIST_POST).at(-1)))).toContain(JSON.stringify(da.cards.meeting.phases.approved));
  });

  it("an update of `afslut`'s card names the meeting it was posted for, not a meeting opened since", async () => {
    const meetingId = await openedMeeting();
    await close(meetingId);
    await recordClosingCard(bot.deps, coordinator, caseId, { conversationId: THREAD, activityId: CLOSING_POST });
    // Before the young person approves, an internal meeting is opened: what `afslut` is about now.
    await openNetworkMeeting(bot.deps, coordinator, caseId, { date: '2026-11-23', time: '10:00' }, undefined, 'internal');
    await dispatcher().runOnce();

    await approveAndCirculate(bot.deps, coordinator, caseId, meetingId, '2026-11-23');
    await dispatcher().runOnce();

    const [update, ...others] = updatesOf(CLOSING_POST);
    expect(others).toEqual([]);
    const facts = (cardOf(update) as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body.find((item) => item.type === 'FactSet')?.facts;
    // Closing the internal meeting later updates only its own cards: this one must not say it is open.
    expect(facts).toEqual([
      { title: da.cards.threadBase.meeting, value: da.cards.threadBase.meetingNo(1) },
      { title: da.cards.threadBase.state, value: da.cards.meeting.phases.approved },
    ]);
  });

  it('the minutes posted in the thread are remembered, and put right when the next meeting they name is cancelled', async () => {
    const meetingId = await openedMeeting();
    await close(meetingId);
    await approveAndCirculate(bot.deps, coordinator, caseId, meetingId, '2026-11-23');
    await dispatcher().runOnce();
    const minutes = meetingById(await stored(), meetingId).minutesCard;
    const posted = bot.connector.requests.filter((request) => request.kind === 'activity' && request.conversationId === THREAD);
    expect(posted).toHaveLength(1);
    expect(minutes).toEqual({ conversationId: THREAD, activityId: expect.stringMatching(/^stub-\d+$/) });

    const nextMeetingId = meetingById(await stored(), meetingId).closure!.nextMeetingId;
    await cancelNetworkMeeting(bot.deps, coordinator, { caseId, meetingId: nextMeetingId, reason: 'youngPersonIll' });
    await dispatcher().runOnce();

    const [update, ...others] = updatesOf(minutes!.activityId);
    expect(others).toEqual([]);
    const current = await stored();
    expect(cardOf(update)).toEqual(minutesBaseCard(da, current, meetingById(current, meetingId)));
    expect(JSON.stringify(cardOf(update))).toContain(`(${da.cards.meeting.states.cancelled})`);
    // Put in place, never posted again.
    expect(bot.connector.requests.filter((request) => request.kind === 'activity' && request.conversationId === THREAD)).toHaveLength(1);
  });
});
