import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { acknowledgeHandOver, approveMinutes, closeInternalMeeting, closeMeeting, closureOf, recordFeedbackGiven, sendBackMinutes } from '../../bot/domain/closing';
import { meetingNumber, openMeeting, plannedMeetingOf, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { refusalOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const later = new Date('2026-11-25T12:00:00Z');

function openCase(): Case {
  const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali' } }, 'm-ali', by, NOW);
  return openMeeting(team, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
}

const complete = {
  waitingArrangement: 'Ali holder kontakten, mens den unge venter på udredning',
  feedbackMemberId: 'm-coordinator',
  eyeKeeperMemberId: 'm-ali',
  acuteContactMemberId: 'm-ali',
  nextMeetingDate: '2027-02-15',
  nextMeetingTime: '09:00',
  summary: 'Fokus på uddannelse og bolig.',
  // The checklist stays empty in these tests; closing with it incomplete has its own tests (checklistWindow.test.ts).
  confirmEmptySections: true,
};

describe('closing a meeting', () => {
  it('refuses until the four closing questions and the summary are answered, naming what is missing', () => {
    const error = refusalOf(() => closeMeeting(openCase(), 'meeting-1', { summary: 'x' }, 'meeting-2', by, NOW));
    expect(error?.code).toBe('closingIncomplete');
    expect(error?.details).toEqual({ missing: 'waitingArrangement,feedbackMemberId,eyeKeeperMemberId,acuteContactMemberId,nextMeetingDate' });
    const notAMember = refusalOf(() => closeMeeting(openCase(), 'meeting-1', { ...complete, eyeKeeperMemberId: 'stranger' }, 'meeting-2', by, NOW));
    expect(notAMember?.details).toEqual({ missing: 'eyeKeeperMemberId' });
  });

  it('closes the meeting, records the answers and plans the next meeting', () => {
    const closed = closeMeeting(openCase(), 'meeting-1', complete, 'meeting-2', by, NOW);
    expect(closed.meetings[0]?.status).toBe('held');
    expect(closureOf(closed, 'meeting-1')).toMatchObject({ eyeKeeperMemberId: 'm-ali', nextMeetingId: 'meeting-2', closedAt: NOW.toISOString(), sentBack: [] });
    expect(plannedMeetingOf(closed)).toMatchObject({ id: 'meeting-2', startsAt: '2027-02-15T08:00:00.000Z' });
    // The planned meeting gets its number when it opens.
    expect(meetingNumber(plannedMeetingOf(closed)!)).toBeUndefined();
  });

  it('moves an already planned meeting to the date agreed instead of planning another', () => {
    const planned = planMeeting(openCase(), 'meeting-2', { date: '2027-01-10', time: '09:00' }, by, NOW);
    const closed = closeMeeting(planned, 'meeting-1', complete, 'unused', by, NOW);
    expect(closed.meetings.map((meeting) => [meeting.id, meeting.status, meeting.startsAt])).toEqual([
      ['meeting-1', 'held', '2026-11-23T09:00:00.000Z'],
      ['meeting-2', 'planned', '2027-02-15T08:00:00.000Z'],
    ]);
  });

  it('refuses a next meeting in the past and closing twice', () => {
    expect(refusalOf(() => closeMeeting(openCase(), 'meeting-1', { ...complete, nextMeetingDate: '2026-11-01' }, 'm2', by, NOW))?.code).toBe('meetingInPast');
    const closed = closeMeeting(openCase(), 'meeting-1', complete, 'meeting-2', by, NOW);
    expect(refusalOf(() => closeMeeting(closed, 'meeting-1', complete, 'meeting-3', by, NOW))?.code).toBe('meetingNotOpen');
  });
});

describe('approval before circulation', () => {
  const closed = () => closeMeeting(openCase(), 'meeting-1', complete, 'meeting-2', by, NOW);

  it('records the young person\'s approval with a date, once', () => {
    const approved = approveMinutes(closed(), 'meeting-1', '2026-11-24', by, later);
    expect(closureOf(approved, 'meeting-1').approval).toEqual({ approvedOn: '2026-11-24', recordedAt: later.toISOString(), byAadObjectId: by });
    expect(refusalOf(() => approveMinutes(approved, 'meeting-1', '2026-11-24', by, later))?.code).toBe('minutesAlreadyApproved');
    expect(refusalOf(() => approveMinutes(closed(), 'meeting-1', '2026-11-30', by, later))?.code).toBe('approvalInFuture');
  });

  it('keeps a form sent back with changes unapproved', () => {
    const sentBack = sendBackMinutes(closed(), 'meeting-1', 'Den unge vil have boligmålet formuleret anderledes', by, later);
    expect(closureOf(sentBack, 'meeting-1').approval).toBeUndefined();
    expect(closureOf(sentBack, 'meeting-1').sentBack).toMatchObject([{ changes: 'Den unge vil have boligmålet formuleret anderledes' }]);
    expect(refusalOf(() => sendBackMinutes(closed(), 'meeting-1', '', by, later))?.code).toBe('fieldRequired');
  });

  it('refuses approval of a meeting not closed', () => {
    expect(refusalOf(() => approveMinutes(openCase(), 'meeting-1', '2026-11-23', by, NOW))?.code).toBe('meetingNotClosed');
  });
});

describe('the hand-over', () => {
  const approved = () => approveMinutes(closeMeeting(openCase(), 'meeting-1', complete, 'meeting-2', by, NOW), 'meeting-1', '2026-11-24', by, later);

  // Who may acknowledge it is access.ts's rule (test/domain/consentAndAccess.test.ts).
  it('is acknowledged once the minutes are approved, and only once', () => {
    const acknowledged = acknowledgeHandOver(approved(), 'meeting-1', later);
    expect(closureOf(acknowledged, 'meeting-1').handOverAcknowledgedAt).toBe(later.toISOString());
    expect(acknowledgeHandOver(acknowledged, 'meeting-1', later)).toBe(acknowledged);
    const notApproved = closeMeeting(openCase(), 'meeting-1', complete, 'meeting-2', by, NOW);
    expect(refusalOf(() => acknowledgeHandOver(notApproved, 'meeting-1', later))?.code).toBe('minutesNotApproved');
  });

  it('is taken on by the approval when the coordinator keeps the eye: nobody acknowledges to themselves', () => {
    const closedByOwnEye = closeMeeting(openCase(), 'meeting-1', { ...complete, eyeKeeperMemberId: 'm-coordinator' }, 'meeting-2', by, NOW);
    expect(closureOf(closedByOwnEye, 'meeting-1').handOverAcknowledgedAt).toBeUndefined();
    const approvedByOwnEye = approveMinutes(closedByOwnEye, 'meeting-1', '2026-11-24', by, later);
    expect(closureOf(approvedByOwnEye, 'meeting-1').handOverAcknowledgedAt).toBe(later.toISOString());
    // Another eye-keeper still acknowledges for themselves.
    expect(closureOf(approved(), 'meeting-1').handOverAcknowledgedAt).toBeUndefined();
  });
});

describe('feedback to the young person', () => {
  const closed = () => closeMeeting(openCase(), 'meeting-1', complete, 'meeting-2', by, NOW);

  // Who may record it is access.ts's rule (test/domain/consentAndAccess.test.ts).
  it('is recorded once the meeting is closed, before the approval too, with when and by whom', () => {
    const given = recordFeedbackGiven(closed(), 'meeting-1', 'aad-ali', later);
    expect(closureOf(given, 'meeting-1').feedbackGiven).toEqual({ at: later.toISOString(), byAadObjectId: 'aad-ali' });
    const afterApproval = recordFeedbackGiven(approveMinutes(closed(), 'meeting-1', '2026-11-24', by, later), 'meeting-1', by, later);
    expect(closureOf(afterApproval, 'meeting-1').feedbackGiven?.byAadObjectId).toBe(by);
  });

  it('is recorded only once: a second time is refused and the first kept', () => {
    const given = recordFeedbackGiven(closed(), 'meeting-1', 'aad-ali', later);
    expect(refusalOf(() => recordFeedbackGiven(given, 'meeting-1', by, new Date('2026-11-26T12:00:00Z')))?.code).toBe('feedbackAlreadyGiven');
    expect(closureOf(given, 'meeting-1').feedbackGiven?.at).toBe(later.toISOString());
  });

  it('is refused before the meeting is closed, and for an internal meeting (it has no feedback to the young person)', () => {
    expect(refusalOf(() => recordFeedbackGiven(openCase(), 'meeting-1', by, later))?.code).toBe('meetingNotClosed');
    const internal = closeInternalMeeting(openMeeting(sampleCase(), 'internal-1', { date: '2026-11-23', time: '10:00' }, by, NOW, 'internal'), 'internal-1', true, by, NOW);
    expect(refusalOf(() => recordFeedbackGiven(internal, 'internal-1', by, later))?.code).toBe('meetingIsInternal');
  });
});
