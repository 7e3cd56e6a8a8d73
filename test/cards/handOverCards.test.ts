// The 1:1 cards that pass things on (issue 11, sections 7 and 8): the hand-over the coordinator relays
// or records for someone else, `mine` with agreements a lapsed consent hides, and a day's reminders.
import { describe, expect, it } from 'vitest';
import { agreementsCard, handOverCard } from '../../cards/handOverCards';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Case } from '../../bot/domain/case';
import { acknowledgeHandOver } from '../../bot/domain/closing';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { validateAdaptiveCard } from '../support/cardValidation';
import { COORDINATOR, NOW } from '../domain/fixtures';
import { asCoordinator, withApprovedMinutes, withClosedMeeting, withGoals } from '../support/sampleCards';

const by = COORDINATOR.aadObjectId;

/** The texts a card shows, in order: TextBlocks, facts (title: value) and button titles. */
function shownTexts(card: AdaptiveCardJson): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock') texts.push(String(element.text));
      if (typeof element.title === 'string' && typeof element.value === 'string') texts.push(`${element.title}: ${element.value}`);
      if (typeof element.type === 'string' && element.type.startsWith('Action.')) texts.push(`[${String(element.title)}]`);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  // Markdown is escaped on the card; the assertions read it as Teams shows it.
  return texts.map((text) => text.replace(/\\(.)/g, '$1'));
}

/** The goals of the sample case, meeting 1 closed with `eyeKeeperMemberId` keeping the eye, and approved. */
const approvedWithEyeKeeper = (eyeKeeperMemberId: string, current: Case = withGoals()): Case => withApprovedMinutes(withClosedMeeting(current, eyeKeeperMemberId));

describe('the hand-over the coordinator relays or records for the eye-keeper', () => {
  it.each([
    ['Danish', da],
    ['English', en],
  ])('names the eye-keeper, never "I", for an eye-keeper outside Teams (%s)', (_language, m) => {
    const approved = approvedWithEyeKeeper('m-vip');
    const card = handOverCard(m, asCoordinator(approved), approved.meetings[0]!);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const eyeKeeper = `Karen Hansen (${m.cards.team.external})`;
    const texts = shownTexts(card);
    expect(texts).toContain(m.cards.goals.handOverRelayIntro(eyeKeeper));
    expect(texts).toContain(`[${m.cards.goals.acknowledgeFor(eyeKeeper)}]`);
    expect(texts).not.toContain(`[${m.cards.goals.acknowledge}]`);
    // How to reach her: her own numbers (direct, main) and e-mail, not Teams.
    expect(texts).toContain(`${m.cards.goals.eyeKeeperFact}: Karen Hansen (${m.cards.team.external}), ${m.roles.vip}: 22334455, 70112233, karen@example.dk`);

    const recorded = acknowledgeHandOver(approved, 'meeting-1', new Date('2026-11-25T09:30:00Z'));
    const after = shownTexts(handOverCard(m, asCoordinator(recorded), recorded.meetings[0]!));
    expect(after).toContain(m.cards.goals.acknowledgedFor(eyeKeeper, m === da ? 'onsdag 25. november 2026 kl. 10:30' : 'Wednesday 25 November 2026 at 10:30'));
    expect(after.filter((text) => text.startsWith('['))).toEqual([]);
  });

  it('does not say "contact via Teams" for a Teams user the bot cannot write to: it says so, and whom to pass it to', () => {
    const withAli = addMember(withGoals(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali Hassan' } }, 'm-ali', by, NOW);
    const approved = approvedWithEyeKeeper('m-ali', withAli);
    const texts = shownTexts(handOverCard(da, asCoordinator(approved), approved.meetings[0]!));
    expect(texts).toContain(da.cards.goals.handOverRelayIntroNotByBot('Ali Hassan'));
    expect(texts).toContain(`${da.cards.goals.eyeKeeperFact}: Ali Hassan, ${da.roles.housingSupport}: ${da.cards.goals.inTeamsNotByBot}`);
    expect(texts).toContain(`[${da.cards.goals.acknowledgeFor('Ali Hassan')}]`);
  });

  it('keeps "I have received it" for the eye-keeper themselves', () => {
    const approved = withApprovedMinutes();
    const jonas = approved.members.find((member) => member.id === 'm-jonas')!;
    const texts = shownTexts(handOverCard(da, { case: approved, viewer: jonas }, approved.meetings[0]!));
    expect(texts).toContain(`[${da.cards.goals.acknowledge}]`);
    expect(texts).toContain(da.cards.goals.handOverIntro);
  });
});

describe('`mine` with agreements a lapsed consent hides', () => {
  it.each([
    ['Danish', da],
    ['English', en],
  ])('says how many, in which case, why and whom to ask, with nothing about the young person (%s)', (_language, m) => {
    const current = withGoals();
    const card = agreementsCard(m, [], m.cards.goals.mineTitle, m.cards.goals.mineIntro, [{ case: current, openCount: 2, reason: 'withdrawn' }]);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = shownTexts(card);
    expect(texts).toContain(m.cards.goals.withheldAgreements(2, current.reference, 'withdrawn', 'Mette Madsen'));
    expect(texts).not.toContain(m.cards.goals.noOpenAgreements);
    expect(JSON.stringify(card)).not.toMatch(/Emil|tømrer|12 34 56 78/);
  });

  it('still says "no open agreements" when there are none anywhere', () => {
    expect(shownTexts(agreementsCard(da, [], da.cards.goals.mineTitle, da.cards.goals.mineIntro))).toContain(da.cards.goals.noOpenAgreements);
  });
});
