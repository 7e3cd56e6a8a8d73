// The cases the tab's tests look at, built through the bot's use cases a few weeks before NOW:
// - Emil's case (Mette coordinates): Jonas on the team and covered by a consent that runs out soon, a
//   goal with an agreement of Jonas's now overdue and one of Mette's, the next meeting planned with its
//   leader and a preparation step answered;
// - Sofie's case (Mette coordinates): Jonas on the team with an agreement, but no consent at all;
// - Ida's case, coordinated by Lise: neither Mette nor Jonas is on it.
import type { Actor } from '../../bot/app/context';
import { addCaseAgreement, addCaseGoal } from '../../bot/app/goalsForm';
import { recordCaseConsent } from '../../bot/app/manageConsent';
import { changeInterventions } from '../../bot/app/interventions';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { answerMeetingChecklist, planNetworkMeeting } from '../../bot/app/runMeeting';
import { memberByAadObjectId } from '../../bot/domain/case';
import type { TabServer } from './tabServer';

export const TENANT = 'tenant-a';
export const METTE: Actor = { tenantId: TENANT, aadObjectId: 'aad-mette', name: 'Mette Madsen' };
export const JONAS: Actor = { tenantId: TENANT, aadObjectId: 'aad-jonas', name: 'Jonas Jensen' };
export const LISE: Actor = { tenantId: TENANT, aadObjectId: 'aad-lise', name: 'Lise Holm' };
/** Mette's object id in another municipality's tenant. */
export const METTE_ELSEWHERE: Actor = { ...METTE, tenantId: 'tenant-b' };

export const NOW = new Date('2026-11-23T09:00:00Z');
const BUILT = new Date('2026-10-01T09:00:00Z');

export const EMIL = { name: 'Emil Hansen', birthDate: '2007-05-01', phone: '22334455', status: 'neither' };
export const SOFIE = { name: 'Sofie Berg', birthDate: '2006-02-11', phone: '33445566', email: 'sofie@example.dk', status: 'education' };
export const IDA = { name: 'Ida Lund', birthDate: '2008-09-30', phone: '44556677', status: 'work' };

export interface TabScene {
  emil: { caseId: string; reference: string };
  sofie: { caseId: string; reference: string };
  ida: { caseId: string; reference: string };
}

export async function buildScene(tab: TabServer): Promise<TabScene> {
  const { deps } = tab;
  tab.setNow(BUILT);
  const jonas = { role: 'youthGuidance', person: { kind: 'teams' as const, aadObjectId: JONAS.aadObjectId, name: JONAS.name } };

  const emil = await openCase(deps, METTE, EMIL);
  const emilWithJonas = await addTeamMember(deps, METTE, emil.id, jonas);
  const jonasInEmil = memberByAadObjectId(emilWithJonas, JONAS.aadObjectId)?.id ?? '';
  const metteInEmil = memberByAadObjectId(emilWithJonas, METTE.aadObjectId)?.id ?? '';
  await recordCaseConsent(deps, METTE, emil.id, { givenByYoungPerson: true, givenOn: '2025-12-10', expiresOn: '2026-12-10', partyMemberIds: [jonasInEmil] });
  const withGoal = await addCaseGoal(deps, METTE, emil.id, { theme: 'education', longTermGoal: 'Emil starter på en uddannelse' });
  const goalId = withGoal.goals[0]?.id ?? '';
  await addCaseAgreement(deps, METTE, emil.id, goalId, { action: 'Jonas ringer til produktionsskolen', ownerMemberId: jonasInEmil, followUpOn: '2026-10-20', followUpMethod: 'phone' });
  await addCaseAgreement(deps, METTE, emil.id, goalId, { action: 'Mette søger om bostøtte', ownerMemberId: metteInEmil, followUpOn: '2026-12-01', followUpMethod: 'email' });
  await changeInterventions(deps, METTE, emil.id, { kind: 'add', intervention: { what: 'Mentor på produktionsskolen', administration: 'Jobcenter', why: 'Støtte til fremmøde', from: '2026-09-01', to: '2027-01-31', status: 'active' } });
  const planned = await planNetworkMeeting(deps, METTE, emil.id, { date: '2026-12-03', time: '10:00' });
  // Roles and preparation are filled in before the meeting.
  await answerMeetingChecklist(deps, METTE, emil.id, planned.meetings[0]?.id ?? '', { roleLeader: metteInEmil, prepHandoverSent: 'yes' });

  const sofie = await openCase(deps, METTE, SOFIE);
  const sofieWithJonas = await addTeamMember(deps, METTE, sofie.id, jonas);
  const jonasInSofie = memberByAadObjectId(sofieWithJonas, JONAS.aadObjectId)?.id ?? '';
  const sofieGoal = await addCaseGoal(deps, METTE, sofie.id, { theme: 'housing', longTermGoal: 'Sofie får sin egen bolig' });
  await addCaseAgreement(deps, METTE, sofie.id, sofieGoal.goals[0]?.id ?? '', { action: 'Jonas skriver til boligforeningen om Sofie', ownerMemberId: jonasInSofie, followUpOn: '2026-12-15', followUpMethod: 'email' });

  const ida = await openCase(deps, LISE, IDA);

  tab.setNow(NOW);
  return {
    emil: { caseId: emil.id, reference: emil.reference },
    sofie: { caseId: sofie.id, reference: sofie.reference },
    ida: { caseId: ida.id, reference: ida.reference },
  };
}
