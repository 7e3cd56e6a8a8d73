// Installs the app for a person before the bot's first 1:1 message to them (issue 15 §3), as the
// dispatcher's `prepare`: before the pacer's wait, not after it. Teams refuses to open a chat with
// someone who has not installed the app (403 ForbiddenOperationException, "Bot is not installed in
// user's personal scope"), so asking Teams first and installing on its refusal cost a third connector
// request the pacer never counted; and a Graph call after the pacer's grant would send the granted
// requests late, in a bunch with later ones. Installed first, a first message costs what the pacer
// counts for it: open the chat, post (outbox/pacing.ts, `connectorRequestsFor`). The installations are
// paced within Graph's own limit, so that a run of first messages does not meet Graph's 429s.
import type { Logger } from '../logger';
import type { SendResult } from '../outbox/dispatcher';
import { type RateLimit, SendPacer, realPacingClock } from '../outbox/pacing';
import type { CaseStore, OutboxMessage } from '../store/port';
import type { InstallApp } from './graph/appInstallation';
import { GraphFailed, GraphForbidden, GraphNotFound, GraphThrottled } from './graph/graphErrors';

/**
 * Graph's limit on installing apps: "POST/PUT channel, tab, installedApps, appCatalogs: 30 rps per app
 * per tenant" (learn.microsoft.com/graph/throttling-limits, Microsoft Teams service limits). Per
 * process: two instances may together go over it, and Graph's 429 is then waited out (graphClient.ts).
 */
const GRAPH_INSTALL_LIMITS: readonly RateLimit[] = [{ limit: 30, perMs: 1_000 }];

export interface InstallBeforeFirstMessageDeps {
  store: Pick<CaseStore, 'getUserState'>;
  installApp: InstallApp;
  log: Logger;
}

/**
 * For a 1:1 message to someone whose chat the bot does not know: installs the app for them (Graph
 * answers 409 when it is installed already, which counts as done) and goes on (undefined). Graph
 * refusing (no permission, the user gone) goes on too: Teams' answer to the chat decides, and a refusal
 * there leaves the person unreachable, as without Graph. Graph throttling or failing: tried again later.
 */
export function installBeforeFirstMessage({ store, installApp, log }: InstallBeforeFirstMessageDeps): (message: OutboxMessage) => Promise<SendResult | undefined> {
  // Per tenant (the pacer's tenant line); a person gets one installation at a time anyway.
  const pacer = new SendPacer({ clock: realPacingClock, conversationLimits: GRAPH_INSTALL_LIMITS, tenantLimits: GRAPH_INSTALL_LIMITS });
  return async (message) => {
    if (message.to.kind !== 'user') return undefined;
    if ((await store.getUserState(message.tenantId, message.to.aadObjectId))?.personalConversationId) return undefined;
    await pacer.acquire(message, { requests: 1 });
    try {
      await installApp(message.tenantId, message.to.aadObjectId);
      log.info({ event: 'outbox.appInstalled', caseId: message.caseId, messageId: message.id });
      return undefined;
    } catch (error) {
      if (error instanceof GraphForbidden || error instanceof GraphNotFound) {
        log.warn({ event: 'outbox.appNotInstalled', caseId: message.caseId, messageId: message.id, status: error.status, code: error.code });
        return undefined;
      }
      if (error instanceof GraphThrottled) return { status: 'retry', afterMs: error.retryAfterMs, error: error.status };
      if (error instanceof GraphFailed) return { status: 'retry', error: error.status };
      throw error;
    }
  };
}
