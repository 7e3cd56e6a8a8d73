// Fuzz test: 10 000 random and malformed activities and card payloads sent over keep-alive HTTP to the
// real server (createServer with the real adapter and bot) in this process, over an embedded SQLite
// store that holds one real case. Asserted for every request: an answer below 500 (501 only for an
// invoke the bot does not implement, as the Bot Framework protocol wants), the process still serving,
// and for input the bot must refuse (not an activity, no tenant or user, a card payload that does not
// parse, an activity type the bot ignores) no row written anywhere.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { openCase } from '../../bot/app/openCase';
import { guardActivity } from '../../bot/teams/activityGuard';
import { actorFrom } from '../../bot/teams/actor';
import { z } from 'zod';
import { VERBS as DECLARED_VERBS, parseCardAction } from '../../bot/teams/actions/registry';
import { type InProcessBot, startInProcessBot } from './inProcessBot';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const TENANT = 'tenant-a';
const COORDINATOR = { aadObjectId: 'aad-mette', teamsUserId: '29:mette', name: 'Mette Madsen' };
const VERBS = DECLARED_VERBS.map((declaration) => declaration.verb);
const FIELDS = [...new Set(DECLARED_VERBS.flatMap(({ data }) => (data instanceof z.ZodObject ? Object.keys(data.shape) : [])))];

/** Strings that look like a CPR number, with and without the hyphen, alone and inside text. */
const cprLike = fc.oneof(
  fc.constantFrom('010203-1234', '0102031234', 'født 311299-4321 i Odense', '290200-1234', '999999-9999'),
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 })).map(
    ([d, m, y, s]) => `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(2, '0')}-${String(s).padStart(4, '0')}`,
  ),
);
const hugeString = fc.integer({ min: 1_000, max: 120_000 }).chain((length) => fc.constantFrom('x', 'æ', '😀', '<at>', '\u0000').map((c) => c.repeat(length)));
const nested = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 4 }), fc.array(tie('node'), { maxLength: 4 })) })).node;
const deep = fc.integer({ min: 50, max: 3_000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
});

describe('fuzz: random and malformed activities and card payloads', () => {
  let bot: InProcessBot;
  let caseId = '';
  let memberIds: string[] = [];

  beforeAll(async () => {
    bot = await startInProcessBot({ logLevel: 'info' });
    const created = await openCase(bot.deps, { tenantId: TENANT, ...COORDINATOR, serviceUrl: bot.serviceUrl }, { name: 'Freja Lund', birthDate: '2010-03-14', status: 'neither' });
    caseId = created.id;
    memberIds = created.members.map((member) => member.id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it(`answers ${RUNS} requests below 500 and writes nothing for input it must refuse`, async () => {
    const serviceUrl = bot.serviceUrl;
    const anId = fc.oneof(fc.constant(caseId), fc.constantFrom(...memberIds), fc.uuid(), fc.string({ maxLength: 30 }), fc.constant(''), fc.constant('../../etc/passwd'));
    const anyValue = fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
      { weight: 2, arbitrary: cprLike },
      { weight: 1, arbitrary: hugeString },
      { weight: 2, arbitrary: nested },
      { weight: 1, arbitrary: deep },
      { weight: 2, arbitrary: anId },
      { weight: 1, arbitrary: fc.constantFrom(1, '1', 2, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, true, 'true', null, '2026-12-01', '2026-02-30', '25:99', 'yes') },
    );
    const cardData = fc.record(
      {
        v: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: anyValue }),
        caseId: fc.oneof({ weight: 4, arbitrary: fc.constant(caseId) }, { weight: 1, arbitrary: anyValue }),
        memberId: fc.oneof(fc.constantFrom(...memberIds), anyValue),
        fields: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), anyValue, { maxKeys: 6 }),
      },
      { requiredKeys: [] },
    ).map(({ fields, ...known }) => ({ ...known, ...fields }));
    const sender = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ id: COORDINATOR.teamsUserId, aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name } as Record<string, unknown>) },
      { weight: 2, arbitrary: fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), aadObjectId: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }) }) },
      { weight: 1, arbitrary: fc.record({ id: anyValue, aadObjectId: anyValue }) },
    );
    const conversation = fc.record({
      id: fc.oneof({ weight: 5, arbitrary: fc.constant('a:personal-mette') }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 80 }) }),
      conversationType: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('personal', 'groupChat', 'channel', undefined) }, { weight: 1, arbitrary: anyValue }),
      tenantId: fc.oneof({ weight: 6, arbitrary: fc.constant(TENANT) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('tenant-b') }, { weight: 1, arbitrary: anyValue }),
      isGroup: fc.option(fc.boolean(), { nil: undefined }),
    });
    const base = fc.record({
      id: fc.oneof(fc.uuid(), fc.string({ maxLength: 20 })),
      channelId: fc.constantFrom('msteams', 'msteams', 'emulator', 'webchat'),
      serviceUrl: fc.oneof({ weight: 20, arbitrary: fc.constant(serviceUrl) }, { weight: 1, arbitrary: anyValue }),
      from: sender,
      recipient: fc.constant({ id: '28:bot' }),
      conversation,
      locale: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('da-DK', 'en-US', 'en', 'xx', undefined) }, { weight: 1, arbitrary: fc.string({ maxLength: 60 }) }),
      channelData: fc.oneof({ weight: 6, arbitrary: fc.constant({ tenant: { id: TENANT } }) }, { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyValue }),
    });
    const message = fc.tuple(
      base,
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        cprLike,
        hugeString,
        fc.tuple(fc.constantFrom('hjælp', 'ny sag', 'sag', 'team', 'samtykke', 'møde', 'mål', 'aflys', 'afslut', 'mine', 'statistik', 'help', 'new case'), fc.string({ maxLength: 40 })).map(([c, rest]) => `<at>Samarbejdsbot</at> ${c} ${rest}`),
      ),
      fc.option(anyValue, { nil: undefined }),
    ).map(([activity, text, value]) => ({ ...activity, type: 'message', text, ...(value === undefined ? {} : { value }) }));
    const cardAction = fc.tuple(
      base,
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...VERBS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: anyValue }),
      fc.oneof({ weight: 8, arbitrary: cardData }, { weight: 1, arbitrary: anyValue }),
      fc.oneof({ weight: 8, arbitrary: fc.constant('Action.Execute') }, { weight: 1, arbitrary: anyValue }),
      fc.oneof({ weight: 8, arbitrary: fc.constant('adaptiveCard/action') }, { weight: 1, arbitrary: fc.constantFrom('composeExtension/query', 'task/fetch', 'signin/verifyState', 'fileConsent/invoke') }, { weight: 1, arbitrary: anyValue }),
    ).map(([activity, verb, data, actionType, name]) => ({ ...activity, type: 'invoke', name, value: { action: { type: actionType, verb, data } } }));
    const randomFields = fc.tuple(
      fc.oneof(message, cardAction),
      fc.dictionary(
        fc.constantFrom('type', 'id', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation', 'text', 'value', 'name', 'locale', 'channelData', 'membersAdded', 'entities', 'attachments', 'replyToId', 'deliveryMode', 'timestamp'),
        fc.oneof(fc.constant(undefined), anyValue, fc.constantFrom('message', 'invoke', 'conversationUpdate', 'messageReaction', 'installationUpdate', 'event', 'expectReplies', '')),
        { maxKeys: 4 },
      ),
    ).map(([activity, overrides]) => {
      const changed: Record<string, unknown> = { ...activity };
      for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete changed[key];
        else changed[key] = value;
      }
      return changed;
    });
    const arbitraryJson = fc.oneof(fc.jsonValue(), nested, deep);
    const request = fc.oneof(
      { weight: 2, arbitrary: arbitraryJson.map((body) => ({ raw: JSON.stringify(body) ?? 'null', body })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw, body: undefined as unknown })) },
      { weight: 5, arbitrary: randomFields.map((body) => ({ raw: JSON.stringify(body), body: body as unknown })) },
      { weight: 5, arbitrary: cardAction.map((body) => ({ raw: JSON.stringify(body), body: body as unknown })) },
      { weight: 4, arbitrary: message.map((body) => ({ raw: JSON.stringify(body), body: body as unknown })) },
    );

    /** True when the bot may legitimately write for this body: an activity it processes, from a known tenant and user. */
    const mayWrite = (body: unknown): boolean => {
      if (!guardActivity(body).ok) return false;
      const activity = body as Activity;
      if (!actorFrom(activity).ok) return false;
      if (activity.type === 'message' || activity.type === 'conversationUpdate') return true;
      if (activity.type === 'invoke') return activity.name === 'adaptiveCard/action' && parseCardAction(activity.value).ok;
      return false;
    };

    const findings: string[] = [];
    let refused = 0;
    let guarded = 0;
    let writes = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(request, async ({ raw, body }) => {
        const before = bot.rowCounts();
        const answer = await bot.post('/api/messages', raw);
        const after = bot.rowCounts();
        const changed = JSON.stringify(before) !== JSON.stringify(after);
        const parsedBody = body ?? safeParse(raw);
        const invokeName = (parsedBody as { type?: unknown; name?: unknown } | null)?.type === 'invoke' ? (parsedBody as { name?: unknown }).name : undefined;
        const unsupportedInvoke = answer.status === 501 && invokeName !== 'adaptiveCard/action';
        if (answer.status >= 500 && !unsupportedInvoke) findings.push(`${answer.status} ${answer.body.slice(0, 200)} for ${raw.slice(0, 400)}`);
        if (changed && !mayWrite(parsedBody)) findings.push(`wrote ${JSON.stringify(before)} -> ${JSON.stringify(after)} for ${raw.slice(0, 400)}`);
        if (answer.status >= 400) refused += 1;
        if (answer.status === 400 && answer.body.includes('invalidActivity')) guarded += 1;
        if (changed) writes += 1;
        return findings.length === 0;
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123), endOnFailure: true },
    );
    const elapsedMs = Date.now() - started;
    console.info(`fuzz: ${RUNS} requests in ${elapsedMs} ms; ${refused} answered 4xx/501 (${guarded} by the activity guard); ${writes} wrote (valid actions)`);
    expect(findings).toEqual([]);
    expect((await bot.get('/healthz')).status).toBe(200);
    // The CPR-like probes never reach a log line.
    expect(bot.logs()).not.toMatch(/\d{6}-\d{4}/);
  }, 300_000);
});

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
