// The Bot Framework adapter. Without credentials it accepts unauthenticated requests: local and tests
// only (config.ts refuses that in production).
import { type Activity, ActivityTypes, CloudAdapter, INVOKE_RESPONSE_KEY, type InvokeResponse, type TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { BotCredentials } from '../config';
import type { Logger } from '../logger';
import { messagesFor } from '../i18n';
import { messageResponse } from './replies';
import { ReusedClientsAuthentication } from './reusedClients';

/** A checked token, with the turn it allows; or why not: 401 for a bad token, 503 when it could not be checked. */
export type Authentication =
  | { ok: true; run: (activity: object, logic: (context: TurnContext) => Promise<void>) => Promise<InvokeResponse | undefined> }
  | { ok: false; status: 401 | 503; errorName: string };

/**
 * botbuilder's process() parses the body before it checks the token, and answers a 500 with its own
 * error text; this adapter checks the token first and leaves the answer to the server.
 */
export class TeamsAdapter extends CloudAdapter {
  /** Only what the token's check reads is taken from the body: the channel id and service URL its claims must match, the recipient's role. */
  async authenticate(body: unknown, authorization: string): Promise<Authentication> {
    const fields: Record<string, unknown> = typeof body === 'object' && body !== null ? { ...body } : {};
    const recipient: Record<string, unknown> = typeof fields.recipient === 'object' && fields.recipient !== null ? { ...fields.recipient } : {};
    const claimed = { channelId: textOrUndefined(fields.channelId), serviceUrl: textOrUndefined(fields.serviceUrl), recipient: { role: textOrUndefined(recipient.role) } };
    try {
      const result = await this.botFrameworkAuthentication.authenticateRequest(claimed as Activity, authorization);
      return { ok: true, run: (activity, logic) => this.processActivity(result, validateAndFixActivity(activity as Activity), logic) };
    } catch (error) {
      // An AuthenticationError carries 401; anything else (the signing keys could not be fetched) is ours.
      const statusCode = (error as { statusCode?: unknown }).statusCode;
      return { ok: false, status: statusCode === 401 || statusCode === 403 ? 401 : 503, errorName: (error as Error).name };
    }
  }
}

const textOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function createAdapter(credentials: BotCredentials | undefined, log: Logger): TeamsAdapter {
  const adapter = new TeamsAdapter(
    new ReusedClientsAuthentication({
      MicrosoftAppId: credentials?.appId,
      MicrosoftAppPassword: credentials?.appPassword,
      MicrosoftAppTenantId: credentials?.tenantId,
      MicrosoftAppType: credentials?.appType,
    }),
  );
  adapter.onTurnError = async (context, error) => {
    // The error's message may quote data; log its kind and where it happened only: the stack's frames,
    // not its first lines, which repeat the message.
    const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 5).join('\n');
    log.error({ event: 'turn.error', errorName: error.name, activityType: context.activity.type, stack: frames });
    const text = messagesFor(context.activity.locale).unexpectedError;
    try {
      // A card action is answered with the message (botbuilder would answer an empty 501 otherwise);
      // other invokes the bot does not handle keep botbuilder's answer.
      if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action') {
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: messageResponse(text) } });
        return;
      }
      if (context.activity.type === 'message') await context.sendActivity(text);
    } catch (sendError) {
      // The connector refused the error message too (often the reason the turn failed): nothing more to
      // tell the user; answering 500 would only make the channel deliver the same activity again.
      log.error({ event: 'turn.error.notTold', errorName: (sendError as Error).name });
    }
  };
  return adapter;
}
