// What a case puts in Outlook calendars (issue 15 §2): who is invited to its network meetings, and which
// meetings ahead have an event that a change of the team, the coordinator or the case must put right.
import { isCoordinator, mayReadCaseDetails } from './access';
import type { Case } from './case';
import type { Meeting } from './meeting';

/**
 * Who is invited: every Teams member but the coordinator (whose calendar it is), by Entra id; members
 * outside Teams (the young person among them) by e-mail, when valid consent covers them. The event hides
 * its attendees from each other (`hideAttendees`), so nobody reads another's address in the invitation.
 */
export function inviteesOf(current: Case, now: Date): { aadObjectIds: string[]; emails: string[] } {
  const aadObjectIds: string[] = [];
  const emails: string[] = [];
  for (const member of current.members) {
    if (isCoordinator(member)) continue;
    const { person } = member;
    if (person.kind === 'teams') aadObjectIds.push(person.aadObjectId);
    else {
      const email = person.kind === 'external' ? person.email : current.youngPerson.contact.email;
      if (email && mayReadCaseDetails(current, member.id, now)) emails.push(email);
    }
  }
  return { aadObjectIds, emails };
}

const inviteeKey = (current: Case, now: Date): string => {
  const { aadObjectIds, emails } = inviteesOf(current, now);
  return JSON.stringify([[...aadObjectIds].sort(), emails.map((email) => email.toLowerCase()).sort()]);
};

/** True when a change leaves the invitees as they were (order and the case of addresses aside). */
export const sameInvitees = (before: Case, after: Case, now: Date): boolean => inviteeKey(before, now) === inviteeKey(after, now);

/** Planned meetings still ahead whose Outlook event the bot made. */
export const meetingsAheadInCalendar = (current: Case, now: Date): Meeting[] =>
  current.meetings.filter((meeting) => meeting.calendarEvent !== undefined && meeting.status === 'planned' && Date.parse(meeting.startsAt) > now.getTime());
