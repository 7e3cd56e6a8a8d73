// The team around the young person: adding people from the conversation or from outside Teams,
// changing and removing them, handing the coordination over, and the `team` command.
import { z } from 'zod';
import { LEAVE_TEAM, memberEditCard } from '../../../cards/teamCards';
import { addTeamMember, changeTeamMember, handOverCoordination, removeTeamMember } from '../../app/manageTeam';
import { readCase } from '../../app/readCase';
import { DomainError } from '../../domain/errors';
import { rosterOf } from '../roster';
import { viewAfterChange, viewCommand } from './case';
import { id, optionalText, withCase } from './data';
import { verb } from './turn';

export const teamVerbs = [
  verb('team.edit', z.object({ ...withCase, memberId: id }), async ({ deps, actor, m }, { caseId, memberId }) => {
    const { case: current } = await readCase(deps, actor, caseId, 'memberEdit');
    const member = current.members.find((candidate) => candidate.id === memberId);
    if (!member) throw new DomainError('memberNotFound');
    return { card: memberEditCard(m, current, member) };
  }),
  verb(
    'team.addTeamsUser',
    z.object({ ...withCase, teamsUser: optionalText, teamsRole: optionalText, teamsOtherRoleName: optionalText, teamsSupportOffer: optionalText }),
    async (turn, { caseId, teamsUser, teamsRole, teamsOtherRoleName, teamsSupportOffer }) => {
      if (!teamsUser) throw new DomainError('fieldRequired', { field: 'name' });
      // The name comes from Teams' roster, never from what the card sent.
      const person = (await rosterOf(turn.context)).find((candidate) => candidate.aadObjectId === teamsUser);
      if (!person) return { message: turn.m.notInConversation };
      const changed = await addTeamMember(turn.deps, turn.actor, caseId, {
        role: teamsRole ?? '',
        otherRoleName: teamsOtherRoleName,
        supportOffer: teamsSupportOffer,
        person: { kind: 'teams', aadObjectId: person.aadObjectId, name: person.name, teamsUserId: person.teamsUserId },
      }, turn.activityId);
      return viewAfterChange(turn, changed, 'team', turn.m.cards.done.memberAdded);
    },
  ),
  verb(
    'team.addExternal',
    z.object({
      ...withCase,
      externalName: optionalText,
      externalPhone: optionalText,
      /** Optional like every contact field; cards sent before the network overview's fields lack the next two. */
      externalMainPhone: optionalText,
      externalEmail: optionalText,
      externalPostalAddress: optionalText,
      externalRole: optionalText,
      externalOtherRoleName: optionalText,
      externalSupportOffer: optionalText,
    }),
    async (turn, { caseId, externalName, externalPhone, externalMainPhone, externalEmail, externalPostalAddress, externalRole, externalOtherRoleName, externalSupportOffer }) => {
      const changed = await addTeamMember(turn.deps, turn.actor, caseId, {
        role: externalRole ?? '',
        otherRoleName: externalOtherRoleName,
        supportOffer: externalSupportOffer,
        person: { kind: 'external', name: externalName, phone: externalPhone, mainPhone: externalMainPhone, email: externalEmail, postalAddress: externalPostalAddress },
      }, turn.activityId);
      return viewAfterChange(turn, changed, 'team', turn.m.cards.done.memberAdded);
    },
  ),
  verb(
    'team.change',
    z.object({
      ...withCase,
      memberId: id,
      role: optionalText,
      otherRoleName: optionalText,
      supportOffer: optionalText,
      /** An external member's contact details; left out by cards sent before they could be changed (then kept). */
      phone: optionalText,
      mainPhone: optionalText,
      email: optionalText,
      postalAddress: optionalText,
    }),
    async (turn, { caseId, memberId, role, otherRoleName, supportOffer, phone, mainPhone, email, postalAddress }) => {
      const contact = { phone, mainPhone, email, postalAddress };
      const changed = await changeTeamMember(turn.deps, turn.actor, caseId, { memberId, role: role ?? '', otherRoleName, supportOffer, contact }, turn.activityId);
      return viewAfterChange(turn, changed, 'team', turn.m.cards.done.memberChanged);
    },
  ),
  verb('team.remove', z.object({ ...withCase, memberId: id }), async (turn, { caseId, memberId }) => {
    const changed = await removeTeamMember(turn.deps, turn.actor, caseId, memberId, turn.activityId);
    return viewAfterChange(turn, changed, 'team', turn.m.cards.done.memberRemoved);
  }),
  /** `previousCoordinatorRole`: the role the previous coordinator keeps in the team, or `leaveTeam`. */
  verb('team.handOver', z.object({ ...withCase, toMemberId: optionalText, previousCoordinatorRole: optionalText }), async (turn, { caseId, toMemberId, previousCoordinatorRole }) => {
    if (!toMemberId) throw new DomainError('fieldRequired', { field: 'name' });
    const keptRole = previousCoordinatorRole === LEAVE_TEAM ? undefined : previousCoordinatorRole;
    const changed = await handOverCoordination(turn.deps, turn.actor, caseId, toMemberId, keptRole, turn.activityId);
    return viewAfterChange(turn, changed, 'team', turn.m.cards.done.coordinatorHandedOver);
  }),
];

export const teamCommands = {
  team: viewCommand('team', { da: ['team'], en: ['team'] }),
};
