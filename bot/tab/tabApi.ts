// `GET /api/tab/cases`: the tab's data, for the person whose Teams single sign-on token comes with the
// request (tokenValidation.ts), read through the same use cases and access rules as the bot's cards
// (app/tabOverview.ts: every read and refusal of a case audited). Every refusal is JSON in the
// person's language; nothing personal is logged.
import type { Request, Server } from 'restify';
import { readTabOverview } from '../app/tabOverview';
import type { AppDeps } from '../app/context';
import { messagesFor } from '../i18n';
import type { Logger } from '../logger';
import type { TokenRefusal, TokenValidator } from './tokenValidation';
import { tabView } from './tabView';

const STATUS: Record<TokenRefusal, number> = {
  missingToken: 401,
  invalidToken: 401,
  expiredToken: 401,
  tenantNotAllowed: 403,
  keysUnavailable: 503,
};

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Type': 'application/json; charset=utf-8' };

/** Without `validate` (no client id set) the tab is not set up: it says so and shows nothing. */
export function registerTabApi(server: Server, deps: AppDeps, log: Logger, validate: TokenValidator | undefined): void {
  server.get('/api/tab/cases', async (req, res) => {
    const m = messagesFor(localeOf(req));
    const answer = (status: number, body: object) => {
      res.writeHead(status, NO_STORE);
      res.end(JSON.stringify(body));
    };
    if (!validate) {
      log.warn({ event: 'tab.refused', reason: 'notConfigured' });
      answer(503, { error: 'notConfigured', message: m.tab.refusals.notConfigured });
      return;
    }
    try {
      const identity = await validate(bearerToken(req));
      if (!identity.ok) {
        log.info({ event: 'tab.refused', reason: identity.refusal });
        answer(STATUS[identity.refusal], { error: identity.refusal, message: m.tab.refusals[identity.refusal] });
        return;
      }
      const view = tabView(await readTabOverview(deps, identity.actor), m, deps.now());
      log.info({ event: 'tab.read', coordinatorCases: view.coordinatorCases.length, memberCases: view.memberCases.length, withheldCases: view.withheldCases.length });
      answer(200, view);
    } catch (error) {
      log.error({ event: 'tab.failed', errorName: (error as Error).name });
      answer(500, { error: 'internal', message: m.tab.refusals.internal });
    }
  });
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

/** The page sends Teams' locale; a caller that does not gets Danish, unless its browser asks for English. */
function localeOf(req: Request): string | undefined {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('locale');
  return query ?? req.header('accept-language') ?? undefined;
}
