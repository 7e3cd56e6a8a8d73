// A case in which every free-text field a person can fill in holds a text of the test's choosing: for
// the tests of what the channel sees (a marker) and of markdown in cards (hostile text).
import { type Case, createCase, setHome } from '../../bot/domain/case';
import { approveMinutes, closeMeeting, sendBackMinutes } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { addAgreement, addGoal, markGoal } from '../../bot/domain/goals';
import { answerChecklist, cancelMeeting, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { NOW } from '../domain/fixtures';

export const TENANT = 'tenant-a';
export const THREAD = 'thread-1';
/** Personal data that is not free text: looked for as well. */
export const PHONE = '61 72 83 94';
export const BIRTH_DATE = '2008-03-14';
const LATER = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

/** `say(field)` is what a person typed into `field`; an e-mail address is `mailbox`@example.dk. */
export function caseWithText(say: (field: string) => string, mailbox = 'ung'): Case {
  const coordinator = { aadObjectId: 'aad-coordinator', name: say('coordinator name'), teamsUserId: '29:mette' };
  const by = coordinator.aadObjectId;
  let c = createCase(
    TENANT,
    coordinator,
    { name: say('young person name'), birthDate: BIRTH_DATE, phone: `+45 ${PHONE}`, email: `${mailbox}@example.dk`, address: say('address'), status: 'neither' },
    { caseId: 'case-1', reference: 'S-ABCDE', coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
    NOW,
  );
  c = addMember(c, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: say('Teams member name'), teamsUserId: '29:jonas' }, supportOffer: say('support offer') }, 'm-jonas', by, NOW);
  c = addMember(c, { role: 'vip', person: { kind: 'external', name: say('external name'), phone: PHONE, email: `${mailbox}.vip@example.dk` } }, 'm-vip', by, NOW);
  c = addMember(c, { role: 'other', otherRoleName: say('other role name'), person: { kind: 'external', name: say('external name') }, supportOffer: say('support offer') }, 'm-ole', by, NOW);
  c = setHome(c, { kind: 'channelThread', conversationId: THREAD }, by, NOW);
  const parties = c.members.map((member) => member.id);
  c = recordConsent(c, { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: parties, parentalHolderName: say('parental holder'), secondParentalHolderName: say('second parental holder') }, 'k1', by, NOW);
  c = openMeeting(c, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
  c = answerChecklist(
    c,
    'meeting-1',
    {
      roleLeader: 'm-coordinator',
      roleWriter: 'm-jonas',
      vipAttached: 'yes',
      vipMemberId: 'm-vip',
      'attended_m-vip': 'no',
      'absenceReason_m-vip': say('absence reason'),
      roleAttended_jobcentre: 'no',
      roleAbsenceReason_jobcentre: say('role absence reason'),
      otherName_1: say('other participant name'),
      otherReason_1: say('other participant reason'),
    },
    by,
    NOW,
  );
  c = withRetiredAnswers(c, 'meeting-1', { vipWho: say('vipWho'), attendanceOthers: say('attendanceOthers') });
  c = planMeeting(c, 'meeting-2', { date: '2027-01-11', time: '09:30' }, by, NOW);
  c = cancelMeeting(c, 'meeting-2', 'other', say('cancellation reason'), by, NOW);
  c = addGoal(c, { theme: 'education', longTermGoal: say('long-term goal'), subGoals: say('sub-goals') }, 'goal-1', by, NOW, 'meeting-1');
  c = addGoal(c, { theme: 'other', longTermGoal: say('long-term goal') }, 'goal-2', by, NOW, 'meeting-1');
  c = markGoal(c, 'goal-2', false, say('goal reason'), by, NOW, 'meeting-1');
  c = addAgreement(c, 'goal-1', { action: say('agreement action'), ownerMemberId: 'm-vip', followUpOn: '2026-12-01', followUpMethod: 'other', followUpMethodOther: say('follow-up method') }, 'agreement-1', by, NOW, 'meeting-1');
  c = addAgreement(c, 'goal-1', { action: say('agreement action'), ownerMemberId: 'm-jonas', followUpOn: '2026-12-02', followUpMethod: 'phone', needsVisitation: true }, 'agreement-2', by, NOW, 'meeting-1');
  c = closeMeeting(
    c,
    'meeting-1',
    { waitingArrangement: say('waiting arrangement'), feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-jonas', acuteContactMemberId: 'm-vip', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: say('summary'), confirmEmptySections: true },
    'meeting-3',
    by,
    NOW,
  );
  c = sendBackMinutes(c, 'meeting-1', say('changes asked for'), by, NOW);
  c = approveMinutes(c, 'meeting-1', '2026-11-23', by, LATER);
  return openMeeting(c, 'meeting-3', { date: '2026-11-24', time: '10:00' }, by, LATER);
}

/** Answers an earlier version stored (checklist.ts: RETIRED_QUESTIONS): no longer saved, still shown. */
function withRetiredAnswers(current: Case, meetingId: string, answers: Record<string, string>): Case {
  return { ...current, meetings: current.meetings.map((meeting) => (meeting.id === meetingId ? { ...meeting, answers: { ...meeting.answers, ...answers } } : meeting)) };
}
