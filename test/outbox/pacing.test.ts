// The pacer on a fake clock: Teams' limits per conversation and per tenant are never exceeded, the
// tenant's limit is used nearly in full, and a throttled tenant waits while another does not.
import { describe, expect, it } from 'vitest';
import {
  SendLog,
  SendPacer,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
  ThrottleBoard,
  connectorRequestsOf,
  conversationKeyOf,
} from '../../bot/outbox/pacing';
import type { OutboxMessage } from '../../bot/store/port';
import { FakeClock, mostInWindow } from './fakeClock';

type Target = Pick<OutboxMessage, 'tenantId' | 'to'>;
const thread = (tenantId: string, conversationId: string): Target => ({ tenantId, to: { kind: 'conversation', conversationId } });
const person = (tenantId: string, index: number): Target => ({ tenantId, to: { kind: 'user', aadObjectId: `aad-${index}`, teamsUserId: `29:${index}` } });

/** Grants `targets` with `workers` tasks taking them in order (each task one after another), noting each grant's time. */
async function grantAll(clock: FakeClock, pacer: SendPacer, targets: Target[], workers: number) {
  const granted: { target: Target; at: number }[] = [];
  let next = 0;
  await clock.run(
    Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < targets.length) {
          const target = targets[next++]!;
          expect(await pacer.acquire(target)).toBe('granted');
          granted.push({ target, at: clock.now() });
        }
      }),
    ),
  );
  return granted;
}

/** Request start times (a 1:1 message is two requests) of the grants that match. */
const requestTimes = (granted: { target: Target; at: number }[], match: (target: Target) => boolean) =>
  granted.filter(({ target }) => match(target)).flatMap(({ target, at }) => Array<number>(connectorRequestsOf(target)).fill(at));

describe('SendLog', () => {
  it('lets the first requests go at once, then spaces them at the rate of the shortest window', () => {
    const log = new SendLog([{ limit: 10, perMs: 1_000 }], 0);
    expect(log.waitMs(0)).toBe(0);
    log.record(0);
    // One request ahead of the spacing is allowed, so a timer that fires late loses nothing.
    expect(log.waitMs(0)).toBe(0);
    log.record(0);
    expect(log.waitMs(0)).toBe(100);
    expect(log.waitMs(100)).toBe(0);
  });

  it('waits for the oldest requests to leave a full window, widened by the margin', () => {
    const log = new SendLog([{ limit: 3, perMs: 1_000 }], 50);
    log.record(0);
    log.record(10);
    log.record(20);
    // The request at 0 leaves the window (1 050 ms wide) at 1 050.
    expect(log.waitMs(500)).toBe(550);
    expect(log.waitMs(1_050)).toBe(0);
    // Two more need the one at 10 gone too.
    expect(log.waitMs(1_050, 2)).toBe(10);
  });

  it('forgets what no window counts any more', () => {
    const log = new SendLog([{ limit: 2, perMs: 1_000 }], 0);
    log.record(0, 2);
    expect(log.idle(500)).toBe(false);
    expect(log.idle(1_000)).toBe(true);
  });
});

describe('ThrottleBoard', () => {
  it('keeps the later instant per tenant, and forgets it once passed', () => {
    const board = new ThrottleBoard();
    board.throttle('a', 5_000);
    board.throttle('a', 2_000);
    expect(board.throttledUntil('a')).toBe(5_000);
    expect(board.waitMs('a', 1_000)).toBe(4_000);
    expect(board.waitMs('b', 1_000)).toBe(0);
    expect(board.waitMs('a', 5_000)).toBe(0);
    expect(board.throttledUntil('a')).toBeUndefined();
  });
});

describe('SendPacer', () => {
  it('never exceeds 7 a second, 8 in 2 s, 60 in 30 s in one conversation', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ clock });
    const granted = await grantAll(clock, pacer, Array.from({ length: 130 }, () => thread('tenant-a', '19:thread')), 4);

    const times = granted.map(({ at }) => at);
    expect(mostInWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(mostInWindow(times, 2_000)).toBeLessThanOrEqual(8);
    expect(mostInWindow(times, 30_000)).toBeLessThanOrEqual(60);
    // Not slower than the limits make it: 130 sends need two full 30 s windows and a bit.
    expect(Math.max(...times)).toBeLessThan(70_000);
  });

  it('keeps a conversation under 1 800 an hour', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ clock, conversationLimits: [{ limit: 1_800, perMs: 3_600_000 }] });
    const granted = await grantAll(clock, pacer, Array.from({ length: 1_900 }, () => thread('tenant-a', '19:thread')), 1);
    const times = granted.map(({ at }) => at);
    expect(mostInWindow(times, 3_600_000)).toBeLessThanOrEqual(1_800);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(3_600_000);
  });

  it('never exceeds 50 requests a second per tenant across many conversations, and uses at least 90 % of it', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ clock });
    // 1:1 messages (two requests each) and thread posts, in two tenants.
    const targets = Array.from({ length: 1_200 }, (_, index) => (index % 3 === 0 ? thread(index % 2 ? 'tenant-a' : 'tenant-b', `19:t${index % 7}`) : person(index % 2 ? 'tenant-a' : 'tenant-b', index)));
    const granted = await grantAll(clock, pacer, targets, 40);

    for (const tenantId of ['tenant-a', 'tenant-b']) {
      const times = requestTimes(granted, (target) => target.tenantId === tenantId);
      expect(mostInWindow(times, 1_000)).toBeLessThanOrEqual(50);
      const perSecond = (times.length * 1_000) / (Math.max(...times) - Math.min(...times));
      expect(perSecond).toBeGreaterThanOrEqual(0.9 * 50);
    }
    for (const key of new Set(targets.map((target) => conversationKeyOf(target)))) {
      const times = requestTimes(granted, (target) => conversationKeyOf(target) === key);
      expect(mostInWindow(times, 1_000)).toBeLessThanOrEqual(7);
      expect(mostInWindow(times, 2_000)).toBeLessThanOrEqual(8);
    }
  });

  it('holds every send to a throttled tenant until its throttle ends, and no other tenant', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ clock });
    pacer.throttle('tenant-a', 5_000);
    const targets = [person('tenant-a', 1), person('tenant-b', 2), thread('tenant-a', '19:x'), thread('tenant-b', '19:y')];
    const granted = await grantAll(clock, pacer, targets, 4);

    for (const { target, at } of granted) {
      if (target.tenantId === 'tenant-a') expect(at).toBeGreaterThanOrEqual(5_000);
      else expect(at).toBeLessThan(100);
    }
  });

  it('shares "throttled until" between pacers through one board', async () => {
    const clock = new FakeClock();
    const throttles = new ThrottleBoard();
    const first = new SendPacer({ clock, throttles });
    const second = new SendPacer({ clock, throttles });
    first.throttle('tenant-a', 3_000);
    const at = await clock.run(second.acquire(person('tenant-a', 1)).then(() => clock.now()));
    expect(at).toBe(3_000);
  });

  it('gives up, counting nothing, when the wait would pass the deadline, the signal aborts, or the tenant is throttled and it was asked not to wait', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ clock, tenantLimits: TEAMS_TENANT_LIMITS, conversationLimits: TEAMS_CONVERSATION_LIMITS });
    pacer.throttle('tenant-a', 10_000);
    expect(await clock.run(pacer.acquire(person('tenant-a', 1), { deadline: 9_000 }))).toBe('late');
    expect(clock.now()).toBe(0);

    const stopping = new AbortController();
    const waiting = pacer.acquire(person('tenant-a', 1), { signal: stopping.signal });
    await clock.advance(1_000);
    stopping.abort();
    expect(await waiting).toBe('stopped');
    expect(clock.sleeping).toBe(0);
    // Asked not to wait out a throttle, it says so at once.
    expect(await pacer.acquire(person('tenant-a', 2), { whileThrottled: 'return' })).toBe('throttled');
    expect(pacer.throttledFor('tenant-a')).toBe(9_000);
  });
});
