import { describe, expect, it } from 'vitest';
import {
  mayAcknowledgeHandOver,
  mayRecordFeedback,
  mayChangeAgreement,
  mayReadCaseDetails,
  mayWriteForm,
  requireAgreementOwner,
  requireCaseReader,
  requireCoordinator,
  requireFeedbackRecorder,
  requireFormWriter,
  requireHandOverAcknowledger,
  requireMember,
} from '../../bot/domain/access';
import type { Case } from '../../bot/domain/case';
import { approveMinutes, closeMeeting, closureOf } from '../../bot/domain/closing';
import { addAgreement, addGoal } from '../../bot/domain/goals';
import { answerChecklist, openMeeting } from '../../bot/domain/meeting';
import { consentGapFor, currentConsent, hasValidConsent, isConsentedParty, recordConsent, withdrawConsent } from '../../bot/domain/consent';
import { codeOf } from '../support/refusals';
import { addMember } from '../../bot/domain/team';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;


function teamWithJonasAndSara() {
  const withJonas = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' } }, 'm-jonas', by, NOW);
  return addMember(withJonas, { role: 'jobcentre', person: { kind: 'teams', aadObjectId: 'aad-sara', name: 'Sara' } }, 'm-sara', by, NOW);
}

const adultConsent = { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: ['m-coordinator', 'm-jonas'] };

describe('consent', () => {
  it('is valid from the day given until expiry, for the parties named', () => {
    const consented = recordConsent(teamWithJonasAndSara(), { ...adultConsent, parentalHolderName: 'Karen Hansen' }, 'k1', by, NOW);
    expect(hasValidConsent(consented, NOW)).toBe(true);
    expect(isConsentedParty(consented, 'm-jonas', NOW)).toBe(true);
    expect(isConsentedParty(consented, 'm-sara', NOW)).toBe(false);
    expect(hasValidConsent(consented, new Date('2027-11-20T22:59:00Z'))).toBe(true); // 23:59 in Copenhagen
    expect(hasValidConsent(consented, new Date('2027-11-20T23:00:00Z'))).toBe(false); // next day in Copenhagen
  });

  it('needs the holder of parental responsibility while the young person is under 18 (seed 002)', () => {
    // Born 2008-03-14: 18 on 2026-03-14, so 17 on a consent given in 2026-01.
    const minorConsent = { ...adultConsent, givenOn: '2026-01-10' };
    expect(codeOf(() => recordConsent(teamWithJonasAndSara(), minorConsent, 'k', by, NOW))).toBe('consentNeedsParentalHolder');
    expect(() => recordConsent(teamWithJonasAndSara(), { ...minorConsent, parentalHolderName: 'Karen Hansen' }, 'k', by, NOW)).not.toThrow();
    expect(() => recordConsent(teamWithJonasAndSara(), adultConsent, 'k', by, NOW)).not.toThrow();
  });

  it('records both holders of parental responsibility where there are two (seed 002: "forældrene"), with the field rules of a name', () => {
    const minorConsent = { ...adultConsent, givenOn: '2026-01-10' };
    const both = recordConsent(teamWithJonasAndSara(), { ...minorConsent, parentalHolderName: ' Karen Hansen ', secondParentalHolderName: 'Per Hansen' }, 'k', by, NOW);
    expect(currentConsent(both)).toMatchObject({ parentalHolderName: 'Karen Hansen', secondParentalHolderName: 'Per Hansen' });
    // The only holder written in the second box is the first holder; a second alone does not leave the first empty.
    const secondBoxOnly = recordConsent(teamWithJonasAndSara(), { ...minorConsent, secondParentalHolderName: 'Per Hansen' }, 'k', by, NOW);
    expect(currentConsent(secondBoxOnly)).toMatchObject({ parentalHolderName: 'Per Hansen' });
    expect(currentConsent(secondBoxOnly)?.secondParentalHolderName).toBeUndefined();
    expect(codeOf(() => recordConsent(teamWithJonasAndSara(), { ...minorConsent, parentalHolderName: 'Karen', secondParentalHolderName: 'Per 140308-4123' }, 'k', by, NOW))).toBe('cprNotAllowed');
    expect(codeOf(() => recordConsent(teamWithJonasAndSara(), { ...minorConsent, parentalHolderName: 'Karen', secondParentalHolderName: 'P'.repeat(201) }, 'k', by, NOW))).toBe('textTooLong');
  });

  it('reads a consent stored before the second holder was asked for', () => {
    const stored = { ...teamWithJonasAndSara(), consents: [{ id: 'k0', givenByYoungPerson: true, parentalHolderName: 'Karen Hansen', givenOn: '2026-01-10', expiresOn: '2027-01-10', partyMemberIds: ['m-jonas'], recordedByAadObjectId: by, recordedAt: NOW.toISOString() }] };
    expect(isConsentedParty(stored, 'm-jonas', NOW)).toBe(true);
    expect(currentConsent(stored)?.secondParentalHolderName).toBeUndefined();
  });

  it.each([
    [{ ...adultConsent, givenByYoungPerson: false }, 'consentNeedsYoungPerson'],
    [{ ...adultConsent, expiresOn: '2026-11-20' }, 'consentExpiryNotAfterGiven'],
    [{ ...adultConsent, givenOn: '2026-11-24' }, 'consentGivenInFuture'],
    [{ ...adultConsent, partyMemberIds: [] }, 'consentNeedsParties'],
    [{ ...adultConsent, partyMemberIds: ['not-a-member'] }, 'consentNeedsParties'],
    [{ ...adultConsent, givenOn: 'yesterday' }, 'invalidDate'],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(() => recordConsent(teamWithJonasAndSara(), input, 'k', by, NOW))).toBe(code);
  });

  it('keeps history: renewing adds a record, withdrawing marks the current one', () => {
    const first = recordConsent(teamWithJonasAndSara(), adultConsent, 'k1', by, NOW);
    const renewed = recordConsent(first, { ...adultConsent, partyMemberIds: ['m-coordinator', 'm-jonas', 'm-sara'] }, 'k2', by, NOW);
    expect(renewed.consents.map((consent) => consent.id)).toEqual(['k1', 'k2']);
    expect(isConsentedParty(renewed, 'm-sara', NOW)).toBe(true);
    const withdrawn = withdrawConsent(renewed, by, NOW);
    expect(withdrawn.consents).toHaveLength(2);
    expect(withdrawn.consents[1]).toMatchObject({ id: 'k2', withdrawnAt: NOW.toISOString(), withdrawnByAadObjectId: by });
    expect(hasValidConsent(withdrawn, NOW)).toBe(false);
    expect(codeOf(() => withdrawConsent(withdrawn, by, NOW))).toBe('noConsentToWithdraw');
    expect(withdrawn.history.map((event) => event.kind).slice(-3)).toEqual(['consentRecorded', 'consentRecorded', 'consentWithdrawn']);
  });

  it('says why it does not cover a member: none recorded, withdrawn, expired, or not a party', () => {
    expect(consentGapFor(teamWithJonasAndSara(), 'm-jonas', NOW)).toBe('none');
    const consented = recordConsent(teamWithJonasAndSara(), adultConsent, 'k1', by, NOW);
    expect(consentGapFor(consented, 'm-jonas', NOW)).toBeUndefined();
    expect(consentGapFor(consented, 'm-sara', NOW)).toBe('notParty');
    expect(consentGapFor(consented, 'm-jonas', new Date('2027-11-20T23:00:00Z'))).toBe('expired');
    expect(consentGapFor(withdrawConsent(consented, by, NOW), 'm-jonas', NOW)).toBe('withdrawn');
  });
});

describe('who may do what', () => {
  it('lets only team members near the case', () => {
    expect(codeOf(() => requireMember(teamWithJonasAndSara(), 'aad-stranger'))).toBe('notTeamMember');
    expect(requireMember(teamWithJonasAndSara(), 'aad-jonas').id).toBe('m-jonas');
  });

  it('lets only the coordinator change team and consent', () => {
    expect(codeOf(() => requireCoordinator(teamWithJonasAndSara(), 'aad-jonas'))).toBe('notCoordinator');
    expect(requireCoordinator(teamWithJonasAndSara(), by).role).toBe('coordinator');
  });

  it('shows the young person to nobody but the coordinator without valid consent that covers them', () => {
    const noConsent = teamWithJonasAndSara();
    expect(requireCaseReader(noConsent, by, NOW).role).toBe('coordinator');
    expect(codeOf(() => requireCaseReader(noConsent, 'aad-jonas', NOW))).toBe('noValidConsent');
    const consented = recordConsent(noConsent, adultConsent, 'k1', by, NOW);
    expect(requireCaseReader(consented, 'aad-jonas', NOW).id).toBe('m-jonas');
    expect(codeOf(() => requireCaseReader(consented, 'aad-sara', NOW))).toBe('noValidConsent');
    expect(codeOf(() => requireCaseReader(withdrawConsent(consented, by, NOW), 'aad-jonas', NOW))).toBe('noValidConsent');
    expect(codeOf(() => requireCaseReader(consented, 'aad-stranger', NOW))).toBe('notTeamMember');
    expect([mayReadCaseDetails(noConsent, 'm-coordinator', NOW), mayReadCaseDetails(noConsent, 'm-jonas', NOW)]).toEqual([true, false]);
    expect(['m-jonas', 'm-sara', 'm-stranger'].map((memberId) => mayReadCaseDetails(consented, memberId, NOW))).toEqual([true, false, false]);
  });

  // Jonas is the open meeting's minute-taker, Sara owns an agreement and keeps an eye on the young person.
  function meetingWithForm(): Case {
    const consented = recordConsent(teamWithJonasAndSara(), { ...adultConsent, partyMemberIds: ['m-coordinator', 'm-jonas', 'm-sara'] }, 'k1', by, NOW);
    const writing = answerChecklist(openMeeting(consented, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW), 'meeting-1', { roleWriter: 'm-jonas' }, by, NOW);
    const withGoal = addGoal(writing, { theme: 'education', longTermGoal: 'Tømrer' }, 'goal-1', 'aad-jonas', NOW, 'meeting-1');
    return addAgreement(withGoal, 'goal-1', { action: 'Ringe til skolen', ownerMemberId: 'm-sara', followUpOn: '2026-12-01', followUpMethod: 'phone' }, 'agreement-1', 'aad-jonas', NOW, 'meeting-1');
  }
  const member = (current: Case, memberId: string) => current.members.find((candidate) => candidate.id === memberId)!;

  it('lets the coordinator and the minute-taker of the open meeting write the form', () => {
    const current = meetingWithForm();
    expect(['m-coordinator', 'm-jonas', 'm-sara'].map((memberId) => mayWriteForm(current, member(current, memberId)))).toEqual([true, true, false]);
    expect(requireFormWriter(current, 'aad-jonas', NOW).id).toBe('m-jonas');
    expect(codeOf(() => requireFormWriter(current, 'aad-sara', NOW))).toBe('notWriter');
    expect(codeOf(() => requireFormWriter(teamWithJonasAndSara(), 'aad-jonas', NOW))).toBe('noValidConsent');
  });

  it('lets an agreement be changed by its owner or the coordinator', () => {
    const current = meetingWithForm();
    const agreement = current.agreements[0]!;
    expect(['m-coordinator', 'm-jonas', 'm-sara'].map((memberId) => mayChangeAgreement(agreement, member(current, memberId)))).toEqual([true, false, true]);
    expect(requireAgreementOwner(current, 'aad-sara', 'agreement-1', NOW).id).toBe('m-sara');
    expect(codeOf(() => requireAgreementOwner(current, 'aad-jonas', 'agreement-1', NOW))).toBe('notAgreementOwner');
    expect(codeOf(() => requireAgreementOwner(current, 'aad-jonas', 'no-such-agreement', NOW))).toBe('agreementNotFound');
  });

  it('lets the eye-keeper, or the coordinator relaying for them, acknowledge the hand-over', () => {
    const closing = { waitingArrangement: 'Ingen', feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-sara', acuteContactMemberId: 'm-sara', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: 'Fokus på uddannelse.', confirmEmptySections: true };
    const current = approveMinutes(closeMeeting(meetingWithForm(), 'meeting-1', closing, 'meeting-2', by, NOW), 'meeting-1', '2026-11-23', by, NOW);
    const closure = closureOf(current, 'meeting-1');
    expect(['m-coordinator', 'm-jonas', 'm-sara'].map((memberId) => mayAcknowledgeHandOver(closure, member(current, memberId)))).toEqual([true, false, true]);
    expect(requireHandOverAcknowledger(current, 'meeting-1', by, NOW).role).toBe('coordinator');
    expect(requireHandOverAcknowledger(current, 'meeting-1', 'aad-sara', NOW).id).toBe('m-sara');
    expect(codeOf(() => requireHandOverAcknowledger(current, 'meeting-1', 'aad-jonas', NOW))).toBe('notEyeKeeper');
  });

  it('lets the feedback giver, or the coordinator relaying for them, record that the young person had feedback', () => {
    const closing = { waitingArrangement: 'Ingen', feedbackMemberId: 'm-sara', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-sara', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: 'Fokus på uddannelse.', confirmEmptySections: true };
    const current = closeMeeting(meetingWithForm(), 'meeting-1', closing, 'meeting-2', by, NOW);
    const closure = closureOf(current, 'meeting-1');
    expect(['m-coordinator', 'm-jonas', 'm-sara'].map((memberId) => mayRecordFeedback(closure, member(current, memberId)))).toEqual([true, false, true]);
    expect(requireFeedbackRecorder(current, 'meeting-1', by, NOW).role).toBe('coordinator');
    expect(requireFeedbackRecorder(current, 'meeting-1', 'aad-sara', NOW).id).toBe('m-sara');
    expect(codeOf(() => requireFeedbackRecorder(current, 'meeting-1', 'aad-jonas', NOW))).toBe('notFeedbackGiver');
    expect(codeOf(() => requireFeedbackRecorder(current, 'meeting-1', 'aad-stranger', NOW))).toBe('notTeamMember');
  });
});
