// The young person's rights in Teams: `eksport` only in the 1:1 chat, through a link that works once
// for ten minutes; `luk sag` and `slet sag` with confirmation cards and their verbs.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, TurnContext } from 'botbuilder';
import Database from 'better-sqlite3';
import * as restify from 'restify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { selectCase } from '../../bot/app/readCase';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { handleCardAction } from '../../bot/teams/cardActionHandler';
import { ExportLinks } from '../../bot/app/exportLinks';
import { registerExportRoute } from '../../bot/teams/exportRoute';
import { handleMessage } from '../../bot/teams/messageHandler';
import type { RightsEnv } from '../../bot/teams/actions/turn';
import { COORDINATOR, JONAS, YOUNG_PERSON, appDeps } from '../app/appFixture';
import { NOW } from '../domain/fixtures';

const log = createLogger('silent');

/** What handleMessage and handleCardAction use of a turn: the activity, and what is sent back. */
function turn(text: string, conversationType: 'personal' | 'channel' | 'groupChat', value?: unknown) {
  const sent: Array<Partial<Activity> | string> = [];
  const activity = {
    type: value ? 'invoke' : 'message',
    id: `activity-${Math.random()}`,
    text,
    value,
    conversation: { id: `conversation-${conversationType}`, conversationType, isGroup: conversationType !== 'personal' },
    from: { id: '29:mette', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name },
  } as unknown as Activity;
  const context = { activity, sendActivity: async (reply: Partial<Activity> | string) => void sent.push(reply) } as unknown as TurnContext;
  return { context, sent };
}

const cardOf = (reply: Partial<Activity> | string | undefined) => (typeof reply === 'string' ? undefined : (reply?.attachments?.[0]?.content as Record<string, unknown>));
const textOf = (reply: Partial<Activity> | string | undefined) => (typeof reply === 'string' ? reply : JSON.stringify(reply));
const urlIn = (card: unknown) => (card as { actions: Array<{ url: string }> }).actions[0]!.url;

async function setUp() {
  const clock = { now: NOW };
  const deps = { ...appDeps(), now: () => clock.now };
  const created = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  await addTeamMember(deps, COORDINATOR, created.id, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name } });
  await selectCase(deps, COORDINATOR, created.id);
  const links = new ExportLinks(deps.store, () => clock.now, 'http://127.0.0.1:1');
  const rights: RightsEnv = { exportLinks: links, retentionDays: 1826 };
  return { clock, deps, caseId: created.id, reference: created.reference, links, rights };
}

const servers: restify.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(links: ExportLinks, deps: Awaited<ReturnType<typeof setUp>>['deps']): Promise<string> {
  const server = restify.createServer();
  servers.push(server);
  registerExportRoute(server, links, deps, log);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('eksport', () => {
  it.each(['channel', 'groupChat'] as const)('is refused in a %s, and no link is made', async (kind) => {
    const { deps, rights } = await setUp();
    const saved = vi.spyOn(deps.store, 'saveExportLink');
    const { context, sent } = turn('eksport', kind);
    await handleMessage(context, { deps, log, rights, botAppId: '' }, COORDINATOR, da);
    expect(sent).toEqual([da.rights.exportInPersonalChat]);
    expect(saved).not.toHaveBeenCalled();
  });

  it('gives the coordinator a link in the 1:1 chat that downloads the case once, audited', async () => {
    const { deps, caseId, reference, links, rights } = await setUp();
    const base = await serve(links, deps);
    const { context, sent } = turn('eksport', 'personal');
    await handleMessage(context, { deps, log, rights, botAppId: '' }, COORDINATOR, da);
    const url = urlIn(cardOf(sent[0]));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:1\/export\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(url).pathname;

    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${reference}.json"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const exported = (await response.json()) as { case: { id: string; youngPerson: { name: string } }; audit: Array<{ action: string }> };
    expect(exported.case.id).toBe(caseId);
    expect(exported.case.youngPerson.name).toBe(YOUNG_PERSON.name);
    expect(exported.audit.at(-1)?.action).toBe('case.export');

    // Once only.
    expect((await fetch(`${base}${path}`)).status).toBe(404);
  });

  it('answers a link after ten minutes, or a made-up one, with 404 and exports nothing', async () => {
    const { clock, deps, caseId, links } = await setUp();
    const base = await serve(links, deps);
    const url = await links.create(COORDINATOR, caseId);
    clock.now = new Date(NOW.getTime() + 10 * 60_000);
    expect((await fetch(`${base}${new URL(url).pathname}`)).status).toBe(404);
    expect((await fetch(`${base}/export/${'a'.repeat(43)}`)).status).toBe(404);
    expect((await deps.store.listAudit('tenant-a', caseId)).map((record) => record.action)).not.toContain('case.export');
  });

  it('gives a team member who is not the coordinator no link', async () => {
    const { deps, caseId, rights } = await setUp();
    const saved = vi.spyOn(deps.store, 'saveExportLink');
    await selectCase(deps, JONAS, caseId);
    const { context, sent } = turn('export', 'personal');
    await handleMessage(context, { deps, log, rights, botAppId: '' }, JONAS, da);
    expect(sent).toEqual([da.errors.notCoordinator({})]);
    expect(saved).not.toHaveBeenCalled();
  });
});

describe('an export link behind several bot instances', () => {
  /** Bot instances on one store file, each with its own store connection, link keeper and HTTP server. */
  async function instances() {
    const directory = mkdtempSync(join(tmpdir(), 'samarbejdsbot-export-'));
    const file = join(directory, 'store.sqlite');
    const clock = { now: NOW };
    const opened: SqliteCaseStore[] = [];
    const instance = async () => {
      const store = new SqliteCaseStore(file);
      opened.push(store);
      const deps = { ...appDeps(), store, now: () => clock.now };
      const links = new ExportLinks(store, () => clock.now, 'http://127.0.0.1:1');
      return { store, deps, links, base: await serve(links, deps) };
    };
    const first = await instance();
    const created = await openCase(first.deps, COORDINATOR, YOUNG_PERSON);
    const close = async () => {
      for (const store of opened) await store.close().catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    };
    return { clock, file, first, instance, caseId: created.id, close };
  }

  it('is served by another instance than the one that made it, once', async () => {
    const { first, instance, caseId, close } = await instances();
    try {
      const second = await instance();
      const path = new URL(await first.links.create(COORDINATOR, caseId)).pathname;
      const served = await fetch(`${second.base}${path}`);
      expect(served.status).toBe(200);
      expect(((await served.json()) as { case: { id: string } }).case.id).toBe(caseId);
      expect((await fetch(`${first.base}${path}`)).status).toBe(404);
      expect((await fetch(`${second.base}${path}`)).status).toBe(404);
    } finally {
      await close();
    }
  });

  it('is served once when two instances are asked at the same moment', async () => {
    const { first, instance, caseId, close } = await instances();
    try {
      const second = await instance();
      for (let round = 0; round < 5; round++) {
        const path = new URL(await first.links.create(COORDINATOR, caseId)).pathname;
        const answers = await Promise.all([fetch(`${first.base}${path}`), fetch(`${second.base}${path}`)]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([200, 404]);
      }
    } finally {
      await close();
    }
  });

  it('survives a restart within its ten minutes, and not past them; the token itself is stored nowhere', async () => {
    const { clock, file, first, instance, caseId, close } = await instances();
    try {
      const kept = new URL(await first.links.create(COORDINATOR, caseId)).pathname;
      const runOut = new URL(await first.links.create(COORDINATOR, caseId)).pathname;
      await first.store.close();
      const restarted = await instance();
      clock.now = new Date(NOW.getTime() + 9 * 60_000);
      expect((await fetch(`${restarted.base}${kept}`)).status).toBe(200);
      clock.now = new Date(NOW.getTime() + 10 * 60_000);
      expect((await fetch(`${restarted.base}${runOut}`)).status).toBe(404);
      const token = runOut.split('/').pop()!;
      const reader = new Database(file, { readonly: true });
      try {
        expect(JSON.stringify(reader.prepare('SELECT * FROM export_links').all())).not.toContain(token);
      } finally {
        reader.close();
      }
    } finally {
      await close();
    }
  });

  it('deletes links that ran out when a new one is made', async () => {
    const { clock, file, first, caseId, close } = await instances();
    try {
      await first.links.create(COORDINATOR, caseId);
      await first.links.create(COORDINATOR, caseId);
      clock.now = new Date(NOW.getTime() + 11 * 60_000);
      await first.links.create(COORDINATOR, caseId);
      const reader = new Database(file, { readonly: true });
      try {
        expect(reader.prepare('SELECT COUNT(*) AS n FROM export_links').get()).toEqual({ n: 1 });
      } finally {
        reader.close();
      }
    } finally {
      await close();
    }
  });
});

describe('luk sag and slet sag', () => {
  const execute = (verb: string, data: Record<string, unknown>) => ({ action: { type: 'Action.Execute', verb, data: { v: 1, ...data } } });

  it('shows the confirmation cards, and erases with the typed reference only', async () => {
    const { deps, caseId, reference, rights } = await setUp();
    const env = { adapter: undefined as never, botAppId: '', deps, log, rights };

    const asked = turn('slet sag', 'personal');
    await handleMessage(asked.context, { deps, log, rights, botAppId: '' }, COORDINATOR, da);
    expect(textOf(asked.sent[0])).toContain('"verb":"case.erase"');
    expect(textOf(asked.sent[0])).toContain(reference);

    const wrong = turn('', 'personal', execute('case.erase', { caseId, confirmation: 'S-NOPE1' }));
    expect(JSON.stringify(await handleCardAction(wrong.context, env, COORDINATOR, da))).toContain(da.errors.confirmationMismatch({}));
    expect(await deps.store.getCase('tenant-a', caseId)).toBeDefined();

    const right = turn('', 'personal', execute('case.erase', { caseId, confirmation: reference }));
    expect(JSON.stringify(await handleCardAction(right.context, env, COORDINATOR, da))).toContain(da.rights.erased(reference));
    expect(await deps.store.getCase('tenant-a', caseId)).toBeUndefined();
  });

  it('closes the case with the date it will be erased, and refuses closing it twice', async () => {
    const { deps, caseId, reference, rights } = await setUp();
    const env = { adapter: undefined as never, botAppId: '', deps, log, rights };
    const asked = turn('luk sag', 'personal');
    await handleMessage(asked.context, { deps, log, rights, botAppId: '' }, COORDINATOR, da);
    expect(textOf(asked.sent[0])).toContain('"verb":"case.close"');
    expect(textOf(asked.sent[0])).toContain('søndag 23. november 2031');

    const close = turn('', 'personal', execute('case.close', { caseId, confirmation: reference }));
    expect(JSON.stringify(await handleCardAction(close.context, env, COORDINATOR, da))).toContain(da.rights.closedBody('søndag 23. november 2031'));
    expect((await deps.store.getCase('tenant-a', caseId))?.case.closedAt).toBe(NOW.toISOString());

    const again = turn('luk sag', 'personal');
    await handleMessage(again.context, { deps, log, rights, botAppId: '' }, COORDINATOR, da);
    expect(again.sent).toEqual([da.errors.caseAlreadyClosed({})]);
  });
});
