// Chat commands. In a channel thread or group chat the command applies to the case living there;
// in a 1:1 chat to the case the user picked.
import type { TurnContext } from 'botbuilder';
import { casePickerCard, createCaseCard } from '../../cards/caseCards';
import { baseCard, meetingBaseCard } from '../../cards/channelCards';
import { checklistCard, meetingCancelCard, meetingOpenCard } from '../../cards/meetingCards';
import type { Actor, AppDeps } from '../app/context';
import { type CaseView, caseIdForConversation, listMyCases, openCasesOf, readCase, selectCase, selectedCaseId } from '../app/readCase';
import { containsCpr } from '../domain/cpr';
import { DomainError } from '../domain/errors';
import { nextMeetingOf, openMeetingOf } from '../domain/meeting';
import type { Messages } from '../i18n';
import type { Logger } from '../logger';
import { conversationKind } from './actor';
import { detailCard } from './caseCards';
import { myAgreementsCard } from './formActions';
import { type CommandName, parseCommand, stripMentions } from './commands';
import { cardActivity, isDomainError, refusalText } from './replies';
import { DEFAULT_RIGHTS, type RightsEnv, isRightsCommand, runRightsCommand } from './rightsHandlers';

/** No command is long; a long message is refused before it is parsed or kept anywhere. */
export const MAX_COMMAND_LENGTH = 1000;

const VIEW_OF_COMMAND: Partial<Record<CommandName, CaseView>> = {
  status: 'overview',
  team: 'team',
  consent: 'consent',
  goals: 'goals',
  closeMeeting: 'closing',
};

export async function handleMessage(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  log: Logger,
  rights: RightsEnv = DEFAULT_RIGHTS,
): Promise<void> {
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
    await context.sendActivity(m.unknownCommand);
    return;
  }
  try {
    if (isRightsCommand(command.name)) {
      const personal = conversationKind(activity) === 'personal';
      const name = command.name;
      const caseHere = () => (personal ? caseOfPersonalChat(context, deps, actor, m, name) : caseOfConversation(context, deps, actor, m));
      await runRightsCommand(context, deps, actor, m, name, rights, caseHere);
    } else {
      await runCommand(context, deps, actor, m, command.name, command.argument);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await context.sendActivity(refusalText(m, error));
  }
}

async function runCommand(context: TurnContext, deps: AppDeps, actor: Actor, m: Messages, name: CommandName, argument = ''): Promise<void> {
  if (name === 'help') {
    await context.sendActivity(m.help);
    return;
  }
  if (name === 'newCase') {
    await context.sendActivity(cardActivity(createCaseCard(m)));
    return;
  }
  if (name === 'myTasks') {
    // Agreements across cases are for the owner's eyes: only in a 1:1 chat.
    const personal = conversationKind(context.activity) === 'personal';
    await context.sendActivity(personal ? cardActivity(await myAgreementsCard(deps, actor, m)) : m.myTasksInPersonalChat);
    return;
  }
  const view = VIEW_OF_COMMAND[name];
  if (!view && name !== 'openMeeting' && name !== 'cancelMeeting') {
    await context.sendActivity(m.notYetAvailable);
    return;
  }
  const personal = conversationKind(context.activity) === 'personal';
  const caseId = personal ? await caseOfPersonalChat(context, deps, actor, m, name, argument) : await caseOfConversation(context, deps, actor, m);
  if (!caseId) return;
  const current = (await deps.store.getCase(actor.tenantId, caseId))?.case;
  if (!current) throw new DomainError('caseNotFound');
  if (view) {
    // The whole channel or chat sees a base card with the case's reference only.
    await context.sendActivity(cardActivity(personal ? await detailCard(context, deps, actor, m, caseId, view) : baseCard(m, current, view)));
  } else if (name === 'openMeeting') {
    const open = openMeetingOf(current);
    if (!open) await context.sendActivity(cardActivity(meetingOpenCard(m, current, deps.now())));
    else if (personal) await context.sendActivity(cardActivity(checklistCard(m, await readCase(deps, actor, caseId, 'checklist'), open)));
    else await context.sendActivity(cardActivity(meetingBaseCard(m, current, open)));
  } else {
    const meeting = nextMeetingOf(current);
    if (!meeting) throw new DomainError('noMeetingToCancel');
    await context.sendActivity(cardActivity(meetingCancelCard(m, current, meeting)));
  }
}

/** The case living in this channel thread or group chat. */
async function caseOfConversation(context: TurnContext, deps: AppDeps, actor: Actor, m: Messages): Promise<string | undefined> {
  const caseId = await caseIdForConversation(deps, actor, context.activity.conversation.id);
  if (!caseId) await context.sendActivity(m.noCaseHere);
  return caseId;
}

/**
 * In a 1:1 chat: the case named by its reference (`sag S-ABCDE`, closed ones too), the case the user
 * picked, their only open case, or else the picker of their open cases (`sag` always picks).
 */
async function caseOfPersonalChat(context: TurnContext, deps: AppDeps, actor: Actor, m: Messages, name: CommandName, argument = ''): Promise<string | undefined> {
  const cases = await listMyCases(deps, actor);
  if (cases.length === 0) {
    await context.sendActivity(m.noCasesForYou);
    return undefined;
  }
  if (name === 'status' && argument) {
    const named = cases.find((summary) => summary.reference.toUpperCase() === argument.toUpperCase());
    if (!named) throw new DomainError('caseNotFound');
    return (await selectCase(deps, actor, named.caseId)).id;
  }
  const open = openCasesOf(cases);
  const selected = await selectedCaseId(deps, actor);
  const onlyCase = open.length === 1 ? open[0]?.caseId : undefined;
  const caseId = name === 'status' && open.length > 1 ? undefined : (selected ?? onlyCase);
  if (!caseId || !cases.some((summary) => summary.caseId === caseId)) {
    await context.sendActivity(cardActivity(casePickerCard(m, open, 0, open.length < cases.length)));
    return undefined;
  }
  return caseId;
}
