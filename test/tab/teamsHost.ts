// A page that plays the Teams host for the tab, as Teams does over postMessage (teams-js' protocol:
// requests `{ id, uuidAsString, func, args }`, answers `{ id, uuidAsString, args }`): the handshake
// (`initialize`), the context with locale and theme (`getContext`) and the single sign-on token
// (`authentication.getAuthToken`), a link opened in the browser (`executeDeepLink`); for a configuration page the validity state, the Save button
// (`window.pressSave()`) and the configuration saved (`settings.setSettings`). It frames the tab from the
// same origin, as Teams frames it from its own; `window.hostRequests` lists what the tab asked.

export interface HostSettings {
  locale: string;
  theme: 'default' | 'dark' | 'contrast';
  tenantId: string;
  aadObjectId: string;
  /** What getAuthToken answers; absent: Teams could not get one. */
  token?: string;
  /** `settings` when the tab is being added to a channel or chat (its configuration page); `sidePanel` in a meeting's side panel; `content` otherwise. */
  frameContext?: 'content' | 'settings' | 'sidePanel';
  /** The Teams meeting the tab is in, if any. */
  meetingId?: string;
  /** The page framed, when not the one for the frame context (a tab saved with its own content URL). */
  tabPath?: string;
  /** The sub-page a deep link opened the tab at (Teams' `subEntityId`). */
  subPageId?: string;
}

/** What a Teams web client says it supports (runtime config v4): enough for a content tab. */
const RUNTIME = { apiVersion: 4, supports: { app: {}, appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} } } };

export function teamsHostPage(settings: HostSettings): string {
  const data = JSON.stringify({ settings, runtime: JSON.stringify(RUNTIME) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Teams (test host)</title>
<style>html, body { margin: 0; } iframe { border: 0; width: 100%; height: 100vh; display: block; }</style>
</head>
<body>
<iframe id="tab" src="${settings.tabPath ?? (settings.frameContext === 'settings' ? '/tab/config' : '/tab')}" title="Samarbejdsbot"></iframe>
<script>
  const { settings, runtime } = ${data};
  const frame = document.getElementById('tab');
  window.hostRequests = [];
  window.pressSave = () => frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, location.origin);
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return;
    const request = event.data;
    if (!request || typeof request.func !== 'string') return;
    window.hostRequests.push({ func: request.func, args: request.args });
    const reply = (args) => frame.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
    if (request.func === 'initialize') reply([settings.frameContext || 'content', 'web', runtime, '2.58.0']);
    else if (request.func === 'settings.setSettings') reply([true]);
    else if (request.func === 'getContext')
      reply([{ locale: settings.locale, theme: settings.theme, frameContext: settings.frameContext || 'content', hostClientType: 'web', entityId: 'cases', ...(settings.subPageId ? { subEntityId: settings.subPageId } : {}), userObjectId: settings.aadObjectId, tid: settings.tenantId, meetingId: settings.meetingId }]);
    else if (request.func === 'executeDeepLink') reply([true]);
    else if (request.func === 'authentication.getAuthToken') reply(settings.token ? [true, settings.token] : [false, 'resourceRequiresConsent']);
  });
</script>
</body>
</html>`;
}
