// When the model wants someone reminded (PRODUCT section 4): before an agreement's follow-up date and
// on the day, when it passes unanswered, feedback to the young person after a meeting, the next meeting,
// and the model's rhythm (a meeting at least every four months; transition meetings before the young
// person turns 16, 17½ and 18½, seed 002). Every reminder falls on a working day at the send time.
import { DateTime } from 'luxon';
import { type Case, coordinatorOf } from './case';
import type { Agreement } from './goals';
import type { Intervention } from './interventions';
import type { Meeting } from './meeting';
import { MODEL_ZONE } from './fields';
import type { WorkingDays } from './workingDays';
import { TRANSITION_AGES, adultHandOverFrom, transitionBirthday } from './transitions';
import { MEASURE_INTERVAL, measurerOf, nextMeasureDue, readinessRecordsOf, who5RecordsOf } from './measures';
import { type Consent, consentExpiryReminderOn } from './consent';

export interface ReminderSettings {
  /** Local time of day reminders are sent, HH:MM. */
  sendAt: string;
  /** Working days before a follow-up date the owner is reminded (and again on the day). */
  workingDaysBefore: number;
  /** Days before a planned meeting the coordinator is reminded to call it. */
  nextMeetingLeadDays: number;
  /** Months after a meeting with no meeting planned before the coordinator is told. */
  noMeetingAfterMonths: number;
  /** Months before a transition birthday the coordinator is told to hold the transition meeting. */
  transitionLeadMonths: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  sendAt: '08:00',
  workingDaysBefore: 2,
  nextMeetingLeadDays: 21,
  noMeetingAfterMonths: 4,
  transitionLeadMonths: 2,
};

/** Issue 13: an intervention that ends within two weeks is a reminder to the coordinator. */
const INTERVENTION_ENDING_LEAD_DAYS = 14;

/** An agreement's reminder holds the follow-up date and the reminder plan it was planned for. */
interface AgreementReminderSubject {
  agreementId: string;
  followUpOn: string;
  plan: string;
}

/** What each reminder is about: the state it was planned for. */
export interface ReminderSubjects {
  agreementBefore: AgreementReminderSubject;
  agreementOnDay: AgreementReminderSubject;
  agreementOverdue: AgreementReminderSubject;
  feedbackDue: { meetingId: string };
  feedbackOverdue: { meetingId: string };
  nextMeetingSoon: { meetingId: string; startsAt: string };
  noMeetingPlanned: { afterMeetingId: string };
  /** `age`: 16, 17½ or 18½; `birthday`: the date the young person turns it. */
  transitionMeeting: { age: string; birthday: string };
  /** An agreement changed between meetings, told to an owner it concerns in the next day's reminders (one line however often it changed). */
  agreementChanged: { agreementId: string };
  /** An active intervention ends within two weeks: the end date it was planned for, and when it was planned. */
  interventionEnding: { interventionId: string; to: string; plannedAt: string };
  /** The week's radar (domain/radar.ts) to a case's coordinator; `on`: the day it is sent. What it lists is read at send time. */
  radar: { on: string };
  /** WHO-5 (a month) or BIP (a quarter) is due: `after`, the latest record it was planned after ('' for none yet); skipped when another is recorded since. */
  who5Due: { after: string };
  readinessDue: { after: string };
  /** The model's rhythm (issue 14): the 18-year hand-over is due from `from` (17½) until recorded. */
  adultHandOverDue: { from: string };
  /** The current consent expires on `expiresOn`: sent only if that consent is still current, valid and that date. */
  consentExpiring: { consentId: string; expiresOn: string };
}
export type ReminderKind = keyof ReminderSubjects;

/**
 * A reminder to plan. `about` holds the state it is about (a follow-up date, a meeting time): when it is
 * due, a reminder whose state has changed since (the agreement is done, the date moved) is not sent.
 */
export type PlannedReminder = { [K in ReminderKind]: { kind: K; memberId: string; at: string; about: ReminderSubjects[K] } }[ReminderKind];
type Planned<K extends ReminderKind> = Extract<PlannedReminder, { kind: K }>;

export class ReminderPlanner {
  constructor(
    private readonly calendar: WorkingDays,
    private readonly settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
  ) {}

  /** The send time on a date, moved to the next working day when the date is not one. */
  sendTimeOn(date: string): string {
    const day = this.calendar.onOrAfter(date);
    return DateTime.fromISO(`${day}T${this.settings.sendAt}`, { zone: MODEL_ZONE }).toUTC().toISO() ?? '';
  }

  private localDate(instant: string): string {
    return DateTime.fromISO(instant).setZone(MODEL_ZONE).toISODate() ?? '';
  }

  /**
   * To the owner before the date and on it; to the owner and the eye-keeper when it has passed. A date
   * on a day off gives the owner the next working day as their day, and the eye-keeper hears only the
   * working day after that: the owner always has one working day to act before anyone else is told.
   */
  forAgreement(agreement: Agreement, eyeKeeperMemberId: string | undefined): Planned<'agreementBefore' | 'agreementOnDay' | 'agreementOverdue'>[] {
    const about = { agreementId: agreement.id, followUpOn: agreement.followUpOn, plan: agreement.reminderPlan ?? '' };
    const before = this.calendar.add(agreement.followUpOn, -this.settings.workingDaysBefore);
    const ownersDay = this.calendar.onOrAfter(agreement.followUpOn);
    const after = this.calendar.add(ownersDay, 1);
    const owner = agreement.ownerMemberId;
    const reminders: Planned<'agreementBefore' | 'agreementOnDay' | 'agreementOverdue'>[] = [
      { kind: 'agreementBefore', memberId: owner, at: this.sendTimeOn(before), about },
      { kind: 'agreementOnDay', memberId: owner, at: this.sendTimeOn(ownersDay), about },
      { kind: 'agreementOverdue', memberId: owner, at: this.sendTimeOn(after), about },
    ];
    if (eyeKeeperMemberId && eyeKeeperMemberId !== owner) reminders.push({ kind: 'agreementOverdue', memberId: eyeKeeperMemberId, at: this.sendTimeOn(after), about });
    return reminders;
  }

  /**
   * After a meeting: the one who gives the young person feedback, the working day after; the
   * coordinator, when two days have passed (seed 001: feedback at the latest two days after).
   */
  forFeedback(current: Case, meeting: Meeting): Planned<'feedbackDue' | 'feedbackOverdue'>[] {
    const closure = meeting.closure;
    if (!closure) return [];
    const heldOn = this.localDate(meeting.startsAt);
    const about = { meetingId: meeting.id };
    return [
      { kind: 'feedbackDue', memberId: closure.feedbackMemberId, at: this.sendTimeOn(this.calendar.add(heldOn, 1)), about },
      {
        kind: 'feedbackOverdue',
        memberId: coordinatorOf(current).id,
        at: this.sendTimeOn(DateTime.fromISO(heldOn).plus({ days: 2 }).toISODate() ?? heldOn),
        about,
      },
    ];
  }

  /** The coordinator, three weeks before a planned meeting, to call it. */
  forPlannedMeeting(current: Case, planned: Meeting): Planned<'nextMeetingSoon'>[] {
    const lead = DateTime.fromISO(planned.startsAt).setZone(MODEL_ZONE).minus({ days: this.settings.nextMeetingLeadDays }).toISODate() ?? '';
    return [{ kind: 'nextMeetingSoon', memberId: coordinatorOf(current).id, at: this.sendTimeOn(lead), about: { meetingId: planned.id, startsAt: planned.startsAt } }];
  }

  /** The coordinator, when four months have passed since a meeting (sent only if none is planned by then). */
  forRhythm(current: Case, held: Meeting): Planned<'noMeetingPlanned'>[] {
    const due = DateTime.fromISO(held.startsAt).setZone(MODEL_ZONE).plus({ months: this.settings.noMeetingAfterMonths }).toISODate() ?? '';
    return [{ kind: 'noMeetingPlanned', memberId: coordinatorOf(current).id, at: this.sendTimeOn(due), about: { afterMeetingId: held.id } }];
  }

  /**
   * The owners an agreement's change concerns (the new, the old), with the next day's reminders: today's
   * send time while it is ahead, else the next working day's. Not one message per change.
   */
  forChange(agreementId: string, memberIds: string[], now: Date): Planned<'agreementChanged'>[] {
    const at = this.nextSendTime(now);
    return memberIds.map((memberId) => ({ kind: 'agreementChanged' as const, memberId, at, about: { agreementId } }));
  }

  /** Today's send time while it is ahead, else the next working day's. */
  private nextSendTime(now: Date): string {
    const today = this.localDate(now.toISOString());
    const todays = this.sendTimeOn(today);
    return todays > now.toISOString() ? todays : this.sendTimeOn(this.calendar.add(today, 1));
  }

  /**
   * The coordinator, two weeks before an active intervention ends, to decide what comes after; with the
   * next reminders when the end is already that close. None for one not active, open-ended or ended by now.
   */
  forIntervention(current: Case, intervention: Intervention, now: Date): Planned<'interventionEnding'>[] {
    const { to } = intervention;
    if (intervention.status !== 'active' || !to || to < this.localDate(now.toISOString())) return [];
    const lead = this.sendTimeOn(DateTime.fromISO(to).minus({ days: INTERVENTION_ENDING_LEAD_DAYS }).toISODate() ?? to);
    const at = lead > now.toISOString() ? lead : this.nextSendTime(now);
    return [{ kind: 'interventionEnding', memberId: coordinatorOf(current).id, at, about: { interventionId: intervention.id, to, plannedAt: now.toISOString() } }];
  }

  /**
   * The radar's send time of the week `date` falls in: Monday's send time, or the next working day's
   * when Monday is a holiday (Easter Monday, Whit Monday).
   */
  radarTimeOfWeek(date: string): string {
    return this.sendTimeOn(DateTime.fromISO(date, { zone: MODEL_ZONE }).startOf('week').toISODate() ?? date);
  }

  /** The radar's next send time if it comes after `now` and no later than `withinMs` from now (this week's or next week's). */
  radarTimeAhead(now: Date, withinMs: number): string | undefined {
    const today = this.localDate(now.toISOString());
    const nextWeek = DateTime.fromISO(today).plus({ weeks: 1 }).toISODate() ?? today;
    const until = new Date(now.getTime() + withinMs).toISOString();
    return [this.radarTimeOfWeek(today), this.radarTimeOfWeek(nextWeek)].find((at) => at > now.toISOString() && at <= until);
  }

  /** The coordinator, two months before the young person turns 16, 17½ and 18½; only those still ahead. */
  forTransitions(current: Case, now: Date): Planned<'transitionMeeting'>[] {
    return TRANSITION_AGES.flatMap((age) => {
      const birthday = transitionBirthday(current, age);
      const lead = DateTime.fromISO(birthday).minus({ months: this.settings.transitionLeadMonths }).toISODate() ?? '';
      const at = this.sendTimeOn(lead);
      return at > now.toISOString() ? [{ kind: 'transitionMeeting' as const, memberId: coordinatorOf(current).id, at, about: { age: age.label, birthday } }] : [];
    });
  }

  /**
   * The one who measures (measures.ts measurerOf), when a measure falls due: its interval after the
   * latest record, or, before the first, its interval after the case was opened for WHO-5 and a month
   * for BIP too (a first picture of readiness early). A day already passed gives the next reminders.
   */
  forMeasure(current: Case, measure: 'who5' | 'readiness', now: Date): Planned<'who5Due' | 'readinessDue'>[] {
    const latest = (measure === 'who5' ? who5RecordsOf(current) : readinessRecordsOf(current)).at(-1);
    const opened = DateTime.fromISO(current.createdAt).setZone(MODEL_ZONE);
    const due = nextMeasureDue(current, measure) ?? opened.plus(MEASURE_INTERVAL.who5).toISODate() ?? '';
    const onDay = this.sendTimeOn(due);
    const at = onDay > now.toISOString() ? onDay : this.nextSendTime(now);
    const about = { after: latest?.id ?? '' };
    const memberId = measurerOf(current);
    return [measure === 'who5' ? { kind: 'who5Due', memberId, at, about } : { kind: 'readinessDue', memberId, at, about }];
  }

  /** The coordinator, when the young person turns 17½, to record the hand-over to the adults' administration; none once that is past. */
  forAdultHandOver(current: Case, now: Date): Planned<'adultHandOverDue'>[] {
    const from = adultHandOverFrom(current);
    const at = this.sendTimeOn(from);
    return at > now.toISOString() ? [{ kind: 'adultHandOverDue', memberId: coordinatorOf(current).id, at, about: { from } }] : [];
  }

  /**
   * The coordinator, 30 days before a consent expires, to renew it; with the next reminders when it is
   * already that close. None for a consent expired by now.
   */
  forConsentExpiry(current: Case, consent: Consent, now: Date): Planned<'consentExpiring'>[] {
    if (consent.expiresOn < this.localDate(now.toISOString())) return [];
    const lead = this.sendTimeOn(consentExpiryReminderOn(consent));
    const at = lead > now.toISOString() ? lead : this.nextSendTime(now);
    return [{ kind: 'consentExpiring', memberId: coordinatorOf(current).id, at, about: { consentId: consent.id, expiresOn: consent.expiresOn } }];
  }
}
