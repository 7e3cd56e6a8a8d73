// Running a turn's verb or command: the Turn is built once, and a refusal from the domain becomes a
// message in the user's language, never a stack trace.
import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../app/context';
import type { Messages } from '../../i18n';
import { conversationKind } from '../actor';
import type { BotEnv, Turn } from './turn';

export function turnOf(context: TurnContext, env: BotEnv, actor: Actor, m: Messages): Turn {
  return { context, actor, m, deps: env.deps, env, conversation: conversationKind(context.activity), activityId: context.activity.id };
}
