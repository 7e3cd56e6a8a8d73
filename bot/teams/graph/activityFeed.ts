// A Teams activity feed notification (Graph sendActivityNotification, application permission
// TeamsActivity.Send) for a reminder or a hand-over the bot posted in a person's 1:1 chat: the feed
// reaches their phone, and the notification opens the message. Teams takes one only from the app whose
// Entra id is the manifest's webApplicationInfo.id, so the bot and its tab share one app registration for
// it (config.ts, README "Microsoft Graph"). The activity types are the manifest's `activities`.
import type { PostedMessage } from '../outboxDelivery';
import { type GraphClient, graphPath } from './graphClient';

/** appPackage/manifest.json `activities.activityTypes[].type`. */
export type ActivityType = 'reminder' | 'handOver';

interface ActivityNotice {
  tenantId: string;
  aadObjectId: string;
  posted: PostedMessage;
  type: ActivityType;
  /** The case's reference, the manifest's `{reference}` in its template text. */
  reference: string;
  /** The line under the title, in the person's language: no personal data beyond the reference. */
  preview: string;
}

export type NotifyActivity = (notice: ActivityNotice) => Promise<void>;

/** Teams' deep link to a message in a chat. */
export const chatMessageLink = ({ chatId, messageId }: PostedMessage): string =>
  `https://teams.microsoft.com/l/message/${encodeURIComponent(chatId)}/${encodeURIComponent(messageId)}?context=${encodeURIComponent('{"contextType":"chat"}')}`;

export function graphActivityFeed(graph: GraphClient): NotifyActivity {
  return async ({ tenantId, aadObjectId, posted, type, reference, preview }) => {
    await graph.request(tenantId, {
      method: 'POST',
      path: graphPath`/users/${aadObjectId}/teamwork/sendActivityNotification`,
      body: {
        topic: { source: 'text', value: 'Samarbejdsbot', webUrl: chatMessageLink(posted) },
        activityType: type,
        previewText: { content: preview },
        templateParameters: [{ name: 'reference', value: reference }],
      },
    });
  };
}
