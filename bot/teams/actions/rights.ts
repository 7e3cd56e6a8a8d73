// The young person's rights in Teams: `eksport` (a short-lived link, only in the 1:1 chat), `luk sag`
// and `slet sag` (confirmation cards), and their verbs `case.close` and `case.erase`.
import { z } from 'zod';
import { messageCard } from '../../../cards/messageCard';
import { closeConfirmCard, eraseConfirmCard, exportLinkCard } from '../../../cards/rightsCards';
import { DEFAULT_RETENTION_DAYS, caseForCoordinator, closeCaseNow, eraseCase, erasedAfterRetention } from '../../app/rights';
import { isClosed } from '../../domain/case';
import { DomainError } from '../../domain/errors';
import { localDate } from '../../domain/fields';
import { EXPORT_LINK_MINUTES } from '../../app/exportLinks';
import { inPersonalChat } from '../../i18n/commandHint';
import { cardActivity } from '../replies';
import { caseHere } from './caseHere';
import { optionalText, withCase } from './data';
import { type CommandDeclaration, type RightsEnv, type Turn, verb } from './turn';

const DEFAULT_RIGHTS: RightsEnv = { retentionDays: DEFAULT_RETENTION_DAYS };
const rightsOf = (turn: Turn) => turn.env.rights ?? DEFAULT_RIGHTS;

/** The case's reference, typed by the coordinator to confirm. */
const confirmed = z.object({ ...withCase, confirmation: optionalText });

export const rightsVerbs = [
  verb('case.close', confirmed, async (turn, { caseId, confirmation }) => {
    const closed = await closeCaseNow(turn.deps, turn.actor, caseId, confirmation, turn.activityId);
    const erasedOn = localDate(erasedAfterRetention(closed.closedAt ?? turn.deps.now().toISOString(), rightsOf(turn).retentionDays));
    return { card: messageCard(turn.m.rights.closed(closed.reference), turn.m.rights.closedBody(turn.m.dates.long(erasedOn)), 'good') };
  }),
  verb('case.erase', confirmed, async (turn, { caseId, confirmation }) => {
    const reference = await eraseCase(turn.deps, turn.actor, caseId, confirmation);
    return { card: messageCard(turn.m.rights.erased(reference), turn.m.rights.erasedBody, 'good') };
  }),
];

export const rightsCommands = {
  /** The export holds everything about the young person: never in a channel or group chat. */
  exportCase: {
    aliases: { da: ['eksport', 'eksportér'], en: ['export'] },
    manifestScopes: [],
    onlyInPersonalChat: (m) => m.rights.exportInPersonalChat,
    async handle(turn) {
      const { exportLinks } = rightsOf(turn);
      if (!exportLinks) {
        // Export is answered only in a 1:1 chat (onlyInPersonalChat), where no mention is needed.
        await turn.context.sendActivity(turn.m.notYetAvailable(inPersonalChat));
        return;
      }
      const caseId = await caseHere(turn);
      if (!caseId) return;
      const current = await caseForCoordinator(turn.deps, turn.actor, caseId, 'case.export');
      const url = await exportLinks.create(turn.actor, caseId);
      await turn.context.sendActivity(cardActivity(exportLinkCard(turn.m, current, url, EXPORT_LINK_MINUTES)));
    },
  },
  closeCase: {
    aliases: { da: ['luk sag'], en: ['close case'] },
    manifestScopes: [],
    async handle(turn) {
      const caseId = await caseHere(turn);
      if (!caseId) return;
      const current = await caseForCoordinator(turn.deps, turn.actor, caseId, 'case.close');
      if (isClosed(current)) throw new DomainError('caseAlreadyClosed');
      const erasedOn = localDate(erasedAfterRetention(turn.deps.now().toISOString(), rightsOf(turn).retentionDays));
      await turn.context.sendActivity(cardActivity(closeConfirmCard(turn.m, current, erasedOn)));
    },
  },
  eraseCase: {
    aliases: { da: ['slet sag'], en: ['erase case', 'delete case'] },
    manifestScopes: [],
    async handle(turn) {
      const caseId = await caseHere(turn);
      if (!caseId) return;
      await turn.context.sendActivity(cardActivity(eraseConfirmCard(turn.m, await caseForCoordinator(turn.deps, turn.actor, caseId, 'case.erase'))));
    },
  },
} satisfies Record<string, CommandDeclaration>;
