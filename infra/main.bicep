// Samarbejdsbot on Azure: Azure Bot (Teams channel), App Service on Linux (Node 22), Cosmos DB for NoSQL,
// Key Vault, Application Insights with a Log Analytics workspace, and one user-assigned managed identity
// that the bot, the web app, Cosmos DB and Key Vault all trust. No secret is written here or passed in:
// with botAuthType 'UserAssignedMSI' (the default) there is no secret at all; with 'SingleTenant' the
// client secret is put into Key Vault by an operator and the web app reads it through a Key Vault reference.
// The Cosmos DB design (containers, partition keys, indexes) is bot/store/README.md; see infra/README.md.
targetScope = 'resourceGroup'

@minLength(4)
@maxLength(20)
@description('Base of every resource name, e.g. "sbotaarhusprod". Letters and digits; globally unique names get a suffix.')
param resourceBaseName string

@description('Azure region of every resource except the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('Display name of the Azure Bot.')
param botDisplayName string = 'Samarbejdsbot'

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
@description('How the bot authenticates to the Bot Framework: the managed identity created here (no secret), or a single-tenant app registration whose client secret is in Key Vault.')
param botAuthType string = 'UserAssignedMSI'

@description('SingleTenant only: the client id of the app registration. Left empty for UserAssignedMSI.')
param botAppRegistrationClientId string = ''

@description('The client id of the Entra app registration for the tab\'s single sign-on (made by aadApp/create from aad.manifest.json; README, "The tab"): a managed identity cannot be one. Empty: the tab says it is not set up.')
param tabClientId string = ''

@description('The Teams app\'s id (teamsApp/create writes TEAMS_APP_ID): the statistik card then links to the tab. Empty: no such link.')
param teamsAppId string = ''

@description('The municipality\'s administrators of the bot, comma-separated, each <tenant id>:<Entra object id> (an object id alone: the bot\'s own tenant, single-tenant only): they alone set up units and leaders and move cases between units (README, "Leaders and units"). Empty: nobody can.')
param adminAadObjectIds string = ''

@description('Microsoft Graph (README, "Microsoft Graph"): network meetings in the coordinator\'s Outlook calendar. Turn on only after the municipality\'s IT department has granted the identity the application permissions and set the Exchange application access policy the README names.')
param graphEnabled bool = false

@description('The Graph features to turn on, comma-separated (bot/config.ts GRAPH_FEATURES: calendar, install, activity): each needs its own permission. Used only with graphEnabled.')
param graphFeatures string = 'calendar'

@description('The Teams app\'s id in the tenant\'s app catalog (Teams admin center, Manage apps), which Graph installs it for a person by (feature install). Used only with graphEnabled.')
param graphTeamsCatalogAppId string = ''

@description('SingleTenant only: name of the Key Vault secret that holds the client secret (set by an operator, never here).')
param botAppPasswordSecretName string = 'bot-app-password'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot pricing tier. Teams is a standard channel (free on both tiers).')
param botServiceSku string = 'S1'

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan tier (Linux). Always On needs Basic or higher; the outbox dispatcher runs in the web app.')
param appServiceSku string = 'P0v3'

@minValue(1)
@maxValue(10)
@description('Number of web app instances. Several instances share the outbox through Cosmos DB leases.')
param appServiceInstances int = 1

@description('Name of the Cosmos DB database (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'samarbejdsbot'

@minValue(1000)
@description('Autoscale maximum of the database\'s shared throughput, in RU/s (scales down to 10 %).')
param cosmosAutoscaleMaxThroughput int = 1000

@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
@description('Continuous backup (point-in-time restore) window of Cosmos DB.')
param cosmosBackupTier string = 'Continuous30Days'

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
@description('LOG_LEVEL of the bot.')
param logLevel string = 'info'

@minValue(30)
@maxValue(730)
@description('How many days Log Analytics keeps logs.')
param logRetentionDays int = 90

@minValue(0)
@description('OUTBOX_INTERVAL_MS: how often the outbox is checked for messages to send; 0 stops sending.')
param outboxIntervalMs int = 2000

@description('REMINDER_SEND_AT: local time (Europe/Copenhagen) reminders are sent, HH:MM.')
param reminderSendAt string = '08:00'

@minValue(0)
@maxValue(20)
@description('REMINDER_WORKING_DAYS_BEFORE: working days before a follow-up date the owner is reminded.')
param reminderWorkingDaysBefore int = 2

@minValue(1)
@maxValue(120)
@description('REMINDER_NEXT_MEETING_LEAD_DAYS.')
param reminderNextMeetingLeadDays int = 21

@minValue(1)
@maxValue(12)
@description('REMINDER_NO_MEETING_AFTER_MONTHS.')
param reminderNoMeetingAfterMonths int = 4

@minValue(1)
@maxValue(12)
@description('REMINDER_TRANSITION_LEAD_MONTHS.')
param reminderTransitionLeadMonths int = 2

@minValue(1)
@maxValue(36500)
@description('RETENTION_DAYS: days a closed case is kept before it is erased (the municipality\'s decision; bot/app/rights.ts says why five years by default).')
param retentionDays int = 1826

@minValue(0)
@description('RETENTION_INTERVAL_MS: how often closed cases past their retention are looked for; 0 stops it.')
param retentionIntervalMs int = 3600000

@minValue(0)
@description('STATISTICS_FREEZE_INTERVAL_MS: how often leaders\' reports of the half-year just ended are frozen (bot/store/README.md, "Leaders\' figures"); 0 stops it.')
param statisticsFreezeIntervalMs int = 86400000

@minValue(0)
@description('RADAR_INTERVAL_MS: how often the Monday radar\'s messages are written ahead of their send time (bot/app/radar.ts); 0 stops the radar.')
param radarIntervalMs int = 3600000

@description('TEAMS_SERVICE_URL: where Teams is reached for what no one\'s activity causes: the Monday radar, the meeting side panel\'s writes (the global endpoint by default).')
param teamsServiceUrl string = 'https://smba.trafficmanager.net/teams/'

@description('Tags on every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var useManagedIdentityForBot = botAuthType == 'UserAssignedMSI'

// Built-in role definitions (well-known ids, the same in every tenant).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var cosmosBuiltInDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// ---------------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------------
// Monitoring: Log Analytics workspace + workspace-based Application Insights
// ---------------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-log'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------------
// Key Vault (RBAC, soft delete, purge protection); the identity may read secrets
// ---------------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${resourceBaseName}kv${suffix}', 24) // letters, digits and hyphens, 3 to 24
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------
// Cosmos DB for NoSQL: identity-only (local auth disabled), continuous backup; bot/store/README.md
// ---------------------------------------------------------------------------------------------------

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: toLower(take('${resourceBaseName}-cosmos-${suffix}', 44))
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackupTier
      }
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmosAccount
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    options: {
      autoscaleSettings: {
        maxThroughput: cosmosAutoscaleMaxThroughput
      }
    }
  }
}

// The case, its audit records and its outbox messages; indexing as CASES_INDEXING in bot/store/cosmosStore.ts
// (closedAt: the retention query for closed cases; unitId: a leader's unit, listUnitCases; reference: an
// administrator's `enhed flyt`, listCaseIdsByReference).
resource casesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'cases'
  properties: {
    resource: {
      id: 'cases'
      partitionKey: {
        paths: [
          '/caseId'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/type/?' }
          { path: '/tenantId/?' }
          { path: '/caseId/?' }
          { path: '/homeConversationId/?' }
          { path: '/memberAadObjectIds/[]/?' }
          { path: '/at/?' }
          { path: '/status/?' }
          { path: '/notBefore/?' }
          { path: '/leaseUntil/?' }
          { path: '/closedAt/?' }
          { path: '/unitId/?' }
          { path: '/reference/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
        // The outbox claim query: ORDER BY type, status, notBefore (refused by Cosmos without this index).
        compositeIndexes: [
          [
            {
              path: '/type'
              order: 'ascending'
            }
            {
              path: '/status'
              order: 'ascending'
            }
            {
              path: '/notBefore'
              order: 'ascending'
            }
          ]
        ]
      }
    }
  }
}

// Each user's state in the 1:1 chat: point reads and upserts only, so no index.
resource usersContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'users'
  properties: {
    resource: {
      id: 'users'
      partitionKey: {
        paths: [
          '/userKey'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'none'
        automatic: false
      }
    }
  }
}

// One-time export links by their token's hash: point operations, the clean-up query on expiresAt, and a
// one-day time to live on each link as a backstop (bot/store/README.md).
resource exportLinksContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'exportLinks'
  properties: {
    resource: {
      id: 'exportLinks'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/expiresAt/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// Data-plane RBAC: Cosmos DB Built-in Data Contributor for the web app's identity, on the account.
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, identity.id, cosmosBuiltInDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmosAccount.id
  }
}

// ---------------------------------------------------------------------------------------------------
// App Service on Linux, Node 22
// ---------------------------------------------------------------------------------------------------

resource appServicePlan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: appServiceInstances
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-app-${suffix}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/bot/index.js'
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Liveness (bot/teams/server.ts); not /readyz, so that a Cosmos DB outage does not take every instance out.
      healthCheckPath: '/healthz'
    }
  }
}

var botAppId = useManagedIdentityForBot ? identity.properties.clientId : botAppRegistrationClientId

// Every setting bot/config.ts reads that production needs. PORT and WEBSITE_HOSTNAME are set by App
// Service itself; DATA_DIR
// (embedded store) and CLOCK_FILE (tests only) are not for production; COSMOS_KEY is not set because
// Cosmos DB takes Entra ID only (disableLocalAuth); MicrosoftAppPassword only for SingleTenant, and
// then as a Key Vault reference, never a literal.
var baseAppSettings = {
  NODE_ENV: 'production'
  HOST: '0.0.0.0'
  LOG_LEVEL: logLevel
  MicrosoftAppType: botAuthType
  MicrosoftAppId: botAppId
  MicrosoftAppTenantId: subscription().tenantId
  COSMOS_ENDPOINT: cosmosAccount.properties.documentEndpoint
  COSMOS_DATABASE: cosmosDatabaseName
  OUTBOX_INTERVAL_MS: string(outboxIntervalMs)
  REMINDER_SEND_AT: reminderSendAt
  REMINDER_WORKING_DAYS_BEFORE: string(reminderWorkingDaysBefore)
  REMINDER_NEXT_MEETING_LEAD_DAYS: string(reminderNextMeetingLeadDays)
  REMINDER_NO_MEETING_AFTER_MONTHS: string(reminderNoMeetingAfterMonths)
  REMINDER_TRANSITION_LEAD_MONTHS: string(reminderTransitionLeadMonths)
  RETENTION_DAYS: string(retentionDays)
  RETENTION_INTERVAL_MS: string(retentionIntervalMs)
  STATISTICS_FREEZE_INTERVAL_MS: string(statisticsFreezeIntervalMs)
  RADAR_INTERVAL_MS: string(radarIntervalMs)
  TEAMS_SERVICE_URL: teamsServiceUrl
  // The export link's base; the bot would fall back to WEBSITE_HOSTNAME, which App Service sets itself.
  EXPORT_BASE_URL: 'https://${webApp.properties.defaultHostName}'
  // The tab's single sign-on; its Application ID URI is api://<this host>/<client id> (bot/config.ts).
  TAB_CLIENT_ID: tabClientId
  // Who sets up units and leaders (bot/app/organisation.ts).
  ADMIN_AAD_OBJECT_IDS: adminAadObjectIds
  // The Teams app, for the statistik card's link to the tab (bot/tab/deepLink.ts).
  TEAMS_APP_ID: teamsAppId
  // Microsoft Graph with the bot's own identity (bot/teams/graph); an empty value is "not set", as the bot
  // refuses features named while Graph is off.
  GRAPH_ENABLED: graphEnabled ? 'true' : 'false'
  GRAPH_FEATURES: graphEnabled ? graphFeatures : ''
  GRAPH_TEAMS_CATALOG_APP_ID: graphEnabled ? graphTeamsCatalogAppId : ''
  // DefaultAzureCredential (Cosmos DB) picks the user-assigned identity by its client id.
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  // The zip holds dist/ built by the deploy stage; App Service installs the production dependencies on
  // Linux (better-sqlite3 is native) instead of running the TypeScript build.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev'
}

var secretAppSettings = useManagedIdentityForBot ? {} : {
  MicrosoftAppPassword: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${botAppPasswordSecretName})'
}

resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(baseAppSettings, secretAppSettings)
  dependsOn: [
    keyVaultSecretsUser
    cosmosDataContributor
    casesContainer
    usersContainer
    exportLinksContainer
  ]
}

// ---------------------------------------------------------------------------------------------------
// Diagnostic logs into the workspace: the bot's own (structured, without personal data) and HTTP logs of
// the web app; who read which secret in Key Vault; Cosmos DB's audit category group (control plane and
// key or RBAC use; no data-plane query text, which could carry ids).
// ---------------------------------------------------------------------------------------------------

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: cosmosAccount
  properties: {
    workspaceId: logAnalytics.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------
// Azure Bot: messaging endpoint on the web app, Teams channel
// ---------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: botAuthType
    msaAppId: botAppId
    msaAppTenantId: subscription().tenantId
    msaAppMSIResourceId: useManagedIdentityForBot ? identity.id : null
    disableLocalAuth: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// The Agents Toolkit (m365agents.yml, arm/deploy) writes these outputs to the environment file, upper-cased.
output BOT_ID string = botAppId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_BOT_NAME string = bot.name
output COSMOS_ENDPOINT string = cosmosAccount.properties.documentEndpoint
output KEY_VAULT_NAME string = keyVault.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
