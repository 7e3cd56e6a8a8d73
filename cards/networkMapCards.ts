// `netværk`: the network map (netværkskort, seed 001) as a card: the four questions to ask the young
// person, the people field by field, a link to the map as a picture, and for the coordinator the forms
// to put people on it, move them, take them off and draw lines. The picture's view is made here too,
// so the card and the picture name people the same way.
import { isCoordinator } from '../bot/domain/access';
import type { Case } from '../bot/domain/case';
import { CLOSENESS_LEVELS, MAP_FIELDS, type MapPerson, NETWORK_MAP_LIMITS, networkMapOf } from '../bot/domain/networkMap';
import type { Messages } from '../bot/i18n';
import type { MapPictureView } from './networkMap/layout';
import { renderNetworkMap } from './networkMap/render';
import { memberChoiceTitle, shortName, shortened } from './people';
import { type AdaptiveCardJson, renderCard } from './render';
import type { ViewedCase } from './views';

const NAME_IN_LIST = 40;

/** A person as the card and the picture name them: a team member by the team's name for them. */
function personName(m: Messages, current: Case, person: MapPerson): string {
  const member = person.memberId ? current.members.find((candidate) => candidate.id === person.memberId) : undefined;
  return member ? shortName(current, member, m) : shortened(person.name ?? '', NAME_IN_LIST);
}

/** The young person's first name in the middle, as they would write it on the paper form. */
const firstName = (current: Case) => current.youngPerson.name.split(/\s+/)[0] ?? '';

function networkPictureView(m: Messages, current: Case): MapPictureView {
  const map = networkMapOf(current);
  return {
    centre: firstName(current),
    fieldTitles: m.cards.network.fields,
    persons: map.persons.map((person) => ({ id: person.id, name: personName(m, current, person), field: person.field, closeness: person.closeness, onTeam: person.memberId !== undefined })),
    links: map.links,
  };
}

/** The map drawn as a PNG for whoever may read the case (the one-time link and the tab). */
export const networkMapPng = (m: Messages, current: Case): Buffer => renderNetworkMap(networkPictureView(m, current), m.cards.network.pictureTitle).png;

export interface NetworkCardOptions {
  /** The picture's one-time link; none when links are not set up or nobody is on the map. */
  pictureUrl?: string;
  notice?: string;
}

export function networkMapCard(m: Messages, { case: current, viewer }: ViewedCase, { pictureUrl = '', notice = '' }: NetworkCardOptions = {}): AdaptiveCardJson {
  const labels = m.cards.network;
  const map = networkMapOf(current);
  const nameOf = (person: MapPerson) => personName(m, current, person);
  /** Lines are counted, not named: the picture shows them, and 80 lines of names would not fit a card. */
  const linesOf = (person: MapPerson) => map.links.filter(({ between }) => between.includes(person.id)).length;
  const fields = MAP_FIELDS.map((field) => ({
    title: `${labels.fields[field]} (${labels.fieldHints[field]})`,
    facts: map.persons
      .filter((person) => person.field === field)
      .sort((a, b) => a.closeness - b.closeness)
      .map((person) => ({
        title: nameOf(person),
        value: [labels.closenessShort[person.closeness], person.relation, person.memberId ? labels.onTeam : undefined, linesOf(person) > 0 ? labels.personLines(linesOf(person)) : undefined].filter(Boolean).join(' · '),
      })),
  })).filter((field) => field.facts.length > 0);
  const onMap = new Set(map.persons.flatMap((person) => (person.memberId ? [person.memberId] : [])));
  const coordinator = isCoordinator(viewer);
  return renderCard('network', {
    caseId: current.id,
    labels,
    title: labels.title(current.reference),
    notice,
    // One block a question: Teams shows a single line break in a TextBlock as a space.
    questions: labels.questions,
    fields,
    empty: map.persons.length === 0 ? labels.empty : '',
    links: map.links.length > 0 ? labels.links(map.links.length) : '',
    pictureUrl: map.persons.length > 0 ? pictureUrl : '',
    isCoordinator: coordinator,
    coordinatorFills: coordinator ? '' : labels.coordinatorFills,
    canAdd: coordinator && map.persons.length < NETWORK_MAP_LIMITS.persons,
    full: coordinator && map.persons.length >= NETWORK_MAP_LIMITS.persons ? labels.full(NETWORK_MAP_LIMITS.persons) : '',
    hasPersons: coordinator && map.persons.length > 0,
    canLink: coordinator && map.persons.length > 1,
    memberChoices: current.members.filter((member) => member.role !== 'youngPerson' && !onMap.has(member.id)).map((member) => ({ title: memberChoiceTitle(current, member, m), value: member.id })),
    fieldChoices: MAP_FIELDS.map((field) => ({ title: `${labels.fields[field]} (${labels.fieldHints[field]})`, value: field })),
    closenessChoices: CLOSENESS_LEVELS.map((level) => ({ title: labels.closeness[level], value: String(level) })),
    personChoices: map.persons.map((person) => ({ title: nameOf(person), value: person.id })),
    showOverview: m.cards.networkOverview.show,
  });
}
