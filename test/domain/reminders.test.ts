import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { createCase } from '../../bot/domain/case';
import { acknowledgeHandOver, approveMinutes, closeMeeting } from '../../bot/domain/closing';
import type { Agreement } from '../../bot/domain/goals';
import { openMeeting } from '../../bot/domain/meeting';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { addMember } from '../../bot/domain/team';
import { WorkingDays } from '../../bot/domain/workingDays';
import { COORDINATOR, NOW, TENANT } from './fixtures';

const calendar = new WorkingDays();
const planner = new ReminderPlanner(calendar);

const agreement = (followUpOn: string): Agreement => ({
  id: 'a-1',
  goalId: 'g-1',
  action: 'Ringe',
  ownerMemberId: 'm-owner',
  followUpOn,
  followUpMethod: 'phone',
  status: 'open',
  history: [],
});

describe('working days', () => {
  it.each([
    ['2026-11-23', true, 'a Monday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-04-02', false, 'Maundy Thursday (skærtorsdag)'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2027-03-25', false, 'Maundy Thursday 2027, a movable feast'],
    ['2026-05-14', false, 'Ascension Day'],
    ['2026-05-25', false, 'Whit Monday'],
    ['2026-05-01', true, 'Store Bededag is gone, and 1 May is no public holiday'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2027-01-01', false, "New Year's Day"],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('moves to the next working day and counts working days across Easter', () => {
    expect(calendar.onOrAfter('2026-04-02')).toBe('2026-04-07');
    expect(calendar.add('2026-04-08', -2)).toBe('2026-04-01');
    expect(calendar.add('2026-12-24', 1)).toBe('2026-12-28'); // Christmas Day, Boxing Day, a Sunday
  });
});

describe('agreement reminders', () => {
  it('go to the owner two working days before and on the day, at 08:00 Copenhagen time', () => {
    // Thursday 3 December 2026: two working days before is Tuesday 1 December.
    const [before, onDay, overdue] = planner.forAgreement(agreement('2026-12-03'), undefined);
    expect(before).toEqual({ kind: 'agreementBefore', memberId: 'm-owner', at: '2026-12-01T07:00:00.000Z', about: { agreementId: 'a-1', followUpOn: '2026-12-03', plan: '' } });
    expect(onDay?.at).toBe('2026-12-03T07:00:00.000Z');
    expect(overdue).toMatchObject({ kind: 'agreementOverdue', at: '2026-12-04T07:00:00.000Z' });
  });

  it('skip the weekend: a Monday date is reminded on the Thursday before', () => {
    const [before] = planner.forAgreement(agreement('2026-11-30'), undefined);
    expect(before?.at).toBe('2026-11-26T07:00:00.000Z');
  });

  it('move a date on a holiday to the next working day, and skip Easter when counting', () => {
    const [before, onDay, overdue] = planner.forAgreement(agreement('2026-04-03'), undefined);
    expect(before?.at).toBe('2026-03-31T06:00:00.000Z'); // summer time: 08:00 is 06:00 UTC
    expect(onDay?.at).toBe('2026-04-07T06:00:00.000Z');
    // The owner's day is Tuesday after Easter; that it passed comes the working day after it.
    expect(overdue?.at).toBe('2026-04-08T06:00:00.000Z');
  });

  it('give the owner the working day that stands in for a day off before the eye-keeper is told', () => {
    // Friday 25 December 2026 (Christmas Day), then 2. juledag on the Saturday and a Sunday.
    const planned = planner.forAgreement(agreement('2026-12-25'), 'm-eye');
    expect(planned.map((reminder) => [reminder.kind, reminder.memberId, reminder.at])).toEqual([
      ['agreementBefore', 'm-owner', '2026-12-23T07:00:00.000Z'],
      ['agreementOnDay', 'm-owner', '2026-12-28T07:00:00.000Z'],
      ['agreementOverdue', 'm-owner', '2026-12-29T07:00:00.000Z'],
      ['agreementOverdue', 'm-eye', '2026-12-29T07:00:00.000Z'],
    ]);
    // A weekend date: the owner's Monday, the eye-keeper's Tuesday.
    const weekend = planner.forAgreement(agreement('2026-11-28'), 'm-eye');
    expect(weekend.filter((reminder) => reminder.kind !== 'agreementBefore').map((reminder) => reminder.at)).toEqual([
      '2026-11-30T07:00:00.000Z',
      '2026-12-01T07:00:00.000Z',
      '2026-12-01T07:00:00.000Z',
    ]);
  });

  it('keep 08:00 local across the summer-time change nights', () => {
    expect(planner.sendTimeOn('2026-03-27')).toBe('2026-03-27T07:00:00.000Z'); // Friday before the change
    expect(planner.sendTimeOn('2026-03-30')).toBe('2026-03-30T06:00:00.000Z'); // Monday after (29 March, 02:00 -> 03:00)
    expect(planner.sendTimeOn('2026-10-23')).toBe('2026-10-23T06:00:00.000Z');
    expect(planner.sendTimeOn('2026-10-26')).toBe('2026-10-26T07:00:00.000Z'); // after 25 October, 03:00 -> 02:00
  });

  it('tell the eye-keeper too when the date passes', () => {
    const reminders = planner.forAgreement(agreement('2026-12-03'), 'm-eye');
    expect(reminders.filter((reminder) => reminder.kind === 'agreementOverdue').map((reminder) => reminder.memberId)).toEqual(['m-owner', 'm-eye']);
  });
});

describe('meeting reminders', () => {
  function closedCase(): Case {
    const base = createCase(TENANT, COORDINATOR, { name: 'Emil', birthDate: '2008-03-14', status: 'work' }, { caseId: 'c', reference: 'S-X', coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' }, NOW);
    const team = addMember(base, { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali' } }, 'm-ali', COORDINATOR.aadObjectId, NOW);
    // Friday 27 November 2026, 10:00.
    const opened = openMeeting(team, 'meeting-1', { date: '2026-11-27', time: '10:00' }, COORDINATOR.aadObjectId, NOW);
    const closed = closeMeeting(
      opened,
      'meeting-1',
      { waitingArrangement: 'x', feedbackMemberId: 'm-ali', eyeKeeperMemberId: 'm-ali', acuteContactMemberId: 'm-ali', nextMeetingDate: '2027-03-01', nextMeetingTime: '09:00', summary: 's', confirmEmptySections: true },
      'meeting-2',
      COORDINATOR.aadObjectId,
      NOW,
    );
    return acknowledgeHandOver(approveMinutes(closed, 'meeting-1', '2026-11-23', COORDINATOR.aadObjectId, NOW), 'meeting-1', NOW);
  }

  it('feedback: to its owner the working day after the meeting, to the coordinator when two days have passed', () => {
    const current = closedCase();
    const [due, overdue] = planner.forFeedback(current, current.meetings[0]!);
    expect(due).toMatchObject({ kind: 'feedbackDue', memberId: 'm-ali', at: '2026-11-30T07:00:00.000Z' }); // Monday
    expect(overdue).toMatchObject({ kind: 'feedbackOverdue', memberId: 'm-coordinator', at: '2026-11-30T07:00:00.000Z' }); // Sunday -> Monday
  });

  it('the next meeting: to the coordinator three weeks before', () => {
    const current = closedCase();
    const planned = current.meetings.find((meeting) => meeting.status === 'planned')!;
    expect(planner.forPlannedMeeting(current, planned)).toEqual([
      { kind: 'nextMeetingSoon', memberId: 'm-coordinator', at: '2027-02-08T07:00:00.000Z', about: { meetingId: 'meeting-2', startsAt: planned.startsAt } },
    ]);
  });

  it('the rhythm: four months after a meeting', () => {
    const current = closedCase();
    expect(planner.forRhythm(current, current.meetings[0]!)).toMatchObject([{ kind: 'noMeetingPlanned', at: '2027-03-30T06:00:00.000Z' }]); // 27 March is a Saturday, 29 March Easter Monday
  });
});

describe('transition meetings (seed 002)', () => {
  const young = (birthDate: string) =>
    createCase(TENANT, COORDINATOR, { name: 'Emil', birthDate, status: 'work' }, { caseId: 'c', reference: 'S-X', coordinatorMemberId: 'm-c', youngPersonMemberId: 'm-y' }, NOW);

  it('two months before 16, 17½ and 18½, on a working day', () => {
    const reminders = planner.forTransitions(young('2011-06-10'), NOW);
    expect(reminders.map((reminder) => [reminder.about.age, reminder.about.birthday, reminder.at])).toEqual([
      ['16', '2027-06-10', '2027-04-12T06:00:00.000Z'], // 10 April 2027 is a Saturday
      ['17½', '2028-12-10', '2028-10-10T06:00:00.000Z'],
      ['18½', '2029-12-10', '2029-10-10T06:00:00.000Z'],
    ]);
  });

  it('handles a birthday on 29 February', () => {
    const reminders = planner.forTransitions(young('2012-02-29'), NOW);
    expect(reminders.map((reminder) => reminder.about.birthday)).toEqual(['2028-02-29', '2029-08-29', '2030-08-29']);
    expect(reminders.map((reminder) => reminder.at)).toEqual(['2027-12-29T07:00:00.000Z', '2029-06-29T06:00:00.000Z', '2030-07-01T06:00:00.000Z']); // 29 June 2030 is a Saturday
  });

  it('only those still ahead', () => {
    // 18 on 1 December 2026: 17½ has passed; 18½ (1 June 2027) is ahead.
    expect(planner.forTransitions(young('2008-12-01'), NOW).map((reminder) => reminder.about.age)).toEqual(['18½']);
  });
});
