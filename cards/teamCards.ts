// The team card (the people and their contact details; the form-shaped netværksoverblik is networkOverviewCards.ts) and the card to change one member.
import { isCoordinator } from '../bot/domain/access';
import type { Case, TeamMember } from '../bot/domain/case';
import { ASSIGNABLE_ROLES } from '../bot/domain/roles';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { type AdaptiveCardJson, renderCard } from './render';
import { memberChoiceTitle, memberName, roleName, shortened } from './people';
import { fittingPage, pageOf } from './paging';

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
const CONTACT_PREVIEW = 160;
/** Members on one page of the team card: 15 of the longest names and roles fit well within 28 KB (fewer when their texts are full of characters that markdown escaping doubles). */
export const TEAM_PAGE_SIZE = 15;
/** People of the conversation offered a page at a time, by name; a channel may have thousands, and only they can be added. */
export const MAX_ROSTER_CHOICES = 50;

const isFixedRole = (member: TeamMember) => member.role === 'coordinator' || member.role === 'youngPerson';

/** An external member's contact details on one line (the team card is shown only to readers with consent). */
function externalContact(m: Messages, member: TeamMember): string {
  if (member.person.kind !== 'external') return '';
  const { phone, mainPhone, email, postalAddress } = member.person;
  const labels = m.cards.team;
  return [phone && labels.directShort(phone), mainPhone && labels.mainShort(mainPhone), email, postalAddress].filter(Boolean).join(' · ');
}

function roleChoices(m: Messages) {
  return ASSIGNABLE_ROLES.map((role) => ({ title: m.roles[role], value: role }));
}

/**
 * The team, a page of members at a time (`page`, from 0, of `pageSize`), and for the coordinator the forms to add
 * people (the conversation's people by name, a page of them at a time: `rosterPage`) and hand over. A form whose
 * choices would be empty is left out and says why.
 */
export function teamCard(m: Messages, { case: current, viewer }: ViewedCase, roster: RosterPerson[], notice = '', page = 0, pageSize?: number, rosterPage?: number): AdaptiveCardJson {
  const managesTeam = isCoordinator(viewer);
  const onTeam = new Set(current.members.flatMap((member) => (member.person.kind === 'teams' ? [member.person.aadObjectId] : [])));
  // By name, so that the pages follow one another whatever order Teams returns the roster in.
  const addable = roster.filter((person) => !onTeam.has(person.aadObjectId)).sort((a, b) => a.name.localeCompare(b.name, 'da') || a.aadObjectId.localeCompare(b.aadObjectId));
  const people = pageOf(m, addable, rosterPage, MAX_ROSTER_CHOICES);
  const successorChoices = current.members
    .filter((member) => member.person.kind === 'teams' && !isFixedRole(member))
    .map((member) => ({ title: memberChoiceTitle(current, member, m), value: member.id }));
  return fittingPage(m, current.members, page, TEAM_PAGE_SIZE, pageSize, (members) =>
    renderCard('team', {
      caseId: current.id,
      notice,
      isCoordinator: managesTeam,
      labels: { ...m.cards.team, title: m.cards.team.title(current.reference) },
      members: members.items.map((member) => ({
        id: member.id,
        name: memberName(current, member, m),
        role: roleName(member, m),
        supportOffer: shortened(member.supportOffer ?? '', SUPPORT_OFFER_PREVIEW),
        contact: shortened(externalContact(m, member), CONTACT_PREVIEW),
        editable: managesTeam && !isFixedRole(member),
      })),
      pages: members,
      roster: { ...people, items: people.items.map((person) => ({ title: shortened(person.name, 40), value: person.aadObjectId })) },
      rosterMore: people.shown === '' ? '' : m.cards.team.rosterMore(people.page * people.size + 1, people.page * people.size + people.items.length, addable.length),
      roleChoices: roleChoices(m),
      leaveTeam: LEAVE_TEAM,
      successorChoices,
      // "Ny koordinator" needs someone to hand over to: until then the coordinator is told whom to add.
      canHandOver: managesTeam && successorChoices.length > 0,
      noSuccessor: managesTeam && successorChoices.length === 0 ? m.cards.team.noSuccessor : '',
      previousRoleChoices: [{ title: m.cards.team.leaveTeam, value: LEAVE_TEAM }, ...roleChoices(m)],
      showOverview: m.cards.networkOverview.show,
    }),
  );
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
      external: member.person.kind === 'external',
      ...(member.person.kind === 'external'
        ? { phone: member.person.phone ?? '', mainPhone: member.person.mainPhone ?? '', email: member.person.email ?? '', postalAddress: member.person.postalAddress ?? '' }
        : {}),
    },
    roleChoices: roleChoices(m),
  });
}
