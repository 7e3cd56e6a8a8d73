// Section 3 and 5 of the checklist as the form has them (issue 11, section 3; seeds 000 and 001): the VIP
// is the team's VIP member; attendance is asked per row of the form's table, a member or a role every
// team has; "Øvrige deltagere" explain their taking part or not, each from outside the team by name;
// answers to the questions earlier versions asked are kept and shown, never saved again or counted.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { MAX_OTHER_PARTICIPANTS, asksForAnswer, isFreeTextQuestion, otherPlaces } from '../../bot/domain/checklist';
import { answerChecklist, checklistProgress, checklistQuestions, openMeeting, progressOf } from '../../bot/domain/meeting';
import { addMember, changeMember } from '../../bot/domain/team';
import { codeOf, refusalOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;

/** Jonas (UU-vejleder), Karen (the VIP, outside Teams) and Ole (a psychologist): no jobcentre caseworker. */
function team(): Case {
  let current = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' } }, 'm-jonas', by, NOW);
  current = addMember(current, { role: 'vip', person: { kind: 'external', name: 'Karen' } }, 'm-karen', by, NOW);
  return addMember(current, { role: 'psychologist', person: { kind: 'external', name: 'Ole' } }, 'm-ole', by, NOW);
}

const open = (current: Case = team()) => openMeeting(current, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
const answer = (current: Case, answers: Record<string, string>) => answerChecklist(current, 'meeting-1', answers, by, NOW);
const meetingOf = (current: Case) => current.meetings[0]!;
const attendanceIds = (current: Case) =>
  checklistQuestions(current, meetingOf(current))
    .filter((question) => question.section === 'attendance' && question.attendance?.row.kind !== 'other')
    .map((question) => question.id);
function sectionProgress(current: Case, section: string) {
  return progressOf(checklistQuestions(current, meetingOf(current)).filter((question) => question.section === section), meetingOf(current).answers);
}

describe('the VIP (section 3) is the team\'s VIP member', () => {
  it('takes a member with the role VIP, and no one else', () => {
    const current = open();
    expect(meetingOf(answer(current, { vipAttached: 'yes', vipMemberId: 'm-karen', vipSource: 'private' })).answers).toMatchObject({ vipMemberId: 'm-karen', vipSource: 'private' });
    expect(codeOf(() => answer(current, { vipMemberId: 'm-jonas' }))).toBe('invalidAnswer');
    expect(codeOf(() => answer(current, { vipMemberId: 'm-nobody' }))).toBe('invalidAnswer');
    expect(codeOf(() => answer(current, { vipSource: 'family' }))).toBe('invalidAnswer');
  });

  it('asks who and from where only when the young person has a VIP', () => {
    const current = open();
    expect(sectionProgress(answer(current, { vipAttached: 'no' }), 'vip')).toEqual({ answered: 1, total: 1 });
    expect(sectionProgress(answer(current, { vipAttached: 'yes', vipMemberId: 'm-karen' }), 'vip')).toEqual({ answered: 2, total: 3 });
  });
});

describe('answers to questions asked otherwise now', () => {
  /** As an earlier version stored them: who the VIP is as text, all others present in one text. */
  function withOldAnswers(): Case {
    const current = answer(open(), { vipAttached: 'yes' });
    const meeting = meetingOf(current);
    return { ...current, meetings: [{ ...meeting, answers: { ...meeting.answers, vipWho: 'Moster', attendanceOthers: 'Lærer' } }] };
  }

  it('are refused from an old card, with nothing saved', () => {
    const current = withOldAnswers();
    for (const [questionId, text] of [['vipWho', 'Mormor'], ['attendanceOthers', 'Mentor']] as const) {
      const refusal = refusalOf(() => answer(current, { prepPreMeeting: 'yes', [questionId]: text }));
      expect(refusal).toMatchObject({ code: 'questionRetired', details: { question: questionId } });
    }
    expect(meetingOf(current).answers).toMatchObject({ vipWho: 'Moster', attendanceOthers: 'Lærer' });
  });

  it('are kept, not counted, and let go with the free text of a meeting long past', () => {
    const current = withOldAnswers();
    const withoutThem = answer(open(), { vipAttached: 'yes' });
    expect(checklistProgress(current, meetingOf(current))).toEqual(checklistProgress(withoutThem, meetingOf(withoutThem)));
    expect(isFreeTextQuestion('vipWho')).toBe(true);
    expect(isFreeTextQuestion('attendanceOthers')).toBe(true);
  });
});

describe('attendance (section 5) per row of the form\'s table', () => {
  it('asks the team in the form\'s order, then the others; a role every team has but nobody holds is asked as that role', () => {
    expect(attendanceIds(open())).toEqual([
      'attended_m-young', 'absenceReason_m-young',
      'attended_m-coordinator', 'absenceReason_m-coordinator',
      'attended_m-karen', 'absenceReason_m-karen',
      'attended_m-jonas', 'absenceReason_m-jonas',
      // Seed 000: UU-vejleder and jobcenter are always on the team.
      'roleAttended_jobcentre', 'roleAbsenceReason_jobcentre',
      'attended_m-ole', 'absenceReason_m-ole',
    ]);
  });

  it('records a missing role as absent, with why, and counts it until it is answered', () => {
    const current = open();
    const before = sectionProgress(current, 'attendance');
    const absent = answer(current, { roleAttended_jobcentre: 'no' });
    expect(sectionProgress(absent, 'attendance')).toEqual({ answered: before.answered + 1, total: before.total + 1 });
    const explained = answer(absent, { roleAbsenceReason_jobcentre: 'Ikke udpeget endnu' });
    expect(sectionProgress(explained, 'attendance')).toEqual({ answered: before.answered + 2, total: before.total + 1 });
    expect(isFreeTextQuestion('roleAbsenceReason_jobcentre')).toBe(true);
  });

  it('asks the role no more once someone holds it', () => {
    const withCaseworker = addMember(team(), { role: 'jobcentre', person: { kind: 'teams', aadObjectId: 'aad-sara', name: 'Sara' } }, 'm-sara', by, NOW);
    const ids = attendanceIds(open(withCaseworker));
    expect(ids).not.toContain('roleAttended_jobcentre');
    expect(ids).toContain('attended_m-sara');
    // Jonas changes role: the UU-vejleder's row is asked as the role again.
    const withoutGuidance = changeMember(withCaseworker, { memberId: 'm-jonas', role: 'school' }, by, NOW);
    expect(attendanceIds(open(withoutGuidance))).toContain('roleAttended_youthGuidance');
  });

  it('asks the team why only when absent, and the others why they took part or not', () => {
    const current = open();
    const present = answer(current, { 'attended_m-jonas': 'yes', 'attended_m-ole': 'yes' });
    const reasons = ['absenceReason_m-jonas', 'absenceReason_m-ole'];
    const asked = (changed: Case) =>
      checklistQuestions(changed, meetingOf(changed))
        .filter((question) => reasons.includes(question.id) && asksForAnswer(question, meetingOf(changed).answers))
        .map((question) => question.id);
    expect(asked(current)).toEqual([]);
    expect(asked(present)).toEqual(['absenceReason_m-ole']);
    expect(asked(answer(present, { 'attended_m-jonas': 'no' }))).toEqual(['absenceReason_m-jonas', 'absenceReason_m-ole']);
  });
});

describe('other participants from outside the team ("Andre (angiv hvem)")', () => {
  it('asks each by name: once named, whether they took part and why (not) are counted', () => {
    const current = open();
    const before = sectionProgress(current, 'attendance');
    const named = answer(current, { otherName_1: 'Lærer fra produktionsskolen' });
    expect(sectionProgress(named, 'attendance')).toEqual({ answered: before.answered, total: before.total + 2 });
    const explained = answer(named, { otherAttended_1: 'no', otherReason_1: 'Syg' });
    expect(sectionProgress(explained, 'attendance')).toEqual({ answered: before.answered + 2, total: before.total + 2 });
  });

  it(`holds at most ${MAX_OTHER_PARTICIPANTS}, and says which places are in use and which is free`, () => {
    const current = open();
    expect(otherPlaces(meetingOf(current).answers)).toEqual({ inUse: [], free: 1 });
    const two = answer(current, { otherName_1: 'A', otherReason_3: 'B' });
    expect(otherPlaces(meetingOf(two).answers)).toEqual({ inUse: [1, 3], free: 2 });
    const full = answer(current, Object.fromEntries(Array.from({ length: MAX_OTHER_PARTICIPANTS }, (_, index) => [`otherName_${index + 1}`, `Gæst ${index + 1}`])));
    expect(otherPlaces(meetingOf(full).answers)).toEqual({ inUse: Array.from({ length: MAX_OTHER_PARTICIPANTS }, (_, index) => index + 1), free: undefined });
    expect(codeOf(() => answer(full, { [`otherName_${MAX_OTHER_PARTICIPANTS + 1}`]: 'En til' }))).toBe('unknownQuestion');
    expect(isFreeTextQuestion('otherName_1')).toBe(true);
    expect(isFreeTextQuestion('otherReason_10')).toBe(true);
  });
});
