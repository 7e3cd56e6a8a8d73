// The team card (netværksoverblik in Teams) and the card to change one member.
import type { Case, TeamMember } from '../bot/domain/case';
import { ASSIGNABLE_ROLES } from '../bot/domain/roles';
import type { Messages } from '../bot/i18n';
import type { CaseRead } from '../bot/app/readCase';
import { type AdaptiveCardJson, renderCard } from './render';
import { memberName, roleName } from './people';

/** A person in the conversation's roster who could be added to the team. */
export interface RosterPerson {
  aadObjectId: string;
  name: string;
  teamsUserId: string;
}

/** The hand-over choice for a previous coordinator who leaves the team (choices cannot be empty). */
export const LEAVE_TEAM = 'leaveTeam';

/** Long texts are cut on the team card so that a full team stays within Teams' message size. */
const SUPPORT_OFFER_PREVIEW = 120;

const preview = (text: string | undefined) => (text && text.length > SUPPORT_OFFER_PREVIEW ? `${text.slice(0, SUPPORT_OFFER_PREVIEW - 1)}…` : (text ?? ''));

const isFixedRole = (member: TeamMember) => member.role === 'coordinator' || member.role === 'youngPerson';

function roleChoices(m: Messages) {
  return ASSIGNABLE_ROLES.map((role) => ({ title: m.roles[role], value: role }));
}

export function teamCard(m: Messages, { case: current, viewer }: CaseRead, roster: RosterPerson[], notice = ''): AdaptiveCardJson {
  const isCoordinator = viewer.role === 'coordinator';
  const onTeam = new Set(current.members.flatMap((member) => (member.person.kind === 'teams' ? [member.person.aadObjectId] : [])));
  return renderCard('team', {
    caseId: current.id,
    notice,
    isCoordinator,
    labels: { ...m.cards.team, title: m.cards.team.title(current.reference) },
    members: current.members.map((member) => ({
      id: member.id,
      name: memberName(current, member, m),
      role: roleName(member, m),
      supportOffer: preview(member.supportOffer),
      editable: isCoordinator && !isFixedRole(member),
    })),
    rosterChoices: roster.filter((person) => !onTeam.has(person.aadObjectId)).map((person) => ({ title: person.name, value: person.aadObjectId })),
    roleChoices: roleChoices(m),
    leaveTeam: LEAVE_TEAM,
    successorChoices: current.members
      .filter((member) => member.person.kind === 'teams' && !isFixedRole(member))
      .map((member) => ({ title: memberName(current, member, m), value: member.id })),
    previousRoleChoices: [{ title: m.cards.team.leaveTeam, value: LEAVE_TEAM }, ...roleChoices(m)],
  });
}

export function memberEditCard(m: Messages, current: Case, member: TeamMember): AdaptiveCardJson {
  return renderCard('memberEdit', {
    caseId: current.id,
    labels: { ...m.cards.team, title: m.cards.team.title(current.reference) },
    member: {
      id: member.id,
      name: memberName(current, member, m),
      roleValue: member.role,
      otherRoleName: member.otherRoleName ?? '',
      supportOffer: member.supportOffer ?? '',
    },
    roleChoices: roleChoices(m),
  });
}
