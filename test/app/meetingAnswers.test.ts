// Many team members answer one meeting's checklist at the same moment, on both stores: every answer
// lands, and an activity delivered twice by Teams is applied once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AppDeps } from '../../bot/app/context';
import { recordCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { answerMeetingChecklist, openNetworkMeeting } from '../../bot/app/runMeeting';
import { CosmosCaseStore } from '../../bot/store/cosmosStore';
import type { CaseStore } from '../../bot/store/port';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { SqliteCaseStore } from '../../bot/store/sqliteStore';
import { NOW } from '../domain/fixtures';
import { type CosmosTestServer, startCosmosServer } from '../support/cosmosServer';
import { asyncCodeOf } from '../support/refusals';
import { COORDINATOR, YOUNG_PERSON } from './appFixture';

const MEMBERS = 20;
const member = (i: number): Actor => ({ tenantId: COORDINATOR.tenantId, aadObjectId: `aad-member-${i}`, name: `Medlem ${i}` });

function depsOn(store: CaseStore): AppDeps {
  let next = 0;
  return { store, now: () => NOW, newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`, reminders: new ReminderPlanner(new WorkingDays()) };
}

async function meetingWithTeam(deps: AppDeps) {
  const created = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  for (let i = 0; i < MEMBERS; i++) {
    await addTeamMember(deps, COORDINATOR, created.id, { role: 'school', person: { kind: 'teams', aadObjectId: member(i).aadObjectId, name: member(i).name } });
  }
  const team = (await deps.store.getCase(COORDINATOR.tenantId, created.id))!.case.members;
  await recordCaseConsent(deps, COORDINATOR, created.id, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: team.map((m) => m.id) });
  const opened = await openNetworkMeeting(deps, COORDINATOR, created.id, { date: '2026-11-23', time: '10:00' });
  const memberIdOf = (i: number) => team.find((m) => m.person.kind === 'teams' && m.person.aadObjectId === member(i).aadObjectId)!.id;
  return { caseId: created.id, meetingId: opened.meetings[0]!.id, memberIdOf };
}

function describeOn(name: string, openStore: () => Promise<CaseStore>) {
  describe(`checklist answers on ${name}`, () => {
    it(`lets ${MEMBERS} members answer at the same moment, losing none`, async () => {
      const deps = depsOn(await openStore());
      const { caseId, meetingId, memberIdOf } = await meetingWithTeam(deps);
      await Promise.all(
        Array.from({ length: MEMBERS }, (_, i) =>
          answerMeetingChecklist(deps, member(i), caseId, meetingId, { [`attended_${memberIdOf(i)}`]: i % 2 === 0 ? 'yes' : 'no' }, `activity-${i}`),
        ),
      );
      const stored = (await deps.store.getCase(COORDINATOR.tenantId, caseId))!.case;
      const meeting = stored.meetings[0]!;
      for (let i = 0; i < MEMBERS; i++) expect(meeting.answers[`attended_${memberIdOf(i)}`]).toBe(i % 2 === 0 ? 'yes' : 'no');
      expect(meeting.answerLog).toHaveLength(MEMBERS);
      const audit = await deps.store.listAudit(COORDINATOR.tenantId, caseId);
      expect(audit.filter((record) => record.action === 'meeting.answer')).toHaveLength(MEMBERS);
      await deps.store.close();
    });

    it('applies an activity that Teams delivers twice only once', async () => {
      const deps = depsOn(await openStore());
      const { caseId, meetingId } = await meetingWithTeam(deps);
      const answer = () => answerMeetingChecklist(deps, member(0), caseId, meetingId, { prepPreMeeting: 'yes' }, 'activity-same');
      await answer();
      // Someone changes the answer; the redelivered first activity must not change it back.
      await answerMeetingChecklist(deps, member(1), caseId, meetingId, { prepPreMeeting: 'no' }, 'activity-other');
      await answer();
      const meeting = (await deps.store.getCase(COORDINATOR.tenantId, caseId))!.case.meetings[0]!;
      expect(meeting.answers.prepPreMeeting).toBe('no');
      expect(meeting.answerLog.map((change) => change.value)).toEqual(['yes', 'no']);
      const answersAudited = (await deps.store.listAudit(COORDINATOR.tenantId, caseId)).filter((record) => record.action === 'meeting.answer');
      expect(answersAudited).toHaveLength(2);
      await deps.store.close();
    });

    it('keeps the answer log bounded when one member answers the same question again and again', async () => {
      const deps = depsOn(await openStore());
      const { caseId, meetingId } = await meetingWithTeam(deps);
      for (let round = 0; round < 200; round++) {
        await answerMeetingChecklist(deps, member(round % MEMBERS), caseId, meetingId, { otherName_1: `Moster nr. ${round}` }, `activity-${round}`);
      }
      const meeting = (await deps.store.getCase(COORDINATOR.tenantId, caseId))!.case.meetings[0]!;
      expect(meeting.answers.otherName_1).toBe('Moster nr. 199');
      // The first change and the latest: who began and who wrote what stands now; the rest is counted.
      expect(meeting.answerLog.map((change) => change.value)).toEqual(['Moster nr. 0', 'Moster nr. 199']);
      expect(meeting.droppedAnswerChanges).toBe(198);
      await deps.store.close();
    });

    it('refuses a non-member and writes nothing but the refusal', async () => {
      const deps = depsOn(await openStore());
      const { caseId, meetingId } = await meetingWithTeam(deps);
      const stranger: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: 'aad-stranger', name: 'Lise' };
      expect(await asyncCodeOf(answerMeetingChecklist(deps, stranger, caseId, meetingId, { prepPreMeeting: 'yes' }, 'a'))).toBe('notTeamMember');
      const meeting = (await deps.store.getCase(COORDINATOR.tenantId, caseId))!.case.meetings[0]!;
      expect(meeting.answerLog).toEqual([]);
      expect((await deps.store.listAudit(COORDINATOR.tenantId, caseId)).at(-1)).toMatchObject({ action: 'meeting.answer', outcome: 'denied' });
      await deps.store.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
describeOn('the embedded SQLite store', async () => new SqliteCaseStore(join(dir, `store-${++files}.sqlite`)));

let server: CosmosTestServer;
beforeAll(async () => {
  server = await startCosmosServer();
});
afterAll(async () => server.stop());
let databases = 0;
describeOn('the Cosmos DB test server', () =>
  CosmosCaseStore.open({ endpoint: server.endpoint, key: server.key, agent: server.agent, databaseId: `answers-${++databases}` }),
);
