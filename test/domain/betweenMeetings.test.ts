// Seed 001: the form is "et dynamisk værktøj, der løbende opdateres". The form between meetings in the
// domain: the coordinator changes an agreement (each change in its history), an owner asks for a change
// with what and why, the coordinator accepts or declines it; the limits that keep it bounded.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { acceptChangeRequest, askToChangeAgreement, changeAgreement, declineChangeRequest, pendingChangeRequest } from '../../bot/domain/agreementChanges';
import { addAgreement, addGoal, agreementById, completeAgreement } from '../../bot/domain/goals';
import { CASE_LIMITS, HISTORY_KEPT, compactCase } from '../../bot/domain/limits';
import { ReminderPlanner } from '../../bot/domain/reminders';
import { WorkingDays } from '../../bot/domain/workingDays';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const coordinator = COORDINATOR.aadObjectId;
const jonas = 'aad-jonas';
const later = new Date('2026-11-25T10:00:00Z');

/** Jonas (UU) and Ali (jobcenter) on the team; Jonas owns an agreement the coordinator added between meetings. */
function betweenMeetings(): Case {
  let current = sampleCase();
  current = addMember(current, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: jonas, name: 'Jonas' } }, 'm-jonas', coordinator, NOW);
  current = addMember(current, { role: 'jobcentre', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali' } }, 'm-ali', coordinator, NOW);
  current = addGoal(current, { theme: 'education', longTermGoal: 'Jeg vil være tømrer' }, 'goal-1', coordinator, NOW);
  return addAgreement(current, 'goal-1', { action: 'Ringe til erhvervsskolen', ownerMemberId: 'm-jonas', followUpOn: '2026-12-01', followUpMethod: 'phone' }, 'a-1', coordinator, NOW);
}

describe('the between-meetings flow', () => {
  it('an owner asks, the coordinator accepts, changes again and declines the next request; the history tells it all', () => {
    let current = betweenMeetings();
    // Jonas asks for a later date and Ali as owner, and says why.
    current = askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-15', ownerMemberId: 'm-ali', why: 'Jobcentret har overtaget kontakten' }, jonas, NOW);
    expect(pendingChangeRequest(agreementById(current, 'a-1'))).toMatchObject({ followUpOn: '2026-12-15', ownerMemberId: 'm-ali', why: 'Jobcentret har overtaget kontakten', byAadObjectId: jonas });
    // Nothing changes until the coordinator decides; a second request waits for the first.
    expect(agreementById(current, 'a-1')).toMatchObject({ ownerMemberId: 'm-jonas', followUpOn: '2026-12-01' });
    expect(codeOf(() => askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-20', why: 'Igen' }, jonas, NOW))).toBe('changeRequestPending');

    current = acceptChangeRequest(current, 'a-1', coordinator, later);
    let agreement = agreementById(current, 'a-1');
    expect(agreement).toMatchObject({ ownerMemberId: 'm-ali', followUpOn: '2026-12-15', status: 'open' });
    expect(pendingChangeRequest(agreement)).toBeUndefined();
    // Decided: the decision stays for the one who asked; the texts are not kept.
    expect(agreement.changeRequest).toEqual({ at: NOW.toISOString(), byAadObjectId: jonas, ownerMemberId: 'm-ali', followUpOn: '2026-12-15', decision: { accepted: true, at: later.toISOString(), byAadObjectId: coordinator } });
    expect(agreement.history.at(-1)).toEqual({ at: later.toISOString(), byAadObjectId: coordinator, kind: 'changed', before: { ownerMemberId: 'm-jonas', followUpOn: '2026-12-01' }, requested: true });

    // The coordinator rewords the action and the method herself.
    current = changeAgreement(current, 'a-1', { action: 'Holde møde med erhvervsskolen', followUpMethod: 'meeting' }, coordinator, later);
    agreement = agreementById(current, 'a-1');
    expect(agreement).toMatchObject({ action: 'Holde møde med erhvervsskolen', followUpMethod: 'meeting' });
    expect(agreement.history.at(-1)).toEqual({ at: later.toISOString(), byAadObjectId: coordinator, kind: 'changed', before: { action: true, followUpMethod: 'phone' } });

    // Ali, the owner now, asks for a new action; the coordinator declines with a reason.
    current = askToChangeAgreement(current, 'a-1', { action: 'Sende en mail i stedet', why: 'Skolen svarer ikke telefonen' }, 'aad-ali', later);
    current = declineChangeRequest(current, 'a-1', 'Et møde er bedre for Emil', coordinator, later);
    agreement = agreementById(current, 'a-1');
    expect(agreement.action).toBe('Holde møde med erhvervsskolen');
    expect(agreement.changeRequest).toMatchObject({ byAadObjectId: 'aad-ali', decision: { accepted: false, reason: 'Et møde er bedre for Emil' } });
    expect(agreement.changeRequest?.action).toBeUndefined();
    expect(agreement.history.map((event) => event.kind)).toEqual(['created', 'changeAsked', 'changed', 'changed', 'changeAsked', 'changeDeclined']);
    // A decided request leaves room for a new one.
    expect(pendingChangeRequest(agreementById(askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-18', why: 'Ferie' }, 'aad-ali', later), 'a-1'))).toBeDefined();
  });

  it('a change that changes nothing is no change at all', () => {
    const current = betweenMeetings();
    expect(changeAgreement(current, 'a-1', { action: 'Ringe til erhvervsskolen', ownerMemberId: 'm-jonas', followUpOn: '2026-12-01', followUpMethod: 'phone' }, coordinator, later)).toBe(current);
    expect(changeAgreement(current, 'a-1', {}, coordinator, later)).toBe(current);
  });

  it('a change of the action alone keeps a follow-up date that has passed', () => {
    const current = betweenMeetings();
    const afterDate = new Date('2026-12-05T10:00:00Z');
    const changed = changeAgreement(current, 'a-1', { action: 'Ny formulering', followUpOn: '2026-12-01' }, coordinator, afterDate);
    expect(agreementById(changed, 'a-1')).toMatchObject({ action: 'Ny formulering', followUpOn: '2026-12-01' });
    expect(codeOf(() => changeAgreement(current, 'a-1', { followUpOn: '2026-12-02' }, coordinator, afterDate))).toBe('followUpInPast');
  });

  it('refuses an owner outside the team, a date in the past, an empty or unexplained request, and a done agreement', () => {
    const current = betweenMeetings();
    expect(codeOf(() => changeAgreement(current, 'a-1', { ownerMemberId: 'm-nobody' }, coordinator, later))).toBe('fieldRequired');
    expect(codeOf(() => changeAgreement(current, 'a-1', { followUpOn: '2026-11-01' }, coordinator, later))).toBe('followUpInPast');
    expect(codeOf(() => changeAgreement(current, 'a-1', { followUpMethod: 'other' }, coordinator, later))).toBe('fieldRequired');
    expect(codeOf(() => askToChangeAgreement(current, 'a-1', { why: 'Bare fordi' }, jonas, later))).toBe('changeRequestEmpty');
    // What equals the agreement as it is is not a change.
    expect(codeOf(() => askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-01', why: 'Bare fordi' }, jonas, later))).toBe('changeRequestEmpty');
    expect(codeOf(() => askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-10' }, jonas, later))).toBe('fieldRequired');
    expect(codeOf(() => askToChangeAgreement(current, 'a-1', { ownerMemberId: 'm-nobody', why: 'x' }, jonas, later))).toBe('fieldRequired');
    expect(codeOf(() => acceptChangeRequest(current, 'a-1', coordinator, later))).toBe('noChangeRequest');
    expect(codeOf(() => declineChangeRequest(current, 'a-1', undefined, coordinator, later))).toBe('noChangeRequest');
    const done = completeAgreement(current, 'a-1', jonas, later);
    expect(codeOf(() => changeAgreement(done, 'a-1', { action: 'Noget andet' }, coordinator, later))).toBe('agreementDone');
    expect(codeOf(() => askToChangeAgreement(done, 'a-1', { action: 'Noget andet', why: 'x' }, jonas, later))).toBe('agreementDone');
    for (const m of [da, en]) {
      expect(m.errors.changeRequestEmpty({})).toBeTruthy();
      expect(m.errors.noChangeRequest({})).toBeTruthy();
    }
  });

  it('plans the next reminders for an owner the change concerns, not a message per change', () => {
    const planner = new ReminderPlanner(new WorkingDays());
    // Before the day's send time: today's reminders; after it: the next working day's (Friday evening: Monday).
    expect(planner.forChange('a-1', ['m-ali'], new Date('2026-11-25T05:00:00Z'))).toEqual([{ kind: 'agreementChanged', memberId: 'm-ali', at: '2026-11-25T07:00:00.000Z', about: { agreementId: 'a-1' } }]);
    expect(planner.forChange('a-1', ['m-ali', 'm-jonas'], new Date('2026-11-27T17:00:00Z')).map((planned) => planned.at)).toEqual(['2026-11-30T07:00:00.000Z', '2026-11-30T07:00:00.000Z']);
  });
});

describe('bounds', () => {
  it(`refuses a request past ${CASE_LIMITS.pendingChangeRequests} awaiting an answer in a case`, () => {
    let current = betweenMeetings();
    for (let index = 0; index < CASE_LIMITS.pendingChangeRequests + 1; index++) {
      current = addAgreement(current, 'goal-1', { action: `Aftale ${index}`, ownerMemberId: 'm-jonas', followUpOn: '2026-12-01', followUpMethod: 'phone' }, `b-${index}`, coordinator, NOW);
    }
    for (let index = 0; index < CASE_LIMITS.pendingChangeRequests; index++) current = askToChangeAgreement(current, `b-${index}`, { followUpOn: '2026-12-20', why: 'Travlt' }, jonas, NOW);
    const last = `b-${CASE_LIMITS.pendingChangeRequests}`;
    expect(codeOf(() => askToChangeAgreement(current, last, { followUpOn: '2026-12-20', why: 'Travlt' }, jonas, NOW))).toBe('tooManyChangeRequests');
    // Deciding one makes room.
    current = declineChangeRequest(current, 'b-0', undefined, coordinator, later);
    expect(pendingChangeRequest(agreementById(askToChangeAgreement(current, last, { followUpOn: '2026-12-20', why: 'Travlt' }, jonas, later), last))).toBeDefined();
    for (const m of [da, en]) expect(m.errors.tooManyChangeRequests({ max: CASE_LIMITS.pendingChangeRequests })).toContain(String(CASE_LIMITS.pendingChangeRequests));
  });

  it('keeps an agreement\'s first event and its latest, and the latest decided requests of the case', () => {
    let current = betweenMeetings();
    const dates = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    for (const date of dates) current = compactCase(changeAgreement(current, 'a-1', { followUpOn: date }, coordinator, later));
    const history = agreementById(current, 'a-1').history;
    expect(history).toHaveLength(HISTORY_KEPT.agreementEvents + 1);
    // The latest changes; only the very latest says what the date was before it.
    expect(history.map((event) => event.before?.followUpOn ?? event.kind)).toEqual(['created', ...Array(HISTORY_KEPT.agreementEvents - 1).fill('changed'), '2026-12-05']);

    for (let index = 0; index < HISTORY_KEPT.decidedChangeRequests + 1; index++) {
      current = addAgreement(current, 'goal-1', { action: `Aftale ${index}`, ownerMemberId: 'm-jonas', followUpOn: '2026-12-01', followUpMethod: 'phone' }, `c-${index}`, coordinator, NOW);
      current = askToChangeAgreement(current, `c-${index}`, { followUpOn: '2026-12-20', why: 'Travlt' }, jonas, NOW);
      current = compactCase(declineChangeRequest(current, `c-${index}`, 'Nej', coordinator, new Date(later.getTime() + index * 60_000)));
    }
    current = askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-20', why: 'Travlt' }, jonas, later);
    current = compactCase(current);
    const decided = current.agreements.filter((agreement) => agreement.changeRequest?.decision).map((agreement) => agreement.id);
    expect(decided).toEqual(['c-1', 'c-2', 'c-3']);
    // A request awaiting an answer is never dropped.
    expect(pendingChangeRequest(agreementById(current, 'a-1'))).toBeDefined();
  });
});
