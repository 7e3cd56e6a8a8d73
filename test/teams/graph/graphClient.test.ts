// The Graph client against the local stub: Graph's throttling obeyed within a bound (a fake sleep: no
// real waiting), 403 and 404 as typed failures, a 429 storm where nothing is lost.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient, graphPath } from '../../../bot/teams/graph/graphClient';
import { GraphFailed, GraphForbidden, GraphNotFound, GraphThrottled } from '../../../bot/teams/graph/graphErrors';
import { type GraphStub, startGraphStub } from './graphStub';

let stub: GraphStub;
beforeAll(async () => {
  stub = await startGraphStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.faults.length = 0;
});

function client(options: { maxTries?: number; maxTotalWaitMs?: number } = {}) {
  const slept: number[] = [];
  const graph = new GraphClient({ baseUrl: stub.url, tokens: async (tenantId) => `token-for-${tenantId}`, sleep: async (ms) => void slept.push(ms), ...options });
  return { graph, slept };
}

const createEvent = (graph: GraphClient, transactionId: string) =>
  graph.request<{ id: string }>('tenant-a', { method: 'POST', path: graphPath`/users/${'aad-mette'}/events`, body: { subject: 'x', transactionId } });

describe('the Graph client', () => {
  it('sends the tenant\'s token and gives back the JSON', async () => {
    const { graph } = client();
    const event = await createEvent(graph, 't1');
    expect(event?.id).toMatch(/^event-/);
    expect(stub.requests[0]).toMatchObject({ method: 'POST', path: '/users/aad-mette/events', authorization: 'Bearer token-for-tenant-a' });
  });

  it('waits as long as Retry-After asks, then sends again', async () => {
    const { graph, slept } = client();
    stub.faults.push({ status: 429, retryAfter: '3' }, { status: 503, retryAfter: '1' });
    expect((await createEvent(graph, 't2'))?.id).toBeDefined();
    expect(slept).toEqual([3000, 1000]);
    expect(stub.requests).toHaveLength(3);
  });

  it('backs off without Retry-After', async () => {
    const { graph, slept } = client();
    stub.faults.push({ status: 429 }, { status: 429 });
    await createEvent(graph, 't3');
    expect(slept).toEqual([1000, 2000]);
  });

  it('gives up after its tries with a typed failure carrying Graph\'s last ask', async () => {
    const { graph, slept } = client({ maxTries: 3 });
    stub.faults.push({ status: 429, retryAfter: '2' }, { status: 429, retryAfter: '2' }, { status: 429, retryAfter: '5' });
    const failure = await createEvent(graph, 't4').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphThrottled);
    expect(failure).toMatchObject({ status: 'http429', retryAfterMs: 5000, code: 'TooManyRequests' });
    expect(slept).toEqual([2000, 2000]);
    expect(stub.requests).toHaveLength(3);
  });

  it('never waits more than its total bound: a Retry-After past it is a failure at once', async () => {
    const { graph, slept } = client({ maxTotalWaitMs: 10_000 });
    stub.faults.push({ status: 429, retryAfter: '6' }, { status: 429, retryAfter: '6' });
    const failure = await createEvent(graph, 't5').catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'GraphThrottled', retryAfterMs: 6000 });
    expect(slept).toEqual([6000]);
  });

  it('gives 403 and 404 as their own failures, with Graph\'s code and without its message', async () => {
    const { graph } = client();
    stub.forbiddenMailboxes.add('aad-outside');
    const forbidden = await graph.request('tenant-a', { method: 'POST', path: graphPath`/users/${'aad-outside'}/events`, body: {} }).catch((error: unknown) => error);
    expect(forbidden).toBeInstanceOf(GraphForbidden);
    expect(forbidden).toMatchObject({ status: 'http403', code: 'ErrorAccessDenied' });
    expect(String((forbidden as Error).message)).not.toContain('OData');
    const missing = await graph.request('tenant-a', { method: 'PATCH', path: graphPath`/users/${'aad-mette'}/events/${'nope'}`, body: {} }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(GraphNotFound);
    const failed = await (stub.faults.push({ status: 500 }), graph.request('tenant-a', { method: 'GET', path: '/users/x' })).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(GraphFailed);
    expect(failed).toMatchObject({ status: 'http500' });
  });

  it('escapes ids in paths', () => {
    expect(graphPath`/users/${'a/b?c'}/events/${'AAMk=='}`).toBe('/users/a%2Fb%3Fc/events/AAMk%3D%3D');
  });

  it('loses nothing in a 429 storm: every request ends created once or as a typed failure to try later', async () => {
    const { graph, slept } = client({ maxTries: 3, maxTotalWaitMs: 20_000 });
    // 40 requests; Graph throttles the first 60 answers it gives, whoever they are for.
    for (let index = 0; index < 60; index++) stub.faults.push({ status: 429, retryAfter: String(1 + (index % 3)) });
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => createEvent(graph, `storm-${index}`).then(() => 'created', (error: unknown) => (error as Error).name)));
    // What failed is tried again later (the outbox): then Graph answers, and the transaction ids keep it to one event each.
    const again = outcomes.flatMap((outcome, index) => (outcome === 'created' ? [] : [index]));
    expect(new Set(outcomes)).toEqual(new Set(['created', 'GraphThrottled']));
    for (const index of again) await createEvent(graph, `storm-${index}`);
    const storm = (stub.events.get('aad-mette') ?? []).filter((event) => event.transactionId?.startsWith('storm-'));
    expect(storm).toHaveLength(40);
    expect(new Set(storm.map((event) => event.transactionId)).size).toBe(40);
    expect(Math.max(...slept)).toBeLessThanOrEqual(3000);
  });
});
