// `GET /export/<token>`: the export of a case as a JSON file, once, for the coordinator whose link it is
// (the link: app/exportLinks.ts).
import type { Server } from 'restify';
import type { AppDeps } from '../app/context';
import type { ExportLinks } from '../app/exportLinks';
import { exportCase } from '../app/rights';
import { DomainError } from '../domain/errors';
import type { Logger } from '../logger';

/** Serves the export as a JSON file download; nothing is cached, nothing personal is logged. */
export function registerExportRoute(server: Server, links: ExportLinks, deps: AppDeps, log: Logger): void {
  server.get('/export/:token', async (req, res) => {
    const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };
    const pending = await links.take(String(req.params?.token ?? ''));
    if (!pending) {
      log.info({ event: 'case.export', outcome: 'noSuchLink' });
      res.writeHead(404, { ...noStore, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'linkExpired', message: 'The link has expired or was used already. Write "eksport" to the bot again.' }));
      return;
    }
    try {
      const exported = await exportCase(deps, pending.actor, pending.caseId);
      log.info({ event: 'case.export', outcome: 'ok' });
      res.writeHead(200, {
        ...noStore,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${exported.case.reference}.json"`,
      });
      res.end(JSON.stringify(exported, null, 2));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ event: 'case.export', outcome: error.code });
      res.writeHead(403, { ...noStore, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: error.code }));
    }
  });
}
