// The radar (bot/domain/radar.ts) as a card: each case by its reference with what needs attention,
// most urgent first; never the young person's name, so the same card serves the Monday message, the
// `radar` command and a reader of any consent. Within 28 KB: as many cases as fit, then "and N more".
import type { RadarCase, RadarItem } from '../bot/domain/radar';
import type { Messages } from '../bot/i18n';
import { firstFitting, halvings } from './budget';
import type { AdaptiveCardJson } from './render';
import { renderCard } from './render';

/** At most this many cases on the card: a week's list a coordinator reads on a phone. */
const RADAR_CARD_CASES = 25;

/** What one item says, in the reader's language. */
export function radarLine(m: Messages, item: RadarItem): string {
  const labels = m.cards.radar.items;
  switch (item.kind) {
    case 'who5Drop':
      return labels.who5Drop(item.score, item.drop);
    case 'who5Low':
      return labels.who5Low(item.score);
    case 'agreementsOverdue':
      return labels.agreementsOverdue(item.count);
    case 'consentExpired':
      return labels.consentExpired(m.dates.long(item.expiresOn));
    case 'consentExpiring':
      return labels.consentExpiring(m.dates.long(item.expiresOn));
    case 'fewMeetings':
      return labels.fewMeetings(item.held);
    case 'transitionMeetingDue':
      return labels.transitionMeetingDue(item.age, m.dates.long(item.birthday));
    case 'feedbackNotGiven':
    case 'handOverNotAcknowledged':
    case 'noMeetingPlanned':
    case 'adultHandOverDue':
      return labels[item.kind];
  }
}

/** The cases, already in radar order (sortRadar), under `title`; none when the list is empty. */
export function radarCard(m: Messages, radar: readonly RadarCase[], title: string): AdaptiveCardJson {
  const labels = m.cards.radar;
  const render = (shown: number) =>
    renderCard('radar', {
      title,
      intro: labels.intro,
      cases: radar.slice(0, shown).map((entry) => ({ heading: labels.caseHeading(entry.reference), lines: entry.items.map((item) => ({ text: `• ${radarLine(m, item)}` })) })),
      more: radar.length > shown ? labels.more(radar.length - shown) : '',
    });
  return firstFitting(halvings(Math.min(radar.length, RADAR_CARD_CASES)), render);
}
