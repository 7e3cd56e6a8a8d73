// Who may do what, decided here and nowhere else. Only team members see a case; without valid consent
// covering them, nobody but the coordinator sees anything about the young person; only the coordinator
// changes team and consent. Each rule is a predicate (what the cards show) and a guard built on it (what
// the use cases allow), so the two cannot drift apart.
import { DomainError } from './errors';
import { type Case, type TeamMember, memberByAadObjectId } from './case';
import { attendsInternalMeetings } from './checklist';
import { type Closure, closureOf, currentClosure } from './closing';
import { consentExpiredOn, isConsentedParty } from './consent';
import type { Agreement } from './goals';
import { type Meeting, isInternalMeeting, meetingById, writerMayWriteForm } from './meeting';
import { measurerOf } from './measures';
import { type Organisation, type Unit, unitsLedBy } from './organisation';

export const isCoordinator = (member: TeamMember): boolean => member.role === 'coordinator';

/** May see the young person's details: the coordinator always, others under valid consent. */
export function mayReadCaseDetails(current: Case, memberId: string, now: Date): boolean {
  const member = current.members.find((candidate) => candidate.id === memberId);
  return Boolean(member && (isCoordinator(member) || isConsentedParty(current, member.id, now)));
}

/**
 * May write in the goals and agreements form, for a member who may read the case's details (as every
 * card's viewer may): the coordinator always, and a meeting's minute-taker (referent, the checklist's
 * `roleWriter`) while it is open or its minutes await approval.
 */
export function mayWriteForm(current: Case, reader: TeamMember): boolean {
  return isCoordinator(reader) || current.meetings.some((meeting) => writerMayWriteForm(meeting) && meeting.answers.roleWriter === reader.id);
}

/**
 * An internal coordination meeting is the professionals' own (seed 003: "uden deltagelse af den
 * unge/forældre"): the young person's adult (VIP) on the team in Teams neither reads nor answers its checklist.
 */
export const mayReadMeeting = (meeting: Meeting, reader: TeamMember): boolean => !isInternalMeeting(meeting) || attendsInternalMeetings(reader);

/**
 * A WHO-5 that asks that someone looks (a low score, a marked drop) is told to the coordinator and to the
 * one who keeps an eye on the young person (the latest approved meeting's), plainly: they make sure
 * someone talks with the young person. Others on the team see the scores, not the call to act.
 */
export function mayBeToldWho5Signal(current: Case, reader: TeamMember): boolean {
  return isCoordinator(reader) || currentClosure(current)?.eyeKeeperMemberId === reader.id;
}

/** An agreement is changed by its owner, or by the coordinator (who also relays for owners outside Teams). */
export function mayChangeAgreement(agreement: Agreement, reader: TeamMember): boolean {
  return isCoordinator(reader) || agreement.ownerMemberId === reader.id;
}

/**
 * Between meetings the coordinator changes an agreement's action, owner and follow-up, and decides an
 * owner's request for a change; the owner asks (mayChangeAgreement: the coordinator may ask for one
 * outside Teams).
 */
export const mayEditAgreement = (reader: TeamMember): boolean => isCoordinator(reader);

/** The hand-over is acknowledged by the eye-keeper, or by the coordinator (who relays for one outside Teams). */
export function mayAcknowledgeHandOver(closure: Closure, reader: TeamMember): boolean {
  return isCoordinator(reader) || closure.eyeKeeperMemberId === reader.id;
}

/** That the young person had feedback is recorded by its giver, or by the coordinator (who relays for one outside Teams). */
export function mayRecordFeedback(closure: Closure, reader: TeamMember): boolean {
  return isCoordinator(reader) || closure.feedbackMemberId === reader.id;
}

/**
 * WHO-5 and readiness are recorded with the young person by the coordinator, or by the member the
 * coordinator named to measure (seed 004); naming that member is the coordinator's.
 */
export function mayRecordMeasures(current: Case, reader: TeamMember): boolean {
  return isCoordinator(reader) || measurerOf(current) === reader.id;
}

export function requireMeasurer(current: Case, aadObjectId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  if (!mayRecordMeasures(current, member)) throw new DomainError('notMeasurer');
  return member;
}

export function requireMember(current: Case, aadObjectId: string): TeamMember {
  const member = memberByAadObjectId(current, aadObjectId);
  if (!member) throw new DomainError('notTeamMember');
  return member;
}

export function requireCoordinator(current: Case, aadObjectId: string): TeamMember {
  const member = requireMember(current, aadObjectId);
  if (!isCoordinator(member)) throw new DomainError('notCoordinator');
  return member;
}

export function requireCaseReader(current: Case, aadObjectId: string, now: Date): TeamMember {
  const member = requireMember(current, aadObjectId);
  if (!mayReadCaseDetails(current, member.id, now)) {
    // The refusal says why when it is that the consent expired, and when (issue 14).
    const expiredOn = consentExpiredOn(current, now);
    throw new DomainError('noValidConsent', expiredOn ? { expiredOn } : {});
  }
  return member;
}

/** A case reader who may also read this meeting's checklist (mayReadMeeting). */
export function requireMeetingReader(current: Case, meetingId: string, aadObjectId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  if (!mayReadMeeting(meetingById(current, meetingId), member)) throw new DomainError('internalMeetingForProfessionals');
  return member;
}

export function requireFormWriter(current: Case, aadObjectId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  if (!mayWriteForm(current, member)) throw new DomainError('notWriter');
  return member;
}

export function requireAgreementOwner(current: Case, aadObjectId: string, agreementId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  const agreement = current.agreements.find((candidate) => candidate.id === agreementId);
  if (!agreement) throw new DomainError('agreementNotFound');
  if (!mayChangeAgreement(agreement, member)) throw new DomainError('notAgreementOwner');
  return member;
}

export function requireAgreementEditor(current: Case, aadObjectId: string, agreementId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  if (!current.agreements.some((candidate) => candidate.id === agreementId)) throw new DomainError('agreementNotFound');
  if (!mayEditAgreement(member)) throw new DomainError('notCoordinator');
  return member;
}

/** Whether the minutes are approved yet is the hand-over's own rule (closing.ts), checked after this. */
export function requireHandOverAcknowledger(current: Case, meetingId: string, aadObjectId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  if (!mayAcknowledgeHandOver(closureOf(current, meetingId), member)) throw new DomainError('notEyeKeeper');
  return member;
}

/** How an administrator is named in the settings and kept: tenant and object id, lower case. */
export const administratorKey = (tenantId: string, aadObjectId: string): string => `${tenantId}:${aadObjectId}`.toLowerCase();

/**
 * Units and leaders are set up, and cases moved between units, by the municipality's administrators,
 * named by tenant and Entra object id in the bot's settings (ADMIN_AAD_OBJECT_IDS): never by a
 * coordinator, whose role is per case, nor by anyone of another tenant (an object id is unique only
 * within its tenant's directory, and a multi-tenant bot serves several).
 */
export function requireAdministrator(administrators: ReadonlySet<string>, actor: { tenantId: string; aadObjectId: string }): void {
  if (!administrators.has(administratorKey(actor.tenantId, actor.aadObjectId))) throw new DomainError('notAdministrator');
}

/** Whether the person leads a unit, so may be offered its half-yearly status (the tab's leader view). */
export const isLeader = (organisation: Organisation, aadObjectId: string): boolean => unitsLedBy(organisation, aadObjectId).length > 0;

/**
 * A leader reads the aggregates of a unit they lead, and of no other: `unitId` when given, else the
 * first they lead. Nothing about a single young person reaches them (statistics/leaderReport.ts).
 */
export function requireLeaderOf(organisation: Organisation, aadObjectId: string, unitId?: string): Unit {
  const led = unitsLedBy(organisation, aadObjectId);
  if (led.length === 0) throw new DomainError('notLeader');
  const unit = unitId === undefined ? led[0] : led.find((candidate) => candidate.id === unitId);
  if (!unit) throw new DomainError('notLeaderOfUnit');
  return unit;
}

/**
 * A reader of the meeting (so a VIP learns nothing of an internal one); that it is internal or not closed
 * yet are closing.ts's refusals, checked after this.
 */
export function requireFeedbackRecorder(current: Case, meetingId: string, aadObjectId: string, now: Date): TeamMember {
  const member = requireMeetingReader(current, meetingId, aadObjectId, now);
  const closure = meetingById(current, meetingId).closure;
  if (closure && !mayRecordFeedback(closure, member)) throw new DomainError('notFeedbackGiver');
  return member;
}
