// Reading a case: every read is audited, and so is every refusal.
import { type Case, type TeamMember, memberByAadObjectId } from '../domain/case';
import { requireCaseReader, requireCoordinator, requireMeetingReader, requireMember } from '../domain/access';
import { DomainError } from '../domain/errors';
import type { CaseStore, CaseSummary } from '../store/port';
import { type Actor, type ActorId, type AppDeps, auditRecord } from './context';
import { auditIfRefused } from './guardedChange';

/** A card a team member can ask for: most need consent; consent and closing are the coordinator's; `teamStatus`: the team's own half-yearly status; `network`: the network map; `interventions`: the intervention overview; `networkOverview`: the network overview; `measures`: WHO-5 and readiness over time; `adultHandOver`: the 18-year hand-over. */
export const CASE_VIEWS = ['overview', 'team', 'consent', 'goals', 'closing', 'teamStatus', 'network', 'networkOverview', 'interventions', 'measures', 'adultHandOver'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];
/** Why the case is read; changing a member is the coordinator's; `tab`: the case in the tab's list; `networkPicture`: the map's picture; `documents`: a closed meeting's PDF documents, the coordinator's. */
export type ReadPurpose = CaseView | 'memberEdit' | 'checklist' | 'tab' | 'networkPicture' | 'documents';

export interface CaseRead {
  case: Case;
  viewer: TeamMember;
}

const AUTHORIZE: Record<ReadPurpose, (current: Case, aadObjectId: string, now: Date, meetingId?: string) => TeamMember> = {
  overview: requireCaseReader,
  team: requireCaseReader,
  consent: (current, aadObjectId) => requireCoordinator(current, aadObjectId),
  memberEdit: (current, aadObjectId) => requireCoordinator(current, aadObjectId),
  goals: requireCaseReader,
  teamStatus: requireCaseReader,
  closing: (current, aadObjectId) => requireCoordinator(current, aadObjectId),
  checklist: (current, aadObjectId, now, meetingId) => (meetingId ? requireMeetingReader(current, meetingId, aadObjectId, now) : requireCaseReader(current, aadObjectId, now)),
  tab: requireCaseReader,
  network: requireCaseReader,
  networkOverview: requireCaseReader,
  interventions: requireCaseReader,
  measures: requireCaseReader,
  adultHandOver: requireCaseReader,
  networkPicture: requireCaseReader,
  documents: (current, aadObjectId) => requireCoordinator(current, aadObjectId),
};

/** `meetingId`: the meeting whose checklist is read, when its own rule applies (access.ts: mayReadMeeting). */
export async function readCase(deps: AppDeps, actor: ActorId, caseId: string, purpose: ReadPurpose, meetingId?: string): Promise<CaseRead> {
  const stored = await deps.store.getCase(actor.tenantId, caseId);
  if (!stored) throw new DomainError('caseNotFound');
  const action = `${purpose}.read` as const;
  try {
    const viewer = AUTHORIZE[purpose](stored.case, actor.aadObjectId, deps.now(), meetingId);
    await deps.store.appendAudit([auditRecord(deps, actor, caseId, action, 'ok')]);
    return { case: stored.case, viewer };
  } catch (error) {
    await auditIfRefused(deps, actor, caseId, action, error);
    throw error;
  }
}

/**
 * The case as the person who just changed it sees it: the change was authorized and audited, so
 * showing its result is not another read. Undefined when they left the team with the change.
 */
export function changerView(changed: Case, actor: Actor): CaseRead | undefined {
  const viewer = memberByAadObjectId(changed, actor.aadObjectId);
  return viewer && { case: changed, viewer };
}

/**
 * The case behind a card the whole conversation sees (its reference and buttons, nothing about the
 * young person): anyone in the conversation may ask for one, so membership is not checked here.
 */
export async function caseForConversationCard(deps: AppDeps, actor: Actor, caseId: string): Promise<Case> {
  const stored = await deps.store.getCase(actor.tenantId, caseId);
  if (!stored) throw new DomainError('caseNotFound');
  return stored.case;
}

/** The case whose home is this channel thread or group chat, if any; membership is not checked here. */
export async function caseIdForConversation(deps: AppDeps, actor: Actor, conversationId: string): Promise<string | undefined> {
  return (await deps.store.findCaseByConversation(actor.tenantId, conversationId))?.case.id;
}

export function listMyCases(deps: AppDeps, actor: Actor): Promise<CaseSummary[]> {
  return deps.store.listCasesForUser(actor.tenantId, actor.aadObjectId);
}

/** The cases the 1:1 picker offers: closed ones are left out (they stay reachable by reference). */
export const openCasesOf = (cases: CaseSummary[]) => cases.filter((summary) => !summary.closedAt);

/** In a 1:1 chat the user picks the case that later commands apply to. */
export async function selectCase(deps: AppDeps, actor: Actor, caseId: string): Promise<Case> {
  const stored = await deps.store.getCase(actor.tenantId, caseId);
  if (!stored) throw new DomainError('caseNotFound');
  try {
    requireMember(stored.case, actor.aadObjectId);
  } catch (error) {
    await auditIfRefused(deps, actor, caseId, 'case.select', error);
    throw error;
  }
  const state = await deps.store.getUserState(actor.tenantId, actor.aadObjectId);
  await deps.store.putUserState({ ...state, tenantId: actor.tenantId, aadObjectId: actor.aadObjectId, selectedCaseId: caseId });
  return stored.case;
}

export async function selectedCaseId(deps: AppDeps, actor: Actor): Promise<string | undefined> {
  return (await deps.store.getUserState(actor.tenantId, actor.aadObjectId))?.selectedCaseId;
}

/**
 * Remembers the user's 1:1 chat with the bot (from their own activity there, or from opening it), and
 * the locale of their own activity there, so that what the bot sends them by itself is in their language.
 */
export async function rememberPersonalChat(store: CaseStore, tenantId: string, aadObjectId: string, conversationId: string, locale?: string): Promise<void> {
  const state = await store.getUserState(tenantId, aadObjectId);
  if (state?.personalConversationId === conversationId && (locale === undefined || state.locale === locale)) return;
  await store.putUserState({ ...state, tenantId, aadObjectId, personalConversationId: conversationId, ...(locale ? { locale } : {}) });
}
