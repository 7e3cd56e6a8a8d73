// A reminder as the person it reaches reads it, from the case as it is when it is due. A reminder
// whose reason has gone (the agreement is done or moved, the meeting held or moved) is not sent.
import type { Activity } from 'botbuilder';
import { type AgreementDue, type AgreementItem, agreementsCard, relayContactFor } from '../../cards/handOverCards';
import { feedbackCard } from '../../cards/feedbackCard';
import { messageCard } from '../../cards/messageCard';
import { memberName } from '../../cards/people';
import { type Case, type TeamMember, coordinatorOf } from '../domain/case';
import { localDate } from '../domain/fields';
import type { Agreement } from '../domain/goals';
import { interventionsOf } from '../domain/interventions';
import { measurerOf, readinessRecordsOf, who5RecordsOf } from '../domain/measures';
import { meetingNumber } from '../domain/meeting';
import { type RadarCase, radarItems } from '../domain/radar';
import { currentConsent } from '../domain/consent';
import { rhythmAfter } from '../domain/rhythm';
import { adultHandOverDue, isTransitionAge } from '../domain/transitions';
import type { Messages } from '../i18n';
import type { OutboxMessage, OutboxMessageOf, ReminderAbout } from '../store/port';
import { cardActivity } from './replies';

/**
 * A message as it goes out: a new activity, or (`updates`) the new content of an activity the bot posted
 * before; or nothing, and why (what it was about has gone or changed since it was written).
 */
export type RenderedMessage = { activity: Partial<Activity>; updates?: string } | { skip: string };

type AgreementReminder = Extract<ReminderAbout, { reminder: 'agreementBefore' | 'agreementOnDay' | 'agreementOverdue' | 'agreementChanged' }>;
type FollowUpReminder = Exclude<AgreementReminder, { reminder: 'agreementChanged' }>;

/** What an agreement's reminder is about; undefined for any other message. */
export function agreementReminderAbout(message: OutboxMessage): AgreementReminder | undefined {
  if (message.kind !== 'reminder') return undefined;
  const about = message.about;
  return about.reminder === 'agreementBefore' || about.reminder === 'agreementOnDay' || about.reminder === 'agreementOverdue' || about.reminder === 'agreementChanged' ? about : undefined;
}

/** Still open, and the reminder is of the agreement's latest plan (for the date it has now). */
function isCurrentPlan(agreement: Agreement, about: FollowUpReminder): boolean {
  return agreement.status === 'open' && agreement.followUpOn === about.followUpOn && (agreement.reminderPlan ?? '') === (about.plan ?? '');
}

/**
 * What an agreement reminder is, for its line in a day's reminders. The on-the-day reminder of a date on
 * a day off comes on the next working day (domain/reminders.ts): today, though the date has gone by.
 */
export function agreementDue(about: AgreementReminder, now: Date): AgreementDue {
  switch (about.reminder) {
    case 'agreementBefore':
      return 'upcoming';
    case 'agreementOnDay':
      return about.followUpOn < localDate(now) ? 'todayAfterDayOff' : 'today';
    case 'agreementOverdue':
      return 'passed';
    case 'agreementChanged':
      return 'changed';
  }
}

/** An agreement reminder for the one who acts on it (the owner, or the coordinator relaying), as a list item. */
export function agreementReminderItem(m: Messages, current: Case, message: OutboxMessage, recipient: TeamMember | undefined): AgreementItem | undefined {
  const about = agreementReminderAbout(message);
  if (!about) return undefined;
  const agreement = current.agreements.find((candidate) => candidate.id === about.agreementId);
  if (about.reminder === 'agreementChanged') return agreement && changedItem(m, current, agreement, about.memberId, recipient);
  if (!agreement || !isCurrentPlan(agreement, about) || agreement.ownerMemberId !== about.memberId) return undefined;
  const owner = current.members.find((member) => member.id === agreement.ownerMemberId);
  if (!owner) return undefined;
  return { case: current, agreement, ...(recipient?.id !== owner.id ? { relayContact: relayContactFor(m, current, owner) } : {}) };
}

/**
 * A changed agreement, as it stands now, for an owner it concerns: its owner acts on it; an owner it
 * was taken from reads whose it is now, without the buttons. Nothing when it is done since.
 */
function changedItem(m: Messages, current: Case, agreement: Agreement, memberId: string, recipient: TeamMember | undefined): AgreementItem | undefined {
  const told = current.members.find((member) => member.id === memberId);
  if (!told || agreement.status !== 'open') return undefined;
  const relay = recipient?.id !== told.id ? { relayContact: relayContactFor(m, current, told) } : {};
  if (agreement.ownerMemberId === told.id) return { case: current, agreement, ...relay };
  const owner = current.members.find((member) => member.id === agreement.ownerMemberId);
  return { case: current, agreement, ...relay, handedOverTo: m.cards.reminders.handedOverTo(owner ? memberName(current, owner, m) : m.cards.goals.formerMember) };
}

/**
 * A radar message's case as it stands now (domain/radar.ts): what needs attention, to the one who still
 * coordinates it; undefined when it is no radar message, nothing is left, or the coordinator changed.
 */
export function radarEntryOf(current: Case, message: OutboxMessage, now: Date): RadarCase | undefined {
  if (message.kind !== 'reminder' || message.about.reminder !== 'radar') return undefined;
  const coordinator = coordinatorOf(current);
  const to = message.to;
  if (coordinator.id !== message.about.memberId || coordinator.person.kind !== 'teams' || to.kind !== 'user' || coordinator.person.aadObjectId !== to.aadObjectId) return undefined;
  const items = radarItems(current, now);
  return items.length > 0 ? { caseId: current.id, reference: current.reference, items } : undefined;
}

export const isRadarMessage = (message: OutboxMessage): boolean => message.kind === 'reminder' && message.about.reminder === 'radar';

export function renderReminder(m: Messages, current: Case, message: OutboxMessageOf<'reminder'>, recipient: TeamMember | undefined, now: Date): RenderedMessage {
  const labels = m.cards.reminders;
  const about = message.about;
  const reminded = current.members.find((member) => member.id === about.memberId);
  if (!reminded) return { skip: 'member gone' };
  const note = (title: string, text: string) => ({ activity: cardActivity(messageCard(title, text, 'attention')) });
  switch (about.reminder) {
    case 'agreementBefore':
    case 'agreementOnDay':
    case 'agreementOverdue': {
      const agreement = current.agreements.find((candidate) => candidate.id === about.agreementId);
      if (!agreement || !isCurrentPlan(agreement, about)) return { skip: 'agreement changed' };
      const title =
        agreementDue(about, now) === 'todayAfterDayOff'
          ? labels.agreementOnDayAfterDayOff(current.reference, m.dates.long(agreement.followUpOn))
          : labels.agreement[about.reminder](current.reference, m.dates.long(agreement.followUpOn));
      const owner = current.members.find((member) => member.id === agreement.ownerMemberId);
      if (!owner) return { skip: 'owner gone' };
      const item = agreementReminderItem(m, current, message, recipient);
      if (!item) {
        // The eye-keeper hears that a follow-up date passed; acting on it is the owner's.
        return note(title, labels.overdueToEyeKeeper(memberName(current, owner, m), agreement.action));
      }
      return { activity: cardActivity(agreementsCard(m, [item], title, item.relayContact ? labels.relayed(memberName(current, owner, m)) : labels.ownerIntro)) };
    }
    case 'feedbackDue':
    case 'feedbackOverdue': {
      const meeting = current.meetings.find((candidate) => candidate.id === about.meetingId);
      if (!meeting?.closure) return { skip: 'meeting gone' };
      // Recorded as given since it was planned: neither the reminder nor the coordinator's escalation is due.
      if (meeting.closure.feedbackGiven) return { skip: 'feedback given' };
      return { activity: cardActivity(feedbackCard(m, current, meeting, recipient, labels.feedbackTitle(current.reference, meetingNumber(meeting)), labels[about.reminder], about.reminder === 'feedbackOverdue')) };
    }
    case 'nextMeetingSoon': {
      const meeting = current.meetings.find((candidate) => candidate.id === about.meetingId);
      if (!meeting || meeting.status !== 'planned' || meeting.startsAt !== about.startsAt) return { skip: 'meeting changed' };
      return note(labels.nextMeetingTitle(current.reference), labels.nextMeeting(m.dates.dateTime(meeting.startsAt)));
    }
    case 'noMeetingPlanned': {
      const after = current.meetings.find((candidate) => candidate.id === about.afterMeetingId);
      if (!after) return { skip: 'meeting gone' };
      // Sent even when a meeting is planned, if that one is more than four months after this one (issue 14).
      const rhythm = rhythmAfter(current, after);
      if (rhythm.kind === 'metSince') return { skip: 'a meeting was held since' };
      if (rhythm.kind === 'plannedInTime') return { skip: 'a meeting is planned' };
      const last = m.dates.dateTime(after.startsAt);
      return note(labels.rhythmTitle(current.reference), rhythm.kind === 'plannedTooFar' ? m.cards.rhythm.noMeetingTooFar(last, m.dates.dateTime(rhythm.meeting.startsAt)) : labels.noMeetingPlanned(last));
    }
    case 'agreementChanged': {
      const item = agreementReminderItem(m, current, message, recipient);
      if (!item) return { skip: 'agreement done or gone' };
      const told = current.members.find((member) => member.id === about.memberId);
      const intro = item.relayContact && told ? labels.changedRelayed(memberName(current, told, m)) : labels.changedIntro;
      return { activity: cardActivity(agreementsCard(m, [{ ...item, due: 'changed' }], labels.changedTitle(current.reference), intro)) };
    }
    case 'transitionMeeting': {
      // A meeting planned or held as this age's transition meeting since: nothing to remind of.
      if (current.meetings.some((meeting) => meeting.transitionAge === about.age && meeting.status !== 'cancelled')) return { skip: 'transition meeting planned' };
      const purpose = isTransitionAge(about.age) ? m.cards.rhythm.purposes[about.age] : undefined;
      const birthday = m.dates.long(about.birthday);
      return note(labels.transitionTitle(current.reference), purpose ? m.cards.rhythm.transitionWithPurpose(about.age, birthday, purpose) : labels.transition(about.age, birthday));
    }
    case 'adultHandOverDue':
      // Rendered only while it is due: recorded since (or the case closed), nothing is sent.
      if (!adultHandOverDue(current, now)) return { skip: 'hand-over recorded' };
      return note(m.cards.rhythm.handOverReminderTitle(current.reference), m.cards.rhythm.handOverReminder(m.dates.long(about.from)));
    case 'consentExpiring': {
      // Renewed (a new consent is current), withdrawn, given another date, or expired since: not due.
      const consent = currentConsent(current);
      if (!consent || consent.id !== about.consentId || consent.withdrawnAt || consent.expiresOn !== about.expiresOn || consent.expiresOn < localDate(now)) return { skip: 'consent changed' };
      return note(m.cards.rhythm.consentExpiringTitle(current.reference), m.cards.rhythm.consentExpiring(m.dates.long(consent.expiresOn)));
    }
    case 'interventionEnding': {
      const intervention = interventionsOf(current).find((candidate) => candidate.id === about.interventionId);
      // Ended, paused or given another end date since: the reminder of that date is not due. Paused and
      // active again since it was planned: the reminder planned then is the one sent.
      if (intervention?.status !== 'active' || intervention.to !== about.to) return { skip: 'intervention changed' };
      const activated = intervention.history.filter((event) => event.status === 'active').at(-1)?.at;
      if (activated && activated > about.plannedAt) return { skip: 'intervention planned again' };
      return note(labels.interventionEndingTitle(current.reference), labels.interventionEnding(intervention.what, m.dates.long(about.to)));
    }
    case 'radar':
      // All of a person's radar messages of a day make one card (teams/renderOutbox.ts renderDigest).
      return { skip: 'rendered as the radar card' };
    case 'who5Due':
    case 'readinessDue': {
      const labels = m.cards.measures;
      const latest = (about.reminder === 'who5Due' ? who5RecordsOf(current) : readinessRecordsOf(current)).at(-1);
      // Measured since it was planned, or someone else measures now: that plan's reminder is the one sent.
      if ((latest?.id ?? '') !== about.after) return { skip: 'measured since' };
      if (measurerOf(current) !== about.memberId) return { skip: 'another measures' };
      const since = latest && m.dates.long(latest.on);
      return about.reminder === 'who5Due'
        ? note(labels.who5DueTitle(current.reference), labels.who5Due(since))
        : note(labels.readinessDueTitle(current.reference), labels.readinessDue(since));
    }
    default:
      // A reminder this version does not know (written by a later one).
      return { skip: `unknown reminder ${(about as { reminder: string }).reminder}` };
  }
}
