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
export function requireCaseReader(current: Case, aadObjectId: string, now: Date): TeamMember {
  const member = requireMember(current, aadObjectId);
  if (member.role !== 'coordinator' && !isConsentedParty(current, member.id, now)) throw new DomainError('noValidConsent');
  return member;
}
