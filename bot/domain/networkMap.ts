// The network map (netværkskort, seed 001): the people around the young person, each in one of five
// fields at the closeness the young person chooses (three circles), with lines between people who have
// to do with each other. The coordinator fills it in with the young person. A person already on the team
// is linked by member id, never typed twice. Every change is kept with who and when, ids only.
import type { Case } from './case';
import { type Meeting, isInternalMeeting } from './meeting';
import { DomainError } from './errors';
import { optionalText, requiredText } from './fields';
import { keepFirstAndLast } from './limits';

/** Seed 001's fields: familie (lives with), slægt (family not lived with), fritid/andre, arbejde/skole, fagpersoner. */
export const MAP_FIELDS = ['family', 'relatives', 'leisure', 'workSchool', 'professionals'] as const;
export type MapField = (typeof MAP_FIELDS)[number];

/** The three circles: 1 is the innermost, the closest to the young person. */
export const CLOSENESS_LEVELS = [1, 2, 3] as const;
export type Closeness = (typeof CLOSENESS_LEVELS)[number];

export interface MapPerson {
  /** "p1", "p2", …: short, since links and history repeat it, and never reused on the map. */
  id: string;
  field: MapField;
  closeness: Closeness;
  /** A team member: name (and contact details, for the network overview) come from the team. */
  memberId?: string;
  /** Someone not on the team, as the young person names them. */
  name?: string;
  /** What they are to the young person ("mormor", "træner"), if the young person says. */
  relation?: string;
}

/** A line the young person draws between two people who have to do with each other. */
interface MapLink {
  between: [string, string];
}

interface MapEvent {
  at: string;
  byAadObjectId: string;
  kind: 'personAdded' | 'personMoved' | 'personRemoved' | 'personOnTeam' | 'linked' | 'unlinked' | 'shown';
  personId?: string;
}

export interface NetworkMap {
  persons: MapPerson[];
  links: MapLink[];
  history: MapEvent[];
  /** When the map was last shown (its picture opened) by a team member: the checklist asks whether it was used. */
  lastShownAt?: string;
  /** The number of the last person put on the map, so that an id is never given twice. */
  lastPersonNumber: number;
}

export const NETWORK_MAP_LIMITS = {
  /** A young person's network on paper rarely holds more than a few dozen; the picture stays readable at this many. */
  persons: 40,
  links: 80,
  /**
   * Kept: the first change (when the map was begun) and the latest ones: enough to see who changed the
   * map lately; a case at every limit must stay under 1 MB with its map full (test/support/limitCase.ts).
   */
  events: 20,
} as const;

/** Written on the picture: a name longer than this would not fit a circle. */
const MAP_NAME_MAX = 60;
const RELATION_MAX = 40;

const emptyNetworkMap = (): NetworkMap => ({ persons: [], links: [], history: [], lastPersonNumber: 0 });

export const networkMapOf = (current: Case): NetworkMap => current.networkMap ?? emptyNetworkMap();

/** A map exists once someone is on it. */
export const hasNetworkMap = (current: Case): boolean => networkMapOf(current).persons.length > 0;

export interface MapPersonInput {
  field?: string | undefined;
  closeness?: string | number | undefined;
  memberId?: string;
  name?: string;
  relation?: string;
}

function parseField(value: string | undefined): MapField {
  if (!value?.trim()) throw new DomainError('fieldRequired', { field: 'mapField' });
  if (!(MAP_FIELDS as readonly string[]).includes(value.trim())) throw new DomainError('invalidMapPlace');
  return value.trim() as MapField;
}

function parseCloseness(value: string | number | undefined): Closeness {
  if (value === undefined || String(value).trim() === '') throw new DomainError('fieldRequired', { field: 'closeness' });
  const level = Number(value);
  if (!(CLOSENESS_LEVELS as readonly number[]).includes(level)) throw new DomainError('invalidMapPlace');
  return level as Closeness;
}

/** Who the person is: a team member (once on the map), or a typed name. */
function identityOf(current: Case, map: NetworkMap, input: MapPersonInput, except?: string): Pick<MapPerson, 'memberId' | 'name'> {
  const memberId = input.memberId?.trim();
  if (memberId) {
    const member = current.members.find((candidate) => candidate.id === memberId);
    if (!member || member.role === 'youngPerson') throw new DomainError('memberNotFound');
    if (map.persons.some((person) => person.memberId === memberId && person.id !== except)) throw new DomainError('memberAlreadyOnMap');
    return { memberId };
  }
  return { name: requiredText(input.name, 'mapName', MAP_NAME_MAX) };
}

const withEvent = (map: NetworkMap, event: MapEvent): NetworkMap => ({ ...map, history: keepFirstAndLast([...map.history, event], NETWORK_MAP_LIMITS.events - 1) });

const changed = (current: Case, map: NetworkMap): Case => ({ ...current, networkMap: map });

function personOf(map: NetworkMap, personId: string): MapPerson {
  if (!personId) throw new DomainError('fieldRequired', { field: 'mapPerson' });
  const person = map.persons.find((candidate) => candidate.id === personId);
  if (!person) throw new DomainError('mapPersonNotFound');
  return person;
}

/** Puts a person on the map, last in its list, with the next unused id. */
export function addMapPerson(current: Case, input: MapPersonInput, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  if (map.persons.length >= NETWORK_MAP_LIMITS.persons) throw new DomainError('networkMapFull', { max: NETWORK_MAP_LIMITS.persons });
  const lastPersonNumber = map.lastPersonNumber + 1;
  const personId = `p${lastPersonNumber}`;
  const person: MapPerson = {
    id: personId,
    field: parseField(input.field),
    closeness: parseCloseness(input.closeness),
    ...identityOf(current, map, input),
    ...optionalRelation(input.relation),
  };
  return changed(current, withEvent({ ...map, persons: [...map.persons, person], lastPersonNumber }, { at: now.toISOString(), byAadObjectId, kind: 'personAdded', personId }));
}

function optionalRelation(value: string | undefined): Pick<MapPerson, 'relation'> {
  const relation = optionalText(value, 'relation', RELATION_MAX);
  return relation ? { relation } : {};
}

/** Moves a person to another field or circle; nothing else changes. */
export function moveMapPerson(current: Case, personId: string, input: Pick<MapPersonInput, 'field' | 'closeness'>, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  const person = personOf(map, personId);
  const field = parseField(input.field);
  const closeness = parseCloseness(input.closeness);
  if (field === person.field && closeness === person.closeness) return current;
  const persons = map.persons.map((candidate) => (candidate === person ? { ...person, field, closeness } : candidate));
  return changed(current, withEvent({ ...map, persons }, { at: now.toISOString(), byAadObjectId, kind: 'personMoved', personId }));
}

/** Takes the person off the map, and every line to them. */
export function removeMapPerson(current: Case, personId: string, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  personOf(map, personId);
  const persons = map.persons.filter((person) => person.id !== personId);
  const links = map.links.filter((link) => !link.between.includes(personId));
  return changed(current, withEvent({ ...map, persons, links }, { at: now.toISOString(), byAadObjectId, kind: 'personRemoved', personId }));
}

const sameLink = (link: MapLink, a: string, b: string) => link.between.includes(a) && link.between.includes(b);

/** Draws a line between two people; one line between any two. */
export function linkMapPersons(current: Case, a: string, b: string, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  personOf(map, a);
  personOf(map, b);
  if (a === b) throw new DomainError('invalidMapLink');
  if (map.links.some((link) => sameLink(link, a, b))) return current;
  if (map.links.length >= NETWORK_MAP_LIMITS.links) throw new DomainError('networkMapFull', { max: NETWORK_MAP_LIMITS.links });
  return changed(current, withEvent({ ...map, links: [...map.links, { between: [a, b] }] }, { at: now.toISOString(), byAadObjectId, kind: 'linked', personId: a }));
}

export function unlinkMapPersons(current: Case, a: string, b: string, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  if (!map.links.some((link) => sameLink(link, a, b))) return current;
  const links = map.links.filter((link) => !sameLink(link, a, b));
  return changed(current, withEvent({ ...map, links }, { at: now.toISOString(), byAadObjectId, kind: 'unlinked', personId: a }));
}

/** The picture was shown: the checklist's "Blev netværkskortet anvendt i forberedelse til netværksmødet?" */
export function recordMapShown(current: Case, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  if (map.persons.length === 0) return current;
  const at = now.toISOString();
  return changed(current, withEvent({ ...map, lastShownAt: at }, { at, byAadObjectId, kind: 'shown' }));
}

/** Someone typed on the map, not on the team (the network overview's contact details come with adding them). */
export function typedMapPerson(current: Case, personId: string): MapPerson & { name: string } {
  const person = personOf(networkMapOf(current), personId);
  if (person.memberId !== undefined || person.name === undefined) throw new DomainError('mapPersonOnTeam');
  return { ...person, name: person.name };
}

/** The typed person is now the team member `memberId`: named by the team from now on, in the same place, with the same lines and relation. */
export function linkMapPersonToMember(current: Case, personId: string, memberId: string, byAadObjectId: string, now: Date): Case {
  const map = networkMapOf(current);
  const persons = map.persons.map((person) => (person.id === personId ? (({ name: _typed, ...rest }) => ({ ...rest, memberId }))(person) : person));
  return changed(current, withEvent({ ...map, persons }, { at: now.toISOString(), byAadObjectId, kind: 'personOnTeam', personId }));
}

/** A team member leaving the team stays on the map under the name they had, so the young person's picture keeps them. */
export function keepRemovedMemberOnMap(current: Case, memberId: string, name: string): Case {
  const map = networkMapOf(current);
  if (!map.persons.some((person) => person.memberId === memberId)) return current;
  const persons = map.persons.map((person) => (person.memberId === memberId ? (({ memberId: _gone, ...rest }) => ({ ...rest, name }))(person) : person));
  return changed(current, { ...map, persons });
}

/**
 * The checklist's two network-map questions as the map in the bot answers them, to be offered on the
 * checklist before anyone answers: made once someone is on it; used in preparing once it was shown since
 * the last network meeting. Only "yes": a map on paper ("eller andet lign. redskab") is the team's to say.
 */
export function networkMapAnswers(current: Case, meeting: Meeting): Partial<Record<'prepNetworkMapMade' | 'prepNetworkMapUsed', 'yes'>> {
  if (!hasNetworkMap(current)) return {};
  const shownAt = networkMapOf(current).lastShownAt;
  const previous = current.meetings.filter((other) => other.status === 'held' && !isInternalMeeting(other) && other.startsAt < meeting.startsAt).at(-1);
  const usedSince = shownAt !== undefined && (!previous || shownAt > previous.startsAt);
  return { prepNetworkMapMade: 'yes', ...(usedSince ? { prepNetworkMapUsed: 'yes' } : {}) };
}
