// Chat commands. In a channel thread or group chat the command applies to the case living there;
// in a 1:1 chat to the case the user picked (actions/caseHere.ts).
import type { TurnContext } from 'botbuilder';
import type { Actor } from '../app/context';
import { containsCpr } from '../domain/cpr';
import type { Messages } from '../i18n';
import { COMMANDS } from './actions/registry';
import { turnOf } from './actions/run';
import type { BotEnv, CommandDeclaration } from './actions/turn';
import { parseCommand, stripMentions } from './commands';
import { conversationKind } from './actor';
import { isDomainError, refusalText, writeCommandIn } from './replies';

/** No command is long; a long message is refused before it is parsed or kept anywhere. */
export const MAX_COMMAND_LENGTH = 1000;

export async function handleMessage(context: TurnContext, env: BotEnv, actor: Actor, m: Messages): Promise<void> {
  const { activity } = context;
  if (!activity.text && activity.value !== undefined) {
    // An Action.Submit from a card of another bot version: we only answer Universal Actions.
    await context.sendActivity(m.unknownAction(writeCommandIn(conversationKind(activity))));
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
  const turn = turnOf(context, env, actor, m);
  env.log.info({ event: 'command', command: command?.name ?? 'unknown', conversation: turn.conversation });
  if (!command) {
    await context.sendActivity(m.unknownCommand(writeCommandIn(turn.conversation)));
    return;
  }
  const declaration: CommandDeclaration = COMMANDS[command.name];
  if (declaration.onlyInPersonalChat && turn.conversation !== 'personal') {
    await context.sendActivity(declaration.onlyInPersonalChat(m));
    return;
  }
  try {
    await declaration.handle(turn, command.argument);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await context.sendActivity(refusalText(m, error, turn.conversation));
  }
}
