// An agreement changed between meetings is told to the owners it concerns once, in their next day's
// reminders: however often it changed since, one line, showing the agreement as it stands.
import { describe, expect, it } from 'vitest';
import type { MessageWithCase } from '../../bot/app/outgoing';
import { changeAgreement } from '../../bot/domain/agreementChanges';
import type { Case } from '../../bot/domain/case';
import { recordConsent } from '../../bot/domain/consent';
import { addAgreement, addGoal, completeAgreement } from '../../bot/domain/goals';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import type { OutboxMessage, ReminderAbout } from '../../bot/store/port';
import { renderOutboxMessage } from '../../bot/teams/renderOutbox';
import { validateAdaptiveCard } from '../support/cardValidation';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const labels = da.cards.reminders;
/** Tuesday 24 November 2026, 08:00 in Copenhagen: the day's reminders. */
const TUESDAY = new Date('2026-11-24T07:00:00Z');
const MONDAY_EVENING = new Date('2026-11-23T17:00:00Z');

/** Ali owns two agreements; the coordinator changes the first three times on Monday, once handing it from Jonas. */
function changedThreeTimes(): Case {
  let current = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali', teamsUserId: '29:ali' } }, 'm-ali', by, NOW);
  current = addMember(current, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas', teamsUserId: '29:jonas' } }, 'm-jonas', by, NOW);
  current = recordConsent(current, { givenByYoungPerson: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: ['m-coordinator', 'm-ali', 'm-jonas'] }, 'k1', by, NOW);
  current = addGoal(current, { theme: 'housing', longTermGoal: 'Egen lejlighed' }, 'g-1', by, NOW);
  current = addAgreement(current, 'g-1', { action: 'Søge bolig', ownerMemberId: 'm-jonas', followUpOn: '2026-12-10', followUpMethod: 'phone' }, 'a-changed', by, NOW);
  current = addAgreement(current, 'g-1', { action: 'Ringe til udlejer', ownerMemberId: 'm-ali', followUpOn: '2026-11-26', followUpMethod: 'phone' }, 'a-soon', by, NOW);
  current = changeAgreement(current, 'a-changed', { ownerMemberId: 'm-ali' }, by, MONDAY_EVENING);
  current = changeAgreement(current, 'a-changed', { followUpOn: '2026-12-15' }, by, MONDAY_EVENING);
  return changeAgreement(current, 'a-changed', { action: 'Søge ungdomsbolig' }, by, MONDAY_EVENING);
}

function messageTo(current: Case, memberId: string, id: string, about: { reminder: ReminderAbout['reminder']; agreementId: string; followUpOn?: string; plan?: string }): MessageWithCase {
  const aadObjectId = `aad-${memberId.slice(2)}`;
  const message = {
    id,
    tenantId: current.tenantId,
    caseId: current.id,
    kind: 'reminder',
    to: { kind: 'user', aadObjectId, teamsUserId: `29:${memberId.slice(2)}` },
    about: { ...about, memberId, digest: 'reminders 2026-11-24' },
    serviceUrl: 'http://localhost',
    notBefore: TUESDAY.toISOString(),
    status: 'pending',
    attempts: 0,
  } as OutboxMessage;
  return { message, current };
}

const changedFor = (current: Case, memberId: string, id: string) => messageTo(current, memberId, id, { reminder: 'agreementChanged', agreementId: 'a-changed' });

function cardOf(rendered: ReturnType<typeof renderOutboxMessage>): Record<string, unknown> {
  if (!('activity' in rendered)) throw new Error(`skipped: ${rendered.skip}`);
  return (rendered.activity.attachments?.[0]?.content ?? {}) as Record<string, unknown>;
}

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

describe('a changed agreement in the day\'s reminders', () => {
  it('is one line however often it changed, as it stands now, beside the day\'s other reminders', () => {
    const current = changedThreeTimes();
    const soon = messageTo(current, 'm-ali', 'o-soon', { reminder: 'agreementBefore', agreementId: 'a-soon', followUpOn: '2026-11-26', plan: '' });
    const [first, ...joined] = [changedFor(current, 'm-ali', 'o-1'), changedFor(current, 'm-ali', 'o-2'), soon, changedFor(current, 'm-ali', 'o-3')];
    const card = cardOf(renderOutboxMessage(first!, joined, undefined, TUESDAY));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = textsOf(card);
    expect(texts[0]).toBe(labels.digestTitle({ passed: 0, today: 0, upcoming: 1, changed: 1 }));
    expect(texts[0]).toBe('Dine påmindelser i dag: 1 kommende, 1 ændret');
    expect(texts.filter((text) => text === labels.due.changed)).toHaveLength(1);
    expect(texts.filter((text) => text === 'Søge ungdomsbolig')).toHaveLength(1);
    expect(texts).not.toContain('Søge bolig');
    expect(texts.some((text) => text.includes('15.12.2026'))).toBe(true);
    expect(texts).toContain('Ringe til udlejer');
  });

  it('is a line without buttons, saying whose it is now, to the owner it was taken from', () => {
    const current = changedThreeTimes();
    const card = cardOf(renderOutboxMessage(changedFor(current, 'm-jonas', 'o-1'), [], undefined, TUESDAY));
    const texts = textsOf(card);
    expect(texts.slice(0, 2)).toEqual([labels.changedTitle(current.reference), labels.changedIntro]);
    expect(texts).toEqual(expect.arrayContaining([labels.due.changed, 'Søge ungdomsbolig', labels.handedOverTo('Ali')]));
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
  });

  it('gives way to the more pressing reminder of the same agreement, and is not sent once the agreement is done', () => {
    const current = changedThreeTimes();
    const today = messageTo(current, 'm-ali', 'o-today', { reminder: 'agreementOnDay', agreementId: 'a-changed', followUpOn: '2026-12-15', plan: '' });
    const texts = textsOf(cardOf(renderOutboxMessage(changedFor(current, 'm-ali', 'o-1'), [today], undefined, new Date('2026-12-15T07:00:00Z'))));
    expect(texts.filter((text) => text === 'Søge ungdomsbolig')).toHaveLength(1);
    expect(texts).toContain(labels.due.today);
    const done = completeAgreement(current, 'a-changed', 'aad-ali', TUESDAY);
    expect(renderOutboxMessage(changedFor(done, 'm-ali', 'o-1'), [], undefined, TUESDAY)).toEqual({ skip: 'agreement done or gone' });
  });
});
