// `dokumenter [nr]`: a closed network meeting's PDF documents for its coordinator (the latest, or the one
// of that number), only in the 1:1 chat: each a short-lived link, as the export's (app/exportLinks.ts).
import { meetingDocumentsCard } from '../../../cards/rightsCards';
import { EXPORT_LINK_MINUTES, type MeetingDocument } from '../../app/exportLinks';
import { caseForCoordinator } from '../../app/rights';
import { closedMeetingByNumber } from '../../domain/closing';
import { inPersonalChat } from '../../i18n/commandHint';
import { cardActivity } from '../replies';
import { caseHere } from './caseHere';
import type { CommandDeclaration } from './turn';

export const documentCommands = {
  meetingDocuments: {
    aliases: { da: ['dokumenter', 'referat pdf'], en: ['documents'] },
    manifestScopes: [],
    onlyInPersonalChat: (m) => m.documents.inPersonalChat,
    async handle(turn, argument) {
      const exportLinks = turn.env.rights?.exportLinks;
      if (!exportLinks) {
        await turn.context.sendActivity(turn.m.notYetAvailable(inPersonalChat));
        return;
      }
      const caseId = await caseHere(turn);
      if (!caseId) return;
      const current = await caseForCoordinator(turn.deps, turn.actor, caseId, 'documents.read');
      const number = /^\d{1,4}$/.test(argument.trim()) ? Number(argument.trim()) : undefined;
      const meeting = closedMeetingByNumber(current, number);
      const link = (document: MeetingDocument) => exportLinks.createDocument(turn.actor, { caseId, meetingId: meeting.id, document });
      const urls = { caseFile: await link('caseFile'), youngPersonCopy: await link('youngPersonCopy') };
      await turn.context.sendActivity(cardActivity(meetingDocumentsCard(turn.m, current, meeting, urls, EXPORT_LINK_MINUTES)));
    },
  },
} satisfies Record<string, CommandDeclaration>;
