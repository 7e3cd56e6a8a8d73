// The young person's progress as one time line (seed 004: "visualisere udviklingen for den unge gennem
// diagrammer"): WHO-5 scores, readiness (BIP) per instrument, the network meetings held with the status
// (education / work / neither) recorded at each, and the status at the start. Only read from the case;
// bounded to the latest days with something on them, so a case of many years draws the same size.
import { DateTime } from 'luxon';
import { type Case, EDUCATION_STATUSES, type EducationStatus } from './case';
import { MODEL_ZONE } from './fields';
import { type Who5Signal, readinessRecordsOf, who5RecordsOf, who5Score, who5Signal } from './measures';
import { meetingNumber } from './meeting';
import type { ReadinessIndicatorSet } from './readinessIndicators';

/** BIP's two instruments (PRODUCT.md §11): BIP Uddannelse and BIP Beskæftigelse. */
export const READINESS_INSTRUMENTS = ['education', 'work'] as const;
export type ReadinessInstrument = (typeof READINESS_INSTRUMENTS)[number];

/**
 * What the time line needs of an indicator set (the set itself is data the municipality keeps): the scale
 * its indicators are scored on and the instrument each indicator belongs to.
 */
export interface ReadinessSetShape {
  scale: { min: number; max: number };
  indicators: ReadonlyArray<{ id: string; instrument: ReadinessInstrument }>;
}
export type ReadinessSetOf = (setId: string) => ReadinessSetShape | undefined;

/**
 * The time line's view of the municipality's indicator set (readinessIndicators.ts): the instrument of
 * each indicator (an instrument `education` is BIP Uddannelse, `employment` or `work` BIP Beskæftigelse;
 * another is not drawn) and one scale for the set, from its lowest to its highest score.
 */
export function readinessSetsOf(set: ReadinessIndicatorSet): ReadinessSetOf {
  const instrumentOf = (id: string): ReadinessInstrument | undefined => (id === 'education' ? 'education' : id === 'employment' || id === 'work' ? 'work' : undefined);
  const scales = set.instruments.flatMap((instrument) => instrument.indicators.map((indicator) => indicator.scale));
  const shape: ReadinessSetShape = {
    scale: { min: Math.min(...scales.map((scale) => scale.min)), max: Math.max(...scales.map((scale) => scale.max)) },
    indicators: set.instruments.flatMap((instrument) => {
      const drawn = instrumentOf(instrument.id);
      return drawn ? instrument.indicators.map((indicator) => ({ id: indicator.id, instrument: drawn })) : [];
    }),
  };
  return (setId) => (setId === set.id ? shape : undefined);
}

/**
 * One instrument at one measurement: the mean of its indicators' scores on the set's own scale (what the
 * young person answered), and the same as a share of that scale, 0–100, so that it is drawn beside WHO-5
 * on one axis and stays comparable when the set (and its scale) changes.
 */
interface ReadinessPoint {
  on: string;
  instrument: ReadinessInstrument;
  mean: number;
  share: number;
  scale: { min: number; max: number };
}

interface MeetingMark {
  on: string;
  number: number;
  /** The young person's status recorded at this meeting, when its checklist answered it. */
  status?: EducationStatus;
}

export interface ProgressTimeLine {
  /** The days with something on them, oldest first (at most the `days` asked for). */
  days: string[];
  who5: Array<{ on: string; score: number }>;
  readiness: ReadinessPoint[];
  meetings: MeetingMark[];
  statusAtStart: EducationStatus;
  /** The day the case was opened (the status at start's date). */
  openedOn: string;
  /** Days with something on them before the first shown. */
  daysLeftOut: number;
  /** The latest WHO-5's signal (a low score, a marked drop), whatever the window. */
  signal?: Who5Signal;
  /** Readiness records of a set the time line does not know (not drawn; said so). */
  unknownSets: number;
}

const dayOf = (instant: string): string => DateTime.fromISO(instant, { zone: MODEL_ZONE }).toISODate() ?? instant.slice(0, 10);
const roundedTo = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** One readiness record as a point per instrument it has scores for (indicator ids the set does not name are ignored). */
function readinessPoints(on: string, scores: Record<string, number>, set: ReadinessSetShape): ReadinessPoint[] {
  const { min, max } = set.scale;
  return READINESS_INSTRUMENTS.flatMap((instrument) => {
    const values = set.indicators.filter((indicator) => indicator.instrument === instrument && Number.isFinite(scores[indicator.id])).map((indicator) => scores[indicator.id]!);
    if (values.length === 0 || max <= min) return [];
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return [{ on, instrument, mean: roundedTo(mean, 1), share: roundedTo((100 * (mean - min)) / (max - min), 0), scale: { min, max } }];
  });
}

/** Network meetings held (opened or closed), by the day they took place, with the status recorded there. */
function meetingMarks(current: Case): MeetingMark[] {
  return current.meetings.flatMap((meeting) => {
    const number = meetingNumber(meeting);
    if (number === undefined) return [];
    const status = meeting.answers.youngPersonStatus;
    return [{ on: dayOf(meeting.startsAt), number, ...((EDUCATION_STATUSES as readonly unknown[]).includes(status) ? { status: status as EducationStatus } : {}) }];
  });
}

/**
 * The case's progress over the latest `days` days that have a WHO-5, a readiness measurement or a network
 * meeting on them (a meeting and a measurement on one day are one day): the card shows fewer than the tab.
 */
export function progressTimeLine(current: Case, setOf: ReadinessSetOf, days: number): ProgressTimeLine {
  const who5 = who5RecordsOf(current).map((record) => ({ on: record.on, score: who5Score(record.answers) }));
  let unknownSets = 0;
  const readiness = readinessRecordsOf(current).flatMap((record) => {
    const set = setOf(record.setId);
    if (!set) unknownSets += 1;
    return set ? readinessPoints(record.on, record.scores, set) : [];
  });
  const meetings = meetingMarks(current).sort((a, b) => a.on.localeCompare(b.on) || a.number - b.number);
  const allDays = [...new Set([...who5, ...readiness, ...meetings].map((point) => point.on))].sort();
  const shown = allDays.slice(-days);
  const from = shown[0] ?? '';
  const inWindow = <T extends { on: string }>(points: T[]) => points.filter((point) => point.on >= from);
  const signal = who5Signal(current);
  return {
    days: shown,
    who5: inWindow(who5),
    readiness: inWindow(readiness),
    meetings: inWindow(meetings),
    statusAtStart: current.youngPerson.statusAtStart,
    openedOn: dayOf(current.createdAt),
    daysLeftOut: allDays.length - shown.length,
    ...(signal ? { signal } : {}),
    unknownSets,
  };
}

/** Whether the signal asks that someone looks: a score under 50, or a marked drop. */
export const signalAsksAttention = (signal: Who5Signal | undefined): signal is Who5Signal => Boolean(signal && (signal.low || signal.drop !== undefined));
