// The export's short-lived link: `GET /export/<token>`. The token is 32 random bytes, valid for ten
// minutes, used once, and held in this process's memory only: a restart, or a request reaching
// another instance, answers 404 and the coordinator writes `eksport` again. The export is built
// (and audited) when the link is opened, for the coordinator who asked for it, so a coordinator
// who lost the role in between gets nothing. Choice and limits: cards/README.md.
import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import type { Actor, AppDeps } from '../app/context';
import { exportCase } from '../app/rights';
import { DomainError } from '../domain/errors';
import type { Logger } from '../logger';

export const EXPORT_LINK_MINUTES = 10;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface Pending {
  actor: Actor;
  caseId: string;
  expiresAt: number;
}

export class ExportLinks {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly now: () => Date,
    /** Where the bot is reached from the user's browser, e.g. `https://samarbejdsbot.azurewebsites.net`. */
    readonly baseUrl: string,
    private readonly validMs = EXPORT_LINK_MINUTES * 60_000,
  ) {}

  /** A new link for `actor` to `caseId`'s export; links that ran out are forgotten on the way. */
  create(actor: Actor, caseId: string): string {
    this.forgetExpired();
    const token = randomBytes(32).toString('base64url');
    this.pending.set(token, { actor, caseId, expiresAt: this.now().getTime() + this.validMs });
    return `${this.baseUrl.replace(/\/$/, '')}/export/${token}`;
  }

  /** The link's request, once: a second use, an unknown or a run-out token gives nothing. */
  take(token: string): Pending | undefined {
    if (!TOKEN.test(token)) return undefined;
    const found = this.pending.get(token);
    this.pending.delete(token);
    return found && found.expiresAt > this.now().getTime() ? found : undefined;
  }

  get size(): number {
    return this.pending.size;
  }

  private forgetExpired(): void {
    const now = this.now().getTime();
    for (const [token, { expiresAt }] of this.pending) if (expiresAt <= now) this.pending.delete(token);
  }
}

/** Serves the export as a JSON file download; nothing is cached, nothing personal is logged. */
export function registerExportRoute(server: Server, links: ExportLinks, deps: AppDeps, log: Logger): void {
  server.get('/export/:token', async (req, res) => {
    const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };
    const pending = links.take(String(req.params?.token ?? ''));
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
