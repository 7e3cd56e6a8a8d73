// What the whole channel thread or group chat sees: every member of the channel, in the team or not,
// with consent or not. These cards are rendered from a ChannelCard alone, and a ChannelCard holds only
// ids, the case reference, numbers, dates and closed codes (rendered through i18n), and one name: the
// coordinator's Teams name, so that a thread can be found among twenty (issue 11, section 8). No other
// field can hold a name or a text a person typed, so no call site can put one in front of the channel;
// nothing of the young person ever. The details come to the case's team members as their own view
// (refresh.userIds) or by the button.
import { type Case, coordinatorOf, teamsMemberIds } from '../bot/domain/case';
import { type MeetingState, meetingStateOf } from '../bot/domain/checklist';
import { type Meeting, type MeetingLabel, type MeetingStatus, checklistProgress, closingMeetingOf, meetingLabel, nextMeetingOf } from '../bot/domain/meeting';
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
  /**
   * The coordinator's Teams display name: a professional's, which Teams shows the channel beside each
   * of their own posts anyway. Never the young person's or another member's name.
   */
  coordinatorName: string;
  openedAt: Date;
  /** The open meeting, else the planned one. */
  nextMeeting: ChannelMeeting | undefined;
}

interface ChannelMeeting {
  meetingId: Code;
  /** None while planned or once cancelled (meeting.ts: meetingNumber); an internal meeting is named as such. */
  number: MeetingLabel;
  startsAt: Date;
  /** Only the state, never why: a cancellation's reason is for the team's checklist. */
  status: MeetingStatus;
  /** The state as the thread says it: a held meeting is closed, its minutes approved or not. */
  phase: MeetingState;
}

type ChannelCard =
  /** `closing`: the meeting `afslut` is about (the open one, else the last closed one), for the closing view. */
  | { kind: 'case'; case: ChannelCase; view: DetailView; closing: ChannelMeeting | undefined }
  | { kind: 'meeting'; case: ChannelCase; meeting: ChannelMeeting; answered: number; total: number }
  | { kind: 'minutes'; case: ChannelCase; meeting: ChannelMeeting; nextMeeting: ChannelMeeting | undefined };

function channelCase(current: Case): ChannelCase {
  const coordinator = coordinatorOf(current).person;
  const next = nextMeetingOf(current);
  return {
    caseId: code(current.id),
    reference: code(current.reference),
    // A Teams user id of a form not foreseen only loses its user's automatic refresh, never the post.
    refreshUserIds: teamsMemberIds(current).filter(isCode).slice(0, MAX_REFRESH_USERS),
    coordinatorName: coordinator.kind === 'teams' ? coordinator.name : '',
    openedAt: new Date(current.createdAt),
    nextMeeting: next && channelMeeting(next),
  };
}

function channelMeeting(meeting: Meeting): ChannelMeeting {
  return { meetingId: code(meeting.id), number: meetingLabel(meeting), startsAt: new Date(meeting.startsAt), status: meeting.status, phase: meetingStateOf(meeting) };
}

/**
 * `sag`, `team`, `samtykke`, `mål`, `afslut`, `teamstatus` in a channel or group chat, and a new case's
 * first post. `afslut`'s card names the meeting it is about now, or, when put right later, the one it was
 * posted for (`closingMeeting`): another meeting opened since has cards of its own.
 */
export function baseCard(m: Messages, current: Case, view: DetailView, closingMeeting?: Meeting): AdaptiveCardJson {
  const closing = view === 'closing' ? (closingMeeting ?? closingMeetingOf(current)) : undefined;
  return renderChannelCard(m, { kind: 'case', case: channelCase(current), view, closing: closing && channelMeeting(closing) });
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

function meetingTime(m: Messages, startsAt: Date): string {
  return m.dates.shortDateTime(startsAt.toISOString());
}

/** The thread's first post: who coordinates, since when, and the next meeting (issue 11, section 8). */
function caseFacts(m: Messages, card: ChannelCase): { title: string; value: string }[] {
  const labels = m.cards.threadBase;
  const next = card.nextMeeting;
  const nextText = !next ? labels.noMeeting : next.status === 'open' ? labels.underWay(meetingTime(m, next.startsAt)) : meetingTime(m, next.startsAt);
  return [
    ...(card.coordinatorName ? [{ title: labels.coordinator, value: card.coordinatorName }] : []),
    { title: labels.openedOn, value: m.dates.short(card.openedAt.toISOString()) },
    { title: labels.nextMeeting, value: nextText },
  ];
}

/** `afslut`'s post: which meeting, and its state, so that a post of an earlier state never stays saying it. */
function closingFacts(m: Messages, meeting: ChannelMeeting | undefined): { title: string; value: string }[] {
  const labels = m.cards.threadBase;
  return meeting ? [{ title: labels.meeting, value: labels.meetingNo(meeting.number) }, { title: labels.state, value: m.cards.meeting.phases[meeting.phase] }] : [];
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
        teamStatus: m.cards.teamStatus.title(reference),
        network: m.cards.network.title(reference),
        networkOverview: m.cards.networkOverview.title(reference),
        interventions: m.cards.interventions.title(reference),
        measures: m.cards.measures.title(reference),
        adultHandOver: m.cards.rhythm.handOverTitle(reference),
      };
      const labels = m.cards.threadBase;
      const facts = card.view === 'overview' ? caseFacts(m, card.case) : card.view === 'closing' ? closingFacts(m, card.closing) : [];
      return renderCard('base', { caseId, view: card.view, title: titles[card.view], text: labels.body, facts, showDetails: labels.showDetails, userIds });
    }
    case 'meeting': {
      const labels = m.cards.meeting;
      return renderCard('meetingBase', {
        caseId,
        meetingId: card.meeting.meetingId,
        labels,
        title: labels.title(reference, card.meeting.number),
        body: labels.baseBody,
        startsAt: meetingTime(m, card.meeting.startsAt),
        state: labels.phases[card.meeting.phase],
        progress: labels.progress(card.answered, card.total),
        userIds,
      });
    }
    case 'minutes': {
      const labels = m.cards.goals;
      const next = card.nextMeeting;
      const nextText = !next ? labels.notPlanned : next.status === 'planned' ? meetingTime(m, next.startsAt) : `${meetingTime(m, next.startsAt)} (${m.cards.meeting.states[next.status]})`;
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
