// The card actions of the goals and agreements form, closing, approval, hand-over and an owner's
// agreements.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { GOAL_CARD_VERBS, approvalCard, goalEditCard, goalsFormCard, minutesCard } from '../../cards/goalCards';
import { agreementsCard, followUpInputId, handOverCard } from '../../cards/handOverCards';
import { messageCard } from '../../cards/messageCard';
import { askForHelpWith, completeMyAgreement, listMyAgreements, moveMyAgreement } from '../app/agreements';
import { acknowledgeCaseHandOver, approveAndCirculate, closeNetworkMeeting, sendBackForChanges } from '../app/closeMeeting';
import type { Actor, AppDeps } from '../app/context';
import { addCaseAgreement, addCaseGoal, markCaseGoal, reviseCaseGoal } from '../app/goalsForm';
import { type CaseRead, changerView, readCase } from '../app/readCase';
import type { Case } from '../domain/case';
import { meetingById, meetingNumber } from '../domain/meeting';
import type { Messages } from '../i18n';
import type { CardAction } from './cardActions';
import { cardResponse } from './replies';

/** An action of the form's cards (cards/goalCards.ts names their verbs and the data they carry). */
export type FormAction = Extract<CardAction, { verb: (typeof GOAL_CARD_VERBS)[number] }>;

export function isFormAction(action: CardAction): action is FormAction {
  return (GOAL_CARD_VERBS as readonly string[]).includes(action.verb);
}

/** The owner's list of open agreements, as `mine` shows it. */
export async function myAgreementsCard(deps: AppDeps, actor: Actor, m: Messages, notice = '') {
  const labels = m.cards.goals;
  return agreementsCard(m, await listMyAgreements(deps, actor), labels.mineTitle, notice || labels.mineIntro);
}

export async function runFormAction(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  action: FormAction,
): Promise<AdaptiveCardInvokeResponse> {
  const done = m.cards.goals.confirmations;
  const activityId = context.activity.id;
  /** The card as the person who made a change now sees it; the change was authorized and audited. */
  const shown = (changed: Case, render: (read: CaseRead) => ReturnType<typeof goalsFormCard>, notice: string) => {
    const read = changerView(changed, actor);
    return cardResponse(read ? render(read) : messageCard(notice, ''));
  };
  switch (action.verb) {
    case 'goals.show':
      return cardResponse(goalsFormCard(m, await readCase(deps, actor, action.data.caseId, 'goals'), '', action.data.theme));
    case 'goal.add': {
      const { caseId, theme, longTermGoal, subGoals } = action.data;
      const changed = await addCaseGoal(deps, actor, caseId, { theme, longTermGoal, subGoals }, activityId);
      return shown(changed, (read) => goalsFormCard(m, read, done.goalAdded, theme), done.goalAdded);
    }
    case 'goal.edit':
      return cardResponse(goalEditCard(m, await readCase(deps, actor, action.data.caseId, 'goals'), action.data.goalId));
    case 'goal.revise': {
      const { caseId, goalId, longTermGoal, subGoals } = action.data;
      const changed = await reviseCaseGoal(deps, actor, caseId, goalId, { longTermGoal, subGoals }, activityId);
      return shown(changed, (read) => goalEditCard(m, read, goalId), done.goalRevised);
    }
    case 'goal.mark': {
      const { caseId, goalId, reached, reason } = action.data;
      const changed = await markCaseGoal(deps, actor, caseId, goalId, reached === 'yes', reason, activityId);
      return shown(changed, (read) => goalEditCard(m, read, goalId), done.goalMarked);
    }
    case 'agreement.add': {
      const { caseId, goalId, ...input } = action.data;
      const changed = await addCaseAgreement(deps, actor, caseId, goalId ?? '', input, activityId);
      const theme = changed.goals.find((goal) => goal.id === goalId)?.theme;
      return shown(changed, (read) => goalsFormCard(m, read, done.agreementAdded, theme), done.agreementAdded);
    }
    case 'meeting.close': {
      const { caseId, meetingId, ...input } = action.data;
      const changed = await closeNetworkMeeting(deps, actor, caseId, meetingId, input, activityId);
      const notice = done.meetingClosed(meetingNumber(meetingById(changed, meetingId)));
      return shown(changed, (read) => approvalCard(m, read, meetingById(changed, meetingId), deps.now(), notice), notice);
    }
    case 'minutes.approve': {
      const { caseId, meetingId, approvedOn } = action.data;
      const changed = await approveAndCirculate(deps, actor, caseId, meetingId, approvedOn, activityId);
      return shown(changed, (read) => approvalCard(m, read, meetingById(changed, meetingId), deps.now(), done.approved), done.approved);
    }
    case 'minutes.sendBack': {
      const { caseId, meetingId, changes } = action.data;
      const changed = await sendBackForChanges(deps, actor, caseId, meetingId, changes, activityId);
      return shown(changed, (read) => approvalCard(m, read, meetingById(changed, meetingId), deps.now(), done.sentBack), done.sentBack);
    }
    case 'minutes.show': {
      const read = await readCase(deps, actor, action.data.caseId, 'goals');
      return cardResponse(minutesCard(m, read, meetingById(read.case, action.data.meetingId), action.data.theme));
    }
    case 'handOver.acknowledge': {
      const { caseId, meetingId } = action.data;
      const changed = await acknowledgeCaseHandOver(deps, actor, caseId, meetingId, activityId);
      return shown(changed, (read) => handOverCard(m, read, meetingById(changed, meetingId)), done.handOverAcknowledged);
    }
    case 'agreement.done':
      await completeMyAgreement(deps, actor, action.data.caseId, action.data.agreementId, activityId);
      return cardResponse(await myAgreementsCard(deps, actor, m, done.agreementDone));
    case 'agreement.move': {
      const { caseId, agreementId, dateInput } = action.data;
      // Only the date input of this agreement counts, whatever else the card sent.
      const followUpOn = dateInput === followUpInputId(agreementId) ? action.data[dateInput] : undefined;
      const changed = await moveMyAgreement(deps, actor, caseId, agreementId, typeof followUpOn === 'string' ? followUpOn : undefined, activityId);
      const moved = changed.agreements.find((agreement) => agreement.id === agreementId);
      return cardResponse(await myAgreementsCard(deps, actor, m, done.agreementMoved(moved?.followUpOn ?? '')));
    }
    case 'agreement.needsHelp':
      await askForHelpWith(deps, actor, action.data.caseId, action.data.agreementId, activityId);
      return cardResponse(await myAgreementsCard(deps, actor, m, done.helpAsked));
  }
}
