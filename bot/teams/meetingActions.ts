// The meeting's card actions: open, plan, show, answer the checklist, cancel. An answer and a
// cancellation update the checklist's channel card for everyone through the outbox (app/runMeeting.ts).
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { answerFingerprint } from '../../cards/fingerprint';
import { meetingBaseCard } from '../../cards/channelCards';
import { checklistCard, formatMeetingTime } from '../../cards/meetingCards';
import { messageCard } from '../../cards/messageCard';
import type { Actor, AppDeps } from '../app/context';
import { changerView, readCase } from '../app/readCase';
import { answerMeetingChecklist, cancelNetworkMeeting, openNetworkMeeting, planNetworkMeeting, recordChecklistCard } from '../app/runMeeting';
import { meetingById, openMeetingOf, plannedMeetingOf } from '../domain/meeting';
import type { Messages } from '../i18n';
import { conversationKind } from './actor';
import type { CardAction } from './cardActions';
import { cardActivity } from './replies';
import { cardResponse } from './replies';

type MeetingAction = Extract<CardAction, { verb: 'meeting.open' | 'meeting.plan' | 'meeting.show' | 'meeting.answer' | 'meeting.cancel' }>;

/**
 * Only the inputs the person changed, measured against what their card showed (`seen` holds a
 * fingerprint per input): what others answered meanwhile is not overwritten with stale values.
 */
function changedAnswers(data: Record<string, unknown>, seen: Record<string, string>): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const [questionId, shownFingerprint] of Object.entries(seen)) {
    const submitted = data[questionId];
    const value = typeof submitted === 'string' ? submitted : '';
    if (answerFingerprint(value) !== shownFingerprint) changes[questionId] = value;
  }
  return changes;
}

export async function runMeetingAction(
  context: TurnContext,
  deps: AppDeps,
  actor: Actor,
  m: Messages,
  action: MeetingAction,
): Promise<AdaptiveCardInvokeResponse> {
  const labels = m.cards.meeting;
  const activityId = context.activity.id;
  switch (action.verb) {
    case 'meeting.open': {
      const { caseId, meetingDate, meetingTime } = action.data;
      const opened = await openNetworkMeeting(deps, actor, caseId, { date: meetingDate, time: meetingTime }, activityId);
      const meeting = openMeetingOf(opened);
      if (!meeting) throw new Error('an opened meeting is missing');
      // A redelivered open finds the checklist posted already.
      if (!meeting.card) {
        const isPersonal = conversationKind(context.activity) === 'personal';
        const card = isPersonal ? checklistCard(m, await readCase(deps, actor, caseId, 'checklist'), meeting) : meetingBaseCard(m, opened, meeting);
        const posted = await context.sendActivity(cardActivity(card));
        if (posted?.id) await recordChecklistCard(deps, actor, caseId, meeting.id, { conversationId: context.activity.conversation.id, activityId: posted.id });
      }
      return cardResponse(messageCard(labels.opened(meeting.number), '', 'good'));
    }
    case 'meeting.plan': {
      const { caseId, meetingDate, meetingTime } = action.data;
      const planned = plannedMeetingOf(await planNetworkMeeting(deps, actor, caseId, { date: meetingDate, time: meetingTime }, activityId));
      if (!planned) throw new Error('a planned meeting is missing');
      return cardResponse(messageCard(labels.planned(planned.number, formatMeetingTime(planned.startsAt)), '', 'good'));
    }
    case 'meeting.show': {
      const read = await readCase(deps, actor, action.data.caseId, 'checklist');
      return cardResponse(checklistCard(m, read, meetingById(read.case, action.data.meetingId), '', action.data.page));
    }
    case 'meeting.answer': {
      const { caseId, meetingId, seen, page } = action.data;
      const changed = await answerMeetingChecklist(deps, actor, caseId, meetingId, changedAnswers(action.data, seen), activityId);
      const meeting = meetingById(changed, meetingId);
      const read = changerView(changed, actor);
      return cardResponse(read ? checklistCard(m, read, meeting, labels.saved, page) : messageCard(labels.saved, ''));
    }
    case 'meeting.cancel': {
      const { caseId, meetingId, reason, otherReason } = action.data;
      const changed = await cancelNetworkMeeting(deps, actor, caseId, meetingId, reason, otherReason, activityId);
      const meeting = meetingById(changed, meetingId);
      return cardResponse(messageCard(labels.cancelled(meeting.number), '', 'good'));
    }
  }
}
