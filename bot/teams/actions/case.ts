// A case: creating one, showing its views, the 1:1 picker, "the plan is slipping", and the chat
// commands that show a view.
import { readinessSetsOf } from '../../domain/progress';
import { z } from 'zod';
import { type CaseViewOptions, casePickerCard, caseViewCard, createCaseCard } from '../../../cards/caseCards';
import { baseCard } from '../../../cards/channelCards';
import { messageCard } from '../../../cards/messageCard';
import type { AdaptiveCardJson } from '../../../cards/render';
import { openCase, recordCaseCard } from '../../app/openCase';
import { organisationOf } from '../../app/organisation';
import { CASE_VIEWS, type CaseRead, type CaseView, caseForConversationCard, listMyCases, openCasesOf, readCase, selectCase } from '../../app/readCase';
import { reportPlanSlipping } from '../../app/reportPlanSlipping';
import { indicatorSetOf } from '../../app/measures';
import type { Case, CaseHome } from '../../domain/case';
import { hasNetworkMap } from '../../domain/networkMap';
import { unitChoiceNeeded, unitOfCase } from '../../domain/caseUnit';
import type { PostedCard } from '../../domain/meeting';
import { type Period, parsePeriod, teamWindow } from '../../domain/statistics/period';
import { type ConversationKind, channelIdOf } from '../actor';
import { cardActivity, writeCommandIn } from '../replies';
import { rosterOf } from '../roster';
import { firstPostIdOf, groupIdOf, startChannelThread, threadLink } from '../threads';
import { caseHere } from './caseHere';
import { optionalText, page, versioned, withCase } from './data';
import { type CommandDeclaration, type ManifestScope, type Turn, type VerbReply, cardAfterChange, verb } from './turn';

/** The card of a view for the person asking: the read is authorized and audited by the app layer. */
async function detailCard(turn: Turn, caseId: string, view: CaseView, options: Omit<CaseViewOptions, 'roster'> = {}): Promise<AdaptiveCardJson> {
  return viewCard(turn, await readCase(turn.deps, turn.actor, caseId, view), view, options);
}

/** The view's card after a change, as the person who made it now sees it. */
export function viewAfterChange(turn: Turn, changed: Case, view: CaseView, notice: string): Promise<VerbReply> {
  return cardAfterChange(turn, changed, (read) => viewCard(turn, read, view, { notice }), notice);
}

async function viewCard(turn: Turn, read: CaseRead, view: CaseView, options: Omit<CaseViewOptions, 'roster'>): Promise<AdaptiveCardJson> {
  const roster = view === 'team' ? await addableRoster(turn, read.viewer.role === 'coordinator') : [];
  const pictureUrl = view === 'network' && hasNetworkMap(read.case) ? await turn.env.rights?.exportLinks?.createNetworkPicture(turn.actor, read.case.id) : undefined;
  const unitName = view === 'overview' ? await unitNameOf(turn, read.case) : undefined;
  return caseViewCard(turn.m, read, view, turn.deps.now(), {
    ...options,
    roster,
    ...(unitName && { unitName }),
    ...(pictureUrl ? { pictureUrl } : {}),
    readinessSets: readinessSetsOf(indicatorSetOf(turn.deps)),
    ...(view === 'measures' ? { indicators: indicatorSetOf(turn.deps) } : {}),
  });
}

/** The case's unit for its overview, only when the tenant has several (with one, every case is in it). */
async function unitNameOf({ deps, actor }: Turn, current: Case): Promise<string | undefined> {
  const organisation = await organisationOf(deps, actor.tenantId);
  return unitChoiceNeeded(organisation) ? unitOfCase(organisation, current)?.name : undefined;
}

/** Only the coordinator adds people, and only from a conversation with more people than the user. */
async function addableRoster({ context, conversation }: Turn, isCoordinator: boolean) {
  if (!isCoordinator || conversation === 'personal') return [];
  return rosterOf(context);
}

/** In a channel the case gets a new thread; a group chat is itself the case's home; a 1:1 case has none. */
function homeMaker({ context, env, m, conversation }: Turn): ((draft: Case) => Promise<CaseHome>) | undefined {
  const { activity } = context;
  const makers: Record<ConversationKind, ((draft: Case) => Promise<CaseHome>) | undefined> = {
    channel: async (draft) => {
      const threadId = await startChannelThread(context, env.botAppId, channelIdOf(activity) ?? activity.conversation.id, baseCard(m, draft, 'overview'));
      const baseCardId = firstPostIdOf(threadId);
      return { kind: 'channelThread', conversationId: threadId, ...(baseCardId ? { baseCardId } : {}) };
    },
    groupChat: async () => ({ kind: 'groupChat', conversationId: activity.conversation.id }),
    personal: undefined,
  };
  return makers[conversation];
}

/** The confirmation's way to the new case's thread, when it has one. */
function threadButton({ context, m, actor }: Turn, created: Case): { title: string; url: string } | undefined {
  const channelId = channelIdOf(context.activity);
  const firstPostId = created.home?.kind === 'channelThread' ? created.home.baseCardId : undefined;
  if (!channelId || !firstPostId) return undefined;
  return { title: m.cards.threadBase.goToThread, url: threadLink({ channelId, firstPostId, tenantId: actor.tenantId, groupId: groupIdOf(context) }) };
}

/** The team status's half-year ("2027H1"), refused before the case is read when it is none or has not begun; empty, the latest. */
function chosenPeriod(text: string | undefined, now: Date): Period | undefined {
  if (!text) return undefined;
  const period = parsePeriod(text);
  teamWindow(period, now); // throws periodNotStarted
  return period;
}

export const caseVerbs = [
  verb(
    'case.create',
    z.object({
      ...versioned,
      name: optionalText,
      birthDate: optionalText,
      phone: optionalText,
      email: optionalText,
      address: optionalText,
      postalCode: optionalText,
      city: optionalText,
      status: optionalText,
      unitId: optionalText,
    }),
    async (turn, input) => {
      const { context, deps, actor, m, conversation } = turn;
      const created = await openCase(deps, actor, input, homeMaker(turn));
      if (conversation === 'groupChat') {
        const posted = await context.sendActivity(cardActivity(baseCard(m, created, 'overview')));
        if (posted?.id) await recordCaseCard(deps, actor, created.id, posted.id);
      }
      if (conversation === 'personal') await selectCase(deps, actor, created.id);
      const next = conversation === 'channel' ? m.cards.caseCreatedInThread : m.cards.caseCreatedHere(writeCommandIn(conversation));
      return { card: messageCard(m.cards.caseCreated(created.reference), next, 'good', threadButton(turn, created)) };
    },
  ),
  /** `page`/`pageSize`: the team card's page of members; `rosterPage`: its page of people in the conversation to add. */
  verb(
    'case.show',
    z.object({ ...withCase, view: z.enum(CASE_VIEWS), page, pageSize: z.coerce.number().int().min(1).max(100).optional(), rosterPage: page, period: z.string().max(20).optional() }),
    async (turn, { caseId, view, page: memberPage, pageSize, rosterPage, period }) => ({
      card: await detailCard(turn, caseId, view, { page: memberPage, pageSize, rosterPage, period: chosenPeriod(period, turn.deps.now()) }),
    }),
  ),
  verb('case.select', z.object(withCase), async (turn, { caseId }) => {
    const picked = await selectCase(turn.deps, turn.actor, caseId);
    return { card: await detailCard(turn, picked.id, 'overview') };
  }),
  /** A page of the 1:1 case picker: no case is chosen yet. */
  verb('case.pick', z.object({ ...versioned, page }), async ({ deps, actor, m }, { page: pickerPage }) => {
    const mine = await listMyCases(deps, actor);
    const open = openCasesOf(mine);
    return { card: casePickerCard(m, open, pickerPage, open.length < mine.length) };
  }),
  verb('plan.slipping', z.object(withCase), async ({ deps, actor, m, activityId }, { caseId }) => {
    await reportPlanSlipping(deps, actor, caseId, activityId);
    return { card: messageCard(m.cards.overview.planSlipping, m.cards.overview.planSlippingReported, 'good') };
  }),
];

const EVERYWHERE: readonly ManifestScope[] = ['team', 'groupChat', 'personal'];

/**
 * A command that shows a view of the case: in a 1:1 chat the view itself, elsewhere a base card with
 * the case's reference only (the whole channel or chat sees it).
 */
export function viewCommand(
  view: CaseView,
  aliases: CommandDeclaration['aliases'],
  options: { referenceArgument?: boolean; remember?: (turn: Turn, caseId: string, posted: PostedCard) => Promise<unknown>; manifestScopes?: readonly ManifestScope[] } = {},
): CommandDeclaration {
  return {
    aliases,
    manifestScopes: options.manifestScopes ?? EVERYWHERE,
    async handle(turn, argument) {
      const { context, deps, actor, m, conversation } = turn;
      const byReference = options.referenceArgument ? { reference: argument || undefined, alwaysPickAmongSeveral: true } : {};
      const caseId = await caseHere(turn, byReference);
      if (!caseId) return;
      const card = conversation === 'personal' ? await detailCard(turn, caseId, view) : baseCard(m, await caseForConversationCard(deps, actor, caseId), view);
      const posted = await context.sendActivity(cardActivity(card));
      if (posted?.id && options.remember) await options.remember(turn, caseId, { conversationId: context.activity.conversation.id, activityId: posted.id });
    },
  };
}

export const caseCommands = {
  newCase: {
    aliases: { da: ['ny sag', 'opret sag'], en: ['new case'] },
    manifestScopes: ['team', 'groupChat'],
    async handle({ context, m, deps, actor }) {
      const organisation = await organisationOf(deps, actor.tenantId);
      await context.sendActivity(cardActivity(createCaseCard(m, unitChoiceNeeded(organisation) ? organisation.units : [])));
    },
  },
  /** `sag S-ABCDE` in a 1:1 chat opens that case, a closed one too; `sag` alone always offers the picker among several. */
  status: viewCommand('overview', { da: ['sag', 'overblik'], en: ['status', 'case', 'overview'] }, { referenceArgument: true }),
} satisfies Record<string, CommandDeclaration>;
