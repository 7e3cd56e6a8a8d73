// A network meeting as its Outlook event (Graph's event resource), rendered from the case when the
// outbox sends it: subject, time, the Teams meeting link and seed 001's agenda, in Danish as the thread
// is. Invitees read it, external ones too: it names the case's reference, never the young person.
import type { Case } from '../domain/case';
import { type Meeting, meetingNumber } from '../domain/meeting';
import type { Messages } from '../i18n';

/** "Møderne vurderes at vare 1-2 timer" (seed 000): the event holds the longer, until the meeting's length is recorded. */
const MEETING_MINUTES = 120;

const AGENDA = ['agenda1', 'agenda2', 'agenda3', 'agenda4', 'agenda5', 'agenda6', 'agenda7'] as const;

/** Graph's dateTimeTimeZone, in UTC (the meeting's instant as stored). */
const graphTime = (instant: Date) => ({ dateTime: instant.toISOString().replace(/Z$/, ''), timeZone: 'UTC' });

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface CalendarEventFields {
  subject: string;
  body: { contentType: 'html'; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isOnlineMeeting: true;
  onlineMeetingProvider: 'teamsForBusiness';
  hideAttendees: true;
}

export function renderCalendarEvent(m: Messages, current: Case, meeting: Meeting): CalendarEventFields {
  const text = m.calendar;
  const start = new Date(meeting.startsAt);
  // A held meeting is recorded with the length the checklist gives, if it was answered.
  const recorded = meeting.status === 'held' ? Number(meeting.answers.evalLengthMinutes) : Number.NaN;
  const minutes = Number.isInteger(recorded) && recorded > 0 ? recorded : MEETING_MINUTES;
  const agenda = AGENDA.map((key) => `<li>${escapeHtml(m.checklist.questions[key] ?? key)}</li>`).join('');
  const content = `<p>${escapeHtml(text.intro(current.reference))}</p><p><b>${escapeHtml(text.agendaTitle)}</b></p><ul>${agenda}</ul><p>${escapeHtml(text.footer)}</p>`;
  return {
    subject: text.subject(current.reference, meetingNumber(meeting), meeting.status === 'held'),
    body: { contentType: 'html', content },
    start: graphTime(start),
    end: graphTime(new Date(start.getTime() + minutes * 60_000)),
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    hideAttendees: true,
  };
}
