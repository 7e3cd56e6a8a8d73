// What one card may weigh: Teams' conservative 28 KB of card JSON (mobile clients and older hosts fail
// above it, though Microsoft's own bound is larger). Cards page or shorten what grows to stay within.
import type { AdaptiveCardJson } from './render';

export const CARD_BUDGET_BYTES = 28 * 1024;

export const cardBytes = (card: AdaptiveCardJson) => Buffer.byteLength(JSON.stringify(card), 'utf8');

export const fitsTeams = (card: AdaptiveCardJson) => cardBytes(card) <= CARD_BUDGET_BYTES;
