// The network meeting, or an internal coordination meeting of the professionals (seed 003, chosen on the
// same card): open, plan, show and answer its checklist (mødetjekliste), cancel, and the `møde` and
// `aflys` commands. An answer and a cancellation update the checklist's channel card for
// everyone through the outbox (app/runMeeting.ts).
import { z } from 'zod';
import { meetingBaseCard } from '../../../cards/channelCards';
import { checklistCard, meetingCancelCard, meetingOpenCard } from '../../../cards/meetingCards';
import { messageCard } from '../../../cards/messageCard';
import { changedAnswers } from '../../app/checklistAnswers';
import { caseForConversationCard, changerView, readCase } from '../../app/readCase';
import { answerMeetingChecklist, cancelNetworkMeeting, openNetworkMeeting, planNetworkMeeting, recordChecklistCard } from '../../app/runMeeting';
import { DomainError } from '../../domain/errors';
import { MEETING_KINDS, cancellableMeetingsOf, isInternalMeeting, meetingById, meetingLabel, openMeetingOf, plannedMeetingOf } from '../../domain/meeting';
import { NO_TRANSITION, TRANSITION_AGE_LABELS } from '../../domain/transitions';
import { cardActivity, writeCommandIn } from '../replies';
import { caseHere } from './caseHere';
import { answerValue, id, optionalText, withCase } from './data';
import { type CommandDeclaration, verb } from './turn';

/** The checklist's page to show whole (a section, or `attendance-2` …), when it does not fit one card. */
const checklistPage = z.string().max(50).optional();

/** `kind`: the card's choice; a card posted before internal meetings existed sends none, a network meeting. */
/** `transitionAge`: the card's choice of a transition meeting (issue 14), `none` (or '') for none; older cards send none. */
const meetingTimeData = z.object({
  ...withCase,
  meetingDate: optionalText,
  meetingTime: optionalText,
  kind: z.enum(MEETING_KINDS).optional(),
  transitionAge: z
    .union([z.enum(TRANSITION_AGE_LABELS), z.literal(NO_TRANSITION), z.literal('')])
    .optional()
    .transform((age) => (age === NO_TRANSITION || !age ? undefined : age)),
});

export const meetingVerbs = [
  verb('meeting.open', meetingTimeData, async (turn, { caseId, meetingDate, meetingTime, kind, transitionAge }) => {
    const { context, deps, actor, m, conversation, activityId } = turn;
    const opened = await openNetworkMeeting(deps, actor, caseId, { date: meetingDate, time: meetingTime }, activityId, kind, transitionAge);
    const meeting = openMeetingOf(opened);
    if (!meeting) throw new Error('an opened meeting is missing');
    // A redelivered open finds the checklist posted already.
    if (!meeting.card) {
      const card = conversation === 'personal' ? checklistCard(m, await readCase(deps, actor, caseId, 'checklist', meeting.id), meeting) : meetingBaseCard(m, opened, meeting);
      const posted = await context.sendActivity(cardActivity(card));
      if (posted?.id) await recordChecklistCard(deps, actor, caseId, meeting.id, { conversationId: context.activity.conversation.id, activityId: posted.id });
    }
    return { card: messageCard(m.cards.meeting.opened(meetingLabel(meeting)), '', 'good') };
  }),
  verb('meeting.plan', meetingTimeData, async ({ deps, actor, m, activityId, conversation }, { caseId, meetingDate, meetingTime, kind = 'network', transitionAge }) => {
    const planned = plannedMeetingOf(await planNetworkMeeting(deps, actor, caseId, { date: meetingDate, time: meetingTime }, activityId, kind, transitionAge), kind);
    if (!planned) throw new Error('a planned meeting is missing');
    const said = kind === 'internal' ? m.cards.meeting.internalPlanned : m.cards.meeting.planned;
    return { card: messageCard(said(m.dates.dateTime(planned.startsAt), writeCommandIn(conversation)), '', 'good') };
  }),
  verb('meeting.show', z.object({ ...withCase, meetingId: id, page: checklistPage }), async ({ deps, actor, m }, { caseId, meetingId, page }) => {
    const read = await readCase(deps, actor, caseId, 'checklist', meetingId);
    return { card: checklistCard(m, read, meetingById(read.case, meetingId), '', page) };
  }),
  /** The inputs of one checklist section, under their question ids, and what the card showed (`seen`). */
  verb(
    'meeting.answer',
    z.object({ ...withCase, meetingId: id, seen: z.record(z.string().max(200), answerValue), page: checklistPage }).catchall(answerValue),
    async (turn, data) => {
      const { caseId, meetingId, seen, page } = data;
      const { deps, actor, m } = turn;
      const changed = await answerMeetingChecklist(deps, actor, caseId, meetingId, changedAnswers(data, seen), turn.activityId);
      const meeting = meetingById(changed, meetingId);
      const read = changerView(changed, actor);
      return { card: read ? checklistCard(m, read, meeting, m.cards.meeting.saved, page) : messageCard(m.cards.meeting.saved, '') };
    },
  ),
  verb('meeting.cancel', z.object({ ...withCase, meetingId: id, reason: optionalText, otherReason: optionalText }), async (turn, { caseId, meetingId, reason, otherReason }) => {
    const changed = await cancelNetworkMeeting(turn.deps, turn.actor, { caseId, meetingId, reason, otherReason, activityId: turn.activityId });
    const meeting = meetingById(changed, meetingId);
    const said = isInternalMeeting(meeting) ? turn.m.cards.meeting.cancelledInternal : turn.m.cards.meeting.cancelled;
    return { card: messageCard(said(turn.m.dates.dateTime(meeting.startsAt)), '', 'good') };
  }),
];

export const meetingCommands = {
  /** No meeting open: the card to open or plan one; else the open meeting's checklist (its base card outside a 1:1 chat). */
  openMeeting: {
    aliases: { da: ['møde'], en: ['open meeting', 'meeting'] },
    manifestScopes: ['team', 'groupChat', 'personal'],
    async handle(turn) {
      const { context, deps, actor, m, conversation } = turn;
      const caseId = await caseHere(turn);
      if (!caseId) return;
      const current = await caseForConversationCard(deps, actor, caseId);
      const open = openMeetingOf(current);
      if (!open) await context.sendActivity(cardActivity(meetingOpenCard(m, current, deps.now())));
      else if (conversation === 'personal') await context.sendActivity(cardActivity(checklistCard(m, await readCase(deps, actor, caseId, 'checklist', open.id), open)));
      else await context.sendActivity(cardActivity(meetingBaseCard(m, current, open)));
    },
  },
  /** The open meeting, else the planned one: a card for each when a network and an internal meeting are both planned. */
  cancelMeeting: {
    aliases: { da: ['aflys'], en: ['cancel'] },
    manifestScopes: ['team', 'groupChat', 'personal'],
    async handle(turn) {
      const caseId = await caseHere(turn);
      if (!caseId) return;
      const current = await caseForConversationCard(turn.deps, turn.actor, caseId);
      const meetings = cancellableMeetingsOf(current);
      if (meetings.length === 0) throw new DomainError('noMeetingToCancel');
      for (const meeting of meetings) await turn.context.sendActivity(cardActivity(meetingCancelCard(turn.m, current, meeting)));
    },
  },
} satisfies Record<string, CommandDeclaration>;
