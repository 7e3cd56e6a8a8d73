// Målinger over tid (seed 004): WHO-5 monthly and the young person's readiness for education and work
// (BIP) quarterly, recorded with the young person. Records are never edited away: a correction is a new
// record naming the one it corrects, and readers see the latest word on each measurement.
import { DateTime } from 'luxon';
import { type Case, coordinatorOf } from './case';
import { DomainError } from './errors';
import { localDate, requiredDate } from './fields';
import { type ReadinessIndicatorSet, indicatorsOf } from './readinessIndicators';

/** The WHO-5 Well-Being Index's five statements (PRODUCT.md §11); the wording lives in bot/i18n. */
export const WHO5_ITEMS = ['cheerful', 'calm', 'active', 'rested', 'interested'] as const;
/** Each statement is answered 0 ("På intet tidspunkt") to 5 ("Hele tiden"). */
export const WHO5_ANSWER_MAX = 5;
/** Used clinically for the index: a score under 50, or a drop of 10 points or more, asks that someone looks. */
const WHO5_LOW_BELOW = 50;
const WHO5_MARKED_DROP = 10;

export type Who5Answers = readonly [number, number, number, number, number];

interface MeasureRecordBase {
  id: string;
  /** The day it was measured with the young person (yyyy-mm-dd). */
  on: string;
  /** The team member who recorded it. */
  byMemberId: string;
  /** When it was recorded (ISO 8601). */
  at: string;
  /** The record this one corrects; the corrected one stays, read as replaced. */
  corrects?: string;
}

export interface Who5Record extends MeasureRecordBase {
  answers: Who5Answers;
}

/** BIP's scores by indicator id, of the indicator set (`setId`) in use when it was recorded. */
export interface ReadinessRecord extends MeasureRecordBase {
  setId: string;
  scores: Record<string, number>;
}

export interface Measures {
  who5: Who5Record[];
  readiness: ReadinessRecord[];
  /** The team member the coordinator named to measure with the young person (and be reminded); none: the coordinator. */
  measurerMemberId?: string;
}

/** Raw score 0–25 times four: 0–100. */
export function who5Score(answers: Who5Answers): number {
  return answers.reduce((sum, answer) => sum + answer, 0) * 4;
}

/** The records no later record corrects, in the order they were measured (then recorded). */
function standing<T extends MeasureRecordBase>(records: readonly T[]): T[] {
  const corrected = new Set(records.flatMap((record) => (record.corrects ? [record.corrects] : [])));
  return records.filter((record) => !corrected.has(record.id)).sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at));
}

export const who5RecordsOf = (current: Case): Who5Record[] => standing(current.measures?.who5 ?? []);
export const readinessRecordsOf = (current: Case): ReadinessRecord[] => standing(current.measures?.readiness ?? []);

/** What the latest WHO-5 asks of the coordinator and the eye-keeper: a low score, a marked drop since the one before. */
export interface Who5Signal {
  score: number;
  on: string;
  low: boolean;
  /** Points fallen since the record before, when it is WHO5_MARKED_DROP or more. */
  drop?: number;
}

export function who5Signal(current: Case): Who5Signal | undefined {
  const records = who5RecordsOf(current);
  const latest = records.at(-1);
  if (!latest) return undefined;
  const score = who5Score(latest.answers);
  const before = records.at(-2);
  const fall = before ? who5Score(before.answers) - score : 0;
  return { score, on: latest.on, low: score < WHO5_LOW_BELOW, ...(fall >= WHO5_MARKED_DROP ? { drop: fall } : {}) };
}

/** Seed 004: WHO-5 once a month, BIP once a quarter. */
export const MEASURE_INTERVAL = { who5: { months: 1 }, readiness: { months: 3 } } as const;

/** The day a measure is next due: its interval after the latest record; none before the first record. */
export function nextMeasureDue(current: Case, measure: keyof typeof MEASURE_INTERVAL): string | undefined {
  const latest = (measure === 'who5' ? who5RecordsOf(current) : readinessRecordsOf(current)).at(-1);
  return latest ? (DateTime.fromISO(latest.on).plus(MEASURE_INTERVAL[measure]).toISODate() ?? undefined) : undefined;
}

/**
 * Kept of each list: the first standing record (where the young person started) and the latest ones,
 * like every other history (limits.ts). Five years of monthly WHO-5 and of quarterly BIP; a case at
 * every limit stays under 1 MB with both full.
 */
export const MEASURE_LIMITS = { who5: 60, readiness: 20 } as const;

const measuresOf = (current: Case): Measures => current.measures ?? { who5: [], readiness: [] };

/**
 * The first standing record and the latest recorded, `kept` in all. A correction is recorded after the
 * record it corrects, so a kept corrected record always keeps its correction.
 */
function compactRecords<T extends MeasureRecordBase>(records: T[], kept: number): T[] {
  if (records.length <= kept) return records;
  const latest = records.slice(-(kept - 1));
  const first = standing(records)[0];
  return first && !latest.includes(first) ? [first, ...latest] : records.slice(-kept);
}

/** The measures within MEASURE_LIMITS (run with every save, limits.ts compactCase). */
export function compactMeasures(current: Case): Case {
  if (!current.measures) return current;
  const { who5, readiness } = current.measures;
  const keptWho5 = compactRecords(who5, MEASURE_LIMITS.who5);
  const keptReadiness = compactRecords(readiness, MEASURE_LIMITS.readiness);
  return keptWho5 === who5 && keptReadiness === readiness ? current : { ...current, measures: { ...current.measures, who5: keptWho5, readiness: keptReadiness } };
}

/** The one who measures with the young person and is reminded: the member the coordinator named, else the coordinator. */
export function measurerOf(current: Case): string {
  const named = current.measures?.measurerMemberId;
  return named && current.members.some((member) => member.id === named) ? named : coordinatorOf(current).id;
}

/**
 * The coordinator names a professional on the team to measure (seed 004: "fagpersonen"), or clears it
 * (`memberId` empty, or the coordinator's own): the young person and their adult (VIP) answer, they do not record.
 */
export function setMeasurer(current: Case, memberId: string | undefined): Case {
  const id = memberId?.trim();
  if (id && id !== coordinatorOf(current).id) {
    const member = current.members.find((candidate) => candidate.id === id);
    if (!member) throw new DomainError('memberNotFound');
    if (member.role === 'youngPerson' || member.role === 'vip') throw new DomainError('measurerNotProfessional');
    if (measuresOf(current).measurerMemberId === id) return current;
    return { ...current, measures: { ...measuresOf(current), measurerMemberId: id } };
  }
  if (!current.measures?.measurerMemberId) return current;
  const { measurerMemberId: _cleared, ...rest } = current.measures;
  return { ...current, measures: rest };
}

/** A member leaving the team is no longer the one who measures. */
export const withoutMeasurer = (current: Case, memberId: string): Case => (current.measures?.measurerMemberId === memberId ? setMeasurer(current, undefined) : current);

/** The day measured: a real date, not after today, not before the case was opened. */
function measuredOn(current: Case, value: string | undefined, now: Date): string {
  const on = requiredDate(value, 'measuredOn');
  if (on > localDate(now)) throw new DomainError('measuredInFuture');
  if (on < localDate(new Date(current.createdAt))) throw new DomainError('measuredBeforeCase');
  return on;
}

/** The record a correction names: there, and not corrected already (the correction is corrected instead). */
function correctable<T extends MeasureRecordBase>(records: readonly T[], recordId: string | undefined): string | undefined {
  const id = recordId?.trim();
  if (!id) return undefined;
  if (!records.some((record) => record.id === id)) throw new DomainError('measureNotFound');
  if (records.some((record) => record.corrects === id)) throw new DomainError('measureAlreadyCorrected');
  return id;
}

/** "w1", "w2", …: short, and never reused (the latest are always kept). */
function nextId(prefix: string, records: readonly MeasureRecordBase[]): string {
  const highest = Math.max(0, ...records.map((record) => Number(record.id.slice(prefix.length)) || 0));
  return `${prefix}${highest + 1}`;
}

export interface MeasureInput {
  on?: string | undefined;
  /** The record this one corrects. */
  corrects?: string | undefined;
}

function base(current: Case, records: readonly MeasureRecordBase[], prefix: string, input: MeasureInput, byMemberId: string, now: Date): MeasureRecordBase {
  const corrects = correctable(records, input.corrects);
  const on = measuredOn(current, input.on, now);
  return { id: nextId(prefix, records), on, byMemberId, at: now.toISOString(), ...(corrects ? { corrects } : {}) };
}

/** Each of the five statements answered with a whole number 0–5 (as the card sends them, text). */
function who5AnswersOf(answers: readonly (string | number | undefined)[]): Who5Answers {
  const values = answers.map((answer) => (typeof answer === 'string' && answer.trim() !== '' ? Number(answer) : answer));
  const valid = values.length === WHO5_ITEMS.length && values.every((value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= WHO5_ANSWER_MAX);
  if (!valid) throw new DomainError('who5Incomplete');
  return values as unknown as Who5Answers;
}

/** A WHO-5 measured with the young person on `on`, or (`corrects`) the correction of an earlier record. */
export function recordWho5(current: Case, input: MeasureInput & { answers: readonly (string | number | undefined)[] }, byMemberId: string, now: Date): Case {
  const measures = measuresOf(current);
  const record: Who5Record = { ...base(current, measures.who5, 'w', input, byMemberId, now), answers: who5AnswersOf(input.answers) };
  return { ...current, measures: { ...measures, who5: [...measures.who5, record] } };
}

/** The scores given (empty ones left out: an instrument the young person does not use), each within its indicator's scale. */
function readinessScoresOf(set: ReadinessIndicatorSet, given: Readonly<Record<string, string | number | undefined>>): Record<string, number> {
  const indicators = indicatorsOf(set);
  const scores: Record<string, number> = {};
  for (const [indicatorId, raw] of Object.entries(given)) {
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue;
    const indicator = indicators.find((candidate) => candidate.id === indicatorId);
    const score = Number(raw);
    if (!indicator || !Number.isInteger(score) || score < indicator.scale.min || score > indicator.scale.max) throw new DomainError('invalidReadinessScore');
    scores[indicatorId] = score;
  }
  if (Object.keys(scores).length === 0) throw new DomainError('readinessEmpty');
  return scores;
}

/** A readiness (BIP) measurement on the indicators of `set` (the set in use), or the correction of one. */
export function recordReadiness(
  current: Case,
  set: ReadinessIndicatorSet,
  input: MeasureInput & { scores: Readonly<Record<string, string | number | undefined>> },
  byMemberId: string,
  now: Date,
): Case {
  const measures = measuresOf(current);
  const record: ReadinessRecord = { ...base(current, measures.readiness, 'r', input, byMemberId, now), setId: set.id, scores: readinessScoresOf(set, input.scores) };
  return { ...current, measures: { ...measures, readiness: [...measures.readiness, record] } };
}
