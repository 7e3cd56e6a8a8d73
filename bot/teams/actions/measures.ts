// `målinger`: WHO-5 and readiness (BIP) over time; the coordinator or the member named to measure
// records them with the young person (app/measures.ts), the coordinator names that member.
import { z } from 'zod';
import { changeMeasurer, recordMeasure } from '../../app/measures';
import { WHO5_ITEMS } from '../../domain/measures';
import { viewAfterChange, viewCommand } from './case';
import { answerValue, optionalText, withCase } from './data';
import type { CommandDeclaration } from './turn';
import { verb } from './turn';

/** The form's inputs of the readiness indicators: `s_<indicator id>`, as many as the set in use has. */
const SCORE_PREFIX = 's_';
/** A statement's answer, 0–5 as text; absent until chosen (the domain refuses a missing one). */
const answer = answerValue.optional();

export const measureVerbs = [
  /** Each statement's answer is `w_<item>` (WHO5_ITEMS); `corrects`: the record this one corrects. */
  verb(
    'measures.wellbeing',
    z.object({ ...withCase, on: optionalText, corrects: optionalText, w_cheerful: answer, w_calm: answer, w_active: answer, w_rested: answer, w_interested: answer }),
    async (turn, data) => {
      const record = { on: data.on, corrects: data.corrects, answers: WHO5_ITEMS.map((item) => data[`w_${item}`]) };
      const changed = await recordMeasure(turn.deps, turn.actor, data.caseId, { kind: 'who5', record }, turn.activityId);
      return viewAfterChange(turn, changed, 'measures', turn.m.cards.measures.who5Recorded);
    },
  ),
  /** The scores come as `s_<indicator id>`: whatever the set in use names, so the data is read by prefix. */
  verb(
    'measures.readiness',
    z.object({ ...withCase, readinessOn: optionalText, readinessCorrects: optionalText }).catchall(z.unknown()),
    async (turn, { caseId, readinessOn, readinessCorrects, ...rest }) => {
      const scores = Object.fromEntries(
        Object.entries(rest).flatMap(([key, value]) => (key.startsWith(SCORE_PREFIX) && (typeof value === 'string' || typeof value === 'number') ? [[key.slice(SCORE_PREFIX.length), String(value)]] : [])),
      );
      const changed = await recordMeasure(turn.deps, turn.actor, caseId, { kind: 'readiness', record: { on: readinessOn, corrects: readinessCorrects, scores } }, turn.activityId);
      return viewAfterChange(turn, changed, 'measures', turn.m.cards.measures.readinessRecorded);
    },
  ),
  /** The coordinator's own id clears the choice: the coordinator measures. */
  verb('measures.measurer', z.object({ ...withCase, measurerId: optionalText }), async (turn, { caseId, measurerId }) => {
    const changed = await changeMeasurer(turn.deps, turn.actor, caseId, measurerId, turn.activityId);
    return viewAfterChange(turn, changed, 'measures', turn.m.cards.measures.measurerSet);
  }),
];

export const measureCommands = {
  /** Not in the manifest's command menus: Teams shows at most ten a scope, and those are taken. */
  measures: viewCommand('measures', { da: ['målinger', 'maalinger', 'who-5', 'who5'], en: ['measures', 'measurements'] }, { manifestScopes: [] }),
} satisfies Record<string, CommandDeclaration>;
