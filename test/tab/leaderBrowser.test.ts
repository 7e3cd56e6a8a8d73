// The tab's leader view in headless Chromium inside the Teams test host: a leader sees the half-yearly
// status of the units they lead as charts with their numbers as tables, every hidden figure its mark and
// no bar; the pickers fetch another half-year or unit; the CSV button downloads the file, or Teams opens a
// one-time link to it in the browser; a person who leads nothing never sees the section (nor is it asked for). Screenshots to .previews/tab/leader-*.png.
import { administratorKey } from '../../bot/domain/access';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/app/context';
import { changeOrganisation } from '../../bot/app/organisation';
import type { Case } from '../../bot/domain/case';
import { addLeader, addUnit } from '../../bot/domain/organisation';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { caseA, caseD, caseE } from '../domain/statistics/statusFixtures';
import { OUT, hostRequests, launchBrowser, screenshot, seriousViolations, skip, tabHarness, textOf } from './tabHarness';
import { METTE, TENANT } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';

const ADMIN: Actor = { tenantId: TENANT, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a', name: 'Anna Admin' };
/** Leads Nord and Syd. */
const LENE: Actor = { tenantId: TENANT, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b', name: 'Lene Leder' };
/** Leads Syd only. */
const LEO: Actor = { tenantId: TENANT, aadObjectId: '2c2c2c2c-0000-4000-8000-00000000000c', name: 'Leo Leder' };

let tab: TabServer;
let browser: Browser;

const inUnit = (source: Case, id: string, unitId: string): Case => ({ ...source, id, tenantId: TENANT, reference: `F-${id}`, unitId });

beforeAll(async () => {
  if (skip) return;
  tab = await startTabServer();
  tab.setNow(new Date('2027-08-01T08:00:00Z'));
  const admins = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);
  await changeOrganisation(tab.deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-nord', 'Nord'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'unit.add', (current) => addUnit(current, 'unit-syd', 'Syd'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LENE.aadObjectId, 'Nord'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LENE.aadObjectId, 'Syd'));
  await changeOrganisation(tab.deps, ADMIN, admins, 'leader.add', (current) => addLeader(current, LEO.aadObjectId, 'Syd'));
  // Nord: six like A and three like E (some figures shown, some hidden); Syd: five like D.
  const cases = [
    ...Array.from({ length: 6 }, (_, index) => inUnit(caseA, `A${index}`, 'unit-nord')),
    ...Array.from({ length: 3 }, (_, index) => inUnit(caseE, `E${index}`, 'unit-nord')),
    ...Array.from({ length: 5 }, (_, index) => inUnit(caseD, `D${index}`, 'unit-syd')),
  ];
  for (const created of cases) await tab.store.createCase(created, { audit: [] });
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await tab?.close();
});

const { openInTeams } = tabHarness(() => ({ browser, tab }));
const heading = (name: string) => ({ level: 3 as const, name });

/** Each bar line: its value as written and whether a bar is drawn for it. */
const barLines = (frame: Frame) =>
  frame.evaluate(() =>
    [...document.querySelectorAll('.bar-line')].map((line) => ({ text: line.querySelector('.bar-value')?.textContent ?? '', drawn: line.querySelector('rect.fill') !== null, svg: line.querySelector('svg') !== null, width: line.querySelector('rect.fill')?.getAttribute('width') ?? '' })),
  );

describe.skipIf(skip)("the tab's leader view", () => {
  for (const theme of ['default', 'dark'] as const) {
    for (const size of ['desktop', 'phone'] as const) {
      it(`shows a leader their unit's figures as charts, hidden figures as their mark and no bar (${theme === 'default' ? 'light' : 'dark'}, ${size})`, async () => {
        const opened = await openInTeams({ locale: 'da-DK', theme, token: await tab.tokenFor(LENE), as: LENE }, size);
        const { frame, page, problems } = opened;
        await frame.getByRole('heading', heading(da.statistics.title('Nord', '1. halvår 2027'))).waitFor({ timeout: 15_000 });
        expect(await frame.getByRole('heading', { level: 2, name: da.tab.leader.heading }).count()).toBe(1);
        // Every chart has its accessible name: the chart in words.
        for (const title of Object.values(da.statistics.charts).filter((text) => text.length > 12)) {
          expect(await frame.getByRole('figure', { name: title }).count()).toBe(1);
        }
        const lines = await barLines(frame);
        expect(lines.some((line) => line.text === da.statistics.suppressed)).toBe(true);
        expect(lines.some((line) => line.drawn)).toBe(true);
        // A hidden figure has no bar; a shown one has.
        for (const line of lines) {
          expect(line.drawn).toBe(line.text !== da.statistics.suppressed);
          expect(line.svg).toBe(line.text !== da.statistics.suppressed);
        }
        // The model's evaluation is shown beside the unit's.
        const evaluation = frame.getByRole('figure', { name: da.statistics.charts.evaluation });
        expect(await evaluation.getByRole('img').getAttribute('aria-label')).toContain(`${da.statistics.charts.model} 64 %`);
        // The numbers as a table too, the hidden ones as their mark.
        await frame.getByText(da.tab.leader.table).first().click();
        const table = frame.getByRole('table', { name: da.statistics.charts.meetings });
        expect(await table.getByRole('rowheader', { name: da.statistics.meetings.held }).count()).toBe(1);
        expect(await frame.locator('td').allInnerTexts()).toContain(da.statistics.suppressed);
        // Two units: the unit picker is shown.
        expect(await frame.getByLabel(da.tab.leader.unit, { exact: true }).isVisible()).toBe(true);
        const text = await textOf(frame);
        for (const personal of [caseA.youngPerson.name, 'F-A0', caseA.youngPerson.birthDate]) expect(text).not.toContain(personal);
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await seriousViolations(frame)).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(opened, `leader-${theme === 'default' ? 'light' : 'dark'}-${size}`);
        await page.context().close();
      });
    }
  }

  it('fetches another half-year and another unit when the pickers change', async () => {
    const opened = await openInTeams({ locale: 'en-GB', theme: 'default', token: await tab.tokenFor(LENE), as: LENE });
    const { frame, page } = opened;
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/tab/statistics')) asked.push(new URL(request.url()).search);
    });
    await frame.getByRole('heading', heading(en.statistics.title('Nord', 'first half of 2027'))).waitFor({ timeout: 15_000 });
    await frame.getByLabel(en.tab.leader.period, { exact: true }).selectOption('2026H2');
    await frame.getByRole('heading', heading(en.statistics.title('Nord', 'second half of 2026'))).waitFor({ timeout: 15_000 });
    const unit = frame.getByLabel(en.tab.leader.unit, { exact: true });
    await unit.focus();
    await unit.selectOption('unit-syd');
    await frame.getByRole('heading', heading(en.statistics.title('Syd', 'second half of 2026'))).waitFor({ timeout: 15_000 });
    expect(asked).toEqual(expect.arrayContaining([expect.stringContaining('period=2026H2'), expect.stringMatching(/period=2026H2&unit=unit-syd/)]));
    // The pickers are not drawn again: the keyboard stays where it was.
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('leader-unit');
    expect(await seriousViolations(frame)).toEqual([]);
    await screenshot(opened, 'leader-english-desktop');
    await page.context().close();
  });

  it('downloads the figures as CSV, with the token, in the reader\'s language', async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: await tab.tokenFor(LENE), as: LENE }, 'phone');
    const { frame, page } = opened;
    await frame.getByRole('heading', heading(da.statistics.title('Nord', '1. halvår 2027'))).waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: da.tab.leader.downloadCsv }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`"${da.statistics.year.youngPeople}";"9"`);
    expect(csv).toContain(`"${da.statistics.suppressed}"`);
    await frame.getByText(da.tab.leader.downloaded).waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('opens a one-time link to the same CSV in the browser, through Teams, for when the app blocks the download', async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: await tab.tokenFor(LENE), as: LENE });
    const { frame, page } = opened;
    await frame.getByRole('heading', heading(da.statistics.title('Nord', '1. halvår 2027'))).waitFor({ timeout: 15_000 });
    await frame.getByRole('button', { name: da.tab.leader.openCsvLink }).click();
    await frame.getByText(da.tab.leader.csvLinkOpened.replace('{minutes}', '10')).waitFor({ timeout: 15_000 });
    const opening = (await hostRequests(page)).find((request) => request.func === 'executeDeepLink');
    const url = String(opening?.args[0]);
    expect(url).toMatch(new RegExp(`^${tab.url}/statistics/[A-Za-z0-9_-]{43}$`));
    const first = await tab.get(url.slice(tab.url.length));
    expect(first.status).toBe(200);
    expect(first.body).toContain(`"${da.statistics.year.youngPeople}";"9"`);
    // Once only.
    expect((await tab.get(url.slice(tab.url.length))).status).toBe(404);
    await page.context().close();
  });

  it('hides the unit picker for a leader of one unit, and opens at the figures when the card links there', async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'contrast', token: await tab.tokenFor(LEO), as: LEO, subPageId: 'statistics' }, 'phone');
    const { frame, page } = opened;
    await frame.getByRole('heading', heading(da.statistics.title('Syd', '1. halvår 2027'))).waitFor({ timeout: 15_000 });
    expect(await frame.getByLabel(da.tab.leader.unit, { exact: true }).isVisible()).toBe(false);
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe('leader-heading');
    expect(await seriousViolations(frame)).toEqual([]);
    await screenshot(opened, 'leader-contrast-phone');
    await page.context().close();
  });

  it('never shows the section to a person who leads nothing, nor asks for it', async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: await tab.tokenFor(METTE), as: METTE });
    const { frame, page } = opened;
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    await frame.getByText(da.tab.page.noCases).waitFor({ timeout: 15_000 });
    expect(await frame.getByRole('heading', { name: da.tab.leader.heading }).count()).toBe(0);
    expect(asked.filter((url) => url.includes('/api/tab/statistics'))).toEqual([]);
    expect((await hostRequests(page)).map((request) => request.func)).toContain('authentication.getAuthToken');
    await page.context().close();
  });
});
