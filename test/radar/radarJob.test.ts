// When the Monday radar is written and for when: Monday 08:00 in Copenhagen on a working day (a holiday
// Monday gives way to Tuesday), summer and winter time alike, from sixteen hours ahead, once.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../bot/domain/case';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { RADAR_LEAD_MS, RadarJob } from '../../bot/radar/radarJob';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';

const planner = new ReminderPlanner(new WorkingDays());
const hoursBefore = (instant: string, hours: number) => new Date(new Date(instant).getTime() - hours * 3_600_000);

describe('the radar’s send time', () => {
  it.each([
    ['a winter Monday, 08:00 CET', '2026-11-30T07:00:00.000Z'],
    ['a summer Monday, 08:00 CEST', '2026-06-15T06:00:00.000Z'],
    ['the Monday after summer time ends (25 October 2026), 08:00 CET', '2026-10-26T07:00:00.000Z'],
    ['Tuesday after Easter Monday, 30 March 2027, the day after summer time begins: 08:00 CEST', '2027-03-30T06:00:00.000Z'],
    ['Tuesday after Easter Monday (2. påskedag), 6 April 2026', '2026-04-07T06:00:00.000Z'],
    ['Tuesday after Whit Monday (2. pinsedag), 25 May 2026', '2026-05-26T06:00:00.000Z'],
  ])('is %s', (_what, at) => {
    expect(planner.radarTimeAhead(hoursBefore(at, 10), RADAR_LEAD_MS)).toBe(at);
    // Asked on any day of its week before it, the week's radar is that instant.
    expect(planner.radarTimeOfWeek(at.slice(0, 10))).toBe(at);
  });

  it('is written no earlier than sixteen hours ahead, and not once its time has come', () => {
    const at = '2026-11-30T07:00:00.000Z';
    expect(planner.radarTimeAhead(hoursBefore(at, 16.01), RADAR_LEAD_MS)).toBeUndefined();
    expect(planner.radarTimeAhead(hoursBefore(at, 16), RADAR_LEAD_MS)).toBe(at);
    expect(planner.radarTimeAhead(new Date(at), RADAR_LEAD_MS)).toBeUndefined();
    // On the Monday itself, after 08:00, the next radar is a week away.
    expect(planner.radarTimeAhead(new Date('2026-11-30T12:00:00Z'), RADAR_LEAD_MS)).toBeUndefined();
  });

  it('on a holiday Monday is not written for the Monday but on Monday for Tuesday', () => {
    expect(planner.radarTimeAhead(new Date('2026-05-24T20:00:00Z'), RADAR_LEAD_MS)).toBeUndefined();
    expect(planner.radarTimeAhead(new Date('2026-05-25T20:00:00Z'), RADAR_LEAD_MS)).toBe('2026-05-26T06:00:00.000Z');
  });
});

describe('the radar job', () => {
  const stores: SqliteCaseStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function storeWithCase() {
    const store = new SqliteCaseStore(':memory:');
    stores.push(store);
    const created = createCase(
      'tenant-a',
      { aadObjectId: 'aad-kim', name: 'Kim', teamsUserId: '29:kim' },
      { name: 'Alex Ung', birthDate: '2004-03-14', phone: '+45 12 34 56 78', status: 'education' },
      { caseId: 'case-1', reference: 'S-RADAR', coordinatorMemberId: 'm-kim', youngPersonMemberId: 'm-alex' },
      new Date('2026-11-01T10:00:00Z'),
    );
    await store.createCase(created, { audit: [] });
    return store;
  }

  it('writes the Monday radar once in the evening before, however many passes and instances run, and nothing outside its lead time', async () => {
    const store = await storeWithCase();
    let now = new Date('2026-11-29T12:00:00Z');
    const deps = { store, now: () => now, newId: randomUUID, reminders: planner };
    const job = new RadarJob(deps, 'https://teams.example/');

    expect(await job.runOnce()).toBe(0);
    now = new Date('2026-11-29T16:00:00Z');
    expect(await job.runOnce()).toBe(1);
    // Later ticks of this process skip the radar it wrote; another instance writes it again, which adds nothing.
    for (const hour of ['20', '23']) {
      now = new Date(`2026-11-29T${hour}:00:00Z`);
      expect(await job.runOnce()).toBe(0);
    }
    now = new Date('2026-11-30T06:59:00Z');
    expect(await new RadarJob(deps, 'https://teams.example/').runOnce()).toBe(1);
    now = new Date('2026-11-30T09:00:00Z');
    expect(await job.runOnce()).toBe(0);

    const outbox = await store.listOutbox('tenant-a', 'case-1');
    expect(outbox.filter((message) => message.kind === 'reminder' && message.about.reminder === 'radar').map((message) => [message.id, message.notBefore])).toEqual([
      ['radar:tenant-a:case-1:2026-11-30', '2026-11-30T07:00:00.000Z'],
    ]);
  });
});
