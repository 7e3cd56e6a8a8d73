// The meeting's PDF documents as a reader gets them: turned into text (pdftotext) and page images
// (pdftoppm, poppler-utils) as the case file's archive or a phone would show them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { closedMeetingByNumber } from '../../bot/domain/closing';
import { da } from '../../bot/i18n/da';
import { minutesPdf } from '../../documents/minutesDocument';
import { youngPersonCopyPdf } from '../../documents/youngPersonCopy';
import { caseAtEveryLimit } from '../support/limitCase';
import { withApprovedMinutes, withNetworkMap } from '../support/sampleCards';

/** Debian's poppler-utils read the documents back. In CI a missing poppler is a failure, not a skip: the first call throws. */
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = !hasPoppler && !process.env.CI;

const PRINTED = new Date('2026-12-02T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-pdf-'));

/** The text of every page in reading order, a table's cells one after the other. */
const textOf = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
const infoOf = (file: string) => execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
/** Every page as a PNG at 40 dpi: its width and height in pixels, and how much of it is not white. */
function pagesOf(file: string, prefix: string): Array<{ width: number; height: number; inked: number }> {
  execFileSync('pdftoppm', ['-r', '40', '-png', file, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.png'))
    .sort()
    .map((name) => {
      const png = PNG.sync.read(readFileSync(join(dir, name)));
      let inked = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 200) inked++;
      return { width: png.width, height: png.height, inked: inked / (png.width * png.height) };
    });
}
/** Spaces as pdftotext lays them out are not the document's: compare words only. */
const words = (text: string) => text.replace(/\s+/g, ' ');

let current: Case;
let minutesFile: string;
let copyFile: string;

beforeAll(async () => {
  current = withNetworkMap(withApprovedMinutes());
  const meeting = closedMeetingByNumber(current);
  minutesFile = join(dir, 'minutes.pdf');
  copyFile = join(dir, 'copy.pdf');
  writeFileSync(minutesFile, await minutesPdf(da, current, meeting, meeting.closure, PRINTED));
  writeFileSync(copyFile, await youngPersonCopyPdf(da, current, meeting, meeting.closure));
});

describe.skipIf(skip)('the minutes for the case file', () => {
  it("holds the meeting's facts, every checklist question with its answer, the closing questions, the summary and the goals form, æ ø å intact", () => {
    const text = words(textOf(minutesFile));
    expect(text).toContain('Referat af den unges netværksmøde nr. 1');
    expect(text).toContain(current.reference);
    expect(text).toContain('Emil Hansen');
    expect(text).toContain('Mette Madsen');
    expect(text).toContain('Godkendt af den unge mandag 23. november 2026');
    // Places for other participants that nobody took are not questions left open.
    expect(text).not.toContain('Deltager 2 uden for teamet');
    expect(text).toContain('Udskrevet 02.12.2026');
    for (const heading of ['Mødetjekliste', 'Afslutning af mødet', 'Mål- og aftaleskema']) expect(text).toContain(heading);
    // An answered question and an unanswered one, as the paper form has both.
    expect(text).toContain('Syg');
    expect(text).toContain(da.cards.meeting.notAnswered);
    expect(text).toContain('Jonas holder kontakt med Emil, indtil der er plads på erhvervsskolen.');
    expect(text).toContain('Emil fortalte om sit ønske om at blive tømrer.');
    expect(text).toContain('Tema: Uddannelse');
    expect(text).toContain('tømrerlærling');
    expect(text).toContain('Finde en praktikplads hos en tømrer sammen med Emil.');
    expect(text).toContain('Indstilling');
    expect(text).toContain('Nej (24.11.2026): Emil vil først tale med en mentor efter jul.');
  });

  it('embeds its font, puts the goals form on landscape pages like the paper form, and draws every page', () => {
    const fonts = execFileSync('pdffonts', [minutesFile], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s.*\byes\s+yes\s+yes\b/);
    const sizes = [...infoOf(minutesFile).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map(([, width, height]) => Number(width) < Number(height));
    expect(sizes[0]).toBe(true);
    expect(sizes.at(-1)).toBe(false);
    const pages = pagesOf(minutesFile, 'minutes');
    expect(pages.length).toBe(sizes.length);
    for (const page of pages) expect(page.inked).toBeGreaterThan(0.005);
  });
});

describe.skipIf(skip)("the young person's copy", () => {
  it('tells them their goals, who does what by when, who gives feedback, whom to call and the next meeting', () => {
    const text = words(textOf(copyFile));
    expect(text).toContain('Din plan');
    expect(text).toContain('Det aftalte vi på netværksmødet mandag 23. november 2026.');
    expect(text).toContain('Jeg vil være tømrerlærling og senere tømrer.');
    expect(text).toContain('Dig: Ringe til erhvervsskolen og aftale et besøg.');
    expect(text).toContain('Jonas Jensen (UU-vejleder): Finde en praktikplads');
    expect(text).toContain('Karen Hansen, Den unges voksen (VIP): Hjælpe Emil');
    expect(text).not.toContain('ekstern');
    expect(text).toMatch(/Mette Madsen \(Myndigheds\u00ad?koordinator\) ringer eller skriver til dig senest to dage efter mødet/);
    // The acute contact is the VIP, outside Teams: their phone and e-mail are how to reach them.
    expect(text).toContain('22334455');
    expect(text).toContain('karen@example.dk');
    expect(text).toContain('Næste møde');
    expect(text).toContain('15.02.2027');
  });

  it("holds nothing about other people's private network, the checklist or the summary", () => {
    const text = words(textOf(copyFile));
    for (const absent of ['Mormor Åse', 'Lillebror Ørjan', 'Ali', 'Nørregade', 'Emil fortalte om sit ønske', 'Mødetjekliste', 'Syg', '+45 12 34 56 78']) expect(text).not.toContain(absent);
  });

  it('is a narrow page with large type that reads on a phone', () => {
    expect(infoOf(copyFile)).toMatch(/Page\s+1 size:\s+419\.\d+ x 595\.\d+/);
    const pages = pagesOf(copyFile, 'copy');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]!.width).toBeLessThan(pages[0]!.height);
    for (const page of pages) expect(page.inked).toBeGreaterThan(0.005);
  });
});

describe.skipIf(skip)('at the largest case', () => {
  it('draws both documents whole: every agreement in the form, in a bounded number of pages and bytes', async () => {
    const largest = caseAtEveryLimit();
    const meeting = closedMeetingByNumber(largest);
    const minutes = await minutesPdf(da, largest, meeting, meeting.closure, PRINTED);
    const copy = await youngPersonCopyPdf(da, largest, meeting, meeting.closure);
    const file = join(dir, 'largest.pdf');
    writeFileSync(file, minutes);
    const pages = Number(/Pages:\s+(\d+)/.exec(infoOf(file))?.[1]);
    expect(pages).toBeGreaterThan(4);
    expect(pages).toBeLessThan(400);
    const text = words(textOf(file));
    const agreementsShown = largest.agreements.filter((agreement) => text.includes(words(agreement.action.slice(0, 30)))).length;
    expect(agreementsShown).toBe(largest.agreements.length);
    expect(minutes.length + copy.length).toBeLessThan(20 * 1024 * 1024);
  }, 120_000);
});
