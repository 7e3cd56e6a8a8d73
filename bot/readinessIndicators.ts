// The readiness (BIP) indicator set in use: the default in bot/readinessIndicators.json, or the
// municipality's own file (READINESS_INDICATORS_FILE), validated at start so a wrong file stops the bot
// with a clear message instead of failing when a form is filled in.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import defaultSet from './readinessIndicators.json';
import { type ReadinessIndicatorSet, indicatorsOf } from './domain/readinessIndicators';

const SHORT_ID = /^[a-z0-9-]{1,24}$/;
const localized = z.object({ da: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }).strict();
const scale = z
  .object({ min: z.number().int().min(0), max: z.number().int().max(10), low: localized, high: localized })
  .strict()
  .refine((value) => value.min < value.max, 'scale: min must be below max');
const indicator = z.object({ id: z.string().regex(/^[a-z0-9]{1,4}$/, 'indicator id: 1-4 lower-case letters or digits'), name: localized, scale }).strict();
const instrument = z.object({ id: z.string().regex(SHORT_ID), name: localized, indicators: z.array(indicator).min(1).max(12) }).strict();
const indicatorSet = z
  .object({ id: z.string().regex(SHORT_ID, 'id: 1-24 lower-case letters, digits or dashes'), note: z.string().optional(), instruments: z.array(instrument).min(1).max(3) })
  .strict()
  .refine((set) => {
    const ids = indicatorsOf(set).map((candidate) => candidate.id);
    return new Set(ids).size === ids.length;
  }, 'indicator ids must be unique in the set');

/** The set, or the problems that make it unusable, each as a path and what is wrong. */
export function parseReadinessIndicators(json: unknown): ReadinessIndicatorSet {
  const parsed = indicatorSet.safeParse(json);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(set)'}: ${issue.message}`).join('; '));
  const { id, instruments } = parsed.data;
  return { id, instruments };
}

/** The default set (a stand-in for the municipality's instrument). */
export const DEFAULT_READINESS_INDICATORS: ReadinessIndicatorSet = parseReadinessIndicators(defaultSet);

/** The set in `file` (JSON), or the default when none is given; throws with what is wrong. */
export function loadReadinessIndicators(file: string | undefined): ReadinessIndicatorSet {
  if (!file) return DEFAULT_READINESS_INDICATORS;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read it as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseReadinessIndicators(json);
}
