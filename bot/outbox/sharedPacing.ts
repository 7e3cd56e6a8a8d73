// Teams' per-tenant limit (about 50 requests a second) holds for the app, whatever number of bot
// instances send. Each instance paces only itself (pacing.ts), so the tenant's budget and a 429's
// "throttled until" live in the store, in one small record per tenant that every instance reads and
// writes under its etag, as Microsoft's Company Communicator keeps its throttling state in a table.
//
// The record is a shared GCRA: `nextSlotAtMs` is where the tenant's next free request slot begins,
// slots `spacingMs` apart. An instance reserves a few slots at a time (one read and one write of the
// store), then sends each request no earlier than its slot; so N instances together send at most
// one request per slot, whatever their number. A slot missed by more than half the margin (a timer
// that fired late, an event loop that stalled) is given up rather than used late, where it would
// crowd the next instance's slots; the other half is left for the request's way to Teams.
import type { CaseStore, TenantPacing } from '../store/port';
import { type RateLimit, TEAMS_TENANT_LIMITS } from './pacing';

export interface SharedPacingOptions {
  store: Pick<CaseStore, 'getTenantPacing' | 'putTenantPacing'>;
  /** The tenant's limit (default Teams': 50 in 1 s). */
  limit?: RateLimit;
  /** The window is taken this much wider than Teams' (default 50 ms), as the local pacer does. */
  marginMs?: number;
  /** Most slots one reservation takes (default 12, about 250 ms of the budget): fewer store writes, fewer slots lost when the work ends. */
  maxReservation?: number;
  /** Reservations tried at most while other instances keep writing first (default 10); then the send is deferred. */
  attempts?: number;
}

/** When the requests may go (pacing clock), that the tenant is throttled until when, or that it would be after the deadline. */
export type Reservation = { at: number } | { throttledUntil: number } | 'late';

/**
 * The instance's side of the shared record. Its clock must be the wall clock (epoch milliseconds),
 * the same for every instance: `wallPacingClock`, or one fake clock shared by the instances of a test.
 */
export class SharedTenantPacing {
  readonly spacingMs: number;
  /** How late a slot may still be used. */
  readonly lateMs: number;
  private readonly store: SharedPacingOptions['store'];
  private readonly marginMs: number;
  private readonly maxReservation: number;
  private readonly attempts: number;
  /** Slots this instance reserved and has not used yet, per tenant, in time order. */
  private readonly held = new Map<string, number[]>();

  constructor(options: SharedPacingOptions) {
    const limit = options.limit ?? TEAMS_TENANT_LIMITS[0]!;
    this.store = options.store;
    this.marginMs = options.marginMs ?? 50;
    this.spacingMs = (limit.perMs + this.marginMs) / limit.limit;
    this.lateMs = this.marginMs / 2;
    this.maxReservation = Math.max(1, options.maxReservation ?? 12);
    this.attempts = Math.max(1, options.attempts ?? 10);
  }

  /**
   * Takes `count` slots of the tenant for one message's requests: from those held, else reserves
   * `wanted` (the requests waiting in this instance, at most `maxReservation`) in the store. The
   * requests may go at the last slot's start. `late`, reserving nothing, when that would be after
   * `deadline`; a reservation that loses every race to other instances is `late` too.
   */
  async take(tenantId: string, count: number, now: number, wanted: number, deadline?: number): Promise<Reservation> {
    const held = (this.held.get(tenantId) ?? []).filter((slot) => !this.missed(slot, now));
    this.held.set(tenantId, held);
    for (let attempt = 0; held.length < count && attempt < this.attempts; attempt++) {
      const stored = await this.store.getTenantPacing(tenantId);
      const pacing: TenantPacing = stored?.pacing ?? { tenantId, nextSlotAtMs: now };
      if (pacing.throttledUntilMs !== undefined && pacing.throttledUntilMs > now) {
        this.held.delete(tenantId);
        return { throttledUntil: pacing.throttledUntilMs };
      }
      const start = Math.max(now, pacing.nextSlotAtMs);
      const needed = count - held.length;
      if (deadline !== undefined && start + (needed - 1) * this.spacingMs > deadline) return 'late';
      const reserved = Math.max(needed, Math.min(wanted - held.length, this.maxReservation));
      const written = await this.store.putTenantPacing({ ...pacing, nextSlotAtMs: start + reserved * this.spacingMs }, stored?.etag);
      if (written !== undefined) held.push(...Array.from({ length: reserved }, (_, index) => start + index * this.spacingMs));
    }
    if (held.length < count) return 'late';
    const taken = held.splice(0, count);
    return { at: taken[taken.length - 1]! };
  }

  /** Whether a slot beginning at `at` is too late to use at `now`. */
  missed(at: number, now: number): boolean {
    return now - at > this.lateMs;
  }

  /**
   * After a 429: no instance sends to the tenant before `untilMs`. Written only forwards; the
   * tenant's free slots begin after it, and this instance's held slots are given up.
   */
  async throttle(tenantId: string, untilMs: number): Promise<void> {
    this.held.delete(tenantId);
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const stored = await this.store.getTenantPacing(tenantId);
      const pacing: TenantPacing = stored?.pacing ?? { tenantId, nextSlotAtMs: untilMs };
      if (stored && (pacing.throttledUntilMs ?? Number.NEGATIVE_INFINITY) >= untilMs) return;
      const throttled = { ...pacing, throttledUntilMs: untilMs, nextSlotAtMs: Math.max(pacing.nextSlotAtMs, untilMs) };
      if ((await this.store.putTenantPacing(throttled, stored?.etag)) !== undefined) return;
    }
  }
}
