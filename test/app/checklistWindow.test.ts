// The checklist when the work happens and who appoints the meeting roles (issue 11, sections 2 and 3),
// through the use cases on the real embedded store: refusals save nothing, and a refusal because of
// who asked is audited as denied.
import { describe, expect, it } from 'vitest';
import { approveAndCirculate, closeNetworkMeeting } from '../../bot/app/closeMeeting';
import { addCaseGoal } from '../../bot/app/goalsForm';
import { recordCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember } from '../../bot/app/manageTeam';
import { openCase } from '../../bot/app/openCase';
import { answerMeetingChecklist, openNetworkMeeting, planNetworkMeeting } from '../../bot/app/runMeeting';
import { asyncCodeOf } from '../support/refusals';
import { COORDINATOR, JONAS, YOUNG_PERSON, appDeps } from './appFixture';

async function caseWithJonas() {
  const deps = appDeps();
  const created = await openCase(deps, COORDINATOR, YOUNG_PERSON);
  const withJonas = await addTeamMember(deps, COORDINATOR, created.id, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name } });
  const ids = Object.fromEntries(withJonas.members.map((member) => [member.role, member.id]));
  await recordCaseConsent(deps, COORDINATOR, created.id, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: Object.values(ids) });
  const stored = async () => (await deps.store.getCase(COORDINATOR.tenantId, created.id))!;
  const audit = async (action: string) => (await deps.store.listAudit(COORDINATOR.tenantId, created.id)).filter((record) => record.action === action).map((record) => [record.actorAadObjectId, record.outcome]);
  return { deps, caseId: created.id, ids, stored, audit };
}

const closing = (ids: Record<string, string>) => ({
  waitingArrangement: 'Jonas holder kontakten',
  feedbackMemberId: ids.coordinator,
  eyeKeeperMemberId: ids.youthGuidance,
  acuteContactMemberId: ids.youthGuidance,
  nextMeetingDate: '2027-02-15',
  nextMeetingTime: '09:00',
  summary: 'Fokus på uddannelse.',
});

describe('the checklist before, during and after the meeting', () => {
  it('a planned meeting takes the preparation from any member and the roles from the coordinator; the rest waits for the meeting', async () => {
    const { deps, caseId, ids, stored, audit } = await caseWithJonas();
    const planned = await planNetworkMeeting(deps, COORDINATOR, caseId, { date: '2026-12-01', time: '10:00' });
    const meetingId = planned.meetings[0]!.id;
    await answerMeetingChecklist(deps, JONAS, caseId, meetingId, { prepPreMeeting: 'yes' });
    await answerMeetingChecklist(deps, COORDINATOR, caseId, meetingId, { roleWriter: ids.youthGuidance! });
    const before = await stored();

    expect(await asyncCodeOf(answerMeetingChecklist(deps, JONAS, caseId, meetingId, { roleLeader: ids.youthGuidance! }))).toBe('meetingRolesByCoordinator');
    expect(await asyncCodeOf(answerMeetingChecklist(deps, JONAS, caseId, meetingId, { evalNeeds: 'yes' }))).toBe('sectionNotAnswerableNow');
    const after = await stored();
    expect(after.etag).toBe(before.etag);
    expect(after.case.meetings[0]!.answers).toEqual({ prepPreMeeting: 'yes', roleWriter: ids.youthGuidance });
    // Appointing oneself is refused for who asked: audited as denied; the state refusal is not.
    expect(await audit('meeting.answer')).toEqual([
      [JONAS.aadObjectId, 'ok'],
      [COORDINATOR.aadObjectId, 'ok'],
      [JONAS.aadObjectId, 'denied'],
    ]);
  });

  it('closing names the empty sections and saves nothing until confirmed; attendance and the evaluation are filled in afterwards, until approval', async () => {
    const { deps, caseId, ids, stored } = await caseWithJonas();
    const opened = await openNetworkMeeting(deps, COORDINATOR, caseId, { date: '2026-11-23', time: '10:00' });
    const meetingId = opened.meetings[0]!.id;
    await answerMeetingChecklist(deps, COORDINATOR, caseId, meetingId, { roleWriter: ids.youthGuidance! });
    const before = await stored();
    expect(await asyncCodeOf(closeNetworkMeeting(deps, COORDINATOR, caseId, meetingId, closing(ids)))).toBe('checklistIncomplete');
    expect((await stored()).etag).toBe(before.etag);

    await closeNetworkMeeting(deps, COORDINATOR, caseId, meetingId, { ...closing(ids), confirmEmptySections: true });
    const closed = (await stored()).case.meetings[0]!;
    expect(closed).toMatchObject({ status: 'held', closure: { sectionsLeftIncomplete: ['roles', 'preparation', 'vip', 'attendance', 'evaluation', 'status'] } });

    // After the meeting: the evaluation, and the minute-taker still writes the form.
    await answerMeetingChecklist(deps, JONAS, caseId, meetingId, { evalWentWell: 'yes', [`attended_${ids.youthGuidance}`]: 'yes' });
    await addCaseGoal(deps, JONAS, caseId, { theme: 'education', longTermGoal: 'Jeg vil være tømrer' });
    expect(await asyncCodeOf(answerMeetingChecklist(deps, JONAS, caseId, meetingId, { prepPreMeeting: 'yes' }))).toBe('sectionNotAnswerableNow');

    await approveAndCirculate(deps, COORDINATOR, caseId, meetingId, '2026-11-23');
    expect(await asyncCodeOf(answerMeetingChecklist(deps, JONAS, caseId, meetingId, { evalNeeds: 'yes' }))).toBe('sectionNotAnswerableNow');
    expect(await asyncCodeOf(addCaseGoal(deps, JONAS, caseId, { theme: 'housing', longTermGoal: 'Egen bolig' }))).toBe('notWriter');
    expect((await stored()).case.meetings[0]!.answers).toMatchObject({ evalWentWell: 'yes', [`attended_${ids.youthGuidance}`]: 'yes' });
  });
});
