// A case's meeting as the tab shows it in a Teams meeting's side panel: the meeting's checklist
// (mødetjekliste) and the goals and agreements form (mål- og aftaleskema), for one reader. What may be
// answered and written is what the cards offer the same reader (cards/meetingCards.ts: checklistForm,
// cards/goalCards.ts: goalsFormInputs), so the two cannot drift apart.
import { mayReadMeeting } from '../domain/access';
import type { Case, TeamMember } from '../domain/case';
import { meetingPhase } from '../domain/checklist';
import type { Meeting } from '../domain/meeting';
import type { Messages } from '../i18n';
import { goalsFormGoals, goalsFormInputs } from '../../cards/goalCards';
import { checklistForm } from '../../cards/meetingCards';

/**
 * The meeting the side panel is about when none is asked for, of those this reader may read (an
 * internal meeting is the professionals' own): the open one; else the one just held whose minutes await
 * the young person's approval (its attendance and evaluation are filled in after it, checklist.ts);
 * else the next planned one.
 */
export function panelMeetingOf(current: Case, viewer: TeamMember): Meeting | undefined {
  const readable = current.meetings.filter((meeting) => mayReadMeeting(meeting, viewer));
  const planned = readable.filter((meeting) => meeting.status === 'planned').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const awaitingApproval = readable.filter((meeting) => meetingPhase(meeting) === 'awaitingApproval').at(-1);
  return readable.find((meeting) => meeting.status === 'open') ?? awaitingApproval ?? planned[0];
}

/** The form's words the panel needs, in the reader's language: the cards' own. */
function goalsLabels(m: Messages) {
  const goals = m.cards.goals;
  return {
    heading: goals.goalsHeading,
    noGoals: goals.noGoals,
    responsibles: goals.responsibles,
    agreements: goals.agreements,
    noAgreements: goals.noAgreements,
    addGoal: goals.addGoal,
    addAgreement: goals.addAgreement,
    theme: goals.theme,
    longTermGoal: goals.longTermGoal,
    subGoals: goals.subGoals,
    action: goals.action,
    owner: goals.owner,
    followUpOn: goals.followUpOn,
    followUpMethod: goals.followUpMethod,
    followUpMethodOther: goals.followUpMethodOther,
    needsVisitationTitle: goals.needsVisitationTitle,
    revise: goals.revise,
    saveRevision: goals.saveRevision,
    mark: goals.mark,
    reached: goals.reached,
    yes: goals.yes,
    no: goals.no,
    reason: goals.reason,
    saveOutcome: goals.saveOutcome,
    choose: goals.choose,
    save: goals.save,
  };
}

export type MeetingPanel = ReturnType<typeof meetingPanel>;

/**
 * The panel for `viewer`: the meeting `meetingId` when the page asks for one it showed (an answer to
 * it), else panelMeetingOf; a meeting the viewer may not read is not shown.
 */
export function meetingPanel(current: Case, viewer: TeamMember, m: Messages, { meetingId, notice = '' }: { meetingId?: string; notice?: string } = {}) {
  const read = { case: current, viewer };
  const meeting = current.meetings.find((candidate) => candidate.id === meetingId) ?? panelMeetingOf(current, viewer);
  const { canWrite, readOnlyNote, themeChoices, ownerChoices, methodChoices } = goalsFormInputs(m, read);
  return {
    caseId: current.id,
    reference: current.reference,
    youngPersonName: current.youngPerson.name,
    notice,
    meeting: meeting && mayReadMeeting(meeting, viewer) ? { id: meeting.id, ...checklistForm(m, read, meeting) } : undefined,
    noMeeting: m.tab.meeting.noMeeting,
    checklistLabels: { heading: m.tab.meeting.checklist, progress: m.cards.meeting.progressTitle, save: m.tab.meeting.saveAnswer },
    goals: {
      canWrite,
      readOnlyNote,
      labels: goalsLabels(m),
      themes: goalsFormGoals(m, current),
      themeChoices,
      ownerChoices,
      methodChoices,
    },
  };
}
