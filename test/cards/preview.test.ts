// Every card of test/support/sampleCards.ts rendered in headless Chromium with the adaptivecards renderer
// (and the Teams host config where adaptivecards-designer is installed): no renderer errors, a real PNG
// each, and a broken card is caught. Without Chromium it skips on a developer's machine and fails in CI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import type { Messages } from '../../bot/i18n';
import { everyCard, fullTeam } from '../support/sampleCards';
import { CARD_WIDTH, findChromium, launchCardRenderer, PHONE_CARD_WIDTH, type CardRenderer, type RenderReport } from './preview/renderCards';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const chromiumPath = findChromium();
const missing = `no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
// In CI (CI set) a missing Chromium is a failure, not a skip: the launch below throws.
const skip = !chromiumPath && !process.env.CI;
if (skip) console.warn(`card rendering test skipped: ${missing}`);

const LANGUAGES: Array<[string, Messages, string]> = [
  ['da', da, 'da-DK'],
  ['en', en, 'en-US'],
];

const BROKEN_CARDS = {
  unknownElement: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus.Element', text: 'x' }] },
  unknownAction: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }], actions: [{ type: 'Action.Bogus', title: 'x' }] },
  unsupportedVersion: { type: 'AdaptiveCard', version: '9.9', body: [{ type: 'TextBlock', text: 'x' }] },
  notACard: { type: 'NotAnAdaptiveCard', body: [] },
};

describe.skipIf(skip)(skip ? `cards in headless Chromium (skipped: ${missing})` : 'cards in headless Chromium', () => {
  let renderer: CardRenderer;
  let outDir: string;
  const reports = new Map<string, RenderReport[]>();

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'card-previews-'));
    renderer = await launchCardRenderer();
    console.info(`host config: ${renderer.hostConfigSource('light')}`);
    for (const [language, messages, locale] of LANGUAGES) {
      reports.set(language, await renderer.render(everyCard(messages, fullTeam()), join(outDir, language), { locale }));
    }
  });

  afterAll(async () => {
    await renderer?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  describe.each(LANGUAGES)('%s', (language, messages) => {
    it('renders every sample card', () => {
      expect(reports.get(language)!.map((report) => report.name)).toEqual(Object.keys(everyCard(messages, fullTeam())));
    });

    it('has no renderer errors', () => {
      const withErrors = reports.get(language)!.filter((report) => report.errors.length > 0 || !report.png);
      expect(withErrors.map(({ name, errors }) => ({ name, errors }))).toEqual([]);
    });

    it('writes a real PNG of every card', () => {
      for (const report of reports.get(language)!) {
        const bytes = readFileSync(report.png!);
        expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${report.name}: PNG signature`).toBe(true);
        const image = PNG.sync.read(bytes);
        expect({ name: report.name, width: image.width, height: image.height }).toEqual({ name: report.name, width: report.width, height: report.height });
        expect(image.width, `${report.name}: width`).toBeGreaterThanOrEqual(200);
        expect(image.height, `${report.name}: height`).toBeGreaterThanOrEqual(50);
      }
    });
  });

  it('renders a card at phone width as well as at desktop width', async () => {
    // One card only: the suite renders every card at desktop width above; cards:preview renders all at both.
    const card = { team: everyCard(da, fullTeam()).team! };
    const [desktop] = await renderer.render(card, join(outDir, 'desktop'), { locale: 'da-DK' });
    const [phone] = await renderer.render(card, join(outDir, 'phone'), { locale: 'da-DK', width: PHONE_CARD_WIDTH });
    expect(phone!.errors).toEqual([]);
    expect(desktop!.width - phone!.width).toBe(CARD_WIDTH - PHONE_CARD_WIDTH);
    expect(phone!.height).toBeGreaterThanOrEqual(desktop!.height);
  });

  it('reports broken cards as renderer errors', async () => {
    const broken = await renderer.render(BROKEN_CARDS, join(outDir, 'broken'));
    for (const report of broken) expect(report.errors, report.name).not.toEqual([]);
    const byName = Object.fromEntries(broken.map((report) => [report.name, report.errors.join('\n')]));
    expect(byName.unknownElement).toMatch(/UnknownElementType/);
    expect(byName.unknownAction).toMatch(/UnknownActionType/);
    expect(byName.unsupportedVersion).toMatch(/UnsupportedCardVersion/);
    expect(byName.notACard).toMatch(/MissingCardType/);
  });
});
