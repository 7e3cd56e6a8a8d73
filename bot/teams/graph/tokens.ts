// App-only tokens for Graph with the bot's own identity (bot/config.ts): its user-assigned managed
// identity in Azure, else its client secret; per tenant for a multi-tenant bot. @azure/identity caches
// each token until shortly before it expires.
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { BotCredentials } from '../../config';
import type { GraphTokens } from './graphClient';
import { GraphForbidden } from './graphErrors';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Without credentials (a local Graph stub on loopback: config.ts allows no other) a fixed token. */
export function graphTokens(credentials: BotCredentials | undefined): GraphTokens {
  if (!credentials) return async () => 'local-graph-stub';
  const { appId, appPassword, tenantId, appType } = credentials;
  const byTenant = new Map<string, TokenCredential>();
  const credentialFor = (tenant: string): TokenCredential => {
    if (appType === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: appId });
    return new ClientSecretCredential(tenant, appId, appPassword ?? '');
  };
  return async (tenant) => {
    // A single-tenant bot (or managed identity) acts in its own tenant only.
    if (appType !== 'MultiTenant' && tenantId && tenant !== tenantId) throw new GraphForbidden('OtherTenant');
    let credential = byTenant.get(tenant);
    if (!credential) byTenant.set(tenant, (credential = credentialFor(tenant)));
    const token = await credential.getToken(GRAPH_SCOPE);
    if (!token) throw new GraphForbidden('NoToken');
    return token.token;
  };
}
