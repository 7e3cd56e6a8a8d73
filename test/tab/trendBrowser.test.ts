// The trend picture in the tab's case details, in headless Chromium inside the Teams test host, rendered
// from fixed data (test/support/trendCase.ts): the WHO-5 points and the BIP marks where the answer's
// positions put them, the three network meetings as vertical marks with their numbers, the threshold at 50,
// the chart in words as its accessible name, the numbers and the status at each meeting as a table, and
// the WHO-5 signal in plain words for the coordinator. Light and dark, desktop and 360 px, axe; screenshots
// to .previews/tab/case-trend-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/app/context';
import { progressTimeLine } from '../../bot/domain/progress';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { trendPicture } from '../../cards/trendChart';
import { TEST_INDICATORS, TREND_NOW, testSets, trendCase } from '../support/trendCase';
import { OUT, launchBrowser, screenshot, seriousViolations, skip, tabHarness } from './tabHarness';
import { TENANT } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';

const COORDINATOR: Actor = { tenantId: TENANT, aadObjectId: 'aad-coordinator', name: 'Mette Madsen' };

let tab: TabServer;
let browser: Browser;

beforeAll(async () => {
  if (skip) return;
  tab = await startTabServer();
  tab.setNow(TREND_NOW);
  tab.deps.readinessIndicators = TEST_INDICATORS;
  await tab.store.createCase({ ...trendCase(), tenantId: TENANT }, { audit: [] });
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await tab?.close();
});

const { openInTeams } = tabHarness(() => ({ browser, tab }));

/** The drawing as the page has it: each series' marks and each meeting's mark. */
const drawn = (frame: Frame) =>
  frame.evaluate(() => {
    const chart = document.querySelector('svg.trend-chart')!;
    return {
      label: chart.getAttribute('aria-label'),
      who5: [...chart.querySelectorAll('[data-series="who5"] circle')].map((circle) => ({ on: circle.getAttribute('data-on'), cx: circle.getAttribute('cx'), cy: circle.getAttribute('cy') })),
      education: [...chart.querySelectorAll('[data-series="education"] rect')].map((rect) => ({ on: rect.getAttribute('data-on'), x: rect.getAttribute('x'), y: rect.getAttribute('y') })),
      work: [...chart.querySelectorAll('[data-series="work"] rect')].map((rect) => rect.getAttribute('data-value')),
      lines: [...chart.querySelectorAll('.trend-series polyline')].length,
      meetings: [...chart.querySelectorAll('g.trend-meeting')].map((mark) => ({
        on: mark.getAttribute('data-on'),
        x: mark.querySelector('line')!.getAttribute('x1'),
        label: mark.querySelector('text')!.textContent,
        title: mark.querySelector('title')!.textContent,
      })),
      threshold: chart.querySelector('line.trend-threshold')?.getAttribute('y1'),
      dates: [...chart.querySelectorAll('text.trend-axis')].map((text) => text.textContent),
    };
  });

async function openTrend(locale: string, theme: 'default' | 'dark', size: 'desktop' | 'phone') {
  const opened = await openInTeams({ locale, theme, token: await tab.tokenFor(COORDINATOR), as: COORDINATOR }, size);
  const m = locale.startsWith('en') ? en : da;
  await opened.frame.getByRole('button', { name: m.tab.page.openCase }).first().click({ timeout: 15_000 });
  await opened.frame.getByRole('heading', { level: 2, name: m.cards.trend.heading }).waitFor({ timeout: 15_000 });
  return opened;
}

describe.skipIf(skip)("the trend picture in the tab's case details", () => {
  for (const theme of ['default', 'dark'] as const) {
    for (const size of ['desktop', 'phone'] as const) {
      it(`draws WHO-5, readiness and the meetings from fixed data where the answer places them (${theme === 'default' ? 'light' : 'dark'}, ${size})`, async () => {
        const opened = await openTrend('da-DK', theme, size);
        const { frame, page, problems } = opened;
        const picture = trendPicture(da, progressTimeLine(trendCase(), testSets, 40), true);
        const x = (on: string) => (30 + (picture.positions[on]! / 100) * 320).toFixed(1);
        const y = (value: number) => (176 - (value / 100) * 152).toFixed(1);
        const chart = await drawn(frame);
        expect(chart.label).toBe(picture.words);
        expect(chart.who5).toEqual([
          { on: '2026-12-07', cx: '30.0', cy: y(60) },
          { on: '2027-01-11', cx: '87.3', cy: y(56) },
          { on: '2027-02-08', cx: '132.7', cy: y(40) },
          { on: '2027-03-15', cx: '190.0', cy: y(56) },
          { on: '2027-04-12', cx: '235.8', cy: y(56) },
          { on: '2027-05-10', cx: '281.5', cy: y(48) },
          { on: '2027-06-21', cx: '350.0', cy: y(36) },
        ]);
        expect(chart.who5.map((point) => point.cx)).toEqual(picture.series[0]!.points.map((point) => x(point.on)));
        expect(chart.education).toEqual([
          { on: '2026-12-07', x: '27.0', y: (Number(y(50)) - 3).toFixed(1) },
          { on: '2027-03-15', x: '187.0', y: (Number(y(67)) - 3).toFixed(1) },
          { on: '2027-06-21', x: '347.0', y: (Number(y(83)) - 3).toFixed(1) },
        ]);
        expect(chart.work).toEqual(['17', '33', '50']);
        expect(chart.lines).toBe(3);
        expect(chart.meetings).toEqual([
          { on: '2026-12-07', x: '30.0', label: 'nr. 1', title: 'Netværksmøde nr. 1: Hverken i uddannelse eller beskæftigelse' },
          { on: '2027-03-15', x: '190.0', label: 'nr. 2', title: 'Netværksmøde nr. 2: I uddannelse' },
          { on: '2027-06-21', x: '350.0', label: 'nr. 3', title: 'Netværksmøde nr. 3: status ikke registreret' },
        ]);
        expect(chart.threshold).toBe(y(50));
        expect(chart.dates).toEqual(['0', '50', '100', '07.12.2026', '21.06.2027']);
        // The figure is named by its caption; the signal is said in words.
        expect(await frame.getByRole('figure', { name: da.cards.trend.chartTitle }).count()).toBe(1);
        expect(await frame.locator('.trend-signal').innerText()).toBe('WHO-5 er 36 (under 50) og faldet 12 point den 21.06.2027: sørg for, at nogen taler med den unge.');
        // The numbers and the status at each meeting as a table.
        await frame.getByText(da.cards.trend.tableCaption).first().click();
        const table = frame.getByRole('table', { name: da.cards.trend.tableCaption });
        expect(await table.getByRole('row').allInnerTexts()).toEqual([
          expect.stringContaining(da.cards.trend.date),
          expect.stringContaining('nr. 1: Hverken i uddannelse eller beskæftigelse'),
          expect.stringContaining('WHO-5 56'),
          expect.stringContaining('WHO-5 40'),
          expect.stringContaining('nr. 2: I uddannelse'),
          expect.stringContaining('WHO-5 56'),
          expect.stringContaining('WHO-5 48'),
          expect.stringContaining('BIP Uddannelse 3,5 (skala 1–4)'),
        ]);
        expect(await frame.getByText('Status ved start (23.11.2026): Hverken i uddannelse eller beskæftigelse').count()).toBe(1);
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await seriousViolations(frame)).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(opened, `case-trend-${theme === 'default' ? 'light' : 'dark'}-${size}`);
        // The section alone too, to look at without scrolling the whole case.
        await frame.locator('section[aria-labelledby="case-trend"]').screenshot({ path: join(OUT, `case-trend-${theme === 'default' ? 'light' : 'dark'}-${size}-section.png`) });
        await page.context().close();
      });
    }
  }

  it('speaks English when Teams does', async () => {
    const opened = await openTrend('en-GB', 'default', 'desktop');
    const { frame, page } = opened;
    expect(await frame.getByRole('figure', { name: en.cards.trend.chartTitle }).count()).toBe(1);
    expect(await frame.locator('.trend-signal').innerText()).toBe('WHO-5 is 36 (under 50), a drop of 12 points, on 21/06/2027: make sure someone talks with the young person.');
    expect((await drawn(frame)).meetings.map((meeting) => meeting.label)).toEqual(['no. 1', 'no. 2', 'no. 3']);
    expect(await seriousViolations(frame)).toEqual([]);
    await screenshot(opened, 'case-trend-english-desktop');
    await page.context().close();
  });
});
