// A meeting as large as a team gets: 60 owners (the whole team) and 100 agreements. Its approval
// writes several hundred messages with one save, on both stores, and the dispatcher sends each once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AppDeps } from '../../bot/app/context';
import { approveAndCirculate, closeNetworkMeeting } from '../../bot/app/closeMeeting';
import { addCaseAgreement, addCaseGoal } from '../../bot/app/goalsForm';
import { recordCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { openNetworkMeeting } from '../../bot/app/runMeeting';
import { GOAL_THEMES } from '../../bot/domain/goals';
import { MAX_TEAM_SIZE } from '../../bot/domain/team';
import { OutboxDispatcher } from '../../bot/outbox/dispatcher';
import { CosmosCaseStore } from '../../bot/store/cosmosStore';
import type { CaseStore, OutboxMessage } from '../../bot/store/port';
import { type CosmosTestServer, startCosmosServer } from '../support/cosmosServer';
import { COORDINATOR, YOUNG_PERSON, appDeps } from './appFixture';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const METTE: Actor = { ...COORDINATOR, teamsUserId: '29:mette', serviceUrl: SERVICE_URL };
const AGREEMENTS = 100;
// Spread over the themes: a theme holds at most three goals, a goal twelve agreements (bot/domain/limits.ts).
const GOALS = 10;

let server: CosmosTestServer;
beforeAll(async () => {
  server = await startCosmosServer();
});
afterAll(async () => {
  await server.stop();
});

/** A case whose whole team (60) owns the 100 agreements of its first meeting, closed and ready to approve. */
async function largeMeeting(deps: AppDeps) {
  const created = await openCase(deps, METTE, YOUNG_PERSON, async () => ({ kind: 'groupChat', conversationId: 'chat-1' }));
  const caseId = created.id;
  let current = created;
  for (let i = current.members.length; i < MAX_TEAM_SIZE; i++) {
    // Every tenth outside Teams: their agreements go to the coordinator, who relays them.
    const person = i % 10 === 0
      ? { kind: 'external' as const, name: `Ekstern ${i}`, phone: `2233${String(4400 + i)}` }
      : { kind: 'teams' as const, aadObjectId: `aad-${i}`, name: `Medarbejder ${i}`, teamsUserId: `29:${i}` };
    current = await addTeamMember(deps, METTE, caseId, { role: 'school', person });
  }
  const memberIds = current.members.map((member) => member.id);
  await recordCaseConsent(deps, METTE, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: memberIds });
  const opened = await openNetworkMeeting(deps, METTE, caseId, { date: '2026-11-23', time: '10:00' });
  const meetingId = opened.meetings[0]!.id;
  const goalIds: string[] = [];
  for (let g = 0; g < GOALS; g++) goalIds.push((await addCaseGoal(deps, METTE, caseId, { theme: GOAL_THEMES[g % GOAL_THEMES.length], longTermGoal: `Mål ${g}` })).goals[g]!.id);
  for (let a = 0; a < AGREEMENTS; a++) {
    const followUpOn = `2026-12-${String(1 + (a % 20)).padStart(2, '0')}`;
    await addCaseAgreement(deps, METTE, caseId, goalIds[a % GOALS]!, { action: `Aftale ${a}`, ownerMemberId: memberIds[a % memberIds.length]!, followUpOn, followUpMethod: 'phone' });
  }
  const eyeKeeper = current.members.find((member) => member.person.kind === 'teams' && member.role === 'school')!.id;
  await closeNetworkMeeting(deps, METTE, caseId, meetingId, {
    waitingArrangement: 'Koordinatoren holder kontakten',
    feedbackMemberId: memberIds[0]!,
    eyeKeeperMemberId: eyeKeeper,
    acuteContactMemberId: eyeKeeper,
    nextMeetingDate: '2027-02-15',
    nextMeetingTime: '09:00',
    summary: 'Et stort møde.',
    confirmEmptySections: true,
  });
  return { caseId, meetingId, owners: new Set(memberIds) };
}

/** Runs the dispatcher at `at` until nothing more is due; counts every message handed to `send`. */
async function dispatchAll(store: CaseStore, at: Date, sent: Map<string, number>) {
  const dispatcher = new OutboxDispatcher({
    store,
    now: () => at,
    owner: 'dispatcher-1',
    leaseMs: 60_000,
    batchSize: 100,
    concurrency: 8,
    send: async (message, digest) => {
      for (const one of [message, ...digest]) sent.set(one.id, (sent.get(one.id) ?? 0) + 1);
      return { status: 'sent' };
    },
  });
  for (let counts = await dispatcher.runOnce(); counts.claimed > 0; counts = await dispatcher.runOnce()) {
    expect(counts.failed + counts.retried + counts.lapsed + counts.deferred + counts.takenOver).toBe(0);
  }
}

describe.each([
  ['SQLite', async () => appDeps()],
  [
    'Cosmos DB test server',
    async () => {
      const store = await CosmosCaseStore.open({ endpoint: server.endpoint, key: server.key, agent: server.agent, databaseId: `large-${Date.now()}` });
      return { ...appDeps(), store };
    },
  ],
])('a meeting with 60 owners and 100 agreements (%s)', (_name, depsFor) => {
  it('is approved and circulated, and every message goes out once', async () => {
    const deps = await depsFor();
    try {
      const { caseId, meetingId, owners } = await largeMeeting(deps);
      await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');

      const written = await deps.store.listOutbox(COORDINATOR.tenantId, caseId);
      // More than one save could ever hold as one operation each: minutes, 60 owners, hand-over, reminders.
      expect(written.length).toBeGreaterThan(400);
      expect(new Set(written.map((message) => message.id)).size).toBe(written.length);
      const assigned = written.filter((message) => message.kind === 'agreementAssigned' || message.kind === 'agreementRelay');
      expect(new Set(assigned.map((message) => message.about.ownerMemberId))).toEqual(owners);
      expect(written.filter((message) => message.kind === 'minutes')).toHaveLength(1);

      const sent = new Map<string, number>();
      await dispatchAll(deps.store, deps.now(), sent);
      const due = written.filter((message) => message.notBefore <= deps.now().toISOString());
      expect([...sent.keys()].sort()).toEqual(due.map((message) => message.id).sort());
      // A year on, every planned reminder has come due too.
      await dispatchAll(deps.store, new Date(deps.now().getTime() + 366 * 86_400_000), sent);
      expect([...sent.keys()].sort()).toEqual(written.map((message) => message.id).sort());
      expect([...sent.values()].every((times) => times === 1)).toBe(true);
      const after: OutboxMessage[] = await deps.store.listOutbox(COORDINATOR.tenantId, caseId);
      expect(after.every((message) => message.status === 'sent' && message.attempts === 1)).toBe(true);
    } finally {
      await deps.store.close();
    }
  }, 240_000);
});
