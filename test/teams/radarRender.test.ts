// The Monday radar as its coordinator reads it: one card of the cases that still need attention, most
// urgent first, read from the cases when it is sent, joined with that day's reminders; in Danish and
// English; within a card's 28 KB however many cases; nothing when nothing is left.
import { describe, expect, it } from 'vitest';
import type { MessageWithCase } from '../../bot/app/outgoing';
import type { Case } from '../../bot/domain/case';
import { addAgreement, addGoal } from '../../bot/domain/goals';
import { addMember, handOverCoordinator } from '../../bot/domain/team';
import type { OutboxMessage } from '../../bot/store/port';
import { renderOutboxMessage } from '../../bot/teams/renderOutbox';
import { CARD_BUDGET_BYTES } from '../../cards/budget';
import { validateAdaptiveCard } from '../support/cardValidation';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

/** Monday 30 November 2026, 08:00 in Copenhagen. */
const MONDAY = new Date('2026-11-30T07:00:00Z');
const DIGEST = 'reminders 2026-11-30';
const by = COORDINATOR.aadObjectId;
const METTE = { kind: 'user' as const, aadObjectId: COORDINATOR.aadObjectId, teamsUserId: COORDINATOR.teamsUserId };

/** A case of Mette's: no meeting planned, the transition at 18½ and the hand-over to the adults' administration due. */
const caseOf = (id: string, reference: string): Case => ({ ...sampleCase(), id, reference });

/** The same with an agreement of Mette's whose follow-up date has passed, and one due on Wednesday. */
function withAgreements(current: Case): Case {
  let changed = addGoal(current, { theme: 'housing', longTermGoal: 'Egen lejlighed' }, 'g-1', by, NOW);
  changed = addAgreement(changed, 'g-1', { action: 'Søge bolig', ownerMemberId: 'm-coordinator', followUpOn: '2026-11-27', followUpMethod: 'phone' }, 'a-passed', by, NOW);
  return addAgreement(changed, 'g-1', { action: 'Ringe til udlejer', ownerMemberId: 'm-coordinator', followUpOn: '2026-12-02', followUpMethod: 'phone' }, 'a-soon', by, NOW);
}

function radarTo(current: Case): MessageWithCase {
  const message: OutboxMessage = {
    id: `radar:${current.tenantId}:${current.id}:2026-11-30`,
    tenantId: current.tenantId,
    caseId: current.id,
    kind: 'reminder',
    to: METTE,
    about: { reminder: 'radar', memberId: 'm-coordinator', on: '2026-11-30', digest: DIGEST },
    serviceUrl: 'http://localhost',
    notBefore: MONDAY.toISOString(),
    status: 'pending',
    attempts: 0,
  };
  return { message, current };
}

function agreementBefore(current: Case): MessageWithCase {
  const message: OutboxMessage = {
    id: 'o-soon',
    tenantId: current.tenantId,
    caseId: current.id,
    kind: 'reminder',
    to: METTE,
    about: { reminder: 'agreementBefore', memberId: 'm-coordinator', agreementId: 'a-soon', followUpOn: '2026-12-02', plan: '', digest: DIGEST },
    serviceUrl: 'http://localhost',
    notBefore: MONDAY.toISOString(),
    status: 'pending',
    attempts: 0,
  };
  return { message, current };
}

function cardsOf(rendered: ReturnType<typeof renderOutboxMessage>): Array<Record<string, unknown>> {
  if (!('activity' in rendered)) throw new Error(`skipped: ${rendered.skip}`);
  return (rendered.activity.attachments ?? []).map((attachment) => attachment.content as Record<string, unknown>);
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

describe('the Monday radar', () => {
  it('joins the day’s reminders as one message: the radar card first, its cases most urgent first, a case with nothing left out', () => {
    const calm = { ...caseOf('case-closed', 'S-CLOSED'), closedAt: '2026-11-25T10:00:00Z' };
    const urgent = withAgreements(caseOf('case-b', 'S-BBBBB'));
    const [first, ...joined] = [radarTo(caseOf('case-a', 'S-AAAAA')), agreementBefore(urgent), radarTo(calm), radarTo(urgent)];

    const cards = cardsOf(renderOutboxMessage(first!, joined, undefined, MONDAY));

    expect(cards).toHaveLength(2);
    for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textsOf(cards[0])).toEqual([
      'Ugens radar: 2 sager kræver din opmærksomhed',
      'De sager, du er koordinator for, det mest presserende først.',
      'Sag S-BBBBB',
      '• 1 aftale har passeret sin opfølgningsdato',
      '• Intet netværksmøde er planlagt',
      '• Overdragelsen til voksenforvaltningen er ikke registreret',
      'Sag S-AAAAA',
      '• Intet netværksmøde er planlagt',
      '• Overdragelsen til voksenforvaltningen er ikke registreret',
    ]);
    expect(textsOf(cards[1])[0]).toMatch(/^Dine påmindelser i dag/);
    // The young person is not named on the radar.
    expect(JSON.stringify(cards[0])).not.toContain('Emil');
  });

  it('is written in English to a coordinator whose Teams is English', () => {
    const [card] = cardsOf(renderOutboxMessage(radarTo(caseOf('case-a', 'S-AAAAA')), [], { tenantId: 't', aadObjectId: by, locale: 'en-US' }, MONDAY));
    expect(textsOf(card).slice(0, 4)).toEqual([
      "This week's radar: 1 case needs your attention",
      'The cases you coordinate, the most urgent first.',
      'Case S-AAAAA',
      '• No network meeting is planned',
    ]);
  });

  it('sends nothing when nothing needs attention any more, or another member coordinates the case now', () => {
    const closed = { ...caseOf('case-a', 'S-AAAAA'), closedAt: '2026-11-25T10:00:00Z' };
    expect(renderOutboxMessage(radarTo(closed), [], undefined, MONDAY)).toEqual({ skip: 'nothing left to remind of' });
    const team = addMember(caseOf('case-a', 'S-AAAAA'), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali', teamsUserId: '29:ali' } }, 'm-ali', by, NOW);
    const handedOver = handOverCoordinator(team, 'm-ali', 'school', by, NOW);
    expect(renderOutboxMessage(radarTo(handedOver), [], undefined, MONDAY)).toEqual({ skip: 'nothing left to remind of' });
  });

  it('stays within a card’s 28 KB however many cases, and says how many more', () => {
    const many = Array.from({ length: 60 }, (_, index) => radarTo(withAgreements(caseOf(`case-${index}`, `S-${String(index).padStart(5, '0')}`))));
    const [card] = cardsOf(renderOutboxMessage(many[0]!, many.slice(1), undefined, MONDAY));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(validateAdaptiveCard(card!)).toEqual([]);
    expect(textsOf(card).at(-1)).toBe('… og 35 sager mere, som der ikke er plads til her. Fanen viser dem alle.');
  });
});
