// Every date a person reads is written the way their language writes it: never 2027-03-25 (issue 11 §7).
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { everyCard, fullTeam } from '../support/sampleCards';
import type { CardNode } from '../support/cardNodes';

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** The texts a person sees on a card: not the values of date inputs or of choices, nor action data. */
function visibleTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as CardNode;
    for (const key of ['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText', 'speak']) {
      if (typeof element[key] === 'string') texts.push(element[key] as string);
    }
    if (element.type === 'Input.Text' && typeof element.value === 'string') texts.push(element.value);
    if (element.type === 'FactSet') for (const fact of element.facts as CardNode[]) texts.push(String(fact.value));
    for (const [key, value] of Object.entries(element)) if (key !== 'data') walk(value);
  };
  walk(card);
  return texts;
}

describe.each([
  ['Danish', da],
  ['English', en],
])('dates on every card in %s', (_language, m) => {
  const cards = everyCard(m, fullTeam());

  it.each(Object.keys(cards))('%s shows no date as yyyy-mm-dd', (name) => {
    expect(visibleTexts(cards[name]).filter((text) => ISO_DATE.test(text))).toEqual([]);
  });
});
