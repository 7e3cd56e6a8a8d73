// Structure of infra/ without a Bicep compiler (none runs on these machines): the Bicep text is read
// with regexes and brace matching. It shows the template has what the bot needs; it does not show
// that Azure accepts it. infra/README.md says what was and was not verified.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentedTeamsClientIds } from './teamsClients';

const root = join(__dirname, '..', '..');
const infraDir = join(root, 'infra');

function read(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Bicep without comments (`//` to the end of a line, outside strings; `/* *\/` blocks). */
function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char === "'" && line[i - 1] !== '\\') inString = !inString;
        if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

const bicepFiles = filesUnder(infraDir).filter((file) => file.endsWith('.bicep'));
const mainBicep = stripComments(read('infra/main.bicep'));
const allBicep = bicepFiles.map((file) => stripComments(readFileSync(file, 'utf8'))).join('\n');

interface Resource {
  symbol: string;
  type: string;
  apiVersion: string;
  body: string;
}

/** The text between the brace at `open` and its matching closing brace. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '[') depth++;
    if (text[i] === '}' || text[i] === ']') depth--;
    if (depth === 0) return text.slice(open, i + 1);
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

function resources(text: string): Resource[] {
  return [...text.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'(?:\s+existing)?\s*=\s*(?:if\s*\([^)]*\)\s*)?\{/gm)].map(
    (match) => ({
      symbol: match[1]!,
      type: match[2]!,
      apiVersion: match[3]!,
      body: balanced(text, match.index + match[0].length - 1),
    }),
  );
}

/** The object literal assigned to `var name = {...}` (or the first `{` after it, for a conditional). */
function variableBlock(text: string, name: string): string {
  const match = new RegExp(`^var\\s+${name}\\s*=`, 'm').exec(text);
  if (!match) throw new Error(`var ${name} not found`);
  const rest = text.slice(match.index + match[0].length);
  const open = rest.search(/\{\s*\n/);
  return balanced(rest, open);
}

/** `key: value` pairs at the top level of an object literal's text. */
function objectEntries(block: string): Map<string, string> {
  const entries = new Map<string, string>();
  let depth = 0;
  for (const line of block.split('\n')) {
    const match = /^\s*'?([\w$]+)'?\s*:\s*(.*)$/.exec(line);
    if (depth === 1 && match) entries.set(match[1]!, match[2]!.trim());
    depth += (line.match(/[{[]/g) ?? []).length - (line.match(/[}\]]/g) ?? []).length;
  }
  return entries;
}

interface Param {
  name: string;
  hasDefault: boolean;
  secure: boolean;
}

function params(text: string): Param[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    const match = /^param\s+(\w+)\s+\w+(\s*=)?/.exec(line);
    if (!match) return [];
    let secure = false;
    for (let i = index - 1; i >= 0 && lines[i]!.trim().startsWith('@'); i--) {
      if (lines[i]!.trim().startsWith('@secure(')) secure = true;
    }
    return [{ name: match[1]!, hasDefault: Boolean(match[2]), secure }];
  });
}

const allResources = resources(allBicep);
const mainParams = params(mainBicep);
const parametersFile = JSON.parse(read('infra/main.parameters.json')) as {
  parameters: Record<string, { value?: unknown; reference?: unknown }>;
};

function resourcesOfType(type: string): Resource[] {
  return allResources.filter((resource) => resource.type.toLowerCase() === type.toLowerCase());
}

function onlyResource(type: string): Resource {
  const found = resourcesOfType(type);
  expect(found.map((resource) => resource.symbol), type).toHaveLength(1);
  return found[0]!;
}

/** Setting names bot/config.ts reads: the keys of its zod `environment` object. */
function configKeys(): string[] {
  const source = read('bot/config.ts');
  const start = source.indexOf('const environment = z.object({');
  expect(start, 'bot/config.ts declares `const environment = z.object({`').toBeGreaterThanOrEqual(0);
  const block = balanced(source, source.indexOf('{', start));
  return [...objectEntries(block).keys()];
}

describe('infra/main.bicep: resources', () => {
  it.each([
    'Microsoft.BotService/botServices',
    'Microsoft.BotService/botServices/channels',
    'Microsoft.Web/serverfarms',
    'Microsoft.Web/sites',
    'Microsoft.Web/sites/config',
    'Microsoft.DocumentDB/databaseAccounts',
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
    'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
    'Microsoft.KeyVault/vaults',
    'Microsoft.Authorization/roleAssignments',
    'Microsoft.Insights/components',
    'Microsoft.OperationalInsights/workspaces',
    'Microsoft.ManagedIdentity/userAssignedIdentities',
  ])('declares %s', (type) => {
    expect(resourcesOfType(type).length).toBeGreaterThan(0);
    for (const resource of resourcesOfType(type)) expect(resource.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
  });

  it('gives every resource a unique symbolic name', () => {
    const symbols = allResources.map((resource) => resource.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
  });

  it('runs the web app on Linux with Node 22, HTTPS only, TLS 1.2 at least, as the user-assigned identity', () => {
    const plan = onlyResource('Microsoft.Web/serverfarms');
    expect(plan.body).toMatch(/kind:\s*'linux'/);
    expect(plan.body).toMatch(/reserved:\s*true/);
    const site = onlyResource('Microsoft.Web/sites');
    expect(site.body).toMatch(/kind:\s*'app,linux'/);
    expect(site.body).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(site.body).toMatch(/httpsOnly:\s*true/);
    expect(site.body).toMatch(/minTlsVersion:\s*'1\.2'/);
    expect(site.body).toMatch(/ftpsState:\s*'Disabled'/);
    expect(site.body).toMatch(/type:\s*'UserAssigned'/);
    expect(site.body).toMatch(/keyVaultReferenceIdentity:\s*identity\.id/);
    // Starts the built bot, not `npm start` (which would compile TypeScript on the server).
    expect(site.body).toContain("appCommandLine: 'node dist/bot/index.js'");
    expect(JSON.parse(read('package.json')).scripts.build).toMatch(/tsc/);
    expect(site.body).toContain("healthCheckPath: '/healthz'");
    expect(read('bot/teams/server.ts')).toContain("server.get('/healthz'");
  });

  it('points the Azure Bot at the web app\'s /api/messages and enables the Teams channel', () => {
    const bot = onlyResource('Microsoft.BotService/botServices');
    const route = /server\.post\('([^']+)'/.exec(read('bot/teams/server.ts'))?.[1];
    expect(route).toBe('/api/messages');
    expect(bot.body).toContain(`endpoint: 'https://\${webApp.properties.defaultHostName}${route}'`);
    expect(bot.body).toMatch(/location:\s*'global'/);
    expect(bot.body).toMatch(/msaAppType:\s*botAuthType/);
    expect(bot.body).toMatch(/msaAppTenantId:/);
    expect(bot.body).toMatch(/msaAppMSIResourceId:\s*useManagedIdentityForBot \? identity\.id/);
    const channel = onlyResource('Microsoft.BotService/botServices/channels');
    expect(channel.body).toMatch(/name:\s*'MsTeamsChannel'/);
    expect(channel.body).toMatch(/channelName:\s*'MsTeamsChannel'/);
    expect(channel.body).toMatch(/parent:\s*bot\b/);
  });

  it('allows exactly the bot types bot/config.ts accepts for an identity the template can make', () => {
    const allowed = /@allowed\(\[([^\]]*)\]\)\s*\n(?:@.*\n)*param botAuthType/.exec(mainBicep)?.[1];
    const values = [...(allowed ?? '').matchAll(/'(\w+)'/g)].map((match) => match[1]);
    expect(values.sort()).toEqual(['SingleTenant', 'UserAssignedMSI']);
    for (const value of values) expect(read('bot/config.ts')).toContain(`'${value}'`);
  });

  it('keeps secrets in a Key Vault with RBAC, soft delete and purge protection, readable by the identity', () => {
    const vault = onlyResource('Microsoft.KeyVault/vaults');
    expect(vault.body).toMatch(/enableRbacAuthorization:\s*true/);
    expect(vault.body).toMatch(/enableSoftDelete:\s*true/);
    expect(vault.body).toMatch(/enablePurgeProtection:\s*true/);
    const assignment = resourcesOfType('Microsoft.Authorization/roleAssignments').find((resource) =>
      /scope:\s*keyVault\b/.test(resource.body),
    );
    expect(assignment, 'role assignment on the Key Vault').toBeDefined();
    expect(assignment!.body).toMatch(/keyVaultSecretsUserRoleId/);
    expect(mainBicep).toMatch(/var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'/);
    expect(assignment!.body).toMatch(/principalId:\s*identity\.properties\.principalId/);
  });

  it('sends telemetry to Application Insights backed by the Log Analytics workspace', () => {
    expect(onlyResource('Microsoft.Insights/components').body).toMatch(/WorkspaceResourceId:\s*logAnalytics\.id/);
  });

  it('sends the diagnostic logs of the web app, Key Vault and Cosmos DB to the workspace', () => {
    const settings = resourcesOfType('Microsoft.Insights/diagnosticSettings');
    const scopes = settings.map((resource) => /scope:\s*(\w+)/.exec(resource.body)?.[1]).sort();
    expect(scopes).toEqual(['cosmosAccount', 'keyVault', 'webApp']);
    for (const resource of settings) expect(resource.body).toMatch(/workspaceId:\s*logAnalytics\.id/);
    expect(settings.find((resource) => /scope:\s*webApp/.test(resource.body))!.body).toContain("category: 'AppServiceConsoleLogs'");
  });
});

describe('infra/main.bicep: Cosmos DB as bot/store/README.md designs it', () => {
  const storeReadme = read('bot/store/README.md');
  const containers = resourcesOfType('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');

  function container(id: string): Resource {
    const found = containers.find((resource) => new RegExp(`\\bid:\\s*'${id}'`).test(resource.body));
    expect(found, `container ${id}`).toBeDefined();
    return found!;
  }

  it('has continuous backup and Entra ID access only, with TLS 1.2', () => {
    const account = onlyResource('Microsoft.DocumentDB/databaseAccounts');
    expect(account.body).toMatch(/backupPolicy:\s*\{\s*type:\s*'Continuous'/);
    expect(account.body).toMatch(/disableLocalAuth:\s*true/);
    expect(account.body).toMatch(/minimalTlsVersion:\s*'Tls12'/);
  });

  it('gives the web app\'s identity the Cosmos DB Built-in Data Contributor role on the account', () => {
    const assignment = onlyResource('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(mainBicep).toMatch(/var cosmosBuiltInDataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
    expect(assignment.body).toContain('sqlRoleDefinitions/${cosmosBuiltInDataContributorRoleId}');
    expect(assignment.body).toMatch(/principalId:\s*identity\.properties\.principalId/);
  });

  it('has exactly the containers and partition keys of the README', () => {
    const designed = [...storeReadme.matchAll(/^\| `(\w+)` \| `(\/\w+)`/gm)].map((match) => [match[1], match[2]]);
    expect(designed).toEqual([
      ['cases', '/caseId'],
      ['users', '/userKey'],
      ['exportLinks', '/id'],
    ]);
    const provisioned = containers.map((resource) => [
      /\bid:\s*'(\w+)'/.exec(resource.body)?.[1],
      /paths:\s*\[\s*'([^']+)'\s*\]/.exec(resource.body)?.[1],
    ]);
    expect(provisioned.sort()).toEqual(designed.sort());
  });

  it('indexes in cases exactly the paths CASES_INDEXING in the adapter includes, and excludes the rest', () => {
    const source = read('bot/store/cosmosStore.ts');
    const start = source.indexOf('const CASES_INDEXING');
    const adapterBlock = balanced(source, source.indexOf('{', start));
    const adapterPaths = [...balanced(adapterBlock, adapterBlock.indexOf('[')).matchAll(/'(\/[^']*)'/g)].map((match) => match[1]);
    const cases = container('cases');
    const included = balanced(cases.body, cases.body.indexOf('[', cases.body.indexOf('includedPaths:')));
    const bicepPaths = [...included.matchAll(/path:\s*'([^']+)'/g)].map((match) => match[1]);
    expect(bicepPaths).toEqual(adapterPaths);
    expect(adapterPaths).toContain('/leaseUntil/?');
    expect(cases.body).toMatch(/excludedPaths:\s*\[\s*\{\s*path:\s*'\/\*'\s*\}\s*\]/);
  });

  it('has the composite index (/type, /status, /notBefore ascending) that the outbox claim query orders by', () => {
    expect(storeReadme).toContain('composite `(/type, /status, /notBefore)`');
    const claimOrder = /ORDER BY c\.type, c\.status, c\.notBefore/.test(read('bot/store/cosmosStore.ts'));
    expect(claimOrder, 'the claim query orders by type, status, notBefore').toBe(true);
    const cases = container('cases');
    const composite = balanced(cases.body, cases.body.indexOf('[', cases.body.indexOf('compositeIndexes:')));
    const entries = [...composite.matchAll(/path:\s*'([^']+)'\s*order:\s*'(\w+)'/g)].map((match) => `${match[1]} ${match[2]}`);
    expect(entries).toEqual(['/type ascending', '/status ascending', '/notBefore ascending']);
  });

  it('switches indexing off in users', () => {
    expect(container('users').body).toMatch(/indexingMode:\s*'none'/);
  });

  it('gives exportLinks time to live and indexes in it only what EXPORT_LINKS_INDEXING in the adapter includes', () => {
    const exportLinks = container('exportLinks');
    expect(exportLinks.body).toMatch(/defaultTtl:\s*-1/);
    const source = read('bot/store/cosmosStore.ts');
    const adapterBlock = balanced(source, source.indexOf('{', source.indexOf('const EXPORT_LINKS_INDEXING')));
    const adapterPaths = [...balanced(adapterBlock, adapterBlock.indexOf('[')).matchAll(/'(\/[^']*)'/g)].map((match) => match[1]);
    const included = balanced(exportLinks.body, exportLinks.body.indexOf('[', exportLinks.body.indexOf('includedPaths:')));
    expect([...included.matchAll(/path:\s*'([^']+)'/g)].map((match) => match[1])).toEqual(adapterPaths);
    expect(adapterPaths).toEqual(['/expiresAt/?']);
  });
});

describe('infra/main.bicep: app settings', () => {
  const base = objectEntries(variableBlock(mainBicep, 'baseAppSettings'));
  const secret = objectEntries(variableBlock(mainBicep, 'secretAppSettings'));
  const settings = new Map([...base, ...secret]);

  /** Set by App Service itself, so never in the template (whether or not bot/config.ts reads them yet). */
  const setByPlatform: Record<string, string> = {
    PORT: 'the port App Service forwards to',
    WEBSITE_HOSTNAME: "the app's default host name",
  };
  /** Settings of bot/config.ts that production does not set, and why. A new setting must be placed. */
  const notInProduction: Record<string, string> = {
    DATA_DIR: 'the embedded SQLite store; production uses Cosmos DB',
    CLOCK_FILE: 'tests only; refused in production',
    COSMOS_KEY: 'Cosmos DB takes Entra ID only (disableLocalAuth), through AZURE_CLIENT_ID',
    TAB_APP_ID_URI: "the default, api://<the web app's host>/<TAB_CLIENT_ID>, is what the manifest's webApplicationInfo names",
    TAB_JWKS_URL: "Entra's published keys, the default; tests point it at a local stub",
    GRAPH_BASE_URL: 'Microsoft Graph v1.0, the default; tests point it at a local stub',
    READINESS_INDICATORS_FILE: "the default BIP indicator set (bot/readinessIndicators.json) until the municipality deploys its own file with the app and names it",
  };

  it('sets every setting bot/config.ts reads, except the few production does not use', () => {
    const keys = configKeys();
    expect(keys).toContain('COSMOS_ENDPOINT');
    expect(Object.keys(notInProduction).filter((key) => !keys.includes(key)), 'stale exceptions').toEqual([]);
    const missing = keys.filter((key) => !settings.has(key) && !(key in notInProduction) && !(key in setByPlatform));
    expect(missing).toEqual([]);
    for (const key of [...Object.keys(notInProduction), ...Object.keys(setByPlatform)]) {
      expect(settings.has(key), `${key} is set`).toBe(false);
    }
  });

  it('runs in production mode, listening on all interfaces, with the settings the platform needs', () => {
    expect(base.get('NODE_ENV')).toBe("'production'");
    expect(base.get('HOST')).toBe("'0.0.0.0'");
    expect(base.get('COSMOS_ENDPOINT')).toBe('cosmosAccount.properties.documentEndpoint');
    expect(base.get('COSMOS_DATABASE')).toBe('cosmosDatabaseName');
    expect(base.get('MicrosoftAppType')).toBe('botAuthType');
    expect(base.get('MicrosoftAppTenantId')).toBe('subscription().tenantId');
    expect(base.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(base.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('appInsights.properties.ConnectionString');
  });

  it('takes the bot password only from Key Vault, and only for a single-tenant app registration', () => {
    expect(base.has('MicrosoftAppPassword')).toBe(false);
    expect(secret.get('MicrosoftAppPassword')).toMatch(/^'@Microsoft\.KeyVault\(VaultName=\$\{keyVault\.name\};SecretName=\$\{\w+\}\)'$/);
    expect(mainBicep).toMatch(/var secretAppSettings = useManagedIdentityForBot\s*\?\s*\{\}/);
  });

  it('applies both to the web app', () => {
    expect(onlyResource('Microsoft.Web/sites/config').body).toMatch(/properties:\s*union\(baseAppSettings, secretAppSettings\)/);
  });

  it('uses for reminders the defaults of the bot', () => {
    const source = read('bot/domain/reminders.ts');
    const defaults: Record<string, string> = {
      reminderSendAt: /sendAt:\s*('[^']+')/.exec(source)![1]!,
      reminderWorkingDaysBefore: /workingDaysBefore:\s*(\d+)/.exec(source)![1]!,
      reminderNextMeetingLeadDays: /nextMeetingLeadDays:\s*(\d+)/.exec(source)![1]!,
      reminderNoMeetingAfterMonths: /noMeetingAfterMonths:\s*(\d+)/.exec(source)![1]!,
      reminderTransitionLeadMonths: /transitionLeadMonths:\s*(\d+)/.exec(source)![1]!,
    };
    for (const [name, value] of Object.entries(defaults)) {
      expect(mainBicep, name).toMatch(new RegExp(`^param ${name} \\w+ = ${value}$`, 'm'));
    }
  });
});

describe('infra parameters', () => {
  const declared = new Map(mainParams.map((param) => [param.name, param]));
  const given = Object.keys(parametersFile.parameters);

  it('uses every declared parameter somewhere else in the template', () => {
    for (const file of bicepFiles) {
      const text = stripComments(readFileSync(file, 'utf8'));
      const withoutDeclarations = text
        .split('\n')
        .filter((line) => !/^\s*(param\s|@)/.test(line))
        .map((line) => line.replace(/^\s*'?[\w$]+'?\s*:/, '')) // an object key of the same name is no use
        .join('\n');
      const unused = params(text)
        .map((param) => param.name)
        .filter((name) => !new RegExp(`\\b${name}\\b`).test(withoutDeclarations));
      expect(unused, relative(root, file)).toEqual([]);
    }
  });

  it('gives in the parameters file only parameters main.bicep declares', () => {
    expect(given.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('gives in the parameters file every parameter without a default', () => {
    const required = mainParams.filter((param) => !param.hasDefault).map((param) => param.name);
    expect(required).toContain('resourceBaseName');
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });

  it('declares no secure parameter with a default', () => {
    expect(mainParams.filter((param) => param.secure && param.hasDefault)).toEqual([]);
  });

  it('holds only placeholders, each one defined in the environment file or by the toolkit', () => {
    const envNames = new Set([...read('infra/env/.env.dev').matchAll(/^(\w+)=/gm)].map((match) => match[1]));
    for (const [name, parameter] of Object.entries(parametersFile.parameters)) {
      expect(Object.keys(parameter), name).toEqual(['value']);
      expect(typeof parameter.value, name).toBe('string');
      const placeholders = [...(parameter.value as string).matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1]);
      expect(placeholders.length, `${name} holds a placeholder`).toBeGreaterThan(0);
      for (const placeholder of placeholders) expect(envNames.has(placeholder), placeholder).toBe(true);
    }
  });
});

describe('m365agents.yml (Microsoft 365 Agents Toolkit)', () => {
  const yml = read('m365agents.yml');
  const stage = (name: string) => {
    const start = yml.indexOf(`\n${name}:`);
    expect(start, `${name} stage`).toBeGreaterThanOrEqual(0);
    const next = yml.slice(start + 1).search(/\n\w[\w-]*:/);
    return next < 0 ? yml.slice(start) : yml.slice(start, start + 1 + next);
  };
  const actions = (text: string) => [...text.matchAll(/^\s*- uses:\s*(\S+)/gm)].map((match) => match[1]);

  it('declares a toolkit schema version and the environment folder', () => {
    const version = /^version:\s*(v\d+\.\d+)$/m.exec(yml)?.[1];
    expect(version).toBeDefined();
    expect(yml).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${version}/yaml.schema.json`);
    const folder = /^environmentFolderPath:\s*(\S+)$/m.exec(yml)?.[1];
    expect(folder).toBe('./infra/env');
    expect(statSync(join(root, folder!, '.env.dev')).isFile()).toBe(true);
  });

  it("provisions: Teams app, the tab's Entra app, Azure resources from infra/main.bicep, then the validated app package", () => {
    const provision = stage('provision');
    expect(actions(provision)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(provision).toContain('path: ./infra/main.bicep');
    expect(provision).toContain('parameters: ./infra/main.parameters.json');
    expect(provision).toContain('outputZipPath: ./appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip');
  });

  it('deploys: npm ci, the build, then a zip deploy to the web app of the template', () => {
    const deploy = stage('deploy');
    expect(actions(deploy)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect([...deploy.matchAll(/args:\s*(.+)$/gm)].map((match) => match[1]!.trim())).toEqual(['ci', 'run build']);
    expect(deploy).toContain('resourceId: ${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    const ignoreFile = /ignoreFile:\s*(\S+)/.exec(deploy)?.[1];
    expect(read(ignoreFile!)).toMatch(/^node_modules\/$/m);
  });

  it('gets every value it and the manifests use from the environment file, the toolkit or the template\'s outputs', () => {
    const builtIn = ['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];
    const envNames = [...read('infra/env/.env.dev').matchAll(/^(\w+)=/gm)].map((match) => match[1]!);
    const outputs = [...mainBicep.matchAll(/^output\s+(\w+)\s/gm)].map((match) => match[1]!);
    const used = [...`${yml}\n${read('appPackage/manifest.json')}\n${read('infra/aad.manifest.json')}`.matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1]!);
    expect(used.filter((name) => !builtIn.includes(name) && !envNames.includes(name))).toEqual([]);
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) expect(outputs).toContain(name);
  });
});

describe('no secret in any infrastructure file', () => {
  const files = [...filesUnder(infraDir), join(root, 'm365agents.yml')];
  const wellKnownGuids = new Set([
    '4633458b-17de-408a-b874-0445c86b69e6', // Key Vault Secrets User (built-in role)
    '00000000-0000-0000-0000-000000000002', // Cosmos DB Built-in Data Contributor (built-in role)
    ...Object.keys(documentedTeamsClientIds), // the Microsoft 365 clients pre-authorized in aad.manifest.json
  ]);

  it.each(files.map((file) => [relative(root, file), file]))('%s', (_, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/AccountKey=/i);
    expect(text).not.toMatch(/SharedAccessSignature|sig=|InstrumentationKey=/i);
    expect(text).not.toMatch(/-----BEGIN/);
    const base64ish = [...text.matchAll(/[A-Za-z0-9+/]{32,}={0,2}/g)]
      .map((match) => match[0])
      .filter((token) => /\d/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token));
    expect(base64ish, 'base64-looking strings').toEqual([]);
    expect(text.match(/\b[0-9a-f]{32,}\b/gi) ?? [], 'long hex strings').toEqual([]);
    const guids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
    expect(guids.filter((guid) => !wellKnownGuids.has(guid.toLowerCase())), 'GUIDs').toEqual([]);
    const passwords = [...text.matchAll(/(?:password|secret|pwd)\w*['"]?\s*[:=]\s*['"]([^'"\n]+)['"]/gi)]
      .map((match) => match[1]!)
      .filter((value) => !value.startsWith('@Microsoft.KeyVault(') && !/^\$\{\{\w+\}\}$/.test(value))
      .filter((value) => !wellKnownGuids.has(value.toLowerCase()));
    expect(passwords, 'password or secret literals').toEqual([]);
    // Environment files: names only, or values that are not secrets (no SECRET_ value, nothing long).
    if (/\.env\.\w+$/.test(file)) {
      for (const [, name, value] of text.matchAll(/^(\w+)=(.*)$/gm)) {
        if (/SECRET|PASSWORD|KEY/i.test(name!)) expect(value, name).toBe('');
        expect(value!.length, name).toBeLessThan(32);
      }
    }
  });
});
