// Closing a meeting (the four closing questions), the young person's approval of the minutes or the
// changes they ask for, the minutes, the eye-keeper's acknowledgement, and the `afslut` command; closing
// an internal coordination meeting, which has none of these.
import { z } from 'zod';
import { approvalCard, closeMeetingCard, minutesCard } from '../../../cards/goalCards';
import { checklistCard } from '../../../cards/meetingCards';
import { feedbackCard } from '../../../cards/feedbackCard';
import { handOverCard } from '../../../cards/handOverCards';
import { acknowledgeCaseHandOver, approveAndCirculate, closeInternalCoordinationMeeting, closeNetworkMeeting, recordCaseFeedbackGiven, recordClosingCard, sendBackForChanges } from '../../app/closeMeeting';
import { readCase } from '../../app/readCase';
import { DomainError } from '../../domain/errors';
import { farNextMeetingCard } from '../../../cards/rhythmCards';
import { meetingById, meetingNumber } from '../../domain/meeting';
import { viewCommand } from './case';
import { id, optionalText, toggle, withCase } from './data';
import { cardAfterChange, verb } from './turn';

const ofMeeting = { ...withCase, meetingId: id };

/** What the closing card sends (ClosingAnswers). */
const closingAnswerFields = {
  waitingArrangement: optionalText,
  feedbackMemberId: optionalText,
  eyeKeeperMemberId: optionalText,
  acuteContactMemberId: optionalText,
  nextMeetingDate: optionalText,
  nextMeetingTime: optionalText,
  summary: optionalText,
  /** The closing card's toggle: close although checklist sections are not filled in; older cards send none. */
  confirmEmptySections: toggle,
};

export const closingVerbs = [
  verb(
    'meeting.close',
    z.object({
      ...ofMeeting,
      ...closingAnswerFields,
      /** The toggle beside the waiting-time question; older cards send none. */
      noWaitingTime: toggle,
      /** Sent by the confirmation card when the next meeting is more than four months away (issue 14); older cards send none. */
      confirmFarNextMeeting: toggle,
    }),
    async (turn, { caseId, meetingId, noWaitingTime, ...input }) => {
      // "No waiting time" answers the question in the form's words when nothing is written there; a written answer wins.
      const waitingArrangement = input.waitingArrangement?.trim() || (noWaitingTime ? turn.m.cards.goals.noWaitingTime : undefined);
      const answers = { ...input, waitingArrangement };
      let changed;
      try {
        changed = await closeNetworkMeeting(turn.deps, turn.actor, caseId, meetingId, answers, turn.activityId);
      } catch (error) {
        // The next meeting is more than four months off: the second step, nothing saved until it is confirmed.
        if (!(error instanceof DomainError && error.code === 'nextMeetingFarOff')) throw error;
        const read = await readCase(turn.deps, turn.actor, caseId, 'closing');
        return { card: farNextMeetingCard(turn.m, read.case, meetingId, answers, String(error.details.nextMeetingAt), String(error.details.latest)) };
      }
      const meeting = meetingById(changed, meetingId);
      const notice = turn.m.cards.goals.confirmations.meetingClosed(meetingNumber(meeting));
      return cardAfterChange(turn, changed, (read) => approvalCard(turn.m, read, meeting, turn.deps.now(), notice), notice);
    },
  ),
  /** Back from the far-off confirmation to the closing card, with the answers the coordinator had given still in it. */
  verb('meeting.closeEdit', z.object({ ...ofMeeting, ...closingAnswerFields }), async ({ deps, actor, m }, { caseId, meetingId, ...answers }) => {
    const read = await readCase(deps, actor, caseId, 'closing');
    const meeting = meetingById(read.case, meetingId);
    // Closed meanwhile (another click, another device): its approval is what is left to do.
    return { card: meeting.status === 'open' ? closeMeetingCard(m, read, meeting, deps.now(), answers) : approvalCard(m, read, meeting, deps.now()) };
  }),
  /** Ends an internal meeting; the reply is its checklist as recorded (who took part). */
  verb('meeting.closeInternal', z.object({ ...ofMeeting, confirmEmptySections: toggle }), async (turn, { caseId, meetingId, confirmEmptySections }) => {
    const changed = await closeInternalCoordinationMeeting(turn.deps, turn.actor, { caseId, meetingId, confirmEmptySections, activityId: turn.activityId });
    const notice = turn.m.cards.meeting.closedInternal;
    return cardAfterChange(turn, changed, (read) => checklistCard(turn.m, read, meetingById(changed, meetingId), notice), notice);
  }),
  /** The coordinator records the young person's approval; the circulation is written to the outbox. */
  verb('minutes.approve', z.object({ ...ofMeeting, approvedOn: optionalText }), async (turn, { caseId, meetingId, approvedOn }) => {
    const notice = turn.m.cards.goals.confirmations.approved;
    const changed = await approveAndCirculate(turn.deps, turn.actor, caseId, meetingId, approvedOn, turn.activityId);
    return cardAfterChange(turn, changed, (read) => approvalCard(turn.m, read, meetingById(changed, meetingId), turn.deps.now(), notice), notice);
  }),
  verb('minutes.sendBack', z.object({ ...ofMeeting, changes: optionalText }), async (turn, { caseId, meetingId, changes }) => {
    const notice = turn.m.cards.goals.confirmations.sentBack;
    const changed = await sendBackForChanges(turn.deps, turn.actor, caseId, meetingId, changes, turn.activityId);
    return cardAfterChange(turn, changed, (read) => approvalCard(turn.m, read, meetingById(changed, meetingId), turn.deps.now(), notice), notice);
  }),
  /** `theme`: as `goals.show`. */
  verb('minutes.show', z.object({ ...ofMeeting, theme: z.string().max(50).optional() }), async ({ deps, actor, m }, { caseId, meetingId, theme }) => {
    const read = await readCase(deps, actor, caseId, 'goals');
    return { card: minutesCard(m, read, meetingById(read.case, meetingId), theme) };
  }),
  /** Back from the minutes to the approval card of the same meeting (the coordinator's next step until approved). */
  verb('minutes.approval', z.object(ofMeeting), async ({ deps, actor, m }, { caseId, meetingId }) => {
    const read = await readCase(deps, actor, caseId, 'closing');
    return { card: approvalCard(m, read, meetingById(read.case, meetingId), deps.now()) };
  }),
  verb('handOver.acknowledge', z.object(ofMeeting), async (turn, { caseId, meetingId }) => {
    const changed = await acknowledgeCaseHandOver(turn.deps, turn.actor, caseId, meetingId, turn.activityId);
    return cardAfterChange(turn, changed, (read) => handOverCard(turn.m, read, meetingById(changed, meetingId)), turn.m.cards.goals.confirmations.handOverAcknowledged);
  }),
  /** From the feedback reminder: the giver, or the coordinator relaying; the reply is the reminder, recorded. */
  /** `from`: `minutes` when clicked on the minutes, which are then the reply; older and reminder cards send none. */
  verb('feedback.given', z.object({ ...ofMeeting, from: z.enum(['minutes']).optional() }), async (turn, { caseId, meetingId, from }) => {
    const changed = await recordCaseFeedbackGiven(turn.deps, turn.actor, caseId, meetingId, turn.activityId);
    const meeting = meetingById(changed, meetingId);
    const labels = turn.m.cards.reminders;
    return cardAfterChange(
      turn,
      changed,
      (read) => (from === 'minutes' ? minutesCard(turn.m, read, meeting) : feedbackCard(turn.m, read.case, meeting, read.viewer, labels.feedbackTitle(changed.reference, meetingNumber(meeting)), labels.feedbackRecorded)),
      labels.feedbackRecorded,
    );
  }),
];

export const closingCommands = {
  /** Its card is remembered on the meeting it is about, and put right when that meeting is closed and approved. */
  closeMeeting: viewCommand('closing', { da: ['afslut'], en: ['close meeting'] }, { remember: ({ deps, actor }, caseId, posted) => recordClosingCard(deps, actor, caseId, posted) }),
};
