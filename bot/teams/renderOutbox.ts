// An outbox message as its recipient reads it, rendered from the case as it is when the message is sent
// (the outbox holds ids only). Pure: the case, the message and the recipient's state in, an activity
// (or a reason to send nothing) out; no connector, no store.
import { type Attachment, CardFactory } from 'botbuilder';
import { baseCard, code, meetingBaseCard, minutesBaseCard } from '../../cards/channelCards';
import { type AgreementDue, type AgreementItem, agreementsCard, handOverCard, relayContactFor } from '../../cards/handOverCards';
import { agreementEditCard } from '../../cards/agreementCards';
import { messageCard } from '../../cards/messageCard';
import { memberName } from '../../cards/people';
import type { MessageWithCase } from '../app/outgoing';
import { type Case, type TeamMember, isClosed, memberByAadObjectId } from '../domain/case';
import { mayReadCaseDetails } from '../domain/access';
import { pendingChangeRequest } from '../domain/agreementChanges';
import { consentExpiredOn } from '../domain/consent';
import { DomainError } from '../domain/errors';
import { meetingById, meetingLabel } from '../domain/meeting';
import { who5RecordsOf, who5Signal } from '../domain/measures';
import { type Messages, messagesFor } from '../i18n';
import type { OutboxMessage, UserState } from '../store/port';
import { cardActivity } from './replies';
import { type RenderedMessage, agreementDue, agreementReminderAbout, agreementReminderItem, isRadarMessage, radarEntryOf, renderReminder } from './renderReminder';
import { radarCard } from '../../cards/radarCard';
import { type RadarCase, sortRadar } from '../domain/radar';

type CardUpdate = Extract<OutboxMessage, { kind: 'checklistCard' | 'caseCard' | 'closingCard' | 'minutesCard' }>;

/** An update of a card posted before (the checklist's, the case's base card, a closing card, the minutes'). */
const isCardUpdate = (message: OutboxMessage): message is CardUpdate =>
  message.kind === 'checklistCard' || message.kind === 'caseCard' || message.kind === 'closingCard' || message.kind === 'minutesCard';

/**
 * The language a message is written in: a person's is that of their own last turn in the 1:1 chat
 * (`state`); a card posted before is updated in the language of the one whose change it shows; anything
 * else (the thread, a person never heard from) is Danish.
 */
function languageFor(message: OutboxMessage, state: UserState | undefined): Messages {
  if (isCardUpdate(message)) return messagesFor(message.about.locale);
  return messagesFor(message.to.kind === 'user' ? state?.locale : undefined);
}

/** The member a 1:1 message is for, when they may read about the young person now. */
function readingRecipient(current: Case, message: OutboxMessage, now: Date): TeamMember | undefined {
  const recipient = message.to.kind === 'user' ? memberByAadObjectId(current, message.to.aadObjectId) : undefined;
  return recipient && mayReadCaseDetails(current, recipient.id, now) ? recipient : undefined;
}

/**
 * Renders `first`, and with it the messages the dispatcher joined to it (`joined`: same conversation,
 * same digest key): a person's reminders of one day as one message, updates of one checklist card as
 * one update, in the language of the latest.
 */
export function renderOutboxMessage(first: MessageWithCase, joined: MessageWithCase[], state: UserState | undefined, now: Date): RenderedMessage {
  if (isCardUpdate(first.message)) {
    const latest = joined.at(-1) ?? first;
    return renderForConversation(languageFor(latest.message, state), latest.current, first.message);
  }
  const m = languageFor(first.message, state);
  // A radar message, even alone, is rendered as the day's radar card.
  return joined.length > 0 || isRadarMessage(first.message) ? renderDigest(m, [first, ...joined], now) : renderOrSkip(m, first.current, first.message, now);
}

/** What the message is about may be gone since it was written (a meeting erased, say): then nothing is sent. */
function renderOrSkip(m: Messages, current: Case, message: OutboxMessage, now: Date): RenderedMessage {
  // A closed case needs no more reminders; what closing itself caused still goes out.
  if (isClosed(current) && message.kind === 'reminder') return { skip: 'case closed' };
  try {
    return message.to.kind === 'conversation' ? renderForConversation(m, current, message) : renderForPerson(m, current, message, now);
  } catch (error) {
    if (error instanceof DomainError) return { skip: error.code };
    throw error;
  }
}

/** To one person, in their language (`m`); without the young person's details unless they may read them. */
function renderForPerson(m: Messages, current: Case, message: OutboxMessage, now: Date): RenderedMessage {
  const labels = m.cards.outbox;
  const recipient = readingRecipient(current, message, now);
  if (!recipient) {
    const expiredOn = consentExpiredOn(current, now);
    return { activity: cardActivity(messageCard(labels.withoutConsentTitle(current.reference), expiredOn ? m.cards.rhythm.withoutConsentExpired(m.dates.short(expiredOn)) : labels.withoutConsent)) };
  }
  switch (message.kind) {
    case 'reminder':
      return renderReminder(m, current, message, recipient, now);
    case 'minutes':
      return { skip: 'the minutes go to the thread' };
    case 'checklistCard':
    case 'caseCard':
    case 'closingCard':
    case 'minutesCard':
      return { skip: 'the card is updated where it was posted' };
    case 'agreementAssigned':
    case 'agreementRelay': {
      const { meetingId, ownerMemberId } = message.about;
      const owner = current.members.find((member) => member.id === ownerMemberId);
      const meeting = meetingById(current, meetingId);
      const relayed = message.kind === 'agreementRelay';
      const items = current.agreements
        .filter((agreement) => agreement.meetingId === meetingId && agreement.ownerMemberId === ownerMemberId && agreement.status === 'open')
        .map((agreement) => ({ case: current, agreement, ...(relayed && owner ? { relayContact: relayContactFor(m, current, owner) } : {}) }));
      if (!owner || items.length === 0) return { skip: 'nothing open' };
      const goals = m.cards.goals;
      const card = relayed
        ? agreementsCard(m, items, goals.relayTitle(current.reference, meetingLabel(meeting)), goals.relayIntro(memberName(current, owner, m)))
        : agreementsCard(m, items, goals.assignedTitle(current.reference, meetingLabel(meeting)), goals.assignedIntro);
      return { activity: cardActivity(card) };
    }
    case 'agreementAdded': {
      const agreement = current.agreements.find((candidate) => candidate.id === message.about.agreementId);
      const owner = agreement && current.members.find((member) => member.id === agreement.ownerMemberId);
      if (!agreement || !owner || agreement.status !== 'open') return { skip: 'agreement done or gone' };
      const goals = m.cards.goals;
      // Its owner since it was added, whoever that is now: to someone else (the coordinator), to pass on.
      const relayed = owner.id !== recipient.id;
      const item = { case: current, agreement, ...(relayed ? { relayContact: relayContactFor(m, current, owner) } : {}) };
      const card = relayed
        ? agreementsCard(m, [item], goals.addedRelayTitle(current.reference), goals.addedRelayIntro(memberName(current, owner, m)))
        : agreementsCard(m, [item], goals.addedTitle(current.reference), goals.addedIntro);
      return { activity: cardActivity(card) };
    }
    case 'changeRequested': {
      const agreement = current.agreements.find((candidate) => candidate.id === message.about.agreementId);
      const request = agreement && pendingChangeRequest(agreement);
      if (!request) return { skip: 'request decided or gone' };
      const asker = memberByAadObjectId(current, request.byAadObjectId);
      const notice = m.cards.goals.changeRequestedNotice(asker ? memberName(current, asker, m) : m.cards.goals.formerMember);
      return { activity: cardActivity(agreementEditCard(m, { case: current, viewer: recipient }, message.about.agreementId, notice)) };
    }
    case 'changeDecided': {
      const agreement = current.agreements.find((candidate) => candidate.id === message.about.agreementId);
      const decision = agreement?.changeRequest?.at === message.about.askedAt ? agreement.changeRequest.decision : undefined;
      if (!agreement || !decision) return { skip: 'request gone' };
      const goals = m.cards.goals;
      return { activity: cardActivity(messageCard(goals.decidedTitle(current.reference), goals.decided(decision.accepted, agreement.action, decision.reason), decision.accepted ? 'good' : 'attention')) };
    }
    case 'handOver':
      return { activity: cardActivity(handOverCard(m, { case: current, viewer: recipient }, meetingById(current, message.about.meetingId))) };
    case 'handOverReminder': {
      const closure = meetingById(current, message.about.meetingId).closure;
      if (!closure || closure.handOverAcknowledgedAt) return { skip: 'acknowledged' };
      // The coordinator role went to the eye-keeper since: nobody is asked to acknowledge to themselves.
      if (closure.eyeKeeperMemberId === recipient.id) return { skip: 'to the eye-keeper' };
      const eyeKeeper = current.members.find((member) => member.id === closure.eyeKeeperMemberId);
      return { activity: cardActivity(messageCard(labels.handOverPendingTitle(current.reference), labels.handOverPending(eyeKeeper ? memberName(current, eyeKeeper, m) : '?'))) };
    }
    case 'planSlipping': {
      const reporter = current.members.find((member) => member.id === message.about.memberId);
      return { activity: cardActivity(messageCard(labels.planSlippingTitle(current.reference), labels.planSlipping(reporter ? memberName(current, reporter, m) : '?'), 'attention')) };
    }
    case 'needsHelp': {
      const agreement = current.agreements.find((candidate) => candidate.id === message.about.agreementId);
      const owner = agreement && current.members.find((member) => member.id === agreement.ownerMemberId);
      if (!agreement || !owner) return { skip: 'agreement gone' };
      return { activity: cardActivity(messageCard(labels.needsHelpTitle(current.reference), labels.needsHelp(memberName(current, owner, m), agreement.action), 'attention')) };
    }
    case 'who5Signal': {
      // Only while the record that gave it is the latest standing one (a correction or a newer record gives its own).
      const signal = who5RecordsOf(current).at(-1)?.id === message.about.recordId ? who5Signal(current) : undefined;
      if (!signal || (!signal.low && signal.drop === undefined)) return { skip: 'measured since' };
      const labels = m.cards.measures;
      const reasons = [signal.low ? labels.low : '', signal.drop !== undefined ? labels.drop(signal.drop) : ''].filter(Boolean).join(', ');
      return { activity: cardActivity(messageCard(labels.signalTitle(current.reference), labels.signal(signal.score, m.dates.long(signal.on), reasons), 'attention')) };
    }
    case 'sendFailed': {
      // To the coordinator: which message was given up, and whom it was for (the thread, if no person).
      const failedFor = 'aadObjectId' in message.about ? memberByAadObjectId(current, message.about.aadObjectId) : undefined;
      const whom = failedFor ? memberName(current, failedFor, m) : 'aadObjectId' in message.about ? '?' : undefined;
      return { activity: cardActivity(messageCard(labels.sendFailed.title(current.reference), labels.sendFailed.text(whom), 'attention')) };
    }
    case 'unreachable': {
      const person = current.members.find((member) => member.id === message.about.memberId);
      if (!person || person.person.kind !== 'teams') return { skip: 'member gone' };
      const text = message.about.blocked ? labels.blockedToCoordinator(person.person.name) : labels.unreachableToCoordinator(person.person.name);
      return { activity: cardActivity(messageCard(labels.unreachableTitle(current.reference), text)) };
    }
    case 'calendarEvent':
    case 'calendarCancel':
      return { skip: 'a calendar event goes to Graph (calendarSender.ts)' };
    case 'calendarRefused': {
      const meeting = meetingById(current, message.about.meetingId);
      // A meeting cancelled or held since needs no invitation any more.
      if (meeting.status !== 'planned' && meeting.status !== 'open') return { skip: 'meeting no longer ahead' };
      const notice = labels.calendarRefused;
      return { activity: cardActivity(messageCard(notice.title(current.reference), notice[message.about.reason](m.dates.dateTime(meeting.startsAt)), 'attention')) };
    }
  }
}

/**
 * What goes to the case's thread or group chat, which everyone there reads: the minutes' channel card,
 * the updates of the checklist's, the case's, `afslut`'s and the minutes' (channelCards.ts), and the mention of a
 * person the bot cannot reach 1:1. Nothing
 * else is ever posted there, whatever a message says; nothing about the young person and no typed text.
 */
export function renderForConversation(m: Messages, current: Case, message: OutboxMessage): RenderedMessage {
  switch (message.kind) {
    case 'minutes':
      return { activity: cardActivity(minutesBaseCard(m, current, meetingById(current, message.about.meetingId))) };
    case 'checklistCard': {
      const meeting = current.meetings.find((candidate) => candidate.id === message.about.meetingId);
      const posted = meeting?.card;
      if (!meeting || !posted || message.to.kind !== 'conversation' || posted.conversationId !== message.to.conversationId) return { skip: 'card gone' };
      return { activity: cardActivity(meetingBaseCard(m, current, meeting)), updates: posted.activityId };
    }
    case 'caseCard': {
      const home = current.home;
      if (!home?.baseCardId || message.to.kind !== 'conversation' || home.conversationId !== message.to.conversationId) return { skip: 'card gone' };
      return { activity: cardActivity(baseCard(m, current, 'overview')), updates: home.baseCardId };
    }
    case 'closingCard': {
      // Put right as the channel sees `afslut`'s card, about the meeting it was posted for (not one opened
      // since, whose changes never update this card); each team member's view of it refreshes to the details.
      const { meetingId, activityId } = message.about;
      const to = message.to;
      const meeting = current.meetings.find((candidate) => candidate.id === meetingId);
      const posted = meeting?.closingCards?.find((card) => card.activityId === activityId);
      if (!meeting || !posted || to.kind !== 'conversation' || posted.conversationId !== to.conversationId) return { skip: 'card gone' };
      return { activity: cardActivity(baseCard(m, current, 'closing', meeting)), updates: posted.activityId };
    }
    case 'minutesCard': {
      const meeting = current.meetings.find((candidate) => candidate.id === message.about.meetingId);
      const posted = meeting?.minutesCard;
      if (!meeting || !posted || message.to.kind !== 'conversation' || posted.conversationId !== message.to.conversationId) return { skip: 'card gone' };
      return { activity: cardActivity(minutesBaseCard(m, current, meeting)), updates: posted.activityId };
    }
    case 'unreachable': {
      const person = current.members.find((member) => member.id === message.about.memberId)?.person;
      if (person?.kind !== 'teams') return { skip: 'member gone' };
      // Who blocked the bot chose to hear nothing from it: the coordinator alone is told.
      if (message.about.blocked) return { skip: 'blocked the bot' };
      // A mention is by name: its text is the person's Teams name, which Teams shows on any mention of them
      // (PRODUCT.md: the person is mentioned in the thread). Their role and the young person are not named.
      const mention = `<at>${person.name}</at>`;
      return {
        activity: {
          type: 'message',
          text: m.cards.outbox.unreachableMention(mention, code(current.reference)),
          entities: [{ type: 'mention', text: mention, mentioned: { id: person.teamsUserId ?? person.aadObjectId, name: person.name } }],
        },
      };
    }
    default:
      return { skip: 'not for a conversation' };
  }
}

/** Of two reminders of one agreement on one day, the more pressing names its line. */
const URGENCY: Record<AgreementDue, number> = { changed: -1, upcoming: 0, today: 1, todayAfterDayOff: 1, passed: 2 };

/**
 * A person's reminders of one day as one message: on a radar day first the radar (its cases that still
 * need attention, most urgent first, in one card); their agreements in one list, grouped by case, each
 * line saying what it is (coming up, today, passed) and the title counting them, with the actions for
 * each; any other reminder of the day as a card beside it.
 */
function renderDigest(m: Messages, messages: MessageWithCase[], now: Date): RenderedMessage {
  const items: Array<AgreementItem & { due: AgreementDue }> = [];
  const others: Attachment[] = [];
  const radar: RadarCase[] = [];
  for (const { message, current } of messages) {
    if (isRadarMessage(message)) {
      const entry = radarEntryOf(current, message, now);
      if (entry) radar.push(entry);
      continue;
    }
    const recipient = readingRecipient(current, message, now);
    const item = recipient && agreementReminderItem(m, current, message, recipient);
    const about = agreementReminderAbout(message);
    if (item && about) {
      const due = agreementDue(about, now);
      // Two reminders of one agreement on one day make one entry, and so do its changes since the last reminders.
      const listed = items.findIndex((candidate) => candidate.agreement.id === item.agreement.id);
      if (listed < 0) items.push({ ...item, due });
      else if (URGENCY[due] > URGENCY[items[listed]!.due]) items[listed] = { ...item, due };
      continue;
    }
    const rendered = renderOrSkip(m, current, message, now);
    if ('activity' in rendered) others.push(...(rendered.activity.attachments ?? []));
  }
  items.sort((a, b) => a.case.reference.localeCompare(b.case.reference) || a.agreement.followUpOn.localeCompare(b.agreement.followUpOn));
  const labels = m.cards.reminders;
  const count = (...dues: AgreementDue[]) => items.filter((item) => dues.includes(item.due)).length;
  const title = labels.digestTitle({ passed: count('passed'), today: count('today', 'todayAfterDayOff'), upcoming: count('upcoming'), changed: count('changed') });
  const sortedRadar = sortRadar(radar);
  const attachments = [
    ...(sortedRadar.length > 0 ? [CardFactory.adaptiveCard(radarCard(m, sortedRadar, m.cards.radar.weekTitle(sortedRadar.length)))] : []),
    ...(items.length > 0 ? [CardFactory.adaptiveCard(agreementsCard(m, items, title, labels.digestIntro))] : []),
    ...others,
  ];
  return attachments.length > 0 ? { activity: { type: 'message', attachments } } : { skip: 'nothing left to remind of' };
}
