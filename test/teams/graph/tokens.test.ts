import { ClientSecretCredential, ManagedIdentityCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import type { BotCredentials } from '../../../bot/config';
import { GraphForbidden } from '../../../bot/teams/graph/graphErrors';
import { type CredentialFor, entraCredentialFor, graphTokens } from '../../../bot/teams/graph/tokens';

const OWN = '0a1b2c3d-0000-4000-8000-00000000000a';
const OTHER = '0a1b2c3d-0000-4000-8000-00000000000b';

/** Entra's part, which cannot run here: a credential that counts its tokens and names its tenant in them. */
function fakeEntra(answer: (tenant: string) => AccessToken | null = (tenant) => ({ token: `token-for-${tenant}`, expiresOnTimestamp: Date.now() + 3_600_000 })) {
  const made: string[] = [];
  const scopes: string[] = [];
  const credentialFor: CredentialFor = (_credentials, tenant) => {
    made.push(tenant);
    const credential: TokenCredential = {
      getToken: async (scope) => {
        scopes.push(String(scope));
        return answer(tenant);
      },
    };
    return credential;
  };
  return { credentialFor, made, scopes };
}

describe("Graph's app-only tokens", () => {
  it('are a fixed one without credentials (the local Graph stub)', async () => {
    expect(await graphTokens(undefined)(OWN)).toBe('local-graph-stub');
  });

  it("asks Entra for Graph's default scope in the tenant and keeps one credential per tenant", async () => {
    const entra = fakeEntra();
    const tokens = graphTokens({ appId: 'bot', appPassword: 'secret', appType: 'MultiTenant' }, entra.credentialFor);
    expect(await tokens(OWN)).toBe(`token-for-${OWN}`);
    expect(await tokens(OTHER)).toBe(`token-for-${OTHER}`);
    expect(await tokens(OWN)).toBe(`token-for-${OWN}`);
    expect(entra.made).toEqual([OWN, OTHER]);
    expect(entra.scopes).toEqual(Array(3).fill('https://graph.microsoft.com/.default'));
  });

  it.each<BotCredentials['appType']>(['SingleTenant', 'UserAssignedMSI'])('refuses another tenant than its own for a %s bot, without asking Entra', async (appType) => {
    const entra = fakeEntra();
    const tokens = graphTokens({ appId: 'bot', appPassword: 'secret', tenantId: OWN, appType }, entra.credentialFor);
    await expect(tokens(OTHER)).rejects.toBeInstanceOf(GraphForbidden);
    expect(entra.made).toEqual([]);
    expect(await tokens(OWN.toUpperCase())).toBe(`token-for-${OWN.toUpperCase()}`);
  });

  it('is a refusal when Entra gives no token', async () => {
    const tokens = graphTokens({ appId: 'bot', appPassword: 'secret', tenantId: OWN, appType: 'SingleTenant' }, fakeEntra(() => null).credentialFor);
    await expect(tokens(OWN)).rejects.toMatchObject({ name: 'GraphForbidden', code: 'NoToken' });
  });

  it("uses the managed identity's client id in Azure, else the app's secret in the tenant", () => {
    expect(entraCredentialFor({ appId: 'identity-client-id', tenantId: OWN, appType: 'UserAssignedMSI' }, OWN)).toBeInstanceOf(ManagedIdentityCredential);
    expect(entraCredentialFor({ appId: 'bot', appPassword: 'secret', tenantId: OWN, appType: 'SingleTenant' }, OWN)).toBeInstanceOf(ClientSecretCredential);
  });
});
