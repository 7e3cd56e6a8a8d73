// Five simulated years of one case (issue 14): a young person born on 29 February, opened at 15 in March
// 2027, followed until 2032 with a fake clock. Every rule of the model's rhythm with its edge: three network
// meetings in twelve months (internal and cancelled ones not counted), a next meeting more than four months
// off (a leap day as the last day in time), the transition meetings at 16, 17½ and 18½ (done, planned, due,
// missing), the 18-year hand-over from 17½, consent expiring (30 days before, in a leap year), and reminders
// on working days at 08:00 Copenhagen time across summer time and Danish holidays.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type Case, createCase } from '../../bot/domain/case';
import { closeInternalMeeting, closeMeeting } from '../../bot/domain/closing';
import { consentExpiredOn, consentExpiringSoon, currentConsent, hasValidConsent, recordConsent } from '../../bot/domain/consent';
import { MODEL_ZONE } from '../../bot/domain/fields';
import { type Meeting, cancelMeeting, openMeeting, planMeeting, plannedMeetingOf } from '../../bot/domain/meeting';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { breaksRhythm, meetingsRhythm, rhythmAfter, rhythmDeadline } from '../../bot/domain/rhythm';
import {
  type TransitionAge,
  adultHandOverDue,
  recordAdultHandOver,
  transitionBirthday,
  transitionMilestones,
  transitionsNeedingAttention,
  TRANSITION_AGES,
} from '../../bot/domain/transitions';
import { WorkingDays } from '../../bot/domain/workingDays';
import { codeOf } from '../support/refusals';
import { COORDINATOR, TENANT } from './fixtures';

const planner = new ReminderPlanner(new WorkingDays());
const by = COORDINATOR.aadObjectId;
const coordinatorId = 'm-coordinator';
/** The fake clock: a local Copenhagen time as the instant it is. */
const at = (local: string): Date => DateTime.fromISO(local, { zone: MODEL_ZONE }).toJSDate();
let ids = 0;
const newId = () => `id-${++ids}`;

function opened(): Case {
  return createCase(
    TENANT,
    COORDINATOR,
    { name: 'Freja Holm', birthDate: '2012-02-29', status: 'education' },
    { caseId: 'case-leap', reference: 'S-LEAP1', coordinatorMemberId: coordinatorId, youngPersonMemberId: 'm-young' },
    at('2027-03-01T09:00'),
  );
}

const closing = (next: string, confirmFarNextMeeting = false) => ({
  waitingArrangement: 'Ingen ventetid',
  feedbackMemberId: coordinatorId,
  eyeKeeperMemberId: coordinatorId,
  acuteContactMemberId: coordinatorId,
  nextMeetingDate: next.slice(0, 10),
  nextMeetingTime: next.slice(11, 16),
  summary: 'Resumé af mødet',
  confirmEmptySections: true,
  confirmFarNextMeeting,
});

/** Opens the network meeting (the planned one, if any) at `local` and closes it an hour later with the next meeting. */
function hold(current: Case, local: string, next: string, options: { transitionAge?: TransitionAge; confirmFar?: boolean } = {}): Case {
  const meetingId = newId();
  const open = openMeeting(current, meetingId, { date: local.slice(0, 10), time: local.slice(11, 16) }, by, at(local), 'network', options.transitionAge);
  const id = open.meetings.find((meeting) => meeting.status === 'open')!.id;
  return closeMeeting(open, id, closing(next, options.confirmFar), newId(), by, new Date(at(local).getTime() + 3_600_000));
}

const heldOn = (current: Case, date: string): Meeting => current.meetings.find((meeting) => meeting.status === 'held' && meeting.startsAt.startsWith(date))!;
const states = (current: Case, local: string) => Object.fromEntries(transitionMilestones(current, at(local)).map((milestone) => [milestone.age, milestone.state]));

describe('five years of one case born on 29 February', () => {
  it('knows its transition birthdays: 16 on the leap day, 17½ and 18½ on 29 August', () => {
    const current = opened();
    expect(TRANSITION_AGES.map((age) => transitionBirthday(current, age))).toEqual(['2028-02-29', '2029-08-29', '2030-08-29']);
  });

  it('plans, when the case opens, the transition reminders and the hand-over at 17½ on working days at 08:00 Copenhagen time', () => {
    const current = opened();
    const now = at('2027-03-01T09:00');
    // 29 December 2027 is winter time (07:00Z); 29 June 2029 summer time (06:00Z); 29 June 2030 a Saturday, so Monday 1 July.
    expect(planner.forTransitions(current, now).map(({ at: when, about }) => [about.age, when])).toEqual([
      ['16', '2027-12-29T07:00:00.000Z'],
      ['17½', '2029-06-29T06:00:00.000Z'],
      ['18½', '2030-07-01T06:00:00.000Z'],
    ]);
    expect(planner.forAdultHandOver(current, now)).toEqual([{ kind: 'adultHandOverDue', memberId: coordinatorId, at: '2029-08-29T06:00:00.000Z', about: { from: '2029-08-29' } }]);
    // Opened after 17½, there is nothing left to plan for it.
    expect(planner.forAdultHandOver(current, at('2029-08-30T09:00'))).toEqual([]);
  });

  it('follows the rhythm, the transitions, the hand-over and consent from 15 to 20', () => {
    let current = opened();
    expect(meetingsRhythm(current, at('2027-03-02T09:00'))).toEqual({ held: 0, minimum: 3, belowMinimum: true });
    expect(states(current, '2027-03-02T09:00')).toEqual({ '16': 'ahead', '17½': 'ahead', '18½': 'ahead' });

    // Consent for a year, to 1 March 2028: the reminder 30 days before counts the leap day (31 January, winter time).
    current = recordConsent(current, { givenByYoungPerson: true, parentalHolderName: 'Anne Holm', givenOn: '2027-03-01', expiresOn: '2028-03-01', partyMemberIds: [coordinatorId] }, 'consent-1', by, at('2027-03-01T10:00'));
    expect(planner.forConsentExpiry(current, currentConsent(current)!, at('2027-03-01T10:00'))).toEqual([
      { kind: 'consentExpiring', memberId: coordinatorId, at: '2028-01-31T07:00:00.000Z', about: { consentId: 'consent-1', expiresOn: '2028-03-01' } },
    ]);

    // Meeting 1, 20 April 2027, closed with the next meeting on 25 August: past 20 August, so it asks first and saves nothing.
    expect(rhythmDeadline(at('2027-04-20T10:00').toISOString())).toBe('2027-08-20');
    expect(codeOf(() => hold(current, '2027-04-20T10:00', '2027-08-25T10:00'))).toBe('nextMeetingFarOff');
    current = hold(current, '2027-04-20T10:00', '2027-08-25T10:00', { confirmFar: true });
    const first = heldOn(current, '2027-04-20');
    expect(first.closure?.farNextMeetingConfirmed).toBe(true);
    // The rhythm reminder comes four months on (Friday 20 August, summer time) and is due: the planned meeting is too far off.
    expect(planner.forRhythm(current, first)).toMatchObject([{ kind: 'noMeetingPlanned', at: '2027-08-20T06:00:00.000Z' }]);
    expect(rhythmAfter(current, first).kind).toBe('plannedTooFar');

    // Meeting 2 held on the planned day; the next one in time. The first reminder's reason has gone.
    current = hold(current, '2027-08-25T10:00', '2027-12-20T10:00');
    const second = heldOn(current, '2027-08-25');
    expect(rhythmAfter(current, first).kind).toBe('metSince');
    expect(rhythmAfter(current, second).kind).toBe('plannedInTime');
    // Four months after 25 August is Christmas Day, a Saturday: Monday 27 December, winter time.
    expect(planner.forRhythm(current, second)).toMatchObject([{ at: '2027-12-27T07:00:00.000Z' }]);

    // An internal coordination meeting in October is none of the model's three.
    const internalId = newId();
    current = openMeeting(current, internalId, { date: '2027-10-05', time: '09:00' }, by, at('2027-10-05T09:00'), 'internal');
    current = closeInternalMeeting(current, internalId, true, by, at('2027-10-05T10:00'));
    expect(meetingsRhythm(current, at('2027-10-06T09:00')).held).toBe(2);
    // Nor is a cancelled one: the December meeting is cancelled, and then nothing is planned after meeting 2.
    current = cancelMeeting(current, plannedMeetingOf(current)!.id, 'coordinatorIll', undefined, by, at('2027-12-15T09:00'));
    expect(rhythmAfter(current, second).kind).toBe('nonePlanned');
    expect(meetingsRhythm(current, at('2027-12-28T09:00'))).toEqual({ held: 2, minimum: 3, belowMinimum: true });

    // The 16th birthday's meeting: ahead until two months before the leap day, then due.
    expect(states(current, '2027-12-28T09:00')['16']).toBe('ahead');
    expect(states(current, '2027-12-29T09:00')['16']).toBe('due');
    expect(transitionsNeedingAttention(current, at('2027-12-29T09:00')).map((milestone) => milestone.age)).toEqual(['16']);
    // Planned as the transition meeting at 16 on the leap day itself; not as an internal meeting, and not twice.
    expect(codeOf(() => planMeeting(current, newId(), { date: '2028-02-29', time: '10:00' }, by, at('2028-01-05T09:00'), 'internal', '16'))).toBe('transitionMeetingIsNetwork');
    current = planMeeting(current, newId(), { date: '2028-02-29', time: '10:00' }, by, at('2028-01-05T09:00'), 'network', '16');
    expect(states(current, '2028-01-05T09:00')['16']).toBe('planned');

    // Consent: not yet expiring on 30 January, 30 days left on 31 January, the last day valid on 1 March.
    expect(consentExpiringSoon(current, at('2028-01-30T09:00'))).toBeUndefined();
    expect(consentExpiringSoon(current, at('2028-01-31T09:00'))?.daysLeft).toBe(30);
    expect(consentExpiringSoon(current, at('2028-03-01T23:00'))?.daysLeft).toBe(0);

    // The transition meeting held on the leap day; four months on is 29 June, and 30 June would be one day too far.
    current = hold(current, '2028-02-29T10:00', '2028-06-29T10:00');
    expect(breaksRhythm(at('2028-02-29T10:00').toISOString(), at('2028-06-29T10:00').toISOString())).toBe(false);
    expect(breaksRhythm(at('2028-02-29T10:00').toISOString(), at('2028-06-30T10:00').toISOString())).toBe(true);
    expect(states(current, '2028-03-01T09:00')['16']).toBe('done');
    expect(meetingsRhythm(current, at('2028-03-01T09:00'))).toEqual({ held: 3, minimum: 3, belowMinimum: false });

    // The day after expiry the case is without consent, and says since when.
    expect(hasValidConsent(current, at('2028-03-02T00:30'))).toBe(false);
    expect(consentExpiredOn(current, at('2028-03-02T00:30'))).toBe('2028-03-01');
    expect(consentExpiringSoon(current, at('2028-03-02T00:30'))).toBeUndefined();
    // Renewed: the new consent's reminder, and the case reads again.
    current = recordConsent(current, { givenByYoungPerson: true, parentalHolderName: 'Anne Holm', givenOn: '2028-03-10', expiresOn: '2029-03-10', partyMemberIds: [coordinatorId] }, 'consent-2', by, at('2028-03-10T10:00'));
    expect(consentExpiredOn(current, at('2028-03-10T10:00'))).toBeUndefined();
    expect(planner.forConsentExpiry(current, currentConsent(current)!, at('2028-03-10T10:00'))).toMatchObject([{ at: '2029-02-08T07:00:00.000Z', about: { consentId: 'consent-2' } }]);
    // Renewed within the 30 days: the reminder comes with the next reminders, not in the past.
    expect(planner.forConsentExpiry(current, currentConsent(current)!, at('2029-02-20T12:00'))).toMatchObject([{ at: '2029-02-21T07:00:00.000Z' }]);

    // Twelve months is counted back from now: meeting 1 (20 April 2027, 10:00) drops out a year on.
    expect(meetingsRhythm(current, at('2028-04-20T09:00')).held).toBe(3);
    expect(meetingsRhythm(current, at('2028-04-20T11:00')).held).toBe(2);

    // Years two and three: a meeting every four months, each next one on the last day in time.
    current = hold(current, '2028-06-29T10:00', '2028-10-26T10:00');
    current = hold(current, '2028-10-26T10:00', '2029-02-26T10:00');
    current = hold(current, '2029-02-26T10:00', '2029-06-26T10:00');
    current = hold(current, '2029-06-26T10:00', '2029-10-22T10:00');
    expect(meetingsRhythm(current, at('2029-07-01T09:00'))).toEqual({ held: 3, minimum: 3, belowMinimum: false });

    // 17½: no meeting planned as it. Due from 29 June 2029, still due three months after the birthday, then missing.
    expect(states(current, '2029-06-28T09:00')['17½']).toBe('ahead');
    expect(states(current, '2029-06-29T09:00')['17½']).toBe('due');
    expect(states(current, '2029-11-29T09:00')['17½']).toBe('due');
    expect(states(current, '2029-11-30T09:00')['17½']).toBe('missing');

    // The hand-over at 18 is due from 17½ until it is recorded; refused with a CPR number or the young person as who takes over.
    expect(adultHandOverDue(current, at('2029-08-28T23:00'))).toBe(false);
    expect(adultHandOverDue(current, at('2029-08-29T00:30'))).toBe(true);
    expect(codeOf(() => recordAdultHandOver(current, { continues: 'Efterværn, CPR 010203-1234' }, by, at('2029-09-10T10:00')))).toBe('cprNotAllowed');
    expect(codeOf(() => recordAdultHandOver(current, { takesOverMemberId: 'm-young', continues: 'Efterværn' }, by, at('2029-09-10T10:00')))).toBe('memberNotFound');
    expect(codeOf(() => recordAdultHandOver(current, { continues: '  ' }, by, at('2029-09-10T10:00')))).toBe('fieldRequired');
    current = recordAdultHandOver(current, { takesOverMemberId: coordinatorId, continues: 'Efterværn: kontaktperson til 23 år' }, by, at('2029-09-10T10:00'));
    expect(current.adultHandOver).toMatchObject({ takesOverMemberId: coordinatorId, continues: 'Efterværn: kontaktperson til 23 år' });
    expect(current.history.at(-1)).toMatchObject({ kind: 'adultHandOverRecorded', memberId: coordinatorId });
    expect(adultHandOverDue(current, at('2029-09-11T09:00'))).toBe(false);

    // 18½: the October meeting is opened as it; a second meeting as 18½ is refused.
    current = hold(current, '2029-10-22T10:00', '2029-12-18T10:00');
    current = hold(current, '2029-12-18T10:00', '2030-04-16T10:00');
    // Four months after 18 December is Maundy Thursday 2030: the reminder comes the Tuesday after Easter, summer time.
    expect(planner.forRhythm(current, heldOn(current, '2029-12-18'))).toMatchObject([{ at: '2030-04-23T06:00:00.000Z' }]);
    current = hold(current, '2030-04-16T10:00', '2030-08-14T10:00');
    expect(states(current, '2030-07-01T09:00')['18½']).toBe('due');
    current = hold(current, '2030-08-14T10:00', '2030-12-10T10:00', { transitionAge: '18½' });
    expect(codeOf(() => openMeeting(current, newId(), { date: '2030-12-10', time: '10:00' }, by, at('2030-12-10T10:00'), 'network', '18½'))).toBe('transitionMeetingTaken');
    expect(states(current, '2032-03-01T09:00')).toEqual({ '16': 'done', '17½': 'missing', '18½': 'done' });

    // Year five: no meeting after December 2030 is held; by 2032 the count is nothing of three.
    expect(meetingsRhythm(current, at('2032-03-01T09:00'))).toEqual({ held: 0, minimum: 3, belowMinimum: true });
    // A closed case needs no transition meeting any more.
    expect(transitionsNeedingAttention({ ...current, closedAt: '2031-01-01T00:00:00.000Z' }, at('2029-12-01T09:00'))).toEqual([]);
  });

  it('leaves out the ages passed before the case opened', () => {
    const late = createCase(
      TENANT,
      COORDINATOR,
      { name: 'Freja Holm', birthDate: '2012-02-29', status: 'neither' },
      { caseId: 'case-late', reference: 'S-LATE1', coordinatorMemberId: coordinatorId, youngPersonMemberId: 'm-young' },
      at('2029-01-01T09:00'),
    );
    expect(transitionMilestones(late, at('2029-01-02T09:00')).map((milestone) => milestone.age)).toEqual(['17½', '18½']);
  });
});
