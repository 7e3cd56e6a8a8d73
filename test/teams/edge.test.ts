import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config';
import { DEFAULT_READINESS_INDICATORS } from '../../bot/readinessIndicators';
import { guardActivity } from '../../bot/teams/activityGuard';
import { parseCardAction } from '../../bot/teams/actions/registry';

const activity = {
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:56000',
  from: { id: 'user-1', aadObjectId: 'aad-1' },
  conversation: { id: 'conv-1' },
  text: 'hjælp',
};

describe('incoming activities', () => {
  it('lets a well-formed activity through', () => {
    expect(guardActivity(activity)).toEqual({ ok: true });
  });

  it.each([
    ['no type', { ...activity, type: undefined }, 'type'],
    ['an empty type', { ...activity, type: '' }, 'type'],
    ['no conversation', { ...activity, conversation: undefined }, 'conversation'],
    ['no sender', { ...activity, from: undefined }, 'from'],
    ['a service URL that is not one', { ...activity, serviceUrl: 'not a url' }, 'serviceUrl'],
    ['a text over 100 000 characters', { ...activity, text: 'x'.repeat(100_001) }, 'text'],
  ])('refuses an activity with %s, naming the field', (_what, body, field) => {
    const result = guardActivity(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join(' ')).toContain(field);
  });

  it.each([null, 'text', 42, []])('refuses %j as a body', (body) => {
    expect(guardActivity(body).ok).toBe(false);
  });
});

describe('card actions', () => {
  const execute = (verb: string, data: unknown) => ({ action: { type: 'Action.Execute', verb, data } });

  it('parses a known verb with its data', () => {
    expect(parseCardAction(execute('team.remove', { v: 1, caseId: 'c1', memberId: 'm1' }))).toEqual({
      ok: true,
      action: { verb: 'team.remove', data: { v: 1, caseId: 'c1', memberId: 'm1' } },
    });
  });

  it('reads a version sent as text, as Teams may', () => {
    const parsed = parseCardAction(execute('case.show', { v: '1', caseId: 'c1', view: 'team' }));
    expect(parsed.ok && parsed.action.data.v).toBe(1);
  });

  it.each([
    ['an unknown verb', execute('case.delete', { v: 1, caseId: 'c1' }), 'unknownVerb'],
    ['no version', execute('team.remove', { caseId: 'c1', memberId: 'm1' }), 'malformed'],
    ['no case id', execute('team.remove', { v: 1, memberId: 'm1' }), 'malformed'],
    ['a view that does not exist', execute('case.show', { v: 1, caseId: 'c1', view: 'secrets' }), 'malformed'],
    ['a field of the wrong type', execute('team.addExternal', { v: 1, caseId: 'c1', externalName: { nested: true } }), 'malformed'],
    ['a card from a newer bot', execute('team.remove', { v: 2, caseId: 'c1', memberId: 'm1' }), 'newerVersion'],
    ['an Action.Submit', { action: { type: 'Action.Submit', data: {} } }, 'malformed'],
    ['no action at all', {}, 'malformed'],
    ['nothing', undefined, 'malformed'],
  ])('refuses %s', (_what, value, problem) => {
    expect(parseCardAction(value)).toEqual({ ok: false, problem });
  });
});

describe('settings', () => {
  it('defaults to the embedded store on loopback port 3978, unauthenticated', () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      host: '127.0.0.1',
      logLevel: 'info',
      outboxIntervalMs: 2000,
      reminders: { sendAt: '08:00', workingDaysBefore: 2, nextMeetingLeadDays: 21, noMeetingAfterMonths: 4, transitionLeadMonths: 2 },
      readinessIndicators: DEFAULT_READINESS_INDICATORS,
      credentials: undefined,
      store: { kind: 'sqlite', file: './data/samarbejdsbot.sqlite' },
      retention: { days: 1826, intervalMs: 3_600_000 },
      statisticsFreezeIntervalMs: 86_400_000,
      radar: { intervalMs: 3_600_000 },
      teamsServiceUrl: 'https://smba.trafficmanager.net/teams/',
      administrators: [],
      exportBaseUrl: 'http://127.0.0.1:3978',
    });
  });

  it("reads the administrators' tenant and Entra object ids, in lower case, and refuses anything else", () => {
    const tenant = '99999999-8888-4777-8666-555555555555';
    const ids = `${tenant}:0A0A0A0A-0000-4000-8000-00000000000A, ${tenant.toUpperCase()}:1b1b1b1b-0000-4000-8000-00000000000b`;
    expect(loadConfig({ ADMIN_AAD_OBJECT_IDS: ids }).administrators).toEqual([`${tenant}:0a0a0a0a-0000-4000-8000-00000000000a`, `${tenant}:1b1b1b1b-0000-4000-8000-00000000000b`]);
    expect(() => loadConfig({ ADMIN_AAD_OBJECT_IDS: 'anna@kommune.dk' })).toThrow(/ADMIN_AAD_OBJECT_IDS/);
    expect(() => loadConfig({ ADMIN_AAD_OBJECT_IDS: `${tenant}:anna@kommune.dk` })).toThrow(/ADMIN_AAD_OBJECT_IDS/);
  });

  it('gives export links over HTTPS (App Service host name, or EXPORT_BASE_URL), on loopback, or not at all', () => {
    expect(loadConfig({ WEBSITE_HOSTNAME: 'samarbejdsbot.azurewebsites.net' }).exportBaseUrl).toBe('https://samarbejdsbot.azurewebsites.net');
    expect(loadConfig({ EXPORT_BASE_URL: 'https://bot.kommune.dk/' }).exportBaseUrl).toBe('https://bot.kommune.dk');
    expect(loadConfig({ HOST: '0.0.0.0' }).exportBaseUrl).toBeUndefined();
    expect(loadConfig({ EXPORT_BASE_URL: 'http://bot.kommune.dk' }).exportBaseUrl).toBeUndefined();
  });

  it('reads the retention period in days, and refuses one of none', () => {
    expect(loadConfig({ RETENTION_DAYS: '30', RETENTION_INTERVAL_MS: '0' }).retention).toEqual({ days: 30, intervalMs: 0 });
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(ConfigError);
  });

  it('uses Cosmos DB when an endpoint is set', () => {
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/', COSMOS_KEY: 'k' }).store).toEqual({
      kind: 'cosmos',
      endpoint: 'https://example.documents.azure.com:443/',
      databaseId: 'samarbejdsbot',
      key: 'k',
    });
  });

  it('refuses to run unauthenticated in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId/);
  });

  it('refuses a test clock in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', CLOCK_FILE: '/tmp/now' })).toThrow(/CLOCK_FILE/);
    expect(loadConfig({ CLOCK_FILE: '/tmp/now' }).clockFile).toBe('/tmp/now');
  });

  it('names every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
