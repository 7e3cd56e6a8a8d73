// Chat commands. In a channel thread or group chat the command applies to the case living there;
// in a 1:1 chat to the case the user picked.
import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import { baseCard, casePickerCard, createCaseCard } from '../../cards/caseCards';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Actor, AppDeps } from '../app/context';
import { type CaseView, caseIdForConversation, listMyCases, selectedCaseId } from '../app/readCase';
import { containsCpr } from '../domain/cpr';
import type { Messages } from '../i18n';
import type { Logger } from '../logger';
import { conversationKind } from './actor';
import { detailCard } from './caseCards';
import { type CommandName, parseCommand, stripMentions } from './commands';
import { isDomainError, refusalText } from './replies';

/** No command is long; a long message is refused before it is parsed or kept anywhere. */
export const MAX_COMMAND_LENGTH = 1000;

const CASE_VIEWS: Partial<Record<CommandName, CaseView>> = { status: 'overview', team: 'team', consent: 'consent' };

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

export async function handleMessage(context: TurnContext, deps: AppDeps, actor: Actor, m: Messages, log: Logger): Promise<void> {
  const { activity } = context;
  if (!activity.text && activity.value !== undefined) {
    // An Action.Submit from a card of another bot version: we only answer Universal Actions.
    await context.sendActivity(m.unknownAction);
    return;
  }
  const text = stripMentions(activity.text ?? '');
  if (text.length > MAX_COMMAND_LENGTH) {
    await context.sendActivity(m.textTooLong(MAX_COMMAND_LENGTH));
    return;
  }
  if (containsCpr(text)) {
    await context.sendActivity(m.cprInMessage);
    return;
  }
  const command = parseCommand(text);
  log.info({ event: 'command', command: command?.name ?? 'unknown', conversation: conversationKind(activity) });
  if (!command) {
    await context.sendActivity(m.unknownCommand(text.slice(0, 40)));
    return;
  }
  try {
    await runCommand(context, deps, actor, m, command.name);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await context.sendActivity(refusalText(m, error));
  }
}

async function runCommand(context: TurnContext, deps: AppDeps, actor: Actor, m: Messages, name: CommandName): Promise<void> {
  if (name === 'help') {
    await context.sendActivity(m.help);
    return;
  }
  if (name === 'newCase') {
    await context.sendActivity(cardActivity(createCaseCard(m)));
    return;
  }
  const view = CASE_VIEWS[name];
  if (!view) {
    await context.sendActivity(m.notYetAvailable);
    return;
  }
  if (conversationKind(context.activity) === 'personal') {
    await showInPersonalChat(context, deps, actor, m, name, view);
    return;
  }
  const caseId = await caseIdForConversation(deps, actor, context.activity.conversation.id);
  const stored = caseId ? await deps.store.getCase(actor.tenantId, caseId) : undefined;
  if (!stored) {
    await context.sendActivity(m.noCaseHere);
    return;
  }
  // The whole channel or chat sees this card: it names the case's reference only.
  await context.sendActivity(cardActivity(baseCard(m, stored.case, view)));
}

async function showInPersonalChat(context: TurnContext, deps: AppDeps, actor: Actor, m: Messages, name: CommandName, view: CaseView) {
  const cases = await listMyCases(deps, actor);
  if (cases.length === 0) {
    await context.sendActivity(m.noCasesForYou);
    return;
  }
  const selected = await selectedCaseId(deps, actor);
  const onlyCase = cases.length === 1 ? cases[0]?.caseId : undefined;
  // `sag` in a 1:1 chat with several cases is how a user switches case.
  const caseId = name === 'status' && cases.length > 1 ? undefined : (selected ?? onlyCase);
  if (!caseId || !cases.some((summary) => summary.caseId === caseId)) {
    await context.sendActivity(cardActivity(casePickerCard(m, cases)));
    return;
  }
  await context.sendActivity(cardActivity(await detailCard(context, deps, actor, m, caseId, view)));
}
