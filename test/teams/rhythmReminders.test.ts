// The reminders of the model's rhythm (issue 14) as the coordinator reads them, in Danish and English,
// rendered from the case when due, and not sent once their reason has gone.
import { describe, expect, it } from 'vitest';
import { closeMeeting } from '../../bot/domain/closing';
import { recordConsent, withdrawConsent } from '../../bot/domain/consent';
import { openMeeting, planMeeting } from '../../bot/domain/meeting';
import { recordAdultHandOver } from '../../bot/domain/transitions';
import type { Case } from '../../bot/domain/case';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import type { OutboxMessageOf } from '../../bot/store/port';
import { renderReminder } from '../../bot/teams/renderReminder';
import { renderOutboxMessage } from '../../bot/teams/renderOutbox';
import { addMember } from '../../bot/domain/team';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { validateAdaptiveCard } from '../support/cardValidation';

const by = COORDINATOR.aadObjectId;

const reminder = (about: Record<string, string>): OutboxMessageOf<'reminder'> =>
  ({
    id: 'o-1',
    tenantId: 'tenant-a',
    caseId: 'case-1',
    kind: 'reminder',
    to: { kind: 'user', aadObjectId: by, teamsUserId: '29:mette' },
    about: { memberId: 'm-coordinator', ...about },
    serviceUrl: 'http://localhost',
    notBefore: NOW.toISOString(),
    status: 'pending',
    attempts: 0,
  }) as OutboxMessageOf<'reminder'>;

function textOf(current: Case, about: Record<string, string>, m = da, now = NOW): string {
  const rendered = renderReminder(m, current, reminder(about), current.members[0], now);
  if (!('activity' in rendered)) throw new Error(`skipped: ${rendered.skip}`);
  const card = rendered.activity.attachments?.[0]?.content;
  expect(validateAdaptiveCard(card)).toEqual([]);
  return JSON.stringify(card);
}
const skipOf = (current: Case, about: Record<string, string>, now = NOW) => {
  const rendered = renderReminder(da, current, reminder(about), current.members[0], now);
  return 'skip' in rendered ? rendered.skip : 'sent';
};

/** Meeting 1 on 23 November 2026, closed (confirmed) with the next meeting on `next`. */
function heldWithNext(next: string): Case {
  const opened = openMeeting(sampleCase(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
  const closing = { waitingArrangement: 'x', feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-coordinator', nextMeetingDate: next, nextMeetingTime: '09:00', summary: 's', confirmEmptySections: true, confirmFarNextMeeting: true };
  return closeMeeting(opened, 'meeting-1', closing, 'meeting-2', by, NOW);
}

describe('the reminder that no meeting is planned', () => {
  const rhythm = { reminder: 'noMeetingPlanned', afterMeetingId: 'meeting-1' };

  it('is sent when the planned meeting is more than four months off, and says so (Danish and English)', () => {
    const far = heldWithNext('2027-04-01');
    expect(textOf(far, rhythm)).toContain('Et nyt møde er planlagt torsdag 1. april 2027 kl. 09:00, men det ligger for langt ude');
    expect(textOf(far, rhythm, en)).toContain('A new meeting is planned for Thursday 1 April 2027 at 09:00, but it is too far off');
  });

  it('is not sent when the meeting planned is within four months (23 March is the last day), nor once a meeting was held', () => {
    expect(skipOf(heldWithNext('2027-03-23'), rhythm)).toBe('a meeting is planned');
    expect(skipOf(heldWithNext('2027-03-24'), rhythm)).toBe('sent');
    const metAgain = openMeeting(heldWithNext('2027-04-01'), 'meeting-3', { date: '2027-02-01', time: '10:00' }, by, new Date('2027-02-01T09:00:00Z'));
    expect(skipOf(metAgain, rhythm)).toBe('a meeting was held since');
  });
});

describe('the transition meeting reminder', () => {
  const transition = { reminder: 'transitionMeeting', age: '18½', birthday: '2026-09-14' };

  it("gives the meeting's purpose from seed 002, in Danish and English", () => {
    const current = sampleCase();
    expect(textOf(current, transition)).toContain('At følge op på den unges overgang til voksenområdet');
    expect(textOf(current, transition, en)).toContain("To follow up on the young person's transition to adult services");
  });

  it('is not sent once a meeting is planned as that transition meeting', () => {
    const planned = planMeeting(sampleCase(), 'meeting-t', { date: '2027-01-10', time: '10:00' }, by, NOW, 'network', '18½');
    expect(skipOf(planned, transition)).toBe('transition meeting planned');
  });
});

describe('the 18-year hand-over reminder', () => {
  const handOver = { reminder: 'adultHandOverDue', from: '2025-09-14' };

  it('asks the coordinator to record the hand-over while it is not recorded', () => {
    expect(textOf(sampleCase(), handOver)).toContain('registrér overdragelsen til voksenforvaltningen');
    expect(textOf(sampleCase(), handOver, en)).toContain("record the hand-over to the adults' administration");
  });

  it('is not sent once the hand-over is recorded', () => {
    const recorded = recordAdultHandOver(sampleCase(), { continues: 'Efterværn' }, by, NOW);
    expect(skipOf(recorded, handOver)).toBe('hand-over recorded');
  });
});

describe('the consent expiry reminder', () => {
  const withConsent = (expiresOn: string, id = 'consent-1', current = sampleCase()) =>
    recordConsent(current, { givenByYoungPerson: true, parentalHolderName: 'Lone Hansen', givenOn: '2026-01-10', expiresOn, partyMemberIds: ['m-coordinator'] }, id, by, NOW);
  const expiring = { reminder: 'consentExpiring', consentId: 'consent-1', expiresOn: '2026-12-20' };

  it('tells the coordinator the day it expires', () => {
    expect(textOf(withConsent('2026-12-20'), expiring)).toContain('Samtykket udløber søndag 20. december 2026');
    expect(textOf(withConsent('2026-12-20'), expiring, en)).toContain('The consent expires on Sunday 20 December 2026');
  });

  it('is not sent once the consent is renewed, withdrawn, given another date, or has expired', () => {
    const current = withConsent('2026-12-20');
    expect(skipOf(withConsent('2027-12-20', 'consent-2', current), expiring)).toBe('consent changed');
    expect(skipOf(withdrawConsent(current, by, NOW), expiring)).toBe('consent changed');
    expect(skipOf(withConsent('2026-12-31'), expiring)).toBe('consent changed');
    expect(skipOf(current, expiring, new Date('2026-12-21T09:00:00Z'))).toBe('consent changed');
  });
});

describe('a message to a member once consent has expired', () => {
  it('says that the consent expired, and when, instead of the details', () => {
    const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali', teamsUserId: '29:ali' } }, 'm-ali', by, NOW);
    const current = recordConsent(team, { givenByYoungPerson: true, parentalHolderName: 'Lone Hansen', givenOn: '2026-01-10', expiresOn: '2026-12-20', partyMemberIds: ['m-coordinator', 'm-ali'] }, 'consent-1', by, NOW);
    const message = { ...reminder({ reminder: 'agreementChanged', agreementId: 'a-1' }), to: { kind: 'user', aadObjectId: 'aad-ali', teamsUserId: '29:ali' }, about: { reminder: 'agreementChanged', memberId: 'm-ali', agreementId: 'a-1' } } as OutboxMessageOf<'reminder'>;
    const rendered = renderOutboxMessage({ message, current }, [], undefined, new Date('2026-12-22T09:00:00Z'));
    expect(JSON.stringify(rendered)).toContain(da.cards.rhythm.withoutConsentExpired('20.12.2026'));
  });
});
