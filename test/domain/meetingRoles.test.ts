// Who may do what in a meeting (issue 11, section 3; seed 003): only the coordinator appoints the
// meeting roles, and the minute-taker writes the goals form while the meeting is open or its minutes
// await approval.
import { describe, expect, it } from 'vitest';
import { requireFormWriter } from '../../bot/domain/access';
import type { Case } from '../../bot/domain/case';
import { approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { isAccessRefusal } from '../../bot/domain/errors';
import { answerChecklist, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { codeOf, refusalOf } from '../support/refusals';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const JONAS = 'aad-jonas';
const LATER = new Date('2026-11-25T12:00:00Z');

/** Jonas (UU-vejleder) on the team with consent covering him. */
function teamWithJonas(): Case {
  const team = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS, name: 'Jonas' } }, 'm-jonas', by, NOW);
  return recordConsent(team, { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: ['m-coordinator', 'm-jonas'] }, 'k1', by, NOW);
}

const open = (current: Case) => openMeeting(current, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);

describe('the meeting roles', () => {
  it.each(['roleLeader', 'roleWriter', 'roleInterviewer'])('%s is appointed by the coordinator only, refused to other members as an access refusal', (role) => {
    const opened = open(teamWithJonas());
    const refusal = refusalOf(() => answerChecklist(opened, 'meeting-1', { [role]: 'm-jonas' }, JONAS, NOW));
    expect(refusal?.code).toBe('meetingRolesByCoordinator');
    expect(isAccessRefusal(refusal)).toBe(true);
    expect(answerChecklist(opened, 'meeting-1', { [role]: 'm-jonas' }, by, NOW).meetings[0]!.answers[role]).toBe('m-jonas');
  });

  it('refuses a member\'s save that includes a role whole, while their other answers are theirs to give', () => {
    const opened = open(teamWithJonas());
    expect(codeOf(() => answerChecklist(opened, 'meeting-1', { prepPreMeeting: 'yes', roleWriter: 'm-jonas' }, JONAS, NOW))).toBe('meetingRolesByCoordinator');
    expect(answerChecklist(opened, 'meeting-1', { prepPreMeeting: 'yes' }, JONAS, NOW).meetings[0]!.answers).toEqual({ prepPreMeeting: 'yes' });
  });

  it('are appointed before the meeting, while it is planned', () => {
    const planned = planMeeting(teamWithJonas(), 'meeting-1', { date: '2026-12-01', time: '10:00' }, by, NOW);
    expect(answerChecklist(planned, 'meeting-1', { roleWriter: 'm-jonas' }, by, NOW).meetings[0]!.answers).toEqual({ roleWriter: 'm-jonas' });
  });
});

describe('the minute-taker writes the goals form', () => {
  const closing = {
    waitingArrangement: 'Ingen',
    feedbackMemberId: 'm-coordinator',
    eyeKeeperMemberId: 'm-jonas',
    acuteContactMemberId: 'm-jonas',
    nextMeetingDate: '2027-02-15',
    nextMeetingTime: '09:00',
    summary: 'Kort.',
    confirmEmptySections: true,
  };

  it('while the meeting is open and until its minutes are approved, not before it opens nor after', () => {
    const appointedEarly = answerChecklist(planMeeting(teamWithJonas(), 'meeting-1', { date: '2026-12-01', time: '10:00' }, by, NOW), 'meeting-1', { roleWriter: 'm-jonas' }, by, NOW);
    expect(codeOf(() => requireFormWriter(appointedEarly, JONAS, NOW))).toBe('notWriter');

    const opened = answerChecklist(open(teamWithJonas()), 'meeting-1', { roleWriter: 'm-jonas' }, by, NOW);
    expect(requireFormWriter(opened, JONAS, NOW).id).toBe('m-jonas');

    const closed = closeMeeting(opened, 'meeting-1', closing, 'meeting-2', by, NOW);
    expect(requireFormWriter(closed, JONAS, LATER).id).toBe('m-jonas');

    const approved = approveMinutes(closed, 'meeting-1', '2026-11-24', by, LATER);
    expect(codeOf(() => requireFormWriter(approved, JONAS, LATER))).toBe('notWriter');
    // The coordinator writes the form at any time.
    expect(requireFormWriter(approved, by, LATER).id).toBe('m-coordinator');
  });

  it('only the writer of that meeting: another member is refused', () => {
    const opened = answerChecklist(open(teamWithJonas()), 'meeting-1', { roleWriter: 'm-coordinator' }, by, NOW);
    expect(codeOf(() => requireFormWriter(opened, JONAS, NOW))).toBe('notWriter');
  });
});
