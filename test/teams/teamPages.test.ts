// The team card's pages through the card action: the page size a button carries is kept (a page that
// did not fit was made smaller, and the pages after it follow on), and an older card's page without it
// still shows a page.
import type { Activity, TurnContext } from 'botbuilder';
import { expect, it } from 'vitest';
import { openCase } from '../../bot/app/openCase';
import { addTeamMember } from '../../bot/app/manageTeam';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { handleCardAction } from '../../bot/teams/cardActionHandler';
import { TEAM_PAGE_SIZE } from '../../cards/teamCards';
import { COORDINATOR, YOUNG_PERSON, appDeps } from '../app/appFixture';

const log = createLogger('silent');

function cardAction(data: Record<string, unknown>) {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `activity-${Math.random()}`,
    value: { action: { type: 'Action.Execute', verb: 'case.show', data: { v: 1, view: 'team', ...data } } },
    conversation: { id: 'conversation-personal', conversationType: 'personal', isGroup: false, tenantId: COORDINATOR.tenantId },
    channelData: { tenant: { id: COORDINATOR.tenantId } },
    from: { id: '29:mette', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name },
    recipient: { id: '28:bot' },
  } as unknown as Activity;
  return { activity, sendActivity: async () => undefined } as unknown as TurnContext;
}

it('shows the page of the size the button carries, and a page of the usual size without one', async () => {
  const deps = appDeps();
  const current = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  for (let index = 0; index < 30; index++) {
    await addTeamMember(deps, COORDINATOR, current.id, { role: 'vip', person: { kind: 'external', name: `Person ${index}` } });
  }
  const total = 32; // the coordinator, the young person and 30 more
  const show = async (data: Record<string, unknown>) => JSON.stringify(await handleCardAction(cardAction({ caseId: current.id, ...data }), { deps, log } as never, COORDINATOR, da));
  const smaller = await show({ page: 2, pageSize: 7 });
  expect(smaller).toContain(da.cards.paging.shown(15, 21, total));
  expect(smaller).toContain('"page":3,"pageSize":7');
  expect(await show({ page: 1 })).toContain(da.cards.paging.shown(TEAM_PAGE_SIZE + 1, 2 * TEAM_PAGE_SIZE, total));
});
