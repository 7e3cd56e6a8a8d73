// The checklist when the work happens (issue 11, section 2; seed 001): preparation and the meeting
// roles from the moment the meeting is planned, attendance and the evaluation also after the meeting
// until the minutes are approved, and closing names the sections not filled in.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { approveMinutes, closeMeeting, closureOf } from '../../bot/domain/closing';
import { answerChecklist, cancelMeeting, incompleteSections, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { refusalOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const LATER = new Date('2026-11-25T12:00:00Z');

function withAli(): Case {
  return addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali' } }, 'm-ali', by, NOW);
}

const planned = () => planMeeting(withAli(), 'meeting-1', { date: '2026-12-01', time: '10:00' }, by, NOW);
const opened = () => openMeeting(withAli(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);

const closing = {
  waitingArrangement: 'Ali holder kontakten',
  feedbackMemberId: 'm-coordinator',
  eyeKeeperMemberId: 'm-ali',
  acuteContactMemberId: 'm-ali',
  nextMeetingDate: '2027-02-15',
  nextMeetingTime: '09:00',
  summary: 'Fokus på uddannelse.',
};

/** Meeting 1 held (closed with the checklist left empty, confirmed), its minutes awaiting approval. */
const awaitingApproval = () => closeMeeting(opened(), 'meeting-1', { ...closing, confirmEmptySections: true }, 'meeting-2', by, NOW);

/** One answer per section, each valid for its question. */
const ONE_PER_SECTION: Record<string, Record<string, string>> = {
  roles: { roleLeader: 'm-coordinator' },
  preparation: { prepPreMeeting: 'yes' },
  vip: { vipAttached: 'no' },
  agenda: { agenda1: 'yes' },
  attendance: { 'attended_m-ali': 'yes' },
  evaluation: { evalResources: 'unknown' },
  status: { youngPersonStatus: 'work' },
};

/** The sections that take an answer in this state of the meeting, and the refusal of each other one. */
function answerableSections(current: Case, at: Date) {
  const answerable: string[] = [];
  const refusals: Record<string, unknown> = {};
  for (const [section, answer] of Object.entries(ONE_PER_SECTION)) {
    const refusal = refusalOf(() => answerChecklist(current, 'meeting-1', answer, by, at));
    if (refusal) refusals[section] = { code: refusal.code, ...refusal.details };
    else answerable.push(section);
  }
  return { answerable, refusals };
}

describe('when each section of the checklist can be answered', () => {
  it('a planned meeting: preparation and the meeting roles only; the refusal names when the section can be answered', () => {
    const { answerable, refusals } = answerableSections(planned(), NOW);
    expect(answerable).toEqual(['roles', 'preparation']);
    expect(refusals).toEqual({
      vip: { code: 'sectionNotAnswerableNow', section: 'vip', window: 'open', phase: 'planned' },
      agenda: { code: 'sectionNotAnswerableNow', section: 'agenda', window: 'open', phase: 'planned' },
      attendance: { code: 'sectionNotAnswerableNow', section: 'attendance', window: 'openOrAwaitingApproval', phase: 'planned' },
      evaluation: { code: 'sectionNotAnswerableNow', section: 'evaluation', window: 'openOrAwaitingApproval', phase: 'planned' },
      status: { code: 'sectionNotAnswerableNow', section: 'status', window: 'open', phase: 'planned' },
    });
  });

  it('what was answered while the meeting was planned is there when it opens', () => {
    const prepared = answerChecklist(planned(), 'meeting-1', { prepPreMeeting: 'yes', roleWriter: 'm-ali' }, by, NOW);
    const meeting = openMeeting(prepared, 'unused', { date: '2026-12-01', time: '10:05' }, by, NOW).meetings[0]!;
    expect(meeting).toMatchObject({ id: 'meeting-1', status: 'open', answers: { prepPreMeeting: 'yes', roleWriter: 'm-ali' } });
  });

  it('an open meeting: every section', () => {
    expect(answerableSections(opened(), NOW).answerable).toEqual(Object.keys(ONE_PER_SECTION));
  });

  it('after the meeting, until the minutes are approved: attendance and the evaluation only', () => {
    const { answerable, refusals } = answerableSections(awaitingApproval(), LATER);
    expect(answerable).toEqual(['attendance', 'evaluation']);
    expect(refusals).toMatchObject({
      roles: { code: 'sectionNotAnswerableNow', window: 'plannedOrOpen', phase: 'awaitingApproval' },
      preparation: { code: 'sectionNotAnswerableNow', window: 'plannedOrOpen', phase: 'awaitingApproval' },
      vip: { code: 'sectionNotAnswerableNow', window: 'open', phase: 'awaitingApproval' },
    });
    const filledIn = answerChecklist(awaitingApproval(), 'meeting-1', { 'attended_m-ali': 'no', 'absenceReason_m-ali': 'Syg', evalWentWell: 'yes' }, by, LATER);
    expect(filledIn.meetings[0]).toMatchObject({ status: 'held', answers: { 'attended_m-ali': 'no', 'absenceReason_m-ali': 'Syg', evalWentWell: 'yes' } });
    expect(filledIn.meetings[0]!.answerLog.map((change) => change.at)).toEqual([LATER.toISOString(), LATER.toISOString(), LATER.toISOString()]);
  });

  it('once the minutes are approved, and for a cancelled meeting: no section', () => {
    const approved = approveMinutes(awaitingApproval(), 'meeting-1', '2026-11-24', by, LATER);
    const { answerable, refusals } = answerableSections(approved, LATER);
    expect(answerable).toEqual([]);
    expect(refusals).toMatchObject({ attendance: { code: 'sectionNotAnswerableNow', window: 'openOrAwaitingApproval', phase: 'approved' } });
    const cancelled = cancelMeeting(planned(), 'meeting-1', 'youngPersonIll', undefined, by, NOW);
    expect(refusalOf(() => answerChecklist(cancelled, 'meeting-1', { prepPreMeeting: 'yes' }, by, NOW))?.code).toBe('meetingNotOpen');
  });

  it('refuses a save that mixes an answerable section with one outside its window, and changes nothing', () => {
    const current = awaitingApproval();
    const refusal = refusalOf(() => answerChecklist(current, 'meeting-1', { evalNeeds: 'yes', prepPreMeeting: 'no' }, by, LATER));
    expect(refusal?.code).toBe('sectionNotAnswerableNow');
    expect(current.meetings[0]!.answers).toEqual({});
  });
});

describe('closing names the checklist sections not filled in', () => {
  it('refuses without the confirmation, naming the sections in the form\'s order', () => {
    const prepared = answerChecklist(opened(), 'meeting-1', { roleLeader: 'm-coordinator', roleWriter: 'm-coordinator', roleInterviewer: 'm-ali' }, by, NOW);
    const refusal = refusalOf(() => closeMeeting(prepared, 'meeting-1', closing, 'meeting-2', by, NOW));
    expect(refusal?.code).toBe('checklistIncomplete');
    expect(refusal?.details).toEqual({ sections: 'preparation,vip,attendance,evaluation,status' });
  });

  it('closes with the confirmation and records which sections were left; they can be filled in afterwards', () => {
    const closed = closeMeeting(opened(), 'meeting-1', { ...closing, confirmEmptySections: true }, 'meeting-2', by, NOW);
    expect(closed.meetings[0]!.status).toBe('held');
    expect(closureOf(closed, 'meeting-1').sectionsLeftIncomplete).toEqual(['roles', 'preparation', 'vip', 'attendance', 'evaluation', 'status']);
    const evaluated = answerChecklist(closed, 'meeting-1', { 'attended_m-coordinator': 'yes', 'attended_m-young': 'yes', 'attended_m-ali': 'yes', ...CORE_ROLES_ABSENT }, by, LATER);
    expect(incompleteSections(evaluated, evaluated.meetings[0]!)).not.toContain('attendance');
  });

  it('closes without asking once every section is filled in', () => {
    const answered = answerChecklist(opened(), 'meeting-1', COMPLETE_ANSWERS, by, NOW);
    expect(incompleteSections(answered, answered.meetings[0]!)).toEqual([]);
    const closed = closeMeeting(answered, 'meeting-1', closing, 'meeting-2', by, NOW);
    expect(closed.meetings[0]!.status).toBe('held');
    expect(closureOf(closed, 'meeting-1').sectionsLeftIncomplete).toBeUndefined();
  });
});

/** The team has no UU-vejleder and no jobcentre caseworker, whom every team has (seed 000): recorded as absent. */
const CORE_ROLES_ABSENT = {
  roleAttended_youthGuidance: 'no',
  roleAbsenceReason_youthGuidance: 'Ikke udpeget endnu',
  roleAttended_jobcentre: 'no',
  roleAbsenceReason_jobcentre: 'Ikke udpeget endnu',
};

/** Every question that applies at a first meeting with Ali present, the young person absent, no VIP, no UU-vejleder or jobcentre. */
const COMPLETE_ANSWERS = {
  roleLeader: 'm-coordinator',
  roleWriter: 'm-ali',
  roleInterviewer: 'm-coordinator',
  prepHandoverSent: 'yes',
  prepPreMeeting: 'yes',
  prepNetworkMapMade: 'no',
  prepNetworkMapUsed: 'no',
  vipAttached: 'no',
  'attended_m-coordinator': 'yes',
  'attended_m-young': 'no',
  'absenceReason_m-young': 'Syg',
  'attended_m-ali': 'yes',
  ...CORE_ROLES_ABSENT,
  evalResources: 'yes',
  evalChallenges: 'yes',
  evalNeeds: 'no',
  evalClearGoals: 'yes',
  evalResponsibles: 'yes',
  evalYoungPersonSpoke: 'unknown',
  evalYoungPersonKnowsFollowUp: 'yes',
  evalWentWell: 'yes',
  evalAgendaCompleted: 'no',
  evalLengthMinutes: '75',
  youngPersonStatus: 'neither',
};
