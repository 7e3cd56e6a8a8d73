// `GET /statistics/<token>`: a leader's half-yearly status of a unit as a CSV file, once, from the link
// on their `statistik` card (app/exportLinks.ts). The figures are read when the link is opened, for
// the leader whose link it is: one who lost the role in between gets nothing (and it is audited).
import type { Server } from 'restify';
import type { AppDeps } from '../app/context';
import type { ExportLinks } from '../app/exportLinks';
import { readLeaderReport } from '../app/statistics';
import { DomainError } from '../domain/errors';
import { messagesFor } from '../i18n';
import type { Logger } from '../logger';
import { statisticsCsv, statisticsFileName } from '../tab/statisticsCsv';

export function registerStatisticsRoute(server: Server, links: ExportLinks, deps: AppDeps, log: Logger): void {
  server.get('/statistics/:token', async (req, res) => {
    const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };
    const m = messagesFor(req.header('accept-language') ?? undefined);
    const pending = await links.takeStatistics(String(req.params?.token ?? ''));
    if (!pending) {
      log.info({ event: 'statistics.csv', outcome: 'noSuchLink' });
      res.writeHead(404, { ...noStore, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'linkExpired', message: m.statistics.linkExpired }));
      return;
    }
    try {
      const { unit, report } = await readLeaderReport(deps, pending.actor, pending.subject);
      log.info({ event: 'statistics.csv', outcome: 'ok' });
      res.writeHead(200, { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${statisticsFileName(report)}"` });
      res.end(statisticsCsv(m, unit.name, report));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ event: 'statistics.csv', outcome: error.code });
      res.writeHead(403, { ...noStore, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: error.code, message: m.errors[error.code](error.details) }));
    }
  });
}
