// What the tab's browser tests share: headless Chromium, the tab opened inside the test page that plays
// the Teams host, an axe-core scan of the tab's document, and screenshots to .previews/tab/ (light and
// dark, desktop and 360 px) for a person to look at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { findChromium } from '../cards/preview/renderCards';
import type { TabServer } from './tabServer';
import { type HostSettings, teamsHostPage } from './teamsHost';

const chromiumPath = findChromium();
// In CI a missing Chromium is a failure, not a skip: the launch throws.
export const skip = !chromiumPath && !process.env.CI;
export const OUT = join(process.cwd(), '.previews', 'tab');
export const SIZES = { desktop: { width: 1024, height: 768 }, phone: { width: 360, height: 740 } } as const;

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], timeout: 60_000 });

export interface Opened {
  page: Page;
  frame: Frame;
  /** Console errors and CSP violations of the host and the tab. */
  problems: string[];
}

export type OpenSettings = Omit<HostSettings, 'tenantId' | 'aadObjectId'> & { as: { tenantId: string; aadObjectId: string } };

/** `openInTeams` for the browser and tab server the test file has started (read when called). */
export function tabHarness(running: () => { browser: Browser; tab: TabServer }) {
  /** Opens the tab inside the test host; nothing leaves 127.0.0.1 (teams-js' fetch of Microsoft's origin list is refused). */
  async function openInTeams(host: OpenSettings, size: keyof typeof SIZES = 'desktop'): Promise<Opened> {
    const { browser, tab } = running();
    const { as, ...settings } = host;
    const context = await browser.newContext({ viewport: SIZES[size], locale: host.locale, colorScheme: host.theme === 'dark' ? 'dark' : 'light' });
    await context.route((url) => !url.href.startsWith(tab.url), (route) => route.abort());
    await context.route(`${tab.url}/teams-host`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: teamsHostPage({ ...settings, tenantId: as.tenantId, aadObjectId: as.aadObjectId }) }),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('net::ERR_FAILED')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${tab.url}/teams-host`);
    const frame = page.frames().find((candidate) => /\/tab(\/config)?$/.test(candidate.url()));
    if (!frame) throw new Error('the tab was not framed');
    return { page, frame, problems };
  }
  return { openInTeams };
}

/** The frame grown to its content, so that the screenshot shows all of it. */
export async function screenshot({ page, frame }: Opened, name: string): Promise<void> {
  const height = await frame.evaluate(() => document.documentElement.scrollHeight);
  await page.evaluate((pixels) => {
    (document.getElementById('tab') as HTMLIFrameElement).style.height = `${pixels}px`;
  }, height);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the tab's own document (evaluated, so the page's CSP stays as it is): serious and critical violations. */
export async function seriousViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axeSource);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ testEngine: { name: string }; violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const { violations, testEngine } = await axe.run(document, { resultTypes: ['violations'] });
    // A scan that did not run would find nothing too.
    if (testEngine.name !== 'axe-core') throw new Error('axe-core did not run');
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

export const hostRequests = (page: Page) => page.evaluate(() => (window as unknown as { hostRequests: Array<{ func: string; args: unknown[] }> }).hostRequests);

export const textOf = (frame: Frame) => frame.evaluate(() => document.body.innerText);
