// The detail cards of a case, for one reader: each read is authorized and audited by the app layer.
import type { TurnContext } from 'botbuilder';
import { overviewCard } from '../../cards/caseCards';
import { consentCard } from '../../cards/consentCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { type RosterPerson, teamCard } from '../../cards/teamCards';
import type { Actor, AppDeps } from '../app/context';
import { type CaseView, readCase } from '../app/readCase';
import type { Messages } from '../i18n';
import { conversationKind } from './actor';
import { rosterOf } from './roster';

export async function detailCard(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  caseId: string,
  view: CaseView,
  notice = '',
): Promise<AdaptiveCardJson> {
  const read = await readCase(deps, actor, caseId, view);
  switch (view) {
    case 'overview':
      return overviewCard(m, read, deps.now());
    case 'consent':
      return consentCard(m, read, deps.now(), notice);
    case 'team':
      return teamCard(m, read, await addableRoster(context, read.viewer.role === 'coordinator'), notice);
  }
}

/** Only the coordinator adds people, and only from a conversation with more people than the user. */
async function addableRoster(context: TurnContext, isCoordinator: boolean): Promise<RosterPerson[]> {
  if (!isCoordinator || conversationKind(context.activity) === 'personal') return [];
  return rosterOf(context);
}
