// The Bot Framework adapter. Without credentials it accepts unauthenticated requests: local and tests
// only (config.ts refuses that in production).
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY } from 'botbuilder';
import type { BotCredentials } from '../config';
import type { Logger } from '../logger';
import { messagesFor } from '../i18n';
import { messageResponse } from './replies';

export function createAdapter(credentials: BotCredentials | undefined, log: Logger): CloudAdapter {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: credentials?.appId,
      MicrosoftAppPassword: credentials?.appPassword,
      MicrosoftAppTenantId: credentials?.tenantId,
      MicrosoftAppType: credentials?.appType,
    }),
  );
  adapter.onTurnError = async (context, error) => {
    // The error's message may quote data; log its kind and where it happened only.
    log.error({ event: 'turn.error', errorName: error.name, activityType: context.activity.type, stack: error.stack?.split('\n').slice(0, 6).join('\n') });
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
