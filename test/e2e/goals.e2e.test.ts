// The goals and agreements issue end to end: the real bot (first as `npm start` starts it, later as
// `node dist/bot/index.js`) behind the real Microsoft 365 Agents Playground. Everything goes through the
// bot's protocol (cards/README.md): chat commands and Action.Execute invokes with the data Teams sends.
// What the bot stored and what its outbox holds are read from its SQLite file, read-only.
//
// The story: Mette (coordinator) creates a case in Unge-teamet, adds Jonas (UU-vejleder) and Ali
// (bostøtte) from the roster and an external VIP, records consent for all, opens meeting no. 1 and makes
// Jonas its minute-taker. Jonas writes the form: a goal in the young person's words and three agreements
// (himself, the young person, the VIP); Ali may not write. Mette closes the meeting (an incomplete close
// is refused) and, before the young person's approval, nothing is in the outbox. The bot is then
// restarted with its dispatcher stopped, the approval is recorded (the circulation is written to the
// outbox, nothing is sent), and the bot is killed with SIGKILL. After a normal restart every due message
// goes out exactly once: the minutes in the thread, Jonas's agreement to his 1:1 chat, the young
// person's and the VIP's agreements to Mette (who relays), the hand-over to Ali. Ali acknowledges; Jonas
// uses `mine`: a new date, "needs help" (which reaches Ali and Mette at once), done.
//
// The playground shows 1:1 chats with users other than its logged-in user (Mette) only in its log
// stream, which the harness reads (`toUserId`); Mette's own 1:1 chat is also in the web UI's stream.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import type { Agreement } from '../../bot/domain/goals';
import type { Meeting } from '../../bot/domain/meeting';
import { da } from '../../bot/i18n/da';
import { FORGOTTEN_ONCE_SENT } from '../../bot/store/port';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import {
  CARD_VERSION,
  MESSAGE_ANSWER,
  birthDateForAge,
  cardOf,
  click,
  commandInPersonalChat,
  commandInThread,
  createCaseInChannel,
  daysFromToday,
  healthz,
  executeActionsOf,
  factValue,
  factsOf,
  textsOf,
  titleOf,
  today,
  type ChannelCase,
  type YoungPersonInput,
  present,
} from './support/caseSteps';
import {
  actionData,
  actionsWithVerb,
  answerTexts,
  checklistSection,
  choiceValue,
  choicesOfInput,
  firstCard,
  inputById,
  killHard,
  outboxKey,
  outboxOf,
  processAlive,
  showCard,
  storedCase,
  submit,
  type OutboxRow,
} from './support/formSteps';
import { freePort } from './support/freePort';
import { PERSONAL_CHAT_ID, USERS, startPlayground, type BotActivity, type CardActionResult, type JsonObject, type PlaygroundClient, type PlaygroundUser } from './support/playground';

const ZONE = 'Europe/Copenhagen';
const goals = da.cards.goals;
const outboxLabels = da.cards.outbox;
const roles = da.roles;
const { mette, jonas, ali } = USERS;

/** 19 years old: consent from the young person alone. Every one of these is personal data. */
const YOUNG_PERSON: YoungPersonInput = {
  name: 'Sofie Lykke Brandt',
  birthDate: birthDateForAge(19),
  phone: '+45 26 37 48 59',
  email: 'sofie.brandt@example.dk',
  address: 'Vestergade 12, 5000 Odense C',
  status: 'neither',
};
const VIP = { name: 'Hanne Brandt', phone: '51 62 73 84' } as const;
const VIP_NAME = `${VIP.name} (${da.cards.team.external})`;
const PERSONAL_DATA = [YOUNG_PERSON.name, ...YOUNG_PERSON.name.split(' '), YOUNG_PERSON.birthDate, YOUNG_PERSON.phone ?? '', YOUNG_PERSON.email ?? '', YOUNG_PERSON.address ?? '', VIP.name, VIP.phone];

/** The goal, in the young person's own words, and the three agreements under it. */
const GOAL = { theme: 'education', longTermGoal: 'Jeg vil være tømrer og have min egen lejlighed.', subGoals: 'Starte på grundforløb 1 efter sommerferien.' } as const;
const AGREEMENTS = {
  jonas: { action: 'Jonas ringer til erhvervsskolen om optagelse på grundforløbet.', followUpOn: daysFromToday(7), followUpMethod: 'phone' },
  youngPerson: { action: 'Sofie besøger erhvervsskolen til åbent hus.', followUpOn: daysFromToday(10), followUpMethod: 'meeting' },
  vip: { action: 'Hanne kører Sofie til åbent hus.', followUpOn: daysFromToday(12), followUpMethod: 'other', followUpMethodOther: 'sms til Mette' },
} as const;
/** Five weeks ahead: the coordinator's reminder to call it (three weeks before) is then not due during the test. */
const NEXT_MEETING = { date: daysFromToday(35), time: '13:30' } as const;
const NEW_FOLLOW_UP = daysFromToday(9);
const DISPATCH_INTERVAL_MS = 200;

type Who = 'mette' | 'youngPerson' | 'jonas' | 'ali' | 'vip';

describe('the goals and agreements issue, end to end through the Agents Playground', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  let dataDir = '';
  let botPort = 0;
  /** Output of earlier bot processes (output() covers the current one only). */
  const earlierOutput: string[] = [];

  // Built up by the story, in order.
  let theCase: ChannelCase | undefined;
  const memberId: Record<Who, string> = { mette: '', youngPerson: '', jonas: '', ali: '', vip: '' };
  let meetingId = '';
  let goalId = '';
  const agreementId: Record<'jonas' | 'youngPerson' | 'vip', string> = { jonas: '', youngPerson: '', vip: '' };
  /** Jonas's latest goals form (his invoke answer). */
  let jonasForm: JsonObject | undefined;
  /** The base cards `mål` and `afslut` posted in the thread (the goals form's clicks are made on the first). */
  let goalsBaseId = '';
  let closingBaseId = '';
  /** The checklist's base card `meeting.open` posted in the thread. */
  let checklistBaseId = '';
  /** The close card in Mette's 1:1 chat, and the approval card it turned into. */
  let closeMessage: BotActivity | undefined;
  let approvalForm: JsonObject | undefined;
  /** What the dispatcher sent after the crash, by kind. */
  const delivered: Partial<Record<'minutes' | 'assigned' | 'handOver', BotActivity>> & { relays: BotActivity[] } = { relays: [] };

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const theBot = (): BotProcess => present(bot, 'The bot did not start');
  const scenario = (): ChannelCase => present(theCase, 'The set-up did not create its case (see the first test)');
  const earlier = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
    return value;
  };
  /** Failures show the end of the bot's output (and of the bot processes before it, after a restart). */
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) {
        const before = earlierOutput.map((output, index) => `--- bot process ${index + 1} ---\n${output.slice(-1_500)}`).join('\n');
        error.message += `\n${before}\n--- bot output ---\n${botOutputTail(bot)}`;
      }
      throw error;
    }
  };

  const stored = (): Case => storedCase(dataDir, scenario().caseId).case;
  const etag = (): string => storedCase(dataDir, scenario().caseId).etag;
  const outbox = (): OutboxRow[] => outboxOf(dataDir, scenario().caseId);
  /**
   * The outbox without the planned reminders (kind `reminder`, the reminders issue): what circulating the
   * form and "needs help" write. The reminders are checked only for not being due during the test.
   */
  const messagesInOutbox = (): OutboxRow[] => outbox().filter((row) => row.kind !== 'reminder');
  /** Rows about meeting no. 1 or its agreements: none may exist before the young person's approval. */
  const aboutTheForm = (rows: OutboxRow[]): OutboxRow[] =>
    rows.filter((row) => row.about.meetingId === meetingId || Object.values(agreementId).includes(row.about.agreementId ?? '-') || row.about.afterMeetingId === meetingId);
  /** Nothing planned is due yet: every pending row waits for a later time (the hand-over reminder, the reminders). */
  const expectNothingElseDue = (rows: OutboxRow[]): void => {
    for (const row of rows.filter((r) => r.status === 'pending')) expect(Date.parse(row.notBefore), `${outboxKey(row)} ${JSON.stringify(row.about)}`).toBeGreaterThan(Date.now() + 60_000);
  };
  const storedMeeting = (id = meetingId): Meeting => {
    const found = stored().meetings.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`Meeting ${id} is not stored`);
    return found;
  };
  const storedAgreement = (id: string): Agreement => {
    const found = stored().agreements.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`Agreement ${id} is not stored`);
    return found;
  };

  const lastSeq = (): number => pg().botActivities().at(-1)?.seq ?? 0;
  /** The first bot activity after `mark` that matches (and was not returned before). */
  const after = (mark: number, predicate: (a: BotActivity) => boolean, timeoutMs = 10_000): Promise<BotActivity> => pg().nextBotActivity((a) => a.seq > mark && predicate(a), timeoutMs);
  const sentSince = (mark: number): BotActivity[] => pg().botActivities().filter((a) => a.seq > mark && (a.kind === 'message' || a.kind === 'createConversation'));

  const invoke = (user: PlaygroundUser, conversationId: string, action: { verb: string; data: JsonObject }, replyToId?: string): Promise<CardActionResult> =>
    pg().invokeCardAction(user.id, conversationId, action, replyToId);
  const expectRefusal = (result: CardActionResult, text: string): void => {
    expect({ type: result.type, value: result.value }).toEqual({ type: MESSAGE_ANSWER, value: text });
  };
  /** The texts a card shows before any button is pressed (not those of the forms behind Action.ShowCard). */
  const shownTexts = (card: JsonObject): string[] => textsOf({ ...card, actions: [], body: (Array.isArray(card.body) ? card.body : []).filter((item: JsonObject) => item.type !== 'ActionSet') });
  const expectNoPersonalData = (what: unknown): void => {
    const json = JSON.stringify(what);
    for (const personal of PERSONAL_DATA) expect(json, `personal data "${personal}"`).not.toContain(personal);
  };

  /**
   * The cards that show meeting no. 1's state are each updated in place, once, after `mark`, to say
   * `state`: the case's base card (the thread's first post, naming the next meeting), the checklist's
   * base card, and the two cards Mette's `afslut` posted (in the thread, 2a, and in her 1:1 chat, 2c).
   * Nothing else is updated, and the updates in the thread carry no personal data.
   */
  const expectCardsPutRight = async (mark: number, state: string): Promise<void> => {
    const { threadId, reference } = scenario();
    const baseCardId = earlier(scenario().threadPost.messageId, "The thread's first post id");
    const personalCloseId = earlier(earlier(closeMessage, 'The close card').messageId, 'The close card id');
    const cards: Array<[string, string]> = [
      [threadId, baseCardId],
      [threadId, checklistBaseId],
      [threadId, closingBaseId],
      [PERSONAL_CHAT_ID, personalCloseId],
    ];
    for (const [conversationId, messageId] of cards) await after(mark, (a) => a.kind === 'update' && a.conversationId === conversationId && a.messageId === messageId, 15_000);
    const updates = pg()
      .botActivities()
      .filter((a) => a.seq > mark && a.kind === 'update');
    expect(updates.map((a) => `${a.conversationId} ${a.messageId}`).sort()).toEqual(cards.map(([conversationId, messageId]) => `${conversationId} ${messageId}`).sort());
    for (const update of updates) expect(update.status, `update of ${update.messageId}`).toBe(200);
    const cardOfUpdate = (conversationId: string, messageId: string): JsonObject | undefined => updates.find((a) => a.conversationId === conversationId && a.messageId === messageId)?.cards[0];
    const caseBase = cardOfUpdate(threadId, baseCardId);
    expect(titleOf(caseBase)).toBe(da.cards.threadBase.title(reference));
    expect(factValue(caseBase, da.cards.threadBase.nextMeeting)).toBe(da.dates.shortDateTime(`${NEXT_MEETING.date}T${NEXT_MEETING.time}`));
    const checklistBase = cardOfUpdate(threadId, checklistBaseId);
    expect(titleOf(checklistBase)).toBe(da.cards.meeting.title(reference, 1));
    expect(factValue(checklistBase, da.cards.meeting.state)).toBe(state);
    for (const closing of [cardOfUpdate(threadId, closingBaseId), cardOfUpdate(PERSONAL_CHAT_ID, personalCloseId)]) {
      expect(titleOf(closing)).toBe(goals.closingBaseTitle(reference));
      expect(factsOf(closing)).toEqual([
        { title: da.cards.threadBase.meeting, value: da.cards.threadBase.meetingNo(1) },
        { title: da.cards.threadBase.state, value: state },
      ]);
    }
    for (const update of updates.filter((a) => a.conversationId === threadId)) expectNoPersonalData(update.raw);
  };

  /** Starts a bot on this file's port and data directory (a restart keeps both). */
  const launchBot = async (via: 'npm-start' | 'node', env: Record<string, string>): Promise<BotProcess> => {
    bot = await startBot({ via, port: botPort, dataDir, env });
    return bot;
  };
  /**
   * Stops the bot (if it still runs) and starts another on the same port and data directory with `env`.
   * `node dist/bot/index.js` (what `npm start` runs after its build), so that the PID is the bot's own
   * process, for killHard.
   */
  const replaceBot = async (env: Record<string, string>): Promise<void> => {
    earlierOutput.push(theBot().output());
    await theBot().stop();
    bot = undefined;
    await launchBot('node', env);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-goals-'));
    botPort = await freePort();
    // The bot as `npm start` runs it, with its normal dispatcher.
    await launchBot('npm-start', {});
    playground = await startPlayground({ botEndpoint: theBot().endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  // ---- set-up through the protocol ----

  it('set-up: Mette creates a case in Unge-teamet, adds Jonas and Ali from the roster and an external VIP, records consent for all, opens meeting no. 1 and makes Jonas its minute-taker', () =>
    withBotOutput(async () => {
      theCase = await createCaseInChannel(pg(), YOUNG_PERSON);
      const { threadId, caseId, reference } = theCase;

      // `team` -> base card -> the team card: Jonas and Ali from the roster, the VIP by hand.
      const teamBase = await commandInThread(pg(), mette, threadId, 'team');
      let teamCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'team' }, teamBase.messageId));
      for (const [who, role] of [
        [jonas, 'youthGuidance'],
        [ali, 'housingSupport'],
      ] as const) {
        const teamsUser = choiceValue(teamCard, 'teamsUser', who.name);
        expect(teamsUser).toBe(who.aadObjectId);
        teamCard = cardOf(await click(pg(), mette, threadId, 'team.addTeamsUser', { caseId, teamsUser, teamsRole: role }, teamBase.messageId));
        expect(textsOf(teamCard)).toContain(da.cards.done.memberAdded);
      }
      const withVip = cardOf(
        await click(pg(), mette, threadId, 'team.addExternal', { caseId, externalName: VIP.name, externalPhone: VIP.phone, externalRole: 'vip' }, teamBase.messageId),
      );
      expect(textsOf(withVip)).toContain(da.cards.done.memberAdded);

      // `samtykke` -> the consent card: every member is a party.
      const consentBase = await commandInThread(pg(), mette, threadId, 'samtykke');
      const consentCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'consent' }, consentBase.messageId));
      const parties = choicesOfInput(inputById(consentCard, 'partyMemberIds'));
      const party = (title: string): string => {
        const found = parties.find((choice) => choice.title.startsWith(`${title}: `));
        if (!found) throw new Error(`No party ${title} in ${JSON.stringify(parties)}`);
        return found.value;
      };
      Object.assign(memberId, { mette: party(mette.name), youngPerson: party(YOUNG_PERSON.name), jonas: party(jonas.name), ali: party(ali.name), vip: party(VIP_NAME) });
      expect(parties).toHaveLength(5);
      // As Teams submits the form: its dates as prefilled (today, and the suggested expiry).
      const recorded = cardOf(
        await invoke(mette, threadId, submit(consentCard, 'consent.record', { givenByYoungPerson: 'true', partyMemberIds: parties.map((p) => p.value).join(',') }), consentBase.messageId),
      );
      expect(textsOf(recorded)).toContain(da.cards.done.consentRecorded);

      // `møde` -> meeting.open (today, now): the checklist's base card is posted in the thread.
      const openActivity = await commandInThread(pg(), mette, threadId, 'møde');
      const mark = lastSeq();
      const opened = await invoke(mette, threadId, submit(firstCard(openActivity), 'meeting.open'), openActivity.messageId);
      expect(textsOf(cardOf(opened))[0]).toBe(da.cards.meeting.opened(1));
      const meetingBase = await after(mark, (a) => a.kind === 'message' && a.conversationId === threadId && a.cards.length > 0);
      meetingId = String(actionData(firstCard(meetingBase), 'meeting.show').meetingId);
      checklistBaseId = earlier(meetingBase.messageId, "The checklist's base card id");

      // The checklist: Mette sets the minute-taker (roleWriter) to Jonas in the roles section.
      const checklist = cardOf(await invoke(mette, threadId, { verb: 'meeting.show', data: actionData(firstCard(meetingBase), 'meeting.show') }, meetingBase.messageId));
      const roleSection = checklistSection(checklist, da.checklist.sections.roles);
      expect(choicesOfInput(inputById(roleSection, 'roleWriter')).map((c) => c.value)).toContain(memberId.jonas);
      const answered = cardOf(await invoke(mette, threadId, submit(roleSection, 'meeting.answer', { roleWriter: memberId.jonas }), meetingBase.messageId));
      expect(textsOf(answered)).toContain(da.cards.meeting.saved);

      const current = stored();
      expect(current.reference).toBe(reference);
      expect(current.members.map((member) => member.id)).toEqual([memberId.mette, memberId.youngPerson, memberId.jonas, memberId.ali, memberId.vip]);
      expect(current.members.find((member) => member.id === memberId.vip)).toMatchObject({ role: 'vip', person: { kind: 'external', name: VIP.name, phone: VIP.phone } });
      expect(storedMeeting()).toMatchObject({ number: 1, status: 'open', answers: { roleWriter: memberId.jonas } });
      expect(current.goals).toEqual([]);
      expect(messagesInOutbox()).toEqual([]);
      expectNothingElseDue(outbox());
    }), 60_000);

  // ---- 1. the form ----

  it('1a. Jonas (the minute-taker) writes mål in the thread: a base card without personal data; goals.show gives him the form, with "Nyt mål"', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const base = await commandInThread(pg(), jonas, threadId, 'mål');
      goalsBaseId = earlier(base.messageId, 'The base card id');
      expect(base.conversationId).toBe(threadId);
      expect(textsOf(firstCard(base))).toEqual([goals.title(reference), da.cards.threadBase.body]);
      expect(executeActionsOf(firstCard(base))).toEqual([expect.objectContaining({ verb: 'case.show', data: { v: CARD_VERSION, caseId, view: 'goals' } })]);
      expectNoPersonalData(base.raw);

      const form = cardOf(await click(pg(), jonas, threadId, 'goals.show', { caseId }, goalsBaseId));
      expect(titleOf(form)).toBe(goals.title(reference));
      expect(textsOf(form)).toContain(goals.noGoals);
      expect(textsOf(form)).not.toContain(goals.readOnly);
      // Only "Nyt mål" until there is a goal to add agreements to.
      expect(actionsWithVerb(form, 'goal.add')).toHaveLength(1);
      expect(actionsWithVerb(form, 'agreement.add')).toHaveLength(0);
      expect(choicesOfInput(inputById(showCard(form, goals.addGoal), 'theme')).map((c) => c.value)).toEqual([
        'socialSupport',
        'housing',
        'economy',
        'education',
        'work',
        'healthAndSubstance',
        'network',
        'other',
      ]);
      jonasForm = form;
    }));

  // cards/README.md: "`case.show` with `view` `goals` / `closing` | `caseId` | goals: team members with
  // consent; closing: coordinator | the form / the closing or approval card". The base card `mål` posts
  // has exactly that button, and its `refresh` (what Teams sends by itself) the same action.
  // The goals form, for the click and for the refresh.
  it('1b. "Vis detaljer" on the mål base card (case.show, view goals) answers the goals form, and so does its refresh', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const shown = await click(pg(), jonas, threadId, 'case.show', { caseId, view: 'goals' }, goalsBaseId);
      expect(answerTexts(shown)[0]).toBe(goals.title(reference));
      const refreshed = await pg().refreshCard(jonas, threadId, goalsBaseId);
      expect(refreshed && answerTexts(refreshed)[0]).toBe(goals.title(reference));
    }));

  it('1c. goal.add (education, in the young person\'s words): the form lists the goal with the young person responsible, first', () =>
    withBotOutput(async () => {
      const { threadId } = scenario();
      const before = stored();
      const added = cardOf(await invoke(jonas, threadId, submit(showCard(earlier(jonasForm, "Jonas's form"), goals.addGoal), 'goal.add', { ...GOAL }), goalsBaseId));
      expect(textsOf(added)).toContain(goals.confirmations.goalAdded);
      expect(textsOf(added)).toEqual(expect.arrayContaining([goals.themes.education, GOAL.longTermGoal, GOAL.subGoals]));
      // "Den unge er obligatorisk under hvert mål": the young person is responsible, and first.
      const responsibles = shownTexts(added).slice(shownTexts(added).indexOf(goals.responsibles) + 1, shownTexts(added).indexOf(goals.agreements));
      expect(responsibles).toEqual([`${goals.youngPersonResponsible}: ${YOUNG_PERSON.name}`]);

      const after1 = stored();
      expect(after1.goals).toHaveLength(1);
      const goal = after1.goals[0];
      goalId = goal?.id ?? '';
      expect(goal).toMatchObject({ theme: 'education', versions: [{ longTermGoal: GOAL.longTermGoal, subGoals: GOAL.subGoals, byAadObjectId: jonas.aadObjectId, meetingId }], outcomes: [] });
      expect(after1.goals.length).toBe(before.goals.length + 1);
      // Now agreements can be added to it.
      expect(choicesOfInput(inputById(showCard(added, goals.addAgreement), 'goalId'))).toEqual([{ title: `${goals.themes.education}: ${GOAL.longTermGoal}`, value: goalId }]);
      jonasForm = added;
    }));

  it('1d. agreement.add three times, owners from the form\'s choices: Jonas, the young person, the VIP', () =>
    withBotOutput(async () => {
      const { threadId } = scenario();
      const owners: Array<['jonas' | 'youngPerson' | 'vip', string]> = [
        ['jonas', `${jonas.name} (${roles.youthGuidance})`],
        ['youngPerson', `${YOUNG_PERSON.name} (${roles.youngPerson})`],
        ['vip', `${VIP_NAME}, ${roles.vip}`],
      ];
      // The young person and the VIP own agreements too: every member is a choice.
      expect(choicesOfInput(inputById(showCard(earlier(jonasForm, "Jonas's form"), goals.addAgreement), 'ownerMemberId')).map((c) => c.value)).toEqual([
        memberId.mette,
        memberId.youngPerson,
        memberId.jonas,
        memberId.ali,
        memberId.vip,
      ]);
      for (const [who, label] of owners) {
        const form = showCard(earlier(jonasForm, "Jonas's form"), goals.addAgreement);
        const owner = choiceValue(form, 'ownerMemberId', label);
        expect(owner).toBe(memberId[who]);
        const added = cardOf(await invoke(jonas, threadId, submit(form, 'agreement.add', { goalId, ownerMemberId: owner, ...AGREEMENTS[who] }), goalsBaseId));
        expect(textsOf(added)).toContain(goals.confirmations.agreementAdded);
        expect(textsOf(added)).toContain(AGREEMENTS[who].action);
        jonasForm = added;
      }
      const form = earlier(jonasForm, "Jonas's form");
      // The owners as the form names them, with follow-up and status.
      expect(textsOf(form)).toEqual(
        expect.arrayContaining([
          goals.agreementLine(`${jonas.name} (${roles.youthGuidance})`, goals.followUp(da.dates.short(AGREEMENTS.jonas.followUpOn), goals.methods.phone), goals.agreementStatus.open),
          goals.agreementLine(`${YOUNG_PERSON.name} (${roles.youngPerson})`, goals.followUp(da.dates.short(AGREEMENTS.youngPerson.followUpOn), goals.methods.meeting), goals.agreementStatus.open),
          goals.agreementLine(`${VIP_NAME}, ${roles.vip}`, goals.followUp(da.dates.short(AGREEMENTS.vip.followUpOn), goals.otherMethod(AGREEMENTS.vip.followUpMethodOther)), goals.agreementStatus.open),
        ]),
      );
      // Responsible under the goal: the young person first, then the owners.
      const texts = shownTexts(form);
      const responsibles = texts.slice(texts.indexOf(goals.responsibles) + 1, texts.indexOf(goals.agreements));
      expect(responsibles).toEqual([`${goals.youngPersonResponsible}: ${YOUNG_PERSON.name}`, `${roles.youthGuidance}: ${jonas.name}`, `${roles.vip}: ${VIP_NAME}`]);

      const agreements = stored().agreements;
      expect(agreements).toHaveLength(3);
      for (const [who] of owners) {
        const agreement = agreements.find((candidate) => candidate.ownerMemberId === memberId[who]);
        agreementId[who] = agreement?.id ?? '';
        expect(agreement).toMatchObject({
          goalId,
          action: AGREEMENTS[who].action,
          followUpOn: AGREEMENTS[who].followUpOn,
          followUpMethod: AGREEMENTS[who].followUpMethod,
          status: 'open',
          meetingId,
          history: [{ kind: 'created', byAadObjectId: jonas.aadObjectId, at: expect.any(String) }],
        });
      }
      expect(storedAgreement(agreementId.vip).followUpMethodOther).toBe(AGREEMENTS.vip.followUpMethodOther);
      expect(messagesInOutbox()).toEqual([]);
      expectNothingElseDue(outbox());
    }));

  it('1e. Ali (on the team, with consent, not the minute-taker) sees the form read-only and is refused goal.add in Danish; nothing is written', () =>
    withBotOutput(async () => {
      const { threadId, caseId } = scenario();
      const readOnly = cardOf(await click(pg(), ali, threadId, 'goals.show', { caseId }, goalsBaseId));
      expect(textsOf(readOnly)).toContain(goals.readOnly);
      expect(actionsWithVerb(readOnly, 'goal.add')).toEqual([]);
      expect(actionsWithVerb(readOnly, 'agreement.add')).toEqual([]);
      expect(textsOf(readOnly)).toContain(GOAL.longTermGoal);

      const before = etag();
      const refused = await invoke(ali, threadId, submit(showCard(earlier(jonasForm, "Jonas's form"), goals.addGoal), 'goal.add', { theme: 'housing', longTermGoal: 'Egen bolig' }), goalsBaseId);
      expectRefusal(refused, da.errors.notWriter({}));
      const agreementRefused = await click(pg(), ali, threadId, 'agreement.add', { caseId, goalId, action: 'Ali hjælper', ownerMemberId: memberId.ali, followUpOn: daysFromToday(3), followUpMethod: 'phone' }, goalsBaseId);
      expectRefusal(agreementRefused, da.errors.notWriter({}));
      expect(etag()).toBe(before);
      expect(stored().goals).toHaveLength(1);
    }));

  // ---- 2. closing ----

  it('2a. Mette writes afslut in the thread: a base card for closing, without personal data', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const base = await commandInThread(pg(), mette, threadId, 'afslut');
      expect(textsOf(firstCard(base))).toEqual([goals.closingBaseTitle(reference), da.cards.threadBase.body]);
      expect(executeActionsOf(firstCard(base))).toEqual([expect.objectContaining({ verb: 'case.show', data: { v: CARD_VERSION, caseId, view: 'closing' } })]);
      expectNoPersonalData(base.raw);
      closingBaseId = earlier(base.messageId, 'The closing base card id');
    }));

  // The same protocol row as 1b: the close card ("Sag S-…: afslut netværksmøde nr. 1").
  it('2b. "Vis detaljer" on the afslut base card (case.show, view closing) answers the close card', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const shown = await click(pg(), mette, threadId, 'case.show', { caseId, view: 'closing' }, closingBaseId);
      expect(answerTexts(shown)[0]).toBe(goals.closeTitle(reference, 1));
    }));

  it('2c. afslut in Mette\'s 1:1 chat gives the close card; meeting.close with only a summary is refused naming everything missing; nothing is written', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      const reply = await commandInPersonalChat(pg(), mette, 'afslut');
      closeMessage = reply;
      expect(reply.conversationId).toBe(PERSONAL_CHAT_ID);
      const card = firstCard(reply);
      expect(titleOf(card)).toBe(goals.closeTitle(reference, 1));
      expect(actionData(card, 'meeting.close').meetingId).toBe(meetingId);
      // The young person takes on none of the closing tasks.
      const members = [memberId.mette, memberId.jonas, memberId.ali, memberId.vip];
      for (const input of ['feedbackMemberId', 'eyeKeeperMemberId', 'acuteContactMemberId']) expect(choicesOfInput(inputById(card, input)).map((c) => c.value)).toEqual(members);
      expect(inputById(card, 'nextMeetingDate').value ?? '').toBe('');

      const before = etag();
      const refused = await invoke(mette, PERSONAL_CHAT_ID, submit(card, 'meeting.close', { summary: 'Sofie vil gerne i gang med en uddannelse.' }), reply.messageId);
      const missing = ['waitingArrangement', 'feedbackMemberId', 'eyeKeeperMemberId', 'acuteContactMemberId', 'nextMeetingDate'];
      expectRefusal(refused, da.errors.closingIncomplete({ missing: missing.join(',') }));
      // Danish, every question by its text.
      expect(String(refused.value)).toContain('hvem holder øje med den unge indtil næste møde');
      expect(etag()).toBe(before);
      expect(storedMeeting().status).toBe('open');
    }));

  it('2d. the full answers (eye-keeper Ali, feedback Mette, acute contact Ali, next meeting in five weeks) close the meeting: the approval card; the next meeting is planned, numbered only when it opens; the outbox is still empty', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      const message = earlier(closeMessage, 'The close card');
      const mark = lastSeq();
      const closed = cardOf(
        await invoke(
          mette,
          PERSONAL_CHAT_ID,
          submit(firstCard(message), 'meeting.close', {
            waitingArrangement: 'Ali følger op hver uge, indtil Sofie starter på skolen.',
            feedbackMemberId: memberId.mette,
            eyeKeeperMemberId: memberId.ali,
            acuteContactMemberId: memberId.ali,
            nextMeetingDate: NEXT_MEETING.date,
            nextMeetingTime: NEXT_MEETING.time,
            summary: 'Sofie vil gerne i gang med en uddannelse.',
            // The checklist has only the minute-taker: Mette confirms closing without the rest (issue 11, section 2).
            confirmEmptySections: 'true',
          }),
          message.messageId,
        ),
      );
      approvalForm = closed;
      expect(textsOf(closed).slice(0, 4)).toEqual([goals.approvalTitle(reference, 1), goals.confirmations.meetingClosed(1), goals.approvalIntro, goals.notApproved]);
      expect(actionsWithVerb(closed, 'minutes.approve')).toHaveLength(1);
      expect(inputById(showCard(closed, goals.approve), 'approvedOn').value).toBe(today());

      const current = stored();
      const [first, second] = current.meetings;
      expect(first).toMatchObject({
        id: meetingId,
        status: 'held',
        closure: {
          feedbackMemberId: memberId.mette,
          eyeKeeperMemberId: memberId.ali,
          acuteContactMemberId: memberId.ali,
          nextMeetingId: second?.id,
          sentBack: [],
          closedByAadObjectId: mette.aadObjectId,
        },
      });
      expect(first?.closure?.approval).toBeUndefined();
      // Numbers count meetings held (issue 11, section 2): the planned meeting gets one when it opens.
      expect(second).toMatchObject({ status: 'planned' });
      expect(second?.number).toBeUndefined();
      expect(DateTime.fromISO(second?.startsAt ?? '').setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')).toBe(`${NEXT_MEETING.date} ${NEXT_MEETING.time}`);
      // The cards that showed the meeting open now say it is closed, its minutes awaiting approval; the base card names the next meeting.
      await expectCardsPutRight(mark, da.cards.meeting.phases.awaitingApproval);
      // Nothing circulates before the young person's approval (the card updates were sent and forgotten).
      expect(aboutTheForm(outbox())).toEqual([]);
      expect(messagesInOutbox()).toEqual([]);
      expectNothingElseDue(outbox());
    }));

  // ---- 6. the approval gate ----

  it('6. the approval gate: Jonas may not record the approval, a date in the future is refused, the young person\'s changes are kept: the outbox stays empty and nothing is sent', () =>
    withBotOutput(async () => {
      const message = earlier(closeMessage, 'The close card');
      const form = showCard(earlier(approvalForm, 'The approval card'), goals.approve);
      const mark = lastSeq();
      const before = etag();
      const byJonas = await click(pg(), jonas, scenario().threadId, 'minutes.approve', { caseId: scenario().caseId, meetingId, approvedOn: today() }, goalsBaseId);
      expectRefusal(byJonas, da.errors.notCoordinator({}));
      const tomorrow = await invoke(mette, PERSONAL_CHAT_ID, submit(form, 'minutes.approve', { approvedOn: daysFromToday(1) }), message.messageId);
      expectRefusal(tomorrow, da.errors.approvalInFuture({}));
      expect(etag()).toBe(before);

      const changes = 'Sofie vil have skrevet, at hun helst vil starte efter jul.';
      const sentBack = cardOf(await invoke(mette, PERSONAL_CHAT_ID, submit(showCard(earlier(approvalForm, 'The approval card'), goals.sendBack), 'minutes.sendBack', { changes }), message.messageId));
      expect(textsOf(sentBack)).toEqual(expect.arrayContaining([goals.confirmations.sentBack, goals.notApproved, goals.sentBack]));
      expect(factsOf(sentBack)).toEqual([{ title: da.dates.short(today()), value: changes }]);
      approvalForm = sentBack;
      expect(storedMeeting().closure?.sentBack).toEqual([{ at: expect.any(String), byAadObjectId: mette.aadObjectId, changes }]);
      expect(storedMeeting().closure?.approval).toBeUndefined();

      expect(aboutTheForm(outbox())).toEqual([]);
      expect(messagesInOutbox()).toEqual([]);
      expectNothingElseDue(outbox());
      await pg().expectNoBotActivity((a) => a.kind === 'message' || a.kind === 'createConversation', 300, mark);
    }));

  // ---- 3. approval, a crash, and the restart ----

  let approvedAt = 0;
  let beforeCrash = 0;

  it('3a. with the dispatcher stopped (restart with OUTBOX_INTERVAL_MS=0), minutes.approve writes the whole circulation to the outbox, and nothing is sent', () =>
    withBotOutput(async () => {
      const { threadId, reference } = scenario();
      await replaceBot({ OUTBOX_INTERVAL_MS: '0' });
      expect(theBot().output()).toContain('"event":"started"');

      const message = earlier(closeMessage, 'The close card');
      beforeCrash = lastSeq();
      approvedAt = Date.now();
      const approved = cardOf(await invoke(mette, PERSONAL_CHAT_ID, submit(showCard(earlier(approvalForm, 'The approval card'), goals.approve), 'minutes.approve'), message.messageId));
      expect(textsOf(approved)).toEqual(expect.arrayContaining([goals.approvalTitle(reference, 1), goals.confirmations.approved, goals.approved(da.dates.long(today()))]));
      expect(actionsWithVerb(approved, 'minutes.approve')).toEqual([]);
      expect(storedMeeting().closure?.approval).toEqual({ approvedOn: today(), recordedAt: expect.any(String), byAadObjectId: mette.aadObjectId });

      // Written with the approval, in the same save: one message per delivery, all pending. With them the
      // updates of the cards that show the meeting's state, each once: the case's base card (the thread's
      // first post), the checklist's base card, and the two cards Mette's `afslut` posted (in the thread,
      // 2a, and in her 1:1 chat, 2c).
      const rows = messagesInOutbox();
      expect(rows.map(outboxKey).sort()).toEqual(
        [
          `minutes -> conversation ${threadId}`,
          `agreementAssigned -> ${jonas.id}`,
          `agreementRelay -> ${mette.id}`,
          `agreementRelay -> ${mette.id}`,
          `handOver -> ${ali.id}`,
          `handOverReminder -> ${mette.id}`,
          `caseCard -> conversation ${threadId}`,
          `checklistCard -> conversation ${threadId}`,
          `closingCard -> conversation ${threadId}`,
          `closingCard -> conversation ${PERSONAL_CHAT_ID}`,
        ].sort(),
      );
      for (const row of rows) {
        expect(row, outboxKey(row)).toMatchObject({ status: 'pending', attempts: 0, sentAt: null, leaseOwner: null, serviceUrl: pg().serviceUrl });
      }
      const about = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.about);
      expect(about('minutes')).toEqual([{ meetingId }]);
      expect(about('agreementAssigned')).toEqual([{ meetingId, ownerMemberId: memberId.jonas }]);
      expect(new Set(about('agreementRelay').map((a) => JSON.stringify(a)))).toEqual(
        new Set([JSON.stringify({ meetingId, ownerMemberId: memberId.youngPerson }), JSON.stringify({ meetingId, ownerMemberId: memberId.vip })]),
      );
      expect(about('handOver')).toEqual([{ meetingId }]);
      // The updates name the cards by id, in the language of the one who approved (the locale proxy's da-DK).
      expect(about('caseCard')).toEqual([{ digest: 'caseCard', locale: 'da-DK' }]);
      expect(about('checklistCard')).toEqual([{ meetingId, digest: `checklistCard ${meetingId}`, locale: 'da-DK' }]);
      expect(rows.filter((row) => row.kind === 'closingCard').map((row) => [row.to.kind === 'conversation' ? row.to.conversationId : row.to.kind, row.about]).sort()).toEqual(
        [
          [threadId, { meetingId, activityId: closingBaseId, digest: `closingCard ${closingBaseId}`, locale: 'da-DK' }],
          [PERSONAL_CHAT_ID, { meetingId, activityId: message.messageId, digest: `closingCard ${message.messageId}`, locale: 'da-DK' }],
        ].sort(),
      );
      // Everything is due now but the reminder, due a day later.
      const recordedAt = Date.parse(storedMeeting().closure?.approval?.recordedAt ?? '');
      for (const row of rows.filter((r) => r.kind !== 'handOverReminder')) expect(Date.parse(row.notBefore)).toBeLessThanOrEqual(recordedAt);
      const reminder = rows.find((r) => r.kind === 'handOverReminder');
      expect(Date.parse(reminder?.notBefore ?? '')).toBe(DateTime.fromMillis(recordedAt).plus({ days: 1 }).toMillis());
      // Ids only: the outbox carries no personal data.
      expectNoPersonalData(rows);

      // The reminders planned with the approval (the reminders issue) all wait for later.
      expectNothingElseDue(outbox().filter((row) => row.kind === 'reminder'));

      // The dispatcher is stopped: nothing reaches the playground.
      await pg().expectNoBotActivity((a) => a.kind === 'message' || a.kind === 'createConversation' || a.kind === 'update', 1_500, beforeCrash);
      expect(outbox().every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
    }), 60_000);

  /** Where the web UI's events stood before the restart after the crash. */
  let uiBeforeRestart = 0;

  it('3b. the bot is killed (SIGKILL by PID) and restarted normally: every due message is sent exactly once; the reminder waits', () =>
    withBotOutput(async () => {
      const { threadId, reference } = scenario();
      const killed = await killHard(theBot());
      expect(processAlive(killed)).toBe(false);
      // A crash, not a shutdown: the bot never logged that it was stopping.
      expect(theBot().output()).not.toContain('"event":"stopping"');
      // Nothing was lost in the crash.
      expect(messagesInOutbox()).toHaveLength(10);
      expect(outbox().every((row) => row.status === 'pending')).toBe(true);

      uiBeforeRestart = pg().uiEvents().length;
      const mark = lastSeq();
      await replaceBot({ OUTBOX_INTERVAL_MS: String(DISPATCH_INTERVAL_MS) });
      expect(theBot().pid()).not.toBe(killed);

      const message = (predicate: (a: BotActivity) => boolean) => after(mark, (a) => a.kind === 'message' && a.cards.length > 0 && predicate(a), 15_000);
      delivered.minutes = await message((a) => a.conversationId === threadId);
      delivered.assigned = await message((a) => a.toUserId === jonas.id);
      delivered.handOver = await message((a) => a.toUserId === ali.id);
      delivered.relays = [await message((a) => a.toUserId === mette.id), await message((a) => a.toUserId === mette.id)];

      // Several dispatcher intervals more: still exactly these, once each.
      await sleep(DISPATCH_INTERVAL_MS * 8);
      const sent = sentSince(mark);
      const messages = sent.filter((a) => a.kind === 'message');
      const count = (predicate: (a: BotActivity) => boolean) => messages.filter(predicate).length;
      const titled = (title: string) => (a: BotActivity) => titleOf(a.cards[0]) === title;
      expect(messages).toHaveLength(5);
      expect(count((a) => a.conversationId === threadId && titled(goals.minutesBaseTitle(reference, 1))(a))).toBe(1);
      expect(count((a) => a.toUserId === jonas.id && titled(goals.assignedTitle(reference, 1))(a))).toBe(1);
      expect(count((a) => a.toUserId === mette.id && titled(goals.relayTitle(reference, 1))(a))).toBe(2);
      expect(count((a) => a.toUserId === ali.id && titled(goals.handOverTitle(reference))(a))).toBe(1);
      expect(count(titled(outboxLabels.handOverPendingTitle(reference)))).toBe(0);
      // The cards that showed the meeting awaiting approval are updated in place, once each, to say it is approved.
      await expectCardsPutRight(mark, da.cards.meeting.phases.approved);
      // Sent once and then forgotten: the outbox keeps no card update.
      expect(outbox().filter((row) => FORGOTTEN_ONCE_SENT.has(row.kind))).toEqual([]);
      // Every message reached the playground: the minutes in the thread and the 1:1 messages.
      const personal = [delivered.minutes, delivered.assigned, delivered.handOver, ...delivered.relays];
      for (const activity of personal) expect(activity.status, `#${activity.seq} to ${activity.toUserId}: ${JSON.stringify(activity.response)}`).toBe(201);
      // The 1:1 chats the bot opened for them. Mette's it knows from her own messages in it, so her
      // relays cost one request each.
      const opened = sent.filter((a) => a.kind === 'createConversation').map((a) => a.toUserId);
      expect(opened.sort()).toEqual([ali.id, jonas.id].sort());
      expect(delivered.relays.every((a) => a.conversationId === PERSONAL_CHAT_ID)).toBe(true);

      // The outbox: the 1:1 messages sent, one attempt each; the hand-over reminder is not due for a day,
      // the planned reminders later still.
      const rows = messagesInOutbox();
      for (const row of rows.filter((r) => r.to.kind === 'user' && r.kind !== 'handOverReminder')) {
        expect(row, outboxKey(row)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
        expect(Date.parse(row.sentAt ?? '')).toBeGreaterThan(approvedAt);
      }
      expect(rows.find((r) => r.kind === 'handOverReminder')).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
      expect(outbox().filter((row) => row.kind === 'reminder' && (row.status !== 'pending' || row.attempts > 0))).toEqual([]);

      // What Mette's web UI shows: the two relay cards in her 1:1 chat.
      const ui = pg().uiEvents().slice(uiBeforeRestart).filter((e) => e.action === 'createMessage');
      expect(ui.filter((e) => e.actionConversationId === PERSONAL_CHAT_ID && textsOf(e.message?.attachments)[0] === goals.relayTitle(reference, 1))).toHaveLength(2);
      // The playground's web UI does not show 1:1 chats with other users: Jonas's and Ali's are in its log only.
      for (const other of [delivered.assigned, delivered.handOver]) expect(ui.filter((e) => e.actionConversationId === other.conversationId)).toEqual([]);
    }), 90_000);

  // The minutes' base card is posted in the case's thread (the connector answers 201), and Mette's web UI
  // shows it there.
  it('3b-thread. the minutes reach the case\'s thread: the connector accepts them and the web UI shows them', () =>
    withBotOutput(async () => {
      const { threadId, reference } = scenario();
      const minutes = earlier(delivered.minutes, 'The minutes');
      expect(minutes.status, JSON.stringify(minutes.response)).toBe(201);
      expect(
        pg()
          .uiEvents()
          .slice(uiBeforeRestart)
          .filter((e) => e.action === 'createMessage' && e.actionConversationId === threadId && textsOf(e.message?.attachments)[0] === goals.minutesBaseTitle(reference, 1)),
      ).toHaveLength(1);
    }));

  // An outbox row is `sent` only when the connector accepted the message.
  it('3b-outbox. a message is recorded as sent only when the connector accepted it', () =>
    withBotOutput(async () => {
      const minutes = earlier(delivered.minutes, 'The minutes');
      const row = messagesInOutbox().find((candidate) => candidate.kind === 'minutes');
      expect(row?.status === 'sent', `connector answered ${minutes.status}, outbox row ${JSON.stringify(row)}`).toBe(minutes.status === 201);
    }));

  it('3c. what went out: the minutes in the thread without personal data; Jonas\'s agreement; the relays to Mette with whom to call; the hand-over to Ali', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const next = da.dates.shortDateTime(`${NEXT_MEETING.date}T${NEXT_MEETING.time}`);

      // The thread: the reference, the next meeting, a button; no personal data (not even in refresh).
      const minutes = earlier(delivered.minutes, 'The minutes');
      expect(minutes.conversationId).toBe(threadId);
      expect(minutes.newThread).toBe(false);
      expect(textsOf(firstCard(minutes))).toEqual([goals.minutesBaseTitle(reference, 1), goals.minutesBaseBody]);
      expect(factValue(firstCard(minutes), goals.nextMeetingFact)).toBe(next);
      expect(executeActionsOf(firstCard(minutes))).toEqual([expect.objectContaining({ verb: 'minutes.show', data: { v: CARD_VERSION, caseId, meetingId } })]);
      expectNoPersonalData(minutes.raw);
      // A team member opens the minutes: the closing answers and the summary.
      const shown = cardOf(await invoke(jonas, threadId, { verb: 'minutes.show', data: actionData(firstCard(minutes), 'minutes.show') }, minutes.messageId ?? goalsBaseId));
      expect(titleOf(shown)).toBe(goals.minutesTitle(reference, 1));
      expect(factValue(shown, goals.approval)).toBe(da.dates.short(today()));
      expect(textsOf(shown)).toEqual(expect.arrayContaining(['Sofie vil gerne i gang med en uddannelse.', `${ali.name} (${roles.housingSupport})`, `${mette.name} (${roles.coordinator})`, next]));

      // Jonas's 1:1: his agreement only, with its buttons.
      const assigned = firstCard(earlier(delivered.assigned, "Jonas's agreements"));
      expect(textsOf(assigned).slice(0, 2)).toEqual([goals.assignedTitle(reference, 1), goals.assignedIntro]);
      expect(textsOf(assigned)).toContain(AGREEMENTS.jonas.action);
      expect(textsOf(assigned)).not.toContain(AGREEMENTS.youngPerson.action);
      expect(textsOf(assigned)).not.toContain(AGREEMENTS.vip.action);
      expect(actionsWithVerb(assigned, 'agreement.done').map((a) => (a.data as JsonObject).agreementId)).toEqual([agreementId.jonas]);

      // Mette's 1:1: one relay card per owner outside Teams, with whom to call.
      const relayFor = (name: string) => {
        const found = delivered.relays.filter((a) => textsOf(firstCard(a))[1] === goals.relayIntro(name));
        expect(found, `relay for ${name}`).toHaveLength(1);
        return firstCard(found[0] as BotActivity);
      };
      const youngRelay = relayFor(YOUNG_PERSON.name);
      expect(textsOf(youngRelay)).toContain(AGREEMENTS.youngPerson.action);
      expect(textsOf(youngRelay)).not.toContain(AGREEMENTS.vip.action);
      expect(textsOf(youngRelay)).toContain(goals.relayCall(`${YOUNG_PERSON.name}, ${roles.youngPerson}: ${[YOUNG_PERSON.phone, YOUNG_PERSON.email, YOUNG_PERSON.address].join(', ')}`));
      const vipRelay = relayFor(VIP_NAME);
      expect(textsOf(vipRelay)).toContain(AGREEMENTS.vip.action);
      expect(textsOf(vipRelay)).toContain(goals.relayCall(`${VIP_NAME}, ${roles.vip}: ${VIP.phone}`));
      expect(actionsWithVerb(vipRelay, 'agreement.done').map((a) => (a.data as JsonObject).agreementId)).toEqual([agreementId.vip]);

      // Ali's 1:1: the hand-over, for him to acknowledge.
      const handOver = firstCard(earlier(delivered.handOver, 'The hand-over'));
      expect(textsOf(handOver).slice(0, 2)).toEqual([goals.handOverTitle(reference), goals.handOverIntro]);
      expect(factValue(handOver, goals.youngPerson)).toBe(YOUNG_PERSON.name);
      expect(factValue(handOver, goals.contact)).toBe([YOUNG_PERSON.phone, YOUNG_PERSON.email, YOUNG_PERSON.address].join(', '));
      expect(factValue(handOver, goals.vip)).toBe(`${VIP_NAME}: ${VIP.phone}`);
      expect(factValue(handOver, goals.acuteContactFact)).toBe(`${ali.name}, ${roles.housingSupport}: ${goals.inTeams}`);
      expect(factValue(handOver, goals.nextMeetingFact)).toBe(next);
      expect(factValue(handOver, goals.themes.education)).toBe(GOAL.longTermGoal);
      expect(textsOf(handOver)).toEqual(expect.arrayContaining([AGREEMENTS.jonas.action, AGREEMENTS.youngPerson.action, AGREEMENTS.vip.action]));
      expect(actionsWithVerb(handOver, 'handOver.acknowledge')).toHaveLength(1);
    }));

  // ---- 4. the eye-keeper acknowledges ----

  it('4. Ali acknowledges the hand-over in his 1:1 chat: the card says so, without the button; Jonas may not acknowledge it', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      const handOver = earlier(delivered.handOver, 'The hand-over');
      const assigned = earlier(delivered.assigned, "Jonas's agreements");
      const action = submit(firstCard(handOver), 'handOver.acknowledge');

      const byJonas = await invoke(jonas, assigned.conversationId, action, assigned.messageId);
      expectRefusal(byJonas, da.errors.notEyeKeeper({}));
      expect(storedMeeting().closure?.handOverAcknowledgedAt).toBeUndefined();

      const acknowledged = cardOf(await invoke(ali, handOver.conversationId, action, handOver.messageId));
      const at = storedMeeting().closure?.handOverAcknowledgedAt;
      expect(Date.now() - Date.parse(at ?? '')).toBeLessThan(60_000);
      expect(textsOf(acknowledged).slice(0, 3)).toEqual([goals.handOverTitle(reference), goals.handOverIntro, goals.acknowledged(da.dates.dateTime(at ?? ''))]);
      expect(actionsWithVerb(acknowledged, 'handOver.acknowledge')).toEqual([]);
      // Once: a second click changes nothing.
      const again = cardOf(await invoke(ali, handOver.conversationId, action, handOver.messageId));
      expect(actionsWithVerb(again, 'handOver.acknowledge')).toEqual([]);
      expect(storedMeeting().closure?.handOverAcknowledgedAt).toBe(at);
    }));

  // ---- 5. mine ----

  let mineMessage: BotActivity | undefined;

  it('5a. Jonas writes mine in his 1:1 chat: his agreement, and only his', () =>
    withBotOutput(async () => {
      const { caseId, reference } = scenario();
      const reply = await commandInPersonalChat(pg(), jonas, 'mine');
      mineMessage = reply;
      expect(reply.toUserId).toBe(jonas.id);
      expect(reply.conversationId).toBe(earlier(delivered.assigned, "Jonas's agreements").conversationId);
      const card = firstCard(reply);
      expect(textsOf(card)).toEqual([
        goals.mineTitle,
        goals.mineIntro,
        `${goals.case} ${reference} · ${YOUNG_PERSON.name}`,
        `${goals.themes.education}: ${GOAL.longTermGoal}`,
        AGREEMENTS.jonas.action,
        goals.followUp(da.dates.short(AGREEMENTS.jonas.followUpOn), goals.methods.phone),
      ]);
      for (const verb of ['agreement.done', 'agreement.move', 'agreement.needsHelp']) {
        expect(actionsWithVerb(card, verb).map((a) => a.data), verb).toEqual([expect.objectContaining({ v: CARD_VERSION, caseId, agreementId: agreementId.jonas })]);
      }
    }));

  it('5b. agreement.move with a new date (sent under the id named by dateInput): the list shows the new date', () =>
    withBotOutput(async () => {
      const reply = earlier(mineMessage, 'The mine card');
      const form = showCard(firstCard(reply), goals.newDate);
      const dateInput = String(actionData(form, 'agreement.move').dateInput);
      expect(inputById(form, dateInput).value).toBe(AGREEMENTS.jonas.followUpOn);
      const moved = cardOf(await invoke(jonas, reply.conversationId, submit(form, 'agreement.move', { [dateInput]: NEW_FOLLOW_UP }), reply.messageId));
      expect(textsOf(moved).slice(0, 2)).toEqual([goals.mineTitle, goals.confirmations.agreementMoved(da.dates.long(NEW_FOLLOW_UP))]);
      expect(textsOf(moved)).toContain(goals.followUp(da.dates.short(NEW_FOLLOW_UP), goals.methods.phone));
      expect(textsOf(moved)).not.toContain(goals.followUp(da.dates.short(AGREEMENTS.jonas.followUpOn), goals.methods.phone));
      expect(storedAgreement(agreementId.jonas)).toMatchObject({ followUpOn: NEW_FOLLOW_UP, status: 'open' });
      expect(storedAgreement(agreementId.jonas).history.at(-1)).toEqual({ at: expect.any(String), byAadObjectId: jonas.aadObjectId, kind: 'newDate', followUpOn: NEW_FOLLOW_UP });
      mineMessage = { ...reply, cards: [moved] };
    }));

  it('5c. agreement.needsHelp: a needsHelp message to Ali (the eye-keeper) and Mette, due at once, goes out through the outbox', () =>
    withBotOutput(async () => {
      const { reference } = scenario();
      const reply = earlier(mineMessage, 'The mine card');
      const mark = lastSeq();
      const before = Date.now();
      const asked = cardOf(await invoke(jonas, reply.conversationId, submit(firstCard(reply), 'agreement.needsHelp'), reply.messageId));
      expect(textsOf(asked).slice(0, 2)).toEqual([goals.mineTitle, goals.confirmations.helpAsked]);
      expect(storedAgreement(agreementId.jonas).history.at(-1)).toEqual({ at: expect.any(String), byAadObjectId: jonas.aadObjectId, kind: 'needsHelp' });

      // Written with the change, due now.
      const help = outbox().filter((row) => row.kind === 'needsHelp');
      expect(help.map(outboxKey).sort()).toEqual([`needsHelp -> ${ali.id}`, `needsHelp -> ${mette.id}`].sort());
      for (const row of help) {
        expect(row.about).toEqual({ agreementId: agreementId.jonas });
        expect(Date.parse(row.notBefore)).toBeLessThanOrEqual(Date.now());
        expect(Date.parse(row.notBefore)).toBeGreaterThanOrEqual(before - 1_000);
      }

      const expected = [outboxLabels.needsHelpTitle(reference), outboxLabels.needsHelp(jonas.name, AGREEMENTS.jonas.action)];
      const toAli = await after(mark, (a) => a.kind === 'message' && a.toUserId === ali.id, 10_000);
      const toMette = await after(mark, (a) => a.kind === 'message' && a.toUserId === mette.id, 10_000);
      expect(textsOf(firstCard(toAli))).toEqual(expected);
      expect(textsOf(firstCard(toMette))).toEqual(expected);
      expect(toMette.conversationId).toBe(PERSONAL_CHAT_ID);
      await sleep(DISPATCH_INTERVAL_MS * 5);
      expect(sentSince(mark).filter((a) => a.kind === 'message' && a.toUserId !== undefined)).toHaveLength(2);
      expect(outbox().filter((row) => row.kind === 'needsHelp').map((row) => [row.status, row.attempts])).toEqual([
        ['sent', 1],
        ['sent', 1],
      ]);
    }));

  it('5d. agreement.done: the list no longer has it; the stored agreement is done, with its history as the case keeps it (the first event and the latest two: limits.ts)', () =>
    withBotOutput(async () => {
      const reply = earlier(mineMessage, 'The mine card');
      const done = cardOf(await invoke(jonas, reply.conversationId, submit(firstCard(reply), 'agreement.done'), reply.messageId));
      expect(textsOf(done)).toEqual([goals.mineTitle, goals.confirmations.agreementDone, goals.noOpenAgreements]);
      const agreement = storedAgreement(agreementId.jonas);
      expect(agreement.status).toBe('done');
      // The new date of step 5b is let go from the case (the audit log keeps it).
      expect(agreement.history.map((event) => event.kind)).toEqual(['created', 'needsHelp', 'done']);
      expect(agreement.history.slice(1).every((event) => event.byAadObjectId === jonas.aadObjectId)).toBe(true);
      // The others' agreements are untouched.
      expect(storedAgreement(agreementId.youngPerson).status).toBe('open');
      expect(storedAgreement(agreementId.vip).status).toBe('open');

      // mine again: nothing open.
      const again = await commandInPersonalChat(pg(), jonas, 'mine');
      expect(textsOf(firstCard(again))).toEqual([goals.mineTitle, goals.mineIntro, goals.noOpenAgreements]);
    }));

  it('5e. mine in the channel answers, in Danish, that it only works in the 1:1 chat', () =>
    withBotOutput(async () => {
      const reply = await commandInThread(pg(), jonas, scenario().threadId, 'mine');
      expect(reply.text).toBe(da.myTasksInPersonalChat);
      expect(reply.cards).toEqual([]);
    }));

  it('finally: the bot is healthy; no outbox row failed; of the messages only the hand-over reminder is pending, and no planned reminder is due', () =>
    withBotOutput(async () => {
      const rows = outbox();
      expect(rows.filter((row) => row.status === 'failed')).toEqual([]);
      const messageRows = messagesInOutbox();
      expect(messageRows.filter((row) => row.status === 'pending').map((row) => row.kind)).toEqual(['handOverReminder']);
      expect(messageRows.filter((row) => row.status === 'sent').map((row) => row.kind).sort()).toEqual(['agreementAssigned', 'agreementRelay', 'agreementRelay', 'handOver', 'minutes', 'needsHelp', 'needsHelp'].sort());
      expectNothingElseDue(rows);
      expect(await healthz(theBot().url)).toMatchObject({ status: 200 });
    }));
});
