// Målinger over tid (seed 004): WHO-5 monthly and the young person's readiness for education and work
// (BIP) quarterly, recorded with the young person. Records are never edited away: a correction is a new
// record naming the one it corrects, and readers see the latest word on each measurement.
import { DateTime } from 'luxon';
import type { Case } from './case';

/** The WHO-5 Well-Being Index's five statements (PRODUCT.md §11); the wording lives in bot/i18n. */
export const WHO5_ITEMS = ['cheerful', 'calm', 'active', 'rested', 'interested'] as const;
/** Each statement is answered 0 ("På intet tidspunkt") to 5 ("Hele tiden"). */
export const WHO5_ANSWER_MAX = 5;
/** Used clinically for the index: a score under 50, or a drop of 10 points or more, asks that someone looks. */
export const WHO5_LOW_BELOW = 50;
export const WHO5_MARKED_DROP = 10;

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
