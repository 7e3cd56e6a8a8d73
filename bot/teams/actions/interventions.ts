// The intervention overview (indsatsoverblik, seed 002): the coordinator adds interventions, changes their
// status and edits them (app/interventions.ts); `indsatser` shows it to every team member with consent.
import { z } from 'zod';
import { changeInterventions } from '../../app/interventions';
import { viewAfterChange, viewCommand } from './case';
import { optionalText, withCase } from './data';
import type { CommandDeclaration } from './turn';
import { verb } from './turn';

export const interventionVerbs = [
  /** A team member (`memberId`) or an administration (`administration`) initiated it; the card sends both inputs, a chosen member wins. */
  verb(
    'intervention.add',
    z.object({ ...withCase, what: optionalText, memberId: optionalText, administration: optionalText, why: optionalText, goalId: optionalText, from: optionalText, to: optionalText, status: optionalText }),
    async (turn, { caseId, memberId, administration, ...intervention }) => {
      const initiatedBy = memberId?.trim() ? { memberId } : { administration };
      const changed = await changeInterventions(turn.deps, turn.actor, caseId, { kind: 'add', intervention: { ...intervention, ...initiatedBy } }, turn.activityId);
      return viewAfterChange(turn, changed, 'interventions', turn.m.cards.interventions.added);
    },
  ),
  /** Chosen on the card, so absent until chosen: the domain refuses a missing one by name. */
  verb('intervention.status', z.object({ ...withCase, interventionId: optionalText, newStatus: optionalText }), async (turn, { caseId, interventionId, newStatus }) => {
    const changed = await changeInterventions(turn.deps, turn.actor, caseId, { kind: 'status', interventionId: interventionId ?? '', status: newStatus }, turn.activityId);
    return viewAfterChange(turn, changed, 'interventions', turn.m.cards.interventions.statusChanged);
  }),
  /** Only what is filled in changes; the inputs have ids of their own (Adaptive Cards refuses one id twice on a card). */
  verb(
    'intervention.change',
    z.object({ ...withCase, editInterventionId: optionalText, editWhat: optionalText, editWhy: optionalText, editFrom: optionalText, editTo: optionalText }),
    async (turn, { caseId, editInterventionId, editWhat, editWhy, editFrom, editTo }) => {
      const intervention = { what: editWhat, why: editWhy, from: editFrom, to: editTo };
      const changed = await changeInterventions(turn.deps, turn.actor, caseId, { kind: 'change', interventionId: editInterventionId ?? '', intervention }, turn.activityId);
      return viewAfterChange(turn, changed, 'interventions', turn.m.cards.interventions.changed);
    },
  ),
];

export const interventionCommands = {
  /** Not in the manifest's command menus: Teams shows at most ten a scope, and those are taken. */
  interventions: viewCommand('interventions', { da: ['indsatser', 'indsatsoverblik'], en: ['interventions', 'intervention overview'] }, { manifestScopes: [] }),
} satisfies Record<string, CommandDeclaration>;
