// Who may do what. Only team members see a case; without valid consent covering them, nobody but
// the coordinator sees anything about the young person; only the coordinator changes team and consent.
import { DomainError } from './errors';
import { type Case, type TeamMember, memberByAadObjectId } from './case';
import { isConsentedParty } from './consent';

export function requireMember(current: Case, aadObjectId: string): TeamMember {
  const member = memberByAadObjectId(current, aadObjectId);
  if (!member) throw new DomainError('notTeamMember');
  return member;
}

export function requireCoordinator(current: Case, aadObjectId: string): TeamMember {
  const member = requireMember(current, aadObjectId);
  if (member.role !== 'coordinator') throw new DomainError('notCoordinator');
  return member;
}

/** May see the young person's details: the coordinator always, others under valid consent. */
export function mayReadCaseDetails(current: Case, memberId: string, now: Date): boolean {
  const member = current.members.find((candidate) => candidate.id === memberId);
  return member !== undefined && (member.role === 'coordinator' || isConsentedParty(current, member.id, now));
}

/** May see the young person's details: the coordinator always, others under valid consent. */
export function requireCaseReader(current: Case, aadObjectId: string, now: Date): TeamMember {
  const member = requireMember(current, aadObjectId);
  if (member.role !== 'coordinator' && !isConsentedParty(current, member.id, now)) throw new DomainError('noValidConsent');
  return member;
}

/**
 * May write in the goals and agreements form: the coordinator always, and during a meeting its
 * minute-taker (referent, the checklist's `roleWriter`), who need valid consent like any reader.
 */
export function requireFormWriter(current: Case, aadObjectId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  if (member.role === 'coordinator') return member;
  const writerOfOpenMeeting = current.meetings.some((meeting) => meeting.status === 'open' && meeting.answers.roleWriter === member.id);
  if (!writerOfOpenMeeting) throw new DomainError('notWriter');
  return member;
}

/** An agreement is changed by its owner, or by the coordinator (who also relays for owners outside Teams). */
export function requireAgreementOwner(current: Case, aadObjectId: string, agreementId: string, now: Date): TeamMember {
  const member = requireCaseReader(current, aadObjectId, now);
  const agreement = current.agreements.find((candidate) => candidate.id === agreementId);
  if (!agreement) throw new DomainError('agreementNotFound');
  if (member.role !== 'coordinator' && agreement.ownerMemberId !== member.id) throw new DomainError('notAgreementOwner');
  return member;
}
