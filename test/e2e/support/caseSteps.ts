// Steps and readers for the end-to-end tests of cases: create a case through the Agents Playground,
// read what the bot's cards show, and look at the bot's SQLite file (read-only) to prove what was
// written and what was not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { localDate } from '../../../bot/domain/fields';
import { CARD_VERSION } from '../../../cards/version';
import { CHANNEL, CURRENT_USER, type BotActivity, type CardActionResult, type JsonObject, type PlaygroundClient, type PlaygroundUser } from './playground';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** The invoke answer that leaves the clicker's card as it was and shows a message: every refusal. */
export const MESSAGE_ANSWER = 'application/vnd.microsoft.activity.message';
export { CARD_VERSION };

// ---------------------------------------------------------------------------------------------------
// Dates, as a caseworker in Copenhagen writes them

/** Today in Copenhagen (YYYY-MM-DD), the day the bot counts ages and consent from. */
/** A value an earlier step (a beforeAll, a test) should have set; fails naming what is missing. */
export function present<T>(value: T | undefined, failure: string): T {
  if (value === undefined) throw new Error(failure);
  return value;
}

export function today(): string {
  return localDate(new Date());
}

/** A birth date that makes the young person `years` old today (and `extraDays` past that birthday). */
export function birthDateForAge(years: number, extraDays = 40): string {
  return DateTime.fromISO(today()).minus({ years, days: extraDays }).toISODate() ?? '';
}

export function daysFromToday(days: number): string {
  return DateTime.fromISO(today()).plus({ days }).toISODate() ?? '';
}

// ---------------------------------------------------------------------------------------------------
// Reading cards

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in a card (body, columns, actions, the cards behind Action.ShowCard), depth first. */
function objectsOf(node: unknown): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (isObject(value)) {
      found.push(value);
      for (const child of Object.values(value)) visit(child);
    }
  };
  visit(node);
  return found;
}

/** The texts of all TextBlocks, in order. */
export function textsOf(card: unknown): string[] {
  return objectsOf(card)
    .filter((o) => o.type === 'TextBlock' && typeof o.text === 'string')
    .map((o) => o.text as string);
}

/** The card's first TextBlock: its title. */
export function titleOf(card: unknown): string | undefined {
  return textsOf(card)[0];
}

export interface Fact {
  title: string;
  value: string;
}

/** The facts of every FactSet, in order. */
export function factsOf(card: unknown): Fact[] {
  return objectsOf(card)
    .filter((o) => o.type === 'FactSet' && Array.isArray(o.facts))
    .flatMap((o) => (o.facts as JsonObject[]).map((f) => ({ title: String(f.title), value: String(f.value) })));
}

/** The value of the fact titled `title` (the first FactSet that has it). */
export function factValue(card: unknown, title: string): string | undefined {
  return factsOf(card).find((fact) => fact.title === title)?.value;
}

export function inputOf(card: unknown, id: string): JsonObject | undefined {
  return objectsOf(card).find((o) => typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id);
}

export function choicesOf(card: unknown, inputId: string): Fact[] {
  const input = inputOf(card, inputId);
  const choices = input && Array.isArray(input.choices) ? (input.choices as JsonObject[]) : [];
  return choices.map((choice) => ({ title: String(choice.title), value: String(choice.value) }));
}

export interface ExecuteAction {
  title?: string;
  verb: string;
  data: JsonObject;
}

/** Every Action.Execute of a card (buttons, forms behind Action.ShowCard), not the refresh action. */
export function executeActionsOf(card: unknown): ExecuteAction[] {
  const refresh = isObject(card) && isObject(card.refresh) ? card.refresh.action : undefined;
  return objectsOf(card)
    .filter((o) => o.type === 'Action.Execute' && o !== refresh)
    .map((o) => ({ title: typeof o.title === 'string' ? o.title : undefined, verb: String(o.verb), data: isObject(o.data) ? o.data : {} }));
}

export interface TeamCardMember {
  name: string;
  role: string;
}

/** The members listed on a team card: each ColumnSet's first column holds the name, then the role. */
export function teamMembersOf(card: unknown): TeamCardMember[] {
  return objectsOf(card)
    .filter((o) => o.type === 'ColumnSet' && Array.isArray(o.columns))
    .map((o) => {
      const first = (o.columns as JsonObject[])[0];
      const [name, role] = first && Array.isArray(first.items) ? (first.items as JsonObject[]) : [];
      return { name: String(name?.text), role: String(role?.text) };
    });
}

/** The card of an invoke answer; fails with the answer when it is not a card. */
export function cardOf(result: CardActionResult): JsonObject {
  if (result.type !== ADAPTIVE_CARD || !result.card) {
    throw new Error(`Expected a card, got ${result.type}: ${JSON.stringify(result.value)}`);
  }
  return result.card;
}

// ---------------------------------------------------------------------------------------------------
// Steps

export interface YoungPersonInput {
  name: string;
  birthDate: string;
  phone?: string;
  email?: string;
  address?: string;
  status: 'education' | 'work' | 'neither';
}

/** The bot's next message in a conversation (a reply, a post), waiting up to `timeoutMs`. */
export function nextMessage(pg: PlaygroundClient, conversationId: string, timeoutMs = 15_000): Promise<BotActivity> {
  return pg.nextBotActivity((a) => a.kind === 'message' && a.conversationId === conversationId, timeoutMs);
}

/** A command in a channel thread (the bot @mentioned); resolves to the bot's reply in that thread. */
export async function commandInThread(pg: PlaygroundClient, user: PlaygroundUser, threadId: string, text: string): Promise<BotActivity> {
  const sent = await pg.sendChannelMessage(user, text, { threadId });
  const reply = await nextMessage(pg, sent.conversationId);
  await sent.turn();
  return reply;
}

/** A command in a user's 1:1 chat with the bot; resolves to the bot's reply there. */
export async function commandInPersonalChat(pg: PlaygroundClient, user: PlaygroundUser, text: string): Promise<BotActivity> {
  const sent = await pg.sendPersonalMessage(user, text);
  const reply = await nextMessage(pg, sent.conversationId);
  await sent.turn();
  return reply;
}

/** Action.Execute with the current card version (`v`) added to `data`. */
export function click(
  pg: PlaygroundClient,
  user: PlaygroundUser,
  conversationId: string,
  verb: string,
  data: JsonObject,
  replyToId?: string,
): Promise<CardActionResult> {
  return pg.invokeCardAction(user, conversationId, { verb, data: { v: CARD_VERSION, ...data } }, replyToId);
}

export interface ChannelCase {
  caseId: string;
  /** S-XXXXX */
  reference: string;
  /** The case's own thread, started by the bot. */
  threadId: string;
  /** The bot's first post in that thread (the base card), as the playground received it. */
  threadPost: BotActivity;
  /** The thread where `ny sag` was written. */
  askedIn: string;
  /** The create-case card the bot answered `ny sag` with. */
  createCard: BotActivity;
  /** The invoke answer to `case.create`. */
  created: CardActionResult;
}

/**
 * The coordinator (the playground's logged-in user) writes `ny sag` in Unge-teamet, submits the card,
 * and the bot starts the case's own thread. Resolves when the thread's first post has arrived.
 */
export async function createCaseInChannel(pg: PlaygroundClient, person: YoungPersonInput, user: PlaygroundUser = CURRENT_USER): Promise<ChannelCase> {
  const asked = await pg.sendChannelMessage(user, 'ny sag');
  const createCard = await nextMessage(pg, asked.conversationId);
  await asked.turn();
  const created = await click(pg, user, asked.conversationId, 'case.create', { ...person }, createCard.messageId);
  const threadPost = await pg.nextBotActivity((a) => a.kind === 'message' && a.newThread && a.topLevelConversationId === CHANNEL.id);
  const card = threadPost.cards[0];
  const show = executeActionsOf(card).find((action) => action.verb === 'case.show');
  const caseId = typeof show?.data.caseId === 'string' ? show.data.caseId : undefined;
  const reference = /S-[A-Z0-9]{5}/.exec(titleOf(card) ?? '')?.[0];
  if (!caseId || !reference) {
    throw new Error(`The thread's first post has no case id or reference: ${JSON.stringify(threadPost.cards)}; case.create answered ${JSON.stringify(created)}`);
  }
  return { caseId, reference, threadId: threadPost.conversationId, threadPost, askedIn: asked.conversationId, createCard, created };
}

// ---------------------------------------------------------------------------------------------------
// The bot's SQLite file (read-only) and its health

export const SQLITE_FILE = 'samarbejdsbot.sqlite';

export interface StoreSnapshot {
  cases: { tenant_id: string; id: string; etag: string; doc: string; home_conversation_id: string | null }[];
  members: { tenant_id: string; case_id: string; aad_object_id: string }[];
  audit: { id: string; case_id: string; actor: string; action: string; outcome: string }[];
  userState: { tenant_id: string; aad_object_id: string; doc: string }[];
}

/** Everything the bot has stored, read through a read-only connection (the bot keeps writing in WAL mode). */
export function readStore(dataDir: string): StoreSnapshot {
  const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
  try {
    return {
      cases: db.prepare('SELECT tenant_id, id, etag, doc, home_conversation_id FROM cases ORDER BY tenant_id, id').all() as StoreSnapshot['cases'],
      members: db.prepare('SELECT tenant_id, case_id, aad_object_id FROM case_members ORDER BY tenant_id, case_id, aad_object_id').all() as StoreSnapshot['members'],
      audit: db.prepare('SELECT id, case_id, actor, action, outcome FROM audit ORDER BY at, rowid').all() as StoreSnapshot['audit'],
      userState: db.prepare('SELECT tenant_id, aad_object_id, doc FROM user_state ORDER BY tenant_id, aad_object_id').all() as StoreSnapshot['userState'],
    };
  } finally {
    db.close();
  }
}

/** Every byte of the data directory (the database, its WAL and shared-memory files), as Latin-1 text to search. */
export function storeBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .map((file) => readFileSync(join(dataDir, file)).toString('latin1'))
    .join('\n');
}

/** GET /healthz: the status and body. */
export async function healthz(botUrl: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A raw POST to the bot's endpoint, past the playground: for what no client would send. */
export async function postToBot(endpoint: string, body: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed };
}
