// Turns as Teams sends them, through the in-process bot (test/hardening/inProcessBot.ts): a person
// writes a command in a 1:1 chat, a group chat or a channel thread (a message activity), or clicks a
// card's button (an invoke `adaptiveCard/action`). What comes back: the invoke's answer (a card, or a
// message that leaves the card as it was) and what the connector stub received during the turn.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AuditAction, VERB_ACTIONS } from '../../../bot/app/auditActions';
import type { Case } from '../../../bot/domain/case';
import type { AccessRefusalCode } from '../../../bot/domain/errors';
import { da } from '../../../bot/i18n/da';
import type { AuditRecord } from '../../../bot/store/port';
import type { ConversationKind } from '../../../bot/teams/actor';
import { writeCommandIn } from '../../../bot/teams/replies';
import type { AdaptiveCardJson } from '../../../cards/render';
import { CARD_VERSION } from '../../../cards/version';
import { type InProcessBot, startInProcessBot } from '../../hardening/inProcessBot';

export const TENANT_ID = 'tenant-a';
/** The bot's clock: Monday 23 November 2026, 10:00 in Copenhagen. */
export const NOW = new Date('2026-11-23T09:00:00Z');
export const TODAY = '2026-11-23';

export interface Person {
  aadObjectId: string;
  name: string;
  /** Teams' own id of the user (29:…). */
  teamsUserId: string;
}

const person = (handle: string, name: string): Person => ({ aadObjectId: `aad-${handle}`, name, teamsUserId: `29:${handle}` });
/** Creates every case: its coordinator. */
export const METTE = person('mette', 'Mette Madsen');
/** On the team, covered by the consent. */
export const JONAS = person('jonas', 'Jonas Jensen');
/** On the team, covered by the consent, with no task of their own. */
export const ALI = person('ali', 'Ali Hassan');
/** On the team, not covered by the consent. */
export const LARS = person('lars', 'Lars Berg');
/** In the conversation, not on the team. */
export const LISE = person('lise', 'Lise Holm');
export const EVERYONE = [METTE, JONAS, ALI, LARS, LISE];

/** Where a turn happens: the conversation as Teams names it. */
export interface Place {
  kind: ConversationKind;
  conversationId: string;
}

const BOT = { id: '28:samarbejdsbot', name: 'Samarbejdsbot' };
/** The channel's team: Teams lists a channel's members under the team's id. */
export const TEAM_ID = '19:team-unge@thread.tacv2';
const CHANNEL_ID = '19:channel-unge@thread.tacv2';

/** A post at the channel's top level, where `ny sag` is written. */
export const CHANNEL: Place = { kind: 'channel', conversationId: `${CHANNEL_ID};messageid=root` };
export const threadIn = (conversationId: string): Place => ({ kind: 'channel', conversationId });
export const personalChat = (who: Person): Place => ({ kind: 'personal', conversationId: `a:personal-${who.aadObjectId}` });

let groupChats = 0;
/** A group chat of its own: a group chat is the home of one case at most. */
export const newGroupChat = (): Place => ({ kind: 'groupChat', conversationId: `19:group-${++groupChats}@thread.v2` });

/** The conversation or team whose members Teams lists for a turn in `where`. */
export const rosterIdOf = (where: Place) => (where.kind === 'channel' ? TEAM_ID : where.conversationId);

/** What the person who clicked gets back: an updated card, or a message. */
export type Answer = { card: AdaptiveCardJson } | { message: string };
/** What the bot posted into a conversation: a text or a card. */
export interface Post {
  conversationId: string;
  text?: string;
  card?: AdaptiveCardJson;
}

let activities = 0;

function activityOf(bot: InProcessBot, who: Person, where: Place, fields: Record<string, unknown>) {
  return {
    channelId: 'msteams',
    serviceUrl: bot.serviceUrl,
    id: `activity-${++activities}`,
    locale: 'da-DK',
    from: { id: who.teamsUserId, aadObjectId: who.aadObjectId, name: who.name },
    recipient: BOT,
    conversation: { id: where.conversationId, conversationType: where.kind, isGroup: where.kind !== 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, ...(where.kind === 'channel' ? { channel: { id: CHANNEL_ID }, team: { id: TEAM_ID } } : {}) },
    ...fields,
  };
}

/** The bot of one test file, started before its tests, its clock at NOW unless `now` is given (a clock the file moves). */
export function botPerFile({ now = () => NOW, ...options }: { exportBaseUrl?: string; administrators?: readonly string[]; teamsAppId?: string; now?: () => Date } = {}) {
  let started: InProcessBot | undefined;
  beforeAll(async () => {
    started = await startInProcessBot({ ...options, now, logLevel: 'info' });
  });
  afterAll(async () => {
    await started?.close();
  });
  const bot = () => {
    if (!started) throw new Error('the bot starts before the tests');
    return started;
  };

  /** Runs a turn and gives what the connector received meanwhile (the turn's own posts, threads it started). */
  async function postsDuring<T>(turn: () => Promise<T>): Promise<{ result: T; posts: Post[] }> {
    const seen = bot().connector.requests.length;
    const result = await turn();
    const posts = bot()
      .connector.requests.slice(seen)
      .filter((request) => request.kind === 'activity' || (request.kind === 'createConversation' && request.status === 201))
      .map((request) => postOf(request.conversationId ?? '', request.kind === 'activity' ? request.body : (request.body?.activity as Record<string, unknown>)));
    return { result, posts };
  }

  async function send(body: object): Promise<string> {
    const answer = await bot().post('/api/messages', JSON.stringify(body));
    if (answer.status !== 200) throw new Error(`the bot answered ${answer.status}: ${answer.body}`);
    return answer.body;
  }

  /** `who` writes `text` in `where` (in a channel @mentioning the bot), in Danish unless `locale` says; what the bot posted there. */
  async function say(who: Person, where: Place, text: string, locale?: string): Promise<Post[]> {
    const mention = `<at>${BOT.name}</at>`;
    const inChannel = where.kind === 'channel';
    const message = activityOf(bot(), who, where, {
      type: 'message',
      text: inChannel ? `${mention} ${text}` : text,
      ...(inChannel ? { entities: [{ type: 'mention', text: mention, mentioned: BOT }] } : {}),
      ...(locale ? { locale } : {}),
    });
    const { posts } = await postsDuring(() => send(message));
    return posts.filter((post) => post.conversationId === where.conversationId);
  }

  /** `who` clicks a button with `verb` and `data` (Teams adds the inputs to `data`) on a card in `where`. */
  async function click(who: Person, where: Place, verb: string, data: Record<string, unknown> = {}): Promise<Answer> {
    const invoke = activityOf(bot(), who, where, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { v: CARD_VERSION, ...data } }, trigger: 'manual' },
    });
    const body = JSON.parse(await send(invoke)) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    return body.type === 'application/vnd.microsoft.card.adaptive' ? { card: body.value as AdaptiveCardJson } : { message: body.value as string };
  }

  async function storedCase(caseId: string): Promise<Case> {
    const stored = await bot().store.getCase(TENANT_ID, caseId);
    if (!stored) throw new Error(`no case ${caseId}`);
    return stored.case;
  }

  /**
   * A turn refused because of who asked: `who` reads the refusal of `code` (with its command hints as written `where` the turn was),
   * and nothing is written but the denied audit record under `audited`.
   */
  async function expectDenied(
    caseId: string,
    who: Person,
    code: AccessRefusalCode,
    audited: AuditAction,
    turn: () => Promise<Answer | Post[]>,
    where: ConversationKind = 'personal',
  ): Promise<void> {
    const before = { counts: bot().rowCounts(), stored: await bot().store.getCase(TENANT_ID, caseId) };
    const answer = await turn();
    const refusal = da.errors[code]({}, writeCommandIn(where));
    if (Array.isArray(answer)) expect(answer.map((post) => post.text)).toEqual([refusal]);
    else expect(answer).toEqual({ message: refusal });
    expect((await bot().store.getCase(TENANT_ID, caseId))?.etag).toBe(before.stored?.etag);
    expect(bot().rowCounts()).toEqual({ ...before.counts, audit: (before.counts.audit ?? 0) + 1 });
    expect((await auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: who.aadObjectId, action: audited, outcome: 'denied' });
  }

  const auditOf = (caseId: string): Promise<AuditRecord[]> => bot().store.listAudit(TENANT_ID, caseId);

  return { bot, click, say, postsDuring, storedCase, auditOf, expectDenied };
}

export type BotTurns = ReturnType<typeof botPerFile>;

/** A click refused because of who clicked, on a fixture of its own. */
export interface Refusal<Fixture> {
  verb: string;
  who: Person;
  code: AccessRefusalCode;
  /** The refusal's audit action: the verb's own name unless given (a read is audited as `<view>.read`). */
  audited?: AuditAction;
  /** The button's data besides `caseId`. */
  data?: (fixture: Fixture) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

const isVerbAction = (verb: string): verb is (typeof VERB_ACTIONS)[number] => (VERB_ACTIONS as readonly string[]).includes(verb);

/** A test per refusal: `who` clicks in the case's conversation, reads the refusal, and nothing is written but the audit record. */
export function itRefuses<Fixture extends { caseId: string; home: Place }>(turns: BotTurns, setUp: () => Promise<Fixture>, refusals: Refusal<Fixture>[]): void {
  const cases = refusals.map((refusal) => [refusal.verb, refusal.who.name, refusal.code, refusal] as const);
  it.each(cases)('%s: %s is refused (%s)', async (_verb, _name, _code, { verb, who, code, audited, data }) => {
    const action = audited ?? (isVerbAction(verb) ? verb : undefined);
    if (!action) throw new Error(`say under which action a refusal of ${verb} is audited`);
    const fixture = await setUp();
    const sent = { caseId: fixture.caseId, ...(await data?.(fixture)) };
    await turns.expectDenied(fixture.caseId, who, code, action, () => turns.click(who, fixture.home, verb, sent), fixture.home.kind);
  });
}

function postOf(conversationId: string, activity: Record<string, unknown> | undefined): Post {
  const attachments = (activity?.attachments as { content?: AdaptiveCardJson }[] | undefined) ?? [];
  const card = attachments[0]?.content;
  return { conversationId, ...(typeof activity?.text === 'string' ? { text: activity.text } : {}), ...(card ? { card } : {}) };
}

/** The one post of a turn, a card. */
export function onlyCard(posts: Post[]): AdaptiveCardJson {
  expect(posts).toHaveLength(1);
  return cardOf(posts[0]);
}

/** The card of an answer; a message instead fails with the message, which says why. */
export function cardOf(answer: Answer | Post | undefined): AdaptiveCardJson {
  if (answer && 'card' in answer && answer.card) return answer.card;
  throw new Error(`expected a card, got ${JSON.stringify(answer)}`);
}

/** Every text a person reads on a card: text blocks, titles, facts, labels and choices, as rendered. */
export function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'label'].includes(key)) texts.push(value);
        else if (key !== 'data') visit(value);
      }
    }
  };
  visit(card);
  return texts;
}

/** Whether some text on the card holds `text` (a goal is shown after its theme, say). */
export const shows = (card: unknown, text: string): boolean => textsOf(card).some((shown) => shown.includes(text));

/** The buttons on a card: verb and data of each Action.Execute. */
export function actionsOf(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const action = node as { type?: unknown; verb?: unknown; data?: unknown };
      if (action.type === 'Action.Execute' && typeof action.verb === 'string') found.push({ verb: action.verb, data: (action.data ?? {}) as Record<string, unknown> });
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
}
