// Every setting, read from the environment once and validated, with messages an operator can act on.
import { z } from 'zod';
import type { ReadinessIndicatorSet } from './domain/readinessIndicators';
import { loadReadinessIndicators } from './readinessIndicators';
import { DEFAULT_RETENTION_DAYS } from './app/rights';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './domain/reminders';

const optional = z.string().trim().min(1).optional();
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** What the bot does through Microsoft Graph, each behind its own application permission (README, "Microsoft Graph"). */
const GRAPH_FEATURES = ['calendar', 'install', 'activity'] as const;
type GraphFeature = (typeof GRAPH_FEATURES)[number];
const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com/v1.0';

const environment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /** Loopback unless the host says otherwise (App Service sets 0.0.0.0 through infra/). */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Any case: `Production` is production too. */
  NODE_ENV: z.string().trim().toLowerCase().optional(),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppTenantId: optional,
  /** botbuilder compares the type case-insensitively (its own spelling is `UserAssignedMsi`); so do we. */
  MicrosoftAppType: z
    .string()
    .trim()
    .transform((value) => APP_TYPES.find((type) => type.toLowerCase() === value.toLowerCase()) ?? value)
    .pipe(z.enum(APP_TYPES, { message: `must be one of ${['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].join(', ')}` }))
    .optional(),
  COSMOS_ENDPOINT: z.string().trim().url().optional(),
  COSMOS_KEY: optional,
  COSMOS_DATABASE: z.string().trim().min(1).default('samarbejdsbot'),
  /** How often the outbox is checked for messages to send; 0 stops sending (for operations and tests). */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** Tests only: a file holding the current time (ISO 8601). */
  CLOCK_FILE: optional,
  /** The municipality's readiness (BIP) indicator set, JSON as bot/readinessIndicators.json; absent: that default. */
  READINESS_INDICATORS_FILE: optional,
  REMINDER_SEND_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default(DEFAULT_REMINDER_SETTINGS.sendAt),
  REMINDER_WORKING_DAYS_BEFORE: z.coerce.number().int().min(0).max(20).default(DEFAULT_REMINDER_SETTINGS.workingDaysBefore),
  REMINDER_NEXT_MEETING_LEAD_DAYS: z.coerce.number().int().min(1).max(120).default(DEFAULT_REMINDER_SETTINGS.nextMeetingLeadDays),
  REMINDER_NO_MEETING_AFTER_MONTHS: z.coerce.number().int().min(1).max(12).default(DEFAULT_REMINDER_SETTINGS.noMeetingAfterMonths),
  REMINDER_TRANSITION_LEAD_MONTHS: z.coerce.number().int().min(1).max(12).default(DEFAULT_REMINDER_SETTINGS.transitionLeadMonths),
  /** Days a closed case is kept before it is erased (app/rights.ts says why five years by default). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(DEFAULT_RETENTION_DAYS),
  /** How often closed cases past their retention are looked for; 0 stops it (for operations and tests). */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(0).default(60 * 60_000),
  /** How often leaders' reports of the half-year just ended are frozen (bot/store/README.md, "Leaders' figures"); 0 stops it. */
  STATISTICS_FREEZE_INTERVAL_MS: z.coerce.number().int().min(0).default(24 * 3_600_000),
  /** How often the Monday radar's messages are written ahead of their send time (app/radar.ts); 0 stops it. */
  RADAR_INTERVAL_MS: z.coerce.number().int().min(0).default(60 * 60_000),
  /**
   * Where Teams is reached for a message no one's activity caused (the Monday radar, a write from the meeting
   * side panel's tab, which comes with no Teams activity): the global endpoint
   * Microsoft documents for proactive messages by default; tests point it at their own connector.
   */
  TEAMS_SERVICE_URL: z.string().trim().url().default('https://smba.trafficmanager.net/teams/'),
  /** Where a user's browser reaches the bot, for the export link; App Service's own host name otherwise. */
  EXPORT_BASE_URL: z.string().trim().url().optional(),
  /** Set by Azure App Service: the app's host name. */
  WEBSITE_HOSTNAME: optional,
  /** The Entra app (client) id the tab's single sign-on tokens are issued for; the bot's app registration by default. */
  TAB_CLIENT_ID: optional,
  /** The tab's Application ID URI (the manifest's webApplicationInfo.resource); api://<public host>/<client id> by default. */
  TAB_APP_ID_URI: optional,
  /**
   * The municipalities' administrators of the bot, each as `<tenant id>:<Entra object id>` (comma-separated):
   * they alone set up units and leaders and move cases between units, in their own tenant only
   * (app/organisation.ts says why a list here and not an app role or group). A bare object id means the
   * bot's own tenant (MicrosoftAppTenantId), so it is accepted only for a single-tenant bot.
   */
  ADMIN_AAD_OBJECT_IDS: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== ''))
    .pipe(z.array(z.string().regex(new RegExp(`^(${GUID}:)?${GUID}$`), 'each must be <tenant id>:<Entra object id> (two GUIDs), or an object id alone for a single-tenant bot')))
    .default([]),
  /** The Teams app's id (the manifest's `id`, known once it is packaged): for links to the tab; unset: none are given. */
  TEAMS_APP_ID: z.string().trim().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be the Teams app id (a GUID)').optional(),
  /** Where Entra's signing keys are published; tests point it at a local stub. */
  TAB_JWKS_URL: z.string().trim().url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /** Microsoft Graph (calendar events, app installation): off unless `true`; README, "Microsoft Graph". */
  GRAPH_ENABLED: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  /** Graph's address; tests point it at a local stub. */
  GRAPH_BASE_URL: z.string().trim().url().default(GRAPH_DEFAULT_BASE_URL),
  /** Which Graph features are on (each needs its own permission): comma-separated, all by default. */
  GRAPH_FEATURES: z
    .string()
    .trim()
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.enum(GRAPH_FEATURES, { message: `each must be one of ${GRAPH_FEATURES.join(', ')}` })))
    .optional(),
  /** The Teams app's id in the tenant's app catalog, which Graph installs it by (feature `install`). */
  GRAPH_TEAMS_CATALOG_APP_ID: z.string().trim().regex(new RegExp(`^${GUID}$`, 'i'), "must be the app's id in the Teams app catalog (a GUID)").optional(),
});

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  /** Absent only for local use and tests: then the endpoint accepts unauthenticated requests. */
  credentials?: BotCredentials;
  store: { kind: 'sqlite'; file: string } | { kind: 'cosmos'; endpoint: string; databaseId: string; key?: string };
  outboxIntervalMs: number;
  clockFile?: string;
  reminders: ReminderSettings;
  /** The readiness (BIP) indicators and scales the municipality uses (bot/readinessIndicators.ts). */
  readinessIndicators: ReadinessIndicatorSet;
  /** Closed cases are erased `days` after closing, looked for every `intervalMs` (0: never). */
  retention: { days: number; intervalMs: number };
  /** Leaders' reports of the latest ended half-year are frozen every `ms` (0: never, and the first read freezes them). */
  statisticsFreezeIntervalMs: number;
  /** The Monday radar is written every `intervalMs` (0: never). */
  radar: { intervalMs: number };
  /** Where Teams is reached for what no one's activity caused (TEAMS_SERVICE_URL): the radar, the side panel's writes. */
  teamsServiceUrl: string;
  /** The export link's base (HTTPS, or loopback for local use); absent: no export links are given. */
  exportBaseUrl?: string;
  /** The tab's single sign-on; absent (no client id): the tab says it is not set up and shows nothing. */
  tab?: TabSettings;
  /** The Teams app's id, for deep links to the tab; absent: cards give none. */
  teamsAppId?: string;
  /** The administrators who set up units and leaders, as `<tenant id>:<object id>` (lower case); none: nobody can. */
  administrators: string[];
  /** Microsoft Graph, when GRAPH_ENABLED is true: where, and which features; absent: the bot never calls Graph. */
  graph?: GraphSettings;
}

interface GraphSettings {
  baseUrl: string;
  features: ReadonlySet<GraphFeature>;
  /** Set when `install` is on. */
  teamsCatalogAppId?: string;
}

export interface TabSettings {
  clientId: string;
  /** The token's audience may be this or the client id (Entra issues either). */
  applicationIdUri: string;
  jwksUrl: string;
  /** The only tenants whose users the tab serves (a single-tenant bot's own); absent: any tenant. */
  allowedTenantIds?: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty value is not set: Bot Framework and Agents Toolkit `.env` files carry `MicrosoftAppId=`.
  const parsed = environment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid settings:\n  ${problems.join('\n  ')}`);
  }
  const settings = parsed.data;
  const problems = [...credentialProblems(settings), ...storeProblems(settings), ...administratorProblems(settings), ...graphProblems(settings)];
  if (settings.NODE_ENV === 'production' && settings.CLOCK_FILE) problems.push('CLOCK_FILE sets the time for tests and is refused in production.');
  const indicators = readinessIndicatorsOf(settings.READINESS_INDICATORS_FILE);
  if ('problem' in indicators) problems.push(indicators.problem);
  if (problems.length > 0 || 'problem' in indicators) throw new ConfigError(`Invalid settings:\n  ${problems.join('\n  ')}`);
  return {
    readinessIndicators: indicators.set,
    port: settings.PORT,
    host: settings.HOST,
    logLevel: settings.LOG_LEVEL,
    outboxIntervalMs: settings.OUTBOX_INTERVAL_MS,
    ...(settings.CLOCK_FILE ? { clockFile: settings.CLOCK_FILE } : {}),
    reminders: {
      sendAt: settings.REMINDER_SEND_AT,
      workingDaysBefore: settings.REMINDER_WORKING_DAYS_BEFORE,
      nextMeetingLeadDays: settings.REMINDER_NEXT_MEETING_LEAD_DAYS,
      noMeetingAfterMonths: settings.REMINDER_NO_MEETING_AFTER_MONTHS,
      transitionLeadMonths: settings.REMINDER_TRANSITION_LEAD_MONTHS,
    },
    credentials: settings.MicrosoftAppId
      ? {
          appId: settings.MicrosoftAppId,
          appPassword: settings.MicrosoftAppPassword,
          tenantId: settings.MicrosoftAppTenantId,
          appType: settings.MicrosoftAppType ?? 'SingleTenant',
        }
      : undefined,
    store: settings.COSMOS_ENDPOINT
      ? { kind: 'cosmos', endpoint: settings.COSMOS_ENDPOINT, databaseId: settings.COSMOS_DATABASE, key: settings.COSMOS_KEY }
      : { kind: 'sqlite', file: `${settings.DATA_DIR.replace(/\/$/, '')}/samarbejdsbot.sqlite` },
    retention: { days: settings.RETENTION_DAYS, intervalMs: settings.RETENTION_INTERVAL_MS },
    statisticsFreezeIntervalMs: settings.STATISTICS_FREEZE_INTERVAL_MS,
    radar: { intervalMs: settings.RADAR_INTERVAL_MS },
    teamsServiceUrl: settings.TEAMS_SERVICE_URL,
    administrators: administratorKeys(settings),
    ...exportBase(settings),
    ...tabSettings(settings),
    ...(settings.TEAMS_APP_ID ? { teamsAppId: settings.TEAMS_APP_ID } : {}),
    ...(settings.GRAPH_ENABLED === 'true' ? { graph: graphSettings(settings) } : {}),
  };
}

/**
 * Teams takes an activity feed notification only from the app whose Entra id is the manifest's
 * webApplicationInfo.id, the tab's client id: the bot must be that app (one registration, not a managed identity).
 */
const botIsTabApp = (settings: Settings) => settings.MicrosoftAppType !== 'UserAssignedMSI' && (!settings.TAB_CLIENT_ID || settings.TAB_CLIENT_ID === settings.MicrosoftAppId);

/** Every feature by default, installation only when the app's catalog id is known, the activity feed only when the bot is the tab's app. */
function graphSettings(settings: Settings): GraphSettings {
  const catalogAppId = settings.GRAPH_TEAMS_CATALOG_APP_ID?.toLowerCase();
  const possible = (feature: GraphFeature) => (feature === 'install' ? Boolean(catalogAppId) : feature === 'activity' ? botIsTabApp(settings) : true);
  const features = new Set(settings.GRAPH_FEATURES ?? GRAPH_FEATURES.filter(possible));
  return {
    baseUrl: settings.GRAPH_BASE_URL.replace(/\/$/, ''),
    features,
    ...(features.has('install') && catalogAppId ? { teamsCatalogAppId: catalogAppId } : {}),
  };
}

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * Graph is called with the bot's own identity, over HTTPS; only a local stub on loopback (tests) is
 * called without credentials. Its settings without GRAPH_ENABLED would be silently ignored: refused.
 */
function graphProblems(settings: Settings): string[] {
  const given = { GRAPH_BASE_URL: settings.GRAPH_BASE_URL !== GRAPH_DEFAULT_BASE_URL, GRAPH_FEATURES: settings.GRAPH_FEATURES !== undefined, GRAPH_TEAMS_CATALOG_APP_ID: settings.GRAPH_TEAMS_CATALOG_APP_ID !== undefined };
  if (settings.GRAPH_ENABLED !== 'true') {
    return Object.entries(given)
      .filter(([, set]) => set)
      .map(([name]) => `${name} is set, but GRAPH_ENABLED is not true: set GRAPH_ENABLED=true to use Microsoft Graph, or remove ${name}.`);
  }
  const problems: string[] = [];
  if (settings.GRAPH_FEATURES?.includes('install') && !settings.GRAPH_TEAMS_CATALOG_APP_ID) {
    problems.push("GRAPH_FEATURES names install, but GRAPH_TEAMS_CATALOG_APP_ID is not set: give the app's id in the tenant's Teams app catalog (Teams admin center, Manage apps).");
  }
  if (settings.GRAPH_FEATURES?.includes('activity') && !botIsTabApp(settings)) {
    problems.push(
      "GRAPH_FEATURES names activity, but Teams takes activity feed notifications only from the app the manifest's webApplicationInfo names (TAB_CLIENT_ID): use the bot's own app registration for the tab (TAB_CLIENT_ID unset or equal to MicrosoftAppId, not a managed identity), or leave activity out.",
    );
  }
  if (settings.GRAPH_FEATURES?.length === 0) problems.push(`GRAPH_FEATURES is empty: name at least one of ${GRAPH_FEATURES.join(', ')}, or set GRAPH_ENABLED=false.`);
  const url = new URL(settings.GRAPH_BASE_URL);
  if (isLoopback(url)) return problems;
  if (url.protocol !== 'https:') problems.push('GRAPH_BASE_URL must be an HTTPS address (or a local stub on loopback).');
  if (!settings.MicrosoftAppId) problems.push("GRAPH_ENABLED is true, but MicrosoftAppId is not set: Graph is called with the bot's own identity (its managed identity or client secret).");
  return problems;
}

/**
 * The tab trusts Entra tokens for its client id, from the tenants the bot itself serves: a single-tenant
 * (or managed-identity) bot only its own tenant. Its Application ID URI names the public host.
 */
function tabSettings(settings: Settings): { tab?: TabSettings } {
  // A managed identity cannot be signed in to: the tab then needs its own app registration.
  const clientId = settings.TAB_CLIENT_ID ?? (settings.MicrosoftAppType === 'UserAssignedMSI' ? undefined : settings.MicrosoftAppId);
  if (!clientId) return {};
  const publicHost = new URL(settings.EXPORT_BASE_URL ?? (settings.WEBSITE_HOSTNAME ? `https://${settings.WEBSITE_HOSTNAME}` : `http://${settings.HOST}:${settings.PORT}`)).host;
  const ownTenant = (settings.MicrosoftAppType ?? 'SingleTenant') !== 'MultiTenant' ? settings.MicrosoftAppTenantId : undefined;
  return {
    tab: {
      clientId,
      applicationIdUri: settings.TAB_APP_ID_URI ?? `api://${publicHost}/${clientId}`,
      jwksUrl: settings.TAB_JWKS_URL,
      ...(ownTenant ? { allowedTenantIds: [ownTenant] } : {}),
    },
  };
}

/**
 * The export link carries personal data's key: it goes over HTTPS, or stays on this machine
 * (loopback, for local use). Any other base gives no links rather than an insecure one.
 */
function exportBase(settings: Settings): { exportBaseUrl?: string } {
  const base =
    settings.EXPORT_BASE_URL ??
    (settings.WEBSITE_HOSTNAME ? `https://${settings.WEBSITE_HOSTNAME}` : `http://${settings.HOST}:${settings.PORT}`);
  const url = new URL(base);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback) ? { exportBaseUrl: base.replace(/\/$/, '') } : {};
}

type Settings = z.infer<typeof environment>;

/** The indicator set, or why the file cannot be used (the bot does not start with a wrong one). */
function readinessIndicatorsOf(file: string | undefined): { set: ReadinessIndicatorSet } | { problem: string } {
  try {
    return { set: loadReadinessIndicators(file) };
  } catch (error) {
    return { problem: `READINESS_INDICATORS_FILE: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * In production (an app id is set, or NODE_ENV is production) the Bot Framework credentials must be
 * complete for the app type, as botbuilder's ConfigurationServiceClientCredentialFactory needs them:
 * - SingleTenant (the default): MicrosoftAppId, MicrosoftAppTenantId and MicrosoftAppPassword;
 * - UserAssignedMSI: MicrosoftAppId (the identity's client id) and MicrosoftAppTenantId, no password;
 * - MultiTenant: MicrosoftAppId and MicrosoftAppPassword.
 * Without them the adapter would accept unauthenticated requests or fail at the first reply.
 */
function credentialProblems(settings: Settings): string[] {
  const production = settings.NODE_ENV === 'production' || Boolean(settings.MicrosoftAppId);
  if (!production) return [];
  const appType = settings.MicrosoftAppType ?? 'SingleTenant';
  const why = settings.MicrosoftAppId ? `MicrosoftAppType is ${appType}` : 'NODE_ENV is production';
  const missing = (name: string, what: string) => `${name} is not set: ${what} (${why}); the bot will not run unauthenticated.`;
  const problems: string[] = [];
  if (!settings.MicrosoftAppId) {
    problems.push(missing('MicrosoftAppId', appType === 'UserAssignedMSI' ? "the client id of the bot's user-assigned managed identity is required" : "the Azure Bot's app id is required"));
  }
  if (appType !== 'MultiTenant' && !settings.MicrosoftAppTenantId) {
    problems.push(missing('MicrosoftAppTenantId', `the tenant id is required for ${appType}`));
  }
  if (appType === 'UserAssignedMSI' && settings.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword is set, but MicrosoftAppType is UserAssignedMSI: a managed identity has no password; remove the setting.');
  }
  if (appType !== 'UserAssignedMSI' && !settings.MicrosoftAppPassword) {
    problems.push(
      missing('MicrosoftAppPassword', `the client secret is required for ${appType} (a Key Vault reference in App Service), or use MicrosoftAppType=UserAssignedMSI`),
    );
  }
  return problems;
}

/** The bot's own tenant, for a bare administrator object id: known only for a single-tenant (or managed-identity) bot. */
const ownTenantOf = (settings: Settings): string | undefined =>
  (settings.MicrosoftAppType ?? 'SingleTenant') !== 'MultiTenant' ? settings.MicrosoftAppTenantId?.toLowerCase() : undefined;

const isBareObjectId = (entry: string) => !entry.includes(':');

function administratorProblems(settings: Settings): string[] {
  if (ownTenantOf(settings) || !settings.ADMIN_AAD_OBJECT_IDS.some(isBareObjectId)) return [];
  return ['ADMIN_AAD_OBJECT_IDS names an object id without its tenant: write each as <tenant id>:<object id> (a bare object id is only for a single-tenant bot with MicrosoftAppTenantId set).'];
}

/** `<tenant id>:<object id>`, the form requireAdministrator (domain/access.ts) looks administrators up by. */
function administratorKeys(settings: Settings): string[] {
  const ownTenant = ownTenantOf(settings);
  return settings.ADMIN_AAD_OBJECT_IDS.map((entry) => (isBareObjectId(entry) ? `${ownTenant}:${entry}` : entry));
}

/** Cosmos DB: through Microsoft Entra ID (managed identity) when no key is set, else the key (from Key Vault). */
function storeProblems(settings: Settings): string[] {
  if (settings.COSMOS_KEY && !settings.COSMOS_ENDPOINT) return ['COSMOS_KEY is set without COSMOS_ENDPOINT: set the Cosmos DB account endpoint too, or remove the key.'];
  return [];
}
