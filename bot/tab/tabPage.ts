// `GET /tab` (and `/tab/config`): the tab's page and what it loads (tab/ holds them; @microsoft/teams-js comes from its own
// package, served as it is published). The page's words, both languages, are written into the page as
// data: it shows the one Teams' locale asks for. Nothing here is personal: the API (tabApi.ts) is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Server } from 'restify';
import { da } from '../i18n/da';
import { en } from '../i18n/en';

/** tab/ at the repository's root, from bot/tab (sources, tests) or dist/bot/tab (compiled). */
function tabDirectory(): string {
  const found = [join(__dirname, '../../tab'), join(__dirname, '../../../tab')].find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!found) throw new Error('The tab page (tab/index.html) is missing from the deployment.');
  return found;
}

/**
 * Teams (web, desktop and mobile, Outlook and microsoft365.com) frames the tab; nothing else may. The
 * page talks to this server only; teams-js may fetch Microsoft's list of host origins.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self' https://res.cdn.office.net",
    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.office365.com https://*.microsoft365.com https://*.cloud.microsoft",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The words the page shows, by language; `<` escaped so that no text can close the script element holding them. */
function pageTexts(): string {
  const texts = Object.fromEntries(
    [da, en].map((m) => [m.language, { ...m.tab.page, roles: m.roles, consentGaps: m.tab.consentGaps, meeting: m.tab.meeting, leader: m.tab.leader, radar: m.tab.radar }]),
  );
  return JSON.stringify(texts).replace(/</g, '\\u003c');
}

export function registerTabPage(server: Server): void {
  const directory = tabDirectory();
  const page = readFileSync(join(directory, 'index.html'), 'utf8').replace('{{TEXTS}}', () => pageTexts());
  // A Map, so that a name such as `constructor` is no file.
  const assets = new Map<string, { body: Buffer; type: string }>([
    ['tab.js', { body: readFileSync(join(directory, 'tab.js')), type: 'text/javascript; charset=utf-8' }],
    ['leader.js', { body: readFileSync(join(directory, 'leader.js')), type: 'text/javascript; charset=utf-8' }],
    ['trend.js', { body: readFileSync(join(directory, 'trend.js')), type: 'text/javascript; charset=utf-8' }],
    ['tab.css', { body: readFileSync(join(directory, 'tab.css')), type: 'text/css; charset=utf-8' }],
    ['meeting.js', { body: readFileSync(join(directory, 'meeting.js')), type: 'text/javascript; charset=utf-8' }],
    ['meeting.css', { body: readFileSync(join(directory, 'meeting.css')), type: 'text/css; charset=utf-8' }],
    ['teams-js.min.js', { body: readFileSync(require.resolve('@microsoft/teams-js')), type: 'text/javascript; charset=utf-8' }],
  ]);

  // The same page is the tab and, in a channel or group chat, its configuration page (tab.js tells them apart).
  const servePage = async (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(page);
  };
  server.get('/tab', servePage);
  server.get('/tab/config', servePage);

  server.get('/tab/:asset', async (req, res) => {
    const asset = assets.get(String(req.params?.asset ?? ''));
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'notFound', message: 'No such file.' }));
      return;
    }
    res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
    res.end(asset.body);
  });
}
