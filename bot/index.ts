// Wires the service: config -> store -> application -> Teams layer -> HTTP server -> outbox dispatcher.
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import type { AppDeps } from './app/context';
import { openStore } from './store/openStore';
import { fileClock, systemClock } from './clock';
import { ReminderPlanner } from './domain/reminders';
import { WorkingDays } from './domain/workingDays';
import { createAdapter } from './teams/adapter';
import { SamarbejdsBot } from './teams/samarbejdsBot';
import { createServer } from './teams/server';
import { createOutboxSender } from './teams/outboxSender';
import { installBeforeFirstMessage } from './teams/installBeforeFirstMessage';
import { createCalendarSender } from './teams/calendarSender';
import { GraphClient } from './teams/graph/graphClient';
import { graphCalendar } from './teams/graph/calendar';
import { graphAppInstallation } from './teams/graph/appInstallation';
import { graphActivityFeed } from './teams/graph/activityFeed';
import { graphTokens } from './teams/graph/tokens';
import { tellCoordinator } from './app/deliveryNotices';
import { OutboxDispatcher, TEAMS_DISPATCH } from './outbox/dispatcher';
import { SendPacer, connectorRequestsFor, wallPacingClock } from './outbox/pacing';
import { SharedTenantPacing } from './outbox/sharedPacing';
import { wakingOnDueMessages } from './outbox/wakeOnDue';
import { RetentionJob } from './retention/retentionJob';
import { FreezeReportsJob } from './statistics/freezeJob';
import { RadarJob } from './radar/radarJob';
import { ExportLinks } from './app/exportLinks';
import { registerExportRoute } from './teams/exportRoute';
import { registerStatisticsRoute } from './teams/statisticsRoute';
import { registerNetworkPictureRoute } from './teams/networkPictureRoute';
import { registerDocumentRoute } from './teams/documentRoute';
import { registerTabPage } from './tab/tabPage';
import { registerTabApi } from './tab/tabApi';
import { createTokenValidator } from './tab/tokenValidation';

/** How long turns in flight may take after SIGTERM before their connections are closed. */
const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const now = config.clockFile ? fileClock(config.clockFile) : systemClock();
  // A message due now wakes the dispatcher (declared below; no write happens before the server listens),
  // and an answer returns once the checklist's card shows it (outbox/wakeOnDue.ts).
  const store = wakingOnDueMessages(await openStore(config.store), now, (messageIds) => dispatcher.wake(messageIds));
  const calendarOn = config.graph?.features.has('calendar') ?? false;
  const deps: AppDeps = {
    store,
    now,
    newId: randomUUID,
    reminders: new ReminderPlanner(new WorkingDays(), config.reminders),
    readinessIndicators: config.readinessIndicators,
    ...(calendarOn ? { calendar: true } : {}),
  };
  // Microsoft Graph, only when configured: the one client, with the bot's own identity (README, "Microsoft Graph").
  const graph = config.graph && new GraphClient({ baseUrl: config.graph.baseUrl, tokens: graphTokens(config.credentials) });
  const adapter = createAdapter(config.credentials, log);
  // The export's short-lived links, kept in the store: any instance serves them (cards/README.md, "The young person's rights").
  const exportLinks = config.exportBaseUrl ? new ExportLinks(store, now, config.exportBaseUrl) : undefined;
  const rights = { exportLinks, retentionDays: config.retention.days };
  const bot = new SamarbejdsBot({ botAppId: config.credentials?.appId ?? '', deps, log, rights, administrators: new Set(config.administrators), ...(config.teamsAppId ? { teamsAppId: config.teamsAppId } : {}) });
  const server = createServer({ adapter, bot, log, ready: () => store.ping() });
  if (exportLinks) {
    registerExportRoute(server, exportLinks, deps, log);
    registerStatisticsRoute(server, exportLinks, deps, log);
    registerNetworkPictureRoute(server, exportLinks, deps, log);
    registerDocumentRoute(server, exportLinks, deps, log);
  }
  // The tab: its page, and its API behind Teams single sign-on (tokens are checked on the wall clock, as Entra issues them).
  registerTabPage(server);
  registerTabApi(server, deps, log, config.tab && createTokenValidator(config.tab, systemClock()), config.teamsServiceUrl, exportLinks);
  // Closed cases are erased once the retention period has run, in this process, on its own timer.
  const retention = new RetentionJob(deps, config.retention.days, log);
  // Leaders' reports of the half-year just ended are frozen soon after its end, on a timer of their own.
  const freezing = new FreezeReportsJob(deps, log);
  // Each coordinator's Monday radar, written ahead of its send time so it goes with that day's reminders.
  const radar = new RadarJob(deps, config.teamsServiceUrl, log);
  // Sends within Teams' rate limits, on its own timer or woken by a write (never inside a turn); one
  // pacer for the whole process, and the tenant's budget and "throttled until" shared with every other
  // instance through the store (on the wall clock, which the instances compare).
  const dispatcher = new OutboxDispatcher({
    store,
    now: deps.now,
    owner: randomUUID(),
    send: createOutboxSender({
      adapter,
      botAppId: config.credentials?.appId ?? '',
      deps,
      log,
      ...(graph && calendarOn ? { calendar: createCalendarSender(graphCalendar(graph), deps, log) } : {}),
      ...(graph && config.graph?.features.has('activity') ? { notifyActivity: graphActivityFeed(graph) } : {}),
    }),
    ...TEAMS_DISPATCH,
    pacer: new SendPacer({ clock: wallPacingClock, shared: new SharedTenantPacing({ store }) }),
    requestsFor: connectorRequestsFor(store),
    // Before a first 1:1 message, the app installed for the person through Graph, ahead of the pacer's wait.
    ...(graph && config.graph?.teamsCatalogAppId
      ? { prepare: installBeforeFirstMessage({ store, installApp: graphAppInstallation(graph, config.graph.teamsCatalogAppId, config.graph.baseUrl), log }) }
      : {}),
    onGivenUp: tellCoordinator(store, deps.now),
    log,
  });

  server.listen(config.port, config.host, () => {
    log.info({ event: 'started', host: config.host, port: config.port, store: config.store.kind, authenticated: Boolean(config.credentials), graph: config.graph ? [...config.graph.features] : false });
    if (config.outboxIntervalMs > 0) dispatcher.start(config.outboxIntervalMs);
    if (config.retention.intervalMs > 0) retention.start(config.retention.intervalMs);
    if (config.statisticsFreezeIntervalMs > 0) freezing.start(config.statisticsFreezeIntervalMs);
    if (config.radar.intervalMs > 0) radar.start(config.radar.intervalMs);
  });

  // Graceful shutdown (App Service sends SIGTERM, then SIGKILL after a grace period): stop accepting,
  // let the turns in flight finish (their replies are sent within the turn), stop the dispatcher (a
  // batch being sent finishes and is settled, so nothing is sent twice after a restart and no lease is
  // left held), close the store, exit 0.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'stopping', signal });
    const http = server.server;
    // Keep-alive connections that are idle (now, or once their turn is answered) are closed so they do not hold the server open.
    http.closeIdleConnections();
    const idle = setInterval(() => http.closeIdleConnections(), 100);
    const force = setTimeout(() => {
      log.warn({ event: 'stopping.forced', afterMs: SHUTDOWN_GRACE_MS });
      http.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      void Promise.all([dispatcher.stop(), retention.stop(), freezing.stop(), radar.stop()])
        .then(() => store.close())
        .then(
          () => {
            log.info({ event: 'stopped', signal });
            process.exit(0);
          },
          (error: unknown) => {
            log.error({ event: 'stopped', signal, errorName: (error as Error).name });
            process.exit(1);
          },
        );
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Start-up failed: ${(error as Error).name}: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
