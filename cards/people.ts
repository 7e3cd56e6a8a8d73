// How a team member is named on a card. Only for cards shown to readers of the case.
import { type Case, type TeamMember, coordinatorOf } from '../bot/domain/case';
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
  return member.role === 'other' && member.otherRoleName ? `${m.roles.other.split(' (')[0]}: ${member.otherRoleName}` : m.roles[member.role];
}

export function coordinatorName(current: Case, m: Messages): string {
  return memberName(current, coordinatorOf(current), m);
}
