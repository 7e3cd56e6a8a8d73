// The reminders to measure (who5Due a month after the latest WHO-5, readinessDue a quarter after the
// latest BIP, the first a month after the case opened), planned to the one who measures and rendered
// when due, skipped once someone has measured; and the WHO-5 signal to the coordinator and the eye-keeper.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { recordReadiness, recordWho5, setMeasurer } from '../../bot/domain/measures';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { addMember } from '../../bot/domain/team';
import { WorkingDays } from '../../bot/domain/workingDays';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { DEFAULT_READINESS_INDICATORS } from '../../bot/readinessIndicators';
import type { OutboxMessage, OutboxMessageOf } from '../../bot/store/port';
import { renderOutboxMessage } from '../../bot/teams/renderOutbox';
import { renderReminder } from '../../bot/teams/renderReminder';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { validateAdaptiveCard } from '../support/cardValidation';

const by = COORDINATOR.aadObjectId;
const planner = new ReminderPlanner(new WorkingDays());

const withJonas = (): Case => addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Berg', teamsUserId: '29:jonas' } }, 'm-jonas', by, NOW);
const who5 = (current: Case, on: string, answers: number[], now: Date) => recordWho5(current, { on, answers }, 'm-coordinator', now);

const message = (about: Record<string, string>, to = { aadObjectId: by, teamsUserId: COORDINATOR.teamsUserId }): OutboxMessageOf<'reminder'> =>
  ({ id: 'o-1', tenantId: 'tenant-a', caseId: 'case-1', kind: 'reminder', to: { kind: 'user', ...to }, about, serviceUrl: 'http://localhost', notBefore: NOW.toISOString(), status: 'pending', attempts: 0 }) as OutboxMessageOf<'reminder'>;

const textOf = (rendered: ReturnType<typeof renderReminder>) => {
  if (!('activity' in rendered)) throw new Error(`skipped: ${rendered.skip}`);
  const card = rendered.activity.attachments?.[0]?.content as Record<string, unknown>;
  expect(validateAdaptiveCard(card)).toEqual([]);
  return JSON.stringify(card);
};

describe('planning the reminders to measure', () => {
  it('plans the first WHO-5 and BIP a month after the case opened, to the coordinator, at 08:00 on a working day', () => {
    // Opened Monday 23 November 2026: 23 December is a Wednesday, 08:00 Copenhagen is 07:00 UTC.
    const current = sampleCase();
    expect(planner.forMeasure(current, 'who5', NOW)).toEqual([{ kind: 'who5Due', memberId: 'm-coordinator', at: '2026-12-23T07:00:00.000Z', about: { after: '' } }]);
    expect(planner.forMeasure(current, 'readiness', NOW)).toEqual([{ kind: 'readinessDue', memberId: 'm-coordinator', at: '2026-12-23T07:00:00.000Z', about: { after: '' } }]);
  });

  it('plans WHO-5 a month and BIP a quarter after the latest measured, to the member who measures; a day passed gives the next send time', () => {
    const later = new Date('2027-01-11T09:00:00Z');
    let current = setMeasurer(withJonas(), 'm-jonas');
    current = who5(current, '2027-01-08', [3, 3, 3, 3, 3], later);
    current = recordReadiness(current, DEFAULT_READINESS_INDICATORS, { on: '2027-01-08', scores: { u1: '3' } }, 'm-jonas', later);
    // 8 February 2027 is a Monday; 8 April 2027 a Thursday.
    expect(planner.forMeasure(current, 'who5', later)).toEqual([{ kind: 'who5Due', memberId: 'm-jonas', at: '2027-02-08T07:00:00.000Z', about: { after: 'w1' } }]);
    expect(planner.forMeasure(current, 'readiness', later)).toEqual([{ kind: 'readinessDue', memberId: 'm-jonas', at: '2027-04-08T06:00:00.000Z', about: { after: 'r1' } }]);
    // Recorded late (measured in November, recorded in January): due already, so the next morning's reminders.
    const late = who5(withJonas(), '2026-11-23', [3, 3, 3, 3, 3], later);
    expect(planner.forMeasure(late, 'who5', later)[0]?.at).toBe('2027-01-12T07:00:00.000Z');
  });
});

describe('rendering a reminder to measure when it is due', () => {
  const coordinator = (current: Case) => current.members[0];

  it('says when it was last measured, in Danish and English', () => {
    const current = who5(withJonas(), '2026-11-23', [3, 3, 3, 3, 3], NOW);
    const about = { reminder: 'who5Due', memberId: 'm-coordinator', after: 'w1' };
    expect(textOf(renderReminder(da, current, message(about), coordinator(current), NOW))).toContain(da.cards.measures.who5Due('mandag 23. november 2026'));
    expect(textOf(renderReminder(en, current, message(about), coordinator(current), NOW))).toContain(en.cards.measures.who5DueTitle(current.reference));
    const first = { reminder: 'readinessDue', memberId: 'm-coordinator', after: '' };
    expect(textOf(renderReminder(da, current, message(first), coordinator(current), NOW))).toContain(da.cards.measures.readinessDue(undefined));
  });

  it('is skipped when someone measured since it was planned, or another member measures now', () => {
    const current = who5(withJonas(), '2026-11-23', [3, 3, 3, 3, 3], NOW);
    expect(renderReminder(da, current, message({ reminder: 'who5Due', memberId: 'm-coordinator', after: '' }), coordinator(current), NOW)).toEqual({ skip: 'measured since' });
    const named = setMeasurer(current, 'm-jonas');
    expect(renderReminder(da, named, message({ reminder: 'who5Due', memberId: 'm-coordinator', after: 'w1' }), coordinator(named), NOW)).toEqual({ skip: 'another measures' });
  });

  it("joins the day's digest beside the other reminders of that day", () => {
    const current = sampleCase();
    const first = message({ reminder: 'who5Due', memberId: 'm-coordinator', after: '', digest: 'reminders 2026-12-23' });
    const second = { ...message({ reminder: 'readinessDue', memberId: 'm-coordinator', after: '', digest: 'reminders 2026-12-23' }), id: 'o-2' };
    const rendered = renderOutboxMessage({ message: first, current }, [{ message: second, current }], undefined, NOW);
    if (!('activity' in rendered)) throw new Error(rendered.skip);
    expect(rendered.activity.attachments).toHaveLength(2);
  });
});

describe('the WHO-5 signal', () => {
  const signal = (recordId: string): OutboxMessage =>
    ({ id: 'o-s', tenantId: 'tenant-a', caseId: 'case-1', kind: 'who5Signal', to: { kind: 'user', aadObjectId: by, teamsUserId: COORDINATOR.teamsUserId }, about: { recordId }, serviceUrl: 'http://localhost', notBefore: NOW.toISOString(), status: 'pending', attempts: 0 }) as OutboxMessage;
  const later = new Date('2026-12-23T09:00:00Z');

  it('says the score, the day, why, and asks that someone looks, without a diagnosis', () => {
    let current = who5(sampleCase(), '2026-11-23', [3, 3, 3, 3, 3], NOW);
    current = who5(current, '2026-12-23', [2, 2, 2, 2, 1], later);
    const rendered = renderOutboxMessage({ message: signal('w2'), current }, [], undefined, later);
    if (!('activity' in rendered)) throw new Error(rendered.skip);
    const text = JSON.stringify(rendered.activity.attachments?.[0]?.content);
    expect(text).toContain(da.cards.measures.signal(36, 'onsdag 23. december 2026', `${da.cards.measures.low}, ${da.cards.measures.drop(24)}`));
    expect(text).not.toMatch(/depression|diagnos/i);
  });

  it('is not sent once a later record stands (a correction gives its own)', () => {
    let current = who5(sampleCase(), '2026-11-23', [1, 1, 1, 1, 1], NOW);
    current = recordWho5(current, { on: '2026-11-23', answers: [4, 4, 4, 4, 4], corrects: 'w1' }, 'm-coordinator', NOW);
    expect(renderOutboxMessage({ message: signal('w1'), current }, [], undefined, NOW)).toEqual({ skip: 'measured since' });
  });
});
