// The storage port. The app layer talks only to this; adapters: embedded SQLite (default) and Azure
// Cosmos DB. One contract suite (test/store/contract.ts) runs against both.
import type { Case } from '../domain/case';
import type { Organisation } from '../domain/organisation';
import type { FrozenReport } from '../domain/statistics/frozenReport';
import type { ReminderKind, ReminderSubjects } from '../domain/reminders';

/** Who did what to which case, when. Ids and codes only: no personal data. */
export interface AuditRecord {
  id: string;
  tenantId: string;
  caseId: string;
  actorAadObjectId: string;
  /** An `AuditAction` (bot/app/auditActions.ts): `overview.read`, `team.addExternal`, `consent.record` … */
  action: string;
  outcome: 'ok' | 'denied';
  at: string;
}

export interface StoredCase {
  case: Case;
  etag: string;
}

/** Where a message goes: a person's 1:1 chat, or a conversation (the case's thread or group chat). */
export type OutboxRecipient =
  | { kind: 'user'; aadObjectId: string; teamsUserId: string }
  | { kind: 'conversation'; conversationId: string };

/** What an outbox message is; the Teams layer renders it from the case when it is sent. */
export const OUTBOX_KINDS = [
  'agreementAssigned', // an agreement to its owner (a Teams user)
  'agreementRelay', // an external owner's agreement to the staff member who relays it
  'minutes', // the approved minutes in the case's thread (base card, no personal data)
  'handOver', // the hand-over card to the eye-keeper
  'handOverReminder', // to the coordinator while the eye-keeper has not acknowledged
  'needsHelp', // an owner needs help: to the eye-keeper and the coordinator
  'planSlipping', // a team member reports the plan slipping: to the eye-keeper and the coordinator
  'unreachable', // a person could not be reached 1:1: a mention in the thread, and the coordinator told
  'reminder', // a planned reminder (bot/domain/reminders.ts); `about.reminder` says which
  'sendFailed', // a message was given up after its last attempt: to the coordinator (`about.messageId`, `about.failedKind`)
  'agreementAdded', // an agreement added between meetings, to its owner (or the coordinator relaying)
  'changeRequested', // an owner asks to change an agreement: to the coordinator, who accepts or declines
  'changeDecided', // the coordinator's decision on a request for a change: to the one who asked
  'checklistCard', // the checklist's card, posted where the meeting was opened, updated in place after an answer or a change of the meeting's state
  'caseCard', // the case's base card, the thread's first post, updated in place when its coordinator or next meeting changes
  'closingCard', // a card `afslut` posted, updated in place when its meeting is closed or approved
  'minutesCard', // the minutes' channel card, updated in place when the next meeting it names changes
  'calendarEvent', // a network meeting's Outlook event (Microsoft Graph), made, updated or cancelled to match the meeting at send time
  'calendarCancel', // an erased case's meeting ahead: its Outlook event cancelled, by the ids the message carries (the case is gone)
  'calendarRefused', // Graph would not keep a meeting's calendar event: to the coordinator, once per meeting
  'who5Signal', // a WHO-5 under 50 or 10 points down: to the coordinator and the eye-keeper, so that someone looks
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * A planned reminder as its message holds it: which reminder, to which member, the state it was planned
 * for, and the key that joins a person's reminders of one day into one message (`digest`).
 */
export type ReminderAbout = { [K in ReminderKind]: { reminder: K; memberId: string; digest?: string } & ReminderSubjects[K] }[ReminderKind];

/** What a message of each kind is about: ids, and the state a reminder was planned for; never content. */
interface OutboxAbout {
  agreementAssigned: { meetingId: string; ownerMemberId: string };
  agreementRelay: { meetingId: string; ownerMemberId: string };
  minutes: { meetingId: string };
  handOver: { meetingId: string };
  handOverReminder: { meetingId: string };
  needsHelp: { agreementId: string };
  agreementAdded: { agreementId: string };
  changeRequested: { agreementId: string };
  /** `askedAt`: the request decided (a later one of the same agreement is another). */
  changeDecided: { agreementId: string; askedAt: string };
  /** `memberId`: who reported it. */
  planSlipping: { memberId: string };
  /** `memberId`: who could not be reached; `blocked`: they blocked the bot (to the coordinator only, once). */
  unreachable: { memberId: string; blocked?: true };
  reminder: ReminderAbout;
  /** The message given up, and whom it was for: a person (`aadObjectId`) or a conversation. */
  sendFailed: { messageId: string; failedKind: OutboxKind; error: string } & ({ aadObjectId: string } | { conversationId: string });
  /**
   * `locale`: the language of the person whose change caused the update (the card is rendered in it, as
   * a reply would be); `digest`: one key per meeting, so that updates claimed together go out as one.
   */
  checklistCard: { meetingId: string; digest: string; locale?: string };
  /** As `checklistCard`; `digest`: one key per case. */
  caseCard: { digest: string; locale?: string };
  /** As `checklistCard`; `activityId`: which of the meeting's closing cards (Meeting.closingCards), `digest` one key per card. */
  closingCard: { meetingId: string; activityId: string; digest: string; locale?: string };
  /** As `checklistCard`; `meetingId`: the meeting whose minutes they are. */
  minutesCard: { meetingId: string; digest: string; locale?: string };
  /** `digest`: one key per meeting, so that changes claimed together make one Graph call. */
  calendarEvent: { meetingId: string; digest: string };
  /** The event to cancel, where it is: ids only, written when its case is erased (the message outlives the case). */
  calendarCancel: { eventId: string; mailboxAadObjectId: string };
  /** `reason`: `refused` (no permission, or a mailbox outside the access policy), `unavailable` (Graph kept throttling or failing). */
  calendarRefused: { meetingId: string; reason: 'refused' | 'unavailable' };
  /** `recordId`: the WHO-5 record that gave the signal (none is sent once a later one stands). */
  who5Signal: { recordId: string };
}

/** A message's kind and what it is about: one shape per kind. */
export type OutboxContent = { [K in OutboxKind]: { kind: K; about: OutboxAbout[K] } }[OutboxKind];

/** Kind and `about` as one value: a copy of the two fields loses their pairing to TypeScript, not at run time. */
export const outboxContentOf = (message: OutboxContent): OutboxContent => ({ kind: message.kind, about: message.about }) as OutboxContent;

/**
 * A message that must be sent, written in the same save as the change that causes it (an outbox), so
 * a crash between saving and sending loses nothing. Holds ids only: the content is rendered from the
 * case at send time, so no personal data sits in the outbox or its logs.
 */
interface OutboxEnvelope {
  id: string;
  tenantId: string;
  caseId: string;
  to: OutboxRecipient;
  /** The Teams service URL of the tenant, from the activity that caused the message. */
  serviceUrl: string;
  /**
   * Not sent before this instant (ISO 8601). Stores keep instants in the form `Date.toISOString()`
   * gives (UTC, milliseconds), so that they compare as text; an instant in another form is converted.
   */
  notBefore: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** A dispatcher that claimed the message, and until when its claim holds. */
  leaseOwner?: string;
  leaseUntil?: string;
  sentAt?: string;
  /** The last failure's kind (an HTTP status or an error name): never message content. */
  lastError?: string;
}

export type OutboxMessage = OutboxEnvelope & OutboxContent;

/** A message of one kind. */
export type OutboxMessageOf<K extends OutboxKind> = OutboxEnvelope & { kind: K; about: OutboxAbout[K] };

/**
 * Kinds whose message is deleted once sent instead of kept as sent: an update of a card posted before,
 * which comes again with every answer and records nothing a later reader needs, and a calendar event's
 * update (the meeting keeps the event's id).
 */
export const FORGOTTEN_ONCE_SENT: ReadonlySet<OutboxKind> = new Set<OutboxKind>(['checklistCard', 'caseCard', 'closingCard', 'minutesCard', 'calendarEvent', 'calendarCancel']);

/**
 * Kinds sent through Microsoft Graph, not posted in Teams: Teams' rate limits do not count them (the
 * dispatcher's pacer lets them pass; the Graph client obeys Graph's own throttling).
 */
export const SENT_THROUGH_GRAPH: ReadonlySet<OutboxKind> = new Set<OutboxKind>(['calendarEvent', 'calendarCancel']);

/** How a dispatcher settles a message it claimed. Every outcome counts one attempt. */
export type OutboxOutcome =
  | { status: 'sent'; at: string }
  /** Sent, and deleted rather than kept (FORGOTTEN_ONCE_SENT). */
  | { status: 'forget' }
  | { status: 'pending'; notBefore: string; error: string }
  | { status: 'failed'; error: string };

/**
 * At most this many audit records in one save (a use case writes one). Outbox messages are not counted:
 * a save holds any number of them, written with the case or not at all. SQLite writes them in its
 * transaction; Cosmos DB, whose transactional batch holds 100 operations, packs them into fan-out
 * records when they do not fit one each, which `claimDueOutbox` expands (bot/store/README.md).
 */
export const MAX_AUDIT_PER_SAVE = 50;

/** Refuses, before anything is written, a tombstone or an outliving message about another case than the one erased. */
export function checkErasure(tenantId: string, caseId: string, tombstone: AuditRecord, outliving: readonly OutboxMessage[]): void {
  if (tombstone.tenantId !== tenantId || tombstone.caseId !== caseId) throw new Error(`the tombstone is not about case ${caseId}`);
  const foreign = outliving.find((message) => message.tenantId !== tenantId || message.caseId !== caseId);
  if (foreign) throw new Error(`outbox message ${foreign.id} is not about case ${caseId}`);
}

/** What a use case writes together with the case, in the same save. */
export interface SaveEffects {
  audit: AuditRecord[];
  /** New messages to send, any number; all belong to the case being saved. */
  outbox?: OutboxMessage[];
}

/** Per-user state: the case picked in the 1:1 chat, and that chat's id. */
export interface UserState {
  tenantId: string;
  aadObjectId: string;
  selectedCaseId?: string;
  /** The user's 1:1 chat with the bot, once known: a message to them then costs one request, not two. */
  personalConversationId?: string;
  /** The Teams locale of the user's last turn in that chat (e.g. `en-US`): what the bot writes to them in by itself. */
  locale?: string;
}

export interface CaseSummary {
  caseId: string;
  reference: string;
  /** Set when the case is closed: the 1:1 picker leaves it out. */
  closedAt?: string;
}

/** A closed case, as the retention job finds it. */
export interface ClosedCase {
  tenantId: string;
  caseId: string;
  closedAt: string;
}

/**
 * A one-time export link (bot/app/exportLinks.ts), shared by every bot instance through the store.
 * Only the token's SHA-256 is kept: whoever reads the store cannot open the link.
 */
export interface ExportLink {
  tokenHash: string;
  tenantId: string;
  caseId: string;
  /** Who asked: the export is built for them, from the case as it is then, when the link is opened. */
  actorAadObjectId: string;
  expiresAt: string;
}

/**
 * How fast the bot may still send to a tenant, shared by every bot instance (bot/outbox/sharedPacing.ts):
 * Teams limits the app per tenant, not per process. Instants in epoch milliseconds of the wall clock,
 * so instances need synchronized clocks (NTP).
 */
export interface TenantPacing {
  tenantId: string;
  /** Where the tenant's next free request slot begins: the slots before it are some instance's. */
  nextSlotAtMs: number;
  /** After a 429: no instance sends to the tenant before this. */
  throttledUntilMs?: number;
}

export interface StoredTenantPacing {
  pacing: TenantPacing;
  etag: string;
}

export interface StoredOrganisation {
  organisation: Organisation;
  etag: string;
}

/**
 * Where the audit records of a tenant's units and leaders, and of leaders' reads of their figures, are
 * kept: under this id in place of a case's (Cosmos DB: the partition of the tenant's organisation).
 */
export const organisationAuditId = (tenantId: string): string => `organisation|${tenantId}`;

/** An organisation's save carries its own audit records only (the same rules as the Cosmos adapter). */
export function checkOrganisationAudit(organisation: Organisation, audit: readonly AuditRecord[]): void {
  if (audit.length > MAX_AUDIT_PER_SAVE) throw new Error(`a save holds at most ${MAX_AUDIT_PER_SAVE} audit records`);
  const foreign = audit.find((record) => record.tenantId !== organisation.tenantId || record.caseId !== organisationAuditId(organisation.tenantId));
  if (foreign) throw new Error(`audit record ${foreign.id} is not about the organisation of ${organisation.tenantId}`);
}

/** Thrown by a save whose etag is stale: reload, re-apply the command, save again. */
export class ConcurrencyConflict extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} was changed by someone else`);
    this.name = 'ConcurrencyConflict';
  }
}

export interface CaseStore {
  /** Every read names the tenant: a case of another tenant is not found. */
  getCase(tenantId: string, caseId: string): Promise<StoredCase | undefined>;
  findCaseByConversation(tenantId: string, conversationId: string): Promise<StoredCase | undefined>;
  /** The cases on whose team this Teams user is, by reference. */
  listCasesForUser(tenantId: string, aadObjectId: string): Promise<CaseSummary[]>;
  /** Fails with ConcurrencyConflict if a case with this id exists. */
  createCase(created: Case, effects: SaveEffects): Promise<StoredCase>;
  /** Fails with ConcurrencyConflict if the stored etag is not `expectedEtag`; then nothing is written. */
  replaceCase(changed: Case, expectedEtag: string, effects: SaveEffects): Promise<StoredCase>;
  /** Audit records of reads and refusals, which change no case. */
  appendAudit(records: AuditRecord[]): Promise<void>;
  listAudit(tenantId: string, caseId: string): Promise<AuditRecord[]>;
  /**
   * Claims up to `limit` pending messages that are due at `now` and not claimed by a live lease, for
   * `owner` until `now + leaseMs`, in `notBefore` order, across all tenants. Two dispatchers never
   * hold the same message at once. Messages a save packed into a fan-out (Cosmos DB) are written
   * out one by one here first, by their own ids, so an expansion run twice writes nothing twice.
   */
  claimDueOutbox(now: Date, owner: string, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
  /**
   * Records the outcome and releases the claim (`forget` deletes the message); refused (returns false)
   * when `owner` no longer holds the claim: another dispatcher took it over after the lease ran out, or
   * it was settled already. A lease that ran out but was not taken over still counts.
   */
  settleOutbox(message: OutboxMessage, owner: string, outcome: OutboxOutcome): Promise<boolean>;
  /**
   * Writes messages that no case change causes (a fallback after a failed send). A message whose id
   * is stored already is left as it is, so a retried append does not send twice.
   */
  appendOutbox(messages: OutboxMessage[]): Promise<void>;
  /** A case's messages in `notBefore` order, whatever their status. */
  listOutbox(tenantId: string, caseId: string): Promise<OutboxMessage[]>;
  /**
   * Erases the case: the case, its members index, its outbox messages and every user's pick of it
   * (`selectedCaseId`). Its audit records stay (they hold ids and codes only) and `tombstone` (e.g.
   * `case.erase`, about this case) is added, and `outliving`: messages about the case that must still be
   * sent once it is gone (cancelling its meetings' calendar events; ids only), written with the erasure
   * or not at all. False, writing nothing, when the tenant has no such case.
   */
  eraseCase(tenantId: string, caseId: string, tombstone: AuditRecord, outliving?: OutboxMessage[]): Promise<boolean>;
  /** Closed cases of every tenant with `closedAt <= before`, at most `limit`, in no defined order. */
  listCasesClosedBefore(before: Date, limit: number): Promise<ClosedCase[]>;
  /** The tenant's shared pacing; undefined until an instance first writes it. */
  getTenantPacing(tenantId: string): Promise<StoredTenantPacing | undefined>;
  /**
   * Writes the tenant's pacing if it is still as read (`expectedEtag` from getTenantPacing; undefined:
   * none stored yet). The new etag; undefined, writing nothing, when another instance wrote first.
   */
  putTenantPacing(pacing: TenantPacing, expectedEtag: string | undefined): Promise<string | undefined>;
  getUserState(tenantId: string, aadObjectId: string): Promise<UserState | undefined>;
  putUserState(state: UserState): Promise<void>;
  /** Stores a new export link; its token hash is new (32 random bytes). */
  saveExportLink(link: ExportLink): Promise<void>;
  /**
   * Deletes the link and gives it back, atomically: of callers racing for one link, on any instance,
   * exactly one gets it. A link that ran out (`expiresAt <= now`) is deleted and not given.
   */
  takeExportLink(tokenHash: string, now: Date): Promise<ExportLink | undefined>;
  /** Deletes every link that ran out by `now`: nothing of an unused link stays. */
  deleteExpiredExportLinks(now: Date): Promise<void>;
  /** The tenant's units and leaders; undefined until its administrator first sets them up. */
  getOrganisation(tenantId: string): Promise<StoredOrganisation | undefined>;
  /**
   * Writes the organisation with its audit records (about `organisationAuditId`), if it is still as read
   * (`expectedEtag`; undefined: none stored yet); else ConcurrencyConflict, writing nothing.
   */
  saveOrganisation(organisation: Organisation, expectedEtag: string | undefined, audit: AuditRecord[]): Promise<StoredOrganisation>;
  /**
   * The tenant's cases of one unit, with the cases of no unit when `withUnassigned` (the default unit's):
   * never another tenant's or unit's.
   */
  listUnitCases(tenantId: string, unitId: string, withUnassigned: boolean): Promise<Case[]>;
  /**
   * The ids of the tenant's cases with this reference (as `referenceFrom` wrote it), for an administrator
   * who names a case by it: normally one, but a reference is short and not guaranteed unique.
   */
  listCaseIdsByReference(tenantId: string, reference: string): Promise<string[]>;
  /**
   * The same cases, a page at a time, for counting them without one query that reads them all (Cosmos
   * DB: pages of `UNIT_CASES_PAGE` by the SDK's continuation; SQLite: one page). No page is empty.
   */
  unitCasePages(tenantId: string, unitId: string, withUnassigned: boolean): AsyncIterable<Case[]>;
  /**
   * Every tenant's open cases, a page at a time, for the weekly radar (app/radar.ts), which goes through
   * them all (Cosmos DB: pages of `UNIT_CASES_PAGE` by the SDK's continuation; SQLite: pages by key). No page is empty.
   */
  openCasePages(): AsyncIterable<Case[]>;
  /** Every tenant's organisation (the job that freezes leaders' reports goes through their units). */
  listOrganisations(): Promise<Organisation[]>;
  /** A unit's leader report of an ended half-year as it was frozen; undefined until it is. */
  getFrozenReport(tenantId: string, unitId: string, periodId: string): Promise<FrozenReport | undefined>;
  /**
   * Stores the report unless one of its tenant, unit and period is stored already, and gives back the
   * one stored: of callers racing, on any instance, the first writer's copy stands; none is overwritten.
   */
  freezeReport(report: FrozenReport): Promise<FrozenReport>;
  /** Cheap reachability check for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
