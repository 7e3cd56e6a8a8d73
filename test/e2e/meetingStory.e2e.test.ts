// Issue 11, "Shown by tests in CI": a meeting's whole life end to end through the Agents Playground, as
// the coordinator lives it. The real bot (`node dist/bot/index.js`, built first when stale) behind the
// real Microsoft 365 Agents Playground; chat commands in the case's thread and Action.Execute invokes on
// the cards the bot sent, with the data Teams sends. What the bot stored is read from its SQLite file.
//
// The story: Mette (coordinator) creates a case, adds Jonas and Sara and records consent; plans the
// meeting for next week and answers the preparation before it opens (the checklist's windows,
// bot/domain/checklist.ts); opens it and fills in everything but the evaluation; closes it: the closing
// card names the empty evaluation, and the close is refused until she confirms leaving it empty. After
// the meeting she fills in the evaluation (accepted while the minutes await the young person's approval),
// records the young person's approval, and an evaluation answer after that is refused with a message.
//
// Assertions use the i18n texts (bot/i18n/da.ts) and the product's own date format (da.dates),
// so that a change of wording or format elsewhere keeps this story true.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import type { Meeting } from '../../bot/domain/meeting';
import { inSharedConversation } from '../../bot/i18n/commandHint';
import { da } from '../../bot/i18n/da';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import {
  MESSAGE_ANSWER,
  birthDateForAge,
  cardOf,
  click,
  commandInThread,
  createCaseInChannel,
  daysFromToday,
  factValue,
  present,
  textsOf,
  titleOf,
  today,
  type ChannelCase,
} from './support/caseSteps';
import { actionData, actionsWithVerb, checklistSection, choiceValue, choicesOfInput, firstCard, inputById, inputsOf, showCard, storedCase, submit } from './support/formSteps';
import { USERS, startPlayground, type CardActionResult, type JsonObject, type PlaygroundClient } from './support/playground';

const labels = da.cards.meeting;
const goals = da.cards.goals;
const S = da.checklist.sections;
const { mette, jonas, sara } = USERS;

const YOUNG_PERSON = { name: 'Nanna Holm Vestergaard', birthDate: birthDateForAge(19), phone: '+45 31 42 53 64', status: 'neither' } as const;
/** Before the meeting (seed 001: "Gennemgå mødetjeklisten forud for planlægning"). */
const PREPARATION = { prepHandoverSent: 'yes', prepPreMeeting: 'yes', prepNetworkMapMade: 'yes', prepNetworkMapUsed: 'no' } as const;
/** After the meeting, while the minutes await approval. */
const EVALUATION = {
  evalResources: 'yes',
  evalChallenges: 'yes',
  evalNeeds: 'unknown',
  evalClearGoals: 'yes',
  evalResponsibles: 'yes',
  evalYoungPersonSpoke: 'yes',
  evalYoungPersonKnowsFollowUp: 'no',
  evalWentWell: 'yes',
  evalAgendaCompleted: 'no',
  evalLengthMinutes: '75',
} as const;
const PLANNED = { date: daysFromToday(7), time: '14:30' } as const;
const NEXT_MEETING = { date: daysFromToday(35), time: '13:00' } as const;

/** The checklist's section titled `title`, answerable or not: a container of the card's body whose first text is the title. */
function sectionOf(checklist: JsonObject, title: string): JsonObject {
  const body = Array.isArray(checklist.body) ? (checklist.body as JsonObject[]) : [];
  const found = body.filter((item) => item.type === 'Container' && Array.isArray(item.items) && (item.items as JsonObject[])[0]?.text === title);
  if (found.length !== 1) throw new Error(`Expected one section "${title}", found ${found.length}`);
  return found[0] as JsonObject;
}

describe('a meeting from planning to approved minutes, through the Agents Playground (issue 11)', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  let dataDir = '';

  let theCase: ChannelCase | undefined;
  const memberId = { mette: '', youngPerson: '', jonas: '', sara: '' };
  let meetingId = '';
  /** Checklist cards kept for later steps: the open meeting's, and the one after closing. */
  let openChecklist: JsonObject | undefined;
  let afterClosingChecklist: JsonObject | undefined;
  /** The message the closing and approval cards live on (the `afslut` base card in the thread), and the approval card. */
  let closingBaseId = '';
  let approvalCard: JsonObject | undefined;
  /** The checklist's base card in the thread, and its "Vis mødetjeklisten". */
  let checklistBaseId = '';
  let showChecklist: { verb: string; data: JsonObject } | undefined;

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const scenario = (): ChannelCase => present(theCase, 'The set-up did not create its case (see the first test)');
  const earlier = <T>(value: T | undefined, what: string): T => present(value, `${what} is missing: an earlier step failed`);
  const stored = (): { case: Case; etag: string } => storedCase(dataDir, scenario().caseId);
  const storedMeeting = (): Meeting => present(stored().case.meetings.find((candidate) => candidate.id === meetingId), `Meeting ${meetingId} is not stored`);
  const lastSeq = (): number => pg().botActivities().at(-1)?.seq ?? 0;
  const invoke = (action: { verb: string; data: JsonObject }, replyToId: string): Promise<CardActionResult> => pg().invokeCardAction(mette, scenario().threadId, action, replyToId);
  const expectRefusal = (result: CardActionResult, text: string): void => {
    expect({ type: result.type, value: result.value }).toEqual({ type: MESSAGE_ANSWER, value: text });
  };
  /** Failures show the end of the bot's output. */
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- bot output ---\n${botOutputTail(bot)}`;
      throw error;
    }
  };
  /** A section's progress line, as the checklist card shows it under the section's title. */
  const progressLine = (checklist: JsonObject, title: string): string | undefined => textsOf((sectionOf(checklist, title).items as JsonObject[])[1])[0];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-story-'));
    bot = await startBot({ via: 'node', dataDir });
    playground = await startPlayground({ botEndpoint: bot.endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('set-up: Mette creates a case in Unge-teamet, adds Jonas and Sara from the roster and records consent for all', () =>
    withBotOutput(async () => {
      theCase = await createCaseInChannel(pg(), YOUNG_PERSON);
      const { threadId, caseId } = theCase;
      const teamBase = await commandInThread(pg(), mette, threadId, 'team');
      let teamCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'team' }, teamBase.messageId));
      for (const [who, role] of [
        [jonas, 'youthGuidance'],
        [sara, 'jobcentre'],
      ] as const) {
        const teamsUser = choiceValue(teamCard, 'teamsUser', who.name);
        teamCard = cardOf(await click(pg(), mette, threadId, 'team.addTeamsUser', { caseId, teamsUser, teamsRole: role }, teamBase.messageId));
        expect(textsOf(teamCard)).toContain(da.cards.done.memberAdded);
      }
      const consentBase = await commandInThread(pg(), mette, threadId, 'samtykke');
      const consentCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'consent' }, consentBase.messageId));
      const parties = choicesOfInput(inputById(consentCard, 'partyMemberIds'));
      const party = (name: string): string => present(parties.find((choice) => choice.title.startsWith(`${name}: `)), `No party ${name} in ${JSON.stringify(parties)}`).value;
      Object.assign(memberId, { mette: party(mette.name), youngPerson: party(YOUNG_PERSON.name), jonas: party(jonas.name), sara: party(sara.name) });
      const recorded = cardOf(
        await pg().invokeCardAction(mette, threadId, submit(consentCard, 'consent.record', { givenByYoungPerson: 'true', partyMemberIds: parties.map((p) => p.value).join(',') }), consentBase.messageId),
      );
      expect(textsOf(recorded)).toContain(da.cards.done.consentRecorded);
      expect(stored().case.members.map((member) => member.id).sort()).toEqual(Object.values(memberId).sort());
    }), 30_000);

  it('1. møde -> meeting.plan for next week: planned, without a number; the hint to fill in the preparation names the mention', () =>
    withBotOutput(async () => {
      const { threadId } = scenario();
      const openCard = await commandInThread(pg(), mette, threadId, 'møde');
      const planned = cardOf(await invoke(submit(firstCard(openCard), 'meeting.plan', { meetingDate: PLANNED.date, meetingTime: PLANNED.time }), present(openCard.messageId, 'The open card id')));
      const [meeting] = stored().case.meetings;
      meetingId = present(meeting, 'No meeting was planned').id;
      expect(meeting).toMatchObject({ status: 'planned', answers: {} });
      expect(meeting?.number).toBeUndefined();
      expect(DateTime.fromISO(storedMeeting().startsAt).setZone('Europe/Copenhagen').toFormat('yyyy-MM-dd HH:mm')).toBe(`${PLANNED.date} ${PLANNED.time}`);
      const at = da.dates.dateTime(storedMeeting().startsAt);
      expect(titleOf(planned)).toBe(labels.planned(at, inSharedConversation));
      expect(titleOf(planned)).toContain('"@Samarbejdsbot møde"');
    }));

  it('2. before the meeting opens, møde leads to its checklist, where the preparation (and the roles) can be answered and nothing of the meeting itself', () =>
    withBotOutput(async () => {
      const { threadId } = scenario();
      const openCard = await commandInThread(pg(), mette, threadId, 'møde');
      const card = firstCard(openCard);
      expect(textsOf(card)).toContain(labels.plannedIntro(da.dates.dateTime(storedMeeting().startsAt)));
      expect(actionData(card, 'meeting.show').meetingId).toBe(meetingId);
      const checklist = cardOf(await invoke({ verb: 'meeting.show', data: actionData(card, 'meeting.show') }, present(openCard.messageId, 'The open card id')));
      expect(titleOf(checklist)).toBe(labels.title(scenario().reference, undefined));
      expect(factValue(checklist, labels.state)).toBe(labels.states.planned);
      expect(factValue(checklist, labels.number)).toBe(labels.numberWhenOpened);
      // The preparation and the roles have inputs; the rest says when it is filled in, and has none.
      expect(inputsOf(checklistSection(checklist, S.preparation)).map((input) => input.id)).toEqual(Object.keys(PREPARATION));
      expect(inputsOf(checklistSection(checklist, S.roles)).map((input) => input.id)).toEqual(['roleLeader', 'roleWriter', 'roleInterviewer']);
      for (const [title, window] of [
        [S.vip, 'open'],
        [S.agenda, 'open'],
        [S.attendance, 'openOrAwaitingApproval'],
        [S.evaluation, 'openOrAwaitingApproval'],
        [S.status, 'open'],
      ] as const) {
        expect(inputsOf(sectionOf(checklist, title)), title).toEqual([]);
        expect(textsOf(sectionOf(checklist, title)), title).toContain(labels.sectionWhen[window]);
      }

      const saved = cardOf(await invoke(submit(checklistSection(checklist, S.preparation), 'meeting.answer', { ...PREPARATION }), present(openCard.messageId, 'The open card id')));
      expect(textsOf(saved)).toContain(labels.saved);
      // Shown back: the section is complete, and its inputs hold the answers.
      expect(progressLine(saved, S.preparation)).toBe(labels.sectionDone(Object.keys(PREPARATION).length));
      for (const [id, value] of Object.entries(PREPARATION)) expect(inputById(checklistSection(saved, S.preparation), id).value, id).toBe(value);
      const meeting = storedMeeting();
      expect(meeting.status).toBe('planned');
      expect(meeting.answers).toEqual(PREPARATION);
      expect(meeting.answerLog.map(({ questionId, value, byAadObjectId }) => ({ questionId, value, byAadObjectId }))).toEqual(
        Object.entries(PREPARATION).map(([questionId, value]) => ({ questionId, value, byAadObjectId: mette.aadObjectId })),
      );
    }));

  it('3. møde -> meeting.open opens the planned meeting as no. 1, with its preparation answers; Mette fills in everything but the evaluation', () =>
    withBotOutput(async () => {
      const { threadId, reference } = scenario();
      const openCard = await commandInThread(pg(), mette, threadId, 'møde');
      const mark = lastSeq();
      const opened = cardOf(await invoke(submit(firstCard(openCard), 'meeting.open'), present(openCard.messageId, 'The open card id')));
      expect(titleOf(opened)).toBe(labels.opened(1));
      const base = await pg().nextBotActivity((a) => a.seq > mark && a.kind === 'message' && a.conversationId === threadId && a.cards.length > 0);
      const baseId = present(base.messageId, 'The checklist base card id');
      expect(titleOf(firstCard(base))).toBe(labels.title(reference, 1));
      // The planned meeting is the one opened: same id, its answers kept.
      expect(actionData(firstCard(base), 'meeting.show').meetingId).toBe(meetingId);
      expect(stored().case.meetings).toHaveLength(1);
      expect(storedMeeting()).toMatchObject({ number: 1, status: 'open', answers: PREPARATION });

      checklistBaseId = baseId;
      showChecklist = { verb: 'meeting.show', data: actionData(firstCard(base), 'meeting.show') };
      const checklist = cardOf(await invoke(showChecklist, baseId));
      for (const [id, value] of Object.entries(PREPARATION)) expect(inputById(checklistSection(checklist, S.preparation), id).value, id).toBe(value);
      const attendance = checklistSection(checklist, S.attendance);
      const attended = Object.fromEntries(inputsOf(attendance).filter((input) => String(input.id).startsWith('attended_')).map((input) => [String(input.id), 'yes']));
      expect(Object.keys(attended).sort()).toEqual(Object.values(memberId).map((id) => `attended_${id}`).sort());
      const answers: Array<[string, Record<string, string>]> = [
        [S.roles, { roleLeader: memberId.mette, roleWriter: memberId.jonas, roleInterviewer: memberId.sara }],
        [S.vip, { vipAttached: 'no' }],
        [S.attendance, attended],
        [S.status, { youngPersonStatus: 'education' }],
      ];
      let latest = checklist;
      for (const [title, typed] of answers) {
        latest = cardOf(await invoke(submit(checklistSection(latest, title), 'meeting.answer', typed), baseId));
        expect(textsOf(latest), title).toContain(labels.saved);
        expect(progressLine(latest, title), title).toBe(labels.sectionDone(Object.keys(typed).length));
      }
      expect(progressLine(latest, S.evaluation)).toBe(labels.progress(0, Object.keys(EVALUATION).length));
      openChecklist = latest;
    }));

  it('4. afslut: the closing card names the empty evaluation; closing without confirming is refused naming it, nothing is written; confirmed, the meeting closes', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const base = await commandInThread(pg(), mette, threadId, 'afslut');
      closingBaseId = present(base.messageId, 'The closing base card id');
      const closeCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'closing' }, closingBaseId));
      expect(titleOf(closeCard)).toBe(goals.closeTitle(reference, 1));
      // Only the evaluation is empty, and the card says so by its title.
      expect(textsOf(closeCard)).toContain(goals.checklistIncomplete(S.evaluation));
      expect(inputById(closeCard, 'confirmEmptySections')).toMatchObject({ type: 'Input.Toggle', title: goals.confirmEmptySections });

      const closing = {
        noWaitingTime: 'true',
        feedbackMemberId: memberId.mette,
        eyeKeeperMemberId: memberId.jonas,
        acuteContactMemberId: memberId.jonas,
        nextMeetingDate: NEXT_MEETING.date,
        nextMeetingTime: NEXT_MEETING.time,
        summary: 'Nanna vil gerne starte på en uddannelse efter sommerferien.',
      };
      const before = stored();
      const refused = await invoke(submit(closeCard, 'meeting.close', closing), closingBaseId);
      expectRefusal(refused, da.errors.checklistIncomplete({ sections: 'evaluation' }, inSharedConversation));
      expect(String(refused.value)).toContain(`"${S.evaluation}"`);
      expect(stored().etag).toBe(before.etag);
      expect(storedMeeting().status).toBe('open');

      const closed = cardOf(await invoke(submit(closeCard, 'meeting.close', { ...closing, confirmEmptySections: 'true' }), closingBaseId));
      expect(textsOf(closed).slice(0, 2)).toEqual([goals.approvalTitle(reference, 1), goals.confirmations.meetingClosed(1)]);
      expect(textsOf(closed)).toContain(goals.notApproved);
      approvalCard = closed;
      const meeting = storedMeeting();
      expect(meeting.status).toBe('held');
      expect(meeting.closure).toMatchObject({ sectionsLeftIncomplete: ['evaluation'], closedByAadObjectId: mette.aadObjectId });
      expect(meeting.closure?.approval).toBeUndefined();
    }));

  it('5. after the meeting, before approval: the checklist takes the evaluation (and no longer the status), and the answers are saved', () =>
    withBotOutput(async () => {
      const approval = earlier(approvalCard, 'The approval card');
      const checklist = cardOf(await invoke({ verb: 'meeting.show', data: actionData(approval, 'meeting.show') }, closingBaseId));
      // The checklist says the state as the thread's card does: closed, the minutes awaiting the young person's approval.
      expect(factValue(checklist, labels.state)).toBe(labels.phases.awaitingApproval);
      expect(inputsOf(sectionOf(checklist, S.status))).toEqual([]);
      expect(textsOf(sectionOf(checklist, S.status))).toContain(labels.sectionWhen.open);

      // A late status answer from the card of the open meeting: refused, saying when it could be given.
      const before = stored().etag;
      const late = await invoke(submit(checklistSection(earlier(openChecklist, 'The open checklist'), S.status), 'meeting.answer', { youngPersonStatus: 'work' }), closingBaseId);
      expectRefusal(late, da.errors.sectionNotAnswerableNow({ section: 'status', window: 'open', phase: 'awaitingApproval' }));
      expect(stored().etag).toBe(before);

      const saved = cardOf(await invoke(submit(checklistSection(checklist, S.evaluation), 'meeting.answer', { ...EVALUATION }), closingBaseId));
      expect(textsOf(saved)).toContain(labels.saved);
      expect(progressLine(saved, S.evaluation)).toBe(labels.sectionDone(Object.keys(EVALUATION).length));
      afterClosingChecklist = saved;
      const meeting = storedMeeting();
      expect(meeting.status).toBe('held');
      expect(meeting.closure?.approval).toBeUndefined();
      expect(meeting.answers).toMatchObject({ ...EVALUATION, evalLengthMinutes: Number(EVALUATION.evalLengthMinutes), youngPersonStatus: 'education' });
      expect(meeting.answerLog.filter((entry) => entry.questionId.startsWith('eval')).map((entry) => entry.byAadObjectId)).toEqual(Object.keys(EVALUATION).map(() => mette.aadObjectId));
    }));

  it('6. Mette records the young person\'s approval; an evaluation answer after that is refused with a message, nothing is written, and the checklist is read-only', () =>
    withBotOutput(async () => {
      const approved = cardOf(await invoke(submit(showCard(earlier(approvalCard, 'The approval card'), goals.approve), 'minutes.approve'), closingBaseId));
      expect(textsOf(approved)).toContain(goals.confirmations.approved);
      expect(actionsWithVerb(approved, 'minutes.approve')).toEqual([]);
      expect(storedMeeting().closure?.approval).toMatchObject({ approvedOn: today(), byAadObjectId: mette.aadObjectId });

      const before = stored().etag;
      const refused = await invoke(submit(checklistSection(earlier(afterClosingChecklist, 'The checklist after closing'), S.evaluation), 'meeting.answer', { evalWentWell: 'no' }), closingBaseId);
      expectRefusal(refused, da.errors.sectionNotAnswerableNow({ section: 'evaluation', window: 'openOrAwaitingApproval', phase: 'approved' }));
      // In Danish, naming the section and saying nothing was saved.
      expect(String(refused.value)).toContain(`"${S.evaluation}"`);
      expect(String(refused.value)).toContain('Intet er gemt.');
      expect(stored().etag).toBe(before);
      expect(storedMeeting().answers.evalWentWell).toBe(EVALUATION.evalWentWell);

      // The approval card no longer leads to the checklist; the thread's base card shows its answers, with nothing to fill in.
      expect(actionsWithVerb(approved, 'meeting.show')).toEqual([]);
      const readOnly = cardOf(await invoke(earlier(showChecklist, 'The base card\'s action'), checklistBaseId));
      expect(factValue(readOnly, labels.state)).toBe(labels.phases.approved);
      expect(inputsOf(readOnly)).toEqual([]);
      expect(actionsWithVerb(readOnly, 'meeting.answer')).toEqual([]);
      expect(progressLine(readOnly, S.evaluation)).toBe(labels.sectionDone(Object.keys(EVALUATION).length));
      expect(textsOf(sectionOf(readOnly, S.evaluation))).toContain(EVALUATION.evalLengthMinutes);
    }));
});
