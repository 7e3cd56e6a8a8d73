// The tab's identity: a Teams single sign-on token (authentication.getAuthToken) checked against Entra's
// signing keys, its issuer, audience, tenant and lifetime, and turned into the same actor the bot uses.
// Nothing in a token that fails any check is read further.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Actor } from '../app/context';
import type { TabSettings } from '../config';

/** Why a token gives nothing: the answer the tab gets (tabRoutes.ts), never the token's content. */
export type TokenRefusal = 'missingToken' | 'invalidToken' | 'expiredToken' | 'tenantNotAllowed' | 'keysUnavailable';

type TokenResult = { ok: true; actor: Actor } | { ok: false; refusal: TokenRefusal };

export type TokenValidator = (token: string | undefined) => Promise<TokenResult>;

/** Entra signs access tokens with RS256 only. */
const ALGORITHMS = ['RS256'];
/** Clocks of Entra and this host may differ a little. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The scope the tab's app registration exposes (infra/aad.manifest.json). A token without it in `scp` is
 * no person's Teams sign-on: an app-only token any app of the tenant can get for this API has none.
 */
const TAB_SCOPE = 'access_as_user';

/**
 * The Microsoft 365 clients that get the tab's token for Teams (pre-authorized in infra/aad.manifest.json).
 * A token another app obtained for this API (`azp` in v2 tokens, `appid` in v1) is not a Teams sign-on:
 * a consent-phishing app a caseworker let in must read nothing.
 */
export const TEAMS_CLIENT_IDS: ReadonlySet<string> = new Set([
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
]);

/** The two issuer forms Entra uses, v2.0 and v1, for the token's own tenant. */
const issuersFor = (tenantId: string) => [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

export function createTokenValidator(settings: TabSettings, now: () => Date): TokenValidator {
  // Keys are fetched on first use and cached; an unknown key id refetches them (Entra rotates keys).
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    if (!token) return { ok: false, refusal: 'missingToken' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ALGORITHMS,
        audience: [settings.applicationIdUri, settings.clientId],
        currentDate: now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      }));
    } catch (error) {
      return { ok: false, refusal: refusalOf(error) };
    }
    const tenantId = stringClaim(payload, 'tid');
    const aadObjectId = stringClaim(payload, 'oid');
    if (!tenantId || !aadObjectId || !issuersFor(tenantId).includes(payload.iss ?? '')) return { ok: false, refusal: 'invalidToken' };
    if (!(stringClaim(payload, 'scp') ?? '').split(' ').includes(TAB_SCOPE)) return { ok: false, refusal: 'invalidToken' };
    if (!TEAMS_CLIENT_IDS.has(stringClaim(payload, 'azp') ?? stringClaim(payload, 'appid') ?? '')) return { ok: false, refusal: 'invalidToken' };
    if (settings.allowedTenantIds && !settings.allowedTenantIds.includes(tenantId)) return { ok: false, refusal: 'tenantNotAllowed' };
    return { ok: true, actor: { tenantId, aadObjectId, name: stringClaim(payload, 'name') ?? '' } };
  };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Keys that cannot be fetched are our problem (try later), not the caller's; everything else is a bad
 * token. jose says a key set could not be fetched or read with a plain JOSEError (or the network's own
 * error), a bad token with one of its subclasses.
 */
function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expiredToken';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keysUnavailable';
  if (error instanceof errors.JOSEError && error.code !== errors.JOSEError.code) return 'invalidToken';
  return 'keysUnavailable';
}
