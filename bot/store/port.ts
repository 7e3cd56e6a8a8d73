// The storage port. The app layer talks only to this; adapters: embedded SQLite (default) and Azure
// Cosmos DB. One contract suite (test/store/contract.ts) runs against both.
import type { Case } from '../domain/case';

/** Who did what to which case, when. Ids and codes only: no personal data. */
export interface AuditRecord {
  id: string;
  tenantId: string;
  caseId: string;
  actorAadObjectId: string;
  /** e.g. `case.read`, `team.add`, `consent.record`. */
  action: string;
  outcome: 'ok' | 'denied';
  at: string;
}

export interface StoredCase {
  case: Case;
  etag: string;
}

/** What a use case writes together with the case, in the same save. */
export interface SaveEffects {
  audit: AuditRecord[];
}

/** Per-user state in a 1:1 chat: the case the user picked. */
export interface UserState {
  tenantId: string;
  aadObjectId: string;
  selectedCaseId?: string;
}

export interface CaseSummary {
  caseId: string;
  reference: string;
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
  getUserState(tenantId: string, aadObjectId: string): Promise<UserState | undefined>;
  putUserState(state: UserState): Promise<void>;
  /** Cheap reachability check for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
