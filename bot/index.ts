// Wires the service: config -> store -> application -> Teams layer -> HTTP server.
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import type { AppDeps } from './app/context';
import { openStore } from './store/openStore';
import { createAdapter } from './teams/adapter';
import { SamarbejdsBot } from './teams/samarbejdsBot';
import { createServer } from './teams/server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const store = await openStore(config.store);
  const deps: AppDeps = { store, now: () => new Date(), newId: randomUUID };
  const adapter = createAdapter(config.credentials, log);
  const bot = new SamarbejdsBot({ adapter, botAppId: config.credentials?.appId ?? '', deps, log });
  const server = createServer({ adapter, bot, log, ready: () => store.ping() });

  server.listen(config.port, config.host, () => {
    log.info({ event: 'started', host: config.host, port: config.port, store: config.store.kind, authenticated: Boolean(config.credentials) });
  });

  const stop = (signal: string) => {
    log.info({ event: 'stopping', signal });
    server.close(() => {
      void store.close().finally(() => process.exit(0));
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
