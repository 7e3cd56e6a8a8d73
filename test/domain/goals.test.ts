import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import {
  GOAL_THEMES,
  addAgreement,
  addGoal,
  askForHelp,
  completeAgreement,
  currentVersion,
  goalResponsibles,
  markGoal,
  moveAgreement,
  reviseGoal,
} from '../../bot/domain/goals';
import { addMember } from '../../bot/domain/team';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const later = new Date('2027-02-01T10:00:00Z');

function withGoal(): Case {
  const team = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' } }, 'm-jonas', by, NOW);
  return addGoal(team, { theme: 'education', longTermGoal: 'Jeg vil være tømrer', subGoals: 'Komme i gang med 10. klasse' }, 'goal-1', by, NOW, 'meeting-1');
}

const agreement = { action: 'Ringe til erhvervsskolen', ownerMemberId: 'm-jonas', followUpOn: '2026-12-01', followUpMethod: 'phone' };

describe('goals (mål- og aftaleskema)', () => {
  it('has the eight themes of the form', () => {
    expect(GOAL_THEMES).toEqual(['socialSupport', 'housing', 'economy', 'education', 'work', 'healthAndSubstance', 'network', 'other']);
  });

  it('keeps the long-term goal in the young person words, with the meeting it came from', () => {
    const goal = withGoal().goals[0]!;
    expect(goal).toMatchObject({ id: 'goal-1', theme: 'education', outcomes: [] });
    expect(currentVersion(goal)).toEqual({ longTermGoal: 'Jeg vil være tømrer', subGoals: 'Komme i gang med 10. klasse', at: NOW.toISOString(), byAadObjectId: by, meetingId: 'meeting-1' });
  });

  it('refuses a goal without a theme or a long-term goal, and a CPR number in it', () => {
    expect(codeOf(() => addGoal(sampleCase(), { longTermGoal: 'x' }, 'g', by, NOW))).toBe('fieldRequired');
    expect(codeOf(() => addGoal(sampleCase(), { theme: 'education' }, 'g', by, NOW))).toBe('fieldRequired');
    expect(codeOf(() => addGoal(sampleCase(), { theme: 'education', longTermGoal: '0102031234' }, 'g', by, NOW))).toBe('cprNotAllowed');
  });

  it('marks an agreement that needs others\' decision as a recommendation (indstilling, seed 001 agenda point 5), and only that one', () => {
    const recommended = addAgreement(withGoal(), 'goal-1', { ...agreement, needsVisitation: true }, 'a-1', by, NOW);
    expect(recommended.agreements[0]).toMatchObject({ id: 'a-1', needsVisitation: true });
    const plain = addAgreement(withGoal(), 'goal-1', { ...agreement, needsVisitation: false }, 'a-2', by, NOW);
    expect(plain.agreements[0]).not.toHaveProperty('needsVisitation');
    // An agreement added from a card without the toggle is no recommendation.
    expect(addAgreement(withGoal(), 'goal-1', agreement, 'a-3', by, NOW).agreements[0]).not.toHaveProperty('needsVisitation');
  });

  it('makes the young person responsible under every goal, first, whoever owns the agreements', () => {
    const current = addAgreement(withGoal(), 'goal-1', agreement, 'a-1', by, NOW);
    expect(goalResponsibles(current, current.goals[0]!).map((member) => member.id)).toEqual(['m-young', 'm-jonas']);
    const bare = withGoal();
    expect(goalResponsibles(bare, bare.goals[0]!).map((member) => member.role)).toEqual(['youngPerson']);
  });

  it('revises a goal with a date and keeps every earlier wording', () => {
    const revised = reviseGoal(withGoal(), 'goal-1', { longTermGoal: 'Jeg vil være snedker', subGoals: 'Praktik' }, 'aad-jonas', later, 'meeting-2');
    const goal = revised.goals[0]!;
    expect(goal.versions.map((version) => [version.longTermGoal, version.at, version.meetingId])).toEqual([
      ['Jeg vil være tømrer', NOW.toISOString(), 'meeting-1'],
      ['Jeg vil være snedker', later.toISOString(), 'meeting-2'],
    ]);
    expect(reviseGoal(revised, 'goal-1', { longTermGoal: 'Jeg vil være snedker', subGoals: 'Praktik' }, by, later)).toBe(revised);
  });

  it('marks a goal reached or not with a reason, keeping each verdict', () => {
    const notYet = markGoal(withGoal(), 'goal-1', false, 'Venter på optag', by, NOW, 'meeting-1');
    const reached = markGoal(notYet, 'goal-1', true, 'Startet på skolen', by, later, 'meeting-2');
    expect(reached.goals[0]!.outcomes.map((outcome) => [outcome.reached, outcome.reason])).toEqual([
      [false, 'Venter på optag'],
      [true, 'Startet på skolen'],
    ]);
    expect(codeOf(() => markGoal(withGoal(), 'goal-1', true, '', by, NOW))).toBe('fieldRequired');
  });
});

describe('agreements', () => {
  it('have an action, an owner on the team, a follow-up date and method', () => {
    const current = addAgreement(withGoal(), 'goal-1', agreement, 'a-1', by, NOW, 'meeting-1');
    expect(current.agreements[0]).toEqual({
      id: 'a-1',
      goalId: 'goal-1',
      action: 'Ringe til erhvervsskolen',
      ownerMemberId: 'm-jonas',
      followUpOn: '2026-12-01',
      followUpMethod: 'phone',
      status: 'open',
      meetingId: 'meeting-1',
      history: [{ at: NOW.toISOString(), byAadObjectId: by, kind: 'created' }],
    });
  });

  it.each([
    [{ ...agreement, ownerMemberId: 'nobody' }, 'fieldRequired'],
    [{ ...agreement, followUpOn: '2026-11-22' }, 'followUpInPast'],
    [{ ...agreement, followUpOn: '2026-13-01' }, 'invalidDate'],
    [{ ...agreement, followUpMethod: 'pigeon' }, 'fieldRequired'],
    [{ ...agreement, followUpMethod: 'other' }, 'fieldRequired'],
    [{ ...agreement, action: '' }, 'fieldRequired'],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(() => addAgreement(withGoal(), 'goal-1', input, 'a', by, NOW))).toBe(code);
  });

  it('can be owned by the young person and by the VIP', () => {
    const withVip = addMember(withGoal(), { role: 'vip', person: { kind: 'external', name: 'Moster' } }, 'm-vip', by, NOW);
    const current = addAgreement(addAgreement(withVip, 'goal-1', { ...agreement, ownerMemberId: 'm-young' }, 'a-1', by, NOW), 'goal-1', { ...agreement, ownerMemberId: 'm-vip' }, 'a-2', by, NOW);
    expect(current.agreements.map((a) => a.ownerMemberId)).toEqual(['m-young', 'm-vip']);
  });

  it('is done, moved or asks for help, each kept in its history', () => {
    const created = addAgreement(withGoal(), 'goal-1', agreement, 'a-1', by, NOW);
    const moved = moveAgreement(created, 'a-1', '2026-12-15', 'aad-jonas', NOW);
    const helped = askForHelp(moved, 'a-1', 'aad-jonas', NOW);
    const done = completeAgreement(helped, 'a-1', 'aad-jonas', later);
    const final = done.agreements[0]!;
    expect(final.status).toBe('done');
    expect(final.followUpOn).toBe('2026-12-15');
    expect(final.history.map((event) => event.kind)).toEqual(['created', 'newDate', 'needsHelp', 'done']);
    expect(codeOf(() => completeAgreement(done, 'a-1', by, later))).toBe('agreementDone');
    expect(codeOf(() => moveAgreement(created, 'a-1', '2020-01-01', by, NOW))).toBe('followUpInPast');
  });
});
