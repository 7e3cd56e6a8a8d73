// `npm run cards:preview`: every card of test/support/sampleCards.ts, in Danish and English, rendered in
// headless Chromium with the Teams host config at desktop width to .previews/<lang>/<name>.png and at
// phone width to .previews/<lang>-phone/<name>.png, and the card behind each Action.ShowCard to
// <name>.<title>.png (the dark theme too with --dark, in <lang>-dark/ and <lang>-phone-dark/), and the
// sample case's network map as the picture the bot draws, .previews/<lang>/networkMapPicture.png, and its
// closed meeting's PDF documents, .previews/documents/ (minutes.pdf, youngPersonCopy.pdf). Prints a
// table and exits 1 when any card has a renderer error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { da } from '../../../bot/i18n/da';
import { en } from '../../../bot/i18n/en';
import type { Messages } from '../../../bot/i18n';
import { networkMapPng } from '../../../cards/networkMapCards';
import { closedMeetingByNumber } from '../../../bot/domain/closing';
import { minutesPdf } from '../../../documents/minutesDocument';
import { youngPersonCopyPdf } from '../../../documents/youngPersonCopy';
import { everyCard, fullTeam, withApprovedMinutes, withNetworkMap } from '../../support/sampleCards';
import { CARD_WIDTH, launchCardRenderer, PHONE_CARD_WIDTH, type RenderReport, type Theme } from './renderCards';

/** Folder, messages, and the browser locale that formats date and time inputs as Teams would. */
const LANGUAGES: Array<[string, Messages, string]> = [
  ['da', da, 'da-DK'],
  ['en', en, 'en-US'],
];

/** Folder suffix and card width: a card is looked at on the desktop and on a phone. */
const WIDTHS: Array<[string, number]> = [
  ['', CARD_WIDTH],
  ['-phone', PHONE_CARD_WIDTH],
];

/**
 * The cards behind Action.ShowCard buttons (forms people fill in), as cards of their own named
 * `<card>.<title>`, so that they can be looked at too; the renderer parses them inside their card as well.
 */
function withShowCards(cards: Record<string, object>): Record<string, object> {
  const result: Record<string, object> = {};
  const visit = (name: string, card: object) => {
    result[name] = card;
    const found: Array<{ title: string; card: object }> = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.type === 'Action.ShowCard' && record.card && typeof record.card === 'object') {
          found.push({ title: String(record.title ?? 'showCard'), card: record.card as object });
          return;
        }
        Object.values(record).forEach(walk);
      }
    };
    walk(card);
    for (const { title, card: inner } of found) {
      const slug = title.replace(/æ/gi, 'ae').replace(/ø/gi, 'oe').replace(/å/gi, 'aa').normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'showCard';
      let child = `${name}.${slug}`;
      for (let n = 2; child in result; n++) child = `${name}.${slug}-${n}`;
      visit(child, { version: (card as { version?: string }).version ?? '1.5', ...inner });
    }
  };
  for (const [name, card] of Object.entries(cards)) visit(name, card);
  return result;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/** The sample case's closed meeting as the PDF documents `dokumenter` gives (Danish, as the route draws them). */
async function writeDocuments(folder: string): Promise<void> {
  const current = withNetworkMap(withApprovedMinutes());
  const meeting = closedMeetingByNumber(current);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'minutes.pdf'), await minutesPdf(da, current, meeting, meeting.closure, new Date()));
  writeFileSync(join(folder, 'youngPersonCopy.pdf'), await youngPersonCopyPdf(da, current, meeting, meeting.closure));
}

async function main(): Promise<number> {
  const root = process.cwd();
  const outRoot = join(root, '.previews');
  await writeDocuments(join(outRoot, 'documents'));
  const themes: Theme[] = process.argv.includes('--dark') ? ['light', 'dark'] : ['light'];
  const renderer = await launchCardRenderer();
  const all: Array<{ folder: string; report: RenderReport }> = [];
  try {
    for (const theme of themes) {
      console.log(`host config (${theme}): ${renderer.hostConfigSource(theme)}`);
      for (const [language, messages, locale] of LANGUAGES) {
        const cards = withShowCards(everyCard(messages, fullTeam()));
        mkdirSync(join(outRoot, language), { recursive: true });
        writeFileSync(join(outRoot, language, 'networkMapPicture.png'), networkMapPng(messages, withNetworkMap(fullTeam())));
        for (const [suffix, width] of WIDTHS) {
          const folder = `${language}${suffix}${theme === 'light' ? '' : '-dark'}`;
          const reports = await renderer.render(cards, join(outRoot, folder), { theme, locale, width });
          all.push(...reports.map((report) => ({ folder, report })));
        }
      }
    }
  } finally {
    await renderer.close();
  }

  const rows = [['card', 'size', 'errors', 'warnings', 'png']];
  for (const { folder, report } of all) {
    rows.push([
      `${folder}/${report.name}`,
      report.png ? `${report.width}x${report.height}` : '-',
      String(report.errors.length),
      String(report.warnings.length),
      report.png ? relative(root, report.png) : '-',
    ]);
  }
  console.log(table(rows));
  for (const { folder, report } of all) {
    for (const error of report.errors) console.log(`ERROR   ${folder}/${report.name}: ${error}`);
    for (const warning of report.warnings) console.log(`warning ${folder}/${report.name}: ${warning}`);
  }
  const failed = all.filter(({ report }) => report.errors.length > 0 || !report.png);
  console.log(failed.length === 0 ? `${all.length} cards rendered without errors` : `${failed.length} of ${all.length} cards have renderer errors`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
