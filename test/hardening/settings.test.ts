// Production settings: complete Bot Framework credentials for the app type, or no start at all.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT_ID = '99999999-8888-4777-8666-555555555555';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('Bot Framework credentials', () => {
  it('accepts no credentials outside production (local use and tests)', () => {
    expect(loadConfig({}).credentials).toBeUndefined();
  });

  it('refuses production without any credentials, naming each missing setting', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    expect(message).toMatch(/MicrosoftAppId is not set/);
    expect(message).toMatch(/MicrosoftAppTenantId is not set/);
    expect(message).toMatch(/MicrosoftAppPassword is not set/);
  });

  it('treats an app id as production: SingleTenant needs the tenant and the password', () => {
    const message = problemsOf({ MicrosoftAppId: APP_ID });
    expect(message).toMatch(/MicrosoftAppTenantId is not set.*SingleTenant/);
    expect(message).toMatch(/MicrosoftAppPassword is not set/);
    expect(message).not.toMatch(/MicrosoftAppId is not set/);
  });

  it('accepts complete SingleTenant credentials', () => {
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'secret' }).credentials).toEqual({
      appId: APP_ID,
      tenantId: TENANT_ID,
      appPassword: 'secret',
      appType: 'SingleTenant',
    });
  });

  it('accepts a user-assigned managed identity with its client id and tenant, and no password', () => {
    const config = loadConfig({ NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID });
    expect(config.credentials).toEqual({ appId: APP_ID, tenantId: TENANT_ID, appPassword: undefined, appType: 'UserAssignedMSI' });
  });

  it('refuses a managed identity without its tenant, or with a password', () => {
    expect(problemsOf({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID })).toMatch(/MicrosoftAppTenantId is not set.*UserAssignedMSI/);
    expect(problemsOf({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'x' })).toMatch(
      /managed identity has no password/,
    );
    expect(problemsOf({ NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID })).toMatch(/MicrosoftAppId is not set.*managed identity/);
  });

  it('MultiTenant needs the app id and the password, no tenant', () => {
    expect(problemsOf({ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP_ID })).toMatch(/MicrosoftAppPassword is not set/);
    expect(loadConfig({ MicrosoftAppType: 'multitenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }).credentials?.appType).toBe('MultiTenant');
  });

  it('names an unknown app type', () => {
    expect(problemsOf({ MicrosoftAppType: 'Anonymous', MicrosoftAppId: APP_ID })).toMatch(/MicrosoftAppType: must be one of MultiTenant, SingleTenant, UserAssignedMSI/);
  });

  it('treats an empty setting as unset, as Bot Framework and Agents Toolkit .env files write them', () => {
    expect(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '' })).toEqual(loadConfig({}));
    // Every setting: empty is the same as absent (the defaults apply, nothing is refused).
    const names = [
      'PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL', 'NODE_ENV', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType',
      'COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE', 'OUTBOX_INTERVAL_MS', 'CLOCK_FILE', 'REMINDER_SEND_AT', 'REMINDER_WORKING_DAYS_BEFORE',
      'REMINDER_NEXT_MEETING_LEAD_DAYS', 'REMINDER_NO_MEETING_AFTER_MONTHS', 'REMINDER_TRANSITION_LEAD_MONTHS', 'RETENTION_DAYS',
      'RETENTION_INTERVAL_MS', 'EXPORT_BASE_URL', 'WEBSITE_HOSTNAME', 'RADAR_INTERVAL_MS', 'TEAMS_SERVICE_URL',
    ];
    expect(loadConfig(Object.fromEntries(names.map((name) => [name, ''])))).toEqual(loadConfig({}));
    expect(loadConfig(Object.fromEntries(names.map((name) => [name, ' '])))).toEqual(loadConfig({}));
  });

  it.each(['production', 'Production', 'PRODUCTION', ' production '])('treats NODE_ENV=%s as production', (value) => {
    expect(problemsOf({ NODE_ENV: value })).toMatch(/MicrosoftAppId is not set/);
    const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'secret' };
    expect(problemsOf({ NODE_ENV: value, ...credentials, CLOCK_FILE: '/tmp/clock' })).toMatch(/CLOCK_FILE .* refused in production/);
  });

  it('treats a blank setting as missing', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: '  ', MicrosoftAppPassword: 'secret' })).toMatch(/MicrosoftAppTenantId/);
  });
});

describe('Cosmos DB settings', () => {
  it('uses managed identity (Entra ID) when no key is set', () => {
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/' }).store).toEqual({
      kind: 'cosmos',
      endpoint: 'https://example.documents.azure.com:443/',
      databaseId: 'samarbejdsbot',
      key: undefined,
    });
  });

  it('refuses a key without an endpoint, and an endpoint that is not a URL', () => {
    expect(problemsOf({ COSMOS_KEY: 'k' })).toMatch(/COSMOS_KEY is set without COSMOS_ENDPOINT/);
    expect(problemsOf({ COSMOS_ENDPOINT: 'example.documents.azure.com' })).toMatch(/COSMOS_ENDPOINT/);
  });

  it('never quotes a secret in its message', () => {
    expect(problemsOf({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'hunter2-secret' })).not.toContain('hunter2-secret');
    expect(problemsOf({ COSMOS_KEY: 'cosmos-key-secret' })).not.toContain('cosmos-key-secret');
  });
});

describe('the tab single sign-on settings', () => {
  const MSI = { NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID };
  const TAB_CLIENT_ID = '22222222-3333-4444-8555-666666666666';

  it('leaves the tab unset without a client id, and for a managed identity (which cannot be signed in to)', () => {
    expect(loadConfig({}).tab).toBeUndefined();
    expect(loadConfig(MSI).tab).toBeUndefined();
  });

  it("trusts the tab's app registration on the public host, from the bot's own tenant only", () => {
    expect(loadConfig({ ...MSI, TAB_CLIENT_ID, WEBSITE_HOSTNAME: 'sbot-app.azurewebsites.net' }).tab).toEqual({
      clientId: TAB_CLIENT_ID,
      applicationIdUri: `api://sbot-app.azurewebsites.net/${TAB_CLIENT_ID}`,
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      allowedTenantIds: [TENANT_ID],
    });
  });

  it("uses a single-tenant bot's app registration, and any tenant for a multi-tenant one", () => {
    const single = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'secret', EXPORT_BASE_URL: 'https://bot.kommune.dk' }).tab;
    expect(single).toMatchObject({ clientId: APP_ID, applicationIdUri: `api://bot.kommune.dk/${APP_ID}`, allowedTenantIds: [TENANT_ID] });
    const multi = loadConfig({ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }).tab;
    expect(multi?.clientId).toBe(APP_ID);
    expect(multi).not.toHaveProperty('allowedTenantIds');
  });

  it('takes an Application ID URI and a key set URL as given, and refuses a key set URL that is not one', () => {
    const tab = loadConfig({ TAB_CLIENT_ID, TAB_APP_ID_URI: `api://tab.kommune.dk/${TAB_CLIENT_ID}`, TAB_JWKS_URL: 'http://127.0.0.1:9999/keys' }).tab;
    expect(tab).toMatchObject({ applicationIdUri: `api://tab.kommune.dk/${TAB_CLIENT_ID}`, jwksUrl: 'http://127.0.0.1:9999/keys' });
    expect(problemsOf({ TAB_JWKS_URL: 'keys' })).toMatch(/TAB_JWKS_URL/);
  });
});

describe('the administrators (ADMIN_AAD_OBJECT_IDS)', () => {
  const ANNA = '0a0a0a0a-0000-4000-8000-00000000000A';
  const OTHER_TENANT = '77777777-6666-4555-8444-333333333333';
  const SINGLE = { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'secret' };
  const MULTI = { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' };

  it('names each by tenant and object id, lower case; none by default', () => {
    expect(loadConfig({}).administrators).toEqual([]);
    const config = loadConfig({ ...MULTI, ADMIN_AAD_OBJECT_IDS: ` ${TENANT_ID}:${ANNA} , ${OTHER_TENANT}:${ANNA}` });
    expect(config.administrators).toEqual([`${TENANT_ID}:${ANNA.toLowerCase()}`, `${OTHER_TENANT}:${ANNA.toLowerCase()}`]);
  });

  it("takes an object id alone as one of a single-tenant bot's own tenant", () => {
    expect(loadConfig({ ...SINGLE, ADMIN_AAD_OBJECT_IDS: ANNA }).administrators).toEqual([`${TENANT_ID}:${ANNA.toLowerCase()}`]);
  });

  it('refuses an object id alone where the tenant is not known, and anything but GUIDs', () => {
    expect(problemsOf({ ...MULTI, ADMIN_AAD_OBJECT_IDS: ANNA })).toMatch(/ADMIN_AAD_OBJECT_IDS names an object id without its tenant/);
    expect(problemsOf({ ADMIN_AAD_OBJECT_IDS: ANNA })).toMatch(/<tenant id>:<object id>/);
    expect(problemsOf({ ADMIN_AAD_OBJECT_IDS: `${TENANT_ID}:anna@kommune.dk` })).toMatch(/ADMIN_AAD_OBJECT_IDS/);
    expect(problemsOf({ ADMIN_AAD_OBJECT_IDS: `kommune:${ANNA}` })).toMatch(/ADMIN_AAD_OBJECT_IDS/);
  });
});

describe('the Teams app id, for links to the tab', () => {
  it('is taken when it is a GUID, and left unset otherwise (no link is given)', () => {
    expect(loadConfig({ TEAMS_APP_ID: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab' }).teamsAppId).toBe('6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab');
    expect(loadConfig({}).teamsAppId).toBeUndefined();
    expect(problemsOf({ TEAMS_APP_ID: 'samarbejdsbot' })).toMatch(/TEAMS_APP_ID: must be the Teams app id/);
  });
});

describe('Microsoft Graph settings', () => {
  const production = { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID };

  it('is off unless GRAPH_ENABLED is true, and then every feature is on by default', () => {
    expect(loadConfig({}).graph).toBeUndefined();
    expect(loadConfig({ GRAPH_ENABLED: 'false' }).graph).toBeUndefined();
    const graph = loadConfig({ ...production, GRAPH_ENABLED: 'true' }).graph;
    expect(graph?.baseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect([...(graph?.features ?? [])]).toEqual(['calendar']);
  });

  it("refuses Graph without the bot's identity, except for a local stub on loopback", () => {
    expect(problemsOf({ GRAPH_ENABLED: 'true' })).toMatch(/GRAPH_ENABLED is true, but MicrosoftAppId is not set/);
    expect(loadConfig({ GRAPH_ENABLED: 'true', GRAPH_BASE_URL: 'http://127.0.0.1:4321/v1.0/' }).graph?.baseUrl).toBe('http://127.0.0.1:4321/v1.0');
    expect(problemsOf({ ...production, GRAPH_ENABLED: 'true', GRAPH_BASE_URL: 'http://graph.example/v1.0' })).toMatch(/GRAPH_BASE_URL must be an HTTPS address/);
  });

  it("installs the app only with its catalog id: by default when the id is given, and refused when named without it", () => {
    const catalog = '0d820ecd-def2-4297-adad-78056cde7c78';
    const graph = loadConfig({ ...production, GRAPH_ENABLED: 'true', GRAPH_TEAMS_CATALOG_APP_ID: catalog }).graph;
    expect([...(graph?.features ?? [])]).toEqual(['calendar', 'install']);
    expect(graph?.teamsCatalogAppId).toBe(catalog);
    expect(loadConfig({ ...production, GRAPH_ENABLED: 'true', GRAPH_FEATURES: 'calendar', GRAPH_TEAMS_CATALOG_APP_ID: catalog }).graph?.teamsCatalogAppId).toBeUndefined();
    expect(problemsOf({ ...production, GRAPH_ENABLED: 'true', GRAPH_FEATURES: 'install' })).toMatch(/GRAPH_FEATURES names install, but GRAPH_TEAMS_CATALOG_APP_ID is not set/);
    expect(problemsOf({ ...production, GRAPH_ENABLED: 'true', GRAPH_TEAMS_CATALOG_APP_ID: 'samarbejdsbot' })).toMatch(/GRAPH_TEAMS_CATALOG_APP_ID: must be the app's id/);
  });

  it("raises activity feed notifications only when the bot is the tab's app (Teams takes them from the manifest's webApplicationInfo app only)", () => {
    const oneRegistration = { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'secret', GRAPH_ENABLED: 'true' };
    expect([...(loadConfig(oneRegistration).graph?.features ?? [])]).toEqual(['calendar', 'activity']);
    expect([...(loadConfig({ ...oneRegistration, TAB_CLIENT_ID: APP_ID }).graph?.features ?? [])]).toEqual(['calendar', 'activity']);
    expect([...(loadConfig({ ...oneRegistration, TAB_CLIENT_ID: '99999999-2222-4333-8444-555555555555' }).graph?.features ?? [])]).toEqual(['calendar']);
    expect(problemsOf({ ...production, GRAPH_ENABLED: 'true', GRAPH_FEATURES: 'activity' })).toMatch(/GRAPH_FEATURES names activity, but Teams takes activity feed notifications only from the app/);
  });

  it('names a Graph setting given while Graph is off, an unknown feature and a wrong switch', () => {
    expect(problemsOf({ GRAPH_FEATURES: 'calendar' })).toMatch(/GRAPH_FEATURES is set, but GRAPH_ENABLED is not true/);
    expect(problemsOf({ GRAPH_BASE_URL: 'http://127.0.0.1:1/v1.0' })).toMatch(/GRAPH_BASE_URL is set, but GRAPH_ENABLED is not true/);
    expect(problemsOf({ ...production, GRAPH_ENABLED: 'true', GRAPH_FEATURES: 'calendar,mail' })).toMatch(/GRAPH_FEATURES.*must be one of calendar, install, activity/);
    expect(problemsOf({ GRAPH_TEAMS_CATALOG_APP_ID: '0d820ecd-def2-4297-adad-78056cde7c78' })).toMatch(/GRAPH_TEAMS_CATALOG_APP_ID is set, but GRAPH_ENABLED is not true/);
    expect(problemsOf({ GRAPH_ENABLED: 'yes' })).toMatch(/GRAPH_ENABLED: must be true or false/);
  });
});
