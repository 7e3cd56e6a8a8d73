// Internal coordination meetings (issue 11 section 5, seed 003): "Fagprofessionelle kan undervejs på
// ansvarlige tværgående koordinators foranledning mødes til intern koordinering/afstemning uden
// deltagelse af den unge/forældre". Recorded as such, with a short checklist of its own, never one of
// the model's network meetings, and never circulated to the young person.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { meetingPhase } from '../../bot/domain/checklist';
import { approveMinutes, closeInternalMeeting, closeMeeting } from '../../bot/domain/closing';
import { addAgreement, addGoal } from '../../bot/domain/goals';
import {
  answerChecklist,
  cancelMeeting,
  cancellableMeetingsOf,
  checklistQuestions,
  incompleteSections,
  isFirstMeeting,
  meetingById,
  meetingLabel,
  meetingNumber,
  nextMeetingOf,
  openMeeting,
  openMeetingOf,
  planMeeting,
  plannedMeetingOf,
} from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const at = { date: '2026-11-23', time: '10:00' };
const closing = {
  waitingArrangement: 'Ingen ventetid',
  feedbackMemberId: 'm-coordinator',
  eyeKeeperMemberId: 'm-coordinator',
  acuteContactMemberId: 'm-coordinator',
  nextMeetingDate: '2027-03-01',
  nextMeetingTime: '09:00',
  summary: 'Kort møde.',
  confirmEmptySections: true,
};

/** The young person, the coordinator, a UU-vejleder, a jobcentre caseworker and the VIP. */
function team(): Case {
  let current = sampleCase();
  current = addMember(current, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-uu', name: 'Ulla' } }, 'm-uu', by, NOW);
  current = addMember(current, { role: 'jobcentre', person: { kind: 'external', name: 'Jens' } }, 'm-job', by, NOW);
  return addMember(current, { role: 'vip', person: { kind: 'external', name: 'Karen' } }, 'm-vip', by, NOW);
}

const openInternal = (current: Case) => openMeeting(current, 'internal-1', at, by, NOW, 'internal');
const holdNetwork = (current: Case, meetingId: string, nextId: string) => {
  const opened = openMeeting(current, meetingId, at, by, NOW);
  return closeMeeting(opened, openMeetingOf(opened)!.id, closing, nextId, by, NOW);
};
const holdInternal = (current: Case, meetingId: string) => closeInternalMeeting(openMeeting(current, meetingId, at, by, NOW, 'internal'), meetingId, true, by, NOW);

describe('an internal coordination meeting', () => {
  it('is recorded as internal, planned and opened as a network meeting is, and is never numbered', () => {
    const planned = planMeeting(team(), 'internal-1', { date: '2026-12-01', time: '13:00' }, by, NOW, 'internal');
    expect(plannedMeetingOf(planned, 'internal')).toMatchObject({ id: 'internal-1', kind: 'internal', status: 'planned' });
    expect(plannedMeetingOf(planned)).toBeUndefined();
    const opened = openMeeting(planned, 'unused', { date: '2026-12-01', time: '13:00' }, by, NOW, 'internal');
    const meeting = meetingById(opened, 'internal-1');
    expect(meeting).toMatchObject({ kind: 'internal', status: 'open' });
    expect(meeting).not.toHaveProperty('number');
    expect(meetingNumber(meeting)).toBeUndefined();
    expect(meetingLabel(meeting)).toBe('internal');
    expect(opened.history.at(-1)).toMatchObject({ kind: 'meetingOpened', meetingId: 'internal-1' });
    // Only one meeting is open at a time, of either kind.
    expect(codeOf(() => openMeeting(opened, 'network-1', at, by, NOW))).toBe('meetingAlreadyOpen');
  });

  it('a meeting recorded before meetings had a kind is a network meeting', () => {
    const opened = openMeeting(team(), 'network-1', at, by, NOW);
    const meeting = meetingById(opened, 'network-1');
    expect(meeting).not.toHaveProperty('kind');
    expect(meetingLabel(meeting)).toBe(1);
  });

  it('is not counted in the numbering of the network meetings, nor as the first meeting', () => {
    const internalFirst = holdInternal(team(), 'internal-1');
    const opened = openMeeting(internalFirst, 'network-1', at, by, NOW);
    // Preparation question 3 ("udfyldes ikke ved første netværksmøde") stays out: an internal meeting came before, no network meeting.
    expect(isFirstMeeting(opened, meetingById(opened, 'network-1'))).toBe(true);
    expect(checklistQuestions(opened, meetingById(opened, 'network-1')).map((question) => question.id)).not.toContain('prepFollowedUpPlan');
    const first = closeMeeting(opened, 'network-1', closing, 'network-2', by, NOW);
    const between = holdInternal(first, 'internal-2');
    const second = openMeeting(between, 'unused', { date: '2027-03-01', time: '09:00' }, by, NOW);
    expect(second.meetings.map((meeting) => [meeting.id, meeting.status, meetingNumber(meeting)])).toEqual([
      ['internal-1', 'held', undefined],
      ['network-1', 'held', 1],
      ['network-2', 'open', 2],
      ['internal-2', 'held', undefined],
    ]);
  });

  it('is planned beside the next network meeting without touching it: opening, cancelling and the next meeting are each of their own kind', () => {
    const held = holdNetwork(team(), 'network-1', 'network-2');
    const both = planMeeting(held, 'internal-1', { date: '2026-12-10', time: '09:00' }, by, NOW, 'internal');
    expect(codeOf(() => planMeeting(both, 'internal-x', { date: '2026-12-11', time: '09:00' }, by, NOW, 'internal'))).toBe('meetingAlreadyPlanned');
    expect(cancellableMeetingsOf(both).map((meeting) => meeting.id)).toEqual(['network-2', 'internal-1']);
    const opened = openMeeting(both, 'unused', { date: '2026-12-10', time: '09:00' }, by, NOW, 'internal');
    expect(meetingById(opened, 'network-2').status).toBe('planned');
    expect(meetingById(opened, 'internal-1').status).toBe('open');
    // The model's next meeting is still the network meeting; `aflys` offers the open one.
    expect(nextMeetingOf(opened)?.id).toBe('network-2');
    expect(cancellableMeetingsOf(opened).map((meeting) => meeting.id)).toEqual(['internal-1']);
  });

  it('has its own short checklist: the attendance of the professionals, not the young person nor the VIP', () => {
    const current = openInternal(team());
    const questions = checklistQuestions(current, meetingById(current, 'internal-1'));
    expect(new Set(questions.map((question) => question.section))).toEqual(new Set(['attendance']));
    expect(questions.map((question) => question.id)).toEqual([
      'attended_m-coordinator',
      'absenceReason_m-coordinator',
      'attended_m-uu',
      'absenceReason_m-uu',
      'attended_m-job',
      'absenceReason_m-job',
    ]);
    expect(incompleteSections(current, meetingById(current, 'internal-1'))).toEqual(['attendance']);
    expect(codeOf(() => answerChecklist(current, 'internal-1', { 'attended_m-young': 'yes' }, by, NOW))).toBe('unknownQuestion');
    expect(codeOf(() => answerChecklist(current, 'internal-1', { evalWentWell: 'yes' }, by, NOW))).toBe('unknownQuestion');
    const answered = answerChecklist(current, 'internal-1', { 'attended_m-coordinator': 'yes', 'attended_m-uu': 'yes', 'attended_m-job': 'no', 'absenceReason_m-job': 'Syg' }, by, NOW);
    expect(incompleteSections(answered, meetingById(answered, 'internal-1'))).toEqual([]);
  });

  it('is cancelled for a reason of its own: the young person was never to come', () => {
    const current = openInternal(team());
    expect(codeOf(() => cancelMeeting(current, 'internal-1', 'youngPersonAbsent', undefined, by, NOW))).toBe('cancellationNeedsReason');
    expect(meetingById(cancelMeeting(current, 'internal-1', 'coordinatorIll', undefined, by, NOW), 'internal-1').status).toBe('cancelled');
  });

  it("its agreements are the professionals': the young person and the VIP own none", () => {
    const current = addGoal(openInternal(team()), { theme: 'education', longTermGoal: 'Blive tømrer' }, 'goal-1', by, NOW);
    const agreement = { action: 'Undersøge forløb', followUpOn: '2026-12-15', followUpMethod: 'phone' };
    expect(codeOf(() => addAgreement(current, 'goal-1', { ...agreement, ownerMemberId: 'm-young' }, 'a-1', by, NOW, 'internal-1'))).toBe('internalAgreementOwner');
    expect(codeOf(() => addAgreement(current, 'goal-1', { ...agreement, ownerMemberId: 'm-vip' }, 'a-1', by, NOW, 'internal-1'))).toBe('internalAgreementOwner');
    const added = addAgreement(current, 'goal-1', { ...agreement, ownerMemberId: 'm-uu' }, 'a-1', by, NOW, 'internal-1');
    expect(added.agreements[0]).toMatchObject({ ownerMemberId: 'm-uu', meetingId: 'internal-1' });
  });

  it('closes with no closing questions and no approval by the young person: closed is done', () => {
    const current = openInternal(team());
    expect(codeOf(() => closeInternalMeeting(current, 'internal-1', false, by, NOW))).toBe('internalAttendanceIncomplete');
    expect(codeOf(() => closeMeeting(current, 'internal-1', closing, 'next', by, NOW))).toBe('meetingIsInternal');
    const closed = closeInternalMeeting(current, 'internal-1', true, by, NOW);
    const meeting = meetingById(closed, 'internal-1');
    expect(meeting).toMatchObject({ status: 'held', internalClosure: { closedAt: NOW.toISOString(), closedByAadObjectId: by, sectionsLeftIncomplete: ['attendance'] } });
    expect(meeting).not.toHaveProperty('closure');
    expect(meetingPhase(meeting)).toBe('approved');
    // No next meeting planned by it, nothing for the young person to approve, the attendance closed with it.
    expect(closed.meetings).toHaveLength(1);
    expect(codeOf(() => approveMinutes(closed, 'internal-1', '2026-11-23', by, NOW))).toBe('meetingNotClosed');
    expect(codeOf(() => answerChecklist(closed, 'internal-1', { 'attended_m-uu': 'yes' }, by, NOW))).toBe('sectionNotAnswerableNow');
    expect(codeOf(() => closeInternalMeeting(openMeeting(team(), 'network-1', at, by, NOW), 'network-1', true, by, NOW))).toBe('meetingNotInternal');
  });
});
