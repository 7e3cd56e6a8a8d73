// The HTTP server: the Bot Framework endpoint and the health probes.
import * as restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../logger';
import { guardActivity } from './activityGuard';

/** Teams' own limit for a message is about 100 KB; anything larger is not from Teams. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerParts {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  /** Resolves when the store answers; rejects when it does not. */
  ready: () => Promise<void>;
  /**
   * Credentials are configured: a request without a bearer token gets 401 before its body is looked at
   * (botbuilder validates the token itself, but only after the activity guard has answered 400 to a
   * malformed body).
   */
  requireToken?: boolean;
}

export function createServer({ adapter, bot, log, ready, requireToken = false }: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'samarbejdsbot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    if (requireToken && !/^Bearer \S+$/i.test(req.header('authorization') ?? '')) {
      log.warn({ event: 'activity.unauthenticated' });
      res.send(401, { error: 'unauthorized', message: 'A Bot Framework bearer token is required.' });
      return;
    }
    const guard = guardActivity(req.body);
    if (!guard.ok) {
      log.warn({ event: 'activity.rejected', problems: guard.problems.length });
      res.send(400, { error: 'invalidActivity', message: 'The request is not a valid Bot Framework activity.', problems: guard.problems });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'alive' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await ready();
      res.send(200, { status: 'ready' });
    } catch {
      res.send(503, { status: 'store unreachable' });
    }
  });

  return server;
}
