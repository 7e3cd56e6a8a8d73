// Renders Adaptive Cards in headless Chromium (Debian's, driven by playwright-core) with the adaptivecards
// browser bundle and, where it can be found, the Microsoft Teams host configuration; screenshots each card
// to a PNG and reports what the renderer complained about. No network: the page is built from strings
// and every request it tries is blocked and reported.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import teamsDark from './hostConfigs/microsoft-teams-dark.json';
import teamsLight from './hostConfigs/microsoft-teams-light.json';
import { TEAMS_MARKDOWN_SCRIPT } from './teamsMarkdown';

export type Theme = 'light' | 'dark';

interface RenderOptions {
  theme?: Theme;
  /** The browser locale (navigator.language, Intl); default en-US. Headless Chromium still draws date and
   * time inputs in the US format whatever the locale (also with --lang). */
  locale?: string;
  /** The card's width in CSS pixels; default CARD_WIDTH (desktop), PHONE_CARD_WIDTH for Teams mobile. */
  width?: number;
}

export interface RenderReport {
  name: string;
  /** The PNG written, or undefined when nothing could be rendered. */
  png: string | undefined;
  /** Renderer errors: parse and validation events, a render that returned nothing, page and console errors. */
  errors: string[];
  /** Worth a look but not fatal: hints, deprecations, text cut off, blocked requests, console warnings. */
  warnings: string[];
  /** Size of the PNG in pixels (0 when none was written). */
  width: number;
  height: number;
  /** The card's text as shown (innerText), the links in it, and the elements its markdown made. */
  text: string;
  links: string[];
  markup: string[];
}

interface HostConfigChoice {
  /** Where the host config came from, for the reports. */
  source: string;
  config: object;
}

/** The flags from ENGINEERING.md; playwright adds a fresh temporary profile (--user-data-dir) itself. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** About the width Teams gives a card in a chat or channel on the desktop. */
export const CARD_WIDTH = 500;

/** About the width Teams mobile gives a card on a phone (a 360 px wide screen). */
export const PHONE_CARD_WIDTH = 360;

/** The Chromium to use: $CHROMIUM_PATH, or Debian's; undefined when that file does not exist. */
export function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

const TEAMS_HOST_CONFIGS: Record<Theme, object> = { light: teamsLight, dark: teamsDark };

/** The Teams host config of `adaptivecards-designer`, kept in ./hostConfigs (see its README). */
function teamsHostConfig(theme: Theme): HostConfigChoice {
  return { source: `hostConfigs/microsoft-teams-${theme}.json`, config: TEAMS_HOST_CONFIGS[theme] };
}

const PAGE_COLOURS: Record<Theme, { page: string; border: string; accent: string; text: string; input: string }> = {
  light: { page: '#F5F5F5', border: '#E1DFDD', accent: '#6264A7', text: '#242424', input: '#FFFFFF' },
  dark: { page: '#1F1F1F', border: '#3B3A39', accent: '#A6A7DC', text: '#FFFFFF', input: '#292929' },
};

/** A Teams-like frame. Segoe UI is not on Linux: the name is mapped to metric-near local fonts. */
function pageCss(theme: Theme): string {
  const c = PAGE_COLOURS[theme];
  const face = (weight: number, names: string[]) =>
    `@font-face { font-family: 'Segoe UI'; font-weight: ${weight}; src: ${names.map((n) => `local('${n}')`).join(', ')}; }`;
  return `
${face(400, ['Segoe UI', 'Liberation Sans', 'Arial', 'DejaVu Sans'])}
${face(600, ['Segoe UI Semibold', 'Liberation Sans Bold', 'Arial Bold', 'DejaVu Sans Bold'])}
${face(700, ['Segoe UI Bold', 'Liberation Sans Bold', 'Arial Bold', 'DejaVu Sans Bold'])}
html, body { margin: 0; background: ${c.page}; font-family: 'Segoe UI', sans-serif; color: ${c.text}; }
#frame { display: inline-block; padding: 12px; background: ${c.page}; }
#card { border: 1px solid ${c.border}; border-radius: 4px; overflow: hidden; }
.ac-pushButton { font-family: 'Segoe UI', sans-serif; font-size: 14px; font-weight: 600; padding: 4px 12px 5px;
  min-height: 32px; border: 1px solid ${c.border}; border-radius: 4px; background: transparent; color: ${c.text}; }
.ac-pushButton.style-positive { background: ${c.accent}; border-color: ${c.accent}; color: ${theme === 'light' ? '#FFFFFF' : '#1F1F1F'}; }
.ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; background: transparent; }
.ac-pushButton.expanded { border-color: ${c.accent}; color: ${c.accent}; }
/* The ShowCard chevron is a FabricMDL2Icons glyph, a font Linux lacks: draw one that exists. */
.ac-pushButton.expandable:after { font-family: 'DejaVu Sans', sans-serif; font-size: 10px; font-weight: 400; content: '\\25BE'; margin-left: 6px; }
.ac-pushButton.expandable.expanded:after { content: '\\25B4'; }
.ac-input { font-family: 'Segoe UI', sans-serif; font-size: 14px; color: ${c.text}; }
.ac-input.ac-textInput, .ac-input.ac-numberInput, .ac-input.ac-dateInput, .ac-input.ac-timeInput,
.ac-input.ac-multichoiceInput { min-height: 32px; padding: 4px 8px; border: 1px solid ${c.border};
  border-radius: 4px; background: ${c.input}; box-sizing: border-box; }
`;
}

/** Runs in the page; plain JavaScript so that no transpiler helper leaks into it. */
const PAGE_SCRIPT = String.raw`
(function () {
  var AC = window.AdaptiveCards;
  // Markdown as Teams renders it (teamsMarkdown.ts), in TextBlocks and Facts only: like Teams (and the
  // Agents Playground), not in the titles of choices and toggles.
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) { result.outputHtml = teamsMarkdown(text); result.didProcess = true; };
  AC.GlobalSettings.useMarkdownInRadioButtonAndCheckbox = false;
  var WARNING_EVENTS = { Hint: true, Deprecated: true };
  function describe(e) {
    var name = AC.ValidationEvent[e.event] || String(e.event);
    var where = '';
    if (e.source && typeof e.source.getJsonTypeName === 'function') {
      where = ' in ' + e.source.getJsonTypeName() + (e.source.id ? ' "' + e.source.id + '"' : '');
    }
    // Teams' chart elements are Teams' own: Teams draws them, this renderer their fallback (which it checks).
    var teamsChart = name === 'UnknownElementType' && /^Unknown element type "Chart\./.test(e.message);
    return { warning: !!WARNING_EVENTS[name] || teamsChart, text: name + where + ': ' + e.message };
  }
  window.__renderCard = function (json, hostConfigJson, width) {
    var errors = [], warnings = [];
    var host = document.getElementById('card');
    host.innerHTML = '';
    host.style.width = width + 'px';
    var card = new AC.AdaptiveCard();
    if (hostConfigJson) card.hostConfig = new AC.HostConfig(hostConfigJson);
    var context = new AC.SerializationContext(AC.Versions.v1_5);
    var events = [];
    try {
      card.parse(json, context);
      for (var i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
      events = events.concat(card.validateProperties().validationEvents);
    } catch (err) {
      errors.push('parse threw: ' + (err && err.message ? err.message : String(err)));
    }
    events.forEach(function (e) { var d = describe(e); (d.warning ? warnings : errors).push(d.text); });
    var element;
    try {
      element = card.render();
    } catch (err) {
      errors.push('render threw: ' + (err && err.message ? err.message : String(err)));
    }
    if (!element) {
      errors.push('render returned nothing');
      return { errors: errors, warnings: warnings, rendered: false };
    }
    host.appendChild(element);
    host.style.background = getComputedStyle(element).backgroundColor;
    var box = element.getBoundingClientRect();
    if (box.height < 1) errors.push('the rendered card has no height');
    // Text the reader cannot see in full: a title or TextBlock cut off with an ellipsis or by maxLines.
    var seen = {};
    var all = host.querySelectorAll('*');
    for (var j = 0; j < all.length; j++) {
      var el = all[j];
      var style = getComputedStyle(el);
      if (style.overflowX !== 'hidden' && style.overflowY !== 'hidden') continue;
      var text = (el.textContent || '').trim();
      if (!text || seen[text]) continue;
      var wide = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
      var tall = el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1;
      if (wide || tall) {
        seen[text] = true;
        warnings.push('text cut off: "' + text.slice(0, 80) + '"');
      }
    }
    // What a reader sees: the text (inputs' values aside), the links, and markup made from markdown.
    var links = [].map.call(host.querySelectorAll('a'), function (a) { return a.getAttribute('href') || a.textContent; });
    var markup = [].map.call(host.querySelectorAll('.ac-textBlock strong, .ac-textBlock em, .ac-textBlock ul, .ac-textBlock ol'), function (e) { return e.tagName.toLowerCase(); });
    return { errors: errors, warnings: warnings, rendered: true, text: host.innerText, links: links, markup: markup };
  };
})();
`;

interface PageResult {
  errors: string[];
  warnings: string[];
  rendered: boolean;
  text?: string;
  links?: string[];
  markup?: string[];
}

/** One browser for many cards, themes and locales (a page each); close() when done. */
export interface CardRenderer {
  /** Where the host config of each theme came from. */
  hostConfigSource(theme?: Theme): string;
  render(cards: Record<string, object>, outDir: string, options?: RenderOptions): Promise<RenderReport[]>;
  close(): Promise<void>;
}

interface ThemedPage {
  page: Page;
  hostConfig: HostConfigChoice;
  /** Page and console errors and blocked requests since the last card; emptied by each card. */
  pending: { errors: string[]; warnings: string[] };
}

export async function launchCardRenderer(): Promise<CardRenderer> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(`no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  const bundle = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const baseCss = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
  const pages = new Map<string, Promise<ThemedPage>>();

  async function openPage(theme: Theme, locale: string): Promise<ThemedPage> {
    const context = await browser.newContext({ viewport: { width: CARD_WIDTH + 100, height: 800 }, deviceScaleFactor: 1, offline: true, colorScheme: theme, locale });
    const page = await context.newPage();
    const pending = { errors: [] as string[], warnings: [] as string[] };
    page.on('pageerror', (error) => pending.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pending.errors.push(`console error: ${message.text()}`);
      else if (message.type() === 'warning') pending.warnings.push(`console warning: ${message.text()}`);
    });
    await page.route('**/*', (route) => {
      pending.warnings.push(`blocked request (no network in previews): ${route.request().url()}`);
      return route.abort();
    });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="frame"><div id="card"></div></div></body></html>');
    await page.addStyleTag({ content: baseCss });
    await page.addStyleTag({ content: pageCss(theme) });
    await page.addScriptTag({ content: bundle });
    await page.addScriptTag({ content: TEAMS_MARKDOWN_SCRIPT });
    await page.addScriptTag({ content: PAGE_SCRIPT });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return { page, hostConfig: teamsHostConfig(theme), pending };
  }

  function pageFor(theme: Theme, locale: string): Promise<ThemedPage> {
    const key = `${theme} ${locale}`;
    let opened = pages.get(key);
    if (!opened) {
      opened = openPage(theme, locale);
      pages.set(key, opened);
    }
    return opened;
  }

  return {
    hostConfigSource: (theme = 'light') => teamsHostConfig(theme).source,
    async render(cards, outDir, options = {}) {
      const { page, hostConfig, pending } = await pageFor(options.theme ?? 'light', options.locale ?? 'en-US');
      mkdirSync(outDir, { recursive: true });
      const reports: RenderReport[] = [];
      for (const [name, card] of Object.entries(cards)) {
        pending.errors.length = 0;
        pending.warnings.length = 0;
        const result = await page.evaluate(
          ({ json, config, width }) =>
            (window as unknown as { __renderCard(j: object, c: object | null, w: number): PageResult }).__renderCard(json, config, width),
          { json: card, config: hostConfig.config, width: options.width ?? CARD_WIDTH },
        );
        let png: string | undefined;
        let width = 0;
        let height = 0;
        if (result.rendered) {
          png = join(outDir, `${name}.png`);
          const image = await page.locator('#frame').screenshot({ animations: 'disabled', caret: 'hide' });
          writeFileSync(png, image);
          width = image.readUInt32BE(16);
          height = image.readUInt32BE(20);
        }
        reports.push({
          name,
          png,
          errors: [...result.errors, ...pending.errors],
          warnings: [...result.warnings, ...pending.warnings],
          width,
          height,
          text: result.text ?? '',
          links: result.links ?? [],
          markup: result.markup ?? [],
        });
      }
      return reports;
    },
    async close() {
      await browser.close();
    },
  };
}
