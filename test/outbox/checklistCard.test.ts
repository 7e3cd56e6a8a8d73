// The checklist's card goes out through the outbox like everything the bot sends by itself: an answer
// (a card action on the real server in this process) writes the update with the change, and the
// dispatcher, with the real sender and botbuilder's connector client, puts the new card in place of the
// activity posted when the meeting was opened (a PUT, never a new post), then forgets the message.
// Answers waiting together make one update; woken by the write, the dispatcher sends an update at
// once, and the answer returns once it is out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingBaseCard } from '../../cards/channelCards';
import { answerFingerprint } from '../../cards/fingerprint';
import { CARD_VERSION } from '../../cards/version';
import type { Actor } from '../../bot/app/context';
import { openCase } from '../../bot/app/openCase';
import { answerMeetingChecklist, openNetworkMeeting, recordChecklistCard } from '../../bot/app/runMeeting';
import type { Case } from '../../bot/domain/case';
import { meetingById, openMeetingOf } from '../../bot/domain/meeting';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { OutboxDispatcher } from '../../bot/outbox/dispatcher';
import { SendPacer, realPacingClock } from '../../bot/outbox/pacing';
import { wakingOnDueMessages } from '../../bot/outbox/wakeOnDue';
import type { StubRequest } from '../bench/teamsConnectorStub';
import { createAdapter } from '../../bot/teams/adapter';
import { createOutboxSender } from '../../bot/teams/outboxSender';
import { YOUNG_PERSON } from '../app/appFixture';
import { type InProcessBot, startInProcessBot } from '../hardening/inProcessBot';

const TENANT = 'tenant-checklist';
const THREAD = '19:case-thread@thread.tacv2';
const POSTED = 'activity-of-the-checklist-card';

let bot: InProcessBot;
let coordinator: Actor;
let caseId = '';
let meetingId = '';
let sent = 0;

beforeEach(async () => {
  bot = await startInProcessBot({ logLevel: 'silent' });
  coordinator = { tenantId: TENANT, aadObjectId: 'aad-mette', name: 'Mette', teamsUserId: '29:mette', serviceUrl: bot.serviceUrl };
  caseId = (await openCase(bot.deps, coordinator, YOUNG_PERSON, async () => ({ kind: 'channelThread', conversationId: THREAD }))).id;
  const opened = await openNetworkMeeting(bot.deps, coordinator, caseId, { date: '2026-11-23', time: '10:00' });
  meetingId = openMeetingOf(opened)!.id;
  // Where `meeting.open` posted the checklist's base card in the thread.
  await recordChecklistCard(bot.deps, coordinator, caseId, meetingId, { conversationId: THREAD, activityId: POSTED });
});
afterEach(async () => {
  await bot.close();
});

/** Mette clicks a verb on the card in the thread, in her Teams' language. */
function clickInThread(id: string, verb: string, data: Record<string, unknown>, locale: string) {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id,
    channelId: 'msteams',
    serviceUrl: bot.serviceUrl,
    from: { id: '29:mette', aadObjectId: 'aad-mette', name: 'Mette' },
    recipient: { id: '28:bot', name: 'Samarbejdsbot' },
    conversation: { id: THREAD, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, channel: { id: '19:channel' } },
    locale,
    replyToId: POSTED,
    value: { action: { type: 'Action.Execute', verb, data: { v: CARD_VERSION, caseId, meetingId, ...data } } },
  };
  return bot.post('/api/messages', JSON.stringify(activity));
}

/** Mette saves one answer from the card in the thread. */
async function answer(questionId: string, value: string, locale = 'da-DK'): Promise<void> {
  const answered = await clickInThread(`answer-${++sent}`, 'meeting.answer', { seen: { [questionId]: answerFingerprint('') }, [questionId]: value }, locale);
  expect(answered.status).toBe(200);
  expect(answered.body).toContain(da.cards.meeting.saved);
}

/** As the service runs it: within Teams' rate limits (one update every 150 ms or so to the thread). */
const dispatcher = () =>
  new OutboxDispatcher({
    store: bot.store,
    now: bot.deps.now,
    owner: 'checklist-test',
    send: createOutboxSender({ adapter: createAdapter(undefined, bot.log), botAppId: '', deps: bot.deps, log: bot.log }),
    leaseMs: 60_000,
    batchSize: 50,
    pacer: new SendPacer({ clock: realPacingClock }),
  });

const updates = (): StubRequest[] => bot.connector.requests.filter((request) => request.kind === 'update');
const posts = (): StubRequest[] => bot.connector.requests.filter((request) => request.kind === 'activity' || request.kind === 'createConversation');
const stored = async (): Promise<Case> => (await bot.store.getCase(TENANT, caseId))!.case;
const cardOf = (request: StubRequest | undefined) => (request?.body?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
const pendingUpdates = async () => (await bot.store.listOutbox(TENANT, caseId)).filter((message) => message.kind === 'checklistCard');

describe("the checklist's card, through the outbox", () => {
  it('an answer is written with one update of the posted card, which the dispatcher puts in its place, then forgets', async () => {
    await answer('prepPreMeeting', 'yes');
    // The turn itself no longer touches the card: the update waits in the outbox, due now.
    expect(updates()).toEqual([]);
    const [pending, ...more] = await pendingUpdates();
    expect(more).toEqual([]);
    expect(pending).toMatchObject({ to: { kind: 'conversation', conversationId: THREAD }, about: { meetingId, locale: 'da-DK' }, status: 'pending', serviceUrl: bot.serviceUrl });

    expect(await dispatcher().runOnce()).toMatchObject({ claimed: 1, sent: 1, failed: 0 });

    const [update, ...others] = updates();
    expect(others).toEqual([]);
    expect(update).toMatchObject({ conversationId: THREAD, activityId: POSTED, status: 200 });
    const current = await stored();
    expect(cardOf(update)).toEqual(meetingBaseCard(da, current, meetingById(current, meetingId)));
    expect(JSON.stringify(cardOf(update))).toContain(da.cards.meeting.progress(1, 0).split(':')[0]);
    expect(JSON.stringify(cardOf(update))).not.toContain(YOUNG_PERSON.name);
    expect(posts()).toEqual([]);
    // Delivered, the update is deleted: it records nothing.
    expect(await pendingUpdates()).toEqual([]);
  });

  it('answers that wait together make one update, showing all of them', async () => {
    await answer('prepPreMeeting', 'yes');
    await answer('prepHandoverSent', 'no');
    await answer('otherName_1', 'Moster');
    expect(await pendingUpdates()).toHaveLength(3);

    expect(await dispatcher().runOnce()).toMatchObject({ claimed: 3, sent: 3 });

    expect(updates()).toHaveLength(1);
    const current = await stored();
    expect(Object.keys(meetingById(current, meetingId).answers)).toHaveLength(3);
    expect(cardOf(updates()[0])).toEqual(meetingBaseCard(da, current, meetingById(current, meetingId)));
    expect(await bot.store.listOutbox(TENANT, caseId).then((all) => all.filter((message) => message.kind === 'checklistCard'))).toEqual([]);
  });

  it('a cancellation updates the card too, in the language of the one who cancelled', async () => {
    expect((await clickInThread('cancel-1', 'meeting.cancel', { reason: 'youngPersonIll' }, 'en-US')).status).toBe(200);

    await dispatcher().runOnce();

    const [update, ...others] = updates();
    expect(others).toEqual([]);
    expect(update).toMatchObject({ conversationId: THREAD, activityId: POSTED });
    const current = await stored();
    expect(cardOf(update)).toEqual(meetingBaseCard(en, current, meetingById(current, meetingId)));
    expect(JSON.stringify(cardOf(update))).toContain(en.cards.meeting.states.cancelled);
  });

  it('is sent at once by the running dispatcher, woken by the write, and the answer returns once it is (as bot/index.ts wires it)', async () => {
    const running = dispatcher();
    const store = wakingOnDueMessages(bot.store, bot.deps.now, (messageIds) => running.wake(messageIds));
    // Its next run by the timer would be a minute away.
    running.start(60_000);
    try {
      // The first run, at start, finds nothing.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(updates()).toEqual([]);
      for (const [questionId, answered] of [['prepPreMeeting', 1], ['prepHandoverSent', 2], ['vipAttached', 3]] as const) {
        await answerMeetingChecklist({ ...bot.deps, store }, coordinator, caseId, meetingId, { [questionId]: 'yes' });
        // One update per answer given one after another (within the pacing), each out before the answer returned.
        expect(updates()).toHaveLength(answered);
        const current = await stored();
        expect(cardOf(updates().at(-1))).toEqual(meetingBaseCard(da, current, meetingById(current, meetingId)));
      }
      expect(await pendingUpdates()).toEqual([]);
    } finally {
      await running.stop();
    }
  });
});
