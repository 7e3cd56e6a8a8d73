// The meeting cards: opening or planning one, the checklist itself (mødetjekliste) for team members,
// and cancelling. The checklist's channel card is in channelCards.ts.
import { DateTime } from 'luxon';
import type { Case, TeamMember } from '../bot/domain/case';
import {
  ANSWER_CHOICES,
  CANCELLATION_REASONS,
  CHECKLIST_SECTIONS,
  type ChecklistPhase,
  type ChecklistQuestion,
  type ChecklistSection,
  SECTION_WINDOWS,
  isAnswerableIn,
  meetingPhase,
  onlyCoordinatorAnswers,
} from '../bot/domain/checklist';
import { MODEL_ZONE, localDate } from '../bot/domain/fields';
import { type AnswerValue, type Meeting, checklistProgress, checklistQuestions, meetingNumber, plannedMeetingOf, progressOf } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { answerFingerprint } from './fingerprint';
import { firstFitting } from './budget';
import { type AdaptiveCardJson, renderCard } from './render';
import { coordinatorName, memberName, roleName, shortName, shortRole } from './people';

const MEMBER_ID_IN_QUESTION = /^(?:attended|absenceReason)_(.+)$/;

export function formatMeetingTime(startsAt: string): string {
  return DateTime.fromISO(startsAt).setZone(MODEL_ZONE).toFormat('yyyy-MM-dd HH:mm');
}

/** Opening or planning a meeting; with a meeting planned, also the way to its checklist (preparation and roles come before the meeting). */
export function meetingOpenCard(m: Messages, current: Case, now: Date): AdaptiveCardJson {
  const labels = m.cards.meeting;
  const planned = plannedMeetingOf(current);
  return renderCard('meetingOpen', {
    caseId: current.id,
    labels: { ...labels, title: labels.openTitle(current.reference) },
    today: localDate(now),
    timeNow: DateTime.fromJSDate(now).setZone(MODEL_ZONE).toFormat('HH:mm'),
    plannedMeetingId: planned?.id ?? '',
    plannedIntro: planned ? labels.plannedIntro(formatMeetingTime(planned.startsAt)) : '',
  });
}

/** "Den unges netværksmøde nr.": the number, or why there is none (yet). */
function numberText(m: Messages, meeting: Meeting): string {
  const number = meetingNumber(meeting);
  if (number !== undefined) return String(number);
  return meeting.status === 'planned' ? m.cards.meeting.numberWhenOpened : m.cards.meeting.numberNone;
}

/** For the team's checklist, which says why a meeting was cancelled; the channel sees only the state. */
function stateText(m: Messages, meeting: Meeting): string {
  const labels = m.cards.meeting;
  if (meeting.status === 'cancelled' && meeting.cancellation) {
    const reason = m.checklist.cancellationReasons[meeting.cancellation.reason];
    return labels.cancelledBecause(meeting.cancellation.otherReason ? `${reason}: ${meeting.cancellation.otherReason}` : reason);
  }
  return labels.states[meeting.status];
}

interface QuestionView {
  id: string;
  label: string;
  input: 'choice' | 'toggle' | 'text' | 'number' | 'emptyNumber';
  choices: Array<{ title: string; value: string }>;
  guidance: string;
  /** What the input shows before anyone touches it; sent back as `seen`, so only changes are saved. */
  value: string;
  numberValue: number | null;
  display: string;
}

/** `short`: the member named as in lists of many (people.ts), when whole names make a page too large. */
function questionLabel(m: Messages, current: Case, question: ChecklistQuestion, short: boolean): string {
  const memberId = MEMBER_ID_IN_QUESTION.exec(question.id)?.[1];
  const member = memberId ? current.members.find((candidate) => candidate.id === memberId) : undefined;
  if (!member) return m.checklist.questions[question.id] ?? question.id;
  const who = short ? m.checklist.attended(shortRole(member, m), shortName(current, member, m)) : m.checklist.attended(roleName(member, m), memberName(current, member, m));
  return question.id.startsWith('attended_') ? who : `${who}. ${m.checklist.absenceReason}`;
}

function choicesFor(m: Messages, current: Case, question: ChecklistQuestion): Array<{ title: string; value: string }> {
  if (question.kind === 'member') {
    const eligible = current.members.filter((member: TeamMember) => member.role !== 'youngPerson');
    // Three such lists share a page: the name alone, cut short, keeps 60 members within a card.
    return eligible.map((member) => ({ title: shortName(current, member, m), value: member.id }));
  }
  const titles: Record<string, string> = { ...m.checklist.answers, ...m.statuses };
  return (ANSWER_CHOICES[question.kind] ?? []).map((value) => ({ title: titles[value] ?? value, value }));
}

function questionView(m: Messages, current: Case, question: ChecklistQuestion, answer: AnswerValue | undefined, short: boolean): QuestionView {
  const choices = choicesFor(m, current, question);
  const shown = answer === undefined ? '' : String(answer);
  const display = choices.find((choice) => choice.value === shown)?.title ?? (shown || m.cards.meeting.notAnswered);
  const base = { id: question.id, label: questionLabel(m, current, question, short), choices, guidance: m.checklist.agendaGuidance[question.id] ?? '', display };
  switch (question.kind) {
    case 'done':
      return { ...base, input: 'toggle', value: shown || 'no', numberValue: null, display: shown === 'yes' ? m.checklist.answers.done : m.cards.meeting.notAnswered };
    case 'text':
      return { ...base, input: 'text', value: shown, numberValue: null };
    case 'minutes':
      return { ...base, input: answer === undefined ? 'emptyNumber' : 'number', value: shown, numberValue: answer === undefined ? null : Number(answer) };
    default:
      return { ...base, input: 'choice', value: shown, numberValue: null };
  }
}

/** Attendance questions of this many members make one page of a checklist too large for one card. */
export const ATTENDANCE_PAGE_SIZE = 12;

interface ChecklistPage {
  /** The section, or `attendance-<n>` for the n-th page of members (from 2). */
  key: string;
  section: ChecklistSection;
  title: string;
  questions: ChecklistQuestion[];
}

/** The checklist's pages: one per section, the attendance of a large team over several. */
function checklistPages(m: Messages, questions: ChecklistQuestion[]): ChecklistPage[] {
  return CHECKLIST_SECTIONS.flatMap((section): ChecklistPage[] => {
    const inSection = questions.filter((question) => question.section === section);
    const title = m.checklist.sections[section];
    if (section !== 'attendance') return [{ key: section, section, title, questions: inSection }];
    const perMember = inSection.filter((question) => MEMBER_ID_IN_QUESTION.test(question.id));
    const others = inSection.filter((question) => !MEMBER_ID_IN_QUESTION.test(question.id));
    const size = ATTENDANCE_PAGE_SIZE * 2;
    const count = Math.max(1, Math.ceil(perMember.length / size));
    return Array.from({ length: count }, (_, index) => ({
      key: index === 0 ? section : `${section}-${index + 1}`,
      section,
      title: count === 1 ? title : m.cards.meeting.sectionPart(title, index + 1, count),
      // The others present ("Andre deltagere") come last, on the last page.
      questions: [...perMember.slice(index * size, (index + 1) * size), ...(index === count - 1 ? others : [])],
    }));
  });
}

/**
 * A section's progress, counting only the questions that wait for an answer (an absence reason only for
 * someone absent); the agenda's points are ticks, counted as covered.
 */
function sectionProgress(m: Messages, questions: ChecklistQuestion[], answers: Meeting['answers']): string {
  const labels = m.cards.meeting;
  const { answered, total } = progressOf(questions, answers);
  if (total > 0) return answered === total ? labels.sectionDone(total) : labels.progress(answered, total);
  const ticks = questions.filter((question) => question.kind === 'done');
  return ticks.length > 0 ? labels.coveredCount(ticks.filter((question) => answers[question.id] === 'yes').length, ticks.length) : '';
}

/** Why this reader sees a section's answers and no inputs; '' when they may answer it now. */
function readOnlyReason(m: Messages, section: ChecklistSection, phase: ChecklistPhase, viewerIsCoordinator: boolean): string {
  const labels = m.cards.meeting;
  // A cancelled meeting, or one whose minutes are approved, says so in its state; nothing is answered there any more.
  if (!isAnswerableIn(section, phase)) return phase === 'cancelled' || phase === 'approved' ? '' : (labels.sectionWhen[SECTION_WINDOWS[section]] ?? '');
  return onlyCoordinatorAnswers(section) && !viewerIsCoordinator ? labels.rolesByCoordinator : '';
}

/**
 * The checklist for one reader: every section with its answers; inputs for the sections this reader
 * may answer now (checklist.ts: each section's window; the roles by the coordinator).
 * When the whole checklist does not fit a card (a large team), one page (`page`, a key from
 * checklistPages) is shown whole and the others by title and progress with a button that shows them.
 */
export function checklistCard(m: Messages, { case: current, viewer }: ViewedCase, meeting: Meeting, notice = '', page?: string): AdaptiveCardJson {
  const labels = m.cards.meeting;
  const questions = checklistQuestions(current, meeting);
  const { answered, total } = checklistProgress(current, meeting);
  const phase = meetingPhase(meeting);
  const pages = checklistPages(m, questions);
  const shown = pages.some((candidate) => candidate.key === page) ? page : pages[0]?.key;
  const sections = (expandAll: boolean, short: boolean) =>
    pages.map((candidate) => {
      const expanded = expandAll || candidate.key === shown;
      const views = expanded ? candidate.questions.map((question) => questionView(m, current, question, meeting.answers[question.id], short)) : [];
      const whyReadOnly = readOnlyReason(m, candidate.section, phase, viewer.role === 'coordinator');
      // A section this reader may answer now shows inputs holding the answers; any other its answers as read-only facts.
      const answerable = !whyReadOnly && isAnswerableIn(candidate.section, phase);
      return {
        key: candidate.key,
        title: candidate.title,
        progress: sectionProgress(m, candidate.questions, meeting.answers),
        note: expanded ? whyReadOnly : '',
        expanded,
        editable: expanded && answerable,
        questions: answerable ? views : [],
        answers: answerable ? [] : views,
        seen: Object.fromEntries(views.map((view) => [view.id, answerFingerprint(view.value)])),
      };
    });
  const render = ({ expandAll, short }: { expandAll: boolean; short: boolean }) =>
    renderCard('checklist', {
      caseId: current.id,
      meetingId: meeting.id,
      notice,
      labels,
      title: labels.title(current.reference, meetingNumber(meeting)),
      youngPerson: current.youngPerson.name,
      coordinator: coordinatorName(current, m),
      number: numberText(m, meeting),
      startsAt: formatMeetingTime(meeting.startsAt),
      state: stateText(m, meeting),
      progressTitle: labels.progressTitle,
      progress: `${answered} / ${total}`,
      // A meeting long past has let go of its free-text answers (limits.ts): said, not hidden.
      dropped: meeting.freeTextDropped ? labels.freeTextDropped : '',
      sections: sections(expandAll, short),
    });
  // The whole checklist; else one page whole; else that page with its members' names cut short.
  return firstFitting(
    [
      { expandAll: true, short: false },
      { expandAll: false, short: false },
      { expandAll: false, short: true },
    ],
    render,
  );
}

export function meetingCancelCard(m: Messages, current: Case, meeting: Meeting): AdaptiveCardJson {
  const labels = m.cards.meeting;
  return renderCard('meetingCancel', {
    caseId: current.id,
    meetingId: meeting.id,
    labels: { ...labels, title: labels.cancelTitle(current.reference, meetingNumber(meeting), formatMeetingTime(meeting.startsAt)) },
    reasons: CANCELLATION_REASONS.map((reason) => ({ title: m.checklist.cancellationReasons[reason], value: reason })),
  });
}
