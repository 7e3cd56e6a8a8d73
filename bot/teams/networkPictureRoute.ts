// `GET /network-map/<token>`: the network map's picture as a PNG, once, from the link on the `netværk`
// card (app/exportLinks.ts). The case is read when the link is opened, for the team member whose link it
// is, with the same access rules as the card (consent) and audited; the coordinator's opening records
// the map as used (app/networkMap.ts). Nothing is cached, nothing personal is logged.
import type { Server } from 'restify';
import { networkMapPng } from '../../cards/networkMapCards';
import type { AppDeps } from '../app/context';
import type { ExportLinks } from '../app/exportLinks';
import { readNetworkPicture } from '../app/networkMap';
import { DomainError } from '../domain/errors';
import { messagesFor } from '../i18n';
import type { Logger } from '../logger';

export function registerNetworkPictureRoute(server: Server, links: ExportLinks, deps: AppDeps, log: Logger): void {
  server.get('/network-map/:token', async (req, res) => {
    const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };
    const m = messagesFor(req.header('accept-language') ?? undefined);
    const refuse = (status: number, error: string, message: string) => {
      res.writeHead(status, { ...noStore, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error, message }));
    };
    const pending = await links.takeNetworkPicture(String(req.params?.token ?? ''));
    if (!pending) {
      log.info({ event: 'network.picture', outcome: 'noSuchLink' });
      refuse(404, 'linkExpired', m.cards.network.pictureExpired);
      return;
    }
    try {
      const { case: current } = await readNetworkPicture(deps, pending.actor, pending.caseId);
      const png = networkMapPng(m, current);
      log.info({ event: 'network.picture', outcome: 'ok' });
      res.writeHead(200, { ...noStore, 'Content-Type': 'image/png', 'Content-Disposition': `inline; filename="${current.reference}-netvaerkskort.png"` });
      res.end(png);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ event: 'network.picture', outcome: error.code });
      refuse(403, error.code, m.errors[error.code](error.details));
    }
  });
}
