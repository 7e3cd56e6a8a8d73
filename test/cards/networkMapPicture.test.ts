// The network map's picture: readable at the map's limit however the people are spread (no label
// overlaps another label, a dot or a field's title; each person stands in their field and circle;
// whoever gets no label is in the legend), drawn with the bundled font. PNGs for a person to look at
// go to .previews/networkMap/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { type Box, DOT_RADIUS, type MapLayout, type MapPictureView, layoutNetworkMap } from '../../cards/networkMap/layout';
import { measureText, renderNetworkMap } from '../../cards/networkMap/render';
import { MAP_FIELDS, NETWORK_MAP_LIMITS, type Closeness, type MapField } from '../../bot/domain/networkMap';

const PREVIEWS = join(process.cwd(), '.previews', 'networkMap');

const TITLES: Record<MapField, string> = { family: 'Familie', relatives: 'Slægt', leisure: 'Fritid og andre', workSchool: 'Arbejde/skole', professionals: 'Fagpersoner' };
const NAMES = ['Mor', 'Far', 'Mormor Åse', 'Morfar Jørgen', 'Lillebror Ørjan', 'Moster Bodil', 'Fætter Søren', 'Ali (bedste ven)', 'Træner Kim', 'Nabo Hanne', 'Lærer Mette Højgaard', 'Chef i Føtex', 'UU-vejleder Jonas', 'Psykolog Ærø', 'Sagsbehandler Birgitte Sønderby'];

/** A small deterministic generator, so that a failing spread can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

type Person = MapPictureView['persons'][number];

function view(persons: Person[], links: [string, string][] = []): MapPictureView {
  return { centre: 'Emil', fieldTitles: TITLES, persons, links: links.map((between) => ({ between })) };
}

const person = (index: number, field: MapField, closeness: Closeness, name = NAMES[index % NAMES.length]!): Person => ({ id: `p${index + 1}`, name: `${name} ${index + 1}`, field, closeness, onTeam: field === 'professionals' });

const SPREADS: Record<string, Person[]> = {
  even: Array.from({ length: NETWORK_MAP_LIMITS.persons }, (_, index) => person(index, MAP_FIELDS[index % 5]!, (1 + (Math.floor(index / 5) % 3)) as Closeness)),
  'all in the innermost circle of one field': Array.from({ length: NETWORK_MAP_LIMITS.persons }, (_, index) => person(index, 'family', 1)),
  'long names in the outer circle': Array.from({ length: NETWORK_MAP_LIMITS.persons }, (_, index) => person(index, MAP_FIELDS[index % 5]!, 3, 'Lærer på erhvervsskolen i Ærøskøbing Åse Østergård-Bækgaard'.slice(0, 55))),
  ...Object.fromEntries(
    [1, 2, 3].map((seed) => {
      const next = random(seed);
      return [`random ${seed}`, Array.from({ length: NETWORK_MAP_LIMITS.persons }, (_, index) => person(index, MAP_FIELDS[Math.floor(next() * 5)]!, (1 + Math.floor(next() * 3)) as Closeness))];
    }),
  ),
};

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const dotBox = (x: number, y: number): Box => ({ x: x - DOT_RADIUS, y: y - DOT_RADIUS, width: 2 * DOT_RADIUS, height: 2 * DOT_RADIUS });

/** The angle clockwise from the top, in [0, 2π). */
const angleOf = (layout: MapLayout, x: number, y: number) => (Math.atan2(x - layout.centre.x, layout.centre.y - y) + 2 * Math.PI) % (2 * Math.PI);

function assertReadable(layout: MapLayout, persons: Person[]): void {
  const labels = layout.persons.map((placed) => placed.label.box);
  const dots = layout.persons.map((placed) => dotBox(placed.x, placed.y));
  const titles = layout.titles.map((title) => title.box);
  labels.forEach((label, index) => {
    labels.slice(index + 1).forEach((other) => expect(overlaps(label, other), 'two labels overlap').toBe(false));
    dots.forEach((dot) => expect(overlaps(label, dot), 'a label covers a dot').toBe(false));
    titles.forEach((title) => expect(overlaps(label, title), "a label covers a field's title").toBe(false));
    expect(label.x >= 0 && label.y >= 0 && label.x + label.width <= layout.width && label.y + label.height <= layout.height, 'a label leaves the picture').toBe(true);
  });
  dots.forEach((dot, index) => dots.slice(index + 1).forEach((other) => expect(overlaps(dot, other), 'two dots overlap').toBe(false)));
  for (const placed of layout.persons) {
    const wanted = persons.find((candidate) => candidate.id === placed.id)!;
    const field = Math.floor(angleOf(layout, placed.x, placed.y) / ((2 * Math.PI) / 5));
    expect(MAP_FIELDS[field], `${placed.id} stands in its field`).toBe(wanted.field);
    const radius = Math.hypot(placed.x - layout.centre.x, placed.y - layout.centre.y);
    const inner = wanted.closeness === 1 ? layout.centre.radius : layout.radii[wanted.closeness - 2]!;
    expect(radius > inner && radius < layout.radii[wanted.closeness - 1]!, `${placed.id} stands in circle ${wanted.closeness}`).toBe(true);
  }
  // Everyone is named: beside their dot, or by a number beside it and the name in the legend.
  const legendNames = new Map(layout.legend.map((entry) => [String(entry.number), entry.text]));
  for (const placed of layout.persons) {
    const name = persons.find((candidate) => candidate.id === placed.id)!.name;
    expect(placed.label.numbered ? legendNames.get(placed.label.text) : placed.label.text).toBe(name);
  }
  expect(layout.legend.map((entry) => entry.number)).toEqual(layout.legend.map((_, index) => index + 1));
  expect(layout.persons).toHaveLength(persons.length);
}

describe("the network map's picture", () => {
  it.each(Object.entries(SPREADS))('stays readable with %s, 40 people and 80 lines', (name, persons) => {
    const links = Array.from({ length: NETWORK_MAP_LIMITS.links }, (_, index): [string, string] => [`p${(index % 40) + 1}`, `p${((index * 7 + 3) % 40) + 1}`]).filter(([a, b]) => a !== b);
    const { layout, png } = renderNetworkMap(view(persons, links), 'Netværkskort');
    assertReadable(layout, persons);
    expect(layout.lines.length).toBe(links.length);
    mkdirSync(PREVIEWS, { recursive: true });
    writeFileSync(join(PREVIEWS, `${name.replace(/\W+/g, '-')}.png`), png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('names every person beside their dot when they are spread as on a usual map', () => {
    const layout = layoutNetworkMap(view(SPREADS.even!), measureText);
    expect(layout.legend).toEqual([]);
    expect(layout.width).toBeLessThanOrEqual(1200);
  });

  it('grows, rather than stacking dots, when one circle of one field holds everyone', () => {
    const crowded = layoutNetworkMap(view(SPREADS['all in the innermost circle of one field']!), measureText);
    const few = layoutNetworkMap(view(SPREADS['all in the innermost circle of one field']!.slice(0, 3)), measureText);
    expect(crowded.width).toBeGreaterThan(few.width);
  });

  it('escapes names as text, so a name cannot become markup', () => {
    const { svg } = renderNetworkMap(view([person(0, 'family', 1, '<script>&"Mor"')]), 'Netværkskort');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;&#38;&#34;Mor&#34; 1');
  });

  it('has æ, ø and å in both faces of the bundled font', () => {
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      const font = fontkit.openSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)) as fontkit.Font;
      for (const letter of 'æøåÆØÅ') expect(font.glyphForCodePoint(letter.codePointAt(0)!).id, `${letter} in ${file}`).not.toBe(0);
    }
  });
});
