// The goals and agreements form (mål- og aftaleskema): showing it, adding and revising goals, marking
// them reached, adding agreements, and the `mål` command.
import { z } from 'zod';
import { goalEditCard, goalsFormCard } from '../../../cards/goalCards';
import { addCaseAgreement, addCaseGoal, markCaseGoal, reviseCaseGoal } from '../../app/goalsForm';
import { readCase } from '../../app/readCase';
import { viewCommand } from './case';
import { id, optionalText, toggle, withCase } from './data';
import { cardAfterChange, verb } from './turn';

/** The theme to show, when the form is too large for one card. */
const theme = z.string().max(50).optional();

export const goalVerbs = [
  verb('goals.show', z.object({ ...withCase, theme }), async ({ deps, actor, m }, { caseId, theme: shownTheme }) => ({
    card: goalsFormCard(m, await readCase(deps, actor, caseId, 'goals'), '', shownTheme),
  })),
  verb('goal.add', z.object({ ...withCase, theme: optionalText, longTermGoal: optionalText, subGoals: optionalText }), async (turn, { caseId, theme: goalTheme, longTermGoal, subGoals }) => {
    const notice = turn.m.cards.goals.confirmations.goalAdded;
    const changed = await addCaseGoal(turn.deps, turn.actor, caseId, { theme: goalTheme, longTermGoal, subGoals }, turn.activityId);
    return cardAfterChange(turn, changed, (read) => goalsFormCard(turn.m, read, notice, goalTheme), notice);
  }),
  verb('goal.edit', z.object({ ...withCase, goalId: id }), async ({ deps, actor, m }, { caseId, goalId }) => ({
    card: goalEditCard(m, await readCase(deps, actor, caseId, 'goals'), goalId),
  })),
  verb('goal.revise', z.object({ ...withCase, goalId: id, longTermGoal: optionalText, subGoals: optionalText }), async (turn, { caseId, goalId, longTermGoal, subGoals }) => {
    const changed = await reviseCaseGoal(turn.deps, turn.actor, caseId, goalId, { longTermGoal, subGoals }, turn.activityId);
    return cardAfterChange(turn, changed, (read) => goalEditCard(turn.m, read, goalId), turn.m.cards.goals.confirmations.goalRevised);
  }),
  /** "Er målet nået?": `reached` yes or no, and why. */
  verb('goal.mark', z.object({ ...withCase, goalId: id, reached: z.enum(['yes', 'no']).optional(), reason: optionalText }), async (turn, { caseId, goalId, reached, reason }) => {
    const changed = await markCaseGoal(turn.deps, turn.actor, { caseId, goalId, reached: reached === 'yes', reason, activityId: turn.activityId });
    return cardAfterChange(turn, changed, (read) => goalEditCard(turn.m, read, goalId), turn.m.cards.goals.confirmations.goalMarked);
  }),
  verb(
    'agreement.add',
    z.object({
      ...withCase,
      goalId: optionalText,
      action: optionalText,
      ownerMemberId: optionalText,
      followUpOn: optionalText,
      followUpMethod: optionalText,
      followUpMethodOther: optionalText,
      /** "Indstilling": the agreement needs others' decision (a visitation committee, say); older cards send none. */
      needsVisitation: toggle,
    }),
    async (turn, { caseId, goalId, ...input }) => {
      const notice = turn.m.cards.goals.confirmations.agreementAdded;
      const changed = await addCaseAgreement(turn.deps, turn.actor, caseId, goalId ?? '', input, turn.activityId);
      const goalTheme = changed.goals.find((goal) => goal.id === goalId)?.theme;
      return cardAfterChange(turn, changed, (read) => goalsFormCard(turn.m, read, notice, goalTheme), notice);
    },
  ),
];

export const goalCommands = {
  goals: viewCommand('goals', { da: ['mål'], en: ['goals'] }),
};
