// Drives the real Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) against a bot, without
// a browser: its HTTP API stands in for what a person types and clicks, and its two WebSocket streams
// report what the bot sent. See test/e2e/README.md for what the playground can and cannot do.
//
// Who can do what (as found in the playground 0.2.28):
// - The "current user" of .m365agentsplayground.yml (Mette Madsen) is the one logged in to the web UI.
//   Her messages go through /_conversation/v1/conversations/{id}/messages, as the UI sends them.
// - That API always sends the activity as the current user, whatever `from` says. Messages from the
//   other users therefore go through /_internal/v1/customActivities with an activity built like the
//   playground's own (same shape, channelData, entities). Those messages are not shown in the web UI.
// - Card actions (Action.Execute) go through /_conversation/v1/invoke, which does honour `from`.
// - What the bot sends is read from the log stream (/_ws/log/stream), which records every call the bot
//   makes to the playground's connector, including 1:1 chats with users other than the current user;
//   the conversation stream (/_ws_conversation/v1/conversations/stream), which is what the UI shows,
//   drops those.
import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { relocalize, startLocaleProxy, type LocaleProxy } from '../../../scripts/localeProxy.cjs';
import { REPO_ROOT } from './botProcess';
import { spawnManaged, tail, waitUntil, type ManagedProcess } from './childProcess';
import { freePort, LOOPBACK } from './freePort';

// ---------------------------------------------------------------------------------------------------
// The tenant of .m365agentsplayground.yml (keep the two in step; the smoke test compares them).

export const TENANT_ID = '7c1e2f3a-4b5c-4d6e-8f90-0a1b2c3d4e5f';

export const BOT = { id: '28:5a0b0000-0000-4000-8000-00000000b07b', name: 'Samarbejdsbot' } as const;

export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
  readonly email?: string;
}

export const USERS = {
  /** Koordinator; the current (logged-in) user of the playground. */
  mette: { id: '29:1mette-madsen', name: 'Mette Madsen', aadObjectId: 'a0000000-0000-4000-8000-000000000001', email: 'mette.madsen@kommune.example' },
  /** UU-vejleder. */
  jonas: { id: '29:1jonas-jensen', name: 'Jonas Jensen', aadObjectId: 'a0000000-0000-4000-8000-000000000002', email: 'jonas.jensen@kommune.example' },
  /** Jobcenter. */
  sara: { id: '29:1sara-nielsen', name: 'Sara Nielsen', aadObjectId: 'a0000000-0000-4000-8000-000000000003', email: 'sara.nielsen@kommune.example' },
  /** Bostøtte. */
  ali: { id: '29:1ali-hassan', name: 'Ali Hassan', aadObjectId: 'a0000000-0000-4000-8000-000000000004', email: 'ali.hassan@kommune.example' },
  /** In the team, on no case. */
  lise: { id: '29:1lise-holm', name: 'Lise Holm', aadObjectId: 'a0000000-0000-4000-8000-000000000005', email: 'lise.holm@kommune.example' },
  peter: { id: '29:1peter-berg', name: 'Peter Berg', aadObjectId: 'a0000000-0000-4000-8000-000000000006', email: 'peter.berg@kommune.example' },
} as const satisfies Record<string, PlaygroundUser>;

/** The user logged in to the playground's web UI and the only member of its configured personal chat. */
export const CURRENT_USER = USERS.mette;

export const TEAM = {
  id: '19:samarbejde-general@thread.tacv2',
  name: 'Samarbejde Unge',
  aadGroupId: 'b0000000-0000-4000-8000-0000000000a1',
  /** In Teams the General channel's id is the team id. */
  generalChannelId: '19:samarbejde-general@thread.tacv2',
} as const;

/** The standard channel the team works in. */
export const CHANNEL = { id: '19:unge-teamet@thread.tacv2', name: 'Unge-teamet' } as const;

export const GROUP_CHAT = { id: '19:gruppechat-unge@thread.v2', name: 'Koordinering unge' } as const;

/** Mette Madsen's 1:1 chat with the bot. Other users' 1:1 chats exist once the bot (or `personalChatId`) creates them. */
export const PERSONAL_CHAT_ID = 'a:1personal-mette-madsen';

/** The playground stamps every activity with this locale; it has no setting for it. */
const PLAYGROUND_LOCALE = 'en-US';
/** The locale the harness gives the bot by default (see `StartPlaygroundOptions.locale`). */
const DEFAULT_LOCALE = 'da-DK';
/** The harness runs the playground in this time zone (activities carry it in `localTimezone`). */
const PLAYGROUND_TIMEZONE = 'Europe/Copenhagen';

const CHANNEL_IDS: readonly string[] = [TEAM.generalChannelId, CHANNEL.id];
const KNOWN_USERS: ReadonlyMap<string, PlaygroundUser> = new Map(Object.values(USERS).map((user) => [user.id, user]));

const CONFIG_PATH = join(REPO_ROOT, '.m365agentsplayground.yml');
const LOOPBACK_PRELOAD = join(REPO_ROOT, 'scripts', 'loopback.cjs');

// ---------------------------------------------------------------------------------------------------
// Records

export type JsonObject = Record<string, unknown>;

interface Attachment {
  contentType: string;
  content?: unknown;
  [key: string]: unknown;
}

type BotActivityKind = 'message' | 'update' | 'typing' | 'delete' | 'createConversation' | 'other';

/** One thing the bot sent to the playground's connector, as the log stream reports it. */
export interface BotActivity {
  /** Order of arrival, from 1. */
  seq: number;
  receivedAt: number;
  /**
   * message: a new message (a reply, a proactive send, or the first post of a thread the bot created);
   * update: updateActivity; typing; delete: deleteActivity (the playground answers 501);
   * createConversation: a 1:1 chat the bot opened (the message follows as its own record).
   */
  kind: BotActivityKind;
  /** Where it landed: a chat id, or a channel thread `19:…@thread.tacv2;messageid=…`. '' when unknown. */
  conversationId: string;
  /** The chat or channel id (the part before `;messageid=`). */
  topLevelConversationId: string;
  /** True when the message started a new channel thread (sent to the channel itself, or createConversation). */
  newThread: boolean;
  /** The id the playground gave the message: use it as `replyToId` for card actions and to match updates. */
  messageId?: string;
  replyToId?: string;
  text?: string;
  attachments: Attachment[];
  /** The contents of the Adaptive Card attachments. */
  cards: JsonObject[];
  /** For 1:1 chats: the user the chat is with. */
  toUserId?: string;
  /** The playground's HTTP status to the bot (201 created, 200 updated, 202 typing, 4xx/5xx refused). */
  status: number;
  /** The playground's answer body. */
  response: unknown;
  /** The body the bot posted (for createConversation: the ConversationParameters). */
  raw: JsonObject;
}

/** One activity the playground delivered to the bot, with the bot's HTTP answer. */
interface DeliveredActivity {
  seq: number;
  receivedAt: number;
  activity: JsonObject;
  status: number;
  response: unknown;
}

/** One event of the conversation stream: what the web UI of the current user receives. */
interface UiEvent {
  action: 'createMessage' | 'updateMessage' | 'typing' | string;
  actionConversationId: string;
  message?: JsonObject;
}

interface SendResult {
  /** The conversation the message is in (for channels, the thread). */
  conversationId: string;
  /** The playground's message id, when the playground stored the message (current user, thread roots). */
  messageId?: string;
  /** The id of the activity sent to the bot, when the harness chose it (custom activities). */
  activityId?: string;
  /** False when the playground (like Teams) does not pass the message to the bot, e.g. no @mention in a channel. */
  deliveredToBot: boolean;
  /** Resolves when the bot has answered the HTTP request for this activity (its turn is over). */
  turn(timeoutMs?: number): Promise<DeliveredActivity>;
}

export interface CardActionResult {
  /** e.g. application/vnd.microsoft.card.adaptive, application/vnd.microsoft.activity.message, application/vnd.microsoft.error */
  type: string;
  value: unknown;
  /** The card returned, when `type` is an Adaptive Card. */
  card?: JsonObject;
}

interface ChannelMessageOptions {
  /** Reply in this thread (`19:…;messageid=…`) instead of starting a new one. */
  threadId?: string;
  /** Default: the Unge-teamet channel. */
  channelId?: string;
  /** Teams passes channel messages to a bot only when it is @mentioned. Default true. */
  mentionBot?: boolean;
  /** Other users mentioned; the text must contain `<at>Their Name</at>` for each. */
  mentions?: readonly string[];
}

interface ChatMessageOptions {
  mentionBot?: boolean;
  mentions?: readonly string[];
}

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Default: .m365agentsplayground.yml at the repository root. */
  configPath?: string;
  /**
   * The locale of the activities the bot receives. The playground always sends en-US; unless this is
   * null, a loopback proxy between the playground and the bot sets this locale instead (default da-DK,
   * what Danish Teams users send). Nothing else is changed.
   */
  locale?: string | null;
  startTimeoutMs?: number;
  env?: Record<string, string | undefined>;
}

class PlaygroundHttpError extends Error {
  override name = 'PlaygroundHttpError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} -> ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export interface PlaygroundClient {
  readonly port: number;
  /** http://127.0.0.1:<port>: the web UI and the API. */
  readonly url: string;
  /** The connector URL the playground gives the bot in every activity. */
  readonly serviceUrl: string;
  /** The bot's own endpoint. */
  readonly botEndpoint: string;
  /** The endpoint the playground posts to: the locale proxy's, or the bot's when `locale` is null. */
  readonly playgroundEndpoint: string;
  /** The locale the bot receives (null: the playground's own, en-US). */
  readonly locale: string | null;
  readonly pid: number;
  /** Milliseconds from spawn until /_debug/ping answered pong and both streams were connected. */
  readonly startupMs: number;

  sendChannelMessage(from: string | PlaygroundUser, text: string, options?: ChannelMessageOptions): Promise<SendResult>;
  sendPersonalMessage(from: string | PlaygroundUser, text: string): Promise<SendResult>;
  sendGroupChatMessage(from: string | PlaygroundUser, text: string, options?: ChatMessageOptions): Promise<SendResult>;
  /** Action.Execute on a card the bot sent; `replyToId` defaults to the bot's latest card in that conversation. */
  invokeCardAction(
    from: string | PlaygroundUser,
    conversationId: string,
    action: { verb: string; data?: JsonObject },
    replyToId?: string,
  ): Promise<CardActionResult>;
  /**
   * What Teams does by itself when it shows a card with `refresh` (user-specific views, Universal Actions):
   * an `adaptiveCard/action` invoke with the card's refresh action and `trigger: 'automatic'`, from `user`.
   * The playground's web UI never sends it. Resolves to null when Teams would not refresh the card for
   * this user (no `refresh.action`, or `refresh.userIds` without the user's id).
   */
  refreshCard(user: string | PlaygroundUser, conversationId: string, replyToId?: string): Promise<CardActionResult | null>;
  /** Any activity, completed from the playground's template for that conversation (id, serviceUrl, recipient, conversation). */
  sendCustomActivity(conversationId: string, from: string | PlaygroundUser, activity: JsonObject): Promise<SendResult>;
  /** The 1:1 chat id of a user: the configured one for the current user, else created through the connector (idempotent). */
  personalChatId(user: string | PlaygroundUser): Promise<string>;

  /** Everything the bot has sent so far, in order. */
  botActivities(): readonly BotActivity[];
  /**
   * The oldest bot activity not returned before that matches, waiting up to `timeoutMs` (default 10 s).
   * Each activity is returned at most once, so consecutive calls walk through the bot's output.
   */
  nextBotActivity(predicate?: (activity: BotActivity) => boolean, timeoutMs?: number): Promise<BotActivity>;
  /** Throws when a bot activity matching `predicate` arrives within `withinMs` (or has arrived since `sinceSeq`). */
  expectNoBotActivity(predicate: (activity: BotActivity) => boolean, withinMs: number, sinceSeq?: number): Promise<void>;
  /** Activities the playground delivered to the bot (with the locale as the bot got it), with the bot's answers. */
  deliveredActivities(): readonly DeliveredActivity[];
  /** Events of the conversation stream (what the current user's web UI shows). */
  uiEvents(): readonly UiEvent[];
  /** Text log items of the playground (warnings such as "delete activity is not implemented"). */
  playgroundNotes(): readonly string[];
  /** GET /_internal/v1/config: the tenant as the playground loaded it (waits for the bot endpoint, up to 15 s). */
  config(): Promise<JsonObject>;
  /** The playground's own log file. */
  output(): string;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function topLevel(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

function resolveUser(user: string | PlaygroundUser): PlaygroundUser {
  if (typeof user !== 'string') return KNOWN_USERS.get(user.id) ?? user;
  const known = KNOWN_USERS.get(user);
  if (!known) {
    throw new Error(`Unknown user id ${user}: use an id from USERS, or pass { id, name, aadObjectId } to act as a user outside the playground's tenant`);
  }
  return known;
}

function mentionEntity(user: PlaygroundUser | typeof BOT): JsonObject {
  return { type: 'mention', mentioned: { id: user.id, name: user.name }, text: `<at>${user.name}</at>` };
}

/** ISO time with the playground's UTC offset, as the playground writes `localTimestamp`. */
function localTimestamp(date: Date, timeZone: string): string {
  const offsetName = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = offsetName === undefined || offsetName === 'GMT' ? '+00:00' : offsetName.replace('GMT', '');
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours = 0, minutes = 0] = offset.slice(1).split(':').map(Number);
  const local = new Date(date.getTime() + sign * (hours * 60 + minutes) * 60_000);
  return `${local.toISOString().slice(0, 23)}${offset}`;
}

let activityCounter = 0;
function newActivityId(): string {
  activityCounter = (activityCounter + 1) % 1000;
  return String(Date.now() * 1000 + activityCounter);
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

// ---------------------------------------------------------------------------------------------------

export async function startPlayground(options: StartPlaygroundOptions): Promise<PlaygroundClient> {
  const configPath = options.configPath ?? CONFIG_PATH;
  if (!existsSync(configPath)) throw new Error(`No playground config at ${configPath}`);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const locale = options.locale === undefined ? DEFAULT_LOCALE : options.locale;
  const proxy = locale === null ? undefined : await startLocaleProxy({ target: options.botEndpoint, locale });
  const playgroundEndpoint = proxy?.url ?? options.botEndpoint;

  // The playground silently takes another port when the one asked for is busy; then the service URL it
  // gives the bot would be wrong. Retry with a new port in that (rare) case.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const logDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-playground-'));
    const started = Date.now();
    let listeningOn: number | undefined;
    const proc = spawnManaged(
      process.execPath,
      ['-r', LOOPBACK_PRELOAD, cli, '-e', playgroundEndpoint, '-c', 'msteams', '-p', String(port), '--su', `http://${LOOPBACK}:${port}/_connector`, '--disable-telemetry'],
      {
        name: 'agents playground',
        cwd: REPO_ROOT,
        env: playgroundEnvironment(configPath, join(logDir, 'playground.log'), options.env),
        onOutput: (chunk) => {
          const match = /Listening on (\d+)/.exec(chunk);
          if (match?.[1]) listeningOn = Number(match[1]);
        },
      },
    );
    const logFile = join(logDir, 'playground.log');
    const readLog = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    const cleanUp = async (): Promise<void> => {
      await proc.stop(5_000);
      rmSync(logDir, { recursive: true, force: true });
    };
    try {
      await waitUntil(
        'the playground to answer GET /_debug/ping with pong',
        async () => {
          if (listeningOn !== undefined && listeningOn !== port) return true;
          const response = await fetch(`http://${LOOPBACK}:${port}/_debug/ping`, { signal: AbortSignal.timeout(2_000) });
          return (await response.text()).trim() === 'pong';
        },
        { timeoutMs, process: proc },
      );
      if (listeningOn !== undefined && listeningOn !== port) throw new PortTakenError(port, listeningOn);
      return await connectClient({ proc, port, botEndpoint: options.botEndpoint, playgroundEndpoint, locale, proxy, started, readLog, cleanUp });
    } catch (error) {
      const log = readLog();
      await cleanUp();
      if (error instanceof PortTakenError && options.port === undefined && attempt < 3) continue;
      await proxy?.close();
      if (error instanceof Error && log) error.message += `\n--- playground log ---\n${tail(log)}`;
      throw error;
    }
  }
}

class PortTakenError extends Error {
  constructor(wanted: number, got: number) {
    super(`The playground was asked for port ${wanted} but listens on ${got}`);
  }
}

function playgroundEnvironment(configPath: string, logFile: string, extra?: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    // The UI's locale and the activities' time zone follow the process: Danish, Copenhagen.
    LANG: 'da_DK.UTF-8',
    LC_ALL: 'da_DK.UTF-8',
    TZ: PLAYGROUND_TIMEZONE,
    NO_PROXY: [process.env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(','),
  };
  delete env.M365_AGENTS_PLAYGROUND_CONVERSATION_ID;
  delete env.M365_AGENTS_PLAYGROUND_SERVICE_URL;
  delete env.M365_AGENTS_PLAYGROUND_ENABLE_EVENTS_RECORDING;
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

interface ConnectArgs {
  proc: ManagedProcess;
  port: number;
  botEndpoint: string;
  playgroundEndpoint: string;
  locale: string | null;
  proxy: LocaleProxy | undefined;
  started: number;
  readLog: () => string;
  cleanUp: () => Promise<void>;
}

async function openSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

async function connectClient({ proc, port, botEndpoint, playgroundEndpoint, locale, proxy, started, readLog, cleanUp }: ConnectArgs): Promise<PlaygroundClient> {
  const base = `http://${LOOPBACK}:${port}`;
  const serviceUrl = `${base}/_connector`;

  const bot: BotActivity[] = [];
  const delivered: DeliveredActivity[] = [];
  const ui: UiEvent[] = [];
  const notes: string[] = [];
  const consumed = new Set<number>();
  const claimedTurns = new Set<number>();
  /** conversation id -> user, for 1:1 chats */
  const chatUser = new Map<string, string>([[PERSONAL_CHAT_ID, CURRENT_USER.id]]);
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const wake of [...waiters]) wake();
  };
  let seq = 0;

  const onLogItem = (item: JsonObject): void => {
    if (item.type === 'text') {
      const text = str(item.displayText);
      if (text) notes.push(text);
      notify();
      return;
    }
    if (item.type !== 'bot') return;
    const request = isObject(item.request) && isObject(item.request.body) ? item.request.body : undefined;
    const response = isObject(item.response) ? item.response : {};
    const status = typeof response.statusCode === 'number' ? response.statusCode : 0;
    const body = response.body;
    if (item.from === 'Microsoft 365 Agents Playground') {
      // The log shows what the playground sent; the proxy then set the locale. Record what the bot got.
      const activity = locale === null || !request ? (request ?? {}) : relocalize(request, locale);
      delivered.push({ seq: ++seq, receivedAt: Date.now(), activity, status, response: body });
      notify();
      return;
    }
    const record = toBotActivity(str(item.activityName), request, status, body);
    if (record) {
      bot.push({ ...record, seq: ++seq, receivedAt: Date.now() });
      notify();
    }
  };

  const toBotActivity = (
    activityName: string | undefined,
    request: JsonObject | undefined,
    status: number,
    body: unknown,
  ): Omit<BotActivity, 'seq' | 'receivedAt'> | undefined => {
    const answer = isObject(body) ? body : {};
    if (activityName === 'createConversation' && request) {
      const fromHarness = isObject(request.channelData) && request.channelData.e2eHarness === true;
      if (request.isGroup === true) {
        const activity = isObject(request.activity) ? request.activity : {};
        const channelId = isObject(request.channelData) && isObject(request.channelData.channel) ? str(request.channelData.channel.id) : undefined;
        const conversationId = str(answer.id) ?? '';
        return {
          ...messageParts(activity),
          kind: 'message',
          conversationId,
          topLevelConversationId: channelId ?? topLevel(conversationId),
          newThread: true,
          messageId: str(answer.activityId),
          status,
          response: body,
          raw: request,
        };
      }
      const member = Array.isArray(request.members) && isObject(request.members[0]) ? str(request.members[0].id) : undefined;
      const conversationId = str(answer.id) ?? '';
      if (conversationId && member) chatUser.set(conversationId, member);
      if (fromHarness) return undefined;
      return {
        kind: 'createConversation',
        conversationId,
        topLevelConversationId: conversationId,
        newThread: false,
        attachments: [],
        cards: [],
        toUserId: member,
        status,
        response: body,
        raw: request,
      };
    }
    if (!request || typeof request.type !== 'string') {
      // A read (roster, team details) has no body; a delete has none either and gets 501.
      if (status === 501) {
        return { kind: 'delete', conversationId: '', topLevelConversationId: '', newThread: false, attachments: [], cards: [], status, response: body, raw: request ?? {} };
      }
      return undefined;
    }
    const conversation = isObject(request.conversation) ? request.conversation : {};
    let conversationId = str(conversation.id) ?? '';
    const type = request.type;
    const isUpdate = type === 'message' && status === 200 && typeof request.id === 'string';
    const kind: BotActivityKind = type === 'typing' ? 'typing' : isUpdate ? 'update' : type === 'message' ? 'message' : 'other';
    let messageId = isUpdate ? str(request.id) : str(answer.id);
    let newThread = false;
    if (kind === 'message' && CHANNEL_IDS.includes(conversationId) && messageId) {
      // Sent to the channel itself: the playground starts a thread whose id ends in the message id.
      conversationId = `${conversationId};messageid=${messageId}`;
      newThread = true;
    }
    if (kind === 'typing') messageId = undefined;
    return {
      ...messageParts(request),
      kind,
      conversationId,
      topLevelConversationId: topLevel(conversationId),
      newThread,
      messageId,
      replyToId: str(request.replyToId),
      toUserId: chatUser.get(conversationId),
      status,
      response: body,
      raw: request,
    };
  };

  const logSocket = await openSocket(`ws://${LOOPBACK}:${port}/_ws/log/stream`);
  logSocket.on('message', (data) => {
    try {
      const parsed: unknown = JSON.parse(data.toString());
      if (isObject(parsed) && isObject(parsed.log)) onLogItem(parsed.log);
    } catch {
      // not JSON: ignore
    }
  });
  const uiSocket = await openSocket(`ws://${LOOPBACK}:${port}/_ws_conversation/v1/conversations/stream`);
  uiSocket.on('message', (data) => {
    try {
      const parsed: unknown = JSON.parse(data.toString());
      if (isObject(parsed) && typeof parsed.action === 'string') {
        ui.push({ action: parsed.action, actionConversationId: str(parsed.actionConversationId) ?? '', message: isObject(parsed.message) ? parsed.message : undefined });
        notify();
      }
    } catch {
      // not JSON: ignore
    }
  });
  const startupMs = Date.now() - started;

  // ---- waiting ----

  const waitFor = <T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const found = find();
      if (found !== undefined) {
        resolve(found);
        return;
      }
      const wake = (): void => {
        const hit = find();
        if (hit !== undefined) {
          finish();
          resolve(hit);
        } else if (proc.hasExited()) {
          finish();
          reject(new Error(`The playground exited while waiting for ${describe()}\n${tail(readLog())}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
    });

  const summary = (): string => {
    const lines = bot.slice(-10).map((a) => `  #${a.seq} ${a.kind} ${a.status} ${a.conversationId} ${JSON.stringify(a.text ?? '').slice(0, 80)}${a.cards.length ? ` [${a.cards.length} card(s)]` : ''}${a.toUserId ? ` to ${a.toUserId}` : ''}`);
    const delivery = delivered.slice(-5).map((d) => `  #${d.seq} ${String(d.activity.type)} -> bot answered ${d.status}`);
    const playgroundNotes = notes.slice(-5).map((n) => `  ${n}`);
    return [
      `bot activities (${bot.length}, last 10):`,
      ...lines,
      `delivered to the bot (${delivered.length}, last 5):`,
      ...delivery,
      ...(playgroundNotes.length ? ['playground notes:', ...playgroundNotes] : []),
    ].join('\n');
  };

  const turnFor = (match: (d: DeliveredActivity) => boolean, sinceSeq: number, what: string) => (timeoutMs = 15_000): Promise<DeliveredActivity> =>
    waitFor(
      () => {
        const hit = delivered.find((d) => d.seq > sinceSeq && !claimedTurns.has(d.seq) && match(d));
        if (hit) claimedTurns.add(hit.seq);
        return hit;
      },
      timeoutMs,
      () => `the bot to answer ${what}\n${summary()}`,
    );

  const noTurn = (why: string) => (): Promise<DeliveredActivity> => Promise.reject(new Error(`Not delivered to the bot: ${why}`));

  // ---- HTTP ----

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // plain text
    }
    if (!response.ok) throw new PlaygroundHttpError(method, path, response.status, parsed);
    return parsed;
  };

  const conversationPath = (conversationId: string): string => `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`;

  /** The activity the playground itself would build for `from` in this conversation (id, serviceUrl, recipient, conversation). */
  const template = async (conversationId: string): Promise<JsonObject> => {
    const result = await call('GET', `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
    if (!isObject(result)) throw new Error(`Unexpected template for ${conversationId}: ${JSON.stringify(result)}`);
    return result;
  };

  const postCustom = async (activity: JsonObject): Promise<void> => {
    await call('POST', '/_internal/v1/customActivities', activity);
  };

  const sendCustom = async (conversationId: string, fromUser: PlaygroundUser, activity: JsonObject, storedMessageId?: string): Promise<SendResult> => {
    const base = await template(conversationId);
    const id = str(activity.id) ?? newActivityId();
    const now = new Date();
    const full: JsonObject = {
      ...base,
      id,
      timestamp: now.toISOString(),
      localTimestamp: localTimestamp(now, PLAYGROUND_TIMEZONE),
      localTimezone: PLAYGROUND_TIMEZONE,
      locale: PLAYGROUND_LOCALE,
      ...activity,
      from: { id: fromUser.id, name: fromUser.name, ...(fromUser.aadObjectId ? { aadObjectId: fromUser.aadObjectId } : {}) },
    };
    const mark = seq;
    await postCustom(full);
    return {
      conversationId,
      messageId: storedMessageId,
      activityId: id,
      deliveredToBot: true,
      turn: turnFor((d) => d.activity.id === id, mark, `activity ${id} (${String(full.type)} from ${fromUser.name})`),
    };
  };

  /** channelData and entities as the playground builds them for a message (TeamsStrategy.getMessageProps). */
  const messageProps = (conversationId: string, text: string, mentioned: readonly (PlaygroundUser | typeof BOT)[]): JsonObject => {
    const top = topLevel(conversationId);
    const inChannel = CHANNEL_IDS.includes(top);
    return {
      type: 'message',
      text,
      textFormat: 'plain',
      channelData: inChannel
        ? { teamsChannelId: top, teamsTeamId: TEAM.id, tenant: { id: TENANT_ID }, team: { id: TEAM.id }, channel: { id: top } }
        : { tenant: { id: TENANT_ID } },
      entities: [
        ...mentioned.map(mentionEntity),
        { locale: PLAYGROUND_LOCALE, country: 'US', ...(inChannel ? {} : { platform: 'Web' }), timezone: PLAYGROUND_TIMEZONE, type: 'clientInfo' },
      ],
    };
  };

  const mentionList = (text: string, mentionBot: boolean, others: readonly string[] | undefined): (PlaygroundUser | typeof BOT)[] => {
    const users = (others ?? []).map((id) => resolveUser(id));
    for (const user of users) {
      if (!text.includes(`<at>${user.name}</at>`)) throw new Error(`The text must contain <at>${user.name}</at> to mention ${user.id}`);
    }
    return [...(mentionBot ? [BOT] : []), ...users];
  };

  const withBotMention = (text: string, mentionBot: boolean): string => (mentionBot ? `<at>${BOT.name}</at> ${text}` : text);

  /** The current user's message through the API the web UI uses. */
  const postAsCurrentUser = async (conversationId: string, text: string, mentioned: readonly (PlaygroundUser | typeof BOT)[]): Promise<{ messageId: string; postConversationId?: string; mark: number }> => {
    const mark = seq;
    const body: JsonObject = { from: { id: CURRENT_USER.id }, text, textFormat: 'plain' };
    if (mentioned.length > 0) body.mentions = mentioned.map((m) => ({ mentioned: { id: m.id, name: m.name }, text: `<at>${m.name}</at>` }));
    const result = await call('POST', conversationPath(conversationId), body);
    if (!isObject(result) || typeof result.messageId !== 'string') throw new Error(`Unexpected answer from the playground: ${JSON.stringify(result)}`);
    return { messageId: result.messageId, postConversationId: str(result.postConversationId), mark };
  };

  const currentUserTurn = (conversationId: string, text: string, mark: number) =>
    turnFor(
      (d) => {
        const conversation = isObject(d.activity.conversation) ? d.activity.conversation : {};
        const from = isObject(d.activity.from) ? d.activity.from : {};
        return d.activity.type === 'message' && conversation.id === conversationId && from.id === CURRENT_USER.id && d.activity.text === text;
      },
      mark,
      `the message ${JSON.stringify(text)} in ${conversationId}`,
    );

  const personalChatId = async (user: string | PlaygroundUser): Promise<string> => {
    const resolved = resolveUser(user);
    if (resolved.id === CURRENT_USER.id) return PERSONAL_CHAT_ID;
    for (const [conversationId, userId] of chatUser) if (userId === resolved.id) return conversationId;
    // The playground opens a user's 1:1 chat only when a bot asks its connector to: ask it the same way.
    const result = await call('POST', '/_connector/v3/conversations', {
      isGroup: false,
      members: [{ id: resolved.id }],
      tenantId: TENANT_ID,
      channelData: { tenant: { id: TENANT_ID }, e2eHarness: true },
    });
    const id = isObject(result) ? str(result.id) : undefined;
    if (!id) throw new Error(`The playground did not open a 1:1 chat for ${resolved.id}: ${JSON.stringify(result)}`);
    chatUser.set(id, resolved.id);
    return id;
  };

  /** The bot's latest message or update with a card in this conversation. */
  const latestCard = (conversationId: string): BotActivity | undefined =>
    [...bot].reverse().find((a) => a.conversationId === conversationId && a.cards.length > 0 && a.messageId !== undefined && (a.kind === 'message' || a.kind === 'update'));

  const invoke = async (user: PlaygroundUser, conversationId: string, replyToId: string, value: JsonObject): Promise<CardActionResult> => {
    if (KNOWN_USERS.has(user.id)) {
      // What the web UI does when a card's Action.Execute is clicked; the playground honours `from` here.
      const result = await call('POST', '/_conversation/v1/invoke', { name: 'adaptiveCard/action', value, from: { id: user.id }, conversation: { id: conversationId }, replyToId });
      return cardActionResult(result);
    }
    // A user the playground does not know: its invoke API refuses them, so send the invoke as a custom
    // activity and read the bot's answer from the log stream.
    const sent = await sendCustom(conversationId, user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value,
      replyToId,
      channelData: { ...(messageProps(conversationId, '', []).channelData as JsonObject), source: { name: 'message' } },
      entities: messageProps(conversationId, '', []).entities,
    });
    const answer = await sent.turn();
    const body = isObject(answer.response) ? answer.response : {};
    return cardActionResult({ type: body.type, value: body.value });
  };

  const client: PlaygroundClient = {
    port,
    url: base,
    serviceUrl,
    botEndpoint,
    playgroundEndpoint,
    locale,
    pid: proc.pid,
    startupMs,

    async sendChannelMessage(from, text, options = {}) {
      const user = resolveUser(from);
      const mentionBot = options.mentionBot ?? true;
      const channelId = options.channelId ?? CHANNEL.id;
      const fullText = withBotMention(text, mentionBot);
      const mentioned = mentionList(fullText, mentionBot, options.mentions);
      if (options.threadId !== undefined && topLevel(options.threadId) !== channelId && options.channelId !== undefined) {
        throw new Error(`Thread ${options.threadId} is not in channel ${channelId}`);
      }
      if (user.id === CURRENT_USER.id) {
        const target = options.threadId ?? channelId;
        const posted = await postAsCurrentUser(target, fullText, mentioned);
        const conversationId = posted.postConversationId ?? target;
        return {
          conversationId,
          messageId: posted.messageId,
          deliveredToBot: mentionBot,
          turn: mentionBot ? currentUserTurn(conversationId, fullText, posted.mark) : noTurn('no @mention of the bot in a channel'),
        };
      }
      let threadId = options.threadId;
      let rootMessageId: string | undefined;
      if (threadId === undefined) {
        // Only the playground can start a thread (a "post"); it records the root as the current user's.
        // The root shown in the web UI says who wrote it; the bot gets the activity from `user`.
        const anchor = await postAsCurrentUser(channelId, `[${user.name}] ${fullText.replace(/<\/?at>/g, '').replace(new RegExp(`^${BOT.name}`), `@${BOT.name}`)}`, []);
        threadId = anchor.postConversationId ?? `${channelId};messageid=${anchor.messageId}`;
        rootMessageId = anchor.messageId;
      }
      if (!mentionBot) {
        return { conversationId: threadId, messageId: rootMessageId, deliveredToBot: false, turn: noTurn('no @mention of the bot in a channel') };
      }
      return sendCustom(threadId, user, { ...messageProps(threadId, fullText, mentioned), ...(rootMessageId ? { id: rootMessageId } : {}) }, rootMessageId);
    },

    async sendPersonalMessage(from, text) {
      const user = resolveUser(from);
      if (user.id === CURRENT_USER.id) {
        const posted = await postAsCurrentUser(PERSONAL_CHAT_ID, text, []);
        return { conversationId: PERSONAL_CHAT_ID, messageId: posted.messageId, deliveredToBot: true, turn: currentUserTurn(PERSONAL_CHAT_ID, text, posted.mark) };
      }
      const conversationId = await personalChatId(user);
      return sendCustom(conversationId, user, messageProps(conversationId, text, []));
    },

    async sendGroupChatMessage(from, text, options = {}) {
      const user = resolveUser(from);
      const mentionBot = options.mentionBot ?? true;
      const fullText = withBotMention(text, mentionBot);
      const mentioned = mentionList(fullText, mentionBot, options.mentions);
      if (user.id === CURRENT_USER.id) {
        const posted = await postAsCurrentUser(GROUP_CHAT.id, fullText, mentioned);
        return {
          conversationId: GROUP_CHAT.id,
          messageId: posted.messageId,
          deliveredToBot: mentionBot,
          turn: mentionBot ? currentUserTurn(GROUP_CHAT.id, fullText, posted.mark) : noTurn('no @mention of the bot in a group chat'),
        };
      }
      if (!mentionBot) return { conversationId: GROUP_CHAT.id, deliveredToBot: false, turn: noTurn('no @mention of the bot in a group chat') };
      return sendCustom(GROUP_CHAT.id, user, messageProps(GROUP_CHAT.id, fullText, mentioned));
    },

    async invokeCardAction(from, conversationId, action, replyToId) {
      const target = replyToId ?? latestCard(conversationId)?.messageId;
      if (target === undefined) throw new Error(`No card from the bot in ${conversationId} to act on\n${summary()}`);
      return invoke(resolveUser(from), conversationId, target, { action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} } });
    },

    async refreshCard(from, conversationId, replyToId) {
      const user = resolveUser(from);
      const message = replyToId === undefined ? latestCard(conversationId) : [...bot].reverse().find((a) => a.messageId === replyToId && a.cards.length > 0);
      if (message?.messageId === undefined) throw new Error(`No card from the bot in ${conversationId} to refresh\n${summary()}`);
      const card = message.cards[0];
      const refresh = card && isObject(card.refresh) ? card.refresh : undefined;
      const action = refresh && isObject(refresh.action) ? refresh.action : undefined;
      if (!refresh || !action || action.type !== 'Action.Execute') return null;
      if (Array.isArray(refresh.userIds) && !refresh.userIds.includes(user.id)) return null;
      const { type, verb, data, id } = action;
      return invoke(user, conversationId, message.messageId, { action: { type, ...(id === undefined ? {} : { id }), verb, data: data ?? {} }, trigger: 'automatic' });
    },

    async sendCustomActivity(conversationId, from, activity) {
      return sendCustom(conversationId, resolveUser(from), activity);
    },

    personalChatId,

    botActivities: () => bot,

    nextBotActivity(predicate = () => true, timeoutMs = 10_000) {
      return waitFor(
        () => {
          const hit = bot.find((a) => !consumed.has(a.seq) && predicate(a));
          if (hit) consumed.add(hit.seq);
          return hit;
        },
        timeoutMs,
        () => `a matching bot activity\n${summary()}`,
      );
    },

    async expectNoBotActivity(predicate, withinMs, sinceSeq = seq) {
      const hit = await waitFor(() => bot.find((a) => a.seq > sinceSeq && predicate(a)), withinMs, () => '').catch(() => undefined);
      if (hit) throw new Error(`Unexpected bot activity #${hit.seq}: ${hit.kind} in ${hit.conversationId}: ${JSON.stringify(hit.text ?? hit.cards)}`);
    },

    deliveredActivities: () => delivered,
    uiEvents: () => ui,
    playgroundNotes: () => notes,

    async config() {
      const result = await call('GET', '/_internal/v1/config');
      if (!isObject(result)) throw new Error('Unexpected config');
      return result;
    },

    output: readLog,

    async stop() {
      logSocket.terminate();
      uiSocket.terminate();
      await cleanUp();
      await proxy?.close();
    },
  };
  return client;
}

function messageParts(activity: JsonObject): Pick<BotActivity, 'text' | 'attachments' | 'cards'> {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments.filter(isObject).map((a): Attachment => ({ ...a, contentType: str(a.contentType) ?? '' })) : [];
  return {
    text: str(activity.text),
    attachments,
    cards: attachments.filter((a) => a.contentType === ADAPTIVE_CARD && isObject(a.content)).map((a) => a.content as JsonObject),
  };
}

function cardActionResult(result: unknown): CardActionResult {
  const body = isObject(result) ? result : {};
  const type = str(body.type) ?? '';
  return { type, value: body.value, card: type === ADAPTIVE_CARD && isObject(body.value) ? body.value : undefined };
}
