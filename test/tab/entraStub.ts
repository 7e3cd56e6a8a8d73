// Entra as the tab's tests need it: a signing key made in the test, its JWKS served on 127.0.0.1, and
// tokens shaped as Teams single sign-on hands them out (v2.0 or v1 issuer, tenant, object id, audience).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const APP_ID_URI = `api://tab.example.dk/${CLIENT_ID}`;
const KEY_ID = 'test-signing-key';
/** Teams desktop and mobile, the client that asks for the tab's token in most tests. */
const TEAMS_DESKTOP_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

export interface TokenClaims {
  tenantId: string;
  oid: string;
  name?: string;
  /** The app's Application ID URI by default. */
  audience?: string;
  /** The v2.0 issuer of the token's tenant by default. */
  issuer?: string;
  issuedAt: Date;
  expiresAt: Date;
  /** Signs with a key Entra never published, under the published key's id. */
  forged?: boolean;
  /** The delegated scopes (`scp`): the tab's own by default; null for none, as in an app-only token. */
  scope?: string | null;
  /** The app that asked for the token (`azp`): Teams desktop and mobile by default. */
  client?: string;
}

export interface EntraStub {
  jwksUrl: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  sign(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

const v2Issuer = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;
export const v1Issuer = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;

export async function startEntraStub(): Promise<EntraStub> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const forger = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(published.publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256' }] });
  let fetched = 0;
  const server: Server = createServer((req, res) => {
    fetched += 1;
    // Not chained: restify, loaded in the same process by the server tests, replaces writeHead with one that returns nothing.
    if (req.url !== '/keys') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    fetches: () => fetched,
    sign: (claims) => signToken(claims, claims.forged ? forger.privateKey : published.privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function signToken(claims: TokenClaims, key: CryptoKey): Promise<string> {
  const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
  return new SignJWT({ tid: claims.tenantId, oid: claims.oid, name: claims.name ?? 'Test Person', ver: '2.0', azp: claims.client ?? TEAMS_DESKTOP_CLIENT_ID, ...(claims.scope === null ? {} : { scp: claims.scope ?? 'access_as_user' }) })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .setIssuer(claims.issuer ?? v2Issuer(claims.tenantId))
    .setAudience(claims.audience ?? APP_ID_URI)
    .setIssuedAt(seconds(claims.issuedAt))
    .setNotBefore(seconds(claims.issuedAt))
    .setExpirationTime(seconds(claims.expiresAt))
    .sign(key);
}
