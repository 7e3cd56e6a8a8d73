// The network map as a PNG: measured and drawn with the font bundled from the npm registry
// (dejavu-fonts-ttf: æ, ø and å), never the host's fonts, so that it looks the same on every machine.
import { Resvg } from '@resvg/resvg-js';
import * as fontkit from 'fontkit';
import { type MapLayout, type MapPictureView, type Measure, layoutNetworkMap } from './layout';
import { FONT_FAMILY, networkMapSvg } from './svg';

const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];

const faces: { regular?: fontkit.Font; bold?: fontkit.Font } = {};
export const measureText: Measure = (text, fontSize, bold = false) => {
  const face = bold ? (faces.bold ??= fontkit.openSync(FONT_FILES[1]!) as fontkit.Font) : (faces.regular ??= fontkit.openSync(FONT_FILES[0]!) as fontkit.Font);
  return (face.layout(text).advanceWidth / face.unitsPerEm) * fontSize;
};

export interface NetworkMapPicture {
  layout: MapLayout;
  svg: string;
  png: Buffer;
}

export function renderNetworkMap(view: MapPictureView, title: string): NetworkMapPicture {
  const layout = layoutNetworkMap(view, measureText);
  const svg = networkMapSvg(layout, title);
  const png = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }, fitTo: { mode: 'original' } }).render().asPng();
  return { layout, svg, png };
}
