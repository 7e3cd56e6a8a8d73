// How a team member is named (and a postal address written) on a card. Only for cards shown to readers of the case.
import { type Case, type ContactDetails, type TeamMember, coordinatorOf } from '../bot/domain/case';
import type { Messages } from '../bot/i18n';

export function memberName(current: Case, member: TeamMember, m: Messages): string {
  switch (member.person.kind) {
    case 'teams':
      return member.person.name;
    case 'external':
      return `${member.person.name} (${m.cards.team.external})`;
    case 'youngPerson':
      return current.youngPerson.name;
  }
}

export function roleName(member: TeamMember, m: Messages): string {
  return member.role === 'other' && member.otherRoleName ? m.cards.team.otherRole(member.otherRoleName) : m.roles[member.role];
}

export function coordinatorName(current: Case, m: Messages): string {
  return memberName(current, coordinatorOf(current), m);
}

/** A name, or the free text of an "other" role, in a choice list or a list of many is cut to this. */
const SHORT_NAME = 40;
const SHORT_OTHER_ROLE = 24;

/** `text` cut to `max` characters, the last an ellipsis that says so. */
export const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A member's name cut short, for choice lists and lists of many; the team card shows it whole. */
export const shortName = (current: Case, member: TeamMember, m: Messages) => shortened(memberName(current, member, m), SHORT_NAME);

/** The role as roleName says it, the free text of "Andre: …" cut short (the model's role names are short). */
export function shortRole(member: TeamMember, m: Messages): string {
  return member.role === 'other' && member.otherRoleName ? roleName({ ...member, otherRoleName: shortened(member.otherRoleName, SHORT_OTHER_ROLE) }, m) : roleName(member, m);
}

/**
 * "Name (role)"; "Name, role" when either has brackets of its own ("Karen Hansen (ekstern)", "Den unges
 * voksen (VIP)"), as brackets within brackets read badly.
 */
export const nameWithRole = (name: string, role: string) => (/[()]/.test(name + role) ? `${name}, ${role}` : `${name} (${role})`);

/** "Name (role)", cut short: how a member is offered in a choice, so that 60 of them fit a card. */
export function memberChoiceTitle(current: Case, member: TeamMember, m: Messages): string {
  return nameWithRole(shortName(current, member, m), shortRole(member, m));
}

/** A postal address on one line: Adresse, then Postnummer and By; an address stored as one line before shows as it was. */
export function addressLine({ address, postalCode, city }: ContactDetails): string | undefined {
  const town = [postalCode, city].filter(Boolean).join(' ');
  return [address, town].filter(Boolean).join(', ') || undefined;
}
