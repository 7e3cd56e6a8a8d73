// A FactSet's title column is narrow (Teams gives it about 150 px): a word too long for it is broken
// anywhere ("Myndighedskoordinat/or"). Our own long words carry a soft hyphen where they may break.
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { nodes } from '../support/cardNodes';
import { everyCard, fullTeam } from '../support/sampleCards';

/** About as many characters of bold text as the title column holds on one line. */
const TITLE_LINE = 18;

describe.each([
  ['Danish', da],
  ['English', en],
])('FactSet titles in %s', (_language, m) => {
  it('hold no word longer than a line of the title column without a place to break it', () => {
    const unbreakable = Object.entries(everyCard(m, fullTeam())).flatMap(([name, card]) =>
      nodes(card, 'FactSet')
        .flatMap((factSet) => (factSet.facts as Array<{ title: string }>).map((fact) => fact.title))
        .flatMap((title) => title.split(/[\s\u00AD/-]+/))
        .filter((word) => word.length > TITLE_LINE)
        .map((word) => `${name}: ${word}`),
    );
    expect(unbreakable).toEqual([]);
  });
});
