// Bounded growth: what a case may hold (refused past it, in the user's language) and what each
// history keeps. A case at every limit, with ten years of meetings, stays under 1 MB.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { closeMeeting } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { GOAL_THEMES, addAgreement, addGoal, reviseGoal } from '../../bot/domain/goals';
import { CASE_LIMITS, HISTORY_KEPT, MAX_CASE_BYTES, assertCaseFits, caseBytes, compactCase, keepFirstAndLast } from '../../bot/domain/limits';
import { answerChecklist, cancelMeeting, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { caseAtEveryLimit, text } from '../support/limitCase';
import { checklistCard } from '../../cards/meetingCards';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const DAY = 24 * 60 * 60 * 1000;
const ONE_MB = 1024 * 1024;

function withOpenMeeting(): Case {
  return openMeeting(sampleCase(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
}

describe('what a case may hold', () => {
  it(`refuses a goal past ${CASE_LIMITS.goalsPerTheme} in one theme, and says to revise one instead`, () => {
    let current = sampleCase();
    for (let index = 0; index < CASE_LIMITS.goalsPerTheme; index++) current = addGoal(current, { theme: 'housing', longTermGoal: `Bolig ${index}` }, `goal-${index}`, by, NOW);
    expect(codeOf(() => addGoal(current, { theme: 'housing', longTermGoal: 'En til' }, 'goal-x', by, NOW))).toBe('tooManyGoals');
    // Another theme still takes goals.
    expect(addGoal(current, { theme: 'work', longTermGoal: 'Job' }, 'goal-w', by, NOW).goals).toHaveLength(CASE_LIMITS.goalsPerTheme + 1);
    expect(da.errors.tooManyGoals({ max: CASE_LIMITS.goalsPerTheme })).toContain('Revidér');
    expect(en.errors.tooManyGoals({ max: CASE_LIMITS.goalsPerTheme })).toContain(`at most ${CASE_LIMITS.goalsPerTheme} goals`);
  });

  it('refuses an agreement past the limit of its goal and past the limit of the case', () => {
    let current = sampleCase();
    GOAL_THEMES.forEach((theme) => {
      for (let index = 0; index < CASE_LIMITS.goalsPerTheme; index++) current = addGoal(current, { theme, longTermGoal: `${theme} ${index}` }, `goal-${theme}-${index}`, by, NOW);
    });
    const agreement = (goalId: string, index: number) => ({ action: `Aftale ${index} for ${goalId}`, ownerMemberId: 'm-young', followUpOn: '2026-12-01', followUpMethod: 'phone' });
    const goals = current.goals.map((goal) => goal.id);
    for (let index = 0; index < CASE_LIMITS.agreementsPerGoal; index++) current = addAgreement(current, goals[0]!, agreement(goals[0]!, index), `a-${index}`, by, NOW);
    expect(codeOf(() => addAgreement(current, goals[0]!, agreement(goals[0]!, 99), 'a-x', by, NOW))).toBe('tooManyAgreementsForGoal');
    for (let index = CASE_LIMITS.agreementsPerGoal; index < CASE_LIMITS.agreements; index++) {
      const goalId = goals[1 + (index % (goals.length - 1))]!;
      current = addAgreement(current, goalId, agreement(goalId, index), `a-${index}`, by, NOW);
    }
    expect(current.agreements).toHaveLength(CASE_LIMITS.agreements);
    expect(codeOf(() => addAgreement(current, goals.at(-1)!, agreement('x', 0), 'a-y', by, NOW))).toBe('tooManyAgreements');
    for (const m of [da, en]) {
      expect(m.errors.tooManyAgreements({ max: CASE_LIMITS.agreements })).toContain(String(CASE_LIMITS.agreements));
      expect(m.errors.tooManyAgreementsForGoal({ max: CASE_LIMITS.agreementsPerGoal })).toContain(String(CASE_LIMITS.agreementsPerGoal));
    }
  });

  it(`keeps every consent record, and refuses one past ${CASE_LIMITS.consents}`, () => {
    let current = sampleCase();
    const consent = () => ({ givenByYoungPerson: true, parentalHolderName: 'Sam Forælder', givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: current.members.map((member) => member.id) });
    for (let index = 0; index < CASE_LIMITS.consents; index++) current = compactCase(recordConsent(current, consent(), `consent-${index}`, by, NOW));
    // Who agreed to what and when stays readable: none is compacted away.
    expect(current.consents.map((record) => record.id)).toEqual(Array.from({ length: CASE_LIMITS.consents }, (_, index) => `consent-${index}`));
    expect(codeOf(() => recordConsent(current, consent(), 'consent-x', by, NOW))).toBe('tooManyConsents');
    for (const m of [da, en]) expect(m.errors.tooManyConsents({ max: CASE_LIMITS.consents })).toContain(String(CASE_LIMITS.consents));
  });

  it(`refuses a meeting past ${CASE_LIMITS.meetings}, cancelled ones included`, () => {
    let current = sampleCase();
    for (let index = 0; index < CASE_LIMITS.meetings; index++) {
      const day = new Date(NOW.getTime() + (index + 1) * DAY).toISOString().slice(0, 10);
      current = cancelMeeting(planMeeting(current, `meeting-${index}`, { date: day, time: '10:00' }, by, NOW), `meeting-${index}`, 'youngPersonIll', undefined, by, NOW);
    }
    expect(codeOf(() => planMeeting(current, 'meeting-x', { date: '2030-01-01', time: '10:00' }, by, NOW))).toBe('tooManyMeetings');
    expect(codeOf(() => openMeeting(current, 'meeting-x', { date: '2026-11-23', time: '10:00' }, by, NOW))).toBe('tooManyMeetings');
    expect(da.errors.tooManyMeetings({ max: CASE_LIMITS.meetings })).toContain(String(CASE_LIMITS.meetings));
  });

  it('closes the last meeting a case may hold all the same, with no next one planned', () => {
    let current = sampleCase();
    for (let index = 0; index < CASE_LIMITS.meetings - 1; index++) {
      const day = new Date(NOW.getTime() + (index + 1) * DAY).toISOString().slice(0, 10);
      current = cancelMeeting(planMeeting(current, `meeting-${index}`, { date: day, time: '10:00' }, by, NOW), `meeting-${index}`, 'youngPersonIll', undefined, by, NOW);
    }
    current = openMeeting(current, 'meeting-last', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const closing = { feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-coordinator', nextMeetingDate: '2027-02-15', summary: 'Sidste møde.', waitingArrangement: 'Ingen.', confirmEmptySections: true };
    const closed = closeMeeting(current, 'meeting-last', closing, 'meeting-next', by, NOW);
    expect(closed.meetings).toHaveLength(CASE_LIMITS.meetings);
    expect(closed.meetings.at(-1)).toMatchObject({ status: 'held', closure: { nextMeetingId: '' } });
  });

  it('refuses, as a last guard, a change that leaves the case over the byte limit and larger than before', () => {
    const small = sampleCase();
    const huge = { ...small, youngPerson: { ...small.youngPerson, name: 'x'.repeat(MAX_CASE_BYTES) } };
    expect(codeOf(() => assertCaseFits(small, huge))).toBe('caseTooLarge');
    // A change that makes an oversized case smaller is let through: it is never locked.
    expect(() => assertCaseFits(huge, { ...huge, history: [] })).not.toThrow();
    expect(() => assertCaseFits(small, small)).not.toThrow();
    expect(en.errors.caseTooLarge({})).toContain('Nothing was saved');
  });
});

describe('what each history keeps', () => {
  it('keeps the first entry and the latest ones', () => {
    expect(keepFirstAndLast([1, 2, 3, 4, 5, 6], 2)).toEqual([1, 5, 6]);
    expect(keepFirstAndLast([1, 2, 3], 2)).toEqual([1, 2, 3]);
  });

  it('keeps 3,000 answers to one question at a few kilobytes: the first change and the latest, the rest counted', () => {
    let current = withOpenMeeting();
    const before = caseBytes(current);
    for (let round = 0; round < 3000; round++) current = compactCase(answerChecklist(current, 'meeting-1', { otherName_1: `Moster ${round}`, prepPreMeeting: round % 2 ? 'yes' : 'no' }, by, NOW));
    const meeting = current.meetings[0]!;
    expect(meeting.answers).toMatchObject({ otherName_1: 'Moster 2999', prepPreMeeting: 'yes' });
    expect(meeting.answerLog.filter((change) => change.questionId === 'otherName_1').map((change) => change.value)).toEqual(['Moster 0', 'Moster 2999']);
    expect(meeting.answerLog).toHaveLength(2 * (1 + HISTORY_KEPT.answerChangesPerQuestion));
    expect(meeting.droppedAnswerChanges).toBe(2 * 3000 - meeting.answerLog.length);
    expect(caseBytes(current) - before).toBeLessThan(2000);
  });

  it('keeps the first and the latest wordings of a goal revised many times', () => {
    let current = addGoal(sampleCase(), { theme: 'housing', longTermGoal: 'Version 0' }, 'goal-1', by, NOW);
    for (let round = 1; round <= 50; round++) current = compactCase(reviseGoal(current, 'goal-1', { longTermGoal: `Version ${round}` }, by, NOW));
    expect(current.goals[0]!.versions.map((version) => version.longTermGoal)).toEqual(['Version 0', 'Version 49', 'Version 50']);
  });

  it('keeps the answer log of the latest meeting only, and the free text of the latest two, older meetings keep their choices', () => {
    const current = caseAtEveryLimit({ years: 2, reanswers: 2 });
    // Meetings are kept in the order they take place: the latest held is the last.
    const latestFirst = [...current.meetings].filter((meeting) => meeting.status === 'held').reverse();
    expect(latestFirst[0]!.answerLog.length).toBeGreaterThan(0);
    for (const older of latestFirst.slice(1)) expect(older.answerLog).toEqual([]);
    for (const recent of latestFirst.slice(0, HISTORY_KEPT.meetingsWithFreeText)) expect(recent.freeTextDropped).toBeUndefined();
    for (const old of latestFirst.slice(HISTORY_KEPT.meetingsWithFreeText)) {
      expect(old.freeTextDropped).toBe(true);
      expect(Object.keys(old.answers).some((id) => /^(?:absenceReason|roleAbsenceReason|otherName|otherReason)_/.test(id))).toBe(false);
      expect(Object.keys(old.answers).filter((id) => id.startsWith('attended_'))).toHaveLength(current.members.length);
      expect(old.closure?.summary).toBe(text(2000, 's'));
      expect(old.closure?.sentBack).toEqual([]);
      // The checklist of such a meeting says what it no longer holds.
      expect(JSON.stringify(checklistCard(da, { case: current, viewer: current.members[0]! }, old))).toContain(da.cards.meeting.freeTextDropped);
    }
  });
});

describe('a case at every limit', () => {
  it('with ten years of meetings stays under 1 MB serialized', () => {
    const current = caseAtEveryLimit();
    expect(current.members).toHaveLength(60);
    expect(current.goals).toHaveLength(GOAL_THEMES.length * CASE_LIMITS.goalsPerTheme);
    expect(current.agreements).toHaveLength(CASE_LIMITS.agreements);
    expect(current.meetings.filter((meeting) => meeting.status === 'held')).toHaveLength(40);
    expect(caseBytes(current)).toBeLessThan(ONE_MB);
    // One more member past the limit is refused as before.
    expect(codeOf(() => addMember(current, { role: 'vip', person: { kind: 'external', name: 'En til' } }, 'm-x', by, NOW))).toBe('teamFull');
  }, 60_000);
});
