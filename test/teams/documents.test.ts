// `dokumenter [nr]`: a closed meeting's two PDF documents for its coordinator, only in the 1:1 chat,
// each behind a one-time link; the latest closed meeting, or the one of that number.
import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import { ExportLinks } from '../../bot/app/exportLinks';
import { selectCase } from '../../bot/app/readCase';
import { da } from '../../bot/i18n/da';
import { createLogger } from '../../bot/logger';
import type { RightsEnv } from '../../bot/teams/actions/turn';
import { handleMessage } from '../../bot/teams/messageHandler';
import { appDeps } from '../app/appFixture';
import { COORDINATOR, TENANT } from '../domain/fixtures';
import { withApprovedMinutes, withGoals } from '../support/sampleCards';

const log = createLogger('silent');
const METTE = { tenantId: TENANT, aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name };
const JONAS = { tenantId: TENANT, aadObjectId: 'aad-jonas', name: 'Jonas Jensen' };

function turn(text: string, conversationType: 'personal' | 'channel', who = METTE) {
  const sent: Array<Partial<Activity> | string> = [];
  const activity = {
    type: 'message',
    id: `activity-${Math.random()}`,
    text,
    conversation: { id: `conversation-${conversationType}`, conversationType, isGroup: conversationType !== 'personal' },
    from: { id: '29:x', aadObjectId: who.aadObjectId, name: who.name },
  } as unknown as Activity;
  const context = { activity, sendActivity: async (reply: Partial<Activity> | string) => void sent.push(reply) } as unknown as TurnContext;
  return { context, sent };
}

async function setUp(current = withApprovedMinutes()) {
  const deps = appDeps();
  const stored = await deps.store.createCase(current, { audit: [] });
  await selectCase(deps, METTE, stored.case.id);
  await selectCase(deps, JONAS, stored.case.id);
  const links = new ExportLinks(deps.store, deps.now, 'http://127.0.0.1:1');
  const rights: RightsEnv = { exportLinks: links, retentionDays: 1826 };
  const ask = async (text: string, kind: 'personal' | 'channel' = 'personal', who = METTE) => {
    const { context, sent } = turn(text, kind, who);
    await handleMessage(context, { deps, log, rights, botAppId: '' }, who, da);
    return sent;
  };
  return { deps, links, ask, caseId: stored.case.id };
}

const cardOf = (reply: Partial<Activity> | string | undefined) => (typeof reply === 'string' ? undefined : (reply?.attachments?.[0]?.content as { body: Array<{ text: string }>; actions: Array<{ title: string; url: string }> }));

describe('dokumenter', () => {
  it('gives the coordinator the case file and the young person’s copy of the latest closed meeting, each its own link', async () => {
    const { ask, links, caseId } = await setUp();
    const taken = vi.spyOn(links, 'createDocument');
    const card = cardOf((await ask('dokumenter'))[0]);
    expect(card?.body[0]?.text).toBe(da.documents.title('S-ABCDE', 1));
    expect(card?.actions.map((action) => action.title)).toEqual([da.documents.caseFile, da.documents.youngPersonCopy]);
    for (const action of card!.actions) expect(action.url).toMatch(/^http:\/\/127\.0\.0\.1:1\/documents\/[A-Za-z0-9_-]{43}$/);
    expect(taken.mock.calls.map(([, subject]) => subject)).toEqual([
      { caseId, meetingId: 'meeting-1', document: 'caseFile' },
      { caseId, meetingId: 'meeting-1', document: 'youngPersonCopy' },
    ]);
    expect(cardOf((await ask('documents 1'))[0])?.body[0]?.text).toBe(da.documents.title('S-ABCDE', 1));
  });

  it('says so when there is no closed meeting, or none of that number', async () => {
    expect((await (await setUp(withGoals())).ask('dokumenter'))).toEqual([da.errors.noClosedMeeting({})]);
    expect((await (await setUp()).ask('dokumenter 7'))).toEqual([da.errors.noClosedMeeting({ number: 7 })]);
  });

  it('is refused in a channel and for a member who is not the coordinator (audited), and no link is made', async () => {
    const { ask, deps, caseId } = await setUp();
    const saved = vi.spyOn(deps.store, 'saveExportLink');
    expect(await ask('dokumenter', 'channel')).toEqual([da.documents.inPersonalChat]);
    expect(await ask('dokumenter', 'personal', JONAS)).toEqual([da.errors.notCoordinator({})]);
    expect(saved).not.toHaveBeenCalled();
    const audit = await deps.store.listAudit(TENANT, caseId);
    expect(audit.at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'documents.read', outcome: 'denied' });
  });
});
