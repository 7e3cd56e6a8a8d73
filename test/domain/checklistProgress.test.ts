// The checklist's progress counts only the questions that apply (issue 11, section 8): "Hvis nej,
// hvorfor ikke?" only for someone absent, who and where the VIP comes from only when there is one, the
// plan's follow-up not at the first meeting, another participant's questions only once named; an agenda
// point left unticked was not covered, not unanswered.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { answerChecklist, checklistProgress, incompleteSections, openMeeting, progressOf, checklistQuestions } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;

/** Ali (bostøtte) on the team; no UU-vejleder and no jobcentre caseworker, so their rows are asked as roles. */
function openWithAli(): Case {
  const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali' } }, 'm-ali', by, NOW);
  return openMeeting(team, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
}

/** With Karen, the young person's VIP, on the team too. */
function openWithAliAndKaren(): Case {
  const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali' } }, 'm-ali', by, NOW);
  const withVip = addMember(team, { role: 'vip', person: { kind: 'external', name: 'Karen' } }, 'm-karen', by, NOW);
  return openMeeting(withVip, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
}

const CORE_ROLES_PRESENT = { roleAttended_youthGuidance: 'yes', roleAttended_jobcentre: 'yes' };

function sectionProgress(current: Case, section: string) {
  const meeting = current.meetings.find((candidate) => candidate.status === 'open')!;
  return progressOf(checklistQuestions(current, meeting).filter((question) => question.section === section), meeting.answers);
}

const answer = (current: Case, answers: Record<string, string>) => answerChecklist(current, 'meeting-1', answers, by, NOW);

describe('the checklist\'s progress', () => {
  it('asks why someone did not attend only when they are marked absent', () => {
    const current = openWithAli();
    // Three members and two roles: five attendance questions; no reason is asked yet; other participants may stay unnamed.
    expect(sectionProgress(current, 'attendance')).toEqual({ answered: 0, total: 5 });
    const allPresent = answer(current, { 'attended_m-coordinator': 'yes', 'attended_m-young': 'yes', 'attended_m-ali': 'yes', ...CORE_ROLES_PRESENT });
    expect(sectionProgress(allPresent, 'attendance')).toEqual({ answered: 5, total: 5 });
    const aliAbsent = answer(allPresent, { 'attended_m-ali': 'no' });
    expect(sectionProgress(aliAbsent, 'attendance')).toEqual({ answered: 5, total: 6 });
    expect(sectionProgress(answer(aliAbsent, { 'absenceReason_m-ali': 'Syg' }), 'attendance')).toEqual({ answered: 6, total: 6 });
  });

  it('asks where the VIP comes from and who it is only when the young person has one', () => {
    const current = openWithAliAndKaren();
    expect(sectionProgress(current, 'vip')).toEqual({ answered: 0, total: 1 });
    expect(sectionProgress(answer(current, { vipAttached: 'no' }), 'vip')).toEqual({ answered: 1, total: 1 });
    const withVip = answer(current, { vipAttached: 'yes' });
    expect(sectionProgress(withVip, 'vip')).toEqual({ answered: 1, total: 3 });
    expect(sectionProgress(answer(withVip, { vipSource: 'private', vipMemberId: 'm-karen' }), 'vip')).toEqual({ answered: 3, total: 3 });
  });

  it('does not count the follow-up on the plan at the first meeting, and counts it at the next', () => {
    const first = openWithAli();
    expect(sectionProgress(first, 'preparation')).toEqual({ answered: 0, total: 4 });
    const held = { ...first, meetings: first.meetings.map((meeting) => ({ ...meeting, status: 'held' as const })) };
    const second = openMeeting(held, 'meeting-2', { date: '2026-11-23', time: '12:00' }, by, NOW);
    expect(sectionProgress(second, 'preparation')).toEqual({ answered: 0, total: 5 });
  });

  it('counts the agenda\'s points as ticks, not as questions waiting for an answer', () => {
    const current = answer(openWithAli(), { agenda1: 'yes', agenda3: 'yes' });
    expect(sectionProgress(current, 'agenda')).toEqual({ answered: 0, total: 0 });
  });

  it('reaches its total, and every section is done, when everything that applies is answered', () => {
    const answered = answer(openWithAliAndKaren(), {
      roleLeader: 'm-coordinator',
      roleWriter: 'm-ali',
      roleInterviewer: 'm-coordinator',
      prepHandoverSent: 'yes',
      prepPreMeeting: 'no',
      prepNetworkMapMade: 'yes',
      prepNetworkMapUsed: 'yes',
      vipAttached: 'yes',
      vipMemberId: 'm-karen',
      vipSource: 'private',
      'attended_m-coordinator': 'yes',
      'attended_m-young': 'yes',
      'attended_m-ali': 'no',
      'absenceReason_m-ali': 'På kursus',
      'attended_m-karen': 'yes',
      roleAttended_youthGuidance: 'no',
      roleAbsenceReason_youthGuidance: 'Ikke udpeget endnu',
      roleAttended_jobcentre: 'yes',
      otherName_1: 'Lærer fra produktionsskolen',
      otherAttended_1: 'yes',
      otherReason_1: 'Emil vil gerne starte på produktionsskolen',
      evalResources: 'yes',
      evalChallenges: 'yes',
      evalNeeds: 'yes',
      evalClearGoals: 'yes',
      evalResponsibles: 'no',
      evalYoungPersonSpoke: 'yes',
      evalYoungPersonKnowsFollowUp: 'yes',
      evalWentWell: 'yes',
      evalAgendaCompleted: 'unknown',
      evalLengthMinutes: '90',
      youngPersonStatus: 'education',
    });
    const meeting = answered.meetings[0]!;
    // Roles 3, preparation 4, VIP 3, attendance 4 members + Ali's reason + 2 roles + the UU-vejleder's reason + 1 other's 2, evaluation 10, status 1.
    expect(checklistProgress(answered, meeting)).toEqual({ answered: 31, total: 31 });
    expect(incompleteSections(answered, meeting)).toEqual([]);
    // An answer to a question that no longer applies (a reason for someone since marked present) is kept, not counted.
    const present = answer(answered, { 'attended_m-ali': 'yes' });
    expect(present.meetings[0]!.answers['absenceReason_m-ali']).toBe('På kursus');
    expect(checklistProgress(present, present.meetings[0]!)).toEqual({ answered: 30, total: 30 });
  });
});
