// "Den unges netværksmøde nr." counts the meetings that took place (issue 11, section 2): a cancelled
// meeting keeps its record but not a number; a planned meeting gets its number when it opens.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { closeMeeting } from '../../bot/domain/closing';
import { type Meeting, cancelMeeting, isFirstMeeting, meetingNumber, openMeeting, openMeetingOf, planMeeting } from '../../bot/domain/meeting';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const closing = {
  waitingArrangement: 'Ingen ventetid',
  feedbackMemberId: 'm-coordinator',
  eyeKeeperMemberId: 'm-coordinator',
  acuteContactMemberId: 'm-coordinator',
  nextMeetingTime: '09:00',
  summary: 'Kort møde.',
  confirmEmptySections: true,
  // The numbers are the point here, not the rhythm: a next meeting far off is confirmed.
  confirmFarNextMeeting: true,
};

const numbers = (current: Case) => current.meetings.map((meeting) => [meeting.id, meeting.status, meetingNumber(meeting)]);

/** Opens the planned meeting (or a new one) and closes it, planning the next for `nextDate`. */
function hold(current: Case, meetingId: string, nextDate: string): Case {
  const opened = openMeeting(current, meetingId, { date: '2026-11-23', time: '10:00' }, by, NOW);
  return closeMeeting(opened, openMeetingOf(opened)!.id, { ...closing, nextMeetingDate: nextDate }, `${meetingId}-next`, by, NOW);
}

describe('meeting numbers', () => {
  it('a planned meeting has no number; it gets the next one when it opens', () => {
    const planned = planMeeting(sampleCase(), 'meeting-a', { date: '2027-01-10', time: '09:00' }, by, NOW);
    expect(numbers(planned)).toEqual([['meeting-a', 'planned', undefined]]);
    const opened = openMeeting(planned, 'unused', { date: '2027-01-10', time: '09:00' }, by, NOW);
    expect(numbers(opened)).toEqual([['meeting-a', 'open', 1]]);
  });

  it('a cancelled meeting keeps its record, not its number; the next meeting held takes the number', () => {
    const first = hold(sampleCase(), 'meeting-a', '2027-02-01');
    // Meeting no. 2 is opened and then cancelled: the young person did not come.
    const opened = openMeeting(first, 'unused', { date: '2027-02-01', time: '09:00' }, by, NOW);
    expect(numbers(opened)).toEqual([
      ['meeting-a', 'held', 1],
      ['meeting-a-next', 'open', 2],
    ]);
    const cancelled = cancelMeeting(opened, 'meeting-a-next', 'youngPersonAbsent', undefined, by, NOW);
    expect(cancelled.meetings[1]).toMatchObject({ status: 'cancelled', cancellation: { reason: 'youngPersonAbsent' } });
    expect(cancelled.meetings[1]).not.toHaveProperty('number');
    const heldAfter = hold(cancelled, 'meeting-c', '2027-04-01');
    expect(numbers(heldAfter)).toEqual([
      ['meeting-a', 'held', 1],
      ['meeting-a-next', 'cancelled', undefined],
      ['meeting-c', 'held', 2],
      ['meeting-c-next', 'planned', undefined],
    ]);
  });

  it('a cancelled planned meeting before any was held leaves the first meeting no. 1, and it is the first that takes place', () => {
    const planned = planMeeting(sampleCase(), 'meeting-a', { date: '2027-01-10', time: '09:00' }, by, NOW);
    const cancelled = cancelMeeting(planned, 'meeting-a', 'coordinatorIll', undefined, by, NOW);
    const opened = openMeeting(cancelled, 'meeting-b', { date: '2027-01-17', time: '09:00' }, by, NOW);
    const meeting = openMeetingOf(opened)!;
    expect(meetingNumber(meeting)).toBe(1);
    expect(isFirstMeeting(opened, meeting)).toBe(true);
  });

  it('a number a record already holds is never given twice, and an old record\'s number on a cancelled or planned meeting is not shown', () => {
    // Recorded before numbers counted meetings held: no. 2 was cancelled, no. 3 held, no. 4 planned.
    const old = (id: string, number: number, status: Meeting['status']): Meeting => ({ id, number, status, startsAt: NOW.toISOString(), createdAt: NOW.toISOString(), answers: {}, answerLog: [] });
    const recorded: Case = { ...sampleCase(), meetings: [old('m1', 1, 'held'), old('m2', 2, 'cancelled'), old('m3', 3, 'held'), old('m4', 4, 'planned')] };
    expect(numbers(recorded).map(([, , number]) => number)).toEqual([1, undefined, 3, undefined]);
    const opened = openMeeting(recorded, 'unused', { date: '2026-11-23', time: '10:00' }, by, NOW);
    expect(meetingNumber(openMeetingOf(opened)!)).toBe(4);
  });
});
