// Every incoming activity is checked before botbuilder sees it: what the adapter would crash on
// (no type: HTTP 500), what it would fail to serialize back in a reply (a conversation type that is not
// text: HTTP 500 after the turn ran), and what a use case could be fooled by (a user id that is not
// text) gets a 400 and is never processed. Only the fields botbuilder and this bot read are checked;
// others pass through untouched. An activity that names two tenants (conversation.tenantId and
// channelData.tenant.id differ) is refused with 403: which one it acts in would be a guess.
import { z } from 'zod';

/** Teams messages are at most about 28 KB of text; more is not a message from Teams. */
const MAX_ACTIVITY_TEXT = 100_000;

const shortText = z.string().max(1000);

/**
 * An id botbuilder puts in a connector URL path (`/v3/conversations/{conversation.id}/activities/{id}`):
 * it escapes it, but `.` and `..` stay as they are and the URL resolves them, so the reply would go to
 * another path (found by the fuzz test: the reply failed, and so did the error message, so HTTP 500).
 */
const pathId = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => value !== '.' && value !== '..', 'must not be . or ..');

/** The Bot Framework schema's ChannelAccount, as botbuilder serializes it back in a reply. */
const account = z
  .object({
    id: z.string().min(1).max(1000),
    name: shortText.optional(),
    aadObjectId: z.string().max(200).optional(),
    role: z.string().max(100).optional(),
  })
  .passthrough();

/** ConversationAccount: the same, and what tells a channel from a group chat and the tenant. */
const conversation = z
  .object({
    id: pathId(2000),
    name: shortText.optional(),
    isGroup: z.boolean().optional(),
    conversationType: z.string().max(100).optional(),
    tenantId: z.string().max(200).optional(),
    aadObjectId: z.string().max(200).optional(),
    role: z.string().max(100).optional(),
  })
  .passthrough();

/** channelData: an object when present; the tenant and channel ids in it are read (actor.ts). */
const channelData = z
  .object({
    tenant: z.object({ id: z.string().max(200).optional() }).passthrough().optional(),
    channel: z.object({ id: z.string().max(2000).optional() }).passthrough().optional(),
    team: z.object({ id: z.string().max(2000).optional() }).passthrough().optional(),
  })
  .passthrough();

const activity = z
  .object({
    type: z.string().min(1).max(100),
    id: pathId(1000).optional(),
    name: z.string().max(200).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    from: account,
    recipient: account.optional(),
    conversation,
    channelData: channelData.optional(),
    text: z.string().max(MAX_ACTIVITY_TEXT).optional(),
    textFormat: z.string().max(100).optional(),
    locale: z.string().max(50).optional(),
    replyToId: pathId(1000).optional(),
    deliveryMode: z.string().max(100).optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    entities: z.array(z.object({}).passthrough()).max(100).optional(),
    attachments: z.array(z.object({}).passthrough()).max(100).optional(),
  })
  .passthrough();

export type GuardResult = { ok: true } | { ok: false; error: 'invalidActivity' | 'tenantMismatch'; problems: string[] };

export function guardActivity(body: unknown): GuardResult {
  const parsed = activity.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: 'invalidActivity', problems: parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`) };
  }
  const tenants = [parsed.data.conversation.tenantId, parsed.data.channelData?.tenant?.id].filter((id) => id !== undefined);
  if (new Set(tenants).size > 1) return { ok: false, error: 'tenantMismatch', problems: ['conversation.tenantId: differs from channelData.tenant.id'] };
  return { ok: true };
}
