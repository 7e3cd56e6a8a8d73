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
import { connectorRequestsFor, createOutboxSender } from './teams/outboxSender';
import { OutboxDispatcher, TEAMS_DISPATCH } from './reminders/dispatcher';
import { tellCoordinator } from './reminders/failureNotice';
import { SendPacer, realPacingClock } from './reminders/pacing';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const store = await openStore(config.store);
  const now = config.clockFile ? fileClock(config.clockFile) : systemClock();
  const deps: AppDeps = { store, now, newId: randomUUID, reminders: new ReminderPlanner(new WorkingDays(), config.reminders) };
  const adapter = createAdapter(config.credentials, log);
  const bot = new SamarbejdsBot({ adapter, botAppId: config.credentials?.appId ?? '', deps, log });
  const server = createServer({ adapter, bot, log, ready: () => store.ping() });
  // Sends within Teams' rate limits, on its own timer (never inside a turn); one pacer, so one
  // "throttled until" per tenant, for the whole process.
  const dispatcher = new OutboxDispatcher({
    store,
    now: deps.now,
    owner: randomUUID(),
    send: createOutboxSender({ adapter, botAppId: config.credentials?.appId ?? '', deps, log }),
    ...TEAMS_DISPATCH,
    pacer: new SendPacer({ clock: realPacingClock }),
    requestsFor: connectorRequestsFor(store),
    onGivenUp: tellCoordinator(store, deps.now),
    log,
  });

  server.listen(config.port, config.host, () => {
    log.info({ event: 'started', host: config.host, port: config.port, store: config.store.kind, authenticated: Boolean(config.credentials) });
    if (config.outboxIntervalMs > 0) dispatcher.start(config.outboxIntervalMs);
  });

  const stop = (signal: string) => {
    log.info({ event: 'stopping', signal });
    server.close(() => {
      // A batch being sent finishes and is settled first, so nothing is sent twice after a restart.
      void dispatcher
        .stop()
        .then(() => store.close())
        .finally(() => process.exit(0));
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
