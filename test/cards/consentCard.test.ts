// The consent card: "Tidligere samtykker" lists only the earlier consents, and withdrawing asks first
// (issue 11 §8: a red button that looks like the main action).
import { describe, expect, it } from 'vitest';
import { withdrawConsent } from '../../bot/domain/consent';
import { da } from '../../bot/i18n/da';
import { consentCard } from '../../cards/consentCard';
import { COORDINATOR, NOW } from '../domain/fixtures';
import { nodes } from '../support/cardNodes';
import { asCoordinator, fullTeam } from '../support/sampleCards';

/** The earlier consents as the card lists them: period → what became of it. */
function history(card: unknown): Record<string, string> {
  const [facts] = nodes(card, 'FactSet');
  return Object.fromEntries(((facts?.facts ?? []) as Array<{ title: string; value: string }>).map((fact) => [fact.title, fact.value]));
}

describe('the consent card', () => {
  it('shows the valid consent as current and lists only the earlier ones under "Tidligere samtykker"', () => {
    // Given 10.01.2026 and withdrawn; then the current one, 20.11.2026 to 20.11.2027.
    const card = consentCard(da, asCoordinator(fullTeam()), NOW);
    expect(JSON.stringify(card)).toContain(da.cards.consent.period('fredag 20. november 2026', 'lørdag 20. november 2027'));
    expect(history(card)).toEqual({ [da.cards.consent.period('10.01.2026', '10.06.2026')]: da.cards.consent.withdrawn('23.11.2026') });
  });

  it('lists the consent once it is withdrawn, and none as current', () => {
    const withdrawn = withdrawConsent(fullTeam(), COORDINATOR.aadObjectId, NOW);
    const card = consentCard(da, asCoordinator(withdrawn), NOW);
    expect(Object.keys(history(card))).toEqual([da.cards.consent.period('10.01.2026', '10.06.2026'), da.cards.consent.period('20.11.2026', '20.11.2027')]);
    expect(JSON.stringify(card)).toContain(da.cards.consent.none);
  });

  it('withdraws only after a second, confirming click: the button on the card is not red', () => {
    const card = consentCard(da, asCoordinator(fullTeam()), NOW);
    const onCard = (card.actions as Array<Record<string, unknown>>).find((action) => action.title === da.cards.consent.withdraw);
    expect(onCard).toMatchObject({ type: 'Action.ShowCard' });
    expect(onCard?.style).toBeUndefined();
    expect(nodes(onCard, 'Action.Execute')).toEqual([expect.objectContaining({ verb: 'consent.withdraw', title: da.cards.consent.withdrawConfirm, style: 'destructive' })]);
    expect(nodes(onCard, 'TextBlock').map((text) => text.text)).toEqual([da.cards.consent.withdrawWarning]);
  });
});
