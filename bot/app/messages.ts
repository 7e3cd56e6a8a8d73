// Who gets which message when a meeting's form is circulated, an owner needs help or the checklist's
// card must show an answer. Messages name ids only; the Teams layer renders them from the case when
// they are sent.
import { DateTime } from 'luxon';
import { meetingsAheadInCalendar, sameInvitees } from '../domain/calendar';
import { type Case, type TeamMember, coordinatorOf } from '../domain/case';
import { closureOf, currentClosure } from '../domain/closing';
import { MODEL_ZONE } from '../domain/fields';
import { isInternalMeeting, meetingById, plannedMeetingOf } from '../domain/meeting';
import type { PlannedReminder } from '../domain/reminders';
import { agreementById, withReminderPlan } from '../domain/goals';
import type { Agreement } from '../domain/goals';
import { type OutboxContent, type OutboxMessage, type OutboxRecipient, type ReminderAbout, outboxContentOf } from '../store/port';
import type { AppDeps } from './context';

/** Until the eye-keeper acknowledges the hand-over, the coordinator is reminded after this long. */
const HAND_OVER_REMINDER_AFTER = { days: 1 } as const;

export function recipientOf(member: TeamMember): OutboxRecipient | undefined {
  return member.person.kind === 'teams' && member.person.teamsUserId
    ? { kind: 'user', aadObjectId: member.person.aadObjectId, teamsUserId: member.person.teamsUserId }
    : undefined;
}

/** A message a change causes, before it is given its id and envelope. */
type Outgoing = OutboxContent & { to: OutboxRecipient; notBefore?: Date };

/** The messages a change causes; `serviceUrl` is where Teams is reached (the actor's activity says). */
export function outboxMessages(deps: Pick<AppDeps, 'newId'>, current: Case, serviceUrl: string | undefined, now: Date, outgoing: Outgoing[]): OutboxMessage[] {
  return outgoing.map((message) => ({
    id: deps.newId(),
    tenantId: current.tenantId,
    caseId: current.id,
    ...outboxContentOf(message),
    to: message.to,
    serviceUrl: serviceUrl ?? '',
    notBefore: (message.notBefore ?? now).toISOString(),
    status: 'pending',
    attempts: 0,
  }));
}

/** A member who is not reachable in Teams is reached through the coordinator, who relays. */
function memberOrRelay(current: Case, member: TeamMember): { to: OutboxRecipient; relayed: boolean } | undefined {
  const direct = recipientOf(member);
  if (direct) return { to: direct, relayed: false };
  const relay = recipientOf(coordinatorOf(current));
  return relay && { to: relay, relayed: true };
}

/**
 * Circulating an approved form: the minutes in the case's home, each owner's agreements to them (or to
 * the coordinator for owners outside Teams), the hand-over to the eye-keeper, and a reminder to the
 * coordinator that the hand-over holds until it is acknowledged (none when it already is: the
 * coordinator keeps the eye themselves, domain/closing.ts approveMinutes).
 */
export function circulation(current: Case, meetingId: string, now: Date): Outgoing[] {
  const closure = closureOf(current, meetingId);
  const outgoing: Outgoing[] = [];
  if (current.home) outgoing.push({ kind: 'minutes', to: { kind: 'conversation', conversationId: current.home.conversationId }, about: { meetingId } });
  outgoing.push(...agreementsToOwners(current, meetingId));
  const eyeKeeper = current.members.find((member) => member.id === closure.eyeKeeperMemberId);
  const handOver = eyeKeeper && memberOrRelay(current, eyeKeeper);
  if (handOver) outgoing.push({ kind: 'handOver', to: handOver.to, about: { meetingId } });
  const coordinator = recipientOf(coordinatorOf(current));
  if (coordinator && !closure.handOverAcknowledgedAt) {
    const remindAt = DateTime.fromJSDate(now).plus(HAND_OVER_REMINDER_AFTER).toJSDate();
    outgoing.push({ kind: 'handOverReminder', to: coordinator, about: { meetingId }, notBefore: remindAt });
  }
  return outgoing;
}

const openAgreementsOf = (current: Case, meetingId: string): Agreement[] =>
  current.agreements.filter((agreement) => agreement.meetingId === meetingId && agreement.status === 'open');

/** Each owner of the meeting's open agreements gets theirs (one outside Teams through the coordinator). */
function agreementsToOwners(current: Case, meetingId: string): Outgoing[] {
  return [...new Set(openAgreementsOf(current, meetingId).map((agreement) => agreement.ownerMemberId))].flatMap((ownerMemberId): Outgoing[] => {
    const owner = current.members.find((member) => member.id === ownerMemberId);
    const route = owner && memberOrRelay(current, owner);
    return route ? [{ kind: route.relayed ? 'agreementRelay' : 'agreementAssigned', to: route.to, about: { meetingId, ownerMemberId } }] : [];
  });
}

/**
 * A closed internal meeting's minutes go to the professionals only (seed 003): each owner their
 * agreements, all professionals' (goals.ts), with their reminders. No minutes in the thread, no approval,
 * no hand-over, no feedback to the young person, no rhythm: it is none of the model's meetings.
 */
export function internalMinutes(deps: AppDeps, current: Case, meetingId: string): { changed: Case; outgoing: Outgoing[] } {
  const { changed, outgoing } = planAgreementReminders(deps, current, openAgreementsOf(current, meetingId).map((agreement) => agreement.id));
  return { changed, outgoing: [...agreementsToOwners(changed, meetingId), ...outgoing] };
}

/** Who keeps an eye on the young person now: the eye-keeper of the latest circulated meeting. */
const currentEyeKeeperId = (current: Case): string | undefined => currentClosure(current)?.eyeKeeperMemberId;

/** "Needs help", a slipping plan and a WHO-5 to look at reach the eye-keeper of the latest circulated meeting and the coordinator at once. */
export function toEyeKeeperAndCoordinator(current: Case, content: Extract<OutboxContent, { kind: 'needsHelp' | 'planSlipping' | 'who5Signal' }>): Outgoing[] {
  const eyeKeeperId = currentEyeKeeperId(current);
  const eyeKeeper = current.members.find((member) => member.id === eyeKeeperId);
  const coordinator = coordinatorOf(current);
  const people = eyeKeeper && eyeKeeper.id !== coordinator.id ? [eyeKeeper, coordinator] : [coordinator];
  return people.flatMap((person) => {
    const to = recipientOf(person);
    return to ? [{ ...content, to }] : [];
  });
}

/** An agreement added between meetings, itself, to its owner (or the coordinator relaying); none to the one who added it. */
export function agreementToOwner(current: Case, agreementId: string, byAadObjectId: string): Outgoing[] {
  const owner = current.members.find((member) => member.id === agreementById(current, agreementId).ownerMemberId);
  const route = owner && !isMemberOf(owner, byAadObjectId) ? memberOrRelay(current, owner) : undefined;
  return route ? [{ kind: 'agreementAdded', to: route.to, about: { agreementId } }] : [];
}

const isMemberOf = (member: TeamMember, aadObjectId: string) => member.person.kind === 'teams' && member.person.aadObjectId === aadObjectId;

/**
 * A change of an agreement told to the owners it concerns (the old and the new), but not to those who
 * know (`knowing`: who changed it, who asked for it), in the next day's reminders: the rendering joins
 * several changes of one agreement into one line (teams/renderOutbox.ts).
 */
export function changeNotices(deps: AppDeps, before: Agreement, after: Case, knowing: string[], now: Date): Outgoing[] {
  const changed = agreementById(after, before.id);
  const concerned = new Set([before.ownerMemberId, changed.ownerMemberId]);
  const told = after.members.filter((member) => concerned.has(member.id) && !knowing.some((aadObjectId) => isMemberOf(member, aadObjectId)));
  return reminders(after, deps.reminders.forChange(changed.id, told.map((member) => member.id), now));
}

/** To the coordinator, 1:1, unless they are the one who caused it. */
export function toCoordinator(current: Case, content: Extract<OutboxContent, { kind: 'changeRequested' }>, byAadObjectId: string): Outgoing[] {
  const coordinator = coordinatorOf(current);
  const to = !isMemberOf(coordinator, byAadObjectId) ? recipientOf(coordinator) : undefined;
  return to ? [{ ...content, to }] : [];
}

/** To a person by their Teams identity, when they are on the team, reachable, and not the one who caused it. */
export function toPerson(current: Case, aadObjectId: string, content: Extract<OutboxContent, { kind: 'changeDecided' }>, byAadObjectId: string): Outgoing[] {
  const member = aadObjectId === byAadObjectId ? undefined : current.members.find((candidate) => isMemberOf(candidate, aadObjectId));
  const to = member && recipientOf(member);
  return to ? [{ ...content, to }] : [];
}

/** Planned reminders as messages due at their time: to the member, or through the coordinator who relays. */
export function reminders(current: Case, planned: PlannedReminder[]): Outgoing[] {
  return planned.flatMap((reminder) => {
    const member = current.members.find((candidate) => candidate.id === reminder.memberId);
    const route = member && memberOrRelay(current, member);
    if (!route) return [];
    // Reminders to one person on one day go as one message (the dispatcher joins those with one digest key).
    const digest = `reminders ${DateTime.fromISO(reminder.at).setZone(MODEL_ZONE).toISODate()}`;
    // A planned reminder pairs its kind with its subject; the spread keeps the pair, TypeScript cannot tell.
    const about = { reminder: reminder.kind, memberId: reminder.memberId, ...reminder.about, digest } as ReminderAbout;
    return [{ kind: 'reminder' as const, to: route.to, about, notBefore: new Date(reminder.at) }];
  });
}

/** A new plan of reminders for these agreements; reminders of any earlier plan for them will not be sent. */
export function planAgreementReminders(deps: AppDeps, current: Case, agreementIds: string[]): { changed: Case; outgoing: Outgoing[] } {
  let changed = current;
  for (const agreementId of agreementIds) changed = withReminderPlan(changed, agreementId, deps.newId());
  const eyeKeeperId = currentEyeKeeperId(changed);
  const planned = agreementIds.flatMap((agreementId) => deps.reminders.forAgreement(agreementById(changed, agreementId), eyeKeeperId));
  return { changed, outgoing: reminders(changed, planned) };
}

/** Everything a circulated meeting sets going: its agreements' follow-ups, the feedback, the next meeting, the rhythm. */
export function remindersAfterMeeting(deps: AppDeps, current: Case, meetingId: string): { changed: Case; outgoing: Outgoing[] } {
  const meeting = meetingById(current, meetingId);
  const agreementIds = openAgreementsOf(current, meetingId).map((agreement) => agreement.id);
  const { changed, outgoing } = planAgreementReminders(deps, current, agreementIds);
  const next = plannedMeetingOf(changed);
  const planner = deps.reminders;
  const others = reminders(changed, [...planner.forFeedback(changed, meeting), ...(next ? planner.forPlannedMeeting(changed, next) : []), ...planner.forRhythm(changed, meeting)]);
  return { changed, outgoing: [...outgoing, ...others] };
}

/**
 * After an answer or a change of the meeting's state: the checklist's card where it was posted, updated
 * for everyone in the language of the person whose change it shows (as their reply is). Updates of one
 * meeting claimed together go out as one (`digest`).
 */
export function checklistCardUpdate(current: Case, meetingId: string, locale: string | undefined): Outgoing[] {
  const posted = meetingById(current, meetingId).card;
  if (!posted) return [];
  const about = { meetingId, digest: `checklistCard ${meetingId}`, ...(locale ? { locale } : {}) };
  return [{ kind: 'checklistCard', to: { kind: 'conversation', conversationId: posted.conversationId }, about }];
}

/**
 * After a network meeting is planned, opened (and so moved to its real time), cancelled or closed, when
 * the bot keeps meetings in the coordinator's Outlook calendar (`deps.calendar`): its event, made or put
 * right from the meeting as it is when the message is sent. Addressed to the coordinator, whose mailbox
 * it is; nothing is posted in Teams, so Teams' limits do not count it (SENT_THROUGH_GRAPH).
 */
export function calendarUpdates(deps: AppDeps, current: Case, meetingIds: readonly string[]): Outgoing[] {
  const coordinator = coordinatorOf(current).person;
  if (!deps.calendar || coordinator.kind !== 'teams') return [];
  const to: OutboxRecipient = { kind: 'user', aadObjectId: coordinator.aadObjectId, teamsUserId: coordinator.teamsUserId ?? '' };
  return meetingIds
    .filter((meetingId) => !isInternalMeeting(meetingById(current, meetingId)))
    .map((meetingId) => ({ kind: 'calendarEvent', to, about: { meetingId, digest: `calendarEvent ${meetingId}` } }));
}

/**
 * After a change of the team or of consent: the events of the meetings ahead, when who is invited
 * changed (the sender renders the attendees from the case), so that the invitations follow the team.
 */
export function inviteeUpdates(deps: AppDeps, before: Case, after: Case, now: Date): Outgoing[] {
  if (!deps.calendar || sameInvitees(before, after, now)) return [];
  return calendarUpdates(deps, after, meetingsAheadInCalendar(after, now).map((meeting) => meeting.id));
}

/** After a change of what the case's base card shows (its coordinator, its next meeting): the card in its home, as the checklist's. */
export function caseCardUpdate(current: Case, locale: string | undefined): Outgoing[] {
  if (!current.home?.baseCardId) return [];
  const about = { digest: 'caseCard', ...(locale ? { locale } : {}) };
  return [{ kind: 'caseCard', to: { kind: 'conversation', conversationId: current.home.conversationId }, about }];
}

/**
 * After a meeting changes state (opened, cancelled, closed, approved): every card of it the thread or
 * chat shows, so that no card of an earlier state is left saying it: the checklist's, the closing
 * cards `afslut` posted, the minutes that name it as the next meeting, and the case's base card (its
 * next meeting, which an internal meeting never is).
 */
export function meetingCardUpdates(current: Case, meetingId: string, locale: string | undefined): Outgoing[] {
  const language = locale ? { locale } : {};
  const closingCards = (meetingById(current, meetingId).closingCards ?? []).map((posted): Outgoing => {
    const about = { meetingId, activityId: posted.activityId, digest: `closingCard ${posted.activityId}`, ...language };
    return { kind: 'closingCard', to: { kind: 'conversation', conversationId: posted.conversationId }, about };
  });
  const minutesCards = current.meetings.flatMap((earlier): Outgoing[] =>
    earlier.minutesCard && earlier.closure?.nextMeetingId === meetingId
      ? [{ kind: 'minutesCard', to: { kind: 'conversation', conversationId: earlier.minutesCard.conversationId }, about: { meetingId: earlier.id, digest: `minutesCard ${earlier.id}`, ...language } }]
      : [],
  );
  const baseCard = isInternalMeeting(meetingById(current, meetingId)) ? [] : caseCardUpdate(current, locale);
  return [...checklistCardUpdate(current, meetingId, locale), ...closingCards, ...minutesCards, ...baseCard];
}
