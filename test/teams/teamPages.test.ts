// The team card's pages through the card action: the page size a button carries is kept (a page that
// did not fit was made smaller, and the pages after it follow on), and an older card's page without it
// still shows a page. The people of a channel to add are paged too (`rosterPage`), by name.
import { type Activity, type TurnContext, TeamsInfo } from 'botbuilder';
import { expect, it, vi } from 'vitest';
import { openCase } from '../../bot/app/openCase';
import { addTeamMember } from '../../bot/app/manageTeam';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { handleCardAction } from '../../bot/teams/cardActionHandler';
import { TEAM_PAGE_SIZE } from '../../cards/teamCards';
import { COORDINATOR, YOUNG_PERSON, appDeps } from '../app/appFixture';

const log = createLogger('silent');

function cardAction(data: Record<string, unknown>, conversation: Record<string, unknown> = { id: 'conversation-personal', conversationType: 'personal', isGroup: false }) {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `activity-${Math.random()}`,
    value: { action: { type: 'Action.Execute', verb: 'case.show', data: { v: 1, view: 'team', ...data } } },
    conversation: { ...conversation, tenantId: COORDINATOR.tenantId },
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

it('shows the people of a channel of 120 by name, 50 a page: rosterPage 2 offers people 101–120', async () => {
  const deps = appDeps();
  const current = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  // As Teams returns them: in no order of name.
  const number = (index: number) => String((index * 7) % 120 + 1).padStart(3, '0');
  const members = Array.from({ length: 120 }, (_, index) => ({ id: `29:person-${number(index)}`, aadObjectId: `aad-person-${number(index)}`, name: `Person ${number(index)}` }));
  const roster = vi.spyOn(TeamsInfo, 'getPagedMembers').mockResolvedValue({ members, continuationToken: '' } as never);
  try {
    const channel = { id: '19:channel@thread.tacv2', conversationType: 'channel', isGroup: true };
    const card = await handleCardAction(cardAction({ caseId: current.id, rosterPage: 2 }, channel), { deps, log } as never, COORDINATOR, da);
    const offered = JSON.stringify(card).match(/"value":"aad-person-\d+"/g)!.map((value) => value.slice(9, -1));
    expect(offered).toEqual(Array.from({ length: 20 }, (_, index) => `aad-person-${101 + index}`));
    expect(JSON.stringify(card)).toContain(JSON.stringify(da.cards.team.rosterMore(101, 120, 120)).slice(1, -1));
    // "Forrige" goes back to people 51–100; there is no "Næste".
    expect(JSON.stringify(card)).toContain('"rosterPage":1}');
    expect(JSON.stringify(card)).not.toContain('"rosterPage":3');
  } finally {
    roster.mockRestore();
  }
});
