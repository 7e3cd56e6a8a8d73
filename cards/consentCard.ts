// The consent card (samtykkeerklæring): current consent, its history, and the forms to record,
// renew or withdraw it. Shown to the coordinator only.
import { DateTime } from 'luxon';
import { type Consent, isConsentValid, currentConsent } from '../bot/domain/consent';
import { localDate } from '../bot/domain/fields';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { type AdaptiveCardJson, renderCard } from './render';
import { shortName, shortRole } from './people';

/** The suggested expiry of a new consent; the coordinator can change it. */
const SUGGESTED_CONSENT_MONTHS = 12;

export function consentCard(m: Messages, { case: current }: ViewedCase, now: Date, notice = ''): AdaptiveCardJson {
  const labels = m.cards.consent;
  const consent = currentConsent(current);
  const valid = isConsentValid(consent, now);
  const today = localDate(now);
  // Names cut short: a consent may name all 60 members, and the card keeps five earlier consents.
  const partyNames = (ids: string[]) =>
    current.members.filter((member) => ids.includes(member.id)).map((member) => shortName(current, member, m)).join(', ');
  // Both holders of parental responsibility where there are two (seed 002: "forældrene").
  const holders = ({ parentalHolderName, secondParentalHolderName }: Consent) =>
    parentalHolderName ? `${labels.parentalHolders}: ${labels.holderNames(parentalHolderName, secondParentalHolderName)}. ` : '';
  return renderCard('consent', {
    caseId: current.id,
    notice,
    labels: { ...labels, title: labels.title(current.reference) },
    current: valid ? `${labels.period(m.dates.long(consent.givenOn), m.dates.long(consent.expiresOn))}. ${holders(consent)}${labels.parties}: ${partyNames(consent.partyMemberIds)}` : labels.none,
    hasCurrent: Boolean(consent && !consent.withdrawnAt),
    // Only the earlier ones: the valid consent is shown above (a withdrawn or run-out one is history).
    history: current.consents.filter((earlier) => !valid || earlier !== consent).map((earlier) => ({
      title: labels.period(m.dates.short(earlier.givenOn), m.dates.short(earlier.expiresOn)),
      value: earlier.withdrawnAt ? labels.withdrawn(m.dates.short(earlier.withdrawnAt)) : partyNames(earlier.partyMemberIds),
    })),
    today,
    suggestedExpiry: DateTime.fromISO(today).plus({ months: SUGGESTED_CONSENT_MONTHS }).toISODate(),
    partyChoices: current.members.map((member) => ({ title: `${shortName(current, member, m)}: ${shortRole(member, m)}`, value: member.id })),
    allPartyIds: current.members.map((member) => member.id).join(','),
  });
}
