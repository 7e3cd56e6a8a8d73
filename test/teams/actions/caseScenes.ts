// Cases built the way people build them, through the bot's own verbs (the protocol in cards/README.md
// stays while use cases are refactored): Mette creates the case, adds people from the conversation,
// records consent, opens a meeting, writes the form, closes the meeting and records the approval.
import { expect } from 'vitest';
import { memberByAadObjectId, type Case } from '../../../bot/domain/case';
import { meetingById, openMeetingOf } from '../../../bot/domain/meeting';
import { da } from '../../../bot/i18n/da';
import { answerFingerprint } from '../../../cards/fingerprint';
import { type Answer, type BotTurns, type Post, EVERYONE, JONAS, LARS, ALI, METTE, type Person, type Place, TENANT_ID, TODAY, actionsOf, cardOf, newGroupChat, personalChat, rosterIdOf, textsOf, threadIn } from './botTurns';

export const YOUNG_PERSON = { name: 'Emil Hansen', birthDate: '2007-05-01', phone: '22334455', status: 'neither' };
/** Consent given before NOW, for a year. */
export const CONSENT_PERIOD = { givenOn: '2026-11-01', expiresOn: '2027-11-01' };

export interface SceneCase {
  caseId: string;
  reference: string;
  /** Where the case lives: its group chat, its channel thread, or the coordinator's 1:1 chat. */
  home: Place;
}

export function memberIdOf(current: Case, who: Person): string {
  const member = memberByAadObjectId(current, who.aadObjectId);
  if (!member) throw new Error(`${who.name} is not on the team`);
  return member.id;
}

/** Mette clicks *Opret sag* in `where`: the case, the conversation it lives in, and what the bot answered and posted. */
export async function createCase(turns: BotTurns, where: Place = newGroupChat()): Promise<SceneCase & { answer: Answer; posts: Post[] }> {
  const { result: answer, posts } = await turns.postsDuring(() => turns.click(METTE, where, 'case.create', YOUNG_PERSON));
  cardOf(answer);
  const store = turns.bot().store;
  const thread = posts.find((post) => post.conversationId !== where.conversationId)?.conversationId;
  const home = where.kind === 'channel' && thread ? threadIn(thread) : where;
  const caseId =
    where.kind === 'personal'
      ? (await store.getUserState(TENANT_ID, METTE.aadObjectId))?.selectedCaseId
      : (await store.findCaseByConversation(TENANT_ID, home.conversationId))?.case.id;
  if (!caseId) throw new Error('the created case was not found');
  return { caseId, reference: (await turns.storedCase(caseId)).reference, home, answer, posts };
}

/** The people Teams lists in `where`: everyone in these tests. */
export function everyoneIn(turns: BotTurns, where: Place): void {
  turns.bot().connector.rosters.set(
    rosterIdOf(where),
    EVERYONE.map((who) => ({ id: who.teamsUserId, aadObjectId: who.aadObjectId, name: who.name })),
  );
}

/** Mette adds people from the case's conversation, each with a role. */
export async function addToTeam(turns: BotTurns, theCase: SceneCase, members: Array<[Person, string]>): Promise<void> {
  everyoneIn(turns, theCase.home);
  for (const [who, role] of members) {
    cardOf(await turns.click(METTE, theCase.home, 'team.addTeamsUser', { caseId: theCase.caseId, teamsUser: who.aadObjectId, teamsRole: role }));
  }
}

/** Mette records the young person's consent covering `parties`. */
async function recordConsent(turns: BotTurns, theCase: SceneCase, parties: Person[]): Promise<void> {
  const current = await turns.storedCase(theCase.caseId);
  const partyMemberIds = parties.map((who) => memberIdOf(current, who)).join(',');
  cardOf(await turns.click(METTE, theCase.home, 'consent.record', { caseId: theCase.caseId, givenByYoungPerson: 'true', ...CONSENT_PERIOD, partyMemberIds }));
}

/**
 * The usual case: in a group chat of its own, Jonas (youth guidance) and Ali (housing support) on the
 * team and covered by consent, Lars (school) on the team without consent; Lise is only in the chat.
 */
export async function caseWithTeam(turns: BotTurns, where: Place = newGroupChat()): Promise<SceneCase> {
  const theCase = await createCase(turns, where);
  await addToTeam(turns, theCase, [
    [JONAS, 'youthGuidance'],
    [ALI, 'housingSupport'],
    [LARS, 'school'],
  ]);
  await recordConsent(turns, theCase, [METTE, JONAS, ALI]);
  return theCase;
}

/** Mette opens today's meeting; its id. */
export async function openMeeting(turns: BotTurns, theCase: SceneCase): Promise<string> {
  cardOf(await turns.click(METTE, theCase.home, 'meeting.open', { caseId: theCase.caseId, meetingDate: TODAY, meetingTime: '10:00' }));
  const meeting = openMeetingOf(await turns.storedCase(theCase.caseId));
  if (!meeting) throw new Error('no meeting was opened');
  return meeting.id;
}

/** The usual case with today's meeting open. */
export async function caseWithOpenMeeting(turns: BotTurns): Promise<SceneCase & { meetingId: string }> {
  const theCase = await caseWithTeam(turns);
  return { ...theCase, meetingId: await openMeeting(turns, theCase) };
}

/** The data of a checklist card's *Gem* for `answers`, on a card that showed them unanswered. */
export const checklistAnswers = (caseId: string, meetingId: string, answers: Record<string, string>) => ({
  caseId,
  meetingId,
  seen: Object.fromEntries(Object.keys(answers).map((questionId) => [questionId, answerFingerprint('')])),
  ...answers,
});

export const GOAL = { theme: 'education', longTermGoal: 'Jeg vil være tømrer', subGoals: 'Søge ind på EUD' };
export const AGREEMENT = { action: 'Ringe til skolen', followUpOn: '2026-12-01', followUpMethod: 'phone' };

/** Mette adds the goal; its id. */
export async function addGoal(turns: BotTurns, theCase: SceneCase): Promise<string> {
  cardOf(await turns.click(METTE, theCase.home, 'goal.add', { caseId: theCase.caseId, ...GOAL }));
  const goal = (await turns.storedCase(theCase.caseId)).goals.at(-1);
  if (!goal) throw new Error('no goal was added');
  return goal.id;
}

/** Mette writes the agreement under the goal, owned by `owner`; its id. */
export async function addAgreement(turns: BotTurns, theCase: SceneCase, goalId: string, owner: Person): Promise<string> {
  const ownerMemberId = memberIdOf(await turns.storedCase(theCase.caseId), owner);
  cardOf(await turns.click(METTE, theCase.home, 'agreement.add', { caseId: theCase.caseId, goalId, ownerMemberId, ...AGREEMENT }));
  const agreement = (await turns.storedCase(theCase.caseId)).agreements.at(-1);
  if (!agreement) throw new Error('no agreement was added');
  return agreement.id;
}

/** `who` picks the case in their 1:1 chat, where later commands then apply to it. */
export async function pickInPersonalChat(turns: BotTurns, who: Person, caseId: string): Promise<void> {
  cardOf(await turns.click(who, personalChat(who), 'case.select', { caseId }));
}

/** A card the whole conversation may see: the view's title, a button to the view, nothing about the young person. */
export function expectBaseCard(card: unknown, caseId: string, view: string, title: string): void {
  expect(textsOf(card)).toEqual(expect.arrayContaining([title, da.cards.threadBase.body]));
  expect(actionsOf(card)).toContainEqual({ verb: 'case.show', data: { v: 1, caseId, view } });
  // The birth date also as the bot writes dates.
  for (const personal of [YOUNG_PERSON.name, YOUNG_PERSON.birthDate, '01.05.2007', YOUNG_PERSON.phone]) expect(JSON.stringify(card)).not.toContain(personal);
}

/** The closing questions answered, Jonas keeping an eye on the young person, the next meeting in February. */
export async function closingOf(turns: BotTurns, theCase: SceneCase) {
  const current = await turns.storedCase(theCase.caseId);
  return {
    waitingArrangement: 'Ali holder kontakten',
    feedbackMemberId: memberIdOf(current, METTE),
    eyeKeeperMemberId: memberIdOf(current, JONAS),
    acuteContactMemberId: memberIdOf(current, ALI),
    nextMeetingDate: '2027-02-15',
    nextMeetingTime: '09:00',
    summary: 'Fokus på uddannelse.',
    // The checklist holds no answers here: closing anyway is confirmed (a rule of issue 11).
    confirmEmptySections: 'true',
  };
}

/** The usual case whose meeting was opened and closed, with an agreement for Jonas written in it. */
export async function caseWithClosedMeeting(turns: BotTurns): Promise<SceneCase & { meetingId: string; agreementId: string }> {
  const { meetingId, ...theCase } = await caseWithOpenMeeting(turns);
  const agreementId = await addAgreement(turns, theCase, await addGoal(turns, theCase), JONAS);
  cardOf(await turns.click(METTE, theCase.home, 'meeting.close', { caseId: theCase.caseId, meetingId, ...(await closingOf(turns, theCase)) }));
  expect(meetingById(await turns.storedCase(theCase.caseId), meetingId).closure).toBeDefined();
  return { ...theCase, meetingId, agreementId };
}

/** ... and the young person's approval recorded: the minutes are circulated, Jonas has the hand-over. */
export async function caseWithApprovedMeeting(turns: BotTurns): Promise<SceneCase & { meetingId: string; agreementId: string }> {
  const closed = await caseWithClosedMeeting(turns);
  cardOf(await turns.click(METTE, closed.home, 'minutes.approve', { caseId: closed.caseId, meetingId: closed.meetingId, approvedOn: TODAY }));
  return closed;
}
