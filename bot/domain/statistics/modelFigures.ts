// The model's own figures that the half-yearly status is set beside.
import type { EducationStatus } from '../case';

/** Seed 000: "minimum tre tværfaglige teammøder årligt". */
export const MEETINGS_PER_YEAR = 3;

/**
 * Seed 002, Rambøll Management's evaluation (2017): at the evaluation's end "64 pct. af de unge var i
 * uddannelse …, 16 pct. var i en form for arbejde, enten deltid eller fuldtid, mens 20 pct. hverken var i
 * uddannelse eller arbejde", in per cent. The seed gives no figures at the start, only "kun marginal
 * positiv ændring … på to pct." compared with it, so there is no start column to set beside ours.
 */
export const MODEL_EVALUATION: Readonly<Record<EducationStatus, number>> = { education: 64, work: 16, neither: 20 };
