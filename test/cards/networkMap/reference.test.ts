// The network map's picture from fixed data, compared pixel by pixel (pixelmatch, a small tolerance) with
// the reference checked in beside this file, which a person has looked at. Drawn with the bundled font by
// resvg, it is the same on every machine; a change to the drawing shows here first. To accept a change on
// purpose: UPDATE_NETWORK_MAP_REFERENCE=1 npx vitest run test/cards/networkMap, look at the new PNG, commit.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { MapPictureView } from '../../../cards/networkMap/layout';
import { renderNetworkMap } from '../../../cards/networkMap/render';

const REFERENCE = join(__dirname, 'reference.png');
const DIFF = join(process.cwd(), '.previews', 'networkMap', 'reference-diff.png');
/** Anti-aliasing may differ by a pixel here and there between CPUs; a moved label differs by thousands. */
const MAX_DIFFERENT_PIXELS = 200;

const VIEW: MapPictureView = {
  centre: 'Asta',
  fieldTitles: { family: 'Familie', relatives: 'Slægt', leisure: 'Fritid og andre', workSchool: 'Arbejde/skole', professionals: 'Fagpersoner' },
  persons: [
    { id: 'p1', name: 'Mor', field: 'family', closeness: 1, onTeam: false },
    { id: 'p2', name: 'Lillebror Ørjan', field: 'family', closeness: 1, onTeam: false },
    { id: 'p3', name: 'Mormor Åse', field: 'relatives', closeness: 2, onTeam: false },
    { id: 'p4', name: 'Far', field: 'relatives', closeness: 3, onTeam: false },
    { id: 'p5', name: 'Ali (bedste ven)', field: 'leisure', closeness: 1, onTeam: false },
    { id: 'p6', name: 'Træner Kim', field: 'leisure', closeness: 2, onTeam: false },
    { id: 'p7', name: 'Lærer Mette Højgaard', field: 'workSchool', closeness: 2, onTeam: false },
    { id: 'p8', name: 'Mette Madsen', field: 'professionals', closeness: 1, onTeam: true },
    { id: 'p9', name: 'Jonas Jensen', field: 'professionals', closeness: 2, onTeam: true },
    { id: 'p10', name: 'Psykolog Ærø', field: 'professionals', closeness: 3, onTeam: false },
  ],
  links: [
    { between: ['p1', 'p2'] },
    { between: ['p1', 'p3'] },
    { between: ['p5', 'p6'] },
    { between: ['p8', 'p9'] },
  ],
};

describe("the network map's picture", () => {
  it('looks as the reference a person looked at', () => {
    const drawn = PNG.sync.read(renderNetworkMap(VIEW, 'Netværkskort').png);
    if (process.env.UPDATE_NETWORK_MAP_REFERENCE) writeFileSync(REFERENCE, PNG.sync.write(drawn));
    expect(existsSync(REFERENCE), `no reference at ${REFERENCE}`).toBe(true);
    const reference = PNG.sync.read(readFileSync(REFERENCE));
    expect([drawn.width, drawn.height]).toEqual([reference.width, reference.height]);
    const diff = new PNG({ width: drawn.width, height: drawn.height });
    const different = pixelmatch(drawn.data, reference.data, diff.data, drawn.width, drawn.height, { threshold: 0.1 });
    if (different > MAX_DIFFERENT_PIXELS) {
      mkdirSync(join(DIFF, '..'), { recursive: true });
      writeFileSync(DIFF, PNG.sync.write(diff));
    }
    expect(different, `differing pixels (the difference: ${DIFF})`).toBeLessThanOrEqual(MAX_DIFFERENT_PIXELS);
  });
});
