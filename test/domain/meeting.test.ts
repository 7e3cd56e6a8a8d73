import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { FIXED_QUESTIONS, questionsFor } from '../../bot/domain/checklist';
import {
  answerChecklist,
  cancelMeeting,
  checklistQuestions,
  isFirstMeeting,
  meetingNumber,
  meetingStart,
  openMeeting,
  openMeetingOf,
  planMeeting,
} from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const at10 = { date: '2026-11-23', time: '10:00' };

function withOpenMeeting(current: Case = sampleCase()): Case {
  return openMeeting(current, 'meeting-1', at10, by, NOW);
}

/** Meeting 1 as held; closing a meeting comes with goals and agreements. */
function withHeldFirstMeeting(): Case {
  const opened = withOpenMeeting();
  return { ...opened, meetings: opened.meetings.map((meeting) => ({ ...meeting, status: 'held' as const })) };
}

describe('opening and planning meetings', () => {
  it('numbers the open meeting and keeps one open at a time; a planned meeting has no number yet', () => {
    const opened = withOpenMeeting();
    expect(opened.meetings).toMatchObject([{ id: 'meeting-1', number: 1, status: 'open', startsAt: '2026-11-23T09:00:00.000Z' }]);
    expect(opened.history.at(-1)).toMatchObject({ kind: 'meetingOpened', meetingId: 'meeting-1' });
    expect(codeOf(() => openMeeting(opened, 'meeting-2', at10, by, NOW))).toBe('meetingAlreadyOpen');
    const planned = planMeeting(opened, 'meeting-2', { date: '2027-02-01', time: '09:30' }, by, NOW);
    expect(planned.meetings.map((meeting) => [meetingNumber(meeting), meeting.status])).toEqual([
      [1, 'open'],
      [undefined, 'planned'],
    ]);
  });

  it('opens the planned meeting rather than a new one', () => {
    const planned = planMeeting(sampleCase(), 'meeting-1', { date: '2027-02-01', time: '09:30' }, by, NOW);
    const opened = openMeeting(planned, 'unused', { date: '2027-02-01', time: '09:45' }, by, NOW);
    expect(opened.meetings).toHaveLength(1);
    expect(opened.meetings[0]).toMatchObject({ id: 'meeting-1', number: 1, status: 'open', startsAt: '2027-02-01T08:45:00.000Z' });
  });

  it('plans only for a time to come, one at a time', () => {
    expect(codeOf(() => planMeeting(sampleCase(), 'm', { date: '2026-11-23', time: '09:00' }, by, NOW))).toBe('meetingInPast');
    const planned = planMeeting(sampleCase(), 'm', { date: '2027-01-10', time: '09:00' }, by, NOW);
    expect(codeOf(() => planMeeting(planned, 'm2', { date: '2027-01-11', time: '09:00' }, by, NOW))).toBe('meetingAlreadyPlanned');
  });

  it('reads date and time in Copenhagen, summer time included', () => {
    expect(meetingStart({ date: '2026-07-01', time: '10:00' })).toBe('2026-07-01T08:00:00.000Z');
    expect(meetingStart({ date: '2026-12-01', time: '10:00' })).toBe('2026-12-01T09:00:00.000Z');
    expect(codeOf(() => meetingStart({ date: '2026-12-01', time: '25:00' }))).toBe('invalidTime');
    expect(codeOf(() => meetingStart({ date: '01-12-2026', time: '10:00' }))).toBe('invalidDate');
  });
});

describe('the checklist (seed 001)', () => {
  it('asks every question of sections 2 to 6, the meeting roles and the status', () => {
    const ids = FIXED_QUESTIONS.map((question) => question.id);
    expect(ids.filter((id) => id.startsWith('prep'))).toHaveLength(5);
    expect(ids.filter((id) => id.startsWith('agenda') && id !== 'agendaOthers')).toHaveLength(7);
    expect(FIXED_QUESTIONS.filter((question) => question.kind === 'yesNoUnknown')).toHaveLength(9);
    expect(ids).toEqual(expect.arrayContaining(['roleLeader', 'roleWriter', 'roleInterviewer', 'vipAttached', 'vipMemberId', 'vipSource', 'evalLengthMinutes', 'youngPersonStatus']));
  });

  it('skips the third preparation question at the first meeting only', () => {
    const first = withOpenMeeting();
    const meeting = openMeetingOf(first)!;
    expect(isFirstMeeting(first, meeting)).toBe(true);
    expect(checklistQuestions(first, meeting).map((question) => question.id)).not.toContain('prepFollowedUpPlan');
    expect(codeOf(() => answerChecklist(first, 'meeting-1', { prepFollowedUpPlan: 'yes' }, by, NOW))).toBe('unknownQuestion');

    const second = openMeeting(withHeldFirstMeeting(), 'meeting-2', at10, by, NOW);
    const secondMeeting = openMeetingOf(second)!;
    expect(secondMeeting.number).toBe(2);
    expect(checklistQuestions(second, secondMeeting).map((question) => question.id)).toContain('prepFollowedUpPlan');
  });

  it('treats a meeting after a cancelled first one as the first that takes place', () => {
    const planned = planMeeting(sampleCase(), 'meeting-1', { date: '2027-01-10', time: '09:00' }, by, NOW);
    const cancelled = cancelMeeting(planned, 'meeting-1', 'youngPersonIll', undefined, by, NOW);
    const opened = openMeeting(cancelled, 'meeting-2', at10, by, NOW);
    const meeting = openMeetingOf(opened)!;
    expect(meetingNumber(meeting)).toBe(1);
    expect(isFirstMeeting(opened, meeting)).toBe(true);
  });

  it('asks attendance for every team member, with why not, in the order of the form\'s table', () => {
    const members = [
      { id: 'm-a', role: 'coordinator' },
      { id: 'm-b', role: 'youngPerson' },
      { id: 'm-c', role: 'youthGuidance' },
      { id: 'm-d', role: 'jobcentre' },
    ] as const;
    const ids = questionsFor(members, true).filter((question) => question.section === 'attendance' && question.attendance?.row.kind !== 'other').map((question) => question.id);
    expect(ids).toEqual(['attended_m-b', 'absenceReason_m-b', 'attended_m-a', 'absenceReason_m-a', 'attended_m-c', 'absenceReason_m-c', 'attended_m-d', 'absenceReason_m-d']);
  });

  it('validates every answer by its kind', () => {
    const opened = withOpenMeeting();
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { prepPreMeeting: 'maybe' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { evalResources: 'perhaps' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { evalLengthMinutes: '0' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { evalLengthMinutes: '601' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { evalLengthMinutes: '1.5' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { roleLeader: 'not-a-member' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { youngPersonStatus: 'retired' }, by, NOW))).toBe('invalidAnswer');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { otherName_1: 'Mor, 010203-1234' }, by, NOW))).toBe('cprNotAllowed');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { otherReason_1: 'x'.repeat(201) }, by, NOW))).toBe('textTooLong');
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { 'attended_nobody': 'yes' }, by, NOW))).toBe('unknownQuestion');
    const answered = answerChecklist(opened, 'meeting-1', { evalYoungPersonSpoke: 'unknown', evalLengthMinutes: '75', youngPersonStatus: 'work', agenda3: 'yes' }, by, NOW);
    expect(answered.meetings[0]?.answers).toEqual({ evalYoungPersonSpoke: 'unknown', evalLengthMinutes: 75, youngPersonStatus: 'work', agenda3: 'yes' });
  });

  it('keeps every change as history with who, when and what it replaced', () => {
    const withJonas = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' } }, 'm-jonas', by, NOW);
    const opened = withOpenMeeting(withJonas);
    const first = answerChecklist(opened, 'meeting-1', { prepPreMeeting: 'yes', 'attended_m-jonas': 'no', 'absenceReason_m-jonas': 'Syg' }, by, NOW);
    const later = new Date(NOW.getTime() + 60_000);
    const changed = answerChecklist(first, 'meeting-1', { prepPreMeeting: 'no', 'absenceReason_m-jonas': '' }, 'aad-jonas', later);
    const meeting = changed.meetings[0]!;
    expect(meeting.answers).toEqual({ prepPreMeeting: 'no', 'attended_m-jonas': 'no' });
    expect(meeting.answerLog).toEqual([
      { questionId: 'prepPreMeeting', value: 'yes', previous: null, byAadObjectId: by, at: NOW.toISOString() },
      { questionId: 'attended_m-jonas', value: 'no', previous: null, byAadObjectId: by, at: NOW.toISOString() },
      { questionId: 'absenceReason_m-jonas', value: 'Syg', previous: null, byAadObjectId: by, at: NOW.toISOString() },
      { questionId: 'prepPreMeeting', value: 'no', previous: 'yes', byAadObjectId: 'aad-jonas', at: later.toISOString() },
      { questionId: 'absenceReason_m-jonas', value: null, previous: 'Syg', byAadObjectId: 'aad-jonas', at: later.toISOString() },
    ]);
  });

  it('records nothing when an answer is given again unchanged', () => {
    const first = answerChecklist(withOpenMeeting(), 'meeting-1', { prepPreMeeting: 'yes' }, by, NOW);
    expect(answerChecklist(first, 'meeting-1', { prepPreMeeting: 'yes' }, by, NOW)).toBe(first);
  });

  it('refuses answers to a meeting that is not open, and to one that does not exist', () => {
    const cancelled = cancelMeeting(withOpenMeeting(), 'meeting-1', 'coordinatorIll', undefined, by, NOW);
    expect(codeOf(() => answerChecklist(cancelled, 'meeting-1', { prepPreMeeting: 'yes' }, by, NOW))).toBe('meetingNotOpen');
    expect(codeOf(() => answerChecklist(withOpenMeeting(), 'meeting-x', { prepPreMeeting: 'yes' }, by, NOW))).toBe('meetingNotFound');
  });
});

describe('cancelling a meeting (aflysning)', () => {
  it.each(['youngPersonAbsent', 'youngPersonIll', 'coordinatorIll'])('records the reason %s', (reason) => {
    const cancelled = cancelMeeting(withOpenMeeting(), 'meeting-1', reason, undefined, by, NOW);
    expect(cancelled.meetings[0]).toMatchObject({ status: 'cancelled', cancellation: { reason, at: NOW.toISOString(), byAadObjectId: by } });
    expect(cancelled.history.at(-1)).toMatchObject({ kind: 'meetingCancelled', meetingId: 'meeting-1' });
  });

  it('needs to know what "other" is', () => {
    expect(codeOf(() => cancelMeeting(withOpenMeeting(), 'meeting-1', 'other', undefined, by, NOW))).toBe('cancellationNeedsReason');
    expect(codeOf(() => cancelMeeting(withOpenMeeting(), 'meeting-1', 'weather', undefined, by, NOW))).toBe('cancellationNeedsReason');
    const cancelled = cancelMeeting(withOpenMeeting(), 'meeting-1', 'other', 'Tolken kom ikke', by, NOW);
    expect(cancelled.meetings[0]?.cancellation).toMatchObject({ reason: 'other', otherReason: 'Tolken kom ikke' });
  });

  it('cancels only a planned or open meeting, and lets the next one be opened', () => {
    const cancelled = cancelMeeting(withOpenMeeting(), 'meeting-1', 'youngPersonIll', undefined, by, NOW);
    expect(codeOf(() => cancelMeeting(cancelled, 'meeting-1', 'youngPersonIll', undefined, by, NOW))).toBe('meetingNotOpen');
    // The cancelled meeting keeps its record but gives up its number: the next one to open is no. 1 again.
    expect(openMeeting(cancelled, 'meeting-2', at10, by, NOW).meetings.map((meeting) => [meeting.status, meetingNumber(meeting)])).toEqual([
      ['cancelled', undefined],
      ['open', 1],
    ]);
  });
});
