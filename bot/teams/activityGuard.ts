// Every incoming activity is checked before botbuilder sees it: what the adapter would crash on
// (no type: HTTP 500) or a use case could be fooled by gets a 400 and is never processed.
import { z } from 'zod';

/** Teams messages are at most about 28 KB of text; more is not a message from Teams. */
export const MAX_ACTIVITY_TEXT = 100_000;

const account = z.object({ id: z.string().min(1).max(1000) }).passthrough();

const activity = z
  .object({
    type: z.string().min(1).max(100),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    from: account,
    recipient: account.optional(),
    conversation: z.object({ id: z.string().min(1).max(2000) }).passthrough(),
    text: z.string().max(MAX_ACTIVITY_TEXT).optional(),
    locale: z.string().max(50).optional(),
  })
  .passthrough();

export type GuardResult = { ok: true } | { ok: false; problems: string[] };

export function guardActivity(body: unknown): GuardResult {
  const parsed = activity.safeParse(body);
  if (parsed.success) return { ok: true };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`) };
}
