// The network map's layout as SVG: circles, sector borders, lines, dots, names, the legend. Every text
// is escaped for XML; the font is named, and the renderer is given that font's file (render.ts).
import { DOT_RADIUS, LABEL_FONT_SIZE, type MapLayout, TITLE_FONT_SIZE } from './layout';

export const FONT_FAMILY = 'DejaVu Sans';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
const round = (value: number) => Math.round(value * 10) / 10;

/** `title`: the picture's accessible name (what the map is, not who is on it). */
export function networkMapSvg(layout: MapLayout, title: string): string {
  const { centre, radii } = layout;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(layout.width)}" height="${round(layout.height)}" viewBox="0 0 ${round(layout.width)} ${round(layout.height)}" font-family="${FONT_FAMILY}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...radii.map((radius, index) => `<circle cx="${round(centre.x)}" cy="${round(centre.y)}" r="${round(radius)}" fill="${['#eef4fb', '#f5f8fc', '#fbfcfe'][index]}" stroke="#7a8ca3" stroke-width="1.5"/>`).reverse(),
    ...layout.borders.map((angle) => {
      const x = centre.x + radii[2] * Math.sin(angle);
      const y = centre.y - radii[2] * Math.cos(angle);
      return `<line x1="${round(centre.x)}" y1="${round(centre.y)}" x2="${round(x)}" y2="${round(y)}" stroke="#7a8ca3" stroke-width="1.5"/>`;
    }),
    ...layout.lines.map((line) => `<line x1="${round(line.x1)}" y1="${round(line.y1)}" x2="${round(line.x2)}" y2="${round(line.y2)}" stroke="#4b5a6b" stroke-width="1.5" stroke-opacity="0.7"/>`),
    `<circle cx="${round(centre.x)}" cy="${round(centre.y)}" r="${round(centre.radius)}" fill="#1f4e79"/>`,
    `<text x="${round(centre.x)}" y="${round(centre.y + TITLE_FONT_SIZE * 0.35)}" text-anchor="middle" font-size="${TITLE_FONT_SIZE}" font-weight="bold" fill="#ffffff" stroke="#1f4e79" stroke-width="3" paint-order="stroke">${escapeXml(centre.text)}</text>`,
    ...layout.titles.map((title) => `<text x="${round(title.x)}" y="${round(title.y)}" text-anchor="${title.anchor}" font-size="${TITLE_FONT_SIZE}" font-weight="bold" fill="#1f2933">${escapeXml(title.text)}</text>`),
  ];
  for (const person of layout.persons) {
    parts.push(`<circle cx="${round(person.x)}" cy="${round(person.y)}" r="${DOT_RADIUS}" fill="${person.onTeam ? '#1f4e79' : '#ffffff'}" stroke="#1f4e79" stroke-width="2"/>`);
    const { label } = person;
    const look = label.numbered ? 'font-weight="bold" fill="#b3261e"' : 'fill="#1f2933"';
    parts.push(`<text x="${round(label.x)}" y="${round(label.y)}" text-anchor="${label.anchor}" font-size="${LABEL_FONT_SIZE}" ${look} stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label.text)}</text>`);
  }
  for (const entry of layout.legend) {
    parts.push(`<text x="${round(entry.x)}" y="${round(entry.y)}" font-size="${LABEL_FONT_SIZE}" fill="#1f2933"><tspan font-weight="bold" fill="#b3261e">${entry.number}</tspan>  ${escapeXml(entry.text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
