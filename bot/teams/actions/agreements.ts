// An owner's agreements across cases: done, a new follow-up date, "needs help", and the `mine` command.
// Between meetings: one agreement with its history, the coordinator's changes ("Ret aftale"), an
// owner's request for a change ("Bed om ændring") and the coordinator's answer to it.
import { z } from 'zod';
import { agreementEditCard } from '../../../cards/agreementCards';
import { agreementsCard, followUpInputId } from '../../../cards/handOverCards';
import { askForHelpWith, completeMyAgreement, listMyAgreements, moveMyAgreement } from '../../app/agreements';
import { acceptAgreementChange, askAgreementChange, changeCaseAgreement, declineAgreementChange } from '../../app/changeAgreements';
import { readCase } from '../../app/readCase';
import type { Case } from '../../domain/case';
import { cardActivity } from '../replies';
import { answerValue, id, optionalText, withCase } from './data';
import { type CommandDeclaration, type Turn, cardAfterChange, verb } from './turn';

/** The owner's list of open agreements, as `mine` shows it, and those a lapsed consent hides, counted. */
async function myAgreementsCard({ deps, actor, m }: Turn, notice = '') {
  const labels = m.cards.goals;
  const { agreements, withheld } = await listMyAgreements(deps, actor);
  return agreementsCard(m, agreements, labels.mineTitle, notice || labels.mineIntro, withheld);
}

const ofAgreement = { ...withCase, agreementId: id };

/** The agreement's card as the one who just changed it sees it, saying what happened. */
const agreementAfterChange = (turn: Turn, changed: Case, agreementId: string, notice: string) =>
  cardAfterChange(turn, changed, (read) => agreementEditCard(turn.m, read, agreementId, notice), notice);

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
  /** The agreement with its history: to change it (the coordinator) or ask for a change (its owner). */
  verb('agreement.edit', z.object(ofAgreement), async ({ deps, actor, m }, { caseId, agreementId }) => ({
    card: agreementEditCard(m, await readCase(deps, actor, caseId, 'goals'), agreementId),
  })),
  verb(
    'agreement.change',
    z.object({ ...ofAgreement, action: optionalText, ownerMemberId: optionalText, followUpOn: optionalText, followUpMethod: optionalText, followUpMethodOther: optionalText }),
    async (turn, { caseId, agreementId, v: _v, ...input }) => {
      const { case: changed, changed: altered } = await changeCaseAgreement(turn.deps, turn.actor, { caseId, agreementId, input, activityId: turn.activityId });
      const confirmations = turn.m.cards.goals.confirmations;
      return agreementAfterChange(turn, changed, agreementId, altered ? confirmations.agreementChanged : confirmations.agreementUnchanged);
    },
  ),
  /** "Hvad skal ændres?" (a new action, owner or date) and "Hvorfor?". */
  verb(
    'agreement.requestChange',
    z.object({ ...ofAgreement, newAction: optionalText, newOwnerMemberId: optionalText, newFollowUpOn: optionalText, why: optionalText }),
    async (turn, { caseId, agreementId, newAction, newOwnerMemberId, newFollowUpOn, why }) => {
      const input = { action: newAction, ownerMemberId: newOwnerMemberId, followUpOn: newFollowUpOn, why };
      const changed = await askAgreementChange(turn.deps, turn.actor, { caseId, agreementId, input, activityId: turn.activityId });
      return agreementAfterChange(turn, changed, agreementId, turn.m.cards.goals.confirmations.changeAsked);
    },
  ),
  verb('agreement.acceptChange', z.object(ofAgreement), async (turn, { caseId, agreementId }) => {
    const changed = await acceptAgreementChange(turn.deps, turn.actor, { caseId, agreementId, activityId: turn.activityId });
    return agreementAfterChange(turn, changed, agreementId, turn.m.cards.goals.confirmations.changeAccepted);
  }),
  verb('agreement.declineChange', z.object({ ...ofAgreement, reason: optionalText }), async (turn, { caseId, agreementId, reason }) => {
    const changed = await declineAgreementChange(turn.deps, turn.actor, { caseId, agreementId, reason, activityId: turn.activityId });
    return agreementAfterChange(turn, changed, agreementId, turn.m.cards.goals.confirmations.changeDeclined);
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
