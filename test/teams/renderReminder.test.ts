import { describe, expect, it } from 'vitest';
import { approveMinutes, closeInternalMeeting, closeMeeting, recordFeedbackGiven } from '../../bot/domain/closing';
import { addAgreement, addGoal, completeAgreement, moveAgreement, withReminderPlan } from '../../bot/domain/goals';
import { cancelMeeting, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { addIntervention, changeIntervention, setInterventionStatus } from '../../bot/domain/interventions';
import { da } from '../../bot/i18n/da';
import type { OutboxMessageOf } from '../../bot/store/port';
import { renderReminder } from '../../bot/teams/renderReminder';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { validateAdaptiveCard } from '../support/cardValidation';

const by = COORDINATOR.aadObjectId;

function caseWithAgreement() {
  const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali', teamsUserId: '29:ali' } }, 'm-ali', by, NOW);
  const goal = addGoal(team, { theme: 'housing', longTermGoal: 'Egen lejlighed' }, 'g-1', by, NOW);
  return addAgreement(goal, 'g-1', { action: 'Søge bolig', ownerMemberId: 'm-ali', followUpOn: '2026-12-01', followUpMethod: 'phone' }, 'a-1', by, NOW);
}

// The reminders below are as stored, their about read as JSON: `plan` is left out where it plays no part.
const reminder = (about: Record<string, string>, teamsUserId = '29:ali'): OutboxMessageOf<'reminder'> =>
  ({
    id: 'o-1',
    tenantId: 'tenant-a',
    caseId: 'case-1',
    kind: 'reminder',
    to: { kind: 'user', aadObjectId: teamsUserId === '29:ali' ? 'aad-ali' : by, teamsUserId },
    about,
    serviceUrl: 'http://localhost',
    notBefore: NOW.toISOString(),
    status: 'pending',
    attempts: 0,
  }) as OutboxMessageOf<'reminder'>;

const cardOf = (rendered: ReturnType<typeof renderReminder>) => {
  if (!('activity' in rendered)) throw new Error(`skipped: ${rendered.skip}`);
  return (rendered.activity.attachments?.[0]?.content ?? {}) as Record<string, unknown>;
};

describe('rendering a reminder when it is due', () => {
  const about = { reminder: 'agreementBefore', memberId: 'm-ali', agreementId: 'a-1', followUpOn: '2026-12-01' };

  it('gives the owner the agreement with its actions', () => {
    const current = caseWithAgreement();
    const card = cardOf(renderReminder(da, current, reminder(about), current.members.find((m) => m.id === 'm-ali'), NOW));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain(da.cards.reminders.agreement.agreementBefore(current.reference, 'tirsdag 1. december 2026'));
    expect(text).toContain('agreement.done');
    expect(text).toContain('agreement.needsHelp');
  });

  it('is not sent when the agreement is done or its date moved', () => {
    const done = completeAgreement(caseWithAgreement(), 'a-1', by, NOW);
    expect(renderReminder(da, done, reminder(about), done.members[2], NOW)).toEqual({ skip: 'agreement changed' });
    const moved = moveAgreement(caseWithAgreement(), 'a-1', '2026-12-10', by, NOW);
    expect(renderReminder(da, moved, reminder(about), moved.members[2], NOW)).toEqual({ skip: 'agreement changed' });
  });

  it('is not sent when it belongs to an earlier plan, even for the same date (moved away and back)', () => {
    const planned = withReminderPlan(caseWithAgreement(), 'a-1', 'plan-2');
    expect(renderReminder(da, planned, reminder({ ...about, plan: 'plan-1' }), planned.members[2], NOW)).toEqual({ skip: 'agreement changed' });
    expect('activity' in renderReminder(da, planned, reminder({ ...about, plan: 'plan-2' }), planned.members[2], NOW)).toBe(true);
  });

  it('tells the eye-keeper that the owner has not followed up', () => {
    const current = caseWithAgreement();
    const rendered = renderReminder(da, current, reminder({ ...about, reminder: 'agreementOverdue', memberId: 'm-coordinator' }, '29:mette'), current.members[0], NOW);
    expect(JSON.stringify(cardOf(rendered))).toContain(JSON.stringify(da.cards.reminders.overdueToEyeKeeper('Ali', 'Søge bolig')).slice(1, -1));
  });

  it('drops a next-meeting reminder once the meeting has moved, and a rhythm reminder once a meeting is planned', () => {
    const opened = openMeeting(caseWithAgreement(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const closed = closeMeeting(
      opened,
      'meeting-1',
      { waitingArrangement: 'x', feedbackMemberId: 'm-ali', eyeKeeperMemberId: 'm-ali', acuteContactMemberId: 'm-ali', nextMeetingDate: '2027-02-01', nextMeetingTime: '09:00', summary: 's', confirmEmptySections: true },
      'meeting-2',
      by,
      NOW,
    );
    const approved = approveMinutes(closed, 'meeting-1', '2026-11-23', by, NOW);
    const coordinator = approved.members[0];
    const soon = { reminder: 'nextMeetingSoon', memberId: 'm-coordinator', meetingId: 'meeting-2', startsAt: '2027-02-01T08:00:00.000Z' };
    expect('activity' in renderReminder(da, approved, reminder(soon, '29:mette'), coordinator, NOW)).toBe(true);
    expect(renderReminder(da, approved, reminder({ ...soon, startsAt: '2027-01-15T08:00:00.000Z' }, '29:mette'), coordinator, NOW)).toEqual({ skip: 'meeting changed' });
    const rhythm = { reminder: 'noMeetingPlanned', memberId: 'm-coordinator', afterMeetingId: 'meeting-1' };
    expect(renderReminder(da, approved, reminder(rhythm, '29:mette'), coordinator, NOW)).toEqual({ skip: 'a meeting is planned' });
  });

  it('sends the rhythm reminder when only an internal coordination meeting came after: it is none of the model\'s meetings (seed 003)', () => {
    const opened = openMeeting(caseWithAgreement(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const closing = { waitingArrangement: 'x', feedbackMemberId: 'm-ali', eyeKeeperMemberId: 'm-ali', acuteContactMemberId: 'm-ali', nextMeetingDate: '2027-02-01', nextMeetingTime: '09:00', summary: 's', confirmEmptySections: true };
    const approved = approveMinutes(closeMeeting(opened, 'meeting-1', closing, 'meeting-2', by, NOW), 'meeting-1', '2026-11-23', by, NOW);
    const withoutNext = cancelMeeting(approved, 'meeting-2', 'coordinatorIll', undefined, by, NOW);
    const internal = closeInternalMeeting(openMeeting(withoutNext, 'internal-1', { date: '2026-12-01', time: '13:00' }, by, NOW, 'internal'), 'internal-1', true, by, NOW);
    const rhythm = { reminder: 'noMeetingPlanned', memberId: 'm-coordinator', afterMeetingId: 'meeting-1' };
    expect('activity' in renderReminder(da, internal, reminder(rhythm, '29:mette'), internal.members[0], NOW)).toBe(true);
    const plannedInternal = planMeeting(withoutNext, 'internal-2', { date: '2027-01-10', time: '13:00' }, by, NOW, 'internal');
    expect('activity' in renderReminder(da, plannedInternal, reminder(rhythm, '29:mette'), plannedInternal.members[0], NOW)).toBe(true);
  });

  describe('feedback to the young person', () => {
    const closing = { waitingArrangement: 'x', feedbackMemberId: 'm-ali', eyeKeeperMemberId: 'm-ali', acuteContactMemberId: 'm-ali', nextMeetingDate: '2027-02-01', nextMeetingTime: '09:00', summary: 's', confirmEmptySections: true };
    const approved = () => approveMinutes(closeMeeting(openMeeting(caseWithAgreement(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW), 'meeting-1', closing, 'meeting-2', by, NOW), 'meeting-1', '2026-11-23', by, NOW);
    const due = { reminder: 'feedbackDue', memberId: 'm-ali', meetingId: 'meeting-1' };
    const overdue = { reminder: 'feedbackOverdue', memberId: 'm-coordinator', meetingId: 'meeting-1' };
    const actions = (card: Record<string, unknown>) => (card.actions as Array<{ verb: string; title: string; data: unknown }>).map(({ verb, title, data }) => ({ verb, title, data }));

    it('gives the giver the button that records it, and the coordinator the same button naming the giver', () => {
      const current = approved();
      const toAli = cardOf(renderReminder(da, current, reminder(due), current.members.find((member) => member.id === 'm-ali'), NOW));
      expect(validateAdaptiveCard(toAli)).toEqual([]);
      expect(JSON.stringify(toAli)).toContain(da.cards.reminders.feedbackDue);
      expect(actions(toAli)).toEqual([{ verb: 'feedback.given', title: da.cards.reminders.recordFeedback, data: { v: 1, caseId: current.id, meetingId: 'meeting-1' } }]);
      const toCoordinator = cardOf(renderReminder(da, current, reminder(overdue, '29:mette'), current.members[0], NOW));
      expect(JSON.stringify(toCoordinator)).toContain(da.cards.reminders.feedbackOverdue);
      expect(actions(toCoordinator)).toEqual([{ verb: 'feedback.given', title: da.cards.reminders.recordFeedbackFor('Ali'), data: { v: 1, caseId: current.id, meetingId: 'meeting-1' } }]);
      // A reminder while the two days run; an alarm once they have passed.
      const titleColour = (card: Record<string, unknown>) => (card.body as Array<{ color?: string }>)[0]!.color;
      expect(titleColour(toAli)).toBe('Default');
      expect(titleColour(toCoordinator)).toBe('Attention');
    });

    it('is not sent, nor its escalation to the coordinator, once the feedback is recorded as given', () => {
      const given = recordFeedbackGiven(approved(), 'meeting-1', 'aad-ali', NOW);
      expect(renderReminder(da, given, reminder(due), given.members.find((member) => member.id === 'm-ali'), NOW)).toEqual({ skip: 'feedback given' });
      expect(renderReminder(da, given, reminder(overdue, '29:mette'), given.members[0], NOW)).toEqual({ skip: 'feedback given' });
    });
  });
});

describe('the reminder that an intervention ends', () => {
  const about = { reminder: 'interventionEnding', memberId: 'm-coordinator', interventionId: 'i1', to: '2027-01-15', plannedAt: NOW.toISOString() };
  const active = addIntervention(sampleCase(), { what: 'Mentor på skolen', administration: 'Jobcenter', from: '2026-12-01', to: '2027-01-15', status: 'active' }, by, NOW);

  it('tells the coordinator which intervention ends when, while it is active with that end date', () => {
    const card = cardOf(renderReminder(da, active, reminder(about, '29:mette'), active.members[0], NOW));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(da.cards.reminders.interventionEndingTitle('S-ABCDE'));
  });

  it('is not sent for an intervention paused, ended or given another end date since', () => {
    const paused = setInterventionStatus(active, 'i1', 'paused', by, NOW);
    expect(renderReminder(da, paused, reminder(about, '29:mette'), paused.members[0], NOW)).toEqual({ skip: 'intervention changed' });
    const moved = changeIntervention(active, 'i1', { to: '2027-02-15' }, by, NOW);
    expect(renderReminder(da, moved, reminder(about, '29:mette'), moved.members[0], NOW)).toEqual({ skip: 'intervention changed' });
  });

  it('is sent once for an intervention paused and active again: the reminder planned when it became active again', () => {
    const later = new Date(NOW.getTime() + 60_000);
    const resumed = setInterventionStatus(setInterventionStatus(active, 'i1', 'paused', by, later), 'i1', 'active', by, later);
    expect(renderReminder(da, resumed, reminder(about, '29:mette'), resumed.members[0], later)).toEqual({ skip: 'intervention planned again' });
    expect('activity' in renderReminder(da, resumed, reminder({ ...about, plannedAt: later.toISOString() }, '29:mette'), resumed.members[0], later)).toBe(true);
  });
});
