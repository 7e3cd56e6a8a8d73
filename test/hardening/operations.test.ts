// The probes and the size limit, on the real server in this process.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../bot/teams/server';
import { type InProcessBot, startInProcessBot } from './inProcessBot';

const activity = (serviceUrl: string, text: string) =>
  JSON.stringify({
    type: 'message',
    id: 'a-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', aadObjectId: 'aad-user' },
    recipient: { id: '28:bot' },
    conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 'tenant-a' },
    text,
  });

describe('operations', () => {
  let bot: InProcessBot | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('GET /healthz answers 200 while the process runs', async () => {
    bot = await startInProcessBot();
    const answer = await bot.get('/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'alive' });
  });

  it('GET /readyz answers 200 when the store answers', async () => {
    bot = await startInProcessBot();
    const answer = await bot.get('/readyz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ready' });
  });

  it('GET /readyz answers 503 when the store does not, without saying why', async () => {
    bot = await startInProcessBot({ ready: () => () => Promise.reject(new Error('connect ECONNREFUSED secret-host:443')) });
    const answer = await bot.get('/readyz');
    expect(answer.status).toBe(503);
    expect(answer.body).not.toContain('secret-host');
    // Alive all the same: the platform must not restart a process whose store is down.
    expect((await bot.get('/healthz')).status).toBe(200);
  });

  it('GET /readyz answers 503 once the store is closed', async () => {
    bot = await startInProcessBot();
    await bot.store.close();
    expect((await bot.get('/readyz')).status).toBe(503);
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413 and keeps serving`, async () => {
    bot = await startInProcessBot();
    const before = bot.rowCounts();
    const answer = await bot.post('/api/messages', activity(bot.serviceUrl, 'x'.repeat(MAX_BODY_BYTES + 1)));
    expect(answer.status).toBe(413);
    expect(bot.rowCounts()).toEqual(before);
    expect((await bot.get('/healthz')).status).toBe(200);
    // A message just under the limit is not refused for its size (the guard refuses its text instead).
    const under = await bot.post('/api/messages', activity(bot.serviceUrl, 'x'.repeat(MAX_BODY_BYTES - 1_000)));
    expect(under.status).toBe(400);
  });

  it('refuses a body that is not JSON (400), not an object (400), or not declared JSON (415)', async () => {
    bot = await startInProcessBot();
    expect((await bot.post('/api/messages', '{"type": "message",')).status).toBe(400);
    expect((await bot.post('/api/messages', '[]')).status).toBe(400);
    expect((await bot.post('/api/messages', 'null')).status).toBe(400);
    expect((await bot.post('/api/messages', 'hello', { 'content-type': 'text/plain' })).status).toBe(415);
  });
});
