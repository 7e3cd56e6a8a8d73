// Steps and readers for the end-to-end tests of the goals and agreements form: filling in a card the way
// Teams submits it, the checklist's sections, the bot's outbox and case read from its SQLite file
// (read-only), and a hard kill of the bot by its PID (a crash, not a shutdown).
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Case } from '../../../bot/domain/case';
import type { OutboxKind, OutboxRecipient } from '../../../bot/store/port';
import { ADAPTIVE_CARD, MESSAGE_ANSWER, SQLITE_FILE, textsOf } from './caseSteps';
import type { BotProcess } from './botProcess';
import { TENANT_ID, type BotActivity, type CardActionResult, type JsonObject } from './playground';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object a card shows, depth first: not its `refresh`, which Teams sends by itself. */
export function shownObjectsOf(node: unknown): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (isObject(value)) {
      found.push(value);
      for (const [key, child] of Object.entries(value)) if (key !== 'refresh') visit(child);
    }
  };
  visit(node);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Forms, as Teams submits them

/** The one Action.Execute with this verb in `node` (a card, a section, a form behind Action.ShowCard). */
function executeAction(node: unknown, verb: string): JsonObject {
  const found = shownObjectsOf(node).filter((o) => o.type === 'Action.Execute' && o.verb === verb);
  if (found.length !== 1) throw new Error(`Expected one Action.Execute "${verb}", found ${found.length} in ${JSON.stringify(node).slice(0, 600)}`);
  return found[0] as JsonObject;
}

/** The `data` of the one Action.Execute with this verb. */
export function actionData(node: unknown, verb: string): JsonObject {
  const data = executeAction(node, verb).data;
  if (!isObject(data)) throw new Error(`Action "${verb}" has no data`);
  return data;
}

/** Every Action.Execute with this verb, in order (a list of agreements has one per agreement). */
export function actionsWithVerb(node: unknown, verb: string): JsonObject[] {
  return shownObjectsOf(node).filter((o) => o.type === 'Action.Execute' && o.verb === verb);
}

/** The Action.ShowCard titled `title`: the form behind a button such as "Nyt mål". */
export function showCard(node: unknown, title: string): JsonObject {
  const found = shownObjectsOf(node).filter((o) => o.type === 'Action.ShowCard' && o.title === title);
  if (found.length !== 1) throw new Error(`Expected one Action.ShowCard "${title}", found ${found.length}`);
  const card = (found[0] as JsonObject).card;
  if (!isObject(card)) throw new Error(`Action.ShowCard "${title}" has no card`);
  return card;
}

export function inputsOf(node: unknown): JsonObject[] {
  return shownObjectsOf(node).filter((o) => typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string');
}

export function inputById(node: unknown, id: string): JsonObject {
  const input = inputsOf(node).find((candidate) => candidate.id === id);
  if (!input) throw new Error(`No input "${id}" in ${JSON.stringify(node).slice(0, 600)}`);
  return input;
}

export interface Choice {
  title: string;
  value: string;
}

export function choicesOfInput(input: JsonObject): Choice[] {
  return (Array.isArray(input.choices) ? input.choices : []).filter(isObject).map((c) => ({ title: String(c.title), value: String(c.value) }));
}

/** The value of the choice whose title starts with `prefix` (a member "Name (role)"); fails listing the choices. */
export function choiceValue(node: unknown, inputId: string, prefix: string): string {
  const choices = choicesOfInput(inputById(node, inputId));
  const matching = choices.filter((choice) => choice.title.startsWith(prefix));
  if (matching.length !== 1) throw new Error(`Expected one choice of ${inputId} starting with "${prefix}", found ${matching.length}: ${JSON.stringify(choices)}`);
  return (matching[0] as Choice).value;
}

/** What an input shows before anyone touches it, as text ('' when empty). */
export function shownValue(input: JsonObject): string {
  if (input.value === undefined || input.value === null) return input.type === 'Input.Toggle' ? String(input.valueOff ?? 'false') : '';
  return String(input.value);
}

/**
 * What Teams sends for an Action.Execute: the action's data, and every input of the form it is in that
 * is set, as text, under its id. Only what a person could pick is accepted: a choice must be one of the
 * input's choices, and every typed id must be an input of the form.
 */
export function submit(form: unknown, verb: string, typed: Record<string, string> = {}): { verb: string; data: JsonObject } {
  const data: JsonObject = { ...actionData(form, verb) };
  const inputs = inputsOf(form);
  for (const id of Object.keys(typed)) {
    if (!inputs.some((input) => input.id === id)) throw new Error(`The form of "${verb}" has no input "${id}" (inputs: ${inputs.map((i) => String(i.id)).join(', ')})`);
  }
  for (const input of inputs) {
    const id = String(input.id);
    const value = typed[id] ?? shownValue(input);
    if (input.type === 'Input.ChoiceSet' && value !== '') {
      const allowed = choicesOfInput(input).map((choice) => choice.value);
      const picked = input.isMultiSelect === true ? value.split(',') : [value];
      for (const one of picked) if (!allowed.includes(one)) throw new Error(`"${one}" is not a choice of ${id} (${allowed.join(', ')})`);
    }
    if (input.type === 'Input.Toggle' && value !== input.valueOn && value !== input.valueOff) throw new Error(`"${value}" is not a value of toggle ${id}`);
    // A toggle always has a value; another input is sent only when it is set.
    if (input.type === 'Input.Toggle' || value !== '') data[id] = value;
  }
  return { verb, data };
}

/** The checklist's editable section titled `title`: its container holds the form behind "Udfyld". */
export function checklistSection(checklist: JsonObject, title: string): JsonObject {
  const found = shownObjectsOf(checklist).filter(
    (o) =>
      o.type === 'Container' &&
      Array.isArray(o.items) &&
      isObject(o.items[0]) &&
      o.items[0].text === title &&
      shownObjectsOf(o).some((inner) => inner.type === 'Action.Execute' && inner.verb === 'meeting.answer'),
  );
  if (found.length !== 1) throw new Error(`Expected one editable section "${title}", found ${found.length}`);
  return found[0] as JsonObject;
}

/** The texts of an invoke answer: the card's TextBlocks, or the message of a refusal. */
export function answerTexts(result: CardActionResult): string[] {
  if (result.type === ADAPTIVE_CARD) return textsOf(result.card);
  if (result.type === MESSAGE_ANSWER) return [String(result.value)];
  throw new Error(`Unexpected answer ${result.type}: ${JSON.stringify(result.value)}`);
}

/** The first card of a bot activity; fails with what it was when it has none. */
export function firstCard(activity: BotActivity): JsonObject {
  const card = activity.cards[0];
  if (!card) throw new Error(`No card in #${activity.seq} ${activity.kind} ${activity.conversationId}: ${JSON.stringify(activity.text ?? activity.raw).slice(0, 400)}`);
  return card;
}

// ---------------------------------------------------------------------------------------------------
// The bot's SQLite file (read-only)

function openReadOnly(dataDir: string): Database.Database {
  return new Database(join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
}

/** The case as stored, with its etag. */
export function storedCase(dataDir: string, caseId: string): { case: Case; etag: string } {
  const db = openReadOnly(dataDir);
  try {
    const row = db.prepare<[string, string], { etag: string; doc: string }>('SELECT etag, doc FROM cases WHERE tenant_id = ? AND id = ?').get(TENANT_ID, caseId);
    if (!row) throw new Error(`Case ${caseId} is not stored`);
    return { case: JSON.parse(row.doc) as Case, etag: row.etag };
  } finally {
    db.close();
  }
}

/** One row of the `outbox` table, its `doc` unpacked. */
export interface OutboxRow {
  id: string;
  status: 'pending' | 'sent' | 'failed';
  notBefore: string;
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
  leaseOwner: string | null;
  kind: OutboxKind;
  to: OutboxRecipient;
  about: Record<string, string>;
  serviceUrl: string;
}

/** The outbox of one case, oldest due first. */
export function outboxOf(dataDir: string, caseId: string): OutboxRow[] {
  const db = openReadOnly(dataDir);
  try {
    const rows = db
      .prepare<[string, string], { id: string; status: OutboxRow['status']; not_before: string; attempts: number; sent_at: string | null; last_error: string | null; lease_owner: string | null; doc: string }>(
        'SELECT id, status, not_before, attempts, sent_at, last_error, lease_owner, doc FROM outbox WHERE tenant_id = ? AND case_id = ? ORDER BY not_before, rowid',
      )
      .all(TENANT_ID, caseId);
    return rows.map((row) => {
      const doc = JSON.parse(row.doc) as Pick<OutboxRow, 'kind' | 'to' | 'about' | 'serviceUrl'>;
      return {
        id: row.id,
        status: row.status,
        notBefore: row.not_before,
        attempts: row.attempts,
        sentAt: row.sent_at,
        lastError: row.last_error,
        leaseOwner: row.lease_owner,
        kind: doc.kind,
        to: doc.to,
        about: doc.about,
        serviceUrl: doc.serviceUrl,
      };
    });
  } finally {
    db.close();
  }
}

/** "kind -> recipient" for an outbox row: a Teams user id, or `thread` for the case's conversation. */
export function outboxKey(row: Pick<OutboxRow, 'kind' | 'to'>): string {
  return `${row.kind} -> ${row.to.kind === 'user' ? row.to.teamsUserId : `conversation ${row.to.conversationId}`}`;
}

// ---------------------------------------------------------------------------------------------------
// A crash

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Kills the bot the way a crash (or the OOM killer) does: SIGKILL to its PID, no shutdown handlers, no
 * last batch settled. Use with a bot started `via: 'node'`, where the PID is the bot's node process
 * itself (with `npm start` it would be npm's). Resolves when the process is gone; then `bot.stop()`
 * only forgets it.
 */
export async function killHard(bot: BotProcess, timeoutMs = 5_000): Promise<number> {
  const pid = bot.pid();
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`The bot (PID ${pid}) is still alive ${timeoutMs} ms after SIGKILL`);
    await sleep(20);
  }
  return pid;
}

export { alive as processAlive };
