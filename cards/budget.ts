// What one card may weigh: Teams' conservative 28 KB of card JSON (mobile clients and older hosts fail
// above it, though Microsoft's own bound is larger). Cards page or shorten what grows to stay within.
import type { AdaptiveCardJson } from './render';

export const CARD_BUDGET_BYTES = 28 * 1024;

const cardBytes = (card: AdaptiveCardJson) => Buffer.byteLength(JSON.stringify(card), 'utf8');

export const fitsTeams = (card: AdaptiveCardJson) => cardBytes(card) <= CARD_BUDGET_BYTES;

/**
 * The card in the first layout that fits, from the fullest to the most compact. Why by rendering: the
 * size depends on what people typed (markdown escaping doubles some characters), which no fixed count
 * can know. A layout is rendered only when the one before it is over budget, so a realistic card costs
 * one render; the last is returned even over budget (test/cards/limits.test.ts shows none is).
 */
export function firstFitting<T>(layouts: readonly T[], render: (layout: T) => AdaptiveCardJson): AdaptiveCardJson {
  let card = render(layouts[0]!);
  for (const layout of layouts.slice(1)) {
    if (fitsTeams(card)) break;
    card = render(layout);
  }
  return card;
}

/** `count`, then half as many again and again, down to `least`: how many of a list to try to show. */
export function halvings(count: number, least = 1): number[] {
  const counts = [Math.max(count, least)];
  while (counts.at(-1)! > least) counts.push(Math.max(least, Math.floor(counts.at(-1)! / 2)));
  return counts;
}
