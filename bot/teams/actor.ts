// Who is acting, from the activity. No tenant or no Entra user means no access at all: tenant
// isolation starts here.
import type { Activity } from 'botbuilder';
import type { Actor } from '../app/context';

export type ActorResult = { ok: true; actor: Actor } | { ok: false; problem: 'noTenant' | 'noUser' };

export function actorFrom(activity: Activity): ActorResult {
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (!tenantId) return { ok: false, problem: 'noTenant' };
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId) return { ok: false, problem: 'noUser' };
  return { ok: true, actor: { tenantId, aadObjectId, name: activity.from.name ?? '', teamsUserId: activity.from.id, serviceUrl: activity.serviceUrl, locale: activity.locale } };
}

export type ConversationKind = 'channel' | 'groupChat' | 'personal';

export function conversationKind(activity: Activity): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export function channelIdOf(activity: Activity): string | undefined {
  return (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
}
