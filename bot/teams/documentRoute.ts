// `GET /documents/<token>`: one PDF document of a closed meeting (the case file's minutes or the young
// person's copy), once, from a link `dokumenter` gave (app/exportLinks.ts). Read when the link is opened,
// for the coordinator whose link it is, and audited then. In Danish: the case file is kept in Danish and
// the copy is for a young person in a Danish municipality. Nothing is cached, nothing personal is logged.
import type { Server } from 'restify';
import { minutesPdf } from '../../documents/minutesDocument';
import { youngPersonCopyPdf } from '../../documents/youngPersonCopy';
import type { AppDeps } from '../app/context';
import type { ExportLinks } from '../app/exportLinks';
import { readMeetingDocuments } from '../app/meetingDocuments';
import { DomainError, isAccessRefusal } from '../domain/errors';
import { meetingNumber } from '../domain/meeting';
import { messagesFor } from '../i18n';
import type { Logger } from '../logger';

export function registerDocumentRoute(server: Server, links: ExportLinks, deps: AppDeps, log: Logger): void {
  server.get('/documents/:token', async (req, res) => {
    const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };
    const m = messagesFor('da');
    const refuse = (status: number, error: string, message: string) => {
      res.writeHead(status, { ...noStore, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error, message }));
    };
    const pending = await links.takeDocument(String(req.params?.token ?? ''));
    if (!pending) {
      log.info({ event: 'meeting.documents', outcome: 'noSuchLink' });
      refuse(404, 'linkExpired', m.documents.expired);
      return;
    }
    const { caseId, meetingId, document } = pending.subject;
    try {
      const { case: current, meeting } = await readMeetingDocuments(deps, pending.actor, caseId, meetingId);
      const pdf = document === 'caseFile' ? await minutesPdf(m, current, meeting, meeting.closure, deps.now()) : await youngPersonCopyPdf(m, current, meeting, meeting.closure);
      const name = `${current.reference}-moede-${meetingNumber(meeting) ?? ''}-${document === 'caseFile' ? 'referat' : 'den-unges-kopi'}.pdf`;
      log.info({ event: 'meeting.documents', document, outcome: 'ok' });
      res.writeHead(200, { ...noStore, 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${name}"` });
      res.end(pdf);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ event: 'meeting.documents', document, outcome: error.code });
      refuse(isAccessRefusal(error) ? 403 : 404, error.code, m.errors[error.code](error.details));
    }
  });
}
