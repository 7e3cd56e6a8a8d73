// An agreement that needs others' decision (a visitation committee, say) is only a recommendation
// (indstilling, seed 001 agenda point 5): the form asks for it when an agreement is added, and the form,
// the goal card, the minutes and the owner's cards (their agreements, the hand-over) say so.
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { parseCardAction } from '../../bot/teams/actions/registry';
import { goalEditCard, goalsFormCard, minutesCard } from '../../cards/goalCards';
import { agreementsCard, handOverCard } from '../../cards/handOverCards';
import { meetingById } from '../../bot/domain/meeting';
import { nodes } from '../support/cardNodes';
import { asCoordinator, withApprovedMinutes, withGoals } from '../support/sampleCards';

const texts = (card: unknown) => nodes(card, 'TextBlock').map((block) => String(block.text));
/** How many times the card marks an agreement as a recommendation. */
const marked = (card: unknown, m: typeof da) => texts(card).filter((text) => text === m.cards.goals.recommendation).length;

describe.each([
  ['Danish', da],
  ['English', en],
])('a recommendation (indstilling) in %s', (_language, m) => {
  // The sample's housing agreement needs a visitation committee's decision; its others do not.
  const written = withGoals();
  const approved = withApprovedMinutes();
  const housing = approved.agreements.find((agreement) => agreement.id === 'agreement-housing')!;

  it('is asked for on the form when an agreement is added, off unless ticked, with the seed\'s warning', () => {
    const form = goalsFormCard(m, asCoordinator(written));
    expect(nodes(form, 'Input.Toggle')).toMatchObject([{ id: 'needsVisitation', label: m.cards.goals.needsVisitation, title: m.cards.goals.needsVisitationTitle, valueOn: 'true', valueOff: 'false', value: 'false' }]);
    expect(texts(form)).toContain(m.cards.goals.needsVisitationNote);
  });

  it('is marked on the form, the goal card and the minutes, for that agreement only', () => {
    expect(marked(goalsFormCard(m, asCoordinator(written)), m)).toBe(1);
    expect(marked(goalEditCard(m, asCoordinator(written), 'goal-housing'), m)).toBe(1);
    expect(marked(goalEditCard(m, asCoordinator(written), 'goal-education'), m)).toBe(0);
    expect(marked(minutesCard(m, asCoordinator(approved), meetingById(approved, 'meeting-1')), m)).toBe(1);
  });

  it('is marked on the owner\'s cards: their agreements and the hand-over', () => {
    const items = approved.agreements.filter((agreement) => agreement.status === 'open').map((agreement) => ({ case: approved, agreement }));
    expect(marked(agreementsCard(m, items, m.cards.goals.mineTitle, ''), m)).toBe(1);
    expect(marked(agreementsCard(m, [{ case: approved, agreement: housing }], m.cards.goals.mineTitle, ''), m)).toBe(1);
    expect(marked(handOverCard(m, asCoordinator(approved), meetingById(approved, 'meeting-1')), m)).toBe(1);
  });
});

describe('agreement.add', () => {
  const parse = (data: Record<string, unknown>) => parseCardAction({ action: { type: 'Action.Execute', verb: 'agreement.add', data: { v: 1, caseId: 'c', goalId: 'g', action: 'a', ...data } } });

  it('reads the toggle as Teams sends it, and a card without it (posted before) as no recommendation', () => {
    expect(parse({ needsVisitation: 'true' })).toMatchObject({ ok: true, action: { data: { needsVisitation: true } } });
    expect(parse({ needsVisitation: 'false' })).toMatchObject({ ok: true, action: { data: { needsVisitation: false } } });
    expect(parse({ needsVisitation: true })).toMatchObject({ ok: true, action: { data: { needsVisitation: true } } });
    expect(parse({})).toMatchObject({ ok: true, action: { data: { needsVisitation: false } } });
    expect(parse({ needsVisitation: 'yes' }).ok).toBe(false);
  });
});
