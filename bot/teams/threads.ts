// A channel case gets its own thread: the bot starts it with a post that carries no personal data.
import { type Attachment, type ConversationParameters, CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render';

/** The audience of the Bot Framework channel service (AuthenticationConstants.ToChannelFromBotOAuthScope). */
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** The turn's own adapter starts the thread (the bot's is a CloudAdapter). */
export async function startChannelThread(
  context: TurnContext,
  botAppId: string,
  channelId: string,
  card: AdaptiveCardJson,
): Promise<string> {
  const { activity } = context;
  const attachment: Attachment = CardFactory.adaptiveCard(card);
  const parameters = {
    isGroup: true,
    channelData: { channel: { id: channelId }, tenant: { id: activity.conversation.tenantId } },
    activity: { type: 'message', attachments: [attachment] },
    tenantId: activity.conversation.tenantId,
  } as ConversationParameters;
  let threadId: string | undefined;
  const adapter = context.adapter as CloudAdapter;
  await adapter.createConversationAsync(botAppId, activity.channelId, activity.serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, async (threadContext) => {
    threadId = threadContext.activity.conversation.id;
  });
  if (!threadId) throw new Error('Teams did not return the new thread');
  return threadId;
}
