// The 18-year hand-over to the adults' administration (seed 002, issue 14): `overdragelse` shows what was
// recorded, and the coordinator records (or corrects) it on the card; the case overview has the same button.
import { z } from 'zod';
import { NOBODY_TAKES_OVER } from '../../../cards/rhythmCards';
import { recordCaseAdultHandOver } from '../../app/adultHandOver';
import { viewAfterChange, viewCommand } from './case';
import { optionalText, withCase } from './data';
import type { CommandDeclaration } from './turn';
import { verb } from './turn';

export const rhythmVerbs = [
  /** `takesOverMemberId`: a team member, or `none` (or '') for nobody on the team. */
  verb('adultHandOver.record', z.object({ ...withCase, takesOverMemberId: optionalText, continues: optionalText }), async (turn, { caseId, takesOverMemberId, continues }) => {
    const changed = await recordCaseAdultHandOver(turn.deps, turn.actor, caseId, { takesOverMemberId: takesOverMemberId === NOBODY_TAKES_OVER ? undefined : takesOverMemberId, continues }, turn.activityId);
    return viewAfterChange(turn, changed, 'adultHandOver', turn.m.cards.rhythm.handOverSaved);
  }),
];

export const rhythmCommands = {
  /** Not in the manifest's command menus: Teams shows at most ten a scope, and those are taken. */
  adultHandOver: viewCommand('adultHandOver', { da: ['overdragelse', 'overdragelse 18'], en: ['adult hand-over', 'hand-over at 18'] }, { manifestScopes: [] }),
} satisfies Record<string, CommandDeclaration>;
