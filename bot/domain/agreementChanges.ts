// Seed 001: the form is "et dynamisk værktøj, der løbende opdateres". Between meetings the coordinator
// changes an agreement's action, owner and follow-up, each change kept in its history; an owner asks for a
// change (what and why) and the coordinator accepts or declines it.
import type { Case } from './case';
import { DomainError } from './errors';
import { TEXT_LIMITS, localDate, optionalText, requiredDate, requiredText } from './fields';
import { type Agreement, type AgreementEvent, type ChangeRequest, type ChangedFrom, FOLLOW_UP_METHODS, openAgreement, validFollowUp, withAgreementEvent } from './goals';
import { CASE_LIMITS } from './limits';

export interface AgreementChange {
  action?: string;
  ownerMemberId?: string;
  followUpOn?: string;
  followUpMethod?: string;
  followUpMethodOther?: string;
}

export interface ChangeRequestInput {
  /** "Hvad skal ændres?": a new action, owner or follow-up date; at least one. */
  action?: string;
  ownerMemberId?: string;
  followUpOn?: string;
  /** "Hvorfor?" */
  why?: string;
}

/** A member of the team, by id; an owner must be one. */
function teamMemberId(current: Case, memberId: string | undefined): string {
  const id = memberId?.trim() ?? '';
  if (!current.members.some((member) => member.id === id)) throw new DomainError('fieldRequired', { field: 'ownerMemberId' });
  return id;
}

/** A new follow-up date: a real date, not in the past. */
function newDate(value: string | undefined, now: Date): string {
  const date = requiredDate(value, 'followUpOn');
  if (date < localDate(now)) throw new DomainError('followUpInPast');
  return date;
}

const given = (value: string | undefined): value is string => Boolean(value?.trim());

/**
 * The coordinator's change of an open agreement: only what is given and differs changes (nothing does:
 * the case as it was). The history says what each changed field was; `requested` when the change is an
 * owner's request accepted.
 */
export function changeAgreement(current: Case, agreementId: string, input: AgreementChange, byAadObjectId: string, now: Date, requested = false): Case {
  const agreement = openAgreement(current, agreementId);
  const changes: Partial<Agreement> = {};
  const before: ChangedFrom = {};
  if (given(input.action)) {
    const action = requiredText(input.action, 'action', TEXT_LIMITS.short);
    if (action !== agreement.action) {
      changes.action = action;
      before.action = true;
    }
  }
  if (given(input.ownerMemberId) && input.ownerMemberId.trim() !== agreement.ownerMemberId) {
    changes.ownerMemberId = teamMemberId(current, input.ownerMemberId);
    before.ownerMemberId = agreement.ownerMemberId;
  }
  // A follow-up already past is left as it is unless it is changed: fixing the action must not need a new date.
  if (given(input.followUpOn) && input.followUpOn.trim() !== agreement.followUpOn) {
    changes.followUpOn = newDate(input.followUpOn, now);
    before.followUpOn = agreement.followUpOn;
  }
  if (given(input.followUpMethod)) {
    if (!(FOLLOW_UP_METHODS as readonly string[]).includes(input.followUpMethod)) throw new DomainError('fieldRequired', { field: 'followUpMethod' });
    const { followUpMethod, followUpMethodOther } = validFollowUp({ ...input, followUpOn: changes.followUpOn ?? localDate(now) }, now);
    if (followUpMethod !== agreement.followUpMethod || followUpMethodOther !== agreement.followUpMethodOther) {
      changes.followUpMethod = followUpMethod;
      changes.followUpMethodOther = followUpMethodOther;
      before.followUpMethod = agreement.followUpMethod;
    }
  }
  if (Object.keys(before).length === 0) return current;
  const event: AgreementEvent = { at: now.toISOString(), byAadObjectId, kind: 'changed', before, ...(requested ? { requested: true as const } : {}) };
  return withAgreementEvent(current, agreement, changes, event);
}

const isPending = (request: ChangeRequest | undefined): request is ChangeRequest => Boolean(request && !request.decision);

/** The agreement's request awaiting the coordinator's decision. */
export function pendingChangeRequest(agreement: Agreement): ChangeRequest | undefined {
  return isPending(agreement.changeRequest) ? agreement.changeRequest : undefined;
}

/**
 * "Bed om ændring": what should change (a new action, owner or date: what equals the agreement as it
 * is does not count) and why. One pending request an agreement, CASE_LIMITS.pendingChangeRequests a case.
 */
export function askToChangeAgreement(current: Case, agreementId: string, input: ChangeRequestInput, byAadObjectId: string, now: Date): Case {
  const agreement = openAgreement(current, agreementId);
  if (pendingChangeRequest(agreement)) throw new DomainError('changeRequestPending');
  const pending = current.agreements.filter((candidate) => pendingChangeRequest(candidate)).length;
  if (pending >= CASE_LIMITS.pendingChangeRequests) throw new DomainError('tooManyChangeRequests', { max: CASE_LIMITS.pendingChangeRequests });
  const action = optionalText(input.action, 'action', TEXT_LIMITS.short);
  const ownerMemberId = given(input.ownerMemberId) ? teamMemberId(current, input.ownerMemberId) : undefined;
  const followUpOn = given(input.followUpOn) ? newDate(input.followUpOn, now) : undefined;
  const proposed = {
    ...(action && action !== agreement.action ? { action } : {}),
    ...(ownerMemberId && ownerMemberId !== agreement.ownerMemberId ? { ownerMemberId } : {}),
    ...(followUpOn && followUpOn !== agreement.followUpOn ? { followUpOn } : {}),
  };
  if (Object.keys(proposed).length === 0) throw new DomainError('changeRequestEmpty');
  const why = requiredText(input.why, 'why', TEXT_LIMITS.short);
  const at = now.toISOString();
  return withAgreementEvent(current, agreement, { changeRequest: { at, byAadObjectId, ...proposed, why } }, { at, byAadObjectId, kind: 'changeAsked' });
}

function pendingOf(current: Case, agreementId: string): { agreement: Agreement; request: ChangeRequest } {
  const agreement = openAgreement(current, agreementId);
  const request = pendingChangeRequest(agreement);
  if (!request) throw new DomainError('noChangeRequest');
  return { agreement, request };
}

/** Decided: the texts go (the change is in the agreement, or was declined), the decision stays for the one who asked. */
function decided(request: ChangeRequest, decision: NonNullable<ChangeRequest['decision']>): ChangeRequest {
  const { at, byAadObjectId, ownerMemberId, followUpOn } = request;
  return { at, byAadObjectId, ...(ownerMemberId ? { ownerMemberId } : {}), ...(followUpOn ? { followUpOn } : {}), decision };
}

/** "Godkend ændringen": the change as asked, by the same rule as the coordinator's own (its history says it was asked for). */
export function acceptChangeRequest(current: Case, agreementId: string, byAadObjectId: string, now: Date): Case {
  const { request } = pendingOf(current, agreementId);
  const changed = changeAgreement(current, agreementId, request, byAadObjectId, now, true);
  const agreement = openAgreement(changed, agreementId);
  const changeRequest = decided(request, { accepted: true, at: now.toISOString(), byAadObjectId });
  return { ...changed, agreements: changed.agreements.map((candidate) => (candidate.id === agreementId ? { ...agreement, changeRequest } : candidate)) };
}

/** "Afvis": the agreement stays as it is; the reason, if given, reaches the one who asked. */
export function declineChangeRequest(current: Case, agreementId: string, reason: string | undefined, byAadObjectId: string, now: Date): Case {
  const { agreement, request } = pendingOf(current, agreementId);
  const why = optionalText(reason, 'reason', TEXT_LIMITS.short);
  const at = now.toISOString();
  const changeRequest = decided(request, { accepted: false, at, byAadObjectId, ...(why ? { reason: why } : {}) });
  return withAgreementEvent(current, agreement, { changeRequest }, { at, byAadObjectId, kind: 'changeDeclined' });
}
