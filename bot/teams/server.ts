// The HTTP server: the Bot Framework endpoint and the health probes.
import * as restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../logger';
import { guardActivity } from './activityGuard';
import type { TeamsAdapter } from './adapter';

/** Teams' own limit for a message is about 100 KB; anything larger is not from Teams. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerParts {
  adapter: TeamsAdapter;
  bot: ActivityHandler;
  log: Logger;
  /** Resolves when the store answers; rejects when it does not. */
  ready: () => Promise<void>;
}

/** What an answer may say: never botbuilder's own error text, which can quote internals. */
const ANSWERS = {
  401: { error: 'unauthorized', message: 'A valid Bot Framework bearer token is required.' },
  503: { error: 'authenticationUnavailable', message: 'The token could not be checked now. Try again later.' },
  500: { error: 'internal', message: 'The activity could not be processed.' },
  invalidActivity: { status: 400, error: 'invalidActivity', message: 'The request is not a valid Bot Framework activity.' },
  tenantMismatch: { status: 403, error: 'tenantMismatch', message: 'The activity names two different tenants.' },
} as const;

export function createServer({ adapter, bot, log, ready }: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'samarbejdsbot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  // With credentials configured the token is checked first: nothing about the body is said to a caller
  // without a valid one. Without credentials (local use and tests) every request passes this check.
  server.post('/api/messages', async (req, res) => {
    const authentication = await adapter.authenticate(req.body, req.header('authorization') ?? '');
    if (!authentication.ok) {
      const event = authentication.status === 401 ? 'activity.unauthenticated' : 'activity.authenticationFailed';
      log.warn({ event, errorName: authentication.errorName });
      res.send(authentication.status, ANSWERS[authentication.status]);
      return;
    }
    const guard = guardActivity(req.body);
    if (!guard.ok) {
      const { status, ...answer } = ANSWERS[guard.error];
      log.warn({ event: 'activity.rejected', reason: guard.error, problems: guard.problems.length });
      res.send(status, { ...answer, problems: guard.problems });
      return;
    }
    try {
      const invokeResponse = await authentication.run(req.body as object, (context) => bot.run(context));
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      log.error({ event: 'activity.failed', errorName: (error as Error).name });
      res.send(500, ANSWERS[500]);
    }
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
