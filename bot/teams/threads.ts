// A channel case gets its own thread: the bot starts it with a post that carries no personal data.
import { type Attachment, type ConversationParameters, CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render';

/** The audience of the Bot Framework channel service (AuthenticationConstants.ToChannelFromBotOAuthScope). */
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/**
 * The id of a thread's first post: Teams names a channel thread `<channel id>;messageid=<its first
 * post's id>`. (Teams also returns that id as `activityId` from createConversation, but botbuilder's
 * createConversationAsync does not hand it on.)
 */
export function firstPostIdOf(threadId: string): string | undefined {
  return /;messageid=([^;]+)$/.exec(threadId)?.[1];
}

/**
 * A link that opens the thread in Teams (a deep link to its first post). `groupId` is the team's
 * Microsoft 365 group (`channelData.team.aadGroupId` of a channel activity); without it, as in the
 * Agents Playground, the link is left without it and Teams finds the channel by its id alone.
 */
export function threadLink(thread: { channelId: string; firstPostId: string; tenantId: string; groupId?: string }): string {
  const query = new URLSearchParams({ tenantId: thread.tenantId, ...(thread.groupId ? { groupId: thread.groupId } : {}), parentMessageId: thread.firstPostId });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(thread.channelId)}/${encodeURIComponent(thread.firstPostId)}?${query.toString()}`;
}

/** The team's Microsoft 365 group id, which a channel activity carries. */
export function groupIdOf(context: TurnContext): string | undefined {
  return (context.activity.channelData as { team?: { aadGroupId?: string } } | undefined)?.team?.aadGroupId;
}

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
