// A Teams deep link to the personal tab (appPackage/manifest.json, `staticTabs`), opened at a sub-page
// the page reads from Teams' context (`page.subPageId`): the statistik card's "Open in the tab".
// The link names the Teams app by its id, which is known only once the app is packaged (TEAMS_APP_ID).

/** The personal tab's entityId in the manifest (a test holds the two together). */
export const PERSONAL_TAB_ENTITY_ID = 'cases';

/** The sub-page of the leader's view (tab/tab.js opens the tab at it). */
export const STATISTICS_SUB_PAGE = 'statistics';

export function personalTabLink(teamsAppId: string, subPageId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: subPageId }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${PERSONAL_TAB_ENTITY_ID}?context=${context}`;
}
