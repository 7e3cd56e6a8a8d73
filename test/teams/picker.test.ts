// The 1:1 case picker: open cases only, a page at a time; a closed case stays reachable by its reference.
import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../bot/app/openCase';
import { closeCaseNow } from '../../bot/app/rights';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import { handleCardAction } from '../../bot/teams/cardActionHandler';
import { handleMessage } from '../../bot/teams/messageHandler';
import { PICKER_PAGE_SIZE } from '../../cards/caseCards';
import { COORDINATOR, YOUNG_PERSON, appDeps } from '../app/appFixture';

const log = createLogger('silent');

function turn(text: string, value?: unknown) {
  const sent: Array<Partial<Activity> | string> = [];
  const activity = {
    type: value ? 'invoke' : 'message',
    name: value ? 'adaptiveCard/action' : undefined,
    id: `activity-${Math.random()}`,
    text,
    value,
    conversation: { id: 'conversation-personal', conversationType: 'personal', isGroup: false, tenantId: COORDINATOR.tenantId },
    channelData: { tenant: { id: COORDINATOR.tenantId } },
    from: { id: '29:mette', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name },
    recipient: { id: '28:bot' },
  } as unknown as Activity;
  const context = { activity, sendActivity: async (reply: Partial<Activity> | string) => void sent.push(reply) } as unknown as TurnContext;
  return { context, sent };
}

const cardOf = (reply: Partial<Activity> | string | undefined) => (typeof reply === 'string' ? undefined : (reply?.attachments?.[0]?.content as Record<string, unknown>));
/** The cases a picker offers: the ids its buttons choose. */
const offered = (card: unknown) => [...JSON.stringify(card).matchAll(/"verb":"case\.select","data":\{"v":1,"caseId":"([^"]+)"/g)].map((match) => match[1]!);

async function casesOfMette(open: number, closed: number) {
  // Random ids, so that each case has its own reference.
  const deps = { ...appDeps(), newId: randomUUID };
  const made = [];
  for (let index = 0; index < open + closed; index++) made.push(await openCase(deps, COORDINATOR, YOUNG_PERSON));
  for (const current of made.slice(open)) await closeCaseNow(deps, COORDINATOR, current.id, current.reference);
  return { deps, open: made.slice(0, open), closed: made.slice(open) };
}

describe('the 1:1 case picker', () => {
  it('lists the open cases only, says that closed ones are left out, and reaches a closed one by its reference', async () => {
    const { deps, open, closed } = await casesOfMette(2, 1);
    const picker = turn('sag');
    await handleMessage(picker.context, { deps, log, botAppId: '' }, COORDINATOR, da);
    const card = cardOf(picker.sent[0]);
    expect(offered(card).sort()).toEqual(open.map((current) => current.id).sort());
    expect(JSON.stringify(card)).toContain(JSON.stringify(da.cards.picker.closedLeftOut).slice(1, -1));

    const byReference = turn(`sag ${closed[0]!.reference}`);
    await handleMessage(byReference.context, { deps, log, botAppId: '' }, COORDINATOR, da);
    expect(JSON.stringify(cardOf(byReference.sent[0]))).toContain(da.cards.overview.title(closed[0]!.reference));
  });

  it('tells references apart that differ in AE and A (folded alike in commands)', async () => {
    const deps = { ...appDeps(), newId: randomUUID };
    const [first, second] = [await openCase(deps, COORDINATOR, YOUNG_PERSON), await openCase(deps, COORDINATOR, YOUNG_PERSON)];
    const references = ['S-AABCD', 'S-AEBCD'];
    // The references the bot made are random; give the two cases ones that fold alike.
    for (const [index, current] of [first!, second!].entries()) {
      const stored = (await deps.store.getCase(current.tenantId, current.id))!;
      await deps.store.replaceCase({ ...stored.case, reference: references[index]! }, stored.etag, { audit: [] });
    }
    for (const reference of references) {
      const named = turn(`sag ${reference.toLowerCase()}`);
      await handleMessage(named.context, { deps, log, botAppId: '' }, COORDINATOR, da);
      expect(JSON.stringify(cardOf(named.sent[0]))).toContain(da.cards.overview.title(reference));
    }
  });

  it('shows the only open case at once, even beside closed ones', async () => {
    const { deps, open } = await casesOfMette(1, 2);
    const status = turn('sag');
    await handleMessage(status.context, { deps, log, botAppId: '' }, COORDINATOR, da);
    expect(JSON.stringify(cardOf(status.sent[0]))).toContain(da.cards.overview.title(open[0]!.reference));
  });

  it('turns its pages with case.pick', async () => {
    const { deps, open } = await casesOfMette(PICKER_PAGE_SIZE + 3, 0);
    const page = async (number: number) => {
      const pick = turn('', { action: { type: 'Action.Execute', verb: 'case.pick', data: { v: 1, page: number } } });
      return offered(await handleCardAction(pick.context, { deps, log } as never, COORDINATOR, da));
    };
    const [first, second] = [await page(0), await page(1)];
    expect(first).toHaveLength(PICKER_PAGE_SIZE);
    expect([...first, ...second].sort()).toEqual(open.map((current) => current.id).sort());
  });
});
