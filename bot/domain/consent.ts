// Consent (samtykkeerklæring, seed 002): given by the young person, and while under 18 also by the
// parents ("forældrene": both holders of parental responsibility where there are two); names the parties who may exchange information; expires; can be
// withdrawn. Records are kept as history: renewing adds a record, withdrawing marks the current one.
import { DateTime } from 'luxon';
import { DomainError } from './errors';
import { CASE_LIMITS } from './limits';
import { ageOn, localDate, optionalText, requiredDate, TEXT_LIMITS } from './fields';
import type { Case } from './case';

const ADULT_AGE = 18;

export interface Consent {
  id: string;
  givenByYoungPerson: boolean;
  /** Indehaver af forældremyndigheden, required while the young person is under 18. */
  parentalHolderName?: string;
  /** The other holder, where two share parental responsibility (absent in consents recorded before). */
  secondParentalHolderName?: string;
  givenOn: string;
  expiresOn: string;
  /** Member ids of the parties who may exchange information. */
  partyMemberIds: string[];
  recordedByAadObjectId: string;
  recordedAt: string;
  withdrawnAt?: string;
  withdrawnByAadObjectId?: string;
}

export interface ConsentInput {
  givenByYoungPerson: boolean;
  parentalHolderName?: string;
  secondParentalHolderName?: string;
  givenOn?: string;
  expiresOn?: string;
  partyMemberIds: string[];
}

export function currentConsent(current: Case): Consent | undefined {
  return current.consents.at(-1);
}

export function isConsentValid(consent: Consent | undefined, now: Date): consent is Consent {
  if (!consent || consent.withdrawnAt) return false;
  const today = localDate(now);
  return consent.givenOn <= today && today <= consent.expiresOn;
}

export function hasValidConsent(current: Case, now: Date): boolean {
  return isConsentValid(currentConsent(current), now);
}

/** May this member exchange information about the young person now? */
export function isConsentedParty(current: Case, memberId: string, now: Date): boolean {
  const consent = currentConsent(current);
  return isConsentValid(consent, now) && consent.partyMemberIds.includes(memberId);
}

/** Why no valid consent covers a member: none was ever recorded, it was withdrawn, it expired, or it does not name them. */
export type ConsentGap = 'none' | 'withdrawn' | 'expired' | 'notParty';

/** What keeps this member from exchanging information about the young person now; undefined when nothing does. */
export function consentGapFor(current: Case, memberId: string, now: Date): ConsentGap | undefined {
  const consent = currentConsent(current);
  if (!consent) return 'none';
  if (consent.withdrawnAt) return 'withdrawn';
  if (localDate(now) > consent.expiresOn) return 'expired';
  if (!consent.partyMemberIds.includes(memberId)) return 'notParty';
  return isConsentValid(consent, now) ? undefined : 'none';
}

/** Issue 14: the coordinator is reminded this many days before the current consent expires. */
const CONSENT_EXPIRY_LEAD_DAYS = 30;

/** The day the expiry reminder is due: CONSENT_EXPIRY_LEAD_DAYS before the consent's last valid day. */
export const consentExpiryReminderOn = (consent: Consent): string => DateTime.fromISO(consent.expiresOn).minus({ days: CONSENT_EXPIRY_LEAD_DAYS }).toISODate() ?? '';

/** The current consent when it is valid and expires within CONSENT_EXPIRY_LEAD_DAYS (for the reminder and the radar), with the days left. */
export function consentExpiringSoon(current: Case, now: Date): { consent: Consent; daysLeft: number } | undefined {
  const consent = currentConsent(current);
  if (current.closedAt || !isConsentValid(consent, now)) return undefined;
  const today = localDate(now);
  if (today < consentExpiryReminderOn(consent)) return undefined;
  return { consent, daysLeft: DateTime.fromISO(consent.expiresOn).diff(DateTime.fromISO(today), 'days').days };
}

/** The day the current consent expired on, when that is why there is no valid consent now. */
export function consentExpiredOn(current: Case, now: Date): string | undefined {
  const consent = currentConsent(current);
  return consent && !consent.withdrawnAt && localDate(now) > consent.expiresOn ? consent.expiresOn : undefined;
}

export function recordConsent(current: Case, input: ConsentInput, consentId: string, byAadObjectId: string, now: Date): Case {
  if (current.consents.length >= CASE_LIMITS.consents) throw new DomainError('tooManyConsents', { max: CASE_LIMITS.consents });
  if (!input.givenByYoungPerson) throw new DomainError('consentNeedsYoungPerson');
  const givenOn = requiredDate(input.givenOn, 'givenOn');
  const expiresOn = requiredDate(input.expiresOn, 'expiresOn');
  if (givenOn > localDate(now)) throw new DomainError('consentGivenInFuture');
  if (expiresOn <= givenOn) throw new DomainError('consentExpiryNotAfterGiven');
  // Either box may hold the only holder's name: the first one named is the first holder.
  const [parentalHolderName, secondParentalHolderName] = [
    optionalText(input.parentalHolderName, 'parentalHolderName', TEXT_LIMITS.name),
    optionalText(input.secondParentalHolderName, 'secondParentalHolderName', TEXT_LIMITS.name),
  ].filter((name) => name !== undefined);
  if (ageOn(current.youngPerson.birthDate, givenOn) < ADULT_AGE && !parentalHolderName) {
    throw new DomainError('consentNeedsParentalHolder');
  }
  const memberIds = new Set(current.members.map((member) => member.id));
  const partyMemberIds = [...new Set(input.partyMemberIds)].filter((id) => memberIds.has(id));
  if (partyMemberIds.length === 0) throw new DomainError('consentNeedsParties');
  const consent: Consent = {
    id: consentId,
    givenByYoungPerson: true,
    parentalHolderName,
    secondParentalHolderName,
    givenOn,
    expiresOn,
    partyMemberIds,
    recordedByAadObjectId: byAadObjectId,
    recordedAt: now.toISOString(),
  };
  return {
    ...current,
    consents: [...current.consents, consent],
    history: [...current.history, { at: consent.recordedAt, byAadObjectId, kind: 'consentRecorded' }],
  };
}

export function withdrawConsent(current: Case, byAadObjectId: string, now: Date): Case {
  const consent = currentConsent(current);
  if (!consent || consent.withdrawnAt) throw new DomainError('noConsentToWithdraw');
  const at = now.toISOString();
  return {
    ...current,
    consents: [...current.consents.slice(0, -1), { ...consent, withdrawnAt: at, withdrawnByAadObjectId: byAadObjectId }],
    history: [...current.history, { at, byAadObjectId, kind: 'consentWithdrawn' }],
  };
}
