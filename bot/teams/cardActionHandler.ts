// Universal Actions (Action.Execute): parse by the verb's declaration, run its handler (whose use case's
// field rules refuse CPR numbers in every free-text field), answer the person who clicked with the
// updated card or a message in their language.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Actor } from '../app/context';
import type { Messages } from '../i18n';
import { parseCardAction, runCardAction } from './actions/registry';
import { turnOf } from './actions/run';
import type { BotEnv } from './actions/turn';
import { conversationKind } from './actor';
import { cardResponse, isDomainError, messageResponse, refusalText, writeCommandIn } from './replies';

export async function handleCardAction(context: TurnContext, env: BotEnv, actor: Actor, m: Messages): Promise<AdaptiveCardInvokeResponse> {
  const parsed = parseCardAction(context.activity.value);
  const conversation = conversationKind(context.activity);
  if (!parsed.ok) {
    env.log.info({ event: 'card.action', outcome: parsed.problem });
    const write = writeCommandIn(conversation);
    const text = { malformed: m.badCardData(write), unknownVerb: m.unknownAction(write), newerVersion: m.newerCard, retiredVersion: m.retiredCard(write) }[parsed.problem];
    return messageResponse(text);
  }
  const { verb } = parsed.action;
  try {
    const reply = await runCardAction(parsed.action, turnOf(context, env, actor, m));
    env.log.info({ event: 'card.action', verb, outcome: 'ok' });
    return 'card' in reply ? cardResponse(reply.card) : messageResponse(reply.message);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    env.log.info({ event: 'card.action', verb, outcome: error.code });
    return messageResponse(refusalText(m, error, conversation));
  }
}
