// What a person's reminders say when they go out (issue 11, section 7): a day's reminders say what each
// line is; the reminder of a date on a day off says so; nobody is reminded of their own acknowledgement.
import { describe, expect, it } from 'vitest';
import type { MessageWithCase } from '../../bot/app/outgoing';
import type { Case } from '../../bot/domain/case';
import { approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { addAgreement, addGoal } from '../../bot/domain/goals';
import { openMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import type { OutboxMessage } from '../../bot/store/port';
import { renderOutboxMessage } from '../../bot/teams/renderOutbox';
import { validateAdaptiveCard } from '../support/cardValidation';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const labels = da.cards.reminders;
/** Monday 28 December 2026, 08:00 in Copenhagen: the working day after Christmas. */
const MONDAY = new Date('2026-12-28T07:00:00Z');

/** Ali (in Teams, under consent) owns three agreements: due 30 December, on Christmas Day, and on 22 December. */
function aliWithAgreements(): Case {
  const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali', teamsUserId: '29:ali' } }, 'm-ali', by, NOW);
  const consented = recordConsent(team, { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: ['m-coordinator', 'm-ali'] }, 'k1', by, NOW);
  let current = addGoal(consented, { theme: 'housing', longTermGoal: 'Egen lejlighed' }, 'g-1', by, NOW);
  for (const [id, action, followUpOn] of [
    ['a-soon', 'Søge bolig', '2026-12-30'],
    ['a-christmas', 'Ringe til udlejer', '2026-12-25'],
    ['a-passed', 'Sende ansøgning', '2026-12-22'],
  ] as const) {
    current = addAgreement(current, 'g-1', { action, ownerMemberId: 'm-ali', followUpOn, followUpMethod: 'phone' }, id, by, NOW);
  }
  return current;
}

function reminderTo(current: Case, reminder: 'agreementBefore' | 'agreementOnDay' | 'agreementOverdue', agreementId: string): MessageWithCase {
  const agreement = current.agreements.find((candidate) => candidate.id === agreementId)!;
  const message: OutboxMessage = {
    id: `o-${agreementId}-${reminder}`,
    tenantId: current.tenantId,
    caseId: current.id,
    kind: 'reminder',
    to: { kind: 'user', aadObjectId: 'aad-ali', teamsUserId: '29:ali' },
    about: { reminder, memberId: 'm-ali', agreementId, followUpOn: agreement.followUpOn, plan: '', digest: 'reminders 2026-12-28' },
    serviceUrl: 'http://localhost',
    notBefore: MONDAY.toISOString(),
    status: 'pending',
    attempts: 0,
  };
  return { message, current };
}

function cardOf(rendered: ReturnType<typeof renderOutboxMessage>): Record<string, unknown> {
  if (!('activity' in rendered)) throw new Error(`skipped: ${rendered.skip}`);
  return (rendered.activity.attachments?.[0]?.content ?? {}) as Record<string, unknown>;
}

/** The TextBlocks of a card, in order, as Teams shows them (markdown escapes undone). */
function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock') texts.push(String(element.text).replace(/\\(.)/g, '$1'));
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return texts;
}

describe('a day\'s reminders as one message', () => {
  it('count in the title what the lines are, and say at each line whether it is coming up, today (the date fell on a day off) or passed', () => {
    const current = aliWithAgreements();
    const [first, ...joined] = [reminderTo(current, 'agreementOverdue', 'a-passed'), reminderTo(current, 'agreementOnDay', 'a-christmas'), reminderTo(current, 'agreementBefore', 'a-soon')];
    const card = cardOf(renderOutboxMessage(first!, joined, undefined, MONDAY));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = textsOf(card);
    expect(texts.slice(0, 2)).toEqual([labels.digestTitle({ passed: 1, today: 1, upcoming: 1 }), labels.digestIntro]);
    expect(labels.digestTitle({ passed: 1, today: 1, upcoming: 1 })).toBe('Dine påmindelser i dag: 1 passeret, 1 i dag, 1 kommende');
    // Each line's label comes right before its case heading; the lines in the order of their dates.
    const labelled = (action: string) => texts[texts.indexOf(action) - 3];
    expect([labelled('Sende ansøgning'), labelled('Ringe til udlejer'), labelled('Søge bolig')]).toEqual([labels.due.passed, labels.due.todayAfterDayOff, labels.due.upcoming]);
  });

  it('names an agreement once, by its more pressing reminder', () => {
    const current = aliWithAgreements();
    const card = cardOf(renderOutboxMessage(reminderTo(current, 'agreementOnDay', 'a-passed'), [reminderTo(current, 'agreementOverdue', 'a-passed')], undefined, MONDAY));
    const texts = textsOf(card);
    expect(texts[0]).toBe(labels.digestTitle({ passed: 1, today: 0, upcoming: 0 }));
    expect(texts.filter((text) => text === 'Sende ansøgning')).toHaveLength(1);
    expect(texts).toContain(labels.due.passed);
  });
});

describe('one reminder', () => {
  it('of a date on a day off says so on the working day that stands in for it', () => {
    const current = aliWithAgreements();
    const christmas = cardOf(renderOutboxMessage(reminderTo(current, 'agreementOnDay', 'a-christmas'), [], undefined, MONDAY));
    expect(textsOf(christmas)[0]).toBe(labels.agreementOnDayAfterDayOff(current.reference, 'fredag 25. december 2026'));
    // On its own day it is today's.
    const onTheDay = cardOf(renderOutboxMessage(reminderTo(current, 'agreementOnDay', 'a-soon'), [], undefined, new Date('2026-12-30T07:00:00Z')));
    expect(textsOf(onTheDay)[0]).toBe(labels.agreement.agreementOnDay(current.reference, 'onsdag 30. december 2026'));
  });
});

describe('the reminder that the hand-over is not acknowledged', () => {
  it('is not sent to the one who keeps the eye (written before the approval acknowledged for a coordinator keeping it)', () => {
    const opened = openMeeting(aliWithAgreements(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const closing = { waitingArrangement: 'x', feedbackMemberId: 'm-ali', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-ali', nextMeetingDate: '2027-02-01', nextMeetingTime: '09:00', summary: 's', confirmEmptySections: true };
    const approved = approveMinutes(closeMeeting(opened, 'meeting-1', closing, 'meeting-2', by, NOW), 'meeting-1', '2026-11-23', by, NOW);
    // As a case approved by an earlier version stands: not acknowledged.
    const earlier: Case = { ...approved, meetings: approved.meetings.map((meeting) => (meeting.closure ? { ...meeting, closure: { ...meeting.closure, handOverAcknowledgedAt: undefined } } : meeting)) };
    const message: OutboxMessage = {
      id: 'o-hand-over',
      tenantId: earlier.tenantId,
      caseId: earlier.id,
      kind: 'handOverReminder',
      to: { kind: 'user', aadObjectId: by, teamsUserId: '29:mette' },
      about: { meetingId: 'meeting-1' },
      serviceUrl: 'http://localhost',
      notBefore: NOW.toISOString(),
      status: 'pending',
      attempts: 0,
    };
    expect(renderOutboxMessage({ message, current: earlier }, [], undefined, NOW)).toEqual({ skip: 'to the eye-keeper' });
  });
});
