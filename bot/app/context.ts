// What every use case gets: who acts, and the ports it may use. Time and ids are inputs.
import type { ReminderPlanner } from '../domain/reminders';
import type { ReadinessIndicatorSet } from '../domain/readinessIndicators';
import type { AuditRecord, CaseStore } from '../store/port';
import type { AuditAction } from './auditActions';

export interface Actor {
  tenantId: string;
  aadObjectId: string;
  /** The display name Teams gives; used when the actor becomes a team member. */
  name: string;
  /** Teams' own id of the user (29:…): what a 1:1 chat is opened with. */
  teamsUserId?: string;
  /** The Teams service URL the actor's activity came from: where messages the actor causes are sent. */
  serviceUrl?: string;
  /** The Teams locale of the actor's activity (e.g. `da-DK`): what a card their change updates for everyone is written in. */
  locale?: string;
}

/** Who acts, by id only: what an audit record names and an access check needs. */
export type ActorId = Pick<Actor, 'tenantId' | 'aadObjectId'>;

export interface AppDeps {
  store: CaseStore;
  now: () => Date;
  newId: () => string;
  /** When reminders fall due: working days, send time and lead times. */
  reminders: ReminderPlanner;
  /**
   * Network meetings are kept in the coordinator's Outlook calendar (Microsoft Graph on, with its
   * `calendar` feature): planning, opening, moving, cancelling and closing one queues a `calendarEvent`,
   * and so do a change of who is invited, a hand-over and closing the case for the meetings ahead;
   * erasing the case writes a `calendarCancel` for each.
   */
  calendar?: boolean;
  /** The readiness (BIP) indicator set the municipality uses (READINESS_INDICATORS_FILE); absent: the default set. */
  readinessIndicators?: ReadinessIndicatorSet;
}

export function auditRecord(
  deps: AppDeps,
  actor: ActorId,
  caseId: string,
  action: AuditAction,
  outcome: AuditRecord['outcome'],
): AuditRecord {
  return {
    id: deps.newId(),
    tenantId: actor.tenantId,
    caseId,
    actorAadObjectId: actor.aadObjectId,
    action,
    outcome,
    at: deps.now().toISOString(),
  };
}
