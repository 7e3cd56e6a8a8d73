// Routes activities: chat commands, card actions, and a welcome when the bot is added.
import { type InvokeResponse, type TurnContext, TeamsActivityHandler } from 'botbuilder';
import { messagesFor } from '../i18n';
import type { Actor } from '../app/context';
import { rememberPersonalChat } from '../app/readCase';
import { actorFrom, conversationKind } from './actor';
import type { BotEnv } from './actions/turn';
import { handleCardAction } from './cardActionHandler';
import { handleMessage } from './messageHandler';
import { helpText } from './actions/registry';
import { messageResponse } from './replies';

export class SamarbejdsBot extends TeamsActivityHandler {
  constructor(private readonly env: BotEnv) {
    super();
    this.onMessage(async (context, next) => {
      const m = messagesFor(context.activity.locale);
      const actor = actorFrom(context.activity);
      if (actor.ok) await this.rememberIfPersonal(context, actor.actor);
      if (actor.ok) await handleMessage(context, env, actor.actor, m);
      else await context.sendActivity(m[actor.problem]);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botWasAdded = context.activity.membersAdded?.some((member) => member.id === context.activity.recipient?.id);
      const actor = actorFrom(context.activity);
      // Installed for a person: their 1:1 chat is known from now on, before any message is sent to it.
      if (botWasAdded && actor.ok) await this.rememberIfPersonal(context, actor.actor);
      if (botWasAdded) await context.sendActivity(helpText(messagesFor(context.activity.locale)));
      await next();
    });
  }

  private async rememberIfPersonal(context: TurnContext, actor: Actor): Promise<void> {
    if (conversationKind(context.activity) !== 'personal') return;
    await rememberPersonalChat(this.env.deps.store, actor.tenantId, actor.aadObjectId, context.activity.conversation.id, context.activity.locale);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const m = messagesFor(context.activity.locale);
    const actor = actorFrom(context.activity);
    const body = actor.ok ? await handleCardAction(context, this.env, actor.actor, m) : messageResponse(m[actor.problem]);
    return { status: 200, body };
  }
}
