// The network overview (seed 001 section 3) built from the team and the map: the form's 20 rows in its
// order, each team member once in their role's row, the map's typed people in the private network's row
// or "Andre"; and someone typed on the map joining the team with contact details, named as on the map.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { addMapPerson, linkMapPersons, networkMapOf } from '../../bot/domain/networkMap';
import { OVERVIEW_ROWS, networkOverview } from '../../bot/domain/networkOverview';
import { addMapPersonToTeam, addMember } from '../../bot/domain/team';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;

/** A VIP and a UU-vejleder on the team (the UU-vejleder also on the map), and four people typed on the map. */
function caseWithNetwork(): Case {
  let current = addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen Holm', phone: '+45 22 33 44 55' }, supportOffer: 'Går med til møder' }, 'm-vip', by, NOW);
  current = addMember(current, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Berg' } }, 'm-jonas', by, NOW);
  current = addMapPerson(current, { field: 'family', closeness: 1, name: 'Mormor Åse', relation: 'mormor' }, by, NOW);
  current = addMapPerson(current, { field: 'professionals', closeness: 2, memberId: 'm-jonas', relation: 'vejleder' }, by, NOW);
  current = addMapPerson(current, { field: 'leisure', closeness: 3, name: 'Ali' }, by, NOW);
  current = addMapPerson(current, { field: 'professionals', closeness: 3, name: 'Eva Psykolog', relation: 'privatpraktiserende' }, by, NOW);
  current = addMapPerson(current, { field: 'workSchool', closeness: 2, name: 'Mester Bo' }, by, NOW);
  return linkMapPersons(current, 'p1', 'p2', by, NOW);
}

/** The people of a row, by name, as the overview holds them. */
function namesIn(current: Case, row: string): string[] {
  const found = networkOverview(current).find((line) => line.row === row);
  return (found?.persons ?? []).map((person) => (person.kind === 'member' ? `${person.member.id}${person.relation ? ` (${person.relation})` : ''}` : (person.mapPerson.name ?? '')));
}

describe('the network overview', () => {
  it("has the form's 20 rows in its order, empty ones included", () => {
    const rows = networkOverview(sampleCase()).map((line) => line.row);
    expect(rows).toEqual([
      'coordinator', 'vip', 'caseworkerChildren', 'caseworkerAdults', 'housingSupport', 'youthGuidance', 'jobcentre', 'placement', 'contactPerson',
      'substanceAbuse', 'psychologist', 'psychiatricAdviser', 'benefits', 'probation', 'school', 'educationInstitution', 'business', 'ssp', 'other', 'otherFromMap',
    ]);
    expect(rows).toEqual([...OVERVIEW_ROWS]);
    // The young person has the form's own box, not a row; the coordinator is in theirs.
    expect(namesIn(sampleCase(), 'coordinator')).toEqual(['m-coordinator']);
    expect(networkOverview(sampleCase()).filter((line) => line.persons.length === 0)).toHaveLength(19);
  });

  it('fills "Den unges voksen (VIP)/privat netværk" from the team and the private fields of the map, and "Andre" with the map\'s other professionals', () => {
    const current = caseWithNetwork();
    expect(namesIn(current, 'vip')).toEqual(['m-vip', 'Mormor Åse', 'Ali', 'Mester Bo']);
    expect(namesIn(current, 'otherFromMap')).toEqual(['Eva Psykolog']);
    expect(namesIn(current, 'other')).toEqual([]);
  });

  it('names a team member on the map once, in their role\'s row, with the relation the young person gave: nothing typed twice', () => {
    const current = caseWithNetwork();
    expect(namesIn(current, 'youthGuidance')).toEqual(['m-jonas (vejleder)']);
    const everyone = networkOverview(current).flatMap((line) => line.persons);
    expect(everyone.filter((person) => person.kind === 'member' && person.member.id === 'm-jonas')).toHaveLength(1);
    // Every team member but the young person, and every typed person on the map, exactly once.
    expect(everyone).toHaveLength(current.members.length - 1 + networkMapOf(current).persons.filter((person) => !person.memberId).length);
  });
});

describe('someone on the map joins the team with contact details', () => {
  it('becomes an external member named as on the map, and the member on the map in the same place with the same lines', () => {
    const later = new Date(NOW.getTime() + 60_000);
    const changed = addMapPersonToTeam(caseWithNetwork(), 'p1', { role: 'vip', phone: '+45 11 22 33 44', email: 'aase@example.dk', supportOffer: 'Aftensmad om torsdagen' }, 'm-aase', by, later);
    expect(changed.members.at(-1)).toMatchObject({ id: 'm-aase', role: 'vip', supportOffer: 'Aftensmad om torsdagen', person: { kind: 'external', name: 'Mormor Åse', phone: '+45 11 22 33 44', email: 'aase@example.dk' } });
    const map = networkMapOf(changed);
    expect(map.persons[0]).toEqual({ id: 'p1', field: 'family', closeness: 1, memberId: 'm-aase', relation: 'mormor' });
    expect(map.links).toEqual([{ between: ['p1', 'p2'] }]);
    expect(map.history.at(-1)).toEqual({ at: later.toISOString(), byAadObjectId: by, kind: 'personOnTeam', personId: 'p1' });
    expect(changed.history.at(-1)).toEqual({ at: later.toISOString(), byAadObjectId: by, kind: 'memberAdded', memberId: 'm-aase' });
    // In the overview once, as the team member, with the map's relation.
    expect(namesIn(changed, 'vip')).toEqual(['m-vip', 'm-aase (mormor)', 'Ali', 'Mester Bo']);
  });

  it('refuses a CPR number, a wrong e-mail or phone number, a person on the team already and one not on the map', () => {
    const current = caseWithNetwork();
    expect(codeOf(() => addMapPersonToTeam(current, 'p1', { role: 'vip', supportOffer: 'CPR 010203-1234' }, 'm-x', by, NOW))).toBe('cprNotAllowed');
    expect(codeOf(() => addMapPersonToTeam(current, 'p1', { role: 'vip', email: 'aase' }, 'm-x', by, NOW))).toBe('invalidEmail');
    expect(codeOf(() => addMapPersonToTeam(current, 'p1', { role: 'vip', phone: 'ring til mig' }, 'm-x', by, NOW))).toBe('invalidPhone');
    expect(codeOf(() => addMapPersonToTeam(current, 'p1', { role: 'coordinator' }, 'm-x', by, NOW))).toBe('roleNotAssignable');
    expect(codeOf(() => addMapPersonToTeam(current, 'p2', { role: 'vip' }, 'm-x', by, NOW))).toBe('mapPersonOnTeam');
    expect(codeOf(() => addMapPersonToTeam(current, 'p9', { role: 'vip' }, 'm-x', by, NOW))).toBe('mapPersonNotFound');
  });
});
