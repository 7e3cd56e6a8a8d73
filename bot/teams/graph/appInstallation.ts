// Installs the bot's Teams app for a person through Graph (TeamsAppInstallation.ReadWriteSelfForUser.All:
// this app only, nothing else of theirs), so that the bot can open a 1:1 chat with someone on a team who
// never installed it (https://learn.microsoft.com/graph/api/userteamwork-post-installedapps).
import { type GraphClient, graphPath } from './graphClient';
import { GraphFailed } from './graphErrors';

export type InstallApp = (tenantId: string, aadObjectId: string) => Promise<void>;

/** `catalogAppId`: the app's id in the tenant's app catalog (for an app the organisation uploaded, not the manifest's id). */
export function graphAppInstallation(graph: GraphClient, catalogAppId: string, baseUrl: string): InstallApp {
  return async (tenantId, aadObjectId) => {
    try {
      await graph.request(tenantId, {
        method: 'POST',
        path: graphPath`/users/${aadObjectId}/teamwork/installedApps`,
        body: { 'teamsApp@odata.bind': `${baseUrl}${graphPath`/appCatalogs/teamsApps/${catalogAppId}`}` },
      });
    } catch (error) {
      // 409: it is installed already (by the person, or another instance a moment ago).
      if (!(error instanceof GraphFailed && error.status === 'http409')) throw error;
    }
  };
}
