import { codeOf } from '../support/refusals';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import {
  NETWORK_MAP_LIMITS,
  addMapPerson,
  hasNetworkMap,
  linkMapPersons,
  moveMapPerson,
  networkMapOf,
  recordMapShown,
  removeMapPerson,
  unlinkMapPersons,
} from '../../bot/domain/networkMap';
import { addMember, removeMember } from '../../bot/domain/team';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const LATER = new Date(NOW.getTime() + 60_000);

const withVip = (): Case => addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen Hansen', phone: '22334455' } }, 'm-vip', by, NOW);

describe('the network map (netværkskort)', () => {
  it('puts typed people and team members in a field and a circle, with short ids never given twice', () => {
    let current = addMapPerson(withVip(), { field: 'family', closeness: '1', name: '  Mor  ', relation: 'mor' }, by, NOW);
    current = addMapPerson(current, { field: 'professionals', closeness: 2, memberId: 'm-vip' }, by, NOW);
    current = removeMapPerson(current, 'p1', by, LATER);
    current = addMapPerson(current, { field: 'leisure', closeness: '3', name: 'Ali' }, by, LATER);
    expect(networkMapOf(current).persons).toEqual([
      { id: 'p2', field: 'professionals', closeness: 2, memberId: 'm-vip' },
      { id: 'p3', field: 'leisure', closeness: 3, name: 'Ali' },
    ]);
    expect(networkMapOf(current).history.map((event) => [event.kind, event.personId, event.at])).toEqual([
      ['personAdded', 'p1', NOW.toISOString()],
      ['personAdded', 'p2', NOW.toISOString()],
      ['personRemoved', 'p1', LATER.toISOString()],
      ['personAdded', 'p3', LATER.toISOString()],
    ]);
    expect(hasNetworkMap(current)).toBe(true);
    expect(hasNetworkMap(sampleCase())).toBe(false);
  });

  it('refuses a place off the form, a missing name, a CPR number, the young person and a member twice, writing nothing', () => {
    const current = withVip();
    expect(codeOf(() => addMapPerson(current, { field: 'school', closeness: 1, name: 'A' }, by, NOW))).toBe('invalidMapPlace');
    expect(codeOf(() => addMapPerson(current, { field: 'family', closeness: 4, name: 'A' }, by, NOW))).toBe('invalidMapPlace');
    expect(codeOf(() => addMapPerson(current, { field: 'family', name: 'A' }, by, NOW))).toBe('fieldRequired');
    expect(codeOf(() => addMapPerson(current, { field: 'family', closeness: 1, name: ' ' }, by, NOW))).toBe('fieldRequired');
    expect(codeOf(() => addMapPerson(current, { field: 'family', closeness: 1, name: 'Mor 010203-1234' }, by, NOW))).toBe('cprNotAllowed');
    expect(codeOf(() => addMapPerson(current, { field: 'family', closeness: 1, name: 'A'.repeat(61) }, by, NOW))).toBe('textTooLong');
    expect(codeOf(() => addMapPerson(current, { field: 'family', closeness: 1, memberId: 'm-young' }, by, NOW))).toBe('memberNotFound');
    const once = addMapPerson(current, { field: 'professionals', closeness: 1, memberId: 'm-vip' }, by, NOW);
    expect(codeOf(() => addMapPerson(once, { field: 'family', closeness: 1, memberId: 'm-vip' }, by, NOW))).toBe('memberAlreadyOnMap');
    expect(current.networkMap).toBeUndefined();
  });

  it(`holds at most ${NETWORK_MAP_LIMITS.persons} people and ${NETWORK_MAP_LIMITS.links} lines`, () => {
    let current = sampleCase();
    for (let index = 0; index < NETWORK_MAP_LIMITS.persons; index++) current = addMapPerson(current, { field: 'leisure', closeness: 3, name: `Ven ${index}` }, by, NOW);
    expect(codeOf(() => addMapPerson(current, { field: 'leisure', closeness: 3, name: 'En for mange' }, by, NOW))).toBe('networkMapFull');
    let lines = 0;
    for (let a = 1; a <= NETWORK_MAP_LIMITS.persons && lines < NETWORK_MAP_LIMITS.links; a++) {
      for (let b = a + 1; b <= NETWORK_MAP_LIMITS.persons && lines < NETWORK_MAP_LIMITS.links; b++, lines++) current = linkMapPersons(current, `p${a}`, `p${b}`, by, NOW);
    }
    expect(codeOf(() => linkMapPersons(current, 'p39', 'p40', by, NOW))).toBe('networkMapFull');
    expect(networkMapOf(current).history).toHaveLength(NETWORK_MAP_LIMITS.events);
    expect(networkMapOf(current).history[0]).toMatchObject({ kind: 'personAdded', personId: 'p1' });
  });

  it('moves and connects; the same line twice or a line to oneself is refused or ignored', () => {
    let current = addMapPerson(sampleCase(), { field: 'family', closeness: 1, name: 'Mor' }, by, NOW);
    current = addMapPerson(current, { field: 'relatives', closeness: 2, name: 'Moster' }, by, NOW);
    current = moveMapPerson(current, 'p2', { field: 'family', closeness: '2' }, by, LATER);
    expect(moveMapPerson(current, 'p2', { field: 'family', closeness: 2 }, by, LATER)).toBe(current);
    current = linkMapPersons(current, 'p1', 'p2', by, LATER);
    expect(linkMapPersons(current, 'p2', 'p1', by, LATER)).toBe(current);
    expect(codeOf(() => linkMapPersons(current, 'p1', 'p1', by, LATER))).toBe('invalidMapLink');
    expect(codeOf(() => linkMapPersons(current, 'p1', 'p9', by, LATER))).toBe('mapPersonNotFound');
    expect(networkMapOf(current).persons[1]).toEqual({ id: 'p2', field: 'family', closeness: 2, name: 'Moster' });
    expect(networkMapOf(current).links).toEqual([{ between: ['p1', 'p2'] }]);
    const unlinked = unlinkMapPersons(current, 'p2', 'p1', by, LATER);
    expect(networkMapOf(unlinked).links).toEqual([]);
    const removed = removeMapPerson(current, 'p1', by, LATER);
    expect(networkMapOf(removed).links).toEqual([]);
  });

  it('records when the map was shown, once someone is on it', () => {
    expect(recordMapShown(sampleCase(), by, NOW)).toEqual(sampleCase());
    const current = recordMapShown(addMapPerson(sampleCase(), { field: 'family', closeness: 1, name: 'Mor' }, by, NOW), by, LATER);
    expect(networkMapOf(current).lastShownAt).toBe(LATER.toISOString());
  });

  it('keeps a team member who leaves the team on the map, under their name', () => {
    const current = removeMember(addMapPerson(withVip(), { field: 'professionals', closeness: 1, memberId: 'm-vip' }, by, NOW), 'm-vip', by, LATER);
    expect(networkMapOf(current).persons).toEqual([{ id: 'p1', field: 'professionals', closeness: 1, name: 'Karen Hansen' }]);
  });
});
