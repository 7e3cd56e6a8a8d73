// Where everything goes on the network map's picture, drawn the way the paper form is (seed 001): the
// young person in the middle, three circles for closeness, five fields as sectors, a dot and a name for
// each person, lines between people. Pure geometry: text widths come from `measure` (the bundled font).
// No two labels overlap, and no label covers a dot or a field's title; a name that finds no free place
// beside its dot gets a number there and is written in the legend below the map instead, and where even
// the numbers do not fit, the picture grows.
import { MAP_FIELDS, type Closeness, type MapField } from '../../bot/domain/networkMap';

export interface MapPictureView {
  /** What the middle says: the young person (seed 001's "Den unge"). */
  centre: string;
  fieldTitles: Record<MapField, string>;
  persons: { id: string; name: string; field: MapField; closeness: Closeness; onTeam: boolean }[];
  links: { between: [string, string] }[];
}

/** Width of `text` in pixels at `fontSize`, in the font the picture is drawn with (its bold face for titles). */
export type Measure = (text: string, fontSize: number, bold?: boolean) => number;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The name beside a dot, or (`numbered`) its number in the legend; `box` is its extent. */
interface Label {
  text: string;
  numbered: boolean;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  box: Box;
}

interface PlacedPerson {
  id: string;
  x: number;
  y: number;
  onTeam: boolean;
  label: Label;
}

export interface MapLayout {
  width: number;
  height: number;
  centre: { x: number; y: number; radius: number; text: string };
  /** The three circles' radii, innermost first. */
  radii: [number, number, number];
  /** Sector borders, as angles in radians (clockwise from the top). */
  borders: number[];
  titles: { text: string; x: number; y: number; anchor: 'start' | 'middle' | 'end'; box: Box }[];
  persons: PlacedPerson[];
  lines: { x1: number; y1: number; x2: number; y2: number }[];
  legend: { number: number; text: string; x: number; y: number }[];
}

export const LABEL_FONT_SIZE = 14;
export const TITLE_FONT_SIZE = 16;
export const DOT_RADIUS = 6;
const LABEL_HEIGHT = 18;
const LABEL_GAP = 4;
const LEGEND_LINE = 20;
/** At scale 1: the young person's disc and the three circles, and the margin that holds the fields' titles. */
const BASE = { centre: 52, radii: [170, 290, 410] as const, margin: 56 };
const SECTOR = (2 * Math.PI) / MAP_FIELDS.length;
/** Candidates are this far apart: about a dot's diameter plus air. */
const STEP = 16;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const dotBox = (x: number, y: number): Box => ({ x: x - DOT_RADIUS - 1, y: y - DOT_RADIUS - 1, width: 2 * DOT_RADIUS + 2, height: 2 * DOT_RADIUS + 2 });

/** A point at `radius` and `angle` (clockwise from the top) around the centre. */
const polar = (cx: number, cy: number, radius: number, angle: number) => ({ x: cx + radius * Math.sin(angle), y: cy - radius * Math.cos(angle) });

/**
 * The points a person of a cell (field, circle) may stand on, nearest first to where the `share`-th of
 * the cell's people would stand if they were spread evenly across the field (share in [0, 1]).
 */
function candidates(cx: number, cy: number, inner: number, outer: number, field: number, share: number): { x: number; y: number }[] {
  const points: { x: number; y: number; distance: number }[] = [];
  const middle = (inner + outer) / 2;
  const target = polar(cx, cy, middle, field * SECTOR + share * SECTOR);
  const rings = Math.max(1, Math.floor((outer - inner - 2 * STEP) / STEP) + 1);
  for (let ring = 0; ring < rings; ring++) {
    const radius = rings === 1 ? middle : inner + STEP + ring * STEP;
    // Keep a dot's width clear of the sector's borders.
    const margin = (DOT_RADIUS + 4) / radius;
    const from = field * SECTOR + margin;
    const span = SECTOR - 2 * margin;
    const count = Math.max(1, Math.floor((span * radius) / STEP));
    for (let index = 0; index < count; index++) {
      const point = polar(cx, cy, radius, from + (count === 1 ? span / 2 : (index * span) / (count - 1)));
      points.push({ ...point, distance: Math.hypot(point.x - target.x, point.y - target.y) });
    }
  }
  return points.sort((a, b) => a.distance - b.distance);
}

const byPlace = (a: MapPictureView['persons'][number], b: MapPictureView['persons'][number]) =>
  a.closeness - b.closeness || MAP_FIELDS.indexOf(a.field) - MAP_FIELDS.indexOf(b.field) || Number(a.id.slice(1)) - Number(b.id.slice(1));

/** One attempt at a scale: undefined when some dot finds no free place (then a larger scale is tried). */
function layoutAt(view: MapPictureView, measure: Measure, scale: number): MapLayout | undefined {
  const margin = BASE.margin + Math.max(...MAP_FIELDS.map((field) => measure(view.fieldTitles[field], TITLE_FONT_SIZE, true))) / 2;
  const radii = BASE.radii.map((radius) => radius * scale) as [number, number, number];
  const size = 2 * (radii[2] + margin);
  const cx = size / 2;
  const cy = size / 2;
  const canvas: Box = { x: 0, y: 0, width: size, height: size };
  const inside = (box: Box) => box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.width && box.y + box.height <= canvas.height;

  const centreRadius = BASE.centre;
  // The young person's disc, or their name where it is wider than the disc.
  const centreWidth = Math.max(2 * centreRadius, measure(view.centre, TITLE_FONT_SIZE, true) + 8);
  const taken: Box[] = [{ x: cx - centreWidth / 2, y: cy - centreRadius, width: centreWidth, height: 2 * centreRadius }];
  const titles = MAP_FIELDS.map((field, index) => {
    const angle = (index + 0.5) * SECTOR;
    const at = polar(cx, cy, radii[2] + 14, angle);
    const width = measure(view.fieldTitles[field], TITLE_FONT_SIZE, true);
    const anchor = Math.abs(Math.sin(angle)) < 0.2 ? 'middle' : Math.sin(angle) > 0 ? 'start' : 'end';
    const left = anchor === 'start' ? at.x : anchor === 'middle' ? at.x - width / 2 : at.x - width;
    const y = Math.cos(angle) > 0.2 ? at.y : Math.cos(angle) < -0.2 ? at.y + TITLE_FONT_SIZE : at.y + TITLE_FONT_SIZE / 2;
    const box = { x: left, y: y - TITLE_FONT_SIZE, width, height: TITLE_FONT_SIZE + 4 };
    taken.push(box);
    return { text: view.fieldTitles[field], x: at.x, y, anchor, box } as const;
  });

  const ordered = [...view.persons].sort(byPlace);
  const cellOf = (person: (typeof ordered)[number]) => {
    const inner = person.closeness === 1 ? centreRadius : radii[person.closeness - 2]!;
    const cell = ordered.filter((other) => other.field === person.field && other.closeness === person.closeness);
    const share = (cell.indexOf(person) + 0.5) / cell.length;
    return candidates(cx, cy, inner, radii[person.closeness - 1]!, MAP_FIELDS.indexOf(person.field), share);
  };
  const free = (box: Box, others: readonly Box[]) => inside(box) && !others.some((other) => overlaps(box, other));
  /** A text of `width` beside a dot, on the side away from the centre first, where nothing is yet. */
  const beside = (width: number, dot: { x: number; y: number }, others: readonly Box[]) => {
    const sides: ('start' | 'end')[] = dot.x >= cx ? ['start', 'end'] : ['end', 'start'];
    return sides
      .map((anchor) => {
        const x = anchor === 'start' ? dot.x + DOT_RADIUS + LABEL_GAP : dot.x - DOT_RADIUS - LABEL_GAP;
        const box = { x: anchor === 'start' ? x : x - width, y: dot.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
        return { x, y: dot.y + LABEL_FONT_SIZE * 0.35, anchor, box };
      })
      .find((label) => free(label.box, others));
  };
  // A number's place is taken at the width of the largest number the legend can need.
  const numberWidth = measure(String(ordered.length), LABEL_FONT_SIZE, true);
  const labelOf = (person: (typeof ordered)[number], dot: { x: number; y: number }, others: readonly Box[]): Label | undefined => {
    const named = beside(measure(person.name, LABEL_FONT_SIZE), dot, others);
    if (named) return { ...named, text: person.name, numbered: false };
    const numbered = beside(numberWidth, dot, others);
    return numbered && { ...numbered, text: '', numbered: true };
  };

  // Each person where the dot and its name fit, else where the dot and a number fit. If the names leave a
  // later dot no room, the dots are placed first, every one, and the names or numbers after.
  const placeTogether = (): PlacedPerson[] | undefined => {
    const boxes = [...taken];
    const placed: PlacedPerson[] = [];
    for (const person of ordered) {
      const points = cellOf(person).filter((point) => free(dotBox(point.x, point.y), boxes));
      const labelled = points.map((point) => ({ point, label: labelOf(person, point, [...boxes, dotBox(point.x, point.y)]) }));
      const chosen = labelled.find(({ label }) => label && !label.numbered) ?? labelled.find(({ label }) => label);
      if (!chosen?.label) return undefined;
      boxes.push(dotBox(chosen.point.x, chosen.point.y), chosen.label.box);
      placed.push({ id: person.id, ...chosen.point, onTeam: person.onTeam, label: chosen.label });
    }
    return placed;
  };
  const placeDotsFirst = (): PlacedPerson[] | undefined => {
    const boxes = [...taken];
    const dots: { x: number; y: number }[] = [];
    for (const person of ordered) {
      const point = cellOf(person).find((candidate) => free(dotBox(candidate.x, candidate.y), boxes));
      if (!point) return undefined;
      dots.push(point);
      boxes.push(dotBox(point.x, point.y));
    }
    const placed: PlacedPerson[] = [];
    for (const [index, person] of ordered.entries()) {
      const label = labelOf(person, dots[index]!, boxes);
      if (!label) return undefined;
      boxes.push(label.box);
      placed.push({ id: person.id, ...dots[index]!, onTeam: person.onTeam, label });
    }
    return placed;
  };
  const persons = placeTogether() ?? placeDotsFirst();
  if (!persons) return undefined;

  // The legend: the names that did not fit beside their dot, by their number, in columns under the map.
  const numbered = persons.filter((placed) => placed.label.numbered);
  const nameOf = (placed: PlacedPerson) => ordered.find((candidate) => candidate.id === placed.id)!.name;
  const columnWidth = Math.max(0, ...numbered.map((placed) => measure(`${numbered.length}  ${nameOf(placed)}`, LABEL_FONT_SIZE, true))) + 24;
  const columns = Math.max(1, Math.floor((size - 32) / columnWidth));
  const legend = numbered.map((placed, index) => {
    placed.label.text = String(index + 1);
    return { number: index + 1, text: nameOf(placed), x: 16 + (index % columns) * columnWidth, y: size + LEGEND_LINE * (Math.floor(index / columns) + 1) };
  });
  const legendRows = Math.ceil(numbered.length / columns);
  const dots = new Map(persons.map((placed) => [placed.id, placed]));

  const lines = view.links.flatMap(({ between: [a, b] }) => {
    const from = dots.get(a);
    const to = dots.get(b);
    return from && to ? [{ x1: from.x, y1: from.y, x2: to.x, y2: to.y }] : [];
  });

  return {
    width: size,
    height: size + (legendRows > 0 ? legendRows * LEGEND_LINE + 12 : 0),
    centre: { x: cx, y: cy, radius: centreRadius, text: view.centre },
    radii,
    borders: MAP_FIELDS.map((_, index) => index * SECTOR),
    titles,
    persons,
    lines,
    legend,
  };
}

/** The smallest scale (in steps of a quarter) at which every person's dot and its name or number have a place of their own. */
export function layoutNetworkMap(view: MapPictureView, measure: Measure): MapLayout {
  for (let scale = 1; scale <= 4; scale += 0.25) {
    const layout = layoutAt(view, measure, scale);
    if (layout) return layout;
  }
  throw new Error('the network map does not fit at any scale');
}
