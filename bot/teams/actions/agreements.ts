// An owner's agreements across cases: done, a new follow-up date, "needs help", and the `mine` command.
import { z } from 'zod';
import { agreementsCard, followUpInputId } from '../../../cards/handOverCards';
import { askForHelpWith, completeMyAgreement, listMyAgreements, moveMyAgreement } from '../../app/agreements';
import { cardActivity } from '../replies';
import { answerValue, id, withCase } from './data';
import { type CommandDeclaration, type Turn, verb } from './turn';

/** The owner's list of open agreements, as `mine` shows it, and those a lapsed consent hides, counted. */
async function myAgreementsCard({ deps, actor, m }: Turn, notice = '') {
  const labels = m.cards.goals;
  const { agreements, withheld } = await listMyAgreements(deps, actor);
  return agreementsCard(m, agreements, labels.mineTitle, notice || labels.mineIntro, withheld);
}

const ofAgreement = { ...withCase, agreementId: id };

export const agreementVerbs = [
  verb('agreement.done', z.object(ofAgreement), async (turn, { caseId, agreementId }) => {
    await completeMyAgreement(turn.deps, turn.actor, caseId, agreementId, turn.activityId);
    return { card: await myAgreementsCard(turn, turn.m.cards.goals.confirmations.agreementDone) };
  }),
  /** The new date comes in the input named by `dateInput` (each agreement on a card has its own). */
  verb('agreement.move', z.object({ ...ofAgreement, dateInput: id }).catchall(answerValue), async (turn, data) => {
    const { caseId, agreementId, dateInput } = data;
    // Only the date input of this agreement counts, whatever else the card sent.
    const followUpOn = dateInput === followUpInputId(agreementId) ? data[dateInput] : undefined;
    const changed = await moveMyAgreement(turn.deps, turn.actor, caseId, agreementId, typeof followUpOn === 'string' ? followUpOn : undefined, turn.activityId);
    const moved = changed.agreements.find((agreement) => agreement.id === agreementId);
    return { card: await myAgreementsCard(turn, turn.m.cards.goals.confirmations.agreementMoved(turn.m.dates.long(moved?.followUpOn ?? ''))) };
  }),
  verb('agreement.needsHelp', z.object(ofAgreement), async (turn, { caseId, agreementId }) => {
    await askForHelpWith(turn.deps, turn.actor, caseId, agreementId, turn.activityId);
    return { card: await myAgreementsCard(turn, turn.m.cards.goals.confirmations.helpAsked) };
  }),
];

export const agreementCommands = {
  /** Agreements across cases are for the owner's eyes: only in a 1:1 chat. */
  myTasks: {
    aliases: { da: ['mine'], en: ['my tasks'] },
    manifestScopes: ['personal'],
    onlyInPersonalChat: (m) => m.myTasksInPersonalChat,
    async handle(turn) {
      await turn.context.sendActivity(cardActivity(await myAgreementsCard(turn)));
    },
  },
} satisfies Record<string, CommandDeclaration>;
