// The Monday radar end to end (issue 14 §3): "the Monday radar arrives once with the right cases". The
// real bot behind the Microsoft 365 Agents Playground, its clock in a file (CLOCK_FILE), its outbox
// dispatcher and its radar job each running every 200 ms, so that many passes of the job fall in every
// step. What the bot wrote is read from its SQLite file, read-only.
//
// The story: on Wednesday 25 November 2026 (10:00 in Copenhagen) Mette creates two cases in
// Unge-teamet: Emil's (19: no meeting planned, the hand-over to the adults' administration due) and
// Sofie's (15), for which she plans the next network meeting at once, on Monday 21 December (nothing
// needs attention; its "call the meeting" reminder falls three weeks before: Monday 30 November 08:00).
// - Sunday 29 November, 13:00: nineteen hours before the radar, nothing is written yet.
// - Sunday 21:00: within sixteen hours, Emil's case has its radar message, due Monday 08:00; Sofie's none;
//   nothing is sent before its time.
// - Monday 30 November, 08:00: Mette's 1:1 chat gets one message: the radar, naming Emil's case only,
//   joined with that day's reminder of Sofie's meeting; the job kept running all night and wrote it once.
// - Monday noon: nothing more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import { cardOf, commandInThread, createCaseInChannel, present, textsOf, titleOf, type ChannelCase, type YoungPersonInput } from './support/caseSteps';
import { firstCard, outboxOf, submit, type OutboxRow } from './support/formSteps';
import { freePort } from './support/freePort';
import { PERSONAL_CHAT_ID, TENANT_ID, USERS, startPlayground, type BotActivity, type PlaygroundClient } from './support/playground';
import { allSettledAt, copenhagen, setClock, waitForRows } from './support/reminderSteps';

const { mette } = USERS;
const labels = da.cards.radar;

const INTERVAL_MS = 200;
/** Long enough for several runs of the dispatcher and the job: what has not happened by then did not. */
const QUIET_MS = INTERVAL_MS * 5;

/** Wednesday 25 November 2026, 10:00 in Copenhagen (CET: UTC+1). */
const T0 = '2026-11-25T09:00:00.000Z';
const SUNDAY_AFTERNOON = '2026-11-29T12:00:00.000Z';
const SUNDAY_EVENING = '2026-11-29T20:00:00.000Z';
/** Monday 30 November, 08:00 in Copenhagen. */
const MONDAY_08 = '2026-11-30T07:00:00.000Z';
const MONDAY_NOON = '2026-11-30T11:00:00.000Z';

/** 19 on 25 November 2026: past 18½, so the hand-over to the adults' administration is due. */
const EMIL: YoungPersonInput = { name: 'Emil Vestergaard Holm', birthDate: '2007-10-14', phone: '+45 22 33 44 55', status: 'neither' };
/** 15: no transition ahead before April 2027. */
const SOFIE: YoungPersonInput = { name: 'Sofie Lind Andersen', birthDate: '2011-06-01', phone: '+45 33 44 55 66', status: 'education' };

describe('the Monday radar, end to end through the Agents Playground with the clock in a file', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  let dataDir = '';
  let clockDir = '';
  let clockFile = '';
  let clock = T0;
  let emil: ChannelCase | undefined;
  let sofie: ChannelCase | undefined;

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- clock: ${clock} (${copenhagen(clock)}) ---\n--- bot output ---\n${botOutputTail(bot)}`;
      throw error;
    }
  };
  const radarRows = (theCase: ChannelCase | undefined): OutboxRow[] =>
    outboxOf(dataDir, present(theCase, 'The set-up did not create its cases').caseId).filter((row) => row.kind === 'reminder' && row.about.reminder === 'radar');
  const everyRow = (): OutboxRow[] => [emil, sofie].flatMap((theCase) => (theCase ? outboxOf(dataDir, theCase.caseId) : []));
  const advanceTo = async (instant: string): Promise<void> => {
    clock = instant;
    setClock(clockFile, instant);
    await waitForRows(everyRow, allSettledAt(instant), `the outbox due by ${instant} to be settled`);
  };
  const lastSeq = (): number => pg().botActivities().at(-1)?.seq ?? 0;
  const toMetteSince = (mark: number): BotActivity[] =>
    pg()
      .botActivities()
      .filter((a) => a.seq > mark && a.kind === 'message' && (a.toUserId === mette.id || a.conversationId === PERSONAL_CHAT_ID));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-radar-'));
    clockDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-clock-'));
    clockFile = join(clockDir, 'now');
    setClock(clockFile, T0);
    // The radar is caused by no one's activity: it reaches Teams (here the playground's connector) at TEAMS_SERVICE_URL.
    const playgroundPort = await freePort();
    bot = await startBot({
      via: 'node',
      dataDir,
      env: {
        CLOCK_FILE: clockFile,
        OUTBOX_INTERVAL_MS: String(INTERVAL_MS),
        RADAR_INTERVAL_MS: String(INTERVAL_MS),
        TEAMS_SERVICE_URL: `http://127.0.0.1:${playgroundPort}/_connector`,
      },
    });
    playground = await startPlayground({ botEndpoint: present(bot, 'The bot did not start').endpoint, port: playgroundPort });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (clockDir) rmSync(clockDir, { recursive: true, force: true });
  }, 60_000);

  it('set-up: Mette creates Emil’s case and Sofie’s, and plans Sofie’s next network meeting', () =>
    withBotOutput(async () => {
      emil = await createCaseInChannel(pg(), EMIL);
      sofie = await createCaseInChannel(pg(), SOFIE);
      const openCard = await commandInThread(pg(), mette, sofie.threadId, 'møde');
      cardOf(await pg().invokeCardAction(mette, sofie.threadId, submit(firstCard(openCard), 'meeting.plan', { meetingDate: '2026-12-21', meetingTime: '10:00' }), present(openCard.messageId, 'The open card id')));
      await advanceTo(T0);
      expect([...radarRows(emil), ...radarRows(sofie)]).toEqual([]);
    }), 60_000);

  it('1. Sunday 13:00, nineteen hours ahead: no radar is written yet', () =>
    withBotOutput(async () => {
      await advanceTo(SUNDAY_AFTERNOON);
      await sleep(QUIET_MS);
      expect([...radarRows(emil), ...radarRows(sofie)]).toEqual([]);
    }), 30_000);

  it('2. Sunday 21:00: Emil’s case has its radar, due Monday 08:00, to Mette; Sofie’s, with nothing to attend to, has none; nothing is sent yet', () =>
    withBotOutput(async () => {
      const mark = lastSeq();
      clock = SUNDAY_EVENING;
      setClock(clockFile, SUNDAY_EVENING);
      const rows = await waitForRows(() => radarRows(emil), (found) => found.length > 0, 'the radar of Emil’s case');
      expect(rows.map((row) => ({ id: row.id, status: row.status, notBefore: row.notBefore, to: row.to, digest: row.about.digest }))).toEqual([
        {
          id: `radar:${TENANT_ID}:${present(emil, 'Emil’s case').caseId}:2026-11-30`,
          status: 'pending',
          notBefore: MONDAY_08,
          to: { kind: 'user', aadObjectId: mette.aadObjectId, teamsUserId: mette.id },
          digest: 'reminders 2026-11-30',
        },
      ]);
      await sleep(QUIET_MS);
      expect(radarRows(sofie)).toEqual([]);
      expect(radarRows(emil)).toHaveLength(1);
      expect(toMetteSince(mark)).toEqual([]);
    }), 30_000);

  it('3. Monday 08:00: Mette gets one message, the radar naming Emil’s case and what needs attention, not Sofie’s, with the day’s reminder of Sofie’s meeting; written and sent once', () =>
    withBotOutput(async () => {
      const mark = lastSeq();
      await advanceTo(MONDAY_08);
      const message = await pg().nextBotActivity((a) => a.seq > mark && a.kind === 'message' && (a.toUserId === mette.id || a.conversationId === PERSONAL_CHAT_ID), 10_000);
      const card = firstCard(message);
      expect(titleOf(card)).toBe(labels.weekTitle(1));
      const texts = textsOf(card);
      expect(texts).toContain(labels.caseHeading(present(emil, 'Emil’s case').reference));
      expect(texts).toContain(`• ${labels.items.noMeetingPlanned}`);
      expect(texts).toContain(`• ${labels.items.adultHandOverDue}`);
      expect(texts).not.toContain(labels.caseHeading(present(sofie, 'Sofie’s case').reference));
      expect(JSON.stringify(message.cards)).not.toContain(EMIL.name);
      // The day's other reminder in the same message, after the radar.
      expect(message.cards.map((shown) => titleOf(shown))).toEqual([labels.weekTitle(1), da.cards.reminders.nextMeetingTitle(present(sofie, 'Sofie’s case').reference)]);
      await sleep(QUIET_MS);
      expect(toMetteSince(mark)).toHaveLength(1);
      expect(radarRows(emil).map((row) => row.status)).toEqual(['sent']);
    }), 30_000);

  it('4. Monday noon: nothing more, and no second radar written', () =>
    withBotOutput(async () => {
      const mark = lastSeq();
      await advanceTo(MONDAY_NOON);
      await sleep(QUIET_MS);
      expect(toMetteSince(mark)).toEqual([]);
      expect(radarRows(emil)).toHaveLength(1);
      expect(radarRows(sofie)).toEqual([]);
    }), 30_000);
});
