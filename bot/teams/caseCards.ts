// The detail cards of a case, for one reader: each read is authorized and audited by the app layer
// (or was, as part of the change whose result is shown).
import type { TurnContext } from 'botbuilder';
import { overviewCard } from '../../cards/caseCards';
import { consentCard } from '../../cards/consentCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { type RosterPerson, teamCard } from '../../cards/teamCards';
import type { Actor, AppDeps } from '../app/context';
import { type CaseRead, type CaseView, readCase } from '../app/readCase';
import { DomainError } from '../domain/errors';
import { openMeetingOf } from '../domain/meeting';
import { approvalCard, closeMeetingCard, goalsFormCard } from '../../cards/goalCards';
import type { Messages } from '../i18n';
import { conversationKind } from './actor';
import { rosterOf } from './roster';

export async function detailCard(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  caseId: string,
  view: CaseView,
  notice = '',
  page?: number,
  pageSize?: number,
  rosterPage?: number,
): Promise<AdaptiveCardJson> {
  return cardForRead(context, m, await readCase(deps, actor, caseId, view), view, deps.now(), notice, page, pageSize, rosterPage);
}

/**
 * `page` (of `pageSize` members) turns the pages of the team card, `rosterPage` those of the people to add;
 * the other views have one page.
 */
export async function cardForRead(
  context: TurnContext,
  m: Messages,
  read: CaseRead,
  view: CaseView,
  now: Date,
  notice = '',
  page?: number,
  pageSize?: number,
  rosterPage?: number,
): Promise<AdaptiveCardJson> {
  switch (view) {
    case 'overview':
      return overviewCard(m, read, now);
    case 'consent':
      return consentCard(m, read, now, notice);
    case 'team':
      return teamCard(m, read, await addableRoster(context, read.viewer.role === 'coordinator'), notice, page, pageSize, rosterPage);
    case 'goals':
      return goalsFormCard(m, read, notice);
    case 'closing':
      return closingCard(m, read, now);
  }
}

/** `afslut`: the open meeting's closing questions, else the approval of the last closed one. */
function closingCard(m: Messages, read: CaseRead, now: Date): AdaptiveCardJson {
  const open = openMeetingOf(read.case);
  if (open) return closeMeetingCard(m, read, open, now);
  const lastClosed = [...read.case.meetings].reverse().find((meeting) => meeting.closure);
  if (!lastClosed) throw new DomainError('noMeetingToClose');
  return approvalCard(m, read, lastClosed, now);
}

/** Only the coordinator adds people, and only from a conversation with more people than the user. */
async function addableRoster(context: TurnContext, isCoordinator: boolean): Promise<RosterPerson[]> {
  if (!isCoordinator || conversationKind(context.activity) === 'personal') return [];
  return rosterOf(context);
}
