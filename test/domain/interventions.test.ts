import { codeOf } from '../support/refusals';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { addGoal } from '../../bot/domain/goals';
import { INTERVENTION_LIMITS, activeInterventions, addIntervention, changeIntervention, interventionsOf, setInterventionStatus } from '../../bot/domain/interventions';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { addMember, removeMember } from '../../bot/domain/team';
import { WorkingDays } from '../../bot/domain/workingDays';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const LATER = new Date(NOW.getTime() + 60_000);

const MENTOR = { what: 'Mentor på skolen', administration: 'Jobcenter Odense', why: 'Støtte til fremmøde', from: '2026-12-01', to: '2027-05-31' };

const withTeam = (): Case => {
  const vip = addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen Hansen' } }, 'm-vip', by, NOW);
  return addGoal(vip, { theme: 'education', longTermGoal: 'Tømrer' }, 'goal-1', by, NOW);
};

describe('the intervention overview (indsatsoverblik)', () => {
  it('adds interventions initiated by an administration or a team member, planned unless said, with short ids and who added them when', () => {
    let current = addIntervention(withTeam(), { ...MENTOR, goalId: 'goal-1', status: 'active' }, by, NOW);
    current = addIntervention(current, { what: ' Bostøtte ', memberId: 'm-vip', administration: 'ignored', from: '2027-01-01' }, by, LATER);
    expect(interventionsOf(current)).toEqual([
      { id: 'i1', what: 'Mentor på skolen', initiatedBy: { administration: 'Jobcenter Odense' }, why: 'Støtte til fremmøde', goalId: 'goal-1', from: '2026-12-01', to: '2027-05-31', status: 'active', history: [{ at: NOW.toISOString(), byAadObjectId: by, kind: 'added', status: 'active' }] },
      { id: 'i2', what: 'Bostøtte', initiatedBy: { memberId: 'm-vip' }, from: '2027-01-01', status: 'planned', history: [{ at: LATER.toISOString(), byAadObjectId: by, kind: 'added', status: 'planned' }] },
    ]);
    expect(activeInterventions(current).map((intervention) => intervention.id)).toEqual(['i1']);
  });

  it('refuses what is missing or wrong, a CPR number in every text, and an end before the start', () => {
    const current = withTeam();
    const add = (input: Record<string, string>) => codeOf(() => addIntervention(current, { ...MENTOR, ...input }, by, NOW));
    expect(add({ what: ' ' })).toBe('fieldRequired');
    expect(add({ administration: '' })).toBe('fieldRequired');
    for (const field of ['what', 'why', 'administration']) expect(add({ [field]: 'Født 010203-1234' })).toBe('cprNotAllowed');
    expect(add({ what: 'x'.repeat(INTERVENTION_LIMITS.what + 1) })).toBe('textTooLong');
    expect(add({ to: '2026-11-30' })).toBe('interventionEndsBeforeStart');
    expect(add({ from: '31.12.2026' })).toBe('invalidDate');
    expect(add({ memberId: 'm-young' })).toBe('memberNotFound');
    expect(add({ goalId: 'goal-x' })).toBe('goalNotFound');
    expect(add({ status: 'ended' })).toBe('invalidInterventionStatus');
  });

  it('holds at most its limit of interventions', () => {
    let current = withTeam();
    for (let index = 0; index < INTERVENTION_LIMITS.interventions; index++) current = addIntervention(current, MENTOR, by, NOW);
    expect(codeOf(() => addIntervention(current, MENTOR, by, NOW))).toBe('tooManyInterventions');
  });

  it('moves through its statuses as an intervention does, and refuses the rest', () => {
    const planned = addIntervention(withTeam(), MENTOR, by, NOW);
    expect(codeOf(() => setInterventionStatus(planned, 'i1', 'paused', by, NOW))).toBe('invalidInterventionStatus');
    expect(codeOf(() => setInterventionStatus(planned, 'i1', 'ended', by, NOW))).toBe('invalidInterventionStatus');
    expect(interventionsOf(setInterventionStatus(planned, 'i1', 'declined', by, NOW))[0]!.status).toBe('declined');
    const active = setInterventionStatus(planned, 'i1', 'active', by, NOW);
    expect(setInterventionStatus(active, 'i1', 'active', by, NOW)).toBe(active);
    const paused = setInterventionStatus(active, 'i1', 'paused', by, NOW);
    const resumed = setInterventionStatus(paused, 'i1', 'active', by, NOW);
    const ended = setInterventionStatus(resumed, 'i1', 'ended', by, LATER);
    for (const status of ['active', 'paused', 'planned']) expect(codeOf(() => setInterventionStatus(ended, 'i1', status, by, NOW))).toBe('invalidInterventionStatus');
    expect(codeOf(() => setInterventionStatus(ended, 'i1', 'done', by, NOW))).toBe('invalidInterventionStatus');
    expect(codeOf(() => setInterventionStatus(ended, 'i9', 'ended', by, NOW))).toBe('interventionNotFound');
    expect(codeOf(() => setInterventionStatus(ended, 'i1', '', by, NOW))).toBe('fieldRequired');
    // Its history keeps how it was added and the latest changes.
    expect(interventionsOf(ended)[0]!.history.map((event) => [event.kind, event.status, event.at])).toEqual([
      ['added', 'planned', NOW.toISOString()],
      ['status', 'active', NOW.toISOString()],
      ['status', 'ended', LATER.toISOString()],
    ]);
  });

  it('changes only the details given, kept in its history; the same details change nothing', () => {
    const current = addIntervention(withTeam(), MENTOR, by, NOW);
    const changed = changeIntervention(current, 'i1', { to: '2027-08-31', memberId: 'm-vip' }, by, LATER);
    expect(interventionsOf(changed)[0]).toMatchObject({ what: MENTOR.what, why: MENTOR.why, from: MENTOR.from, to: '2027-08-31', initiatedBy: { memberId: 'm-vip' }, status: 'planned' });
    expect(interventionsOf(changed)[0]!.history.at(-1)).toEqual({ at: LATER.toISOString(), byAadObjectId: by, kind: 'changed', fields: ['initiatedBy', 'to'] });
    expect(changeIntervention(changed, 'i1', { to: '2027-08-31', what: '' }, by, LATER)).toBe(changed);
    expect(codeOf(() => changeIntervention(current, 'i1', { from: '2027-06-01' }, by, NOW))).toBe('interventionEndsBeforeStart');
    expect(codeOf(() => changeIntervention(current, 'i1', { why: 'CPR 010203-1234' }, by, NOW))).toBe('cprNotAllowed');
  });
});

describe('a team member who initiated an intervention and leaves the team', () => {
  it('stays named as its initiator, and its other details can still be changed', () => {
    const current = removeMember(addIntervention(withTeam(), { ...MENTOR, memberId: 'm-vip' }, by, NOW), 'm-vip', by, NOW);
    expect(interventionsOf(current)[0]!.initiatedBy).toEqual({ memberId: 'm-vip', formerName: 'Karen Hansen' });
    expect(interventionsOf(changeIntervention(current, 'i1', { to: '2027-08-31' }, by, NOW))[0]!.initiatedBy).toEqual({ memberId: 'm-vip', formerName: 'Karen Hansen' });
  });
});

describe('the reminder that an intervention ends (issue 13)', () => {
  const planner = new ReminderPlanner(new WorkingDays());
  const activeTo = (to: string) => interventionsOf(addIntervention(withTeam(), { ...MENTOR, to, status: 'active' }, by, NOW))[0]!;

  it('reminds the coordinator two weeks before an active intervention ends, at the send time of a working day', () => {
    // 2027-01-15 minus 14 days is Friday 1 January, a public holiday: Monday 4 January at 08:00 Copenhagen.
    expect(planner.forIntervention(withTeam(), activeTo('2027-01-15'), NOW)).toEqual([
      { kind: 'interventionEnding', memberId: 'm-coordinator', at: '2027-01-04T07:00:00.000Z', about: { interventionId: 'i1', to: '2027-01-15', plannedAt: NOW.toISOString() } },
    ]);
  });

  it('reminds with the next reminders when the end is already within two weeks, and not at all once it has passed', () => {
    // NOW is Monday 23 November 2026 at 10:00 Copenhagen, after the day's send time: Tuesday's.
    expect(planner.forIntervention(withTeam(), activeTo('2026-12-01'), NOW).map((reminder) => reminder.at)).toEqual(['2026-11-24T07:00:00.000Z']);
    const ended = { ...activeTo('2026-12-01'), from: '2026-11-01', to: '2026-11-22' };
    expect(planner.forIntervention(withTeam(), ended, NOW)).toEqual([]);
  });

  it('does not remind of one that is not active or runs until further notice', () => {
    const planned = interventionsOf(addIntervention(withTeam(), MENTOR, by, NOW))[0]!;
    expect(planner.forIntervention(withTeam(), planned, NOW)).toEqual([]);
    const { to: _none, ...openEnded } = activeTo('2027-05-31');
    expect(planner.forIntervention(withTeam(), openEnded, NOW)).toEqual([]);
  });
});
