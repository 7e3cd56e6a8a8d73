// `samtykke`: only the coordinator records, renews or withdraws consent.
import type { Case } from '../domain/case';
import { type ConsentInput, currentConsent, recordConsent, withdrawConsent } from '../domain/consent';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange } from './guardedChange';
import { inviteeUpdates, outboxMessages, reminders } from './messages';

/** Recording (or renewing) plans the coordinator's reminder 30 days before it expires; a renewal's makes the earlier one skip (renderReminder.ts). */
export function recordCaseConsent(deps: AppDeps, actor: Actor, caseId: string, input: ConsentInput, activityId?: ActivityId): Promise<Case> {
  const consentId = deps.newId();
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'consent.record',
    apply: (current, now) => {
      const changed = recordConsent(current, input, consentId, actor.aadObjectId, now);
      const consent = currentConsent(changed);
      const planned = consent ? deps.reminders.forConsentExpiry(changed, consent, now) : [];
      // Consent decides which members outside Teams are invited to the meetings ahead.
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...reminders(changed, planned), ...inviteeUpdates(deps, current, changed, now)]) };
    },
    activityId,
  });
}

export function withdrawCaseConsent(deps: AppDeps, actor: Actor, caseId: string, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'consent.withdraw',
    apply: (current, now) => {
      const changed = withdrawConsent(current, actor.aadObjectId, now);
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, inviteeUpdates(deps, current, changed, now)) };
    },
    activityId,
  });
}
