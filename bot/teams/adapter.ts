// The Bot Framework adapter. Without credentials it accepts unauthenticated requests: local and tests
// only (config.ts refuses that in production).
import { CloudAdapter } from 'botbuilder';
import type { BotCredentials } from '../config';
import type { Logger } from '../logger';
import { messagesFor } from '../i18n';
import { ReusedClientsAuthentication } from './reusedClients';

export function createAdapter(credentials: BotCredentials | undefined, log: Logger): CloudAdapter {
  const adapter = new CloudAdapter(
    new ReusedClientsAuthentication({
      MicrosoftAppId: credentials?.appId,
      MicrosoftAppPassword: credentials?.appPassword,
      MicrosoftAppTenantId: credentials?.tenantId,
      MicrosoftAppType: credentials?.appType,
    }),
  );
  adapter.onTurnError = async (context, error) => {
    // The error's message may quote data; log its kind and where it happened only.
    log.error({ event: 'turn.error', errorName: error.name, activityType: context.activity.type, stack: error.stack?.split('\n').slice(0, 6).join('\n') });
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity(messagesFor(context.activity.locale).unexpectedError);
    } catch (sendError) {
      // The connector refused the error message too (often the reason the turn failed): nothing more to
      // tell the user; answering 500 would only make the channel deliver the same activity again.
      log.error({ event: 'turn.error.notTold', errorName: (sendError as Error).name });
    }
  };
  return adapter;
}
