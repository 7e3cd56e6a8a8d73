// `indsatser`: the intervention overview (indsatsoverblik, seed 002) as a card: the interventions by
// status, active first, each with its period, who initiated it and why; for the coordinator the forms to
// add one, change its status and edit it.
import { isCoordinator } from '../bot/domain/access';
import type { Case } from '../bot/domain/case';
import { currentVersion } from '../bot/domain/goals';
import { INTERVENTION_LIMITS, INTERVENTION_STATUSES, type Intervention, type InterventionStatus, interventionsOf, nextStatusesOf } from '../bot/domain/interventions';
import type { Messages } from '../bot/i18n';
import { memberChoiceTitle, shortName, shortened } from './people';
import { type AdaptiveCardJson, renderCard } from './render';
import type { ViewedCase } from './views';

/** The order of the card's groups: what runs now first, then what waits, then the past. */
const GROUP_ORDER: readonly InterventionStatus[] = ['active', 'planned', 'paused', 'ended', 'declined'];

/** A choice's title: the intervention's name shortened, and its status. */
const CHOICE_TITLE = 50;
const GOAL_ON_CARD = 60;
/** As shortName cuts a member's name. */
const NAME_ON_CARD = 40;

/** Who initiated it: an administration, or the team's name for a member (one who has left, by the name they had). */
export function initiatorName(m: Messages, current: Case, intervention: Intervention): string {
  if ('administration' in intervention.initiatedBy) return intervention.initiatedBy.administration;
  const { memberId, formerName } = intervention.initiatedBy;
  const member = current.members.find((candidate) => candidate.id === memberId);
  return member ? shortName(current, member, m) : shortened(formerName ?? m.cards.goals.formerMember, NAME_ON_CARD);
}

function goalName(current: Case, goalId: string | undefined): string | undefined {
  const goal = goalId ? current.goals.find((candidate) => candidate.id === goalId) : undefined;
  return goal && shortened(currentVersion(goal).longTermGoal, GOAL_ON_CARD);
}

/** One intervention's line under its name: period, who, why, goal. */
function detailLine(m: Messages, current: Case, intervention: Intervention): string {
  const labels = m.cards.interventions;
  const goal = goalName(current, intervention.goalId);
  return [
    labels.period(m.dates.short(intervention.from), intervention.to && m.dates.short(intervention.to)),
    labels.initiatedBy(initiatorName(m, current, intervention)),
    intervention.why && labels.why(intervention.why),
    goal && labels.goal(goal),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The interventions grouped by status as the card shows them: active first, then planned, paused, ended, declined. */
export const interventionsInCardOrder = (current: Case): Intervention[] =>
  GROUP_ORDER.flatMap((status) => interventionsOf(current).filter((intervention) => intervention.status === status));

export function interventionsCard(m: Messages, { case: current, viewer }: ViewedCase, notice = ''): AdaptiveCardJson {
  const labels = m.cards.interventions;
  const interventions = interventionsOf(current);
  const groups = GROUP_ORDER.map((status) => ({
    title: labels.groups[status],
    facts: interventions.filter((intervention) => intervention.status === status).map((intervention) => ({ title: intervention.what, value: detailLine(m, current, intervention) })),
  })).filter((group) => group.facts.length > 0);
  const coordinator = isCoordinator(viewer);
  const changeable = interventions.filter((intervention) => nextStatusesOf(intervention).length > 0);
  const choiceOf = (intervention: Intervention) => ({ title: `${shortened(intervention.what, CHOICE_TITLE)} (${labels.statuses[intervention.status]})`, value: intervention.id });
  return renderCard('interventions', {
    caseId: current.id,
    labels,
    title: labels.title(current.reference),
    notice,
    groups,
    empty: interventions.length === 0 ? labels.empty : '',
    // Seed 002's closing question: what happens while the young person waits.
    waiting: interventions.some((intervention) => intervention.status === 'planned') ? labels.waiting : '',
    coordinatorKeeps: coordinator ? '' : labels.coordinatorKeeps,
    canAdd: coordinator && interventions.length < INTERVENTION_LIMITS.interventions,
    full: coordinator && interventions.length >= INTERVENTION_LIMITS.interventions ? labels.full(INTERVENTION_LIMITS.interventions) : '',
    canChangeStatus: coordinator && changeable.length > 0,
    canEdit: coordinator && interventions.length > 0,
    memberChoices: current.members.filter((member) => member.role !== 'youngPerson').map((member) => ({ title: memberChoiceTitle(current, member, m), value: member.id })),
    goalChoices: current.goals.map((goal) => ({ title: goalName(current, goal.id) ?? '', value: goal.id })),
    firstStatusChoices: (['planned', 'active'] as const).map((status) => ({ title: labels.statuses[status], value: status })),
    statusChoices: INTERVENTION_STATUSES.filter((status) => status !== 'planned').map((status) => ({ title: labels.statuses[status], value: status })),
    changeableChoices: changeable.map(choiceOf),
    interventionChoices: interventions.map(choiceOf),
  });
}
