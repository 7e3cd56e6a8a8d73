// The readiness (BIP) indicator set as data (seed 004: BIP Uddannelse and BIP Beskæftigelse, the young
// person's own view of their competences and readiness to start and keep an education or a job). The set
// in use is the municipality's (bot/readinessIndicators.ts reads and validates it); a record keeps the
// set's id, so records made with an earlier set are read with that in mind.

/** A text in both languages of the product. */
interface Localized {
  da: string;
  en: string;
}

interface ReadinessScale {
  min: number;
  max: number;
  /** What the lowest and the highest score mean. */
  low: Localized;
  high: Localized;
}

export interface ReadinessIndicator {
  /** Short (kept in every record): "u1". */
  id: string;
  name: Localized;
  scale: ReadinessScale;
}

interface ReadinessInstrument {
  id: string;
  name: Localized;
  indicators: ReadinessIndicator[];
}

export interface ReadinessIndicatorSet {
  /** Kept in every record: a new set (other indicators, other scales) needs a new id. */
  id: string;
  instruments: ReadinessInstrument[];
}

export const indicatorsOf = (set: ReadinessIndicatorSet): ReadinessIndicator[] => set.instruments.flatMap((instrument) => instrument.indicators);
