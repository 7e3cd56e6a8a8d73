// botbuilder builds a new connector client and a new user token client, each with its own HTTP
// pipeline, for every incoming activity: about a fifth of a bare turn's CPU (npm run bench). One of
// each per bot identity, service URL and audience serves every turn. Only turns are served from here:
// proactive sends get their own clients from createConnectorFactory, since the outbox sender changes
// their pipeline (its own retry policy).
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorClient = Awaited<ReturnType<NonNullable<AuthenticateRequestResult['connectorFactory']>['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Service URLs are few (one per Teams region); the bound only guards against a flood of made-up ones. */
const MAX_CLIENTS = 64;

/** The claims botbuilder derives a client's identity from (the bot's app id, the caller's app id). */
const IDENTITY_CLAIMS = ['aud', 'appid', 'azp', 'ver'];

function identityKey(claimsIdentity: ClaimsIdentity): string {
  return IDENTITY_CLAIMS.map((type) => claimsIdentity.getClaimValue(type) ?? '').join('|');
}

class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, create: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_CLIENTS) this.entries.delete(this.entries.keys().next().value as string);
      // A failed creation is not kept: the next turn tries again.
      entry = create().catch((error: unknown) => {
        this.entries.delete(key);
        throw error;
      });
      this.entries.set(key, entry);
    }
    return entry;
  }
}

export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>();
  private readonly userTokenClients = new BoundedCache<UserTokenClient>();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(...args);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const identity = identityKey(result.claimsIdentity);
    return {
      ...result,
      connectorFactory: {
        create: (serviceUrl: string, audience?: string) => this.connectors.get(`${identity}|${serviceUrl}|${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
      },
    };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(identityKey(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}
