// WHO-5 and readiness (BIP) records (bot/domain/measures.ts): scoring against the instrument's own
// examples, what a record must be, corrections that never edit a record away, the limits kept, who may
// record, and the indicator set as data (bot/readinessIndicators.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { mayRecordMeasures } from '../../bot/domain/access';
import type { Case } from '../../bot/domain/case';
import { compactCase } from '../../bot/domain/limits';
import {
  MEASURE_LIMITS,
  measurerOf,
  readinessRecordsOf,
  recordReadiness,
  recordWho5,
  setMeasurer,
  who5RecordsOf,
  who5Score,
  who5Signal,
} from '../../bot/domain/measures';
import { indicatorsOf } from '../../bot/domain/readinessIndicators';
import { addMember, removeMember } from '../../bot/domain/team';
import { DEFAULT_READINESS_INDICATORS, loadReadinessIndicators, parseReadinessIndicators } from '../../bot/readinessIndicators';
import defaultSet from '../../bot/readinessIndicators.json';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const LATER = new Date(NOW.getTime() + 60_000);
const TODAY = '2026-11-23';
const set = DEFAULT_READINESS_INDICATORS;

const withTeam = (): Case => {
  const jonas = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Berg' } }, 'm-jonas', by, NOW);
  return addMember(jonas, { role: 'vip', person: { kind: 'external', name: 'Karen Hansen' } }, 'm-vip', by, NOW);
};
const who5 = (current: Case, answers: (number | string | undefined)[], extra: { on?: string; corrects?: string } = {}, now = NOW) =>
  recordWho5(current, { on: TODAY, answers, ...extra }, 'm-coordinator', now);

describe('WHO-5', () => {
  it("scores as the instrument's own examples: the raw sum 0-25 times four", () => {
    expect(who5Score([5, 5, 5, 5, 5])).toBe(100);
    expect(who5Score([0, 0, 0, 0, 0])).toBe(0);
    expect(who5Score([3, 3, 2, 4, 1])).toBe(52);
    expect(who5Score([2, 2, 2, 2, 2])).toBe(40);
  });

  it('records the five answers, the day measured, who recorded it and when, with a short id never reused', () => {
    const daysLater = new Date('2026-11-26T09:00:00Z');
    let current = who5(withTeam(), ['3', '3', '2', '4', '1']);
    current = who5(current, [4, 4, 4, 4, 4], { on: '2026-11-25' }, daysLater);
    expect(current.measures?.who5).toEqual([
      { id: 'w1', on: TODAY, byMemberId: 'm-coordinator', at: NOW.toISOString(), answers: [3, 3, 2, 4, 1] },
      { id: 'w2', on: '2026-11-25', byMemberId: 'm-coordinator', at: daysLater.toISOString(), answers: [4, 4, 4, 4, 4] },
    ]);
  });

  it('refuses an answer missing or outside 0-5, a day in the future or before the case was opened, and a day that is none', () => {
    const current = withTeam();
    for (const answers of [[3, 3, 2, 4], [3, 3, 2, 4, 1, 1], [3, 3, 2, 4, 6], [3, 3, 2, 4, -1], [3, 3, 2, 4, 2.5], ['3', '3', '', '4', '1'], [3, 3, undefined, 4, 1], ['3', '3', 'x', '4', '1']]) {
      expect(codeOf(() => who5(current, answers)), JSON.stringify(answers)).toBe('who5Incomplete');
    }
    expect(codeOf(() => who5(current, [3, 3, 2, 4, 1], { on: '2026-11-24' }))).toBe('measuredInFuture');
    expect(codeOf(() => who5(current, [3, 3, 2, 4, 1], { on: '2026-11-22' }))).toBe('measuredBeforeCase');
    expect(codeOf(() => who5(current, [3, 3, 2, 4, 1], { on: '23.11.2026' }))).toBe('invalidDate');
    expect(codeOf(() => who5(current, [3, 3, 2, 4, 1], { on: '' }))).toBe('fieldRequired');
  });

  it('corrects with a new record naming the one it corrects: both kept, the correction stands; a corrected one is not corrected again', () => {
    let current = who5(withTeam(), [1, 1, 1, 1, 1]);
    current = who5(current, [3, 3, 2, 4, 1], { corrects: 'w1' }, LATER);
    expect(current.measures?.who5.map((record) => [record.id, record.corrects])).toEqual([
      ['w1', undefined],
      ['w2', 'w1'],
    ]);
    expect(who5RecordsOf(current).map((record) => record.id)).toEqual(['w2']);
    expect(codeOf(() => who5(current, [5, 5, 5, 5, 5], { corrects: 'w1' }))).toBe('measureAlreadyCorrected');
    expect(codeOf(() => who5(current, [5, 5, 5, 5, 5], { corrects: 'w9' }))).toBe('measureNotFound');
    // The correction itself may be corrected.
    current = who5(current, [5, 5, 5, 5, 5], { corrects: 'w2' });
    expect(who5RecordsOf(current).map((record) => record.id)).toEqual(['w3']);
  });

  it('signals a score under 50 and a drop of 10 points or more since the record before, not 50 or a drop of 8', () => {
    let current = who5(withTeam(), [3, 3, 3, 3, 3]);
    expect(who5Signal(current)).toEqual({ score: 60, on: TODAY, low: false });
    current = who5(current, [3, 3, 3, 3, 1]);
    expect(who5Signal(current)).toEqual({ score: 52, on: TODAY, low: false });
    current = who5(current, [3, 2, 2, 3, 0]);
    expect(who5Signal(current)).toEqual({ score: 40, on: TODAY, low: true, drop: 12 });
  });
});

describe('readiness (BIP)', () => {
  it('records the scores given on the set in use, with its id; instruments not used are left out', () => {
    const current = recordReadiness(withTeam(), set, { on: TODAY, scores: { u1: '2', u2: '4', b1: '' } }, 'm-coordinator', NOW);
    expect(readinessRecordsOf(current)).toEqual([{ id: 'r1', on: TODAY, byMemberId: 'm-coordinator', at: NOW.toISOString(), setId: 'bip-default-1', scores: { u1: 2, u2: 4 } }]);
  });

  it('refuses no score, a score outside its scale, an indicator the set does not have', () => {
    const record = (scores: Record<string, string>) => codeOf(() => recordReadiness(withTeam(), set, { on: TODAY, scores }, 'm-coordinator', NOW));
    expect(record({})).toBe('readinessEmpty');
    expect(record({ u1: ' ' })).toBe('readinessEmpty');
    expect(record({ u1: '0' })).toBe('invalidReadinessScore');
    expect(record({ u1: '6' })).toBe('invalidReadinessScore');
    expect(record({ u1: '2.5' })).toBe('invalidReadinessScore');
    expect(record({ x9: '3' })).toBe('invalidReadinessScore');
  });
});

describe('what is kept of the measures', () => {
  it(`keeps the first record and the latest, ${MEASURE_LIMITS.who5} WHO-5 and ${MEASURE_LIMITS.readiness} readiness in all, with every save`, () => {
    let current = withTeam();
    for (let index = 0; index < 100; index++) current = compactCase(who5(current, [index % 6, 1, 1, 1, 1]));
    for (let index = 0; index < 30; index++) current = compactCase(recordReadiness(current, set, { on: TODAY, scores: { u1: '3' } }, 'm-coordinator', NOW));
    expect(current.measures?.who5.map((record) => record.id)).toEqual(['w1', ...Array.from({ length: MEASURE_LIMITS.who5 - 1 }, (_, index) => `w${100 - MEASURE_LIMITS.who5 + 2 + index}`)]);
    expect(current.measures?.readiness).toHaveLength(MEASURE_LIMITS.readiness);
    // Ids go on from the highest kept.
    expect(who5(current, [1, 1, 1, 1, 1]).measures?.who5.at(-1)?.id).toBe('w101');
  });

  it('keeps the first that stands (a correction of the first), never a corrected record without its correction', () => {
    let current = who5(withTeam(), [1, 1, 1, 1, 1]);
    current = who5(current, [2, 2, 2, 2, 2], { corrects: 'w1' });
    for (let index = 0; index < 80; index++) current = compactCase(who5(current, [3, 3, 3, 3, 3]));
    const kept = current.measures!.who5;
    expect(kept).toHaveLength(MEASURE_LIMITS.who5);
    expect(kept[0]).toMatchObject({ id: 'w2', corrects: 'w1' });
    expect(kept.some((record) => record.id === 'w1')).toBe(false);
  });
});

describe('who records', () => {
  it('is the coordinator, or the professional the coordinator names; naming the coordinator or leaving the team clears it', () => {
    let current = withTeam();
    const [coordinator, , jonas, vip] = current.members;
    expect(measurerOf(current)).toBe('m-coordinator');
    expect(mayRecordMeasures(current, coordinator!)).toBe(true);
    expect(mayRecordMeasures(current, jonas!)).toBe(false);
    current = setMeasurer(current, 'm-jonas');
    expect(measurerOf(current)).toBe('m-jonas');
    expect(mayRecordMeasures(current, jonas!)).toBe(true);
    expect(mayRecordMeasures(current, coordinator!)).toBe(true);
    expect(mayRecordMeasures(current, vip!)).toBe(false);
    expect(codeOf(() => setMeasurer(current, 'm-vip'))).toBe('measurerNotProfessional');
    expect(codeOf(() => setMeasurer(current, 'm-young'))).toBe('measurerNotProfessional');
    expect(codeOf(() => setMeasurer(current, 'm-nobody'))).toBe('memberNotFound');
    expect(setMeasurer(current, 'm-coordinator').measures?.measurerMemberId).toBeUndefined();
    expect(removeMember(current, 'm-jonas', by, NOW).measures?.measurerMemberId).toBeUndefined();
  });
});

describe('the readiness indicator set (data, not code)', () => {
  it('has the two BIP instruments, every indicator named in Danish and English with its scale', () => {
    expect(set.instruments.map((instrument) => instrument.name.da)).toEqual(['BIP Uddannelse', 'BIP Beskæftigelse']);
    for (const indicator of indicatorsOf(set)) {
      expect(indicator.name.da && indicator.name.en).toBeTruthy();
      expect(indicator.scale.min).toBeLessThan(indicator.scale.max);
    }
  });

  it('refuses a set with a repeated indicator id, a scale the wrong way round, or a field it does not know, naming what is wrong', () => {
    const broken = (change: (copy: typeof defaultSet) => void) => {
      const copy = structuredClone(defaultSet);
      change(copy);
      return () => parseReadinessIndicators(copy);
    };
    expect(broken((copy) => (copy.instruments[1]!.indicators[0]!.id = 'u1'))).toThrow('indicator ids must be unique');
    expect(broken((copy) => (copy.instruments[0]!.indicators[0]!.scale.min = 5))).toThrow('instruments.0.indicators.0.scale');
    expect(broken((copy) => Object.assign(copy.instruments[0]!, { colour: 'red' }))).toThrow('instruments.0');
    expect(broken((copy) => (copy.instruments = []))).toThrow('instruments');
  });

  it("is replaced by the municipality's file (READINESS_INDICATORS_FILE); a wrong file stops the start with a clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), 'indicators-'));
    const own = join(dir, 'own.json');
    writeFileSync(own, JSON.stringify({ id: 'odense-2027', instruments: [{ id: 'job', name: { da: 'BIP Beskæftigelse', en: 'BIP Employment' }, indicators: [{ id: 'j1', name: { da: 'Helbred', en: 'Health' }, scale: { min: 0, max: 4, low: { da: 'lav', en: 'low' }, high: { da: 'høj', en: 'high' } } }] }] }));
    expect(loadReadinessIndicators(own).id).toBe('odense-2027');
    expect(loadConfig({ READINESS_INDICATORS_FILE: own }).readinessIndicators.id).toBe('odense-2027');
    expect(loadConfig({}).readinessIndicators).toEqual(set);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, '{ "id": "x" ');
    expect(() => loadConfig({ READINESS_INDICATORS_FILE: wrong })).toThrow(/READINESS_INDICATORS_FILE: cannot read it as JSON/);
    expect(() => loadConfig({ READINESS_INDICATORS_FILE: join(dir, 'missing.json') })).toThrow(/READINESS_INDICATORS_FILE/);
  });
});
