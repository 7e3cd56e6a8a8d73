// A document definition as PDF bytes, drawn by pdfmake with DejaVu Sans embedded, so that æ, ø and å
// print the same on every reader's machine and in the case file's archive. pdfmake reads nothing but
// the font files: no URL, no other file a definition could name.
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const FONT_FILES = {
  normal: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italics: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
  bolditalics: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf'),
};
const allowedFiles = new Set(Object.values(FONT_FILES));

pdfmake.setFonts({ DejaVuSans: FONT_FILES });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => allowedFiles.has(path));

/** The house style every document shares: A4, DejaVu Sans, headings. */
const BASE: Omit<TDocumentDefinitions, 'content'> = {
  pageSize: 'A4',
  pageMargins: [48, 56, 48, 56],
  defaultStyle: { font: 'DejaVuSans', fontSize: 10, lineHeight: 1.2 },
  styles: {
    title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
    heading: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
    subheading: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
    label: { bold: true },
    muted: { color: '#555555' },
  },
};

/** The document as PDF bytes; what `definition` sets (a smaller page, say) overrides the house style. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf({ ...BASE, ...definition }).getBuffer();
}
