// The young person's rights in Teams: `eksport` only in the 1:1 chat, through a link that works once
// for ten minutes; `luk sag` and `slet sag` with confirmation cards and their verbs.
import type { AddressInfo } from 'node:net';
import type { Activity, TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { selectCase } from '../../bot/app/readCase';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { handleCardAction } from '../../bot/teams/cardActionHandler';
import { ExportLinks, registerExportRoute } from '../../bot/teams/exportLinks';
import { handleMessage } from '../../bot/teams/messageHandler';
import type { RightsEnv } from '../../bot/teams/rightsHandlers';
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
  const links = new ExportLinks(() => clock.now, 'http://127.0.0.1:1');
  const rights: RightsEnv = { exportLinks: links, retentionDays: 1826 };
  return { clock, deps, caseId: created.id, reference: created.reference, links, rights };
}

let server: restify.Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function serve(links: ExportLinks, deps: Awaited<ReturnType<typeof setUp>>['deps']): Promise<string> {
  server = restify.createServer();
  registerExportRoute(server, links, deps, log);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('eksport', () => {
  it.each(['channel', 'groupChat'] as const)('is refused in a %s, and no link is made', async (kind) => {
    const { deps, links, rights } = await setUp();
    const { context, sent } = turn('eksport', kind);
    await handleMessage(context, deps, COORDINATOR, da, log, rights);
    expect(sent).toEqual([da.rights.exportInPersonalChat]);
    expect(links.size).toBe(0);
  });

  it('gives the coordinator a link in the 1:1 chat that downloads the case once, audited', async () => {
    const { deps, caseId, reference, links, rights } = await setUp();
    const base = await serve(links, deps);
    const { context, sent } = turn('eksport', 'personal');
    await handleMessage(context, deps, COORDINATOR, da, log, rights);
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
    const url = links.create(COORDINATOR, caseId);
    clock.now = new Date(NOW.getTime() + 10 * 60_000);
    expect((await fetch(`${base}${new URL(url).pathname}`)).status).toBe(404);
    expect((await fetch(`${base}/export/${'a'.repeat(43)}`)).status).toBe(404);
    expect((await deps.store.listAudit('tenant-a', caseId)).map((record) => record.action)).not.toContain('case.export');
  });

  it('gives a team member who is not the coordinator no link', async () => {
    const { deps, caseId, links, rights } = await setUp();
    await selectCase(deps, JONAS, caseId);
    const { context, sent } = turn('export', 'personal');
    await handleMessage(context, deps, JONAS, da, log, rights);
    expect(sent).toEqual([da.errors.notCoordinator({})]);
    expect(links.size).toBe(0);
  });
});

describe('luk sag and slet sag', () => {
  const execute = (verb: string, data: Record<string, unknown>) => ({ action: { type: 'Action.Execute', verb, data: { v: 1, ...data } } });

  it('shows the confirmation cards, and erases with the typed reference only', async () => {
    const { deps, caseId, reference, rights } = await setUp();
    const env = { adapter: undefined as never, botAppId: '', deps, log, rights };

    const asked = turn('slet sag', 'personal');
    await handleMessage(asked.context, deps, COORDINATOR, da, log, rights);
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
    await handleMessage(asked.context, deps, COORDINATOR, da, log, rights);
    expect(textOf(asked.sent[0])).toContain('"verb":"case.close"');
    expect(textOf(asked.sent[0])).toContain('2031-11-23');

    const close = turn('', 'personal', execute('case.close', { caseId, confirmation: reference }));
    expect(JSON.stringify(await handleCardAction(close.context, env, COORDINATOR, da))).toContain(da.rights.closedBody('2031-11-23'));
    expect((await deps.store.getCase('tenant-a', caseId))?.case.closedAt).toBe(NOW.toISOString());

    const again = turn('luk sag', 'personal');
    await handleMessage(again.context, deps, COORDINATOR, da, log, rights);
    expect(again.sent).toEqual([da.errors.caseAlreadyClosed({})]);
  });
});
