// The tab in a Teams meeting, in headless Chromium inside the page that plays the Teams host: the
// configuration page links the meeting to one of the person's cases, and the side panel (frame context
// `sidePanel`, 320 px wide) shows that case's meeting checklist and goals form, which the meeting's
// writer fills in. Each view is scanned with axe-core and screenshotted to .previews/tab/ (light and dark).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMeetingChecklist, openNetworkMeeting } from '../../bot/app/runMeeting';
import { memberByAadObjectId } from '../../bot/domain/case';
import { da } from '../../bot/i18n/da';
import { findChromium } from '../cards/preview/renderCards';
import { EMIL, IDA, JONAS, METTE, TENANT, type TabScene, buildScene } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';
import { type HostSettings, teamsHostPage } from './teamsHost';

const chromiumPath = findChromium();
// In CI a missing Chromium is a failure, not a skip: the launch below throws.
const skip = !chromiumPath && !process.env.CI;
const OUT = join(process.cwd(), '.previews', 'tab');
/** Teams' meeting side panel is 320 px wide. */
const SIDE_PANEL = { width: 320, height: 800 };
const TEAMS_MEETING_ID = 'MCMxOTptZWV0aW5nX3Rlc3RAdGhyZWFkLnYyIzA=';

let tab: TabServer;
let scene: TabScene;
let browser: Browser;
let meetingId: string;

beforeAll(async () => {
  if (skip) return;
  tab = await startTabServer();
  scene = await buildScene(tab);
  // The network meeting is open, with Jonas as its writer (referent).
  const opened = await openNetworkMeeting(tab.deps, METTE, scene.emil.caseId, { date: '2026-11-23', time: '10:00' });
  meetingId = opened.meetings[0]!.id;
  await answerMeetingChecklist(tab.deps, METTE, scene.emil.caseId, meetingId, { roleWriter: memberByAadObjectId(opened, JONAS.aadObjectId)!.id });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], timeout: 60_000 });
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await tab?.close();
});

interface Opened {
  page: Page;
  frame: Frame;
  problems: string[];
}

/** Opens the tab inside the test host; nothing leaves 127.0.0.1. */
async function openInMeeting(host: Omit<HostSettings, 'tenantId' | 'aadObjectId'> & { as: typeof METTE }, viewport: { width: number; height: number }): Promise<Opened> {
  const { as, ...settings } = host;
  const context = await browser.newContext({ viewport, locale: host.locale, colorScheme: host.theme === 'dark' ? 'dark' : 'light' });
  await context.route((url) => !url.href.startsWith(tab.url), (route) => route.abort());
  await context.route(`${tab.url}/teams-host`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: teamsHostPage({ ...settings, meetingId: TEAMS_MEETING_ID, tenantId: as.tenantId, aadObjectId: as.aadObjectId }) }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('net::ERR_FAILED')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${tab.url}/teams-host`);
  const frame = page.frames().find((candidate) => /\/tab(\/config)?(\?.*)?$/.test(candidate.url()));
  if (!frame) throw new Error('the tab was not framed');
  return { page, frame, problems };
}

async function screenshot({ page, frame }: Opened, name: string): Promise<void> {
  const height = await frame.evaluate(() => document.documentElement.scrollHeight);
  await page.evaluate((pixels) => {
    (document.getElementById('tab') as HTMLIFrameElement).style.height = `${pixels}px`;
  }, height);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axeSource);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ testEngine: { name: string }; violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const { violations, testEngine } = await axe.run(document, { resultTypes: ['violations'] });
    if (testEngine.name !== 'axe-core') throw new Error('axe-core did not run');
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

const hostRequests = (page: Page) => page.evaluate(() => (window as unknown as { hostRequests: Array<{ func: string; args: unknown[] }> }).hostRequests);
const storedAnswers = async () => (await tab.store.getCase(TENANT, scene.emil.caseId))!.case.meetings[0]!.answers;
const panelPath = () => `/tab?caseId=${encodeURIComponent(scene.emil.caseId)}`;

describe.skipIf(skip)('the tab in a Teams meeting', () => {
  it("links the meeting to one of the person's cases on its configuration page", async () => {
    const opened = await openInMeeting({ locale: 'da-DK', theme: 'default', frameContext: 'settings', token: await tab.tokenFor(METTE), as: METTE }, { width: 800, height: 600 });
    const { frame, page } = opened;
    await frame.getByRole('group', { name: da.tab.meeting.chooseCase }).waitFor({ timeout: 15_000 });
    const text = await frame.evaluate(() => document.body.innerText);
    expect(text).toContain(`Sag ${scene.emil.reference}: ${EMIL.name}`);
    expect(text).not.toContain(IDA.name);
    await frame.getByLabel(`Sag ${scene.emil.reference}: ${EMIL.name}`).check();
    await expect.poll(async () => (await hostRequests(page)).some((request) => request.func === 'settings.setValidityState' && request.args[0] === true)).toBe(true);
    await page.evaluate(() => (window as unknown as { pressSave: () => void }).pressSave());
    await expect.poll(async () => (await hostRequests(page)).map((request) => request.func)).toContain('settings.save.success');
    const saved = (await hostRequests(page)).find((request) => request.func === 'settings.setSettings');
    expect(saved?.args[0]).toEqual({ entityId: `case-${scene.emil.caseId}`, contentUrl: `${tab.url}${panelPath()}`, suggestedDisplayName: da.tab.meeting.tabName });
    expect(await seriousViolations(frame)).toEqual([]);
    expect(opened.problems).toEqual([]);
    await screenshot(opened, 'meeting-configuration-light-desktop');
    await page.context().close();
  });

  const answered = { default: { questionId: 'vipAttached', choice: da.checklist.answers.no, value: 'no' }, dark: { questionId: 'prepNetworkMapUsed', choice: da.checklist.answers.yes, value: 'yes' } } as const;
  for (const theme of ['default', 'dark'] as const) {
    const shade = theme === 'default' ? 'light' : 'dark';
    it(`shows the writer the checklist and goals form in the side panel, where an answer is saved (${shade}, 320 px)`, async () => {
      const opened = await openInMeeting({ locale: 'da-DK', theme, frameContext: 'sidePanel', tabPath: panelPath(), token: await tab.tokenFor(JONAS), as: JONAS }, SIDE_PANEL);
      const { frame } = opened;
      await frame.getByRole('heading', { level: 2, name: da.cards.meeting.title(scene.emil.reference, 1) }).waitFor({ timeout: 15_000 });
      await frame.getByRole('heading', { level: 2, name: da.cards.goals.goalsHeading }).waitFor();
      expect(await frame.evaluate(() => document.body.className)).toBe(theme === 'dark' ? 'theme-dark' : '');
      const { questionId, choice, value } = answered[theme];
      await frame.locator(`#answer-${questionId}`).selectOption({ label: choice });
      await frame.getByText(da.cards.meeting.saved).waitFor({ timeout: 15_000 });
      expect((await storedAnswers())[questionId]).toBe(value);
      // The refreshed panel shows the answer, and the focus stays where the writer was.
      expect(await frame.locator(`#answer-${questionId}`).inputValue()).toBe(value);
      expect(await frame.evaluate(() => document.activeElement?.id)).toBe(`answer-${questionId}`);
      // The writer may write the form while the meeting is open: no read-only note.
      expect(await frame.evaluate(() => document.body.innerText)).not.toContain(da.cards.goals.readOnly);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await seriousViolations(frame)).toEqual([]);
      expect(opened.problems).toEqual([]);
      await screenshot(opened, `meeting-side-panel-${shade}`);
      await opened.page.context().close();
    });
  }

  it('lets the writer add a goal from the side panel, keeping what they typed elsewhere and did not save', async () => {
    const opened = await openInMeeting({ locale: 'da-DK', theme: 'default', frameContext: 'sidePanel', tabPath: panelPath(), token: await tab.tokenFor(JONAS), as: JONAS }, SIDE_PANEL);
    const { frame } = opened;
    await frame.getByRole('heading', { level: 2, name: da.cards.goals.goalsHeading }).waitFor({ timeout: 15_000 });
    await frame.locator('#answer-otherName_1').fill('Kim fra klubben');
    await frame.getByText(da.cards.goals.addGoal).click();
    const form = frame.locator('#goal-form');
    await form.getByLabel(da.cards.goals.theme).selectOption({ label: da.cards.goals.themes.work });
    await form.getByLabel(da.cards.goals.longTermGoal).fill('Emil får et fritidsjob');
    await form.locator('button[type=submit]').click();
    await frame.getByText(da.cards.goals.confirmations.goalAdded).waitFor({ timeout: 15_000 });
    expect(await frame.evaluate(() => document.body.innerText)).toContain('Emil får et fritidsjob');
    expect((await tab.store.getCase(TENANT, scene.emil.caseId))!.case.goals.map((goal) => goal.theme)).toContain('work');
    expect(await frame.locator('#answer-otherName_1').inputValue()).toBe('Kim fra klubben');
    expect((await storedAnswers()).otherName_1).toBeUndefined();
    expect(opened.problems).toEqual([]);
    await opened.page.context().close();
  });

  it("lets the writer say whether a goal is reached, with why", async () => {
    const opened = await openInMeeting({ locale: 'da-DK', theme: 'default', frameContext: 'sidePanel', tabPath: panelPath(), token: await tab.tokenFor(JONAS), as: JONAS }, SIDE_PANEL);
    const { frame } = opened;
    const form = frame.locator('#outcome-form-0');
    await frame.getByText(da.cards.goals.mark).first().waitFor({ timeout: 15_000 });
    await frame.getByText(da.cards.goals.mark).first().click();
    await form.getByLabel(da.cards.goals.yes).check();
    await form.getByLabel(da.cards.goals.reason).fill('Emil er startet på produktionsskolen');
    await form.locator('button[type=submit]').click();
    await frame.getByText(da.cards.goals.confirmations.goalMarked).waitFor({ timeout: 15_000 });
    const goal = (await tab.store.getCase(TENANT, scene.emil.caseId))!.case.goals.find((candidate) => candidate.theme === 'education')!;
    expect(goal.outcomes.at(-1)).toEqual(expect.objectContaining({ reached: true, reason: 'Emil er startet på produktionsskolen' }));
    expect(await seriousViolations(frame)).toEqual([]);
    expect(opened.problems).toEqual([]);
    await opened.page.context().close();
  });

  it('says why an answer is refused, keeps what was typed, and saves nothing', async () => {
    const opened = await openInMeeting({ locale: 'da-DK', theme: 'default', frameContext: 'sidePanel', tabPath: panelPath(), token: await tab.tokenFor(JONAS), as: JONAS }, SIDE_PANEL);
    const { frame } = opened;
    const input = frame.locator('#answer-otherName_1');
    await input.waitFor({ timeout: 15_000 });
    await input.fill('Kim 010203-1234');
    await input.press('Enter');
    await frame.getByRole('status').filter({ hasText: 'CPR' }).waitFor({ timeout: 15_000 });
    expect(await input.inputValue()).toBe('Kim 010203-1234');
    expect((await storedAnswers()).otherName_1).toBeUndefined();
    await opened.page.context().close();
  });

  it('offers the coordinator the meeting roles, which the writer only reads', async () => {
    const opened = await openInMeeting({ locale: 'da-DK', theme: 'default', frameContext: 'sidePanel', tabPath: panelPath(), token: await tab.tokenFor(METTE), as: METTE }, SIDE_PANEL);
    await opened.frame.locator('#answer-roleInterviewer').waitFor({ timeout: 15_000 });
    expect(await opened.frame.getByText(da.cards.goals.addGoal).count()).toBe(1);
    await opened.page.context().close();
    const writer = await openInMeeting({ locale: 'da-DK', theme: 'default', frameContext: 'sidePanel', tabPath: panelPath(), token: await tab.tokenFor(JONAS), as: JONAS }, SIDE_PANEL);
    await writer.frame.getByText(da.cards.meeting.rolesByCoordinator).waitFor({ timeout: 15_000 });
    expect(await writer.frame.locator('#answer-roleInterviewer').count()).toBe(0);
    await writer.page.context().close();
  });
});
