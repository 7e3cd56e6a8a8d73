// Every refusal because of who asked is audited as denied (README: "every read and every refusal"),
// whichever use case refuses: one scenario per entry point, for every error code of kind `access`.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/app/context';
import { completeMyAgreement, listMyAgreements } from '../../bot/app/agreements';
import { acceptAgreementChange, askAgreementChange, changeCaseAgreement } from '../../bot/app/changeAgreements';
import { acknowledgeCaseHandOver, approveAndCirculate, closeNetworkMeeting, recordCaseFeedbackGiven } from '../../bot/app/closeMeeting';
import { addCaseAgreement, addCaseGoal } from '../../bot/app/goalsForm';
import { recordCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { readCase, selectCase } from '../../bot/app/readCase';
import { reportPlanSlipping } from '../../bot/app/reportPlanSlipping';
import { recordMeasure } from '../../bot/app/measures';
import { exportCase } from '../../bot/app/rights';
import { answerMeetingChecklist, openNetworkMeeting } from '../../bot/app/runMeeting';
import { moveCase } from '../../bot/app/moveCase';
import { changeOrganisation, readOrganisation } from '../../bot/app/organisation';
import { administratorKey } from '../../bot/domain/access';
import { readLeaderReport } from '../../bot/app/statistics';
import type { AccessRefusalCode } from '../../bot/domain/errors';
import { addLeader, addUnit } from '../../bot/domain/organisation';
import { organisationAuditId } from '../../bot/store/port';
import { asyncCodeOf } from '../support/refusals';
import { COORDINATOR, JONAS, STRANGER, YOUNG_PERSON, appDeps } from './appFixture';

const ALI: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: 'aad-ali', name: 'Ali Hassan' };
/** On the team, but not covered by the consent. */
const LARS: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: 'aad-lars', name: 'Lars Berg' };

/**
 * Jonas wrote the closed meeting's form and owns its agreement, Ali keeps an eye on the young person,
 * Lars is on the team without consent, Lise (STRANGER) is not on the team.
 */
async function circulatedCase() {
  const deps = appDeps();
  const caseId = (await openCase(deps, COORDINATOR, YOUNG_PERSON)).id;
  const add = (actor: Actor, role: 'youthGuidance' | 'housingSupport' | 'school') =>
    addTeamMember(deps, COORDINATOR, caseId, { role, person: { kind: 'teams', aadObjectId: actor.aadObjectId, name: actor.name } });
  await add(JONAS, 'youthGuidance');
  await add(ALI, 'housingSupport');
  const team = await add(LARS, 'school');
  const id = (actor: Actor) => team.members.find((member) => member.person.kind === 'teams' && member.person.aadObjectId === actor.aadObjectId)!.id;
  const consented = [COORDINATOR, JONAS, ALI].map(id);
  await recordCaseConsent(deps, COORDINATOR, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: consented });
  const meetingId = (await openNetworkMeeting(deps, COORDINATOR, caseId, { date: '2026-11-23', time: '10:00' })).meetings[0]!.id;
  await answerMeetingChecklist(deps, COORDINATOR, caseId, meetingId, { roleWriter: id(JONAS) });
  const goalId = (await addCaseGoal(deps, JONAS, caseId, { theme: 'education', longTermGoal: 'Jeg vil være tømrer' })).goals[0]!.id;
  await addCaseAgreement(deps, JONAS, caseId, goalId, { action: 'Ringe til skolen', ownerMemberId: id(JONAS), followUpOn: '2026-12-01', followUpMethod: 'phone' });
  const closing = { waitingArrangement: 'Ali holder kontakten', feedbackMemberId: id(COORDINATOR), eyeKeeperMemberId: id(ALI), acuteContactMemberId: id(ALI), summary: 'Fokus på uddannelse.' };
  await closeNetworkMeeting(deps, COORDINATOR, caseId, meetingId, { ...closing, nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', confirmEmptySections: true });
  await approveAndCirculate(deps, COORDINATOR, caseId, meetingId, '2026-11-23');
  const agreementId = (await listMyAgreements(deps, JONAS)).agreements[0]!.agreement.id;
  const nextMeetingId = (await deps.store.getCase(COORDINATOR.tenantId, caseId))!.case.meetings.find((meeting) => meeting.status === 'planned')!.id;
  return { deps, caseId, meetingId, agreementId, nextMeetingId };
}

type Fixture = Awaited<ReturnType<typeof circulatedCase>>;

/** The young person's adult (VIP), in Teams and covered by the consent. */
const VIP: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: 'aad-karen', name: 'Karen Hansen' };

/** The VIP on the team in Teams under the consent, and an internal coordination meeting open (seed 003); its id. */
async function internalMeetingWithVip({ deps, caseId }: Fixture): Promise<string> {
  const team = await addTeamMember(deps, COORDINATOR, caseId, { role: 'vip', person: { kind: 'teams', aadObjectId: VIP.aadObjectId, name: VIP.name } });
  const partyMemberIds = team.members.filter((member) => member.person.kind !== 'teams' || member.person.aadObjectId !== 'aad-lars').map((member) => member.id);
  await recordCaseConsent(deps, COORDINATOR, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds });
  const opened = await openNetworkMeeting(deps, COORDINATOR, caseId, { date: '2026-11-23', time: '13:00' }, undefined, 'internal');
  return opened.meetings.find((meeting) => meeting.kind === 'internal')!.id;
}
interface Scenario {
  actor: Actor;
  action: string;
  run: (fixture: Fixture) => Promise<unknown>;
  /** A refusal about the municipality's units and leaders is audited under its organisation, not a case. */
  aboutOrganisation?: true;
}

/** The municipality's administrator (settings: ADMIN_AAD_OBJECT_IDS), and a leader of unit Nord. */
const ADMIN: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a', name: 'Anna Admin' };
const LEADER: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: '1b1b1b1b-0000-4000-8000-00000000000b', name: 'Lene Leder' };
const ADMINS = new Set([administratorKey(ADMIN.tenantId, ADMIN.aadObjectId)]);

/** Units Nord and Syd, with LEADER leading Nord; the id of Syd. */
async function twoUnits({ deps }: Fixture): Promise<string> {
  await changeOrganisation(deps, ADMIN, ADMINS, 'unit.add', (current) => addUnit(current, 'unit-nord', 'Nord'));
  await changeOrganisation(deps, ADMIN, ADMINS, 'unit.add', (current) => addUnit(current, 'unit-syd', 'Syd'));
  await changeOrganisation(deps, ADMIN, ADMINS, 'leader.add', (current) => addLeader(current, LEADER.aadObjectId, 'Nord'));
  return 'unit-syd';
}

// Keyed by every access code: a new one does not compile until it has its scenarios here.
const SCENARIOS = {
  notTeamMember: [
    { actor: STRANGER, action: 'overview.read', run: ({ deps, caseId }) => readCase(deps, STRANGER, caseId, 'overview') },
    { actor: STRANGER, action: 'case.select', run: ({ deps, caseId }) => selectCase(deps, STRANGER, caseId) },
    { actor: STRANGER, action: 'goal.add', run: ({ deps, caseId }) => addCaseGoal(deps, STRANGER, caseId, { theme: 'housing', longTermGoal: 'Egen bolig' }) },
    { actor: STRANGER, action: 'case.export', run: ({ deps, caseId }) => exportCase(deps, STRANGER, caseId) },
  ],
  notCoordinator: [
    { actor: JONAS, action: 'consent.read', run: ({ deps, caseId }) => readCase(deps, JONAS, caseId, 'consent') },
    { actor: JONAS, action: 'team.addExternal', run: ({ deps, caseId }) => addTeamMember(deps, JONAS, caseId, { role: 'school', person: { kind: 'external', name: 'Ole' } }) },
    { actor: JONAS, action: 'case.export', run: ({ deps, caseId }) => exportCase(deps, JONAS, caseId) },
    // Between meetings an owner asks for a change; only the coordinator changes an agreement or decides.
    { actor: JONAS, action: 'agreement.change', run: ({ deps, caseId, agreementId }) => changeCaseAgreement(deps, JONAS, { caseId, agreementId, input: { followUpOn: '2026-12-20' } }) },
    { actor: JONAS, action: 'agreement.acceptChange', run: ({ deps, caseId, agreementId }) => acceptAgreementChange(deps, JONAS, { caseId, agreementId }) },
  ],
  noValidConsent: [
    { actor: LARS, action: 'goals.read', run: ({ deps, caseId }) => readCase(deps, LARS, caseId, 'goals') },
    { actor: LARS, action: 'plan.slipping', run: ({ deps, caseId }) => reportPlanSlipping(deps, LARS, caseId) },
    { actor: LARS, action: 'meeting.answer', run: ({ deps, caseId, meetingId }) => answerMeetingChecklist(deps, LARS, caseId, meetingId, { roleLead: 'x' }) },
  ],
  notWriter: [{ actor: ALI, action: 'goal.add', run: ({ deps, caseId }) => addCaseGoal(deps, ALI, caseId, { theme: 'housing', longTermGoal: 'Egen bolig' }) }],
  notAgreementOwner: [
    { actor: ALI, action: 'agreement.done', run: ({ deps, caseId, agreementId }) => completeMyAgreement(deps, ALI, caseId, agreementId) },
    { actor: ALI, action: 'agreement.requestChange', run: ({ deps, caseId, agreementId }) => askAgreementChange(deps, ALI, { caseId, agreementId, input: { followUpOn: '2026-12-20', why: 'Travlt' } }) },
  ],
  meetingRolesByCoordinator: [
    { actor: JONAS, action: 'meeting.answer', run: ({ deps, caseId, nextMeetingId }) => answerMeetingChecklist(deps, JONAS, caseId, nextMeetingId, { roleLeader: 'x' }) },
  ],
  internalMeetingForProfessionals: [
    { actor: VIP, action: 'checklist.read', run: async (fixture) => readCase(fixture.deps, VIP, fixture.caseId, 'checklist', await internalMeetingWithVip(fixture)) },
    {
      actor: VIP,
      action: 'meeting.answer',
      run: async (fixture) => answerMeetingChecklist(fixture.deps, VIP, fixture.caseId, await internalMeetingWithVip(fixture), {}),
    },
    // The feedback button sent with an internal meeting's id tells a VIP nothing of that meeting.
    { actor: VIP, action: 'feedback.given', run: async (fixture) => recordCaseFeedbackGiven(fixture.deps, VIP, fixture.caseId, await internalMeetingWithVip(fixture)) },
  ],
  notEyeKeeper: [{ actor: JONAS, action: 'handOver.acknowledge', run: ({ deps, caseId, meetingId }) => acknowledgeCaseHandOver(deps, JONAS, caseId, meetingId) }],
  notAdministrator: [
    { actor: COORDINATOR, action: 'unit.add', aboutOrganisation: true, run: ({ deps }) => changeOrganisation(deps, COORDINATOR, ADMINS, 'unit.add', (current) => addUnit(current, 'unit-x', 'X')) },
    {
      actor: COORDINATOR,
      action: 'leader.add',
      aboutOrganisation: true,
      run: async (fixture) => {
        await twoUnits(fixture);
        return changeOrganisation(fixture.deps, COORDINATOR, ADMINS, 'leader.add', (current) => addLeader(current, LEADER.aadObjectId, 'Syd'));
      },
    },
    { actor: LEADER, action: 'organisation.read', aboutOrganisation: true, run: ({ deps }) => readOrganisation(deps, LEADER, ADMINS) },
    // The coordinator of the case may not move it to another unit either.
    {
      actor: COORDINATOR,
      action: 'unit.move',
      aboutOrganisation: true,
      run: async (fixture) => {
        await twoUnits(fixture);
        const { reference } = (await fixture.deps.store.getCase(COORDINATOR.tenantId, fixture.caseId))!.case;
        return moveCase(fixture.deps, COORDINATOR, ADMINS, reference, 'Syd');
      },
    },
  ],
  notLeader: [{ actor: COORDINATOR, action: 'statistics.read', aboutOrganisation: true, run: ({ deps }) => readLeaderReport(deps, COORDINATOR, { periodId: '2026H1' }) }],
  notLeaderOfUnit: [
    { actor: LEADER, action: 'statistics.read', aboutOrganisation: true, run: async (fixture) => readLeaderReport(fixture.deps, LEADER, { periodId: '2026H1', unitId: await twoUnits(fixture) }) },
  ],
  // The coordinator gives the feedback: Jonas, on the team under the consent, may not record it.
  notFeedbackGiver: [{ actor: JONAS, action: 'feedback.given', run: ({ deps, caseId, meetingId }) => recordCaseFeedbackGiven(deps, JONAS, caseId, meetingId) }],
  // The coordinator measures until someone is named: Jonas, on the team under the consent, may not record a WHO-5.
  notMeasurer: [
    { actor: JONAS, action: 'measures.wellbeing', run: ({ deps, caseId }) => recordMeasure(deps, JONAS, caseId, { kind: 'who5', record: { on: '2026-11-23', answers: ['3', '3', '2', '4', '1'] } }) },
  ],
} satisfies Record<AccessRefusalCode, Scenario[]>;

describe('every refusal because of who asked', () => {
  it.each(Object.entries(SCENARIOS).flatMap(([code, scenarios]) => scenarios.map((scenario: Scenario) => [code, scenario.action, scenario] as const)))(
    '%s from %s is audited as denied',
    async (code, action, { actor, run, aboutOrganisation }) => {
      const fixture = await circulatedCase();
      expect(await asyncCodeOf(run(fixture))).toBe(code);
      const auditedUnder = aboutOrganisation ? organisationAuditId(COORDINATOR.tenantId) : fixture.caseId;
      expect((await fixture.deps.store.listAudit(COORDINATOR.tenantId, auditedUnder)).at(-1)).toMatchObject({ actorAadObjectId: actor.aadObjectId, action, outcome: 'denied' });
    },
  );
});
