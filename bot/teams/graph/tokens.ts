// App-only tokens for Graph with the bot's own identity (bot/config.ts): its user-assigned managed
// identity in Azure, else its client secret; per tenant for a multi-tenant bot. @azure/identity caches
// each token until shortly before it expires.
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { BotCredentials } from '../../config';
import type { GraphTokens } from './graphClient';
import { GraphForbidden } from './graphErrors';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The credential that gets the bot's tokens in `tenant`: Entra itself, which tests cannot reach, so they pass their own. */
export type CredentialFor = (credentials: BotCredentials, tenant: string) => TokenCredential;

export const entraCredentialFor: CredentialFor = ({ appId, appPassword, appType }, tenant) =>
  appType === 'UserAssignedMSI' ? new ManagedIdentityCredential({ clientId: appId }) : new ClientSecretCredential(tenant, appId, appPassword ?? '');

/** Without credentials (a local Graph stub on loopback: config.ts allows no other) a fixed token. */
export function graphTokens(credentials: BotCredentials | undefined, credentialFor: CredentialFor = entraCredentialFor): GraphTokens {
  if (!credentials) return async () => 'local-graph-stub';
  const byTenant = new Map<string, TokenCredential>();
  return async (tenant) => {
    // A single-tenant bot (or managed identity) acts in its own tenant only.
    if (credentials.appType !== 'MultiTenant' && credentials.tenantId && tenant.toLowerCase() !== credentials.tenantId.toLowerCase()) throw new GraphForbidden('OtherTenant');
    let credential = byTenant.get(tenant);
    if (!credential) byTenant.set(tenant, (credential = credentialFor(credentials, tenant)));
    const token = await credential.getToken(GRAPH_SCOPE);
    if (!token) throw new GraphForbidden('NoToken');
    return token.token;
  };
}
