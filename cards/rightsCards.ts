// The young person's rights: the export link (1:1 only) and the confirmations of closing and erasing;
// and a closed meeting's documents, whose links are made the same way.
import type { Case } from '../bot/domain/case';
import { type Meeting, meetingNumber } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import { type AdaptiveCardJson, renderCard } from './render';

/** The export link; `url` holds a single-use token, so the card is only ever sent in a 1:1 chat. */
export function exportLinkCard(m: Messages, current: Case, url: string, minutes: number): AdaptiveCardJson {
  return renderCard('caseExport', { title: m.rights.exportTitle(current.reference), body: m.rights.exportBody(minutes), links: [{ title: m.rights.exportOpen, url }] });
}

/** `dokumenter`: a closed meeting's PDF documents, each behind a link of its own (the minutes for the case file, the young person's copy). */
export function meetingDocumentsCard(m: Messages, current: Case, meeting: Meeting, urls: { caseFile: string; youngPersonCopy: string }, minutes: number): AdaptiveCardJson {
  const labels = m.documents;
  return renderCard('caseExport', {
    title: labels.title(current.reference, meetingNumber(meeting)),
    body: labels.body(minutes),
    links: [
      { title: labels.caseFile, url: urls.caseFile },
      { title: labels.youngPersonCopy, url: urls.youngPersonCopy },
    ],
  });
}

/** `slet sag`: erase only after the case's reference is typed (verb `case.erase`). */
export function eraseConfirmCard(m: Messages, current: Case): AdaptiveCardJson {
  return confirmCard(m, current, 'case.erase', m.rights.eraseTitle(current.reference), m.rights.eraseBody(current.reference), m.rights.erase);
}

/** `luk sag`: close only after the case's reference is typed (verb `case.close`); `erasedOn` is when retention erases it. */
export function closeConfirmCard(m: Messages, current: Case, erasedOn: string): AdaptiveCardJson {
  return confirmCard(m, current, 'case.close', m.rights.closeTitle(current.reference), m.rights.closeBody(current.reference, m.dates.long(erasedOn)), m.rights.close);
}

function confirmCard(m: Messages, current: Case, verb: 'case.erase' | 'case.close', title: string, body: string, button: string): AdaptiveCardJson {
  return renderCard('caseConfirm', { title, body, button, verb, caseId: current.id, reference: current.reference, confirmLabel: m.rights.confirmLabel });
}
