// The tab's Entra app registration (infra/aad.manifest.json, applied by the Agents Toolkit's aadApp/create
// and aadApp/update in m365agents.yml), checked offline field by field: no schema for the Entra manifest
// ships in node_modules, and nothing here talks to Entra. infra/README.md says what is not verified.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEAMS_CLIENT_IDS } from '../../bot/tab/tokenValidation';
import { documentedTeamsClientIds } from './teamsClients';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface EntraManifest {
  id: string;
  appId: string;
  name: string;
  signInAudience: string;
  accessTokenAcceptedVersion: number;
  identifierUris: string[];
  oauth2Permissions: { id: string; value: string; type: string; isEnabled: boolean; [text: string]: unknown }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  optionalClaims: { idToken: unknown[]; accessToken: { name: string }[]; saml2Token: unknown[] };
  oauth2AllowImplicitFlow: boolean;
  oauth2AllowIdTokenImplicitFlow: boolean;
  replyUrlsWithType: unknown[];
}

const manifestPath = 'infra/aad.manifest.json';
const aad = JSON.parse(read(manifestPath)) as EntraManifest;
const teamsManifest = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { id: string; resource: string } };

/** The provision stage's actions in order, each with its own text. */
function provisionActions(): { uses: string; text: string }[] {
  const yml = read('m365agents.yml');
  const start = yml.indexOf('\nprovision:');
  const end = yml.indexOf('\ndeploy:');
  return yml
    .slice(start, end)
    .split(/\n(?=[ \t]*- uses:)/)
    .slice(1)
    .map((text) => ({ uses: /- uses:\s*(\S+)/.exec(text)![1]!, text }));
}

function action(uses: string): { index: number; text: string } {
  const actions = provisionActions();
  const index = actions.findIndex((candidate) => candidate.uses === uses);
  expect(index, uses).toBeGreaterThanOrEqual(0);
  expect(actions.filter((candidate) => candidate.uses === uses), `one ${uses}`).toHaveLength(1);
  return { index, text: actions[index]!.text };
}

/** `key: value` under a block (`with:` or `writeToEnvironmentFile:`) of one action. */
function field(text: string, block: string, key: string): string | undefined {
  const body = new RegExp(`\\n(\\s*)${block}:\\n((?:\\1\\s+.*\\n?)*)`).exec(text)?.[2] ?? '';
  return new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`, 'm').exec(body)?.[1];
}

const accessAsUser = () => aad.oauth2Permissions.find((scope) => scope.value === 'access_as_user')!;

describe('infra/aad.manifest.json: the tab\'s Entra app registration', () => {
  it('has only the fields the toolkit applies, in its (Azure AD Graph) manifest format', () => {
    expect(Object.keys(aad).sort()).toEqual(
      [
        'id',
        'appId',
        'name',
        'signInAudience',
        'accessTokenAcceptedVersion',
        'identifierUris',
        'oauth2Permissions',
        'preAuthorizedApplications',
        'requiredResourceAccess',
        'optionalClaims',
        'oauth2AllowImplicitFlow',
        'oauth2AllowIdTokenImplicitFlow',
        'replyUrlsWithType',
      ].sort(),
    );
  });

  it('is single tenant, as aadApp/create makes it', () => {
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    expect(field(action('aadApp/create').text, 'with', 'signInAudience')).toBe(aad.signInAudience);
  });

  it('asks for v2 access tokens, whose issuer and audience (the client id) the bot accepts', () => {
    expect(aad.accessTokenAcceptedVersion).toBe(2);
    const validation = read('bot/tab/tokenValidation.ts');
    expect(validation).toContain('https://login.microsoftonline.com/${tenantId}/v2.0');
    expect(validation).toMatch(/audience:\s*\[[^\]]*settings\.clientId[^\]]*\]/);
  });

  it('exposes one enabled delegated scope, access_as_user, whose id aadApp/update generates', () => {
    expect(aad.oauth2Permissions).toHaveLength(1);
    const scope = accessAsUser();
    expect(scope).toMatchObject({ value: 'access_as_user', type: 'User', isEnabled: true });
    // aadApp/update generates a random id for exactly this variable when it is empty.
    expect(scope.id).toBe('${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}');
    for (const text of ['adminConsentDisplayName', 'adminConsentDescription', 'userConsentDisplayName', 'userConsentDescription']) {
      expect(typeof scope[text] === 'string' && (scope[text] as string).length > 0, text).toBe(true);
    }
  });

  it('pre-authorizes the Teams, Microsoft 365 and Outlook clients Microsoft documents, for that scope only', () => {
    const appIds = aad.preAuthorizedApplications.map((client) => client.appId);
    expect(new Set(appIds).size).toBe(appIds.length);
    expect([...appIds].sort()).toEqual(Object.keys(documentedTeamsClientIds).sort());
    expect(appIds).toContain('1fec8e78-bce4-4aaf-ab1b-5451cc387264'); // Teams desktop and mobile
    expect(appIds).toContain('5e3ce6c0-2b1f-4285-8d4b-75ee78787346'); // Teams web
    for (const client of aad.preAuthorizedApplications) expect(client.permissionIds, client.appId).toEqual([accessAsUser().id]);
  });

  it('the tab accepts tokens asked for by exactly the clients pre-authorized here', () => {
    expect([...TEAMS_CLIENT_IDS].sort()).toEqual(aad.preAuthorizedApplications.map((client) => client.appId).sort());
  });

  it('has the Application ID URI and client id the Teams manifest\'s webApplicationInfo names', () => {
    expect(aad.identifierUris).toEqual([teamsManifest.webApplicationInfo.resource]);
    expect(aad.identifierUris[0]).toBe('api://${{BOT_DOMAIN}}/${{TAB_CLIENT_ID}}');
    expect(aad.appId).toBe(teamsManifest.webApplicationInfo.id);
    expect(aad.appId).toBe('${{TAB_CLIENT_ID}}');
  });

  it('asks only for Microsoft Graph openid and profile, delegated: the tab reads no Graph data', () => {
    expect(aad.requiredResourceAccess).toEqual([
      {
        resourceAppId: 'Microsoft Graph',
        resourceAccess: [
          { id: 'openid', type: 'Scope' },
          { id: 'profile', type: 'Scope' },
        ],
      },
    ]);
  });

  it('adds the idtyp claim to access tokens, so a user token can be told from an app-only one', () => {
    expect(aad.optionalClaims.accessToken.map((claim) => claim.name)).toEqual(['idtyp']);
  });

  it('has no secret, no certificate, no redirect and no implicit flow: the bot only verifies tokens', () => {
    expect(read(manifestPath)).not.toMatch(/passwordCredentials|keyCredentials/);
    expect(aad.replyUrlsWithType).toEqual([]);
    expect(aad.oauth2AllowImplicitFlow).toBe(false);
    expect(aad.oauth2AllowIdTokenImplicitFlow).toBe(false);
    const create = action('aadApp/create').text;
    expect(field(create, 'with', 'generateClientSecret')).toBe('false');
    expect(field(create, 'writeToEnvironmentFile', 'clientSecret')).toBeUndefined();
  });
});

describe('m365agents.yml: the registration in provisioning', () => {
  it('creates it before the Azure resources, writing the client id to TAB_CLIENT_ID and the object id the manifest updates', () => {
    const create = action('aadApp/create');
    expect(create.index).toBeLessThan(action('arm/deploy').index);
    expect(field(create.text, 'writeToEnvironmentFile', 'clientId')).toBe('TAB_CLIENT_ID');
    expect(`\${{${field(create.text, 'writeToEnvironmentFile', 'objectId')}}}`).toBe(aad.id);
    // aadApp/update renames the registration after its manifest: the two names must agree.
    expect(field(create.text, 'with', 'name')).toBe(aad.name);
  });

  it('passes TAB_CLIENT_ID to the template, which gives it to the web app, and to the app package', () => {
    const parameters = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: string }> };
    expect(parameters.parameters.tabClientId?.value).toBe('${{TAB_CLIENT_ID}}');
    expect(read('infra/main.bicep')).toMatch(/^\s*TAB_CLIENT_ID: tabClientId$/m);
    expect(read('scripts/packageApp.cjs')).toMatch(/const REQUIRED = \[[^\]]*'TAB_CLIENT_ID'/);
  });

  it('applies infra/aad.manifest.json after the Azure resources (BOT_DOMAIN) and before the app package is built', () => {
    const update = action('aadApp/update');
    expect(update.index).toBeGreaterThan(action('arm/deploy').index);
    expect(update.index).toBeLessThan(action('teamsApp/validateManifest').index);
    expect(update.index).toBeLessThan(action('teamsApp/zipAppPackage').index);
    const path = field(update.text, 'with', 'manifestPath');
    expect(path).toBe(`./${manifestPath}`);
    expect(existsSync(join(root, path!))).toBe(true);
    expect(field(update.text, 'with', 'outputFilePath')).toMatch(/^\.\/appPackage\/build\/aad\.manifest\.\$\{\{TEAMSFX_ENV\}\}\.json$/);
  });

  it('defines in the environment file every value the registration uses or writes', () => {
    const envNames = new Set([...read('infra/env/.env.dev').matchAll(/^(\w+)=/gm)].map((match) => match[1]!));
    const used = [...read(manifestPath).matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1]!);
    const create = action('aadApp/create').text;
    const written = ['clientId', 'objectId', 'tenantId'].map((key) => field(create, 'writeToEnvironmentFile', key)!);
    expect([...used, ...written].filter((name) => !envNames.has(name))).toEqual([]);
  });
});
