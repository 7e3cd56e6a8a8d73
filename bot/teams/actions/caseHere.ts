// Which case a chat command is about: the one living in this channel thread or group chat, or in a
// 1:1 chat the one the user picked.
import { casePickerCard } from '../../../cards/caseCards';
import { caseIdForConversation, listMyCases, openCasesOf, selectCase, selectedCaseId } from '../../app/readCase';
import { DomainError } from '../../domain/errors';
import { cardActivity, writeCommandIn } from '../replies';
import type { Turn } from './turn';

export interface CaseChoice {
  /** A case reference the user wrote (`sag S-ABCDE`): that case, a closed one too. */
  reference?: string;
  /** With several open cases, always offer the picker rather than the case picked before. */
  alwaysPickAmongSeveral?: boolean;
}

/** The case's id, or undefined after telling the user why there is none (or offering the picker). */
export async function caseHere(turn: Turn, choice: CaseChoice = {}): Promise<string | undefined> {
  return turn.conversation === 'personal' ? caseOfPersonalChat(turn, choice) : caseOfConversation(turn);
}

async function caseOfConversation({ context, deps, actor, m, conversation }: Turn): Promise<string | undefined> {
  const caseId = await caseIdForConversation(deps, actor, context.activity.conversation.id);
  if (!caseId) await context.sendActivity(m.noCaseHere(writeCommandIn(conversation)));
  return caseId;
}

/** The case named by its reference, the case the user picked, their only open case, or else the picker of their open cases. */
async function caseOfPersonalChat({ context, deps, actor, m }: Turn, { reference, alwaysPickAmongSeveral }: CaseChoice): Promise<string | undefined> {
  const cases = await listMyCases(deps, actor);
  if (cases.length === 0) {
    await context.sendActivity(m.noCasesForYou);
    return undefined;
  }
  if (reference) {
    const named = cases.find((summary) => summary.reference.toUpperCase() === reference.toUpperCase());
    if (!named) throw new DomainError('caseNotFound');
    return (await selectCase(deps, actor, named.caseId)).id;
  }
  const open = openCasesOf(cases);
  const selected = await selectedCaseId(deps, actor);
  const onlyCase = open.length === 1 ? open[0]?.caseId : undefined;
  const caseId = alwaysPickAmongSeveral && open.length > 1 ? undefined : (selected ?? onlyCase);
  if (!caseId || !cases.some((summary) => summary.caseId === caseId)) {
    await context.sendActivity(cardActivity(casePickerCard(m, open, 0, open.length < cases.length)));
    return undefined;
  }
  return caseId;
}
