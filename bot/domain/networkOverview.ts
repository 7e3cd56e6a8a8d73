// The network overview (netværksoverblik, seed 001 section 3): the form's 20 rows, each with the people
// in it. Built from the team and the network map, never stored: a team member is in the row of their
// role with the team's contact details and support offer; someone on the map who is not on the team is
// in "Den unges voksen (VIP)/privat netværk" (the private fields of the map) or in "Andre (angiv hvem)"
// (a professional not on the team), with the relation the young person gave. Access is the caller's:
// only team members with consent see it (readCase).
import type { Case, TeamMember } from './case';
import { type MapField, type MapPerson, networkMapOf } from './networkMap';
import { TEAM_ROLES, type TeamRole } from './roles';

/** The form's rows in its order: the team's roles (the young person has the form's own box), and "Andre" twice, as on paper. */
export const OVERVIEW_ROWS = [...TEAM_ROLES.filter((role) => role !== 'youngPerson'), 'otherFromMap'] as const;
export type OverviewRowKey = Exclude<TeamRole, 'youngPerson'> | 'otherFromMap';

/** The map's fields of the young person's private network (familie, slægt, fritid/andre, arbejde/skole). */
const PRIVATE_FIELDS: readonly MapField[] = ['family', 'relatives', 'leisure', 'workSchool'];

export type OverviewPerson =
  /** On the team: name, contact details and support offer are the team's; `relation` the map's, if they are on it. */
  | { kind: 'member'; member: TeamMember; relation?: string }
  /** On the map only: a name and a relation; contact details come with adding them to the team. */
  | { kind: 'mapPerson'; mapPerson: MapPerson };

export interface OverviewRow {
  row: OverviewRowKey;
  persons: OverviewPerson[];
}

function rowOfMapPerson(person: MapPerson): OverviewRowKey {
  return PRIVATE_FIELDS.includes(person.field) ? 'vip' : 'otherFromMap';
}

/** Every row of the form, empty ones included, in the form's order; within a row the team first, then the map in its order. */
export function networkOverview(current: Case): OverviewRow[] {
  const map = networkMapOf(current);
  const relationOf = new Map(map.persons.flatMap((person) => (person.memberId && person.relation ? [[person.memberId, person.relation] as const] : [])));
  const typed = map.persons.filter((person) => person.memberId === undefined);
  return OVERVIEW_ROWS.map((row) => ({
    row,
    persons: [
      ...current.members
        .filter((member) => member.role === row)
        .map((member): OverviewPerson => {
          const relation = relationOf.get(member.id);
          return { kind: 'member', member, ...(relation ? { relation } : {}) };
        }),
      ...typed.filter((person) => rowOfMapPerson(person) === row).map((mapPerson): OverviewPerson => ({ kind: 'mapPerson', mapPerson })),
    ],
  }));
}
