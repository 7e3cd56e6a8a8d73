// The export's short-lived link: `GET /export/<token>`. The token is 32 random bytes, valid for ten
// minutes, used once. The store keeps the link under the token's SHA-256 (never the token), so any
// instance serves it and a restart keeps it; taking it from the store is atomic, so two instances
// cannot both serve one link. Links that ran out are deleted when a new one is made (and, on Cosmos
// DB, by the container's time to live). The export is built (and audited) when the link is opened,
// for the coordinator who asked for it, so a coordinator who lost the role in between gets nothing.
// Choice and limits: cards/README.md. The route that serves it: teams/exportRoute.ts.
// A leader's CSV of the half-yearly status (`statistik`) gets a link of the same kind at `/statistics/<token>`
// (teams/statisticsRoute.ts), its unit and period kept where a case's id is, behind `STATISTICS`: the
// figures are read, access checked and the read audited when it is opened, as for the export. The
// network map's picture (`netværk`) gets one at `/network-map/<token>` (teams/networkPictureRoute.ts),
// its case behind `NETWORK_PICTURE`. A closed meeting's PDF documents (`dokumenter`) get one each at
// `/documents/<token>` (teams/documentRoute.ts), case, meeting and document behind `DOCUMENT`.
import { createHash, randomBytes } from 'node:crypto';
import type { CaseStore } from '../store/port';
import type { ActorId } from './context';

export const EXPORT_LINK_MINUTES = 10;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** A statistics link's subject: never a case id (those are UUIDs). */
const STATISTICS = 'statistics|';
const NETWORK_PICTURE = 'network|';
const DOCUMENT = 'document|';
/** An export's subject is the case id alone; the other links' subjects carry their kind. */
const isExport = (subject: string) => ![STATISTICS, NETWORK_PICTURE, DOCUMENT].some((kind) => subject.startsWith(kind));

/** The PDF documents of a closed meeting: the case file's minutes, the young person's copy. */
const MEETING_DOCUMENTS = ['caseFile', 'youngPersonCopy'] as const;
export type MeetingDocument = (typeof MEETING_DOCUMENTS)[number];

export interface DocumentSubject {
  caseId: string;
  meetingId: string;
  document: MeetingDocument;
}

export interface StatisticsSubject {
  unitId: string;
  periodId: string;
}

export class ExportLinks {
  constructor(
    private readonly store: CaseStore,
    private readonly now: () => Date,
    /** Where the bot is reached from the user's browser, e.g. `https://samarbejdsbot.azurewebsites.net`. */
    readonly baseUrl: string,
    private readonly validMs = EXPORT_LINK_MINUTES * 60_000,
  ) {}

  /** A new link for `actor` to `caseId`'s export; links that ran out are deleted on the way. */
  async create(actor: ActorId, caseId: string): Promise<string> {
    return this.newLink(actor, caseId, 'export');
  }

  /** A new link for a leader to the CSV of a unit's half-yearly status. */
  async createStatistics(actor: ActorId, { unitId, periodId }: StatisticsSubject): Promise<string> {
    return this.newLink(actor, `${STATISTICS}${unitId}|${periodId}`, 'statistics');
  }

  /** A new link for a team member to the network map's picture of `caseId`. */
  async createNetworkPicture(actor: ActorId, caseId: string): Promise<string> {
    return this.newLink(actor, `${NETWORK_PICTURE}${caseId}`, 'network-map');
  }

  /** A new link for a coordinator to one PDF document of a closed meeting. */
  async createDocument(actor: ActorId, { caseId, meetingId, document }: DocumentSubject): Promise<string> {
    return this.newLink(actor, `${DOCUMENT}${caseId}|${meetingId}|${document}`, 'documents');
  }

  private async newLink(actor: ActorId, caseId: string, path: 'export' | 'statistics' | 'network-map' | 'documents'): Promise<string> {
    const now = this.now();
    await this.store.deleteExpiredExportLinks(now);
    const token = randomBytes(32).toString('base64url');
    await this.store.saveExportLink({
      tokenHash: hashOf(token),
      tenantId: actor.tenantId,
      caseId,
      actorAadObjectId: actor.aadObjectId,
      expiresAt: new Date(now.getTime() + this.validMs).toISOString(),
    });
    return `${this.baseUrl.replace(/\/$/, '')}/${path}/${token}`;
  }

  /** The link's request, once: a second use, an unknown or a run-out token gives nothing. */
  async take(token: string): Promise<{ actor: ActorId; caseId: string } | undefined> {
    const link = await this.takeLink(token);
    return link && isExport(link.subject) ? { actor: link.actor, caseId: link.subject } : undefined;
  }

  /** A network picture link's request, once, as `take`. */
  async takeNetworkPicture(token: string): Promise<{ actor: ActorId; caseId: string } | undefined> {
    const link = await this.takeLink(token, NETWORK_PICTURE);
    return link && { actor: link.actor, caseId: link.subject };
  }

  /** A statistics link's request, once, as `take`. */
  async takeStatistics(token: string): Promise<{ actor: ActorId; subject: StatisticsSubject } | undefined> {
    const link = await this.takeLink(token, STATISTICS);
    if (!link) return undefined;
    const [unitId = '', periodId = ''] = link.subject.split('|');
    return { actor: link.actor, subject: { unitId, periodId } };
  }

  /** A meeting document link's request, once, as `take`. */
  async takeDocument(token: string): Promise<{ actor: ActorId; subject: DocumentSubject } | undefined> {
    const link = await this.takeLink(token, DOCUMENT);
    if (!link) return undefined;
    const [caseId = '', meetingId = '', document = ''] = link.subject.split('|');
    const known = MEETING_DOCUMENTS.find((candidate) => candidate === document);
    return known && { actor: link.actor, subject: { caseId, meetingId, document: known } };
  }

  /** Takes the link once; with `kind`, only a link of that kind, its subject without the kind. */
  private async takeLink(token: string, kind = ''): Promise<{ actor: ActorId; subject: string } | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const link = await this.store.takeExportLink(hashOf(token), this.now());
    if (!link?.caseId.startsWith(kind)) return undefined;
    return { actor: { tenantId: link.tenantId, aadObjectId: link.actorAadObjectId }, subject: link.caseId.slice(kind.length) };
  }
}
