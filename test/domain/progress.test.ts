// The progress time line: WHO-5 as scored (a correction read in place of what it corrects), readiness per
// BIP instrument as the mean on the set's scale and its share of that scale, the network meetings held
// with the status recorded at each (not the internal or cancelled ones), bounded to the latest days.
import { describe, expect, it } from 'vitest';
import { mayBeToldWho5Signal } from '../../bot/domain/access';
import { progressTimeLine, signalAsksAttention } from '../../bot/domain/progress';
import { sampleCase } from './fixtures';
import { testSets, trendCase } from '../support/trendCase';

describe('the progress time line', () => {
  it('reads WHO-5, readiness per instrument and the meetings held with their status, day by day', () => {
    const line = progressTimeLine(trendCase(), testSets, 40);
    expect(line.days).toEqual(['2026-12-07', '2027-01-11', '2027-02-08', '2027-03-15', '2027-04-12', '2027-05-10', '2027-06-21']);
    expect(line.who5).toEqual([
      { on: '2026-12-07', score: 60 },
      { on: '2027-01-11', score: 56 },
      { on: '2027-02-08', score: 40 },
      { on: '2027-03-15', score: 56 },
      { on: '2027-04-12', score: 56 },
      { on: '2027-05-10', score: 48 },
      { on: '2027-06-21', score: 36 },
    ]);
    const scale = { min: 1, max: 4 };
    expect(line.readiness).toEqual([
      { on: '2026-12-07', instrument: 'education', mean: 2.5, share: 50, scale },
      { on: '2026-12-07', instrument: 'work', mean: 1.5, share: 17, scale },
      { on: '2027-03-15', instrument: 'education', mean: 3, share: 67, scale },
      { on: '2027-03-15', instrument: 'work', mean: 2, share: 33, scale },
      { on: '2027-06-21', instrument: 'education', mean: 3.5, share: 83, scale },
      { on: '2027-06-21', instrument: 'work', mean: 2.5, share: 50, scale },
    ]);
    expect(line.meetings).toEqual([
      { on: '2026-12-07', number: 1, status: 'neither' },
      { on: '2027-03-15', number: 2, status: 'education' },
      { on: '2027-06-21', number: 3 },
    ]);
    expect(line).toMatchObject({ statusAtStart: 'neither', openedOn: '2026-11-23', daysLeftOut: 0, unknownSets: 1 });
    expect(line.signal).toEqual({ score: 36, on: '2027-06-21', low: true, drop: 12 });
  });

  it('keeps the latest days only, and says how many came before; the signal is the latest record\'s whatever the window', () => {
    const line = progressTimeLine(trendCase(), testSets, 3);
    expect(line.days).toEqual(['2027-04-12', '2027-05-10', '2027-06-21']);
    expect(line.who5.map((point) => point.on)).toEqual(line.days);
    expect(line.meetings.map((meeting) => meeting.number)).toEqual([3]);
    expect(line.readiness.map((point) => point.on)).toEqual(['2027-06-21', '2027-06-21']);
    expect(line.daysLeftOut).toBe(4);
    expect(line.signal?.drop).toBe(12);
  });

  it('is empty for a new case, with the status at the start', () => {
    const line = progressTimeLine(sampleCase(), testSets, 16);
    expect(line).toMatchObject({ days: [], who5: [], readiness: [], meetings: [], statusAtStart: 'neither', daysLeftOut: 0, unknownSets: 0 });
    expect(line.signal).toBeUndefined();
    expect(signalAsksAttention(line.signal)).toBe(false);
  });

  it('draws no instrument a record has no scores for, and ignores indicators the set does not name', () => {
    const current = trendCase();
    current.measures = { who5: [], readiness: [{ id: 'r', on: '2027-01-01', setId: 'bip-test', scores: { 'edu-1': 4, stray: 1 }, byMemberId: 'm-coordinator', at: '2027-01-01T12:00:00Z' }] };
    expect(progressTimeLine(current, testSets, 16).readiness).toEqual([{ on: '2027-01-01', instrument: 'education', mean: 4, share: 100, scale: { min: 1, max: 4 } }]);
  });

  it('asks that someone looks on a score under 50 or a drop of 10 or more, not otherwise', () => {
    expect(signalAsksAttention({ score: 52, on: '2027-01-01', low: false })).toBe(false);
    expect(signalAsksAttention({ score: 49, on: '2027-01-01', low: true })).toBe(true);
    expect(signalAsksAttention({ score: 60, on: '2027-01-01', low: false, drop: 10 })).toBe(true);
  });

  it('tells the signal to the coordinator and the eye-keeper, not to the rest of the team', () => {
    const current = trendCase();
    const member = (id: string) => current.members.find((candidate) => candidate.id === id)!;
    expect(mayBeToldWho5Signal(current, member('m-coordinator'))).toBe(true);
    expect(mayBeToldWho5Signal(current, member('m-ali'))).toBe(true);
    expect(mayBeToldWho5Signal(current, member('m-young'))).toBe(false);
    expect(mayBeToldWho5Signal({ ...current, meetings: [] }, member('m-ali'))).toBe(false);
  });
});
