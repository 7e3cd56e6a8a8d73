// Sends an outbox message in Teams: renders it from the case as it is now, opens the 1:1 chat or
// continues the case's conversation, and tells the dispatcher how it went. A person who cannot be
// reached 1:1 is mentioned in the case's thread instead, and the coordinator is told.
import { type Activity, type CloudAdapter, type ConversationParameters, type TurnContext } from 'botbuilder';
import { minutesBaseCard } from '../../cards/goalCards';
import { agreementsCard, handOverCard, relayContactFor } from '../../cards/handOverCards';
import { messageCard } from '../../cards/messageCard';
import { memberName } from '../../cards/people';
import type { CaseRead } from '../app/readCase';
import { outboxMessages, recipientOf } from '../app/messages';
import type { AppDeps } from '../app/context';
import { type Case, type TeamMember, coordinatorOf, memberByAadObjectId } from '../domain/case';
import { isConsentedParty } from '../domain/consent';
import { meetingById } from '../domain/meeting';
import { da } from '../i18n/da';
import type { Logger } from '../logger';
import type { SendResult } from '../reminders/dispatcher';
import type { OutboxMessage } from '../store/port';
import { cardActivity } from './messageHandler';
import { type RenderedMessage, renderReminder } from './renderReminder';
import { BOT_FRAMEWORK_AUDIENCE } from './threads';

/** How long to wait before retrying a send that failed for a passing reason. */
const RETRY_AFTER_MS = 30_000;

export interface OutboxSenderDeps {
  adapter: CloudAdapter;
  botAppId: string;
  deps: AppDeps;
  log: Logger;
}


/** Whether this recipient may read about the young person now: the coordinator, or a consented party. */
function mayRead(current: Case, member: TeamMember | undefined, now: Date): member is TeamMember {
  return Boolean(member && (member.role === 'coordinator' || isConsentedParty(current, member.id, now)));
}

function render(current: Case, message: OutboxMessage, now: Date): RenderedMessage {
  // Recipients' Teams language is not known outside a turn: Danish, the model's language.
  const m = da;
  const labels = m.cards.outbox;
  const recipient = message.to.kind === 'user' ? memberByAadObjectId(current, message.to.aadObjectId) : undefined;
  const readAs = (member: TeamMember): CaseRead => ({ case: current, viewer: member });
  const { meetingId, ownerMemberId, agreementId, memberId } = message.about;
  if (message.to.kind === 'user' && !mayRead(current, recipient, now)) {
    return { activity: cardActivity(messageCard(labels.withoutConsentTitle(current.reference), labels.withoutConsent)) };
  }
  switch (message.kind) {
    case 'reminder':
      return renderReminder(m, current, message, recipient);
    case 'minutes':
      return { activity: cardActivity(minutesBaseCard(m, current, meetingById(current, meetingId ?? ''))) };
    case 'agreementAssigned':
    case 'agreementRelay': {
      const owner = current.members.find((member) => member.id === ownerMemberId);
      const meeting = meetingById(current, meetingId ?? '');
      const relayed = message.kind === 'agreementRelay';
      const items = current.agreements
        .filter((agreement) => agreement.meetingId === meetingId && agreement.ownerMemberId === ownerMemberId && agreement.status === 'open')
        .map((agreement) => ({ case: current, agreement, ...(relayed && owner ? { relayContact: relayContactFor(m, current, owner) } : {}) }));
      if (!owner || items.length === 0) return { skip: 'nothing open' };
      const goals = m.cards.goals;
      const card = relayed
        ? agreementsCard(m, items, goals.relayTitle(current.reference, meeting.number), goals.relayIntro(memberName(current, owner, m)))
        : agreementsCard(m, items, goals.assignedTitle(current.reference, meeting.number), goals.assignedIntro);
      return { activity: cardActivity(card) };
    }
    case 'handOver':
      return { activity: cardActivity(handOverCard(m, readAs(recipient as TeamMember), meetingById(current, meetingId ?? ''))) };
    case 'handOverReminder': {
      const closure = meetingById(current, meetingId ?? '').closure;
      if (!closure || closure.handOverAcknowledgedAt) return { skip: 'acknowledged' };
      const eyeKeeper = current.members.find((member) => member.id === closure.eyeKeeperMemberId);
      return { activity: cardActivity(messageCard(labels.handOverPendingTitle(current.reference), labels.handOverPending(eyeKeeper ? memberName(current, eyeKeeper, m) : '?'))) };
    }
    case 'needsHelp': {
      const agreement = current.agreements.find((candidate) => candidate.id === agreementId);
      const owner = agreement && current.members.find((member) => member.id === agreement.ownerMemberId);
      if (!agreement || !owner) return { skip: 'agreement gone' };
      return { activity: cardActivity(messageCard(labels.needsHelpTitle(current.reference), labels.needsHelp(memberName(current, owner, m), agreement.action), 'attention')) };
    }
    case 'unreachable': {
      const person = current.members.find((member) => member.id === memberId);
      if (!person || person.person.kind !== 'teams') return { skip: 'member gone' };
      if (message.to.kind === 'user') {
        return { activity: cardActivity(messageCard(labels.unreachableTitle(current.reference), labels.unreachableToCoordinator(person.person.name))) };
      }
      // In the thread: a mention of a staff member by name, nothing about the young person.
      const mention = `<at>${person.person.name}</at>`;
      return {
        activity: {
          type: 'message',
          text: labels.unreachableMention(mention, current.reference),
          entities: [{ type: 'mention', text: mention, mentioned: { id: person.person.teamsUserId ?? person.person.aadObjectId, name: person.person.name } }],
        },
      };
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function createOutboxSender({ adapter, botAppId, deps, log }: OutboxSenderDeps): (message: OutboxMessage) => Promise<SendResult> {
  async function deliver(message: OutboxMessage, activity: Partial<Activity>): Promise<void> {
    const send = async (context: TurnContext) => {
      await context.sendActivity(activity);
    };
    if (message.to.kind === 'conversation') {
      const reference = { channelId: 'msteams', serviceUrl: message.serviceUrl, conversation: { id: message.to.conversationId, isGroup: true, conversationType: '', name: '' } };
      await adapter.continueConversationAsync(botAppId, reference, send);
      return;
    }
    const parameters = {
      isGroup: false,
      members: [{ id: message.to.teamsUserId, name: '' }],
      tenantId: message.tenantId,
      channelData: { tenant: { id: message.tenantId } },
    } as unknown as ConversationParameters;
    await adapter.createConversationAsync(botAppId, 'msteams', message.serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, send);
  }

  /** Teams answers 403 or 404 when the app is not installed for the person or they blocked it. */
  async function fallBackForUnreachable(current: Case, message: OutboxMessage): Promise<void> {
    if (message.to.kind !== 'user') return;
    const person = memberByAadObjectId(current, message.to.aadObjectId);
    if (!person) return;
    const coordinator = coordinatorOf(current);
    const outgoing = [
      ...(current.home ? [{ kind: 'unreachable' as const, to: { kind: 'conversation' as const, conversationId: current.home.conversationId }, about: { memberId: person.id } }] : []),
      ...(person.id !== coordinator.id && recipientOf(coordinator)
        ? [{ kind: 'unreachable' as const, to: recipientOf(coordinator)!, about: { memberId: person.id } }]
        : []),
    ];
    await deps.store.appendOutbox(outboxMessages(deps, current, message.serviceUrl, deps.now(), outgoing));
  }

  return async (message) => {
    const stored = await deps.store.getCase(message.tenantId, message.caseId);
    if (!stored) return { status: 'failed', error: 'caseGone' };
    const rendered = render(stored.case, message, deps.now());
    if ('skip' in rendered) return { status: 'sent' };
    try {
      await deliver(message, rendered.activity);
      return { status: 'sent' };
    } catch (error) {
      const status = statusOf(error);
      log.warn({ event: 'outbox.send.failed', kind: message.kind, status, errorName: (error as Error).name });
      if ((status === 403 || status === 404) && message.kind !== 'unreachable') {
        await fallBackForUnreachable(stored.case, message);
        return { status: 'failed', error: `http${status}` };
      }
      return { status: 'retry', afterMs: RETRY_AFTER_MS, error: status ? `http${status}` : (error as Error).name };
    }
  };
}
