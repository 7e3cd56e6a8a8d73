// The reminders issue end to end: "an agreement due in two working days produces the reminder card in
// the owner's chat when the clock is advanced; 'new date' moves it; 'needs help' reaches the
// eye-keeper." The real bot, as `npm start` starts it, behind the real Microsoft 365 Agents Playground,
// with its clock in a file (CLOCK_FILE): the use cases and the outbox dispatcher read the current instant
// from it on every call, so the test moves time by writing the file, and the dispatcher (every 200 ms,
// OUTBOX_INTERVAL_MS) sends what has fallen due. What the bot planned and sent is read from its SQLite
// file, read-only.
//
// The story: on Monday 23 November 2026 (10:00 in Copenhagen) Mette creates a case in Unge-teamet, adds
// Jonas and Ali from the roster, records consent for all, opens meeting no. 1 and makes Jonas its
// minute-taker. Jonas writes a goal and an agreement he owns, to be followed up on Monday 30 November.
// Mette closes the meeting (Ali keeps an eye on the young person) and records the approval.
// - The reminders are planned at 08:00 Copenhagen time on working days: two working days before a
//   Monday is the Thursday before (the weekend is not counted), on the day, and the working day after
//   (to the owner and to the eye-keeper). Nothing is sent before its time.
// - Thursday 08:00: Jonas's 1:1 chat gets the reminder card, once.
// - Jonas picks a new date on that card, Christmas Day (Friday 25 December, a public holiday, followed
//   by 2. juledag on the Saturday and a Sunday): the reminders for 30 November are settled without a
//   message when their time comes; the new "two working days before" (Wednesday 23 December) arrives.
// - The day itself falls on a holiday: its reminder waits for the next working day, Monday 28 December
//   08:00 (nothing on the 25th or the 26th), and says so; that Monday is Jonas's day, so "the date
//   passed" reaches him and Ali only on Tuesday 29 December (issue 11, section 7).
// - "Needs help", clicked on the reminder card on Sunday afternoon, reaches Ali and Mette at once.
// - A new date after New Year: two working days before Monday 4 January skip the weekend and New
//   Year's Day (Wednesday 30 December).
//
// The playground shows 1:1 chats with users other than its logged-in user (Mette) only in its log
// stream, which the harness reads (`toUserId`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import type { Agreement } from '../../bot/domain/goals';
import { da } from '../../bot/i18n/da';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import { CARD_VERSION, cardOf, click, commandInPersonalChat, commandInThread, createCaseInChannel, healthz, textsOf, titleOf, type ChannelCase, type YoungPersonInput, present } from './support/caseSteps';
import {
  actionData,
  actionsWithVerb,
  checklistSection,
  choiceValue,
  choicesOfInput,
  firstCard,
  inputById,
  outboxKey,
  outboxOf,
  showCard,
  shownObjectsOf,
  storedCase,
  submit,
  type OutboxRow,
} from './support/formSteps';
import { PERSONAL_CHAT_ID, USERS, startPlayground, type BotActivity, type CardActionResult, type JsonObject, type PlaygroundClient, type PlaygroundUser } from './support/playground';
import { allSettledAt, copenhagen, localParts, reminderLine, reminderRowsOf, setClock, waitForRows } from './support/reminderSteps';

const goals = da.cards.goals;
const labels = da.cards.reminders;
const outboxLabels = da.cards.outbox;
const roles = da.roles;
const { mette, jonas, ali } = USERS;

const DISPATCH_INTERVAL_MS = 200;
/** Long enough for several dispatcher runs: what has not come by then was not sent. */
const QUIET_MS = DISPATCH_INTERVAL_MS * 5;

// ---- the calendar (Copenhagen: CET, UTC+1, all through; 08:00 is 07:00 UTC) ----

/** Monday 23 November 2026, 10:00 in Copenhagen: the bot's "now" while the case is built. */
const T0 = '2026-11-23T09:00:00.000Z';
const TODAY = '2026-11-23';
/** The Danish public holidays within the test's weeks: no reminder may fall on them. */
const HOLIDAYS = ['2026-12-25', '2026-12-26', '2027-01-01'];

/** 19 years old on 23 November 2026: consent from the young person alone. */
const YOUNG_PERSON: YoungPersonInput = { name: 'Emil Vestergaard Holm', birthDate: '2007-10-14', phone: '+45 22 33 44 55', status: 'neither' };
const GOAL = { theme: 'work', longTermGoal: 'Jeg vil have et fast job på et lager.', subGoals: 'Tage truckcertifikat i foråret.' } as const;
/** Monday 30 November. */
const FIRST_DATE = '2026-11-30';
const AGREEMENT = { action: 'Jonas ringer til jobcentret om truckkurset.', followUpOn: FIRST_DATE, followUpMethod: 'phone' } as const;
const FIRST = {
  /** Two working days before a Monday: Friday (1), Thursday (2); the weekend does not count. */
  before: '2026-11-26T07:00:00.000Z',
  onDay: '2026-11-30T07:00:00.000Z',
  /** The working day after: Tuesday. */
  overdue: '2026-12-01T07:00:00.000Z',
} as const;
/** Friday 25 December: juledag, a public holiday; the 26th (2. juledag) is a Saturday. */
const NEW_DATE = '2026-12-25';
const NEW = {
  /** Thursday 24 December is a working day (1), Wednesday 23 (2). */
  before: '2026-12-23T07:00:00.000Z',
  /** The day is a holiday, then a holiday on a Saturday, then a Sunday: Monday 28 December. */
  onDay: '2026-12-28T07:00:00.000Z',
  /** The working day after Jonas's Monday: Tuesday 29 December (the owner has his day before the eye-keeper is told). */
  overdue: '2026-12-29T07:00:00.000Z',
} as const;
/** Monday 4 January 2027, after New Year's Day (a Friday). */
const LATER_DATE = '2027-01-04';
/** LATER_DATE as the confirmation writes it: the reader's way (da.dates.long). */
const LATER_DATE_LONG = 'mandag 4. januar 2027';
const LATER = {
  /** Sunday 3, Saturday 2 and New Year's Day do not count: Thursday 31 December (1), Wednesday 30 (2). */
  before: '2026-12-30T07:00:00.000Z',
  onDay: '2027-01-04T07:00:00.000Z',
  overdue: '2027-01-05T07:00:00.000Z',
} as const;
/** Twelve weeks ahead: its "call the meeting" reminder (three weeks before) lies beyond this test. */
const NEXT_MEETING = { date: '2027-02-16', time: '13:30' } as const;

describe('the reminders issue, end to end through the Agents Playground with the clock in a file', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  let dataDir = '';
  let clockDir = '';
  let clockFile = '';
  /** What the test last wrote to the clock file. */
  let clock = T0;

  let theCase: ChannelCase | undefined;
  const memberId = { mette: '', youngPerson: '', jonas: '', ali: '' };
  let meetingId = '';
  let agreementId = '';
  /** Jonas's 1:1 chat with the bot (opened by the bot for the circulated agreement). */
  let jonasChat = '';
  /** The reminder cards Jonas received, in order. */
  const cards: { firstBefore?: BotActivity; newBefore?: BotActivity; holidayOnDay?: BotActivity } = {};

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const theBot = (): BotProcess => present(bot, 'The bot did not start');
  const scenario = (): ChannelCase => present(theCase, 'The set-up did not create its case (see the first test)');
  const earlier = <T>(value: T | undefined, what: string): T => {
    if (value === undefined || value === '') throw new Error(`${what} is missing: an earlier step failed`);
    return value;
  };
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- clock: ${clock} (${copenhagen(clock)}) ---\n--- bot output ---\n${botOutputTail(bot)}`;
      throw error;
    }
  };

  const stored = (): Case => storedCase(dataDir, scenario().caseId).case;
  const storedAgreement = (): Agreement => {
    const found = stored().agreements.find((candidate) => candidate.id === agreementId);
    if (!found) throw new Error(`Agreement ${agreementId} is not stored`);
    return found;
  };
  const outbox = (): OutboxRow[] => outboxOf(dataDir, scenario().caseId);
  // The consent's own expiry reminder (issue 14), months after this scenario's clock stops, is not its business.
  const reminderRows = (): OutboxRow[] => reminderRowsOf(dataDir, scenario().caseId).filter((row) => row.about.reminder !== 'consentExpiring');
  /** The reminders of the agreement for one follow-up date, as lines (kind -> recipient at local time (date)). */
  const agreementReminders = (followUpOn: string, rows = reminderRows()): OutboxRow[] =>
    rows.filter((row) => row.about.agreementId === agreementId && row.about.followUpOn === followUpOn);
  const lines = (rows: OutboxRow[]): string[] => rows.map(reminderLine).sort();
  const line = (reminder: string, user: PlaygroundUser, instant: string, followUpOn: string): string =>
    `${reminder} -> ${user.id} at ${copenhagen(instant)} (${followUpOn})`;

  const lastSeq = (): number => pg().botActivities().at(-1)?.seq ?? 0;
  /** Messages the bot sent after `mark` (1:1 chats and threads), optionally only to one user. */
  const messagesSince = (mark: number, to?: PlaygroundUser): BotActivity[] =>
    pg()
      .botActivities()
      .filter((a) => a.seq > mark && a.kind === 'message' && (to === undefined || a.toUserId === to.id));
  const nextMessageTo = (mark: number, user: PlaygroundUser, timeoutMs = 5_000): Promise<BotActivity> =>
    pg().nextBotActivity((a) => a.seq > mark && a.kind === 'message' && a.toUserId === user.id, timeoutMs);
  const invoke = (user: PlaygroundUser, conversationId: string, action: { verb: string; data: JsonObject }, replyToId?: string): Promise<CardActionResult> =>
    pg().invokeCardAction(user.id, conversationId, action, replyToId);

  /** Sets the bot's clock, then waits until the dispatcher has settled everything due by then. */
  const advanceTo = async (instant: string): Promise<OutboxRow[]> => {
    clock = instant;
    setClock(clockFile, instant);
    return waitForRows(outbox, allSettledAt(instant), `the outbox due by ${instant} to be settled`);
  };
  /** Several dispatcher runs with nothing new sent since `mark` (to `user`, or to anyone). */
  const expectQuiet = async (mark: number, to?: PlaygroundUser): Promise<void> => {
    await sleep(QUIET_MS);
    expect(messagesSince(mark, to).map((a) => `#${a.seq} to ${a.toUserId ?? a.conversationId}: ${titleOf(a.cards[0]) ?? a.text}`)).toEqual([]);
  };

  /** Every reminder at 08:00 Copenhagen time on a working day (Monday to Friday, not a public holiday). */
  const expectOnWorkingDayMornings = (rows: OutboxRow[]): void => {
    for (const row of rows) {
      const { date, time, weekday } = localParts(row.notBefore);
      expect({ time, workingDay: weekday <= 5 && !HOLIDAYS.includes(date) }, reminderLine(row)).toEqual({ time: '08:00', workingDay: true });
    }
  };
  /** The card's Action.Execute buttons for the agreement: done, new date (behind "Ny dato"), needs help. */
  const expectAgreementButtons = (card: JsonObject): void => {
    const { caseId } = scenario();
    const data = { v: CARD_VERSION, caseId, agreementId };
    expect(actionsWithVerb(card, 'agreement.done').map((a) => a.data)).toEqual([data]);
    expect(actionsWithVerb(card, 'agreement.needsHelp').map((a) => a.data)).toEqual([data]);
    expect(actionData(showCard(card, goals.newDate), 'agreement.move')).toEqual({ ...data, dateInput: `followUpOn_${agreementId}` });
  };
  /** The texts of one agreement on an agreements card: the case, the goal, the action, the follow-up. */
  const agreementTexts = (followUpOn: string): string[] => [
    `${goals.case} ${scenario().reference} · ${YOUNG_PERSON.name}`,
    `${goals.themes.work}: ${GOAL.longTermGoal}`,
    AGREEMENT.action,
    goals.followUp(da.dates.short(followUpOn), goals.methods.phone),
  ];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-reminders-'));
    clockDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-clock-'));
    clockFile = join(clockDir, 'now');
    // The bot's clock is set before it starts: it never sees the real time.
    setClock(clockFile, T0);
    bot = await startBot({ via: 'npm-start', dataDir, env: { CLOCK_FILE: clockFile, OUTBOX_INTERVAL_MS: String(DISPATCH_INTERVAL_MS) } });
    playground = await startPlayground({ botEndpoint: theBot().endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (clockDir) rmSync(clockDir, { recursive: true, force: true });
  }, 60_000);

  // ---- set-up through the protocol ----

  it('set-up: Mette creates a case, adds Jonas and Ali, consent for all, meeting no. 1 with Jonas as minute-taker; Jonas adds a goal and his agreement (30 November); Mette closes (eye-keeper Ali) and approves; the circulation goes out', () =>
    withBotOutput(async () => {
      theCase = await createCaseInChannel(pg(), YOUNG_PERSON);
      const { threadId, caseId, reference } = theCase;

      const teamBase = await commandInThread(pg(), mette, threadId, 'team');
      let teamCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'team' }, teamBase.messageId));
      for (const [who, role] of [
        [jonas, 'youthGuidance'],
        [ali, 'housingSupport'],
      ] as const) {
        const teamsUser = choiceValue(teamCard, 'teamsUser', who.name);
        teamCard = cardOf(await click(pg(), mette, threadId, 'team.addTeamsUser', { caseId, teamsUser, teamsRole: role }, teamBase.messageId));
        expect(textsOf(teamCard)).toContain(da.cards.done.memberAdded);
      }

      // Consent, as Teams submits the form: given today (the bot's today, 23 November) and the suggested expiry.
      const consentBase = await commandInThread(pg(), mette, threadId, 'samtykke');
      const consentCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'consent' }, consentBase.messageId));
      expect(inputById(consentCard, 'givenOn').value).toBe(TODAY);
      const parties = choicesOfInput(inputById(consentCard, 'partyMemberIds'));
      const party = (title: string): string => {
        const found = parties.find((choice) => choice.title.startsWith(`${title}: `));
        if (!found) throw new Error(`No party ${title} in ${JSON.stringify(parties)}`);
        return found.value;
      };
      Object.assign(memberId, { mette: party(mette.name), youngPerson: party(YOUNG_PERSON.name), jonas: party(jonas.name), ali: party(ali.name) });
      const recorded = cardOf(
        await invoke(mette, threadId, submit(consentCard, 'consent.record', { givenByYoungPerson: 'true', partyMemberIds: parties.map((p) => p.value).join(',') }), consentBase.messageId),
      );
      expect(textsOf(recorded)).toContain(da.cards.done.consentRecorded);

      // Meeting no. 1, today at the bot's now; Jonas is its minute-taker.
      const openActivity = await commandInThread(pg(), mette, threadId, 'møde');
      const mark = lastSeq();
      const opened = await invoke(mette, threadId, submit(firstCard(openActivity), 'meeting.open'), openActivity.messageId);
      expect(textsOf(cardOf(opened))[0]).toBe(da.cards.meeting.opened(1));
      const meetingBase = await pg().nextBotActivity((a) => a.seq > mark && a.kind === 'message' && a.conversationId === threadId && a.cards.length > 0);
      meetingId = String(actionData(firstCard(meetingBase), 'meeting.show').meetingId);
      const checklist = cardOf(await invoke(mette, threadId, { verb: 'meeting.show', data: actionData(firstCard(meetingBase), 'meeting.show') }, meetingBase.messageId));
      const answered = cardOf(await invoke(mette, threadId, submit(checklistSection(checklist, da.checklist.sections.roles), 'meeting.answer', { roleWriter: memberId.jonas }), meetingBase.messageId));
      expect(textsOf(answered)).toContain(da.cards.meeting.saved);

      // Jonas writes the goal and his agreement.
      const goalsBase = await commandInThread(pg(), jonas, threadId, 'mål');
      let form = cardOf(await click(pg(), jonas, threadId, 'goals.show', { caseId }, goalsBase.messageId));
      form = cardOf(await invoke(jonas, threadId, submit(showCard(form, goals.addGoal), 'goal.add', { ...GOAL }), goalsBase.messageId));
      expect(textsOf(form)).toContain(goals.confirmations.goalAdded);
      const goalId = stored().goals[0]?.id ?? '';
      const agreementForm = showCard(form, goals.addAgreement);
      const owner = choiceValue(agreementForm, 'ownerMemberId', `${jonas.name} (${roles.youthGuidance})`);
      form = cardOf(await invoke(jonas, threadId, submit(agreementForm, 'agreement.add', { goalId, ownerMemberId: owner, ...AGREEMENT }), goalsBase.messageId));
      expect(textsOf(form)).toContain(goals.confirmations.agreementAdded);
      agreementId = stored().agreements[0]?.id ?? '';
      expect(storedAgreement()).toMatchObject({ ownerMemberId: memberId.jonas, followUpOn: FIRST_DATE, status: 'open', meetingId });
      // Nothing is planned before the approval.
      expect(reminderRows()).toEqual([]);

      // Mette closes the meeting (Ali keeps an eye on the young person) and records the approval.
      const closeMessage = await commandInPersonalChat(pg(), mette, 'afslut');
      const closed = cardOf(
        await invoke(
          mette,
          PERSONAL_CHAT_ID,
          submit(firstCard(closeMessage), 'meeting.close', {
            waitingArrangement: 'Ali kigger forbi hver uge.',
            feedbackMemberId: memberId.mette,
            eyeKeeperMemberId: memberId.ali,
            acuteContactMemberId: memberId.ali,
            nextMeetingDate: NEXT_MEETING.date,
            nextMeetingTime: NEXT_MEETING.time,
            summary: 'Emil vil gerne i arbejde.',
            // The checklist has only the minute-taker: Mette confirms closing without the rest (issue 11, section 2).
            confirmEmptySections: 'true',
          }),
          closeMessage.messageId,
        ),
      );
      expect(titleOf(closed)).toBe(goals.approvalTitle(reference, 1));
      const approveForm = showCard(closed, goals.approve);
      expect(inputById(approveForm, 'approvedOn').value).toBe(TODAY);
      const beforeApproval = lastSeq();
      const approved = cardOf(await invoke(mette, PERSONAL_CHAT_ID, submit(approveForm, 'minutes.approve'), closeMessage.messageId));
      expect(textsOf(approved)).toContain(goals.confirmations.approved);
      // Recorded at the bot's now, the instant in the clock file.
      expect(stored().meetings[0]?.closure?.approval).toMatchObject({ approvedOn: TODAY, recordedAt: T0 });

      // The circulation, due at once: the minutes in the thread, Jonas's agreement, the hand-over to Ali.
      const assigned = await nextMessageTo(beforeApproval, jonas, 10_000);
      expect(titleOf(firstCard(assigned))).toBe(goals.assignedTitle(reference, 1));
      jonasChat = assigned.conversationId;
      expect(titleOf(firstCard(await nextMessageTo(beforeApproval, ali, 10_000)))).toBe(goals.handOverTitle(reference));
      await waitForRows(outbox, allSettledAt(T0), 'the circulation to be sent');
      expect(outbox().filter((row) => row.kind !== 'reminder' && row.status === 'sent').map((row) => row.kind).sort()).toEqual(['agreementAssigned', 'handOver', 'minutes']);
    }), 60_000);

  // ---- 1. planned, and nothing before its time ----

  it('1. the approval planned the agreement\'s reminders at 08:00 Copenhagen time on working days: Thursday 26 November (a Monday date: the weekend is not counted), the day, and the working day after to Jonas and to Ali; while the clock stays at Monday 10:00, nothing reminder-like is sent', () =>
    withBotOutput(async () => {
      const mark = lastSeq();
      const rows = reminderRows();
      expect(lines(agreementReminders(FIRST_DATE, rows))).toEqual(
        [
          line('agreementBefore', jonas, FIRST.before, FIRST_DATE),
          line('agreementOnDay', jonas, FIRST.onDay, FIRST_DATE),
          line('agreementOverdue', jonas, FIRST.overdue, FIRST_DATE),
          line('agreementOverdue', ali, FIRST.overdue, FIRST_DATE),
        ].sort(),
      );
      // The instants themselves, as stored (copenhagen() above only shows them).
      expect(agreementReminders(FIRST_DATE, rows).map((row) => row.notBefore).sort()).toEqual([FIRST.before, FIRST.onDay, FIRST.overdue, FIRST.overdue]);
      for (const row of agreementReminders(FIRST_DATE, rows)) {
        expect(row, reminderLine(row)).toMatchObject({ status: 'pending', attempts: 0, sentAt: null, serviceUrl: pg().serviceUrl });
        expect(row.about).toMatchObject({ agreementId, followUpOn: FIRST_DATE });
      }
      expect(agreementReminders(FIRST_DATE, rows).find((row) => row.about.reminder === 'agreementOverdue' && row.to.kind === 'user' && row.to.teamsUserId === ali.id)?.about.memberId).toBe(memberId.ali);
      // Every reminder the approval planned (the agreement's, the feedback's, the next meeting's, the
      // rhythm's) lies ahead, at 08:00 on a working day.
      expect(rows.length).toBeGreaterThan(4);
      expectOnWorkingDayMornings(rows);
      for (const row of rows) expect(Date.parse(row.notBefore), reminderLine(row)).toBeGreaterThan(Date.parse(T0));

      await expectQuiet(mark);
      expect(reminderRows().every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
    }));

  // ---- 2. Thursday 08:00 ----

  it('2. at Thursday 07:59:59 Jonas has nothing (Mette gets her feedback and hand-over reminders, due earlier); at 08:00:01 his 1:1 chat gets the reminder card, once: the title with the date, the agreement, done / new date / needs help; the row is sent at the file clock\'s instant', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      const justBefore = '2026-11-26T06:59:59.000Z';
      let mark = lastSeq();
      await advanceTo(justBefore);
      await expectQuiet(mark, jonas);
      // Mette's reminders of Tuesday and Wednesday (feedback) and the hand-over reminder went out meanwhile.
      expect(
        messagesSince(mark)
          .map((a) => `${a.toUserId}: ${textsOf(a.cards[0]).join(' | ')}`)
          .sort(),
      ).toEqual(
        [
          `${mette.id}: ${labels.feedbackTitle(reference, 1)} | ${labels.feedbackDue}`,
          `${mette.id}: ${labels.feedbackTitle(reference, 1)} | ${labels.feedbackOverdue}`,
          `${mette.id}: ${outboxLabels.handOverPendingTitle(reference)} | ${outboxLabels.handOverPending(ali.name)}`,
        ].sort(),
      );
      expect(agreementReminders(FIRST_DATE).find((row) => row.about.reminder === 'agreementBefore')).toMatchObject({ status: 'pending', attempts: 0 });

      mark = lastSeq();
      const thursday = '2026-11-26T07:00:01.000Z';
      clock = thursday;
      setClock(clockFile, thursday);
      const reminder = await nextMessageTo(mark, jonas, 5_000);
      cards.firstBefore = reminder;
      expect(reminder.conversationId).toBe(earlier(jonasChat, "Jonas's 1:1 chat"));
      expect(reminder.status).toBe(201);
      const card = firstCard(reminder);
      expect(textsOf(card)).toEqual([labels.agreement.agreementBefore(reference, da.dates.long(FIRST_DATE)), labels.ownerIntro, ...agreementTexts(FIRST_DATE)]);
      expectAgreementButtons(card);
      expect(inputById(showCard(card, goals.newDate), `followUpOn_${agreementId}`).value).toBe(FIRST_DATE);

      // Exactly once, and to no one else.
      await sleep(QUIET_MS * 2);
      expect(messagesSince(mark).map((a) => a.toUserId)).toEqual([jonas.id]);
      const row = agreementReminders(FIRST_DATE).find((r) => r.about.reminder === 'agreementBefore');
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: thursday });
      // The others for 30 November wait.
      expect(agreementReminders(FIRST_DATE).filter((r) => r.status === 'pending').map(reminderLine).sort()).toEqual(
        [line('agreementOnDay', jonas, FIRST.onDay, FIRST_DATE), line('agreementOverdue', jonas, FIRST.overdue, FIRST_DATE), line('agreementOverdue', ali, FIRST.overdue, FIRST_DATE)].sort(),
      );
    }));

  // ---- 3. new date ----

  it('3a. "Ny dato" on the reminder card (agreement.move, Christmas Day): the stored agreement has the new date; reminders are planned for it (the day itself is a holiday: Monday 28 December); those for 30 November stay pending', () =>
    withBotOutput(async () => {
      const reminder = earlier(cards.firstBefore, 'The reminder card');
      const form = showCard(firstCard(reminder), goals.newDate);
      const dateInput = String(actionData(form, 'agreement.move').dateInput);
      const moved = cardOf(await invoke(jonas, reminder.conversationId, submit(form, 'agreement.move', { [dateInput]: NEW_DATE }), reminder.messageId));
      expect(textsOf(moved)).toEqual([goals.mineTitle, goals.confirmations.agreementMoved(da.dates.long(NEW_DATE)), ...agreementTexts(NEW_DATE)]);
      expect(storedAgreement()).toMatchObject({ followUpOn: NEW_DATE, status: 'open' });
      expect(storedAgreement().history.at(-1)).toEqual({ at: clock, byAadObjectId: jonas.aadObjectId, kind: 'newDate', followUpOn: NEW_DATE });

      const rows = reminderRows();
      expect(lines(agreementReminders(NEW_DATE, rows))).toEqual(
        [
          line('agreementBefore', jonas, NEW.before, NEW_DATE),
          line('agreementOnDay', jonas, NEW.onDay, NEW_DATE),
          line('agreementOverdue', jonas, NEW.overdue, NEW_DATE),
          line('agreementOverdue', ali, NEW.overdue, NEW_DATE),
        ].sort(),
      );
      expect(agreementReminders(NEW_DATE, rows).map((row) => row.notBefore).sort()).toEqual([NEW.before, NEW.onDay, NEW.overdue, NEW.overdue]);
      expect(agreementReminders(NEW_DATE, rows).every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
      expectOnWorkingDayMornings(agreementReminders(NEW_DATE, rows));
      expect(agreementReminders(FIRST_DATE, rows).filter((row) => row.status === 'pending')).toHaveLength(3);
    }));

  it('3b. past the old day (Monday 30 November 08:00) and the working day after: the reminders for the old date are settled without a message; Jonas and Ali get nothing', () =>
    withBotOutput(async () => {
      const mark = lastSeq();
      await advanceTo('2026-11-30T07:00:01.000Z');
      await expectQuiet(mark);
      expect(agreementReminders(FIRST_DATE).find((row) => row.about.reminder === 'agreementOnDay')).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: clock });

      await advanceTo('2026-12-01T07:00:01.000Z');
      await expectQuiet(mark);
      const old = agreementReminders(FIRST_DATE);
      expect(old.map((row) => [reminderLine(row), row.status, row.attempts, row.lastError])).toEqual(old.map((row) => [reminderLine(row), 'sent', 1, null]));
      // Only the one sent on Thursday ever reached Jonas.
      expect(pg().botActivities().filter((a) => a.kind === 'message' && a.toUserId === jonas.id && textsOf(a.cards[0]).some((text) => text.includes(da.dates.long(FIRST_DATE))))).toEqual([
        earlier(cards.firstBefore, 'The first reminder'),
      ]);
    }));

  it('3c. Wednesday 23 December: nothing at 07:59:59; at 08:00:01 the new reminder arrives, with the new date, once', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      let mark = lastSeq();
      await advanceTo('2026-12-23T06:59:59.000Z');
      await expectQuiet(mark, jonas);
      expect(agreementReminders(NEW_DATE).every((row) => row.status === 'pending')).toBe(true);

      mark = lastSeq();
      clock = '2026-12-23T07:00:01.000Z';
      setClock(clockFile, clock);
      const reminder = await nextMessageTo(mark, jonas, 5_000);
      cards.newBefore = reminder;
      const card = firstCard(reminder);
      expect(textsOf(card)).toEqual([labels.agreement.agreementBefore(reference, da.dates.long(NEW_DATE)), labels.ownerIntro, ...agreementTexts(NEW_DATE)]);
      expectAgreementButtons(card);
      expect(inputById(showCard(card, goals.newDate), `followUpOn_${agreementId}`).value).toBe(NEW_DATE);
      await sleep(QUIET_MS * 2);
      expect(messagesSince(mark).map((a) => a.toUserId)).toEqual([jonas.id]);
      expect(agreementReminders(NEW_DATE).find((row) => row.about.reminder === 'agreementBefore')).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock });
    }));

  // ---- 5a. a holiday and a weekend ----

  it('5a. the day is a holiday: on Christmas Day (10:00) and on the Saturday (2. juledag) the on-the-day reminder is not sent; it waits for Monday 08:00', () =>
    withBotOutput(async () => {
      const mark = lastSeq();
      for (const instant of ['2026-12-25T09:00:00.000Z', '2026-12-26T09:00:00.000Z']) {
        await advanceTo(instant);
        await expectQuiet(mark);
        const onDay = agreementReminders(NEW_DATE).find((row) => row.about.reminder === 'agreementOnDay');
        expect(onDay, copenhagen(instant)).toMatchObject({ status: 'pending', attempts: 0, notBefore: NEW.onDay });
      }
      expect(localParts(NEW.onDay)).toEqual({ date: '2026-12-28', time: '08:00', weekday: 1 });
    }));

  // ---- 4. needs help ----

  it('4. "Brug for hjælp" on the reminder card on Sunday afternoon: Ali (the eye-keeper) and Mette get the needs-help message at once, not at 08:00 on a working day, each exactly once', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      await advanceTo('2026-12-27T13:00:00.000Z');
      const reminder = earlier(cards.newBefore, 'The new reminder card');
      const mark = lastSeq();
      const asked = cardOf(await invoke(jonas, reminder.conversationId, submit(firstCard(reminder), 'agreement.needsHelp'), reminder.messageId));
      const clicked = Date.now();
      expect(textsOf(asked)).toEqual([goals.mineTitle, goals.confirmations.helpAsked, ...agreementTexts(NEW_DATE)]);
      expect(storedAgreement().history.at(-1)).toEqual({ at: clock, byAadObjectId: jonas.aadObjectId, kind: 'needsHelp' });

      const help = outbox().filter((row) => row.kind === 'needsHelp');
      expect(help.map(outboxKey).sort()).toEqual([`needsHelp -> ${ali.id}`, `needsHelp -> ${mette.id}`].sort());
      for (const row of help) expect(row).toMatchObject({ notBefore: clock, about: { agreementId } });

      const expected = [outboxLabels.needsHelpTitle(reference), outboxLabels.needsHelp(jonas.name, AGREEMENT.action)];
      const toAli = await nextMessageTo(mark, ali, 5_000);
      const toMette = await nextMessageTo(mark, mette, 5_000);
      expect(textsOf(firstCard(toAli))).toEqual(expected);
      expect(textsOf(firstCard(toMette))).toEqual(expected);
      expect(toMette.conversationId).toBe(PERSONAL_CHAT_ID);
      // At once: within a few dispatcher runs of the click (real time), with the clock still at Sunday 14:00.
      expect(Math.max(toAli.receivedAt, toMette.receivedAt) - clicked).toBeLessThan(3_000);
      await sleep(QUIET_MS * 2);
      expect(messagesSince(mark).map((a) => a.toUserId).sort()).toEqual([ali.id, mette.id].sort());
      expect(outbox().filter((row) => row.kind === 'needsHelp').map((row) => [row.status, row.attempts, row.sentAt])).toEqual([
        ['sent', 1, clock],
        ['sent', 1, clock],
      ]);
      // Asking for help changes no date: the reminders of Monday and Tuesday still wait.
      expect(agreementReminders(NEW_DATE).filter((row) => row.status === 'pending')).toHaveLength(3);
    }));

  // ---- 5b. the next working day ----

  it('5b. Monday 28 December: nothing at 07:59:59; at 08:00:01 Jonas gets the reminder of the day (which was a holiday: the title says so), once, with its buttons; Ali gets nothing: the day is Jonas\'s', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      let mark = lastSeq();
      await advanceTo('2026-12-28T06:59:59.000Z');
      await expectQuiet(mark);

      mark = lastSeq();
      clock = '2026-12-28T07:00:01.000Z';
      setClock(clockFile, clock);
      const toJonas = await nextMessageTo(mark, jonas, 5_000);
      cards.holidayOnDay = toJonas;
      await waitForRows(outbox, allSettledAt(clock), 'Monday\'s reminder to be settled');
      await sleep(QUIET_MS * 2);
      expect(messagesSince(mark).map((a) => a.toUserId)).toEqual([jonas.id]);
      const card = firstCard(toJonas);
      expect(textsOf(card)).toEqual([labels.agreementOnDayAfterDayOff(reference, da.dates.long(NEW_DATE)), labels.ownerIntro, ...agreementTexts(NEW_DATE)]);
      expect(toJonas.cards).toHaveLength(1);
      expectAgreementButtons(card);
      // That the date passed waits for the working day after Jonas's day.
      const rows = agreementReminders(NEW_DATE);
      expect(rows.map((row) => [reminderLine(row), row.status, row.sentAt]).sort()).toEqual(
        [
          [line('agreementBefore', jonas, NEW.before, NEW_DATE), 'sent', '2026-12-23T07:00:01.000Z'],
          [line('agreementOnDay', jonas, NEW.onDay, NEW_DATE), 'sent', clock],
          [line('agreementOverdue', jonas, NEW.overdue, NEW_DATE), 'pending', null],
          [line('agreementOverdue', ali, NEW.overdue, NEW_DATE), 'pending', null],
        ].sort(),
      );
    }));

  it('5c. Tuesday 29 December: nothing at 07:59:59; at 08:00:01 Jonas hears that the date passed and Ali (the eye-keeper) gets the date-passed notice, each once', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      let mark = lastSeq();
      await advanceTo('2026-12-29T06:59:59.000Z');
      await expectQuiet(mark);

      mark = lastSeq();
      clock = '2026-12-29T07:00:01.000Z';
      setClock(clockFile, clock);
      const toJonas = await nextMessageTo(mark, jonas, 5_000);
      const toAli = await nextMessageTo(mark, ali, 5_000);
      await waitForRows(outbox, allSettledAt(clock), 'Tuesday\'s reminders to be settled');
      await sleep(QUIET_MS * 2);
      expect(messagesSince(mark).map((a) => a.toUserId).sort()).toEqual([ali.id, jonas.id].sort());
      expect(textsOf(firstCard(toJonas))).toEqual([labels.agreement.agreementOverdue(reference, da.dates.long(NEW_DATE)), labels.ownerIntro, ...agreementTexts(NEW_DATE)]);
      // Ali, the eye-keeper, hears that the date passed; acting on it is Jonas's.
      expect(textsOf(firstCard(toAli))).toEqual([labels.agreement.agreementOverdue(reference, da.dates.long(NEW_DATE)), labels.overdueToEyeKeeper(jonas.name, AGREEMENT.action)]);
      expect(actionsWithVerb(firstCard(toAli), 'agreement.done')).toEqual([]);
      const rows = agreementReminders(NEW_DATE).filter((row) => row.about.reminder === 'agreementOverdue');
      expect(rows.map((row) => [reminderLine(row), row.status, row.attempts, row.sentAt])).toEqual(rows.map((row) => [reminderLine(row), 'sent', 1, clock]));
    }));

  // ---- 6. holidays when counting back ----

  it('6. a new date after New Year (Monday 4 January): two working days before skip the weekend and New Year\'s Day, Wednesday 30 December; then the day and the working day after', () =>
    withBotOutput(async () => {
      const onDay = earlier(cards.holidayOnDay, "Monday's message");
      const form = shownObjectsOf(firstCard(onDay)).find((o) => o.type === 'Action.ShowCard' && o.title === goals.newDate)?.card;
      if (form === undefined) throw new Error(`No "${goals.newDate}" on ${JSON.stringify(firstCard(onDay))}`);
      const moved = cardOf(await invoke(jonas, onDay.conversationId, submit(form, 'agreement.move', { [`followUpOn_${agreementId}`]: LATER_DATE }), onDay.messageId));
      expect(textsOf(moved).slice(0, 2)).toEqual([goals.mineTitle, goals.confirmations.agreementMoved(LATER_DATE_LONG)]);
      expect(storedAgreement()).toMatchObject({ followUpOn: LATER_DATE, status: 'open' });
      expect(lines(agreementReminders(LATER_DATE))).toEqual(
        [
          line('agreementBefore', jonas, LATER.before, LATER_DATE),
          line('agreementOnDay', jonas, LATER.onDay, LATER_DATE),
          line('agreementOverdue', jonas, LATER.overdue, LATER_DATE),
          line('agreementOverdue', ali, LATER.overdue, LATER_DATE),
        ].sort(),
      );
      expect(agreementReminders(LATER_DATE).map((row) => row.notBefore).sort()).toEqual([LATER.before, LATER.onDay, LATER.overdue, LATER.overdue]);
      expectOnWorkingDayMornings(agreementReminders(LATER_DATE));
    }));

  // "Ny dato" shows the current date, prefilled (the card's Input.Date value). Saving it unchanged plans
  // nothing again: four outbox rows for 4 January (before, on the day, the day after to Jonas and to
  // Ali), and on Wednesday 30 December one message naming the agreement once.
  it('7. "Ny dato" saved with the date unchanged does not plan the reminders a second time; Wednesday\'s reminder names the agreement once', () =>
    withBotOutput(async () => {
      const mine = await commandInPersonalChat(pg(), jonas, 'mine');
      const form = showCard(firstCard(mine), goals.newDate);
      expect(inputById(form, `followUpOn_${agreementId}`).value).toBe(LATER_DATE);
      const saved = cardOf(await invoke(jonas, mine.conversationId, submit(form, 'agreement.move'), mine.messageId));
      expect(textsOf(saved).slice(0, 2)).toEqual([goals.mineTitle, goals.confirmations.agreementMoved(LATER_DATE_LONG)]);

      const mark = lastSeq();
      clock = '2026-12-30T07:00:01.000Z';
      setClock(clockFile, clock);
      await nextMessageTo(mark, jonas, 5_000);
      await waitForRows(outbox, allSettledAt(clock), 'Wednesday\'s reminder to be settled');
      await sleep(QUIET_MS * 2);
      const sent = messagesSince(mark, jonas);
      const actions = sent.flatMap((a) => a.cards.flatMap((card) => textsOf(card))).filter((text) => text === AGREEMENT.action);
      expect({ messages: sent.length, agreementListed: actions.length, rows: lines(agreementReminders(LATER_DATE)).length }).toEqual({ messages: 1, agreementListed: 1, rows: 4 });
    }));

  it('finally: no outbox row failed and none is stuck; the bot is healthy', () =>
    withBotOutput(async () => {
      const rows = outbox();
      expect(rows.filter((row) => row.status === 'failed')).toEqual([]);
      expect(rows.filter((row) => row.status === 'pending' && Date.parse(row.notBefore) <= Date.parse(clock)).map((row) => `${row.kind} ${JSON.stringify(row.about)}`)).toEqual([]);
      expect(await healthz(theBot().url)).toMatchObject({ status: 200 });
    }));
});
