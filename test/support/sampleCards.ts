// Every card the bot renders, filled with a realistic case: for the card tests and the previews.
import { baseCard, casePickerCard, createCaseCard, overviewCard } from '../../cards/caseCards';
import { consentCard } from '../../cards/consentCard';
import { messageCard } from '../../cards/messageCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { checklistCard, meetingBaseCard, meetingCancelCard, meetingOpenCard } from '../../cards/meetingCards';
import { memberEditCard, teamCard } from '../../cards/teamCards';
import type { CaseRead } from '../../bot/app/readCase';
import type { Case } from '../../bot/domain/case';
import { recordConsent, withdrawConsent } from '../../bot/domain/consent';
import { answerChecklist, cancelMeeting, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import type { Messages } from '../../bot/i18n';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;

export function fullTeam(extraMembers = 0): Case {
  let current = sampleCase();
  current = addMember(current, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Jensen', teamsUserId: '29:jonas' }, supportOffer: 'Uddannelsesvalg' }, 'm-jonas', by, NOW);
  current = addMember(current, { role: 'vip', person: { kind: 'external', name: 'Karen Hansen', phone: '22334455' } }, 'm-vip', by, NOW);
  current = addMember(current, { role: 'other', otherRoleName: 'Fodboldtræner', person: { kind: 'external', name: 'Ole Berg' } }, 'm-ole', by, NOW);
  for (let i = 0; i < extraMembers; i++) {
    current = addMember(current, { role: 'school', person: { kind: 'teams', aadObjectId: `aad-extra-${i}`, teamsUserId: `29:extra-${i}`, name: `Lærer ${i} ${'Andersen-'.repeat(5)}` }, supportOffer: 'x'.repeat(500) }, `m-extra-${i}`, by, NOW);
  }
  const parties = current.members.map((member) => member.id);
  current = recordConsent(current, { givenByYoungPerson: true, givenOn: '2026-01-10', expiresOn: '2026-06-10', partyMemberIds: parties, parentalHolderName: 'Karen Hansen' }, 'k1', by, NOW);
  current = withdrawConsent(current, by, NOW);
  return recordConsent(current, { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: parties }, 'k2', by, NOW);
}

/** The team with meeting 1 open and partly answered, and meeting 2 planned and then cancelled. */
export function withMeetings(current: Case = fullTeam()): Case {
  const opened = openMeeting(current, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
  const answered = answerChecklist(
    opened,
    'meeting-1',
    {
      roleLeader: 'm-coordinator',
      roleWriter: 'm-jonas',
      prepHandoverSent: 'yes',
      prepPreMeeting: 'no',
      vipAttached: 'yes',
      vipSource: 'private',
      vipWho: 'Moster',
      agenda1: 'yes',
      'attended_m-jonas': 'yes',
      'attended_m-vip': 'no',
      'absenceReason_m-vip': 'Syg',
      evalResources: 'unknown',
      evalLengthMinutes: '90',
      youngPersonStatus: 'education',
    },
    by,
    NOW,
  );
  const planned = planMeeting(answered, 'meeting-2', { date: '2027-02-01', time: '09:30' }, by, NOW);
  return cancelMeeting(planned, 'meeting-2', 'other', 'Tolken kunne ikke komme', by, NOW);
}

export function asCoordinator(current: Case): CaseRead {
  return { case: current, viewer: current.members[0]! };
}

export function everyCard(m: Messages, current: Case): Record<string, AdaptiveCardJson> {
  const read = asCoordinator(current);
  const roster = [{ aadObjectId: 'aad-sara', name: 'Sara Nielsen', teamsUserId: '29:sara' }];
  return {
    createCase: createCaseCard(m),
    baseOverview: baseCard(m, current, 'overview'),
    baseTeam: baseCard(m, current, 'team'),
    overview: overviewCard(m, read, NOW),
    overviewForMember: overviewCard(m, { case: current, viewer: current.members[2]! }, NOW),
    team: teamCard(m, read, roster, m.cards.done.memberAdded),
    teamWithoutRoster: teamCard(m, read, []),
    teamForMember: teamCard(m, { case: current, viewer: current.members[2]! }, []),
    memberEdit: memberEditCard(m, current, current.members[3]!),
    consent: consentCard(m, read, NOW),
    consentNone: consentCard(m, asCoordinator(sampleCase()), NOW),
    picker: casePickerCard(m, [{ caseId: 'case-1', reference: 'S-ABCDE' }, { caseId: 'case-2', reference: 'S-FGHJK' }]),
    message: messageCard(m.cards.refused, m.errors.notTeamMember({}), 'attention'),
    meetingOpen: meetingOpenCard(m, current, NOW),
    ...meetingCards(m, withMeetings(current)),
  };
}

function meetingCards(m: Messages, current: Case): Record<string, AdaptiveCardJson> {
  const [open, cancelled] = current.meetings;
  if (!open || !cancelled) throw new Error('the sample needs two meetings');
  const read = asCoordinator(current);
  return {
    meetingBase: meetingBaseCard(m, current, open),
    meetingBaseCancelled: meetingBaseCard(m, current, cancelled),
    checklist: checklistCard(m, read, open, m.cards.meeting.saved),
    checklistCancelled: checklistCard(m, read, cancelled),
    meetingCancel: meetingCancelCard(m, current, open),
  };
}
