// What the whole channel thread or group chat sees: every member of the channel, in the team or not,
// with consent or not. These cards are rendered from a ChannelCard alone, and a ChannelCard holds only
// ids, the case reference, numbers, dates and closed codes (rendered through i18n): no field of it can
// hold a name or a text a person typed, so no call site can put one in front of the channel. The
// details come to the case's team members as their own view (refresh.userIds) or by the button.
import { DateTime } from 'luxon';
import { type Case, teamsMemberIds } from '../bot/domain/case';
import { MODEL_ZONE } from '../bot/domain/fields';
import { type Meeting, type MeetingLabel, type MeetingStatus, checklistProgress, meetingLabel } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import type { DetailView } from './views';
import { type AdaptiveCardJson, renderCard } from './render';

/** Teams shows user-specific views to at most 60 users. */
const MAX_REFRESH_USERS = 60;

declare const checkedCode: unique symbol;
/** An id or a reference: made only by `code`, which refuses anything that reads like words. */
export type Code = string & { readonly [checkedCode]: true };

// Ids (uuids, Teams' `29:…` ids) and references (`S-7KQ2M`): no spaces, no markdown, bounded.
const CODE = /^[A-Za-z0-9:_.=+/-]{1,200}$/;

const isCode = (value: string): value is Code => CODE.test(value);

export function code(value: string): Code {
  if (!isCode(value)) throw new Error('a channel card holds ids and references only');
  return value;
}

/** The case as the channel may know it. */
interface ChannelCase {
  caseId: Code;
  reference: Code;
  /** The team's Teams users (at most 60): their view of the card refreshes to the details by itself. */
  refreshUserIds: Code[];
}

interface ChannelMeeting {
  meetingId: Code;
  /** None while planned or once cancelled (meeting.ts: meetingNumber); an internal meeting is named as such. */
  number: MeetingLabel;
  startsAt: Date;
  /** Only the state, never why: a cancellation's reason is for the team's checklist. */
  status: MeetingStatus;
}

type ChannelCard =
  | { kind: 'case'; case: ChannelCase; view: DetailView }
  | { kind: 'meeting'; case: ChannelCase; meeting: ChannelMeeting; answered: number; total: number }
  | { kind: 'minutes'; case: ChannelCase; meeting: ChannelMeeting; nextMeeting: ChannelMeeting | undefined };

function channelCase(current: Case): ChannelCase {
  return {
    caseId: code(current.id),
    reference: code(current.reference),
    // A Teams user id of a form not foreseen only loses its user's automatic refresh, never the post.
    refreshUserIds: teamsMemberIds(current).filter(isCode).slice(0, MAX_REFRESH_USERS),
  };
}

function channelMeeting(meeting: Meeting): ChannelMeeting {
  return { meetingId: code(meeting.id), number: meetingLabel(meeting), startsAt: new Date(meeting.startsAt), status: meeting.status };
}

/** `sag`, `team`, `samtykke`, `mål`, `afslut` in a channel or group chat, and a new case's first post. */
export function baseCard(m: Messages, current: Case, view: DetailView): AdaptiveCardJson {
  return renderChannelCard(m, { kind: 'case', case: channelCase(current), view });
}

/** A meeting's checklist as the channel sees it: its number, time, state and progress. */
export function meetingBaseCard(m: Messages, current: Case, meeting: Meeting): AdaptiveCardJson {
  return renderChannelCard(m, { kind: 'meeting', case: channelCase(current), meeting: channelMeeting(meeting), ...checklistProgress(current, meeting) });
}

/** The circulated minutes as the channel sees them: the reference, the next meeting, a button. */
export function minutesBaseCard(m: Messages, current: Case, meeting: Meeting): AdaptiveCardJson {
  const next = meeting.closure && current.meetings.find((candidate) => candidate.id === meeting.closure?.nextMeetingId);
  return renderChannelCard(m, { kind: 'minutes', case: channelCase(current), meeting: channelMeeting(meeting), nextMeeting: next ? channelMeeting(next) : undefined });
}

function meetingTime(startsAt: Date): string {
  return DateTime.fromJSDate(startsAt).setZone(MODEL_ZONE).toFormat('yyyy-MM-dd HH:mm');
}

/** The only way a channel card is made: from a ChannelCard and the labels, nothing else. */
function renderChannelCard(m: Messages, card: ChannelCard): AdaptiveCardJson {
  const { caseId, reference, refreshUserIds: userIds } = card.case;
  switch (card.kind) {
    case 'case': {
      const titles: Record<DetailView, string> = {
        overview: m.cards.threadBase.title(reference),
        team: m.cards.team.title(reference),
        consent: m.cards.consent.title(reference),
        goals: m.cards.goals.title(reference),
        closing: m.cards.goals.closingBaseTitle(reference),
      };
      const labels = m.cards.threadBase;
      return renderCard('base', { caseId, view: card.view, title: titles[card.view], text: labels.body, showDetails: labels.showDetails, userIds });
    }
    case 'meeting': {
      const labels = m.cards.meeting;
      return renderCard('meetingBase', {
        caseId,
        meetingId: card.meeting.meetingId,
        labels,
        title: labels.title(reference, card.meeting.number),
        body: labels.baseBody,
        startsAt: meetingTime(card.meeting.startsAt),
        state: labels.states[card.meeting.status],
        progress: labels.progress(card.answered, card.total),
        userIds,
      });
    }
    case 'minutes': {
      const labels = m.cards.goals;
      const next = card.nextMeeting;
      const nextText = !next ? labels.notPlanned : next.status === 'planned' ? meetingTime(next.startsAt) : `${meetingTime(next.startsAt)} (${m.cards.meeting.states[next.status]})`;
      return renderCard('minutesBase', {
        caseId,
        meetingId: card.meeting.meetingId,
        labels,
        title: labels.minutesBaseTitle(reference, card.meeting.number),
        body: labels.minutesBaseBody,
        nextMeeting: nextText,
        userIds,
      });
    }
  }
}
