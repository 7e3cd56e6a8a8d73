import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createTokenValidator, type TokenValidator } from '../../bot/tab/tokenValidation';
import { APP_ID_URI, CLIENT_ID, type EntraStub, startEntraStub, v1Issuer, type TokenClaims } from './entraStub';

const NOW = new Date('2026-11-23T09:00:00Z');
const TENANT = '9a8b7c6d-0000-4000-8000-000000000001';
const OTHER_TENANT = '9a8b7c6d-0000-4000-8000-000000000002';
const OID = 'aad-mette';
const HOUR = 3_600_000;

let entra: EntraStub;
let validate: TokenValidator;

const claims = (overrides: Partial<TokenClaims> = {}): TokenClaims => ({
  tenantId: TENANT,
  oid: OID,
  name: 'Mette Madsen',
  issuedAt: new Date(NOW.getTime() - 60_000),
  expiresAt: new Date(NOW.getTime() + HOUR),
  ...overrides,
});

beforeAll(async () => {
  entra = await startEntraStub();
  validate = createTokenValidator({ clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwksUrl: entra.jwksUrl, allowedTenantIds: [TENANT] }, () => NOW);
});
afterAll(() => entra.close());

describe('the tab single sign-on token', () => {
  it('gives the same actor the bot uses for a valid token: tenant and Entra object id', async () => {
    expect(await validate(await entra.sign(claims()))).toEqual({ ok: true, actor: { tenantId: TENANT, aadObjectId: OID, name: 'Mette Madsen' } });
  });

  it('accepts the v1 issuer and the client id as audience, as Entra issues them too', async () => {
    const result = await validate(await entra.sign(claims({ issuer: v1Issuer(TENANT), audience: CLIENT_ID })));
    expect(result).toMatchObject({ ok: true, actor: { tenantId: TENANT, aadObjectId: OID } });
  });

  it('refuses a token signed with a key Entra did not publish', async () => {
    expect(await validate(await entra.sign(claims({ forged: true })))).toEqual({ ok: false, refusal: 'invalidToken' });
  });

  it('refuses an expired token, and one not valid yet', async () => {
    const expired = claims({ issuedAt: new Date(NOW.getTime() - 3 * HOUR), expiresAt: new Date(NOW.getTime() - 2 * HOUR) });
    expect(await validate(await entra.sign(expired))).toEqual({ ok: false, refusal: 'expiredToken' });
    const future = claims({ issuedAt: new Date(NOW.getTime() + HOUR), expiresAt: new Date(NOW.getTime() + 2 * HOUR) });
    expect(await validate(await entra.sign(future))).toEqual({ ok: false, refusal: 'invalidToken' });
  });

  it('refuses a token from a tenant the bot does not serve', async () => {
    expect(await validate(await entra.sign(claims({ tenantId: OTHER_TENANT })))).toEqual({ ok: false, refusal: 'tenantNotAllowed' });
  });

  it('serves any tenant when the bot is multi-tenant', async () => {
    const anyTenant = createTokenValidator({ clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwksUrl: entra.jwksUrl }, () => NOW);
    expect(await anyTenant(await entra.sign(claims({ tenantId: OTHER_TENANT })))).toMatchObject({ ok: true, actor: { tenantId: OTHER_TENANT } });
  });

  it('refuses a token whose issuer is not its own tenant in Entra', async () => {
    for (const issuer of [v1Issuer(OTHER_TENANT), `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, 'https://evil.example/v2.0']) {
      expect(await validate(await entra.sign(claims({ issuer })))).toEqual({ ok: false, refusal: 'invalidToken' });
    }
  });

  it('refuses a token for another app', async () => {
    for (const audience of ['api://tab.example.dk/someone-else', '00000003-0000-0000-c000-000000000000', `api://evil.example/${CLIENT_ID}`]) {
      expect(await validate(await entra.sign(claims({ audience })))).toEqual({ ok: false, refusal: 'invalidToken' });
    }
  });

  it('refuses no token, a token that is not one, an unsigned one and one signed with a shared secret', async () => {
    expect(await validate(undefined)).toEqual({ ok: false, refusal: 'missingToken' });
    expect(await validate('not-a-token')).toEqual({ ok: false, refusal: 'invalidToken' });
    const payload = { tid: TENANT, oid: OID };
    const unsecured = new UnsecuredJWT(payload).setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`).setAudience(APP_ID_URI).setExpirationTime('1h').encode();
    expect(await validate(unsecured)).toEqual({ ok: false, refusal: 'invalidToken' });
    const hs256 = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(APP_ID_URI)
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 3600)
      .sign(new TextEncoder().encode('a shared secret that anyone could know'));
    expect(await validate(hs256)).toEqual({ ok: false, refusal: 'invalidToken' });
  });

  it('refuses a token without an object id or tenant', async () => {
    expect(await validate(await entra.sign(claims({ oid: '' })))).toEqual({ ok: false, refusal: 'invalidToken' });
  });

  it("refuses a token without the tab's delegated scope: an app-only token, or one for another scope", async () => {
    expect(await validate(await entra.sign(claims({ scope: null })))).toEqual({ ok: false, refusal: 'invalidToken' });
    expect(await validate(await entra.sign(claims({ scope: 'User.Read' })))).toEqual({ ok: false, refusal: 'invalidToken' });
    expect(await validate(await entra.sign(claims({ scope: 'openid access_as_user' })))).toMatchObject({ ok: true });
  });

  it('refuses a token another app obtained for the API: only the Teams and Microsoft 365 clients sign a person in', async () => {
    expect(await validate(await entra.sign(claims({ client: '99999999-0000-4000-8000-000000000009' })))).toEqual({ ok: false, refusal: 'invalidToken' });
    expect(await validate(await entra.sign(claims({ client: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' })))).toMatchObject({ ok: true });
  });

  it('says the keys are unavailable (not that the token is bad) when Entra cannot be reached', async () => {
    const offline = createTokenValidator({ clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwksUrl: 'http://127.0.0.1:1/keys' }, () => NOW);
    expect(await offline(await entra.sign(claims()))).toEqual({ ok: false, refusal: 'keysUnavailable' });
    const missing = createTokenValidator({ clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwksUrl: `${entra.jwksUrl}-gone` }, () => NOW);
    expect(await missing(await entra.sign(claims()))).toEqual({ ok: false, refusal: 'keysUnavailable' });
  });
});
