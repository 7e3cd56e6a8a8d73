// The young person's rights in Teams: `eksport` (a short-lived link, only in the 1:1 chat), `luk sag`
// and `slet sag` (confirmation cards), and their verbs `case.close` and `case.erase`.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { messageCard } from '../../cards/messageCard';
import { closeConfirmCard, eraseConfirmCard, exportLinkCard } from '../../cards/rightsCards';
import type { Actor, AppDeps } from '../app/context';
import { DEFAULT_RETENTION_DAYS, caseForCoordinator, closeCaseNow, eraseCase, erasedAfterRetention } from '../app/rights';
import { isClosed } from '../domain/case';
import { DomainError } from '../domain/errors';
import { localDate } from '../domain/fields';
import type { Messages } from '../i18n';
import { conversationKind } from './actor';
import type { CardAction } from './cardActions';
import type { CommandName } from './commands';
import { EXPORT_LINK_MINUTES, type ExportLinks } from './exportLinks';
import { cardActivity } from './replies';
import { cardResponse } from './replies';

export interface RightsEnv {
  /** Absent: no export links are served (the command answers "not ready yet"). */
  exportLinks?: ExportLinks;
  retentionDays: number;
}

export const DEFAULT_RIGHTS: RightsEnv = { retentionDays: DEFAULT_RETENTION_DAYS };

const RIGHTS_COMMANDS = ['exportCase', 'closeCase', 'eraseCase'] as const;
type RightsCommand = (typeof RIGHTS_COMMANDS)[number];

export function isRightsCommand(name: CommandName): name is RightsCommand {
  return (RIGHTS_COMMANDS as readonly string[]).includes(name);
}

export type RightsAction = Extract<CardAction, { verb: 'case.close' | 'case.erase' }>;

export function isRightsAction(action: CardAction): action is RightsAction {
  return action.verb === 'case.close' || action.verb === 'case.erase';
}

/** `caseHere` finds the case the command is about (the conversation's, or the one picked 1:1) and answers when there is none. */
export async function runRightsCommand(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  name: RightsCommand,
  rights: RightsEnv,
  caseHere: () => Promise<string | undefined>,
): Promise<void> {
  if (name === 'exportCase' && conversationKind(context.activity) !== 'personal') {
    // The export holds everything about the young person: never in a channel or group chat.
    await context.sendActivity(m.rights.exportInPersonalChat);
    return;
  }
  if (name === 'exportCase' && !rights.exportLinks) {
    await context.sendActivity(m.notYetAvailable);
    return;
  }
  const caseId = await caseHere();
  if (!caseId) return;
  const action = ({ exportCase: 'case.export', closeCase: 'case.close', eraseCase: 'case.erase' } as const)[name];
  const current = await caseForCoordinator(deps, actor, caseId, action);
  if (name === 'exportCase') {
    const url = await rights.exportLinks!.create(actor, caseId);
    await context.sendActivity(cardActivity(exportLinkCard(m, current, url, EXPORT_LINK_MINUTES)));
  } else if (name === 'closeCase') {
    if (isClosed(current)) throw new DomainError('caseAlreadyClosed');
    const erasedOn = localDate(erasedAfterRetention(deps.now().toISOString(), rights.retentionDays));
    await context.sendActivity(cardActivity(closeConfirmCard(m, current, erasedOn)));
  } else {
    await context.sendActivity(cardActivity(eraseConfirmCard(m, current)));
  }
}

export async function runRightsAction(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  action: RightsAction,
  rights: RightsEnv,
): Promise<AdaptiveCardInvokeResponse> {
  const { caseId, confirmation } = action.data;
  if (action.verb === 'case.erase') {
    const reference = await eraseCase(deps, actor, caseId, confirmation);
    return cardResponse(messageCard(m.rights.erased(reference), m.rights.erasedBody, 'good'));
  }
  const closed = await closeCaseNow(deps, actor, caseId, confirmation, context.activity.id);
  const erasedOn = localDate(erasedAfterRetention(closed.closedAt ?? deps.now().toISOString(), rights.retentionDays));
  return cardResponse(messageCard(m.rights.closed(closed.reference), m.rights.closedBody(erasedOn), 'good'));
}
