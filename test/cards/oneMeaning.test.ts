// Words that mean one thing (issue 11, section 6): in seed 001 the "overleveringsskema" is the form sent to
// the participants before the meeting (preparation question 1). The eye-keeper's step is named with the
// form's own words, "hvem holder øje med den unge indtil næste møde", never "overlevering".
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { everyCard, fullTeam } from '../support/sampleCards';

const preparationQuestion = da.checklist.questions.prepHandoverSent;
const handOverWord = /overlever/i;

/** Every text in a messages tree: strings as they are, functions called with sample names and numbers. */
function textsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node === 'function') {
    const sample = Array.from({ length: node.length }, (_, index) => (index === 0 ? 'Ali Hassan' : '2'));
    try {
      return textsOf((node as (...args: unknown[]) => unknown)(...sample));
    } catch {
      return [];
    }
  }
  if (node && typeof node === 'object') return Object.values(node).flatMap(textsOf);
  return [];
}

describe('"overlevering" means only the preparation form', () => {
  it('is the preparation question\'s word for the form sent before the meeting', () => {
    expect(preparationQuestion).toMatch(/overleveringsskema/);
  });

  it('is in no other Danish text', () => {
    const texts = textsOf(da).filter((text) => text !== preparationQuestion);
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter((text) => handOverWord.test(text))).toEqual([]);
  });

  it('is on no Danish card except in the preparation question, while the eye-keeper\'s cards say "holder øje med den unge"', () => {
    const cards = everyCard(da, fullTeam());
    for (const [name, card] of Object.entries(cards)) {
      const shown = JSON.stringify(card).split(JSON.stringify(preparationQuestion).slice(1, -1)).join('');
      expect(shown, name).not.toMatch(handOverWord);
    }
    for (const name of ['handOver', 'handOverForCoordinator', 'handOverRelayed', 'handOverAcknowledged']) {
      expect(JSON.stringify(cards[name]), name).toContain('holder øje med den unge');
    }
  });
});
