// The overview tells the truth (issue 11, section 1): the next meeting, the open and overdue
// agreements, who keeps an eye on the young person and whether they acknowledged, and the young
// person's latest status, not only the status at the start.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { acknowledgeHandOver, approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { addAgreement, addGoal } from '../../bot/domain/goals';
import { answerChecklist, openMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { overviewCard } from '../../cards/caseCards';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const DAY = 24 * 60 * 60 * 1000;

/** Facts of the overview as title → value. */
function factsOf(current: Case, now: Date, m = da): Record<string, string> {
  const card = overviewCard(m, { case: current, viewer: current.members[0]! }, now);
  const facts = (card.body as Array<{ type: string; facts?: Array<{ title: string; value: string }> }>)[1]!.facts!;
  return Object.fromEntries(facts.map((fact) => [fact.title, fact.value]));
}

/** Meeting 1 held and approved: Ali keeps an eye; the young person was in work; two agreements; meeting 2 planned. */
function circulated(): Case {
  let current = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali Hassan' } }, 'm-ali', by, NOW);
  current = openMeeting(current, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
  current = answerChecklist(current, 'meeting-1', { youngPersonStatus: 'work' }, by, NOW);
  current = addGoal(current, { theme: 'work', longTermGoal: 'Et fast job' }, 'goal-1', by, NOW);
  for (const [id, followUpOn] of [['a-1', '2026-11-30'], ['a-2', '2027-01-15']]) {
    current = addAgreement(current, 'goal-1', { action: `Aftale ${id}`, ownerMemberId: 'm-ali', followUpOn, followUpMethod: 'phone' }, id!, by, NOW);
  }
  current = closeMeeting(
    current,
    'meeting-1',
    { waitingArrangement: 'Ali holder kontakten', feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-ali', acuteContactMemberId: 'm-ali', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: 'Job.', confirmEmptySections: true },
    'meeting-2',
    by,
    NOW,
  );
  return approveMinutes(current, 'meeting-1', '2026-11-23', by, NOW);
}

describe('the overview', () => {
  it('says so when nothing is planned, nobody keeps an eye yet and nothing is agreed', () => {
    const facts = factsOf(sampleCase(), NOW);
    expect(facts[da.cards.overview.nextMeeting]).toBe(da.cards.overview.notPlanned);
    expect(facts[da.cards.overview.agreements]).toBe(da.cards.overview.agreementCounts(0, 0));
    expect(facts[da.cards.overview.eyeKeeper]).toBe(da.cards.overview.noEyeKeeper);
    expect(facts[da.cards.overview.statusNow]).toBe(da.statuses.neither);
  });

  it('shows the planned meeting, the open and overdue agreements, the eye-keeper not yet acknowledged, and the status at the last meeting', () => {
    const later = new Date(NOW.getTime() + 10 * DAY); // 2026-12-03: the first agreement's date has passed
    const facts = factsOf(circulated(), later);
    expect(facts[da.cards.overview.nextMeeting]).toBe(da.cards.overview.meetingAt(2, '15.02.2027 kl. 09:00', false));
    expect(facts[da.cards.overview.agreements]).toBe(da.cards.overview.agreementCounts(2, 1));
    expect(facts[da.cards.overview.eyeKeeper]).toBe(da.cards.overview.eyeKeeperNotAcknowledged('Ali Hassan'));
    expect(facts[da.cards.overview.statusNow]).toBe(da.cards.overview.statusAtMeeting(da.statuses.work, 1));
    expect(facts[da.cards.overview.statusAtStart]).toBe(da.statuses.neither);
  });

  it('shows the acknowledgement once given, and an open meeting as under way, in English too', () => {
    let current = acknowledgeHandOver(circulated(), 'meeting-1', NOW);
    current = openMeeting(current, 'meeting-2', { date: '2027-02-15', time: '09:00' }, by, new Date('2027-02-15T08:00:00Z'));
    const facts = factsOf(current, new Date('2027-02-15T08:30:00Z'), en);
    expect(facts[en.cards.overview.eyeKeeper]).toBe(en.cards.overview.eyeKeeperAcknowledged('Ali Hassan'));
    expect(facts[en.cards.overview.nextMeeting]).toBe(en.cards.overview.meetingAt(2, '15/02/2027 at 09:00', true));
  });
});

describe("the young person's birth date", () => {
  it('is written the reader\'s way, with the age on the day the card is shown (born 14.03.2008)', () => {
    expect(factsOf(sampleCase(), NOW)[da.cards.overview.birthDate]).toBe('14.03.2008 (18 år)');
    expect(factsOf(sampleCase(), new Date('2027-03-13T12:00:00Z'))[da.cards.overview.birthDate]).toBe('14.03.2008 (18 år)');
    expect(factsOf(sampleCase(), new Date('2027-03-14T12:00:00Z'))[da.cards.overview.birthDate]).toBe('14.03.2008 (19 år)');
    expect(factsOf(sampleCase(), NOW, en)[en.cards.overview.birthDate]).toBe('14/03/2008 (aged 18)');
  });
});

describe("the young person's address (seed 001: Adresse, Postnummer, By)", () => {
  it('is shown on one line from its three fields', () => {
    expect(factsOf(sampleCase(), NOW)[da.cards.overview.contact]).toBe('+45 12 34 56 78, emil@example.dk, Vestergade 12, 2. th., 5000 Odense C');
  });

  it('shows an address stored on one line before the fields were split as it was', () => {
    const created = sampleCase();
    const stored: Case = { ...created, youngPerson: { ...created.youngPerson, contact: { address: 'Gl. Vej 3, 5000 Odense C' } } };
    expect(factsOf(stored, NOW)[da.cards.overview.contact]).toBe('Gl. Vej 3, 5000 Odense C');
  });
});
