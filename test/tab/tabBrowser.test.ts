// The tab in headless Chromium inside a page that plays the Teams host: the handshake, Teams' locale and
// theme, a single sign-on token signed by the test's key, then the API of the bot's real server. Each
// view is scanned with axe-core (no serious or critical violations) and screenshotted to .previews/tab/
// (light and dark, desktop and 360 px) for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeNetworkMap } from '../../bot/app/networkMap';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { OUT, SIZES, hostRequests, launchBrowser, screenshot, seriousViolations, skip, tabHarness, textOf } from './tabHarness';
import { EMIL, IDA, JONAS, METTE, NOW, SOFIE, type TabScene, buildScene } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';

let tab: TabServer;
let scene: TabScene;
let browser: Browser;

beforeAll(async () => {
  if (skip) return;
  tab = await startTabServer();
  scene = await buildScene(tab);
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await tab?.close();
});

const { openInTeams } = tabHarness(() => ({ browser, tab }));

describe.skipIf(skip)('the tab in Teams', () => {
  for (const theme of ['default', 'dark'] as const) {
    for (const size of ['desktop', 'phone'] as const) {
      it(`shows the coordinator their cases at a glance (${theme === 'default' ? 'light' : 'dark'}, ${size})`, async () => {
        const opened = await openInTeams({ locale: 'da-DK', theme, token: await tab.tokenFor(METTE), as: METTE }, size);
        const { frame, page, problems } = opened;
        await frame.getByRole('heading', { level: 2, name: da.tab.page.coordinatorCases }).waitFor({ timeout: 15_000 });
        const text = await textOf(frame);
        expect(text).toContain(`Sag ${scene.emil.reference}: ${EMIL.name}`);
        expect(text).toContain(`Sag ${scene.sofie.reference}: ${SOFIE.name}`);
        expect(text).toContain('2 åbne, heraf 1 med overskredet opfølgningsdato');
        expect(text).toContain(da.tab.page.consentMissing);
        // The radar above the cases: what needs attention, most urgent first.
        expect(text).toContain(da.tab.radar.heading);
        expect(text).toContain(da.cards.radar.items.agreementsOverdue(1));
        expect(text).not.toContain(IDA.name);
        expect(await frame.evaluate(() => document.documentElement.lang)).toBe('da');
        expect(await frame.evaluate(() => document.body.className)).toBe(theme === 'dark' ? 'theme-dark' : '');
        // Nothing is wider than the screen at 360 px.
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await hostRequests(page)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken'].map((func) => expect.objectContaining({ func }))));
        expect(await seriousViolations(frame)).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(opened, `coordinator-${theme === 'default' ? 'light' : 'dark'}-${size}`);
        await page.context().close();
      });
    }
  }

  it('speaks English when Teams does', async () => {
    const opened = await openInTeams({ locale: 'en-GB', theme: 'default', token: await tab.tokenFor(METTE), as: METTE });
    await opened.frame.getByRole('heading', { level: 2, name: en.tab.page.coordinatorCases }).waitFor({ timeout: 15_000 });
    expect(await textOf(opened.frame)).toContain('2 open, 1 of them past their follow-up date');
    expect(await textOf(opened.frame)).toContain(en.tab.radar.heading);
    expect(await opened.frame.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(opened, 'coordinator-english-desktop');
    await opened.page.context().close();
  });

  it('shows a member their cases and agreements, and nothing about a young person without consent', async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: await tab.tokenFor(JONAS), as: JONAS }, 'phone');
    await opened.frame.getByRole('heading', { level: 2, name: da.tab.page.withheldCases }).waitFor({ timeout: 15_000 });
    const text = await textOf(opened.frame);
    expect(text).toContain(`Sag ${scene.emil.reference}: ${EMIL.name}`);
    expect(text).toContain(`Sag ${scene.sofie.reference}`);
    expect(text).toContain('Jonas ringer til produktionsskolen');
    for (const personal of [SOFIE.name, 'boligforeningen', IDA.name]) expect(text).not.toContain(personal);
    expect(await seriousViolations(opened.frame)).toEqual([]);
    await screenshot(opened, 'member-light-phone');
    await opened.page.context().close();
  });

  it("opens a case's details from the list, and goes back to the list where it was", async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: await tab.tokenFor(JONAS), as: JONAS }, 'phone');
    const { frame } = opened;
    await frame.getByRole('heading', { level: 2, name: da.tab.page.memberCases }).waitFor({ timeout: 15_000 });
    // Only a case the member may read has the button.
    expect(await frame.getByRole('button', { name: da.tab.page.openCase }).count()).toBe(1);
    await frame.getByRole('button', { name: da.tab.page.openCase }).click();
    await frame.getByRole('heading', { level: 2, name: da.tab.page.goals }).waitFor({ timeout: 15_000 });
    const text = await textOf(frame);
    expect(text).toContain(`Sag ${scene.emil.reference}: ${EMIL.name}`);
    expect(text).toContain(`${METTE.name} · ${da.roles.coordinator}`);
    expect(text).toContain('Jonas ringer til produktionsskolen');
    expect(text).toContain('Mette søger om bostøtte');
    // The network overview: the form's rows, the team's people in theirs, the empty ones as "–".
    expect(text).toContain(da.tab.page.networkOverview);
    expect(text).toContain(da.cards.networkOverview.rows.vip);
    expect(text).toMatch(new RegExp(`${da.roles.youthGuidance}\\s+${JONAS.name}\\s+${da.cards.networkOverview.viaTeams}`));
    expect(text).toMatch(new RegExp(`${da.roles.housingSupport}\\s+–`));
    expect(text).toContain('Mentor på produktionsskolen');
    expect(text).toContain(`${da.cards.interventions.statuses.active} · iværksat af Jobcenter`);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('case-heading');
    await frame.getByText(da.tab.page.history).first().click();
    await frame.getByText(da.tab.page.checklist).click();
    expect(await textOf(frame)).toContain(da.checklist.questions.roleLeader);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(opened.problems).toEqual([]);
    await screenshot(opened, 'case-details-light-phone');
    await frame.getByRole('button', { name: new RegExp(da.tab.page.back) }).click();
    await frame.getByRole('heading', { level: 2, name: da.tab.page.memberCases }).waitFor({ timeout: 15_000 });
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe(`open-${scene.emil.caseId}`);
    await opened.page.context().close();
  });

  it("shows a case's network map as a picture when asked, and records the coordinator's look as the map used", async () => {
    await changeNetworkMap(tab.deps, METTE, scene.emil.caseId, { kind: 'add', person: { field: 'family', closeness: 1, name: 'Mormor Åse' } });
    await changeNetworkMap(tab.deps, METTE, scene.emil.caseId, { kind: 'add', person: { field: 'leisure', closeness: 2, name: 'Ali' } });
    await changeNetworkMap(tab.deps, METTE, scene.emil.caseId, { kind: 'link', between: ['p1', 'p2'] });
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: await tab.tokenFor(METTE), as: METTE }, 'phone');
    const { frame } = opened;
    await frame.getByRole('heading', { level: 2, name: da.tab.page.coordinatorCases }).waitFor({ timeout: 15_000 });
    await frame.locator(`#open-${scene.emil.caseId}`).click();
    await frame.getByRole('button', { name: da.tab.page.showNetworkMap }).click();
    const picture = frame.getByRole('img', { name: da.tab.page.networkMapAlt });
    await picture.waitFor({ timeout: 15_000 });
    expect(await picture.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(500);
    expect(await seriousViolations(frame)).toEqual([]);
    expect(opened.problems).toEqual([]);
    await screenshot(opened, 'case-network-map-light-phone');
    const stored = await tab.store.getCase(METTE.tenantId, scene.emil.caseId);
    expect(stored?.case.networkMap?.lastShownAt).toBe(NOW.toISOString());
    await opened.page.context().close();
  });

  it('shows nothing but the refusal when the token is forged', async () => {
    const forged = await tab.entra.sign({ tenantId: METTE.tenantId, oid: METTE.aadObjectId, issuedAt: NOW, expiresAt: new Date(NOW.getTime() + 3_600_000), forged: true });
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', token: forged, as: METTE });
    await opened.frame.getByText(da.tab.refusals.invalidToken).waitFor({ timeout: 15_000 });
    const text = await textOf(opened.frame);
    expect(text).not.toContain(EMIL.name);
    expect(text).not.toContain(scene.emil.reference);
    await opened.page.context().close();
  });

  it('says so when Teams cannot sign the user in', async () => {
    const opened = await openInTeams({ locale: 'en-US', theme: 'default', as: METTE });
    await opened.frame.getByText(en.tab.page.signInFailed).waitFor({ timeout: 15_000 });
    await opened.page.context().close();
  });

  it('is added to a channel or group chat from its configuration page, which saves the tab as it is', async () => {
    const opened = await openInTeams({ locale: 'da-DK', theme: 'default', frameContext: 'settings', as: METTE });
    await opened.frame.getByText(da.tab.page.configIntro).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await hostRequests(opened.page)).some((request) => request.func === 'settings.setValidityState' && request.args[0] === true)).toBe(true);
    await opened.page.evaluate(() => (window as unknown as { pressSave: () => void }).pressSave());
    await expect.poll(async () => (await hostRequests(opened.page)).map((request) => request.func)).toContain('settings.save.success');
    const saved = (await hostRequests(opened.page)).find((request) => request.func === 'settings.setSettings');
    expect(saved?.args[0]).toEqual({ entityId: 'cases', contentUrl: `${tab.url}/tab`, suggestedDisplayName: da.tab.page.tabName });
    // The configuration page asks for no token and shows no case.
    expect((await hostRequests(opened.page)).map((request) => request.func)).not.toContain('authentication.getAuthToken');
    expect(await seriousViolations(opened.frame)).toEqual([]);
    expect(opened.problems).toEqual([]);
    await screenshot(opened, 'configuration-light-desktop');
    await opened.page.context().close();
  });

  it('says it works only in Teams when opened outside it, and shows nothing', async () => {
    const context = await browser.newContext({ viewport: SIZES.phone, locale: 'da-DK' });
    await context.route((url) => !url.href.startsWith(tab.url), (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${tab.url}/tab`);
    await page.getByText(da.tab.page.outsideTeams).waitFor({ timeout: 15_000 });
    expect(await page.locator('#content').innerText()).toBe('');
    await page.screenshot({ path: join(OUT, 'outside-teams-phone.png') });
    await context.close();
  });
});
