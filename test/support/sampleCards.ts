// Every card the bot renders, filled with a realistic case: for the card tests and the previews.
import { addMapPerson, hasNetworkMap, linkMapPersons } from '../../bot/domain/networkMap';
import { networkMapCard } from '../../cards/networkMapCards';
import { networkOverviewCard } from '../../cards/networkOverviewCards';
import { addIntervention, interventionsOf } from '../../bot/domain/interventions';
import { interventionsCard } from '../../cards/interventionCards';
import { measuresCard } from '../../cards/measureCards';
import { recordReadiness, recordWho5 } from '../../bot/domain/measures';
import { DEFAULT_READINESS_INDICATORS } from '../../bot/readinessIndicators';
import { adultHandOverCard, farNextMeetingCard } from '../../cards/rhythmCards';
import { casePickerCard, createCaseCard, overviewCard } from '../../cards/caseCards';
import { baseCard, meetingBaseCard, minutesBaseCard } from '../../cards/channelCards';
import { consentCard } from '../../cards/consentCard';
import { feedbackCard } from '../../cards/feedbackCard';
import { messageCard } from '../../cards/messageCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { checklistCard, closeInternalCard, meetingCancelCard, meetingOpenCard } from '../../cards/meetingCards';
import { approvalCard, closeMeetingCard, goalEditCard, goalsFormCard, minutesCard } from '../../cards/goalCards';
import { agreementsCard, handOverCard, relayContactFor } from '../../cards/handOverCards';
import { agreementEditCard } from '../../cards/agreementCards';
import { askToChangeAgreement, changeAgreement, pendingChangeRequest } from '../../bot/domain/agreementChanges';
import { memberEditCard, teamCard } from '../../cards/teamCards';
import { teamStatusCard } from '../../cards/teamStatusCards';
import { closeConfirmCard, eraseConfirmCard, exportLinkCard } from '../../cards/rightsCards';
import { statisticsCard } from '../../cards/statisticsCards';
import { leaderReport } from '../../bot/domain/statistics/leaderReport';
import { endedPeriods, parsePeriod } from '../../bot/domain/statistics/period';
import { STATISTICS_SUB_PAGE, personalTabLink } from '../../bot/tab/deepLink';
import { caseA, caseE } from '../domain/statistics/statusFixtures';
import type { CaseRead } from '../../bot/app/readCase';
import type { Case, TeamMember } from '../../bot/domain/case';
import { acknowledgeHandOver, approveMinutes, closeInternalMeeting, closeMeeting, recordFeedbackGiven, sendBackMinutes } from '../../bot/domain/closing';
import { addAgreement, addGoal, completeAgreement, markGoal, reviseGoal } from '../../bot/domain/goals';
import { recordConsent, withdrawConsent } from '../../bot/domain/consent';
import { type Meeting, answerChecklist, cancelMeeting, meetingById, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import type { Messages } from '../../bot/i18n';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { TREND_NOW, testSets, trendCase } from './trendCase';

const by = COORDINATOR.aadObjectId;

export function fullTeam(extraMembers = 0): Case {
  let current = sampleCase();
  current = addMember(current, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Jensen', teamsUserId: '29:jonas' }, supportOffer: 'Uddannelsesvalg' }, 'm-jonas', by, NOW);
  current = addMember(current, { role: 'vip', person: { kind: 'external', name: 'Karen Hansen', phone: '22334455', mainPhone: '70112233', email: 'karen@example.dk', postalAddress: 'Nørregade 4, 5000 Odense C' } }, 'm-vip', by, NOW);
  current = addMember(current, { role: 'other', otherRoleName: 'Fodboldtræner', person: { kind: 'external', name: 'Ole Berg' } }, 'm-ole', by, NOW);
  for (let i = 0; i < extraMembers; i++) {
    current = addMember(current, { role: 'school', person: { kind: 'teams', aadObjectId: `aad-extra-${i}`, teamsUserId: `29:extra-${i}`, name: `Lærer ${i} ${'Andersen-'.repeat(5)}` }, supportOffer: 'x'.repeat(500) }, `m-extra-${i}`, by, NOW);
  }
  const parties = current.members.map((member) => member.id);
  current = recordConsent(current, { givenByYoungPerson: true, givenOn: '2026-01-10', expiresOn: '2026-06-10', partyMemberIds: parties, parentalHolderName: 'Karen Hansen' }, 'k1', by, NOW);
  current = withdrawConsent(current, by, NOW);
  return recordConsent(current, { givenByYoungPerson: true, parentalHolderName: 'Karen Hansen', secondParentalHolderName: 'Per Hansen', givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: parties }, 'k2', by, NOW);
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
      vipMemberId: 'm-vip',
      vipSource: 'private',
      agenda1: 'yes',
      'attended_m-jonas': 'yes',
      'attended_m-vip': 'no',
      'absenceReason_m-vip': 'Syg',
      roleAttended_jobcentre: 'no',
      roleAbsenceReason_jobcentre: 'Ingen sagsbehandler fra jobcenteret endnu',
      otherName_1: 'Lærer fra produktionsskolen',
      otherAttended_1: 'yes',
      otherReason_1: 'Emil vil gerne begynde på produktionsskolen',
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

/** A month after NOW, when the team takes stock of the half-year so far. */
const STATUS_DAY = new Date('2026-12-20T09:00:00Z');

/** A day after NOW: revisions, verdicts and acknowledgements come later than what they change. */
export const LATER = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

/**
 * The goals and agreements form written at meeting 1 (still open): three themes, agreements owned by
 * the young person, a professional, the VIP (outside Teams) and the coordinator; one goal revised, one
 * judged not reached, one agreement done.
 */
export function withGoals(current: Case = withMeetings()): Case {
  const at = 'meeting-1';
  let changed = addGoal(current, { theme: 'education', longTermGoal: 'Jeg vil være tømrer.', subGoals: 'Komme i gang med 10. klasse igen. Prøve en uges praktik hos en tømrer.' }, 'goal-education', by, NOW, at);
  changed = addGoal(changed, { theme: 'housing', longTermGoal: 'Jeg vil have min egen lejlighed.', subGoals: 'Blive skrevet op til en ungdomsbolig.' }, 'goal-housing', by, NOW, at);
  changed = addGoal(changed, { theme: 'socialSupport', longTermGoal: 'Jeg vil have en at tale med, når det er svært.' }, 'goal-support', by, NOW, at);
  changed = addAgreement(changed, 'goal-education', { action: 'Ringe til erhvervsskolen og aftale et besøg.', ownerMemberId: 'm-young', followUpOn: '2026-12-01', followUpMethod: 'phone' }, 'agreement-school', by, NOW, at);
  changed = addAgreement(changed, 'goal-education', { action: 'Finde en praktikplads hos en tømrer sammen med Emil.', ownerMemberId: 'm-jonas', followUpOn: '2026-12-15', followUpMethod: 'meeting' }, 'agreement-placement', by, NOW, at);
  changed = addAgreement(
    changed,
    'goal-housing',
    { action: 'Hjælpe Emil med at blive skrevet op til en ungdomsbolig.', ownerMemberId: 'm-vip', followUpOn: '2026-12-05', followUpMethod: 'other', followUpMethodOther: 'sms', needsVisitation: true },
    'agreement-housing',
    by,
    NOW,
    at,
  );
  changed = addAgreement(changed, 'goal-support', { action: 'Finde en mentor og tage med til første samtale.', ownerMemberId: 'm-coordinator', followUpOn: '2026-11-30', followUpMethod: 'email' }, 'agreement-mentor', by, NOW, at);
  changed = reviseGoal(changed, 'goal-education', { longTermGoal: 'Jeg vil være tømrerlærling og senere tømrer.', subGoals: 'Komme i gang med 10. klasse igen. Prøve en uges praktik hos en tømrer.' }, by, LATER, at);
  changed = markGoal(changed, 'goal-support', false, 'Emil vil først tale med en mentor efter jul.', by, LATER, at);
  return completeAgreement(changed, 'agreement-mentor', by, LATER);
}

/** Meeting 1 closed with the four answers (Jonas, or `eyeKeeperMemberId`, keeps an eye on Emil) and sent back once; meeting 3 planned. */
export function withClosedMeeting(current: Case = withGoals(), eyeKeeperMemberId = 'm-jonas'): Case {
  const closed = closeMeeting(
    current,
    'meeting-1',
    {
      waitingArrangement: 'Jonas holder kontakt med Emil, indtil der er plads på erhvervsskolen.',
      feedbackMemberId: 'm-coordinator',
      eyeKeeperMemberId,
      acuteContactMemberId: 'm-vip',
      nextMeetingDate: '2027-02-15',
      nextMeetingTime: '09:00',
      summary: 'Emil fortalte om sit ønske om at blive tømrer. Teamet aftalte at starte med praktik og en ungdomsbolig.',
      confirmEmptySections: true,
    },
    'meeting-3',
    by,
    NOW,
  );
  return sendBackMinutes(closed, 'meeting-1', 'Emil vil have skrevet, at han selv ringer til skolen.', by, NOW);
}

export function withApprovedMinutes(current: Case = withClosedMeeting()): Case {
  return approveMinutes(current, 'meeting-1', '2026-11-23', by, LATER);
}

export function asCoordinator(current: Case): CaseRead {
  return { case: current, viewer: current.members[0]! };
}

export function everyCard(m: Messages, current: Case): Record<string, AdaptiveCardJson> {
  const read = asCoordinator(current);
  const roster = [{ aadObjectId: 'aad-sara', name: 'Sara Nielsen', teamsUserId: '29:sara' }];
  return {
    createCase: createCaseCard(m),
    createCaseWithUnits: createCaseCard(m, [
      { id: 'unit-nord', name: 'Ungeenheden Nord' },
      { id: 'unit-syd', name: 'Ungeenheden Syd' },
    ]),
    baseOverview: baseCard(m, current, 'overview'),
    baseTeam: baseCard(m, current, 'team'),
    baseTeamStatus: baseCard(m, current, 'teamStatus'),
    overview: overviewCard(m, read, NOW),
    overviewWithUnit: overviewCard(m, read, NOW, 'Ungeenheden Nord'),
    overviewForMember: overviewCard(m, { case: current, viewer: current.members[2]! }, NOW),
    overviewWithTrend: overviewCard(m, asCoordinator(trendCase()), TREND_NOW, '', testSets),
    team: teamCard(m, read, roster, m.cards.done.memberAdded),
    teamWithoutRoster: teamCard(m, read, []),
    teamForMember: teamCard(m, { case: current, viewer: current.members[2]! }, []),
    memberEdit: memberEditCard(m, current, current.members[3]!),
    consent: consentCard(m, read, NOW),
    consentNone: consentCard(m, asCoordinator(sampleCase()), NOW),
    picker: casePickerCard(m, [{ caseId: 'case-1', reference: 'S-ABCDE' }, { caseId: 'case-2', reference: 'S-FGHJK' }]),
    message: messageCard(m.cards.refused, m.errors.notTeamMember({}), 'attention'),
    meetingOpen: meetingOpenCard(m, current, NOW),
    exportLink: exportLinkCard(m, current, 'https://samarbejdsbot.example.dk/export/token', 10),
    eraseConfirm: eraseConfirmCard(m, current),
    closeConfirm: closeConfirmCard(m, current, '2031-11-23'),
    ...meetingCards(m, withMeetings(current)),
    ...goalCards(m, withMeetings(current)),
    ...internalMeetingCards(m, current),
    interventions: interventionsCard(m, asCoordinator(withInterventions(current)), m.cards.interventions.added),
    interventionsForMember: interventionsCard(m, { case: withInterventions(current), viewer: current.members[2]! }),
    measures: measuresCard(m, asCoordinator(withMeasures(current)), NOW, DEFAULT_READINESS_INDICATORS, m.cards.measures.who5Recorded),
    measuresForMember: measuresCard(m, { case: withMeasures(current), viewer: current.members[2]! }, NOW, DEFAULT_READINESS_INDICATORS),
    statistics: leaderStatisticsCard(m),
    baseNetwork: baseCard(m, current, 'network'),
    network: networkMapCard(m, asCoordinator(withNetworkMap(current)), { pictureUrl: `https://samarbejdsbot.example.dk/network-map/${'t'.repeat(43)}` }),
    networkForMember: networkMapCard(m, { case: withNetworkMap(current), viewer: current.members[2]! }),
    networkOverview: networkOverviewCard(m, asCoordinator(withNetworkMap(current))),
    networkOverviewForMember: networkOverviewCard(m, { case: withNetworkMap(current), viewer: current.members[2]! }),
    // The model's rhythm (issue 14): the hand-over due and recorded (the confirmation of a next meeting far off,
    // whose meeting.close carries the closing answers, is among everyTemplate's).
    adultHandOverDue: adultHandOverCard(m, read),
    adultHandOver: adultHandOverCard(m, asCoordinator(withAdultHandOver(current, current.members[2]!)), m.cards.rhythm.handOverSaved),
    overviewHandOverRecorded: overviewCard(m, asCoordinator(withAdultHandOver(current, current.members[2]!)), NOW),
  };
}

/** An internal coordination meeting of the professionals (seed 003), open with Jonas's attendance answered, and closed. */
export function withInternalMeeting(current: Case = fullTeam()): Case {
  const opened = openMeeting(current, 'internal-1', { date: '2026-11-25', time: '13:00' }, by, NOW, 'internal');
  return answerChecklist(opened, 'internal-1', { 'attended_m-coordinator': 'yes', 'attended_m-jonas': 'no', 'absenceReason_m-jonas': 'På kursus' }, by, NOW);
}

function internalMeetingCards(m: Messages, current: Case): Record<string, AdaptiveCardJson> {
  const open = withInternalMeeting(current);
  const closed = closeInternalMeeting(open, 'internal-1', true, by, NOW);
  const meeting = (changed: Case) => meetingById(changed, 'internal-1');
  return {
    checklistInternal: checklistCard(m, asCoordinator(open), meeting(open)),
    checklistInternalClosed: checklistCard(m, asCoordinator(closed), meeting(closed), m.cards.meeting.closedInternal),
    meetingBaseInternal: meetingBaseCard(m, open, meeting(open)),
    closeInternal: closeInternalCard(m, open, meeting(open)),
    meetingCancelInternal: meetingCancelCard(m, open, meeting(open)),
    goalsFormInternal: goalsFormCard(m, asCoordinator(open)),
  };
}

/** The case with `meeting` made an internal meeting: the largest internal checklist keeps every attendance answer. */
const asInternal = (current: Case, meeting: Meeting): Case => ({
  ...current,
  meetings: current.meetings.map((candidate) => (candidate.id === meeting.id ? { ...candidate, kind: 'internal' as const, number: undefined } : candidate)),
});

function meetingCards(m: Messages, current: Case): Record<string, AdaptiveCardJson> {
  const [open, cancelled] = current.meetings;
  if (!open || !cancelled) throw new Error('the sample needs two meetings');
  const read = asCoordinator(current);
  const jonas = current.members.find((member) => member.id === 'm-jonas')!;
  // The next meeting planned: its preparation and roles can be answered already.
  const withPlanned = planMeeting(current, 'meeting-3', { date: '2027-02-01', time: '09:30' }, by, NOW);
  return {
    meetingBase: meetingBaseCard(m, current, open),
    meetingBaseCancelled: meetingBaseCard(m, current, cancelled),
    checklist: checklistCard(m, read, open, m.cards.meeting.saved),
    checklistForMember: checklistCard(m, { case: current, viewer: jonas }, open),
    checklistCancelled: checklistCard(m, read, cancelled),
    checklistPlanned: checklistCard(m, asCoordinator(withPlanned), meetingById(withPlanned, 'meeting-3')),
    meetingOpenWithPlanned: meetingOpenCard(m, withPlanned, NOW),
    meetingCancel: meetingCancelCard(m, current, open),
  };
}

function goalCards(m: Messages, meetings: Case): Record<string, AdaptiveCardJson> {
  const written = withGoals(meetings);
  const closed = withClosedMeeting(written);
  const approved = withApprovedMinutes(closed);
  const acknowledged = acknowledgeHandOver(approved, 'meeting-1', LATER);
  const relayed = withApprovedMinutes(withClosedMeeting(written, 'm-vip'));
  const member = (current: Case, memberId: string): TeamMember => current.members.find((candidate) => candidate.id === memberId)!;
  const asMember = (current: Case, memberId: string): CaseRead => ({ case: current, viewer: member(current, memberId) });
  const meeting = (current: Case) => meetingById(current, 'meeting-1');
  const labels = m.cards.goals;
  const open = (current: Case, ownerMemberId?: string) =>
    current.agreements.filter((agreement) => agreement.status === 'open' && (!ownerMemberId || agreement.ownerMemberId === ownerMemberId)).map((agreement) => ({ case: current, agreement }));
  const vip = member(approved, 'm-vip');
  const jonasGives: Case = { ...approved, meetings: approved.meetings.map((candidate) => (candidate.id === 'meeting-1' && candidate.closure ? { ...candidate, closure: { ...candidate.closure, feedbackMemberId: 'm-jonas' } } : candidate)) };
  const feedbackGiven = recordFeedbackGiven(jonasGives, 'meeting-1', 'aad-jonas', LATER);
  // Between meetings: the coordinator handed an agreement to Jonas with a later date, and Jonas asks for another change.
  const changed = changeAgreement(approved, 'agreement-school', { ownerMemberId: 'm-jonas', followUpOn: '2026-12-10', action: 'Besøge erhvervsskolen med Emil.' }, by, LATER);
  const asked = askToChangeAgreement(changed, 'agreement-placement', { followUpOn: '2027-01-15', ownerMemberId: 'm-vip', why: 'Tømrerne holder lukket i julen, og Karen kender en mester.' }, 'aad-jonas', LATER);
  return {
    goalsForm: goalsFormCard(m, asCoordinator(written), labels.confirmations.agreementAdded),
    goalsFormEmpty: goalsFormCard(m, asCoordinator(meetings)),
    goalsFormForMember: goalsFormCard(m, asMember(written, 'm-ole')),
    goalEdit: goalEditCard(m, asCoordinator(written), 'goal-education'),
    goalEditForMember: goalEditCard(m, asMember(written, 'm-ole'), 'goal-support'),
    closeMeeting: closeMeetingCard(m, asCoordinator(written), meeting(written), NOW),
    // Back from the confirmation of a next meeting far off: the answers given are still in it.
    closeMeetingAgain: closeMeetingCard(m, asCoordinator(written), meeting(written), NOW, {
      waitingArrangement: 'Ole holder kontakten, indtil mentorforløbet starter.',
      feedbackMemberId: 'm-jonas',
      eyeKeeperMemberId: 'm-ole',
      acuteContactMemberId: 'm-ole',
      nextMeetingDate: '2027-05-03',
      nextMeetingTime: '09:30',
      summary: 'Emil vil gerne i gang med tømreruddannelsen efter sommerferien.',
    }),
    approval: approvalCard(m, asCoordinator(closed), meeting(closed), NOW),
    checklistAwaitingApproval: checklistCard(m, asCoordinator(closed), meeting(closed)),
    approvalDone: approvalCard(m, asCoordinator(approved), meeting(approved), LATER),
    minutesBase: minutesBaseCard(m, approved, meeting(approved)),
    minutes: minutesCard(m, asMember(approved, 'm-jonas'), meeting(approved)),
    // From the approval card, before approval: the coordinator's way back to it.
    minutesAwaitingApproval: minutesCard(m, asCoordinator(closed), meeting(closed)),
    agreementsMine: agreementsCard(m, open(approved, 'm-jonas'), labels.mineTitle, labels.mineIntro),
    agreementsAssigned: agreementsCard(m, open(approved), labels.assignedTitle(approved.reference, 1), labels.assignedIntro),
    agreementsRelay: agreementsCard(
      m,
      open(approved, 'm-vip').map((item) => ({ ...item, relayContact: relayContactFor(m, approved, vip) })),
      labels.relayTitle(approved.reference, 1),
      labels.relayIntro(vip.person.kind === 'external' ? vip.person.name : ''),
    ),
    agreementsNone: agreementsCard(m, [], labels.mineTitle, ''),
    // `mine` with the agreements of a case whose consent was withdrawn counted, not shown.
    agreementsMineWithheld: agreementsCard(m, open(approved, 'm-jonas'), labels.mineTitle, labels.mineIntro, [{ case: { ...approved, reference: 'S-FGHJK' }, openCount: 2, reason: 'withdrawn' }]),
    // A day's reminders: each line says whether its follow-up has passed, is today or is coming up.
    agreementsDigest: agreementsCard(
      m,
      open(approved).map((item, index) => ({ ...item, due: (['passed', 'todayAfterDayOff', 'upcoming'] as const)[index % 3] })),
      m.cards.reminders.digestTitle({ passed: 1, today: 1, upcoming: 1 }),
      m.cards.reminders.digestIntro,
    ),
    // The day's reminders after a change: the agreement as it stands to its new owner, and to the owner it was taken from without buttons.
    agreementsDigestChanged: agreementsCard(
      m,
      [
        { case: changed, agreement: changed.agreements.find((agreement) => agreement.id === 'agreement-school')!, due: 'changed' as const },
        { case: changed, agreement: changed.agreements.find((agreement) => agreement.id === 'agreement-placement')!, due: 'upcoming' as const },
      ],
      m.cards.reminders.digestTitle({ passed: 0, today: 0, upcoming: 1, changed: 1 }),
      m.cards.reminders.digestIntro,
    ),
    agreementsChangedHandedOver: agreementsCard(
      m,
      [{ case: changed, agreement: changed.agreements.find((agreement) => agreement.id === 'agreement-school')!, due: 'changed' as const, handedOverTo: m.cards.reminders.handedOverTo('Jonas Jensen') }],
      m.cards.reminders.changedTitle(changed.reference),
      m.cards.reminders.changedIntro,
    ),
    agreementAdded: agreementsCard(m, open(approved, 'm-jonas'), labels.addedTitle(approved.reference), labels.addedIntro),
    agreementEdit: agreementEditCard(m, asCoordinator(asked), 'agreement-school', labels.confirmations.agreementChanged),
    agreementEditRequested: agreementEditCard(m, asCoordinator(asked), 'agreement-placement', labels.changeRequestedNotice('Jonas Jensen')),
    agreementEditForOwner: agreementEditCard(m, asMember(changed, 'm-jonas'), 'agreement-school'),
    agreementEditRequestPending: agreementEditCard(m, asMember(asked, 'm-jonas'), 'agreement-placement', labels.confirmations.changeAsked),
    handOver: handOverCard(m, asMember(approved, 'm-jonas'), meeting(approved)),
    handOverForCoordinator: handOverCard(m, asCoordinator(approved), meeting(approved)),
    // The VIP (outside Teams) keeps the eye: the coordinator passes the hand-over on and records it.
    handOverRelayed: handOverCard(m, asCoordinator(relayed), meeting(relayed)),
    handOverAcknowledged: handOverCard(m, asMember(acknowledged, 'm-jonas'), meeting(acknowledged)),
    // The feedback reminder to its giver (the coordinator here), to the coordinator for Jonas giving it, and recorded.
    feedbackReminder: feedbackCard(m, approved, meeting(approved), member(approved, 'm-coordinator'), m.cards.reminders.feedbackTitle(approved.reference, 1), m.cards.reminders.feedbackDue),
    feedbackReminderRelayed: feedbackCard(m, jonasGives, meeting(jonasGives), member(jonasGives, 'm-coordinator'), m.cards.reminders.feedbackTitle(approved.reference, 1), m.cards.reminders.feedbackOverdue, true),
    feedbackGiven: feedbackCard(m, feedbackGiven, meeting(feedbackGiven), member(feedbackGiven, 'm-coordinator'), m.cards.reminders.feedbackTitle(approved.reference, 1), m.cards.reminders.feedbackRecorded),
    // The team's status a month on: meeting 1 held, meeting 2 cancelled, the agreements' dates passed.
    teamStatus: teamStatusCard(m, asMember(acknowledged, 'm-jonas'), STATUS_DAY),
  };
}

/** The picker's summaries of `count` cases, as the store lists them. */
export const caseSummaries = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ caseId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, reference: `S-${String(index).padStart(5, '0')}` }));

/** The case as the owner of its first open agreement reads it. */
function ownerRead(current: Case): CaseRead {
  const agreement = current.agreements.find((candidate) => candidate.status === 'open') ?? current.agreements[0]!;
  return { case: current, viewer: current.members.find((member) => member.id === agreement.ownerMemberId)! };
}

/**
 * Every template rendered for one case, read by its coordinator (and, for the cards of an owner or an
 * eye-keeper, by `member`): the case must have an open meeting (`open`), and a closed and approved one
 * (`closed`), and at least one goal.
 */
/** The case's own map, or for a case without one a small one as a young person draws it: every form of the network card shows. */
export function withNetworkMap(current: Case): Case {
  if (hasNetworkMap(current)) return current;
  const by = current.members[0]!.person.kind === 'teams' ? current.members[0]!.person.aadObjectId : '';
  const professional = current.members.find((member) => member.role !== 'coordinator' && member.role !== 'youngPerson');
  const people = [
    { field: 'family', closeness: 1, name: 'Mormor Åse', relation: 'mormor' },
    { field: 'family', closeness: 1, name: 'Lillebror Ørjan' },
    { field: 'relatives', closeness: 3, name: 'Far' },
    { field: 'leisure', closeness: 2, name: 'Ali', relation: 'bedste ven' },
    ...(professional ? [{ field: 'professionals', closeness: 1, memberId: professional.id }] : []),
  ];
  const mapped = people.reduce((map, person) => addMapPerson(map, person, by, NOW), current);
  return [['p1', 'p2'], ['p1', 'p4'], ...(professional ? [['p4', 'p5']] : [])].reduce((map, [a, b]) => linkMapPersons(map, a!, b!, by, NOW), mapped);
}

/** The case's own interventions, or for a case without any, an active one for a goal and a planned one: every form of the card shows. */
function withInterventions(current: Case): Case {
  if (interventionsOf(current).length > 0) return current;
  const by = current.members[0]!.person.kind === 'teams' ? current.members[0]!.person.aadObjectId : '';
  const member = current.members.find((candidate) => candidate.role !== 'youngPerson')!;
  const active = { what: 'Mentor på skolen', administration: 'Ungeenheden', why: 'Støtte til fremmøde', goalId: current.goals[0]?.id, from: '2026-09-01', to: '2027-01-31', status: 'active' };
  return addIntervention(addIntervention(current, active, by, NOW), { what: 'Bostøtte', memberId: member.id, from: '2027-01-01' }, by, NOW);
}

/** The case's own measures, or for a case without any, two WHO-5 (the first corrected) and a readiness measurement. */
function withMeasures(current: Case): Case {
  if (current.measures) return current;
  const on = NOW.toISOString().slice(0, 10);
  const first = recordWho5(current, { on, answers: [2, 2, 2, 2, 1] }, 'm-coordinator', NOW);
  const corrected = recordWho5(first, { on, answers: [3, 3, 2, 4, 1], corrects: 'w1' }, 'm-coordinator', NOW);
  return recordReadiness(corrected, DEFAULT_READINESS_INDICATORS, { on, scores: { u1: '3', u2: '4', b1: '2' } }, 'm-coordinator', NOW);
}

export function everyTemplate(m: Messages, current: Case, pickerCases: number, member: TeamMember): Record<string, AdaptiveCardJson> {
  const read = asCoordinator(current);
  const open = current.meetings.find((meeting) => meeting.status === 'open')!;
  const closed = [...current.meetings].reverse().find((meeting) => meeting.closure?.approval)!;
  const goal = current.goals[0]!;
  const agreements = current.agreements.map((agreement) => ({ case: current, agreement }));
  const roster = Array.from({ length: 3 }, (_, index) => ({ aadObjectId: `aad-roster-${index}`, name: `${'Roster '.repeat(28)}${index}`, teamsUserId: `29:roster-${index}` }));
  const editable = current.members.find((candidate) => candidate.role !== 'coordinator' && candidate.role !== 'youngPerson');
  return {
    createCase: createCaseCard(m),
    base: baseCard(m, current, 'overview'),
    overview: overviewCard(m, read, NOW),
    team: teamCard(m, read, roster, m.cards.done.memberAdded),
    teamForMember: teamCard(m, { case: current, viewer: member }, []),
    ...(editable ? { memberEdit: memberEditCard(m, current, editable) } : {}),
    consent: consentCard(m, read, NOW),
    picker: casePickerCard(m, caseSummaries(pickerCases)),
    message: messageCard(m.cards.refused, m.errors.notTeamMember({}), 'attention'),
    meetingOpen: meetingOpenCard(m, current, NOW),
    meetingBase: meetingBaseCard(m, current, open),
    checklist: checklistCard(m, read, open, m.cards.meeting.saved),
    checklistHeld: checklistCard(m, read, closed),
    meetingCancel: meetingCancelCard(m, current, open),
    checklistInternal: checklistCard(m, asCoordinator(asInternal(current, open)), { ...open, kind: 'internal' }),
    closeInternal: closeInternalCard(m, asInternal(current, open), { ...open, kind: 'internal' }),
    goalsFormInternal: goalsFormCard(m, asCoordinator(asInternal(current, open))),
    goalsForm: goalsFormCard(m, read),
    goalsFormForMember: goalsFormCard(m, { case: current, viewer: member }),
    goalEdit: goalEditCard(m, read, goal.id),
    network: networkMapCard(m, asCoordinator(withNetworkMap(current)), { pictureUrl: `https://samarbejdsbot.example.dk/network-map/${'t'.repeat(43)}`, notice: m.cards.network.added }),
    networkForMember: networkMapCard(m, { case: withNetworkMap(current), viewer: member }),
    networkEmpty: networkMapCard(m, asCoordinator({ ...current, networkMap: undefined })),
    networkOverview: networkOverviewCard(m, asCoordinator(withNetworkMap(current)), { notice: m.cards.networkOverview.addedToTeam }),
    networkOverviewForMember: networkOverviewCard(m, { case: withNetworkMap(current), viewer: member }),
    interventions: interventionsCard(m, asCoordinator(withInterventions(current)), m.cards.interventions.added),
    interventionsForMember: interventionsCard(m, { case: withInterventions(current), viewer: member }),
    interventionsEmpty: interventionsCard(m, asCoordinator({ ...current, interventions: undefined })),
    measures: measuresCard(m, asCoordinator(withMeasures(current)), NOW, DEFAULT_READINESS_INDICATORS, m.cards.measures.who5Recorded),
    measuresForMember: measuresCard(m, { case: withMeasures(current), viewer: member }, NOW, DEFAULT_READINESS_INDICATORS),
    measuresEmpty: measuresCard(m, asCoordinator({ ...current, measures: undefined }), NOW, DEFAULT_READINESS_INDICATORS),
    // The coordinator's card of an agreement with a request for a change awaiting an answer (the largest case holds some), and its owner's.
    agreementEdit: agreementEditCard(m, read, (current.agreements.find((agreement) => pendingChangeRequest(agreement)) ?? current.agreements[0]!).id),
    agreementEditForOwner: agreementEditCard(m, ownerRead(current), current.agreements.find((agreement) => agreement.status === 'open')?.id ?? current.agreements[0]!.id),
    closeMeeting: closeMeetingCard(m, read, open, NOW),
    approval: approvalCard(m, read, closed, NOW),
    minutesBase: minutesBaseCard(m, current, closed),
    minutes: minutesCard(m, read, closed),
    agreements: agreementsCard(m, agreements, m.cards.goals.mineTitle, m.cards.goals.mineIntro),
    handOver: handOverCard(m, read, closed),
    feedback: feedbackCard(m, current, closed, member, m.cards.reminders.feedbackTitle(current.reference, closed.number), m.cards.reminders.feedbackOverdue),
    exportLink: exportLinkCard(m, current, 'https://samarbejdsbot.example.dk/export/token', 10),
    eraseConfirm: eraseConfirmCard(m, current),
    closeConfirm: closeConfirmCard(m, current, '2031-11-23'),
    // Taken the day after the open meeting, the case's last: every half-year it was open in to choose.
    teamStatus: teamStatusCard(m, { case: current, viewer: member }, new Date(new Date(open.startsAt).getTime() + 24 * 60 * 60 * 1000)),
    statistics: sampleStatisticsCard(m, [current], 'Ungeenheden Nord'),
    // The model's rhythm (issue 14).
    adultHandOver: adultHandOverCard(m, asCoordinator(withAdultHandOver(current, member)), m.cards.rhythm.handOverSaved),
    adultHandOverDue: adultHandOverCard(m, read),
    adultHandOverForMember: adultHandOverCard(m, { case: withAdultHandOver(current, member), viewer: member }),
    closeMeetingFarOff: farNextMeetingCard(m, current, open.id, FAR_OFF_ANSWERS(member.id), '2027-09-01T08:00:00.000Z', '2027-07-14'),
    closeMeetingAgain: closeMeetingCard(m, read, open, NOW, FAR_OFF_ANSWERS(member.id)),
  };
}

/** What the coordinator records at 18, at its longest (500 characters). */
const HAND_OVER_CONTINUES = 'Efterværn: kontaktperson og bostøtte fortsætter til 23 år; mentor på uddannelsen (*) følges op af voksen_enheden. '.repeat(5).slice(0, 500);

function withAdultHandOver(current: Case, member: TeamMember): Case {
  return { ...current, adultHandOver: { takesOverMemberId: member.id, continues: HAND_OVER_CONTINUES, recordedAt: NOW.toISOString(), byAadObjectId: by } };
}

/** A closing card's answers at their longest, carried on the confirmation of a next meeting far off. */
const FAR_OFF_ANSWERS = (memberId: string) => ({
  waitingArrangement: 'v'.repeat(500),
  feedbackMemberId: memberId,
  eyeKeeperMemberId: memberId,
  acuteContactMemberId: memberId,
  nextMeetingDate: '2027-09-01',
  nextMeetingTime: '10:00',
  summary: 's'.repeat(2000),
  confirmEmptySections: true,
});

/** A leader's card of 2026H1 for `cases`, in a unit named `unitName`, one of two they lead. */
export function sampleStatisticsCard(m: Messages, cases: Case[], unitName: string): AdaptiveCardJson {
  const units = [
    { id: 'unit-1', name: unitName },
    { id: 'unit-2', name: 'Ungeenheden Syd' },
  ];
  const report = leaderReport(cases, parsePeriod('2026H1'), NOW);
  return statisticsCard(m, { unit: units[0]!, units, report, periods: endedPeriods(NOW, 6), csv: { url: 'https://samarbejdsbot.example.dk/statistics/token', minutes: 10 } });
}

/** A leader's card of 2027H1 for nine young people (some figures shown, some hidden), linked to the tab. */
function leaderStatisticsCard(m: Messages): AdaptiveCardJson {
  const many = (source: Case, count: number) => Array.from({ length: count }, (_, index) => ({ ...source, id: `${source.id}${index}` }));
  const at = new Date('2027-08-01T08:00:00Z');
  const report = leaderReport([...many(caseA, 6), ...many(caseE, 3)], parsePeriod('2027H1'), at);
  const units = [
    { id: 'unit-1', name: 'Ungeenheden Nord' },
    { id: 'unit-2', name: 'Ungeenheden Syd' },
  ];
  const tabUrl = personalTabLink('6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab', STATISTICS_SUB_PAGE);
  return statisticsCard(m, { unit: units[0]!, units, report, periods: endedPeriods(at, 6), csv: { url: 'https://samarbejdsbot.example.dk/statistics/token', minutes: 10 }, tabUrl });
}

/**
 * The smallest case a card can show: the coordinator and the young person, nobody else; a goal with an
 * agreement of the young person's, one meeting held and approved and the next open.
 */
export function smallestCase(): Case {
  let current = sampleCase();
  current = recordConsent(current, { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: ['m-coordinator', 'm-young'], parentalHolderName: 'Karen Hansen' }, 'k1', by, NOW);
  current = openMeeting(current, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
  current = addGoal(current, { theme: 'education', longTermGoal: 'Jeg vil være tømrer.' }, 'goal-1', by, NOW, 'meeting-1');
  current = addAgreement(current, 'goal-1', { action: 'Ringe til skolen.', ownerMemberId: 'm-young', followUpOn: '2026-12-01', followUpMethod: 'phone' }, 'agreement-1', by, NOW, 'meeting-1');
  const closing = { feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-coordinator', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: 'Kort møde.', waitingArrangement: 'Ingen.', confirmEmptySections: true };
  current = approveMinutes(closeMeeting(current, 'meeting-1', closing, 'meeting-2', by, NOW), 'meeting-1', '2026-11-23', by, NOW);
  return openMeeting(current, 'meeting-2', { date: '2026-11-23', time: '14:00' }, by, NOW);
}
