// Building the team (det tværfaglige team): the coordinator adds, changes and removes members.
import { ASSIGNABLE_ROLES, type TeamRole } from './roles';
import { DomainError } from './errors';
import { optionalEmail, optionalId, optionalPhone, optionalText, requiredText, TEXT_LIMITS } from './fields';
import { keepRemovedMemberOnMap, linkMapPersonToMember, typedMapPerson } from './networkMap';
import { keepRemovedMemberAsInitiator } from './interventions';
import { withoutMeasurer } from './measures';
import { type Case, type MemberPerson, type TeamMember, coordinatorOf, memberByAadObjectId } from './case';

/** Teams shows user-specific card views to at most 60 people; no team around one young person is larger. */
export const MAX_TEAM_SIZE = 60;

type NewMemberPerson =
  | { kind: 'teams'; aadObjectId: string; name?: string; teamsUserId?: string }
  | ({ kind: 'external'; name?: string } & ExternalContactInput);

/** An external member's contact details (seed 001's network overview): direct number, main number, e-mail, postal address. */
interface ExternalContactInput {
  phone?: string;
  mainPhone?: string;
  email?: string;
  postalAddress?: string;
}

export interface AddMemberInput {
  role: string;
  otherRoleName?: string;
  person: NewMemberPerson;
  supportOffer?: string;
}

export interface ChangeMemberInput {
  memberId: string;
  role: string;
  otherRoleName?: string;
  supportOffer?: string;
  /** An external member's contact details; a field left out (a card sent before they could be changed) is kept. */
  contact?: ExternalContactInput;
}

function assignableRole(role: string, otherRoleName: string | undefined): { role: TeamRole; otherRoleName?: string } {
  if (!(ASSIGNABLE_ROLES as readonly string[]).includes(role)) throw new DomainError('roleNotAssignable');
  const name = optionalText(otherRoleName, 'otherRoleName', TEXT_LIMITS.name);
  if (role === 'other' && !name) throw new DomainError('otherRoleNeedsName');
  return role === 'other' ? { role, otherRoleName: name } : { role: role as TeamRole };
}

function validatePerson(person: NewMemberPerson): MemberPerson {
  if (person.kind === 'teams') {
    const aadObjectId = optionalId(person.aadObjectId, 'aadObjectId');
    if (!aadObjectId) throw new DomainError('fieldRequired', { field: 'aadObjectId' });
    const teamsUserId = optionalId(person.teamsUserId, 'teamsUserId');
    return { kind: 'teams', aadObjectId, name: requiredText(person.name, 'name', TEXT_LIMITS.name), ...(teamsUserId ? { teamsUserId } : {}) };
  }
  return { kind: 'external', name: requiredText(person.name, 'name', TEXT_LIMITS.name), ...validContact(person) };
}

function validContact(contact: ExternalContactInput): ExternalContactInput {
  return {
    phone: optionalPhone(contact.phone, 'phone'),
    mainPhone: optionalPhone(contact.mainPhone, 'mainPhone'),
    email: optionalEmail(contact.email, 'email'),
    postalAddress: optionalText(contact.postalAddress, 'postalAddress', TEXT_LIMITS.address),
  };
}

/** The external person with the contact details given: a field given empty is cleared, a field left out kept. */
function withChangedContact(person: MemberPerson, contact: ExternalContactInput | undefined): MemberPerson {
  if (person.kind !== 'external' || !contact) return person;
  const given = Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined)) as ExternalContactInput;
  return { ...person, ...validContact({ ...person, ...given }) };
}

function findMember(current: Case, memberId: string): TeamMember {
  const member = current.members.find((candidate) => candidate.id === memberId);
  if (!member) throw new DomainError('memberNotFound');
  return member;
}

function assertNotFixedRole(member: TeamMember): void {
  if (member.role === 'coordinator' || member.role === 'youngPerson') throw new DomainError('coordinatorCannotBeChanged');
}

export function addMember(current: Case, input: AddMemberInput, memberId: string, byAadObjectId: string, now: Date): Case {
  if (current.members.length >= MAX_TEAM_SIZE) throw new DomainError('teamFull', { max: MAX_TEAM_SIZE });
  const person = validatePerson(input.person);
  if (person.kind === 'teams' && memberByAadObjectId(current, person.aadObjectId)) throw new DomainError('memberAlreadyOnTeam');
  const at = now.toISOString();
  const member: TeamMember = {
    id: memberId,
    ...assignableRole(input.role, input.otherRoleName),
    person,
    supportOffer: optionalText(input.supportOffer, 'supportOffer', TEXT_LIMITS.short),
    addedAt: at,
  };
  return {
    ...current,
    members: [...current.members, member],
    history: [...current.history, { at, byAadObjectId, kind: 'memberAdded', memberId }],
  };
}

/** The network overview's contact details for someone typed on the map: what makes them an external member of the team. */
export type MapPersonToTeamInput = Pick<AddMemberInput, 'role' | 'otherRoleName' | 'supportOffer'> & ExternalContactInput;

/**
 * Someone the young person put on the map joins the team as an external member, named as on the map
 * (nothing typed twice), with the contact details and support offer the overview shows; on the map they
 * are the member from now on. Refused whole when either step is.
 */
export function addMapPersonToTeam(current: Case, personId: string, input: MapPersonToTeamInput, memberId: string, byAadObjectId: string, now: Date): Case {
  const { name } = typedMapPerson(current, personId);
  const { role, otherRoleName, supportOffer, ...contact } = input;
  const added = addMember(current, { role, otherRoleName, supportOffer, person: { kind: 'external', name, ...contact } }, memberId, byAadObjectId, now);
  return linkMapPersonToMember(added, personId, memberId, byAadObjectId, now);
}

export function changeMember(current: Case, input: ChangeMemberInput, byAadObjectId: string, now: Date): Case {
  const member = findMember(current, input.memberId);
  assertNotFixedRole(member);
  const changed: TeamMember = {
    ...member,
    otherRoleName: undefined,
    ...assignableRole(input.role, input.otherRoleName),
    supportOffer: optionalText(input.supportOffer, 'supportOffer', TEXT_LIMITS.short),
    person: withChangedContact(member.person, input.contact),
  };
  return {
    ...current,
    members: current.members.map((candidate) => (candidate.id === member.id ? changed : candidate)),
    history: [...current.history, { at: now.toISOString(), byAadObjectId, kind: 'memberChanged', memberId: member.id }],
  };
}

export function removeMember(current: Case, memberId: string, byAadObjectId: string, now: Date): Case {
  const member = findMember(current, memberId);
  assertNotFixedRole(member);
  const removed = {
    ...current,
    members: current.members.filter((candidate) => candidate.id !== memberId),
    history: [...current.history, { at: now.toISOString(), byAadObjectId, kind: 'memberRemoved' as const, memberId }],
  };
  return member.person.kind === 'youngPerson' ? removed : withoutMeasurer(keepRemovedMemberAsInitiator(keepRemovedMemberOnMap(removed, memberId, member.person.name), memberId, member.person.name), memberId);
}

/**
 * Exactly one coordinator at a time: the new one must be a Teams user on the team. The previous
 * coordinator stays with the role given, or leaves the team when none is given.
 */
export function handOverCoordinator(
  current: Case,
  toMemberId: string,
  previousCoordinatorRole: string | undefined,
  byAadObjectId: string,
  now: Date,
): Case {
  const previous = coordinatorOf(current);
  const next = findMember(current, toMemberId);
  if (next.id === previous.id) throw new DomainError('alreadyCoordinator');
  if (next.person.kind !== 'teams' || next.role === 'youngPerson') throw new DomainError('coordinatorMustBeTeamsUser');
  const stays = previousCoordinatorRole ? assignableRole(previousCoordinatorRole, undefined) : undefined;
  const members = current.members.flatMap((member): TeamMember[] => {
    if (member.id === next.id) return [{ ...member, role: 'coordinator', otherRoleName: undefined }];
    if (member.id === previous.id) return stays ? [{ ...member, ...stays }] : [];
    return [member];
  });
  return {
    ...current,
    members,
    history: [
      ...current.history,
      { at: now.toISOString(), byAadObjectId, kind: 'coordinatorHandedOver', memberId: next.id, fromMemberId: previous.id },
    ],
  };
}
