// Universal Actions (Action.Execute): parse, run the use case (whose field rules refuse CPR numbers in
// every free-text field), answer the person who clicked with the updated card or a message in their language.
import type { AdaptiveCardInvokeResponse, CloudAdapter, TurnContext } from 'botbuilder';
import { casePickerCard } from '../../cards/caseCards';
import { baseCard } from '../../cards/channelCards';
import { messageCard } from '../../cards/messageCard';
import { LEAVE_TEAM, memberEditCard } from '../../cards/teamCards';
import type { Actor, AppDeps } from '../app/context';
import { reportPlanSlipping } from '../app/reportPlanSlipping';
import { recordCaseConsent, withdrawCaseConsent } from '../app/manageConsent';
import { addTeamMember, changeTeamMember, handOverCoordination, removeTeamMember } from '../app/manageTeam';
import { openCase } from '../app/openCase';
import { type CaseView, changerView, listMyCases, openCasesOf, readCase, selectCase } from '../app/readCase';
import type { Case, CaseHome } from '../domain/case';
import { DomainError } from '../domain/errors';
import type { Messages } from '../i18n';
import type { Logger } from '../logger';
import { type ConversationKind, channelIdOf, conversationKind } from './actor';
import { type CardAction, parseCardAction } from './cardActions';
import { cardForRead, detailCard } from './caseCards';
import { isFormAction, runFormAction } from './formActions';
import { runMeetingAction } from './meetingActions';
import { cardActivity } from './replies';
import { cardResponse, isDomainError, messageResponse, refusalText } from './replies';
import { DEFAULT_RIGHTS, type RightsEnv, isRightsAction, runRightsAction } from './rightsHandlers';
import { rosterOf } from './roster';
import { startChannelThread } from './threads';

export interface CardActionContext {
  adapter: CloudAdapter;
  botAppId: string;
  deps: AppDeps;
  log: Logger;
  /** Export links and the retention period; the defaults serve no export links. */
  rights?: RightsEnv;
}

export async function handleCardAction(
  context: TurnContext,
  env: CardActionContext,
  actor: Actor,
  m: Messages,
): Promise<AdaptiveCardInvokeResponse> {
  const parsed = parseCardAction(context.activity.value);
  if (!parsed.ok) {
    env.log.info({ event: 'card.action', outcome: parsed.problem });
    const text = { malformed: m.badCardData, unknownVerb: m.unknownAction, newerVersion: m.newerCard }[parsed.problem];
    return messageResponse(text);
  }
  const { action } = parsed;
  try {
    const response = await runCardAction(context, env, actor, m, action);
    env.log.info({ event: 'card.action', verb: action.verb, outcome: 'ok' });
    return response;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    env.log.info({ event: 'card.action', verb: action.verb, outcome: error.code });
    return messageResponse(refusalText(m, error));
  }
}

async function runCardAction(
  context: TurnContext,
  { adapter, botAppId, deps, rights }: CardActionContext,
  actor: Actor,
  m: Messages,
  action: CardAction,
): Promise<AdaptiveCardInvokeResponse> {
  const done = m.cards.done;
  // Teams may deliver an activity twice; a change remembers the activity that made it.
  const activityId = context.activity.id;
  /** The card of `view` as the result of a change; a coordinator who just left the team gets the notice. */
  const after = async (changed: Case, view: CaseView, notice: string) => {
    const read = changerView(changed, actor);
    return cardResponse(read ? await cardForRead(context, m, read, view, deps.now(), notice) : messageCard(notice, ''));
  };
  if (isFormAction(action)) return runFormAction(context, deps, actor, m, action);
  if (isRightsAction(action)) return runRightsAction(context, deps, actor, m, action, rights ?? DEFAULT_RIGHTS);
  switch (action.verb) {
    case 'meeting.open':
    case 'meeting.plan':
    case 'meeting.show':
    case 'meeting.answer':
    case 'meeting.cancel':
      return runMeetingAction(context, deps, actor, m, action);

    case 'case.create':
      return cardResponse(await createCaseHere(context, adapter, botAppId, deps, actor, m, action.data));
    case 'case.show':
      return cardResponse(await detailCard(context, deps, actor, m, action.data.caseId, action.data.view, '', action.data.page, action.data.pageSize, action.data.rosterPage));
    case 'case.pick': {
      const mine = await listMyCases(deps, actor);
      const open = openCasesOf(mine);
      return cardResponse(casePickerCard(m, open, action.data.page, open.length < mine.length));
    }
    case 'case.select': {
      const picked = await selectCase(deps, actor, action.data.caseId);
      const overview = await detailCard(context, deps, actor, m, picked.id, 'overview');
      return cardResponse(overview);
    }
    case 'team.edit': {
      const { case: current } = await readCase(deps, actor, action.data.caseId, 'memberEdit');
      const member = current.members.find((candidate) => candidate.id === action.data.memberId);
      if (!member) throw new DomainError('memberNotFound');
      return cardResponse(memberEditCard(m, current, member));
    }
    case 'team.addTeamsUser': {
      const { caseId, teamsUser, teamsRole, teamsOtherRoleName, teamsSupportOffer } = action.data;
      if (!teamsUser) throw new DomainError('fieldRequired', { field: 'name' });
      // The name comes from Teams' roster, never from what the card sent.
      const person = (await rosterOf(context)).find((candidate) => candidate.aadObjectId === teamsUser);
      if (!person) return messageResponse(m.notInConversation);
      const changed = await addTeamMember(deps, actor, caseId, {
        role: teamsRole ?? '',
        otherRoleName: teamsOtherRoleName,
        supportOffer: teamsSupportOffer,
        person: { kind: 'teams', aadObjectId: person.aadObjectId, name: person.name, teamsUserId: person.teamsUserId },
      }, activityId);
      return after(changed, 'team', done.memberAdded);
    }
    case 'team.addExternal': {
      const { caseId, externalName, externalPhone, externalEmail, externalRole, externalOtherRoleName, externalSupportOffer } = action.data;
      const changed = await addTeamMember(deps, actor, caseId, {
        role: externalRole ?? '',
        otherRoleName: externalOtherRoleName,
        supportOffer: externalSupportOffer,
        person: { kind: 'external', name: externalName, phone: externalPhone, email: externalEmail },
      }, activityId);
      return after(changed, 'team', done.memberAdded);
    }
    case 'team.change': {
      const { caseId, memberId, role, otherRoleName, supportOffer } = action.data;
      return after(await changeTeamMember(deps, actor, caseId, { memberId, role: role ?? '', otherRoleName, supportOffer }, activityId), 'team', done.memberChanged);
    }
    case 'team.remove':
      return after(await removeTeamMember(deps, actor, action.data.caseId, action.data.memberId, activityId), 'team', done.memberRemoved);
    case 'team.handOver': {
      const { caseId, toMemberId, previousCoordinatorRole } = action.data;
      if (!toMemberId) throw new DomainError('fieldRequired', { field: 'name' });
      const changed = await handOverCoordination(deps, actor, caseId, toMemberId, previousCoordinatorRole === LEAVE_TEAM ? undefined : previousCoordinatorRole, activityId);
      return after(changed, 'team', done.coordinatorHandedOver);
    }
    case 'consent.record': {
      const { caseId, givenByYoungPerson, parentalHolderName, givenOn, expiresOn, partyMemberIds } = action.data;
      const changed = await recordCaseConsent(deps, actor, caseId, {
        givenByYoungPerson: givenByYoungPerson === true || givenByYoungPerson === 'true',
        parentalHolderName,
        givenOn,
        expiresOn,
        partyMemberIds: (partyMemberIds ?? '').split(',').map((id) => id.trim()).filter(Boolean),
      }, activityId);
      return after(changed, 'consent', done.consentRecorded);
    }
    case 'plan.slipping':
      await reportPlanSlipping(deps, actor, action.data.caseId, activityId);
      return cardResponse(messageCard(m.cards.overview.planSlipping, m.cards.overview.planSlippingReported, 'good'));
    case 'consent.withdraw':
      return after(await withdrawCaseConsent(deps, actor, action.data.caseId, activityId), 'consent', done.consentWithdrawn);
  }
}

/** In a channel the case gets a new thread; a group chat is itself the case's home; a 1:1 case has none. */
async function createCaseHere(
  context: TurnContext,
  adapter: CloudAdapter,
  botAppId: string,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  input: Extract<CardAction, { verb: 'case.create' }>['data'],
) {
  const { activity } = context;
  const kind = conversationKind(activity);
  const homeFor: Record<ConversationKind, ((draft: Case) => Promise<CaseHome>) | undefined> = {
    channel: async (draft) => ({
      kind: 'channelThread',
      conversationId: await startChannelThread(adapter, context, botAppId, channelIdOf(activity) ?? activity.conversation.id, baseCard(m, draft, 'overview')),
    }),
    groupChat: async () => ({ kind: 'groupChat', conversationId: activity.conversation.id }),
    personal: undefined,
  };
  const created = await openCase(deps, actor, input, homeFor[kind]);
  if (kind === 'groupChat') await context.sendActivity(cardActivity(baseCard(m, created, 'overview')));
  if (kind === 'personal') await selectCase(deps, actor, created.id);
  const next = kind === 'channel' ? m.cards.caseCreatedInThread : m.cards.caseCreatedHere;
  return messageCard(m.cards.caseCreated(created.reference), next, 'good');
}
