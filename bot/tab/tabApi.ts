// The tab's API, for the person whose Teams single sign-on token comes with the request
// (tokenValidation.ts), read through the same use cases and access rules as the bot's cards (every read
// and refusal of a case audited):
// - `GET /api/tab/cases`: my cases at a glance and my agreements (app/tabOverview.ts, tabView.ts);
// - `GET /api/tab/cases/:caseId`: one case's team, goals and agreements, meetings (caseDetailsView.ts);
// - `GET /api/tab/cases/:caseId/network-map`: its network map as a PNG, full size (app/networkMap.ts);
// - `POST /api/tab/statistics/link?…`: a one-time link to the same CSV (app/exportLinks.ts), which the page
//   opens in the browser: Teams' desktop app may refuse a download from inside a tab;
// - `GET /api/tab/statistics?period=2026H1&unit=<id>`: a leader's half-yearly status of a unit they lead
//   (app/statistics.ts), suppressed, as JSON (the figures as labelled sections and as charts, hidden
//   cells without a value); `GET /api/tab/statistics.csv?…` the same as a CSV file.
// - the meeting side panel's checklist and goals form, read and written: meetingPanelApi.ts.
// Every refusal is JSON in the person's language; nothing personal is logged.
import { readinessSetsOf } from '../domain/progress';
import { indicatorSetOf } from '../app/measures';
import type { Request, Response, Server } from 'restify';
import type { Actor, AppDeps } from '../app/context';
import { EXPORT_LINK_MINUTES, type ExportLinks } from '../app/exportLinks';
import { readCase } from '../app/readCase';
import { readNetworkPicture } from '../app/networkMap';
import { networkMapPng } from '../../cards/networkMapCards';
import { PERIOD_CHOICES, readLeaderReport } from '../app/statistics';
import { readTabOverview } from '../app/tabOverview';
import { endedPeriods } from '../domain/statistics/period';
import { chartInWords, reportCharts } from '../../cards/statisticsCharts';
import { periodName } from '../../cards/statisticsCards';
import { reportSections } from '../../cards/statisticsFigures';
import { statisticsCsv, statisticsFileName } from './statisticsCsv';
import { DomainError, domainErrorKind, isAccessRefusal } from '../domain/errors';
import { type Messages, messagesFor } from '../i18n';
import type { Logger } from '../logger';
import { caseDetails } from './caseDetailsView';
import { registerMeetingPanelApi } from './meetingPanelApi';
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

type Answer = (status: number, body: object) => void;

/** A route's handler for the token's actor, wrapped so that whatever goes wrong is refused in their language. */
export type Authenticated = (event: string, read: (actor: Actor, m: Messages, answer: Answer, req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => Promise<void>;

/** Who may not: 403; what is not there: 404; what was sent is wrong: 400; the case's state does not allow it: 409. */
function refusalStatus(error: DomainError): number {
  if (isAccessRefusal(error)) return 403;
  if (error.code.endsWith('NotFound')) return 404;
  return domainErrorKind(error) === 'validation' ? 400 : 409;
}

/**
 * Without `validate` (no client id set) the tab is not set up: it says so and shows nothing. Without
 * `links` (no export base URL) there are no one-time CSV links, only the download.
 */
export function registerTabApi(server: Server, deps: AppDeps, log: Logger, validate: TokenValidator | undefined, teamsServiceUrl: string, links?: ExportLinks): void {
  /** Runs `read` for the token's actor; refuses, in the caller's language, whatever goes wrong before or in it. */
  const authenticated: Authenticated = (event, read) => async (req, res) => {
    const m = messagesFor(localeOf(req));
    const answer: Answer = (status, body) => {
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
      await read(identity.actor, m, answer, req, res);
    } catch (error) {
      if (error instanceof DomainError) {
        log.info({ event, outcome: error.code });
        answer(refusalStatus(error), { error: error.code, message: m.errors[error.code](error.details) });
        return;
      }
      log.error({ event: 'tab.failed', errorName: (error as Error).name });
      answer(500, { error: 'internal', message: m.tab.refusals.internal });
    }
  };

  server.get(
    '/api/tab/cases',
    authenticated('tab.read', async (actor, m, answer) => {
      const view = tabView(await readTabOverview(deps, actor), m, deps.now());
      log.info({ event: 'tab.read', coordinatorCases: view.coordinatorCases.length, memberCases: view.memberCases.length, withheldCases: view.withheldCases.length });
      answer(200, view);
    }),
  );

  server.get(
    '/api/tab/cases/:caseId',
    authenticated('tab.case', async (actor, m, answer, req) => {
      const { case: current, viewer } = await readCase(deps, actor, String(req.params?.caseId ?? ''), 'tab');
      log.info({ event: 'tab.case', outcome: 'ok' });
      answer(200, caseDetails(current, viewer, m, deps.now(), readinessSetsOf(indicatorSetOf(deps))));
    }),
  );

  /** The network map as a picture, when the reader asks for it (the coordinator's look is recorded as the map used: app/networkMap.ts). */
  server.get(
    '/api/tab/cases/:caseId/network-map',
    authenticated('tab.networkMap', async (actor, m, _answer, req, res) => {
      const { case: current } = await readNetworkPicture(deps, actor, String(req.params?.caseId ?? ''));
      log.info({ event: 'tab.networkMap', outcome: 'ok' });
      res.writeHead(200, { ...NO_STORE, 'Content-Type': 'image/png' });
      res.end(networkMapPng(m, current));
    }),
  );

  server.get(
    '/api/tab/statistics',
    authenticated('tab.statistics', async (actor, m, answer, req) => {
      const { unit, units, report } = await readLeaderReport(deps, actor, statisticsQuery(req));
      log.info({ event: 'tab.statistics', outcome: 'ok' });
      const ended = endedPeriods(deps.now(), PERIOD_CHOICES);
      const { period } = report.window;
      answer(200, {
        unit,
        units,
        periods: ended.map((choice) => choice.id),
        periodNames: Object.fromEntries(ended.concat(period).map((choice) => [choice.id, periodName(m, choice)])),
        title: m.statistics.title(unit.name, periodName(m, period)),
        subtitle: m.statistics.periodDays(m.dates.long(period.firstDay), m.dates.long(period.lastDay)),
        report,
        sections: reportSections(m, report),
        charts: reportCharts(m, report).map((chart) => ({ ...chart, description: chartInWords(chart) })),
        note: m.statistics.suppressedNote,
        csvLink: links !== undefined,
      });
    }),
  );

  server.post(
    '/api/tab/statistics/link',
    authenticated('tab.statistics', async (actor, m, answer, req) => {
      if (!links) {
        answer(404, { error: 'noLinks', message: m.tab.leader.noCsvLink });
        return;
      }
      // Read first, as the card does: a person who may not read the figures gets no link (and it is audited).
      const { unit, report } = await readLeaderReport(deps, actor, statisticsQuery(req));
      const url = await links.createStatistics(actor, { unitId: unit.id, periodId: report.window.period.id });
      log.info({ event: 'tab.statistics', outcome: 'ok', format: 'link' });
      answer(200, { url, minutes: EXPORT_LINK_MINUTES });
    }),
  );

  server.get(
    '/api/tab/statistics.csv',
    authenticated('tab.statistics', async (actor, m, _answer, req, res) => {
      const { unit, report } = await readLeaderReport(deps, actor, statisticsQuery(req));
      log.info({ event: 'tab.statistics', outcome: 'ok', format: 'csv' });
      res.writeHead(200, { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${statisticsFileName(report)}"` });
      res.end(statisticsCsv(m, unit.name, report));
    }),
  );

  registerMeetingPanelApi(server, deps, log, authenticated, teamsServiceUrl);
}

/** The period and unit a leader asked for: none, the latest ended half-year and their first unit. */
function statisticsQuery(req: Request): { periodId?: string; unitId?: string } {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const periodId = query.get('period') ?? undefined;
  const unitId = query.get('unit') ?? undefined;
  return { ...(periodId ? { periodId } : {}), ...(unitId ? { unitId } : {}) };
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
