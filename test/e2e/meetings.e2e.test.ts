// Network meetings end to end: the real bot (started as `npm start` starts it) behind the real Microsoft
// 365 Agents Playground. Everything goes through the bot's own protocol (cards/README.md): chat commands
// in the case's channel thread and Action.Execute invokes on the cards the bot sent, with the data Teams
// would send. What the bot stored is read from its SQLite file, read-only.
//
// The story: Mette (coordinator) creates a case in Unge-teamet, adds Jonas, Sara and Ali and records
// consent; opens meeting no. 1; the three fill in the checklist (one answer is changed), a non-member is
// refused, answers arrive at the same moment and twice, one comes from a 1:1 chat; only Mette appoints the
// meeting roles; `aflys` cancels meeting no. 1, which gives up its number (old checklist cards are then
// refused), `møde` plans the next meeting (no number until it opens) and `aflys` cancels that one too,
// with a reason of its own.
//
// Why meeting no. 1 is cancelled first: one meeting is open at a time and closing one is the goals suite's.
// While no. 1 is open, `møde` in the thread shows no. 1's base card (no form to plan another), and
// `aflys` targets the open meeting before a planned one. Planning the next one through `møde` therefore
// needs no. 1 out of the way, and cancelling it through `aflys` also gives the old checklist cards of step 6.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { type AnswerChange, type Meeting, checklistProgress, checklistQuestions, progressOf } from '../../bot/domain/meeting';
import { da } from '../../bot/i18n/da';
import { inSharedConversation } from '../../bot/i18n/commandHint';
import { answerFingerprint } from '../../cards/fingerprint';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import {
  CHANNEL,
  TEAM,
  TENANT_ID,
  USERS,
  startPlayground,
  type BotActivity,
  type CardActionResult,
  type JsonObject,
  type PlaygroundClient,
  type PlaygroundUser,
} from './support/playground';
import { actionData, choicesOfInput as choicesOf, inputById, inputsOf, outboxOf, shownValue, submit } from './support/formSteps';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ZONE = 'Europe/Copenhagen';
const labels = da.cards.meeting;

/** The young person: every one of these is personal data that no channel card may carry. */
const YOUNG_PERSON = { name: 'Freja Kristensen', birthDate: '2004-05-17', phone: '22334455', email: 'freja.k@example.dk', address: 'Nørregade 7, 8000 Aarhus C', status: 'neither' };

// ---------------------------------------------------------------------------------------------------
// Reading cards

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object a card shows, depth first (not its `refresh`, which Teams sends by itself). */
function* walk(node: unknown): Generator<JsonObject> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
  } else if (isObject(node)) {
    yield node;
    for (const [key, value] of Object.entries(node)) if (key !== 'refresh') yield* walk(value);
  }
}

const inputIds = (node: unknown): string[] => inputsOf(node).map((input) => String(input.id));
const textsOf = (node: unknown): string[] => [...walk(node)].filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
const factsOf = (card: JsonObject): Record<string, string> =>
  Object.fromEntries([...walk(card)].filter((n) => n.type === 'FactSet').flatMap((n) => (Array.isArray(n.facts) ? n.facts.filter(isObject) : [])).map((f) => [String(f.title), String(f.value)]));

/** The checklist's section with this title: its container (title, progress, the form behind "Udfyld"). */
function section(checklist: JsonObject, title: string): JsonObject {
  const body = Array.isArray(checklist.body) ? checklist.body.filter(isObject) : [];
  const found = body.filter((item) => item.type === 'Container' && Array.isArray(item.items) && isObject(item.items[0]) && item.items[0].text === title);
  if (found.length !== 1) throw new Error(`Expected one section "${title}", found ${found.length}; sections: ${sectionTitles(checklist).join(' | ')}`);
  return found[0] as JsonObject;
}

function sectionTitles(checklist: JsonObject): string[] {
  const body = Array.isArray(checklist.body) ? checklist.body.filter(isObject) : [];
  return body.filter((item) => item.type === 'Container' && item.separator === true && Array.isArray(item.items) && isObject(item.items[0])).map((item) => String((item.items as JsonObject[])[0]?.text));
}

/** The `seen` of a section's Save action, exactly as the card has it. */
function seenOf(checklist: JsonObject, title: string): Record<string, string> {
  const seen = actionData(section(checklist, title), 'meeting.answer').seen;
  if (!isObject(seen)) throw new Error(`Section "${title}" has no seen`);
  return seen as Record<string, string>;
}

/** Polls `find` until it returns something (the playground's streams arrive a little after its HTTP answers). */
async function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function cardOf(result: CardActionResult): JsonObject {
  if (result.type !== ADAPTIVE_CARD || !result.card) throw new Error(`Expected a card, got ${result.type}: ${JSON.stringify(result.value)}`);
  return result.card;
}

/** The title and text of a message card (cards/templates/message.json). */
function messageCardTexts(result: CardActionResult): string[] {
  return textsOf(cardOf(result));
}

// ---------------------------------------------------------------------------------------------------

const S = da.checklist.sections;
const SECTIONS_IN_ORDER = [S.roles, S.preparation, S.vip, S.agenda, S.attendance, S.evaluation, S.status];
const EVALUATION_YES_NO_UNKNOWN = [
  'evalResources',
  'evalChallenges',
  'evalNeeds',
  'evalClearGoals',
  'evalResponsibles',
  'evalYoungPersonSpoke',
  'evalYoungPersonKnowsFollowUp',
  'evalWentWell',
  'evalAgendaCompleted',
];

describe('network meetings through the Agents Playground', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;

  const pg = (): PlaygroundClient => {
    if (!playground) throw new Error('The playground did not start');
    return playground;
  };
  const botProcess = (): BotProcess => {
    if (!bot) throw new Error('The bot did not start');
    return bot;
  };

  // What the steps learn and later steps use.
  let threadId = '';
  let caseId = '';
  let reference = '';
  /** Member ids by person (young person included), in the case's order. */
  const memberId: Record<'youngPerson' | 'mette' | 'jonas' | 'sara' | 'ali', string> = { youngPerson: '', mette: '', jonas: '', sara: '', ali: '' };
  let memberOrder: string[] = [];
  let meeting1Id = '';
  /** The checklist's base card in the thread. */
  let baseCard: BotActivity | undefined;
  /** The answers the test gave, question id -> stored value. */
  const given: Record<string, string | number> = {};
  /** The last checklist card each person got. */
  const lastChecklist: Partial<Record<'jonas' | 'sara' | 'ali' | 'mette', JsonObject>> = {};

  // ---- helpers bound to this run ----

  const sqliteFile = (): string => join(botProcess().dataDir, 'samarbejdsbot.sqlite');

  /** The case as stored, read-only, with its etag. */
  function stored(): { case: Case; etag: string } {
    const db = new Database(sqliteFile(), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare<[string, string], { etag: string; doc: string }>('SELECT etag, doc FROM cases WHERE tenant_id = ? AND id = ?').get(TENANT_ID, caseId);
      if (!row) throw new Error(`Case ${caseId} is not stored`);
      return { case: JSON.parse(row.doc) as Case, etag: row.etag };
    } finally {
      db.close();
    }
  }

  function audit(): Array<{ actor: string; action: string; outcome: string }> {
    const db = new Database(sqliteFile(), { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[string, string], { actor: string; action: string; outcome: string }>('SELECT actor, action, outcome FROM audit WHERE tenant_id = ? AND case_id = ? ORDER BY at, rowid').all(TENANT_ID, caseId);
    } finally {
      db.close();
    }
  }

  const meeting = (id: string): Meeting => {
    const found = stored().case.meetings.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`Meeting ${id} is not stored`);
    return found;
  };

  const withOutput = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- bot output ---\n${botOutputTail(bot)}`);
  };

  const lastSeq = (): number => pg().botActivities().at(-1)?.seq ?? 0;

  /** The first bot activity after `mark` that matches. */
  const botActivityAfter = (mark: number, predicate: (a: BotActivity) => boolean, timeoutMs = 10_000): Promise<BotActivity> =>
    pg().nextBotActivity((a) => a.seq > mark && predicate(a), timeoutMs).catch(withOutput);

  /** Mette writes a command in the case's thread; resolves to the card the bot answers with there. */
  async function command(text: string): Promise<BotActivity> {
    const mark = lastSeq();
    const sent = await pg().sendChannelMessage(USERS.mette.id, text, { threadId });
    await sent.turn();
    const reply = await botActivityAfter(mark, (a) => a.kind === 'message' && a.conversationId === threadId);
    return reply;
  }

  const firstCard = (activity: BotActivity): JsonObject => {
    const card = activity.cards[0];
    if (!card) throw new Error(`No card in ${JSON.stringify(activity.text ?? activity.raw)}`);
    return card;
  };

  /** A click on a card the bot posted in the thread (`replyToId`: that message). */
  async function click(user: PlaygroundUser, replyToId: string, action: { verb: string; data: JsonObject }): Promise<CardActionResult> {
    return pg().invokeCardAction(user.id, threadId, action, replyToId).catch(withOutput);
  }

  /** A card an earlier step left for a later one. */
  function earlier<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
    return value;
  }

  const baseCardId = (): string => {
    if (!baseCard?.messageId) throw new Error('The checklist base card was not posted');
    return baseCard.messageId;
  };

  /** `meeting.show` from the checklist's base card in the thread: that person's checklist. */
  async function showChecklist(user: PlaygroundUser): Promise<JsonObject> {
    const result = await click(user, baseCardId(), { verb: 'meeting.show', data: actionData(firstCard(earlier(baseCard, 'The base card')), 'meeting.show') });
    return cardOf(result);
  }

  /** A section saved from `checklist` (the card that person has), with the inputs typed. */
  async function answer(user: PlaygroundUser, checklist: JsonObject, sectionTitle: string, typed: Record<string, string>): Promise<CardActionResult> {
    return click(user, baseCardId(), submit(section(checklist, sectionTitle), 'meeting.answer', typed));
  }

  /**
   * The checklist's progress as the product counts it (bot/domain/meeting.ts: only the questions that
   * apply: an absence reason only for someone absent, the VIP's details only with a VIP, no agenda tick,
   * no "others present"), from what is stored now.
   */
  function storedProgress(id = meeting1Id): { answered: number; total: number } {
    const current = stored().case;
    const found = current.meetings.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`Meeting ${id} is not stored`);
    return checklistProgress(current, found);
  }

  /** Until the outbox holds no update of the checklist's card still to go out (a delivered one is deleted). */
  const cardUpdatesDelivered = (): Promise<true> =>
    waitFor(
      'the updates of the checklist card to go out',
      () => (outboxOf(botProcess().dataDir, caseId).some((row) => row.kind === 'checklistCard' && row.status === 'pending') ? undefined : true),
      10_000,
    );

  /** The base card's progress text for what is stored now. */
  const progressText = (): string => {
    const { answered, total } = storedProgress();
    return labels.progress(answered, total);
  };

  /** Every section of meeting no. 1 and its inputs, in order, as the protocol (cards/README.md) has them. */
  function expectedSectionInputs(): Array<[string, string[]]> {
    return [
      [S.roles, ['roleLeader', 'roleWriter', 'roleInterviewer']],
      // prepFollowedUpPlan is not asked at the first meeting.
      [S.preparation, ['prepHandoverSent', 'prepPreMeeting', 'prepNetworkMapMade', 'prepNetworkMapUsed']],
      // Nobody on the team is the VIP: the card says how to add one instead of asking who (no input).
      [S.vip, ['vipAttached', 'vipSource']],
      [S.agenda, ['agenda1', 'agenda2', 'agenda3', 'agenda4', 'agenda5', 'agenda6', 'agenda7']],
      // The rows of the form's table ("Tværfagligt team": the young person, the coordinator, bostøtte,
      // UU-vejleder, jobcenter), then the first place for another participant from outside the team.
      [
        S.attendance,
        [
          ...[memberId.youngPerson, memberId.mette, memberId.ali, memberId.jonas, memberId.sara].flatMap((id) => [`attended_${id}`, `absenceReason_${id}`]),
          'otherName_1',
          'otherAttended_1',
          'otherReason_1',
        ],
      ],
      [S.evaluation, [...EVALUATION_YES_NO_UNKNOWN, 'evalLengthMinutes']],
      [S.status, ['youngPersonStatus']],
    ];
  }

  // ---- start ----

  beforeAll(async () => {
    bot = await startBot({ via: 'npm-start' });
    playground = await startPlayground({ botEndpoint: bot.endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.dispose();
  }, 60_000);

  // ---- set-up through the protocol ----

  it('set-up: Mette creates a case in Unge-teamet, adds Jonas, Sara and Ali from the roster and records consent for all', async () => {
    // `ny sag` in the channel: the create-case card, in Mette's post.
    const mark = lastSeq();
    const post = await pg().sendChannelMessage(USERS.mette.id, 'ny sag');
    const createCard = await botActivityAfter(mark, (a) => a.kind === 'message' && a.conversationId === post.conversationId && a.cards.length > 0);
    const created = await pg()
      .invokeCardAction(
        USERS.mette.id,
        post.conversationId,
        submit(firstCard(createCard), 'case.create', {
          name: YOUNG_PERSON.name,
          birthDate: YOUNG_PERSON.birthDate,
          phone: YOUNG_PERSON.phone,
          email: YOUNG_PERSON.email,
          address: YOUNG_PERSON.address,
          status: YOUNG_PERSON.status,
        }),
        createCard.messageId,
      )
      .catch(withOutput);
    expect(created.type).toBe(ADAPTIVE_CARD);
    // The case has a thread of its own in the channel, started by the bot with a base card.
    const threadRoot = await botActivityAfter(mark, (a) => a.kind === 'message' && a.newThread && a.topLevelConversationId === CHANNEL.id);
    threadId = threadRoot.conversationId;
    expect(threadId).not.toBe(post.conversationId);
    caseId = String(actionData(firstCard(threadRoot), 'case.show').caseId);
    reference = stored().case.reference;
    expect(messageCardTexts(created)).toEqual([da.cards.caseCreated(reference), da.cards.caseCreatedInThread]);

    // `team` in the thread -> base card -> "Vis detaljer" -> the team card; add the three from the roster.
    const teamBase = await command('team');
    let teamCard = cardOf(await click(USERS.mette, teamBase.messageId as string, { verb: 'case.show', data: actionData(firstCard(teamBase), 'case.show') }));
    const roles = { jonas: 'youthGuidance', sara: 'jobcentre', ali: 'housingSupport' } as const;
    for (const who of ['jonas', 'sara', 'ali'] as const) {
      const addForm = [...walk(teamCard)].find((n) => n.type === 'Action.ShowCard' && n.title === da.cards.team.addTeams);
      if (!addForm) throw new Error('The team card has no "Tilføj fra Teams"');
      const person = choicesOf(inputById(addForm, 'teamsUser')).find((choice) => choice.title === USERS[who].name);
      expect(person?.value, `${USERS[who].name} in the roster`).toBe(USERS[who].aadObjectId);
      const added = await click(USERS.mette, teamBase.messageId as string, submit(addForm, 'team.addTeamsUser', { teamsUser: person?.value ?? '', teamsRole: roles[who] }));
      teamCard = cardOf(added);
      expect(textsOf(teamCard)).toContain(da.cards.done.memberAdded);
    }

    // `samtykke` -> base card -> the consent card; the member ids are its choices of parties.
    const consentBase = await command('samtykke');
    const consentCard = cardOf(await click(USERS.mette, consentBase.messageId as string, { verb: 'case.show', data: actionData(firstCard(consentBase), 'case.show') }));
    const parties = choicesOf(inputById(consentCard, 'partyMemberIds'));
    const idOf = (name: string): string => {
      const party = parties.find((choice) => choice.title.startsWith(`${name}: `));
      if (!party) throw new Error(`No party ${name} in ${JSON.stringify(parties)}`);
      return party.value;
    };
    memberId.youngPerson = idOf(YOUNG_PERSON.name);
    memberId.mette = idOf(USERS.mette.name);
    memberId.jonas = idOf(USERS.jonas.name);
    memberId.sara = idOf(USERS.sara.name);
    memberId.ali = idOf(USERS.ali.name);
    memberOrder = parties.map((party) => party.value);
    expect(memberOrder).toHaveLength(5);
    const recorded = await click(USERS.mette, consentBase.messageId as string, submit(consentCard, 'consent.record', { givenByYoungPerson: 'true', partyMemberIds: memberOrder.join(',') }));
    expect(textsOf(cardOf(recorded))).toContain(da.cards.done.consentRecorded);

    const current = stored().case;
    expect(current.members.map((member) => member.id)).toEqual(memberOrder);
    expect(current.consents.at(-1)?.partyMemberIds).toEqual(memberOrder);
    // The thread's first post is the case's base card, remembered so that the bot can keep it current.
    expect(threadRoot.messageId).toBeDefined();
    expect(threadId).toBe(`${CHANNEL.id};messageid=${threadRoot.messageId}`);
    expect(current.home).toEqual({ kind: 'channelThread', conversationId: threadId, baseCardId: threadRoot.messageId });
  }, 30_000);

  // ---- 1 ----

  it('1. møde -> meeting.open with today and a time: the checklist base card (no personal data, meeting no. 1) is posted in the thread', async () => {
    const openActivity = await command('møde');
    const openCard = firstCard(openActivity);
    expect(textsOf(openCard)).toContain(labels.openTitle(reference));
    const today = DateTime.now().setZone(ZONE).toISODate();
    expect(shownValue(inputById(openCard, 'meetingDate'))).toBe(today);

    const mark = lastSeq();
    const opened = await click(USERS.mette, openActivity.messageId as string, submit(openCard, 'meeting.open', { meetingTime: '10:00' }));
    // The invoke answer: meeting no. 1 is open.
    expect(opened.type).toBe(ADAPTIVE_CARD);
    expect(messageCardTexts(opened)[0]).toBe(labels.opened(1));

    baseCard = await botActivityAfter(mark, (a) => a.kind === 'message' && a.conversationId === threadId && a.cards.length > 0);
    expect(baseCard.status).toBe(201);
    const card = firstCard(baseCard);
    // What the whole channel sees: the case reference and meeting number, no personal data.
    expect(textsOf(card)[0]).toBe(labels.title(reference, 1));
    const everything = JSON.stringify(card);
    for (const personal of [YOUNG_PERSON.name, ...YOUNG_PERSON.name.split(' '), YOUNG_PERSON.birthDate, YOUNG_PERSON.phone, YOUNG_PERSON.email, YOUNG_PERSON.address]) {
      expect(everything).not.toContain(personal);
    }
    meeting1Id = String(actionData(card, 'meeting.show').meetingId);
    expect(factsOf(card)).toEqual({ [labels.startsAt]: da.dates.shortDateTime(`${today}T10:00`), [labels.state]: labels.states.open });
    expect(storedProgress().answered).toBe(0);
    expect(textsOf(card)).toContain(progressText());

    const stored1 = meeting(meeting1Id);
    expect(stored1).toMatchObject({ number: 1, status: 'open', answers: {}, answerLog: [], card: { conversationId: threadId, activityId: baseCard.messageId } });
    expect(DateTime.fromISO(stored1.startsAt).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')).toBe(`${today} 10:00`);
  });

  // ---- 2 ----

  it('2. meeting.show by Mette: the checklist of meeting no. 1, all sections, no follow-up question at the first meeting, attendance per member', async () => {
    const checklist = await showChecklist(USERS.mette);
    lastChecklist.mette = checklist;
    expect(textsOf(checklist)[0]).toBe(labels.title(reference, 1));
    expect(factsOf(checklist)).toMatchObject({
      [labels.youngPerson]: YOUNG_PERSON.name,
      [labels.coordinator]: USERS.mette.name,
      [labels.number]: '1',
      [labels.state]: labels.states.open,
    });
    expect(sectionTitles(checklist)).toEqual(SECTIONS_IN_ORDER);
    for (const [title, ids] of expectedSectionInputs()) {
      expect(inputIds(section(checklist, title)), title).toEqual(ids);
      // Nothing answered yet: every input shows nothing (a toggle shows "no"), and `seen` says so.
      const seen = seenOf(checklist, title);
      expect(Object.keys(seen), `seen of ${title}`).toEqual(ids);
      for (const input of inputsOf(section(checklist, title))) {
        expect(seen[String(input.id)]).toBe(answerFingerprint(input.type === 'Input.Toggle' ? 'no' : ''));
      }
    }
    // The third preparation question is not asked at the first meeting, not even as text.
    expect(JSON.stringify(checklist)).not.toContain('prepFollowedUpPlan');
    expect(JSON.stringify(checklist)).not.toContain(da.checklist.questions.prepFollowedUpPlan as string);
    // Attendance: a yes/no question per team member, the young person and the coordinator included.
    const attendance = section(checklist, S.attendance);
    const attendedLabels = memberOrder.map((id) => String(inputById(attendance, `attended_${id}`).label));
    expect(attendedLabels).toEqual([
      da.checklist.attended(da.roles.coordinator, USERS.mette.name),
      da.checklist.attended(da.roles.youngPerson, YOUNG_PERSON.name),
      da.checklist.attended(da.roles.youthGuidance, USERS.jonas.name),
      da.checklist.attended(da.roles.jobcentre, USERS.sara.name),
      da.checklist.attended(da.roles.housingSupport, USERS.ali.name),
    ]);
    for (const id of memberOrder) expect(choicesOf(inputById(attendance, `attended_${id}`)).map((c) => c.value)).toEqual(['yes', 'no']);
  });

  // ---- 3 ----

  it('3. Jonas, Sara and Ali answer their sections; Jonas changes an answer; the base card is updated in place; everything reads back exactly, with history', async () => {
    const jonasCard = await showChecklist(USERS.jonas);
    const saraCard = await showChecklist(USERS.sara);
    const aliCard = await showChecklist(USERS.ali);

    // Jonas: preparation.
    const beforeJonas = lastSeq();
    const preparation = { prepHandoverSent: 'yes', prepPreMeeting: 'yes', prepNetworkMapMade: 'no', prepNetworkMapUsed: 'no' };
    const jonasSaved = await answer(USERS.jonas, jonasCard, S.preparation, preparation);
    lastChecklist.jonas = cardOf(jonasSaved);
    expect(textsOf(lastChecklist.jonas)).toContain(labels.saved);
    Object.assign(given, preparation);
    // All four preparation answers apply at the first meeting.
    expect(storedProgress().answered).toBe(4);
    const afterJonas = progressText();

    // The channel's base card was updated in place, for everyone: same activity, new progress.
    const update = await botActivityAfter(beforeJonas, (a) => a.kind === 'update' && a.messageId === baseCardId());
    expect(update.status).toBe(200);
    expect(update.conversationId).toBe(threadId);
    expect(textsOf(firstCard(update))).toContain(afterJonas);
    expect(textsOf(firstCard(update))).not.toContain(labels.progress(0, storedProgress().total));
    expect(JSON.stringify(firstCard(update))).not.toContain(YOUNG_PERSON.name);
    // The web UI (Mette's) got the same update of that message.
    const uiUpdate = await waitFor('the web UI to get the update of the base card', () =>
      pg().uiEvents().find((e) => e.action === 'updateMessage' && e.actionConversationId === threadId && e.message?.messageId === baseCardId()),
    );
    expect(textsOf(uiUpdate.message?.attachments)).toContain(afterJonas);

    // Sara: evaluation, the meeting's length included.
    const evaluation: Record<string, string> = {
      evalResources: 'yes',
      evalChallenges: 'yes',
      evalNeeds: 'unknown',
      evalClearGoals: 'no',
      evalResponsibles: 'yes',
      evalYoungPersonSpoke: 'yes',
      evalYoungPersonKnowsFollowUp: 'unknown',
      evalWentWell: 'yes',
      evalAgendaCompleted: 'no',
      evalLengthMinutes: '95',
    };
    const saraSaved = await answer(USERS.sara, saraCard, S.evaluation, evaluation);
    lastChecklist.sara = cardOf(saraSaved);
    Object.assign(given, { ...evaluation, evalLengthMinutes: 95 });

    // Ali: attendance, then status (two sections, two Saves, each from the card he has at that moment).
    const attendance: Record<string, string> = {
      [`attended_${memberId.mette}`]: 'yes',
      [`attended_${memberId.youngPerson}`]: 'yes',
      [`attended_${memberId.jonas}`]: 'yes',
      [`attended_${memberId.sara}`]: 'no',
      [`absenceReason_${memberId.sara}`]: 'På kursus',
      [`attended_${memberId.ali}`]: 'yes',
      otherName_1: 'Lærer fra produktionsskolen',
      otherAttended_1: 'yes',
      otherReason_1: 'Emil vil gerne begynde på produktionsskolen',
    };
    const aliAttendance = cardOf(await answer(USERS.ali, aliCard, S.attendance, attendance));
    Object.assign(given, attendance);
    const aliStatus = await answer(USERS.ali, aliAttendance, S.status, { youngPersonStatus: 'education' });
    lastChecklist.ali = cardOf(aliStatus);
    given.youngPersonStatus = 'education';

    // Jonas changes one answer, from his updated card: its `seen` shows what he saved.
    const jonasSeen = seenOf(lastChecklist.jonas, S.preparation);
    expect(jonasSeen.prepPreMeeting).toBe(answerFingerprint('yes'));
    expect(jonasSeen.prepNetworkMapMade).toBe(answerFingerprint('no'));
    const logBeforeChange = meeting(meeting1Id).answerLog.length;
    const beforeChange = lastSeq();
    const changed = await answer(USERS.jonas, lastChecklist.jonas, S.preparation, { prepPreMeeting: 'no' });
    lastChecklist.jonas = cardOf(changed);
    given.prepPreMeeting = 'no';
    expect(meeting(meeting1Id).answerLog.length).toBe(logBeforeChange + 1);
    // The base card is updated once more (a change leaves the number of answers as it was).
    const afterChange = await botActivityAfter(beforeChange, (a) => a.kind === 'update' && a.messageId === baseCardId());
    expect(textsOf(firstCard(afterChange))).toContain(progressText());

    // Read back: the stored answers are exactly those given.
    const stored1 = meeting(meeting1Id);
    expect(stored1.answers).toEqual(given);
    // Every change was logged with who and when; the change keeps the old value.
    const by = (user: PlaygroundUser) => user.aadObjectId;
    const log = stored1.answerLog;
    expect(log.filter((entry) => entry.questionId === 'prepPreMeeting').map(({ value, previous, byAadObjectId }) => ({ value, previous, byAadObjectId }))).toEqual([
      { value: 'yes', previous: null, byAadObjectId: by(USERS.jonas) },
      { value: 'no', previous: 'yes', byAadObjectId: by(USERS.jonas) },
    ]);
    const [first, second] = log.filter((entry) => entry.questionId === 'prepPreMeeting') as [AnswerChange, AnswerChange];
    expect(Date.parse(first.at)).toBeLessThanOrEqual(Date.parse(second.at));
    expect(Date.now() - Date.parse(first.at)).toBeLessThan(60_000);
    const whoAnswered = (ids: string[]) => new Set(log.filter((entry) => ids.includes(entry.questionId)).map((entry) => entry.byAadObjectId));
    expect(whoAnswered(Object.keys(preparation))).toEqual(new Set([by(USERS.jonas)]));
    expect(whoAnswered(Object.keys(evaluation))).toEqual(new Set([by(USERS.sara)]));
    expect(whoAnswered([...Object.keys(attendance), 'youngPersonStatus'])).toEqual(new Set([by(USERS.ali)]));
    // One log entry per answer given, plus the one change: nothing else was written.
    expect(log).toHaveLength(Object.keys(given).length + 1);

    // Mette's checklist shows every answer in its inputs.
    const metteCard = await showChecklist(USERS.mette);
    lastChecklist.mette = metteCard;
    for (const [id, value] of Object.entries(given)) {
      const input = inputById(metteCard, id);
      expect(input.type === 'Input.Number' ? input.value : shownValue(input), id).toBe(value);
    }
    const { answered, total } = storedProgress();
    expect(factsOf(metteCard)[labels.progressTitle]).toBe(`${answered} / ${total}`);
    // Each section filled in says so: attendance counts each member, Sara's absence reason as she was
    // absent, and the other participant's attendance and why, not the reasons of members present
    // (issue 11, section 8: it could never reach its total before).
    expect(textsOf(section(metteCard, S.preparation))).toContain(labels.sectionDone(4));
    const { case: storedCase } = stored();
    const meeting1 = storedCase.meetings.find((candidate) => candidate.id === meeting1Id)!;
    const attendanceProgress = progressOf(checklistQuestions(storedCase, meeting1).filter((question) => question.section === 'attendance'), meeting1.answers);
    expect(attendanceProgress).toEqual({ answered: memberOrder.length + 3, total: memberOrder.length + 3 });
    expect(textsOf(section(metteCard, S.attendance))).toContain(labels.sectionDone(attendanceProgress.total));
    expect(textsOf(section(metteCard, S.evaluation))).toContain(labels.sectionDone(EVALUATION_YES_NO_UNKNOWN.length + 1));
    expect(textsOf(section(metteCard, S.status))).toContain(labels.sectionDone(1));
    // Every answer was one update of the same base card in the thread, and nothing was posted anew.
    const inThread = pg().botActivities().filter((a) => a.seq > beforeJonas && a.conversationId === threadId && a.kind !== 'typing');
    expect(inThread.map((a) => [a.kind, a.messageId])).toEqual(Array.from({ length: 5 }, () => ['update', baseCardId()]));
  });

  it("3b. Teams' automatic refresh of the base card gives each team member their own checklist, and nobody else", async () => {
    for (const user of [USERS.mette, USERS.jonas, USERS.sara, USERS.ali]) {
      const refreshed = await pg().refreshCard(user.id, threadId, baseCardId());
      expect(refreshed, `refresh for ${user.name}`).not.toBeNull();
      const own = cardOf(refreshed as CardActionResult);
      expect(textsOf(own)[0]).toBe(labels.title(reference, 1));
      expect(factsOf(own)[labels.youngPerson]).toBe(YOUNG_PERSON.name);
      expect(inputById(own, 'prepPreMeeting').value).toBe('no');
    }
    // Lise is in the channel but not on the team: Teams does not refresh the card for her.
    expect(await pg().refreshCard(USERS.lise.id, threadId, baseCardId())).toBeNull();
  });

  // ---- 4 ----

  it('4. Lise, in the team but not on the case, is refused in Danish and nothing is written', async () => {
    const before = stored();
    const mark = lastSeq();
    const show = await click(USERS.lise, baseCardId(), { verb: 'meeting.show', data: actionData(firstCard(earlier(baseCard, 'The base card')), 'meeting.show') });
    expect(show.type).toBe(MESSAGE);
    expect(show.value).toBe(da.errors.notTeamMember({}));
    const refused = await answer(USERS.lise, earlier(lastChecklist.jonas, "Jonas's checklist"), S.preparation, { prepHandoverSent: 'no' });
    expect(refused.type).toBe(MESSAGE);
    expect(refused.value).toBe(da.errors.notTeamMember({}));
    const after = stored();
    expect(after.etag).toBe(before.etag);
    expect(after.case).toEqual(before.case);
    await pg().expectNoBotActivity((a) => a.conversationId === threadId, 500, mark);
    // The refusal is audited, as a refusal.
    expect(audit().filter((row) => row.actor === USERS.lise.aadObjectId)).toEqual([
      { actor: USERS.lise.aadObjectId, action: 'checklist.read', outcome: 'denied' },
      { actor: USERS.lise.aadObjectId, action: 'meeting.answer', outcome: 'denied' },
    ]);
  });

  // ---- 5 ----

  it('5a. three members tick different points of the agenda at the same moment: all land', async () => {
    const [jonasCard, saraCard, aliCard] = await Promise.all([showChecklist(USERS.jonas), showChecklist(USERS.sara), showChecklist(USERS.ali)]);
    const logBefore = meeting(meeting1Id).answerLog.length;
    // All three cards showed the agenda unticked; each ticks one point and leaves the others as shown.
    const results = await Promise.all([
      answer(USERS.jonas, jonasCard, S.agenda, { agenda2: 'yes' }),
      answer(USERS.sara, saraCard, S.agenda, { agenda4: 'yes' }),
      answer(USERS.ali, aliCard, S.agenda, { agenda6: 'yes' }),
    ]);
    for (const result of results) expect(textsOf(cardOf(result))).toContain(labels.saved);
    Object.assign(given, { agenda2: 'yes', agenda4: 'yes', agenda6: 'yes' });
    // Their updates of the base card may go out as one (cards/README.md): let them all go before the next step counts.
    await cardUpdatesDelivered();
    const stored1 = meeting(meeting1Id);
    expect(stored1.answers).toEqual(given);
    const added = stored1.answerLog.slice(logBefore);
    expect(added).toHaveLength(3);
    expect(new Set(added.map(({ questionId, value, previous, byAadObjectId }) => JSON.stringify({ questionId, value, previous, byAadObjectId })))).toEqual(
      new Set([
        JSON.stringify({ questionId: 'agenda2', value: 'yes', previous: null, byAadObjectId: USERS.jonas.aadObjectId }),
        JSON.stringify({ questionId: 'agenda4', value: 'yes', previous: null, byAadObjectId: USERS.sara.aadObjectId }),
        JSON.stringify({ questionId: 'agenda6', value: 'yes', previous: null, byAadObjectId: USERS.ali.aadObjectId }),
      ]),
    );
    // The agenda's points are ticks: counted as covered, not as questions waiting for an answer.
    const metteCard = await showChecklist(USERS.mette);
    expect(textsOf(section(metteCard, S.agenda))).toContain(labels.coveredCount(3, 7));
  });

  it('5a-roles. only Mette appoints the meeting roles: a member\'s card has no role inputs, his role answer is refused in Danish and audited as denied, hers lands', async () => {
    // Jonas's checklist shows the roles as answers, with who appoints them, and no inputs.
    const jonasCard = await showChecklist(USERS.jonas);
    expect(inputIds(section(jonasCard, S.roles))).toEqual([]);
    expect(textsOf(section(jonasCard, S.roles))).toContain(labels.rolesByCoordinator);
    const metteCard = await showChecklist(USERS.mette);
    expect(inputIds(section(metteCard, S.roles))).toEqual(['roleLeader', 'roleWriter', 'roleInterviewer']);

    // Jonas sends the roles form anyway (as a card rendered for Mette would let him): refused, nothing written.
    const before = stored();
    const mark = lastSeq();
    const byJonas = await answer(USERS.jonas, metteCard, S.roles, { roleWriter: memberId.jonas });
    expect(byJonas.type).toBe(MESSAGE);
    expect(byJonas.value).toBe(da.errors.meetingRolesByCoordinator({}));
    const after = stored();
    expect(after.etag).toBe(before.etag);
    expect(after.case).toEqual(before.case);
    await pg().expectNoBotActivity((a) => a.conversationId === threadId, 500, mark);
    expect(audit().filter((row) => row.actor === USERS.jonas.aadObjectId && row.outcome === 'denied')).toEqual([
      { actor: USERS.jonas.aadObjectId, action: 'meeting.answer', outcome: 'denied' },
    ]);

    // Mette appoints them from her card: they land, logged as hers, and the base card is updated in place.
    const logBefore = meeting(meeting1Id).answerLog.length;
    const roles = { roleLeader: memberId.mette, roleWriter: memberId.sara, roleInterviewer: memberId.jonas };
    const saved = await answer(USERS.mette, metteCard, S.roles, roles);
    expect(textsOf(cardOf(saved))).toContain(labels.saved);
    Object.assign(given, roles);
    const stored1 = meeting(meeting1Id);
    expect(stored1.answers).toEqual(given);
    expect(stored1.answerLog.slice(logBefore).map(({ questionId, value, previous, byAadObjectId }) => ({ questionId, value, previous, byAadObjectId }))).toEqual([
      { questionId: 'roleLeader', value: memberId.mette, previous: null, byAadObjectId: USERS.mette.aadObjectId },
      { questionId: 'roleWriter', value: memberId.sara, previous: null, byAadObjectId: USERS.mette.aadObjectId },
      { questionId: 'roleInterviewer', value: memberId.jonas, previous: null, byAadObjectId: USERS.mette.aadObjectId },
    ]);
    const update = await botActivityAfter(mark, (a) => a.kind === 'update' && a.messageId === baseCardId());
    expect(textsOf(firstCard(update))).toContain(progressText());
    const inThread = pg().botActivities().filter((a) => a.seq > mark && a.conversationId === threadId && a.kind !== 'typing');
    expect(inThread.map((a) => [a.kind, a.messageId])).toEqual([['update', baseCardId()]]);
  });

  it('5b. the same invoke activity delivered again (same id) is applied once, even after someone else changed that answer', async () => {
    const jonasCard = await showChecklist(USERS.jonas);
    const action = submit(section(jonasCard, S.vip), 'meeting.answer', { vipAttached: 'yes' });
    const activityId = `f:dup-${Date.now()}`;
    const invokeActivity: JsonObject = {
      id: activityId,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data } },
      replyToId: baseCardId(),
      channelData: { teamsChannelId: CHANNEL.id, teamsTeamId: TEAM.id, tenant: { id: TENANT_ID }, team: { id: TEAM.id }, channel: { id: CHANNEL.id }, source: { name: 'message' } },
      entities: [{ locale: 'en-US', country: 'US', timezone: ZONE, type: 'clientInfo' }],
    };
    const logBefore = meeting(meeting1Id).answerLog.length;

    // First delivery, through the playground.
    const first = await pg().sendCustomActivity(threadId, USERS.jonas, invokeActivity);
    const firstTurn = await first.turn();
    expect(firstTurn.status).toBe(200);
    expect((firstTurn.response as JsonObject).type).toBe(ADAPTIVE_CARD);
    expect(meeting(meeting1Id).answerLog.length).toBe(logBefore + 1);
    expect(meeting(meeting1Id).answers.vipAttached).toBe('yes');

    // Redelivery of the very same activity (byte for byte what the bot got), straight to the bot's endpoint,
    // twice at once.
    const delivered = pg().deliveredActivities().find((d) => d.activity.id === activityId);
    if (!delivered) throw new Error('The first delivery was not recorded');
    expect(delivered.activity).toMatchObject({ serviceUrl: pg().serviceUrl, locale: 'da-DK', from: { id: USERS.jonas.id, aadObjectId: USERS.jonas.aadObjectId } });
    const redeliver = async (): Promise<JsonObject> => {
      const response = await fetch(botProcess().endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivered.activity) });
      expect(response.status).toBe(200);
      return (await response.json()) as JsonObject;
    };
    const again = await Promise.all([redeliver(), redeliver()]);
    for (const body of again) expect(body.type).toBe(ADAPTIVE_CARD);
    expect(meeting(meeting1Id).answerLog.length).toBe(logBefore + 1);

    // Sara then says there is no VIP after all, from her own fresh card...
    const saraCard = await showChecklist(USERS.sara);
    expect(seenOf(saraCard, S.vip).vipAttached).toBe(answerFingerprint('yes'));
    await answer(USERS.sara, saraCard, S.vip, { vipAttached: 'no' });
    expect(meeting(meeting1Id).answerLog.length).toBe(logBefore + 2);
    // ...and a late redelivery of Jonas's activity does not put his old answer back.
    const late = await pg().sendCustomActivity(threadId, USERS.jonas, invokeActivity);
    expect((await late.turn()).status).toBe(200);
    const stored1 = meeting(meeting1Id);
    expect(stored1.answers.vipAttached).toBe('no');
    expect(stored1.answerLog.slice(logBefore).map(({ questionId, value, previous, byAadObjectId }) => ({ questionId, value, previous, byAadObjectId }))).toEqual([
      { questionId: 'vipAttached', value: 'yes', previous: null, byAadObjectId: USERS.jonas.aadObjectId },
      { questionId: 'vipAttached', value: 'no', previous: 'yes', byAadObjectId: USERS.sara.aadObjectId },
    ]);
    expect(stored().case.appliedActivityIds.filter((id) => id === activityId)).toHaveLength(1);
    given.vipAttached = 'no';
    expect(stored1.answers).toEqual(given);
  });

  /** Where the base card stood before an answer given in a 1:1 chat (5c, 5d). */
  let beforePersonalAnswer = 0;

  it('5c. Jonas writes møde in his 1:1 chat, gets the checklist itself there, and answers from it', async () => {
    const mark = lastSeq();
    const sent = await pg().sendPersonalMessage(USERS.jonas.id, 'møde');
    await sent.turn();
    const reply = await botActivityAfter(mark, (a) => a.kind === 'message' && a.conversationId === sent.conversationId && a.cards.length > 0);
    expect(reply.toUserId).toBe(USERS.jonas.id);
    const checklist = firstCard(reply);
    expect(textsOf(checklist)[0]).toBe(labels.title(reference, 1));
    expect(actionData(section(checklist, S.vip), 'meeting.answer').meetingId).toBe(meeting1Id);
    expect(inputById(checklist, 'vipAttached').value).toBe('no');

    beforePersonalAnswer = lastSeq();
    const saved = await pg()
      .invokeCardAction(USERS.jonas.id, sent.conversationId, submit(section(checklist, S.vip), 'meeting.answer', { vipSource: 'private' }), reply.messageId)
      .catch(withOutput);
    expect(textsOf(cardOf(saved))).toContain(labels.saved);
    given.vipSource = 'private';
    expect(meeting(meeting1Id).answers).toEqual(given);
  });

  // The protocol (cards/README.md, meeting.answer): "the channel's base card is updated for everyone",
  // also when the answer was given in a 1:1 chat.
  it('5d. after an answer from a 1:1 chat, the channel\'s base card is updated too', async () => {
    // Through the outbox (bot/outbox/dispatcher.ts): waited for, as it may arrive just after the answer.
    const update = await botActivityAfter(beforePersonalAnswer, (a) => a.kind === 'update' && a.messageId === baseCardId());
    expect(textsOf(firstCard(update))).toContain(progressText());
  });

  // ---- 7 (and 6) ----

  it('7a. while meeting no. 1 is open, møde shows its base card; aflys shows the cancel card for the open meeting, which cancels it with a reason', async () => {
    const meetingAgain = firstCard(await command('møde'));
    expect(textsOf(meetingAgain)[0]).toBe(labels.title(reference, 1));
    expect(actionData(meetingAgain, 'meeting.show').meetingId).toBe(meeting1Id);
    expect(inputsOf(meetingAgain)).toEqual([]);

    const cancelActivity = await command('aflys');
    const cancelCard = firstCard(cancelActivity);
    const meeting1At = da.dates.dateTime(meeting(meeting1Id).startsAt);
    expect(textsOf(cancelCard)[0]).toBe(labels.cancelTitle(reference, 1, meeting1At));
    expect(actionData(cancelCard, 'meeting.cancel').meetingId).toBe(meeting1Id);
    expect(choicesOf(inputById(cancelCard, 'reason')).map((c) => c.value)).toEqual(['youngPersonAbsent', 'youngPersonIll', 'coordinatorIll', 'other']);
    expect(JSON.stringify(cancelCard)).not.toContain(YOUNG_PERSON.name);

    const mark = lastSeq();
    const cancelled = await click(USERS.mette, cancelActivity.messageId as string, submit(cancelCard, 'meeting.cancel', { reason: 'youngPersonIll' }));
    expect(messageCardTexts(cancelled)[0]).toBe(labels.cancelled(meeting1At));
    const stored1 = meeting(meeting1Id);
    expect(stored1.status).toBe('cancelled');
    expect(stored1.cancellation).toEqual({ reason: 'youngPersonIll', at: expect.any(String), byAadObjectId: USERS.mette.aadObjectId });
    // The answers stay as they were.
    expect(stored1.answers).toEqual(given);
    // The channel's base card now says so, for everyone, and only that: why is for the team's checklist.
    const update = await botActivityAfter(mark, (a) => a.kind === 'update' && a.messageId === baseCardId());
    expect(factsOf(firstCard(update))[labels.state]).toBe(labels.states.cancelled);
    expect(JSON.stringify(firstCard(update))).not.toContain(da.checklist.cancellationReasons.youngPersonIll);
  });

  it('6. an old checklist card of the cancelled meeting is answered with a Danish message, and nothing is written', async () => {
    const before = stored();
    const old = await answer(USERS.jonas, earlier(lastChecklist.jonas, "Jonas's checklist"), S.preparation, { prepHandoverSent: 'no' });
    expect(old.type).toBe(MESSAGE);
    expect(old.value).toBe(da.errors.meetingNotOpen({ status: 'cancelled' }));
    expect(String(old.value)).toContain('aflyst');
    const oldToo = await answer(USERS.ali, earlier(lastChecklist.ali, "Ali's checklist"), S.status, { youngPersonStatus: 'work' });
    expect(oldToo.value).toBe(da.errors.meetingNotOpen({ status: 'cancelled' }));
    const after = stored();
    expect(after.etag).toBe(before.etag);
    expect(after.case).toEqual(before.case);

    // Opening the checklist of the cancelled meeting shows the answers, read-only.
    const readOnly = await showChecklist(USERS.mette);
    expect(factsOf(readOnly)[labels.state]).toBe(labels.cancelledBecause(da.checklist.cancellationReasons.youngPersonIll));
    expect(inputsOf(readOnly)).toEqual([]);
    expect([...walk(readOnly)].filter((n) => n.type === 'Action.Execute')).toEqual([]);
    expect(sectionTitles(readOnly)).toEqual(SECTIONS_IN_ORDER);
  });

  it('7b. møde plans the next meeting for a future date, without a number; aflys cancels it with "other" and a text', async () => {
    const openCard = await command('møde');
    expect(textsOf(firstCard(openCard))).toContain(labels.openTitle(reference));
    const nextWeek = DateTime.now().setZone(ZONE).plus({ days: 7 }).toISODate() as string;
    const planned = await click(USERS.mette, openCard.messageId as string, submit(firstCard(openCard), 'meeting.plan', { meetingDate: nextWeek, meetingTime: '14:30' }));
    expect(messageCardTexts(planned)[0]).toBe(labels.planned(da.dates.dateTime(`${nextWeek}T14:30`), inSharedConversation));
    const meetings = stored().case.meetings;
    // Numbers count meetings held (issue 11, section 2): no. 1 gave its number up when it was cancelled,
    // and the planned meeting gets one only when it opens.
    expect(meetings.map((m) => [m.number, m.status])).toEqual([
      [undefined, 'cancelled'],
      [undefined, 'planned'],
    ]);
    const meeting2Id = (meetings[1] as Meeting).id;
    expect(meeting2Id).not.toBe(meeting1Id);

    // `aflys` now targets the planned meeting.
    const cancelActivity = await command('aflys');
    const cancelCard = firstCard(cancelActivity);
    // It has no number: the card names it by its date.
    expect(textsOf(cancelCard)[0]).toBe(labels.cancelTitle(reference, undefined, da.dates.dateTime(`${nextWeek}T14:30`)));
    expect(textsOf(cancelCard)[0]).toContain(da.dates.dateTime(`${nextWeek}T14:30`));
    expect(actionData(cancelCard, 'meeting.cancel').meetingId).toBe(meeting2Id);

    // "Andet" without saying what is refused, and nothing is written.
    const etag = stored().etag;
    const vague = await click(USERS.mette, cancelActivity.messageId as string, submit(cancelCard, 'meeting.cancel', { reason: 'other' }));
    expect(vague.type).toBe(MESSAGE);
    expect(vague.value).toBe(da.errors.cancellationNeedsReason({}));
    expect(stored().etag).toBe(etag);

    // Only the coordinator cancels.
    const byJonas = await click(USERS.jonas, cancelActivity.messageId as string, submit(cancelCard, 'meeting.cancel', { reason: 'youngPersonAbsent' }));
    expect(byJonas.type).toBe(MESSAGE);
    expect(byJonas.value).toBe(da.errors.notCoordinator({}));
    expect(stored().etag).toBe(etag);

    const cancelled = await click(USERS.mette, cancelActivity.messageId as string, submit(cancelCard, 'meeting.cancel', { reason: 'other', otherReason: 'Mødelokalet er optaget' }));
    expect(messageCardTexts(cancelled)[0]).toBe(labels.cancelled(da.dates.dateTime(`${nextWeek}T14:30`)));
    const meeting2 = meeting(meeting2Id);
    expect(meeting2.number).toBeUndefined();
    expect(meeting2).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'other', otherReason: 'Mødelokalet er optaget', byAadObjectId: USERS.mette.aadObjectId },
      answers: {},
      answerLog: [],
    });
    expect(DateTime.fromISO(meeting2.startsAt).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')).toBe(`${nextWeek} 14:30`);
    expect(meeting(meeting1Id).cancellation?.reason).toBe('youngPersonIll');
    expect(
      stored()
        .case.history.filter((event) => event.kind.startsWith('meeting'))
        .map((event) => [event.kind, event.meetingId === meeting1Id ? 1 : event.meetingId === meeting2Id ? 2 : '?']),
    ).toEqual([
      ['meetingOpened', 1],
      ['meetingCancelled', 1],
      ['meetingPlanned', 2],
      ['meetingCancelled', 2],
    ]);

    // Nothing is left to cancel.
    const mark = lastSeq();
    const sent = await pg().sendChannelMessage(USERS.mette.id, 'aflys', { threadId });
    await sent.turn();
    const nothing = await botActivityAfter(mark, (a) => a.kind === 'message' && a.conversationId === threadId);
    expect(nothing.text).toBe(da.errors.noMeetingToCancel({}));
  });
});
