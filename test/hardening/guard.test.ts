// What the fuzz test found, kept as plain regression tests: activities botbuilder accepts but cannot
// answer, and a turn whose error message cannot be sent either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler } from 'botbuilder';
import { createLogger } from '../../bot/logger';
import { guardActivity } from '../../bot/teams/activityGuard';
import type { TeamsAdapter } from '../../bot/teams/adapter';
import { createServer } from '../../bot/teams/server';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { CARD_VERSION } from '../../cards/version';
import { type InProcessBot, startInProcessBot } from './inProcessBot';

const message = (serviceUrl: string) => ({
  type: 'message',
  id: 'activity-1',
  channelId: 'msteams',
  serviceUrl,
  from: { id: '29:mette', aadObjectId: 'aad-mette', name: 'Mette Madsen' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal-mette', conversationType: 'personal', tenantId: 'tenant-a' },
  text: 'hjælp',
});

describe('the activity guard refuses what botbuilder cannot answer', () => {
  const base = message('http://127.0.0.1:9/');
  it.each([
    ['a conversation type that is not text (the reply fails to serialize: 500)', { ...base, conversation: { ...base.conversation, conversationType: 9007199254740991 } }, 'conversation.conversationType'],
    ['isGroup that is not a boolean', { ...base, conversation: { ...base.conversation, isGroup: 'yes' } }, 'conversation.isGroup'],
    ['a tenant id that is not text', { ...base, conversation: { ...base.conversation, tenantId: { id: 'tenant-a' } } }, 'conversation.tenantId'],
    ['a user id (aadObjectId) that is not text', { ...base, from: { ...base.from, aadObjectId: ['aad-mette'] } }, 'from.aadObjectId'],
    ['a sender name that is not text', { ...base, from: { ...base.from, name: 42 } }, 'from.name'],
    ['an activity id "." (the reply URL would resolve it)', { ...base, id: '.' }, 'id'],
    ['a conversation id ".."', { ...base, conversation: { ...base.conversation, id: '..' } }, 'conversation.id'],
    ['a replyToId "."', { ...base, replyToId: '.' }, 'replyToId'],
    ['channelData that is not an object', { ...base, channelData: 'tenant-a' }, 'channelData'],
    ['a tenant in channelData that is not text', { ...base, channelData: { tenant: { id: 7 } } }, 'channelData.tenant.id'],
    ['membersAdded that are not accounts', { ...base, type: 'conversationUpdate', membersAdded: [{ name: 'x' }] }, 'membersAdded'],
    ['an invoke name that is not text', { ...base, type: 'invoke', name: { verb: 'x' } }, 'name'],
  ])('%s', (_what, body, field) => {
    const result = guardActivity(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join(' ')).toContain(field);
  });

  it('still lets a Teams activity with channel data, entities and attachments through', () => {
    expect(
      guardActivity({
        ...base,
        conversation: { ...base.conversation, conversationType: 'channel', isGroup: true, name: 'Unge-teamet' },
        channelData: { tenant: { id: 'tenant-a' }, channel: { id: '19:abc@thread.tacv2' }, team: { id: '19:team' }, eventType: 'x' },
        entities: [{ type: 'mention', mentioned: { id: '28:bot' } }],
        attachments: [{ contentType: 'text/html', content: '<p>hi</p>' }],
        textFormat: 'plain',
      }),
    ).toEqual({ ok: true });
  });
});

describe('an activity that names two tenants', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('is refused by the guard, and only when both tenant ids are there and differ', () => {
    const base = message('http://127.0.0.1:9/');
    expect(guardActivity({ ...base, channelData: { tenant: { id: 'tenant-b' } } })).toMatchObject({ ok: false, error: 'tenantMismatch' });
    expect(guardActivity({ ...base, channelData: { tenant: { id: 'tenant-a' } } })).toEqual({ ok: true });
    expect(guardActivity({ ...base, conversation: { ...base.conversation, tenantId: undefined }, channelData: { tenant: { id: 'tenant-b' } } })).toEqual({ ok: true });
  });

  it('gets 403, runs no turn, writes nothing, and is logged without the ids', async () => {
    const base = message(bot.serviceUrl);
    const before = bot.rowCounts();
    const answer = await bot.post('/api/messages', JSON.stringify({ ...base, text: 'ny sag', channelData: { tenant: { id: 'tenant-evil' } } }));
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'tenantMismatch' });
    expect(bot.rowCounts()).toEqual(before);
    expect(bot.connector.requests).toHaveLength(0);
    expect(bot.logs()).toMatch(/"event":"activity.rejected"[^\n]*"reason":"tenantMismatch"/);
    expect(bot.logs()).not.toMatch(/tenant-evil|tenant-a|aad-mette/);
  });

  it('writes nothing even for a change that writes when the tenants agree', async () => {
    const create = (tenantInChannelData: string) =>
      JSON.stringify({
        ...message(bot.serviceUrl),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'case.create', data: { v: CARD_VERSION, name: 'Emil Hansen', birthDate: '2008-03-14', status: 'education' } } },
        channelData: { tenant: { id: tenantInChannelData } },
      });
    const before = bot.rowCounts();
    expect((await bot.post('/api/messages', create('tenant-evil'))).status).toBe(403);
    expect(bot.rowCounts()).toEqual(before);
    expect((await bot.post('/api/messages', create('tenant-a'))).status).toBe(200);
    expect(bot.rowCounts()).not.toEqual(before);
  });
});

describe('answers that never carry botbuilder\'s error text', () => {
  it('gives a turn that fails outside the bot\'s own error handling 500 with the bot\'s own words', async () => {
    const failing = {
      authenticate: async () => ({ ok: true, run: async () => Promise.reject(new Error('botbuilder internals: https://token.example/ secret')) }),
    } as unknown as TeamsAdapter;
    const server = createServer({ adapter: failing, bot: {} as ActivityHandler, log: createLogger('silent'), ready: async () => undefined });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message('http://127.0.0.1:9/')),
      });
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({ error: 'internal', message: 'The activity could not be processed.' });
    } finally {
      server.close();
    }
  });
});

describe('a turn whose connector is unreachable', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('answers without a 500 and logs the failure by its kind only', async () => {
    // Port 9 on loopback: nothing listens, so the reply and the error message both fail.
    const answer = await bot.post('/api/messages', JSON.stringify(message('http://127.0.0.1:9/')));
    expect(answer.status).toBeLessThan(500);
    expect(bot.logs()).toMatch(/"event":"turn.error"/);
    expect(bot.logs()).toMatch(/"event":"turn.error.notTold"/);
    expect(bot.logs()).not.toContain('Mette Madsen');
    // Where it happened, not the error's message (which may quote data): here the address it could not reach.
    expect(bot.logs()).toMatch(/"stack":"\s*at /);
    expect(bot.logs()).not.toContain('127.0.0.1:9');
  }, 60_000);
});

describe('a card action whose turn fails unexpectedly', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it.each([
    ['da-DK', da.unexpectedError],
    ['en-US', en.unexpectedError],
  ])('is answered with a message in the clicker’s language (%s), not an empty 5xx', async (locale, text) => {
    const click = (verb: string, data: Record<string, unknown>) =>
      bot.post('/api/messages', JSON.stringify({
        ...message(bot.serviceUrl),
        id: `activity-${verb}-${locale}`,
        locale,
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data: { v: CARD_VERSION, ...data } } },
      }));
    expect((await click('case.create', { name: 'Alex Ung', birthDate: '2009-03-14', status: 'education' })).status).toBe(200);
    const [summary] = await bot.store.listCasesForUser('tenant-a', 'aad-mette');
    // Something no user input explains: the store fails on the save.
    const replaceCase = bot.store.replaceCase;
    bot.store.replaceCase = async () => {
      throw new Error('disk I/O error');
    };
    try {
      const answer = await click('team.addExternal', { caseId: summary!.caseId, externalName: 'Karen Hansen', externalRole: 'vip' });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
    } finally {
      bot.store.replaceCase = replaceCase;
    }
  }, 60_000);
});
