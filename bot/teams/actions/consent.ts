// The young person's consent: recording it (from the young person, and under 18 the holders of parental
// responsibility), withdrawing it, and the `samtykke` command.
import { z } from 'zod';
import { recordCaseConsent, withdrawCaseConsent } from '../../app/manageConsent';
import { viewAfterChange, viewCommand } from './case';
import { optionalText, withCase } from './data';
import { verb } from './turn';

export const consentVerbs = [
  verb(
    'consent.record',
    z.object({
      ...withCase,
      givenByYoungPerson: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
      parentalHolderName: optionalText,
      /** Optional since the second holder was asked for: cards sent before it lack the field. */
      secondParentalHolderName: optionalText,
      givenOn: optionalText,
      expiresOn: optionalText,
      /** Teams sends a multi-select as comma-separated values. */
      partyMemberIds: optionalText,
    }),
    async (turn, { caseId, givenByYoungPerson, parentalHolderName, secondParentalHolderName, givenOn, expiresOn, partyMemberIds }) => {
      const changed = await recordCaseConsent(turn.deps, turn.actor, caseId, {
        givenByYoungPerson: givenByYoungPerson === true || givenByYoungPerson === 'true',
        parentalHolderName,
        secondParentalHolderName,
        givenOn,
        expiresOn,
        partyMemberIds: (partyMemberIds ?? '').split(',').map((memberId) => memberId.trim()).filter(Boolean),
      }, turn.activityId);
      return viewAfterChange(turn, changed, 'consent', turn.m.cards.done.consentRecorded);
    },
  ),
  verb('consent.withdraw', z.object(withCase), async (turn, { caseId }) => {
    const changed = await withdrawCaseConsent(turn.deps, turn.actor, caseId, turn.activityId);
    return viewAfterChange(turn, changed, 'consent', turn.m.cards.done.consentWithdrawn);
  }),
];

export const consentCommands = {
  consent: viewCommand('consent', { da: ['samtykke'], en: ['consent'] }),
};
