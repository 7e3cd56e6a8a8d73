// The meeting cards: opening or planning one (a network meeting or an internal coordination meeting),
// the checklist itself (mødetjekliste) for team members, cancelling, and closing an internal meeting. The checklist's channel card is in channelCards.ts.
import { networkMapAnswers } from '../bot/domain/networkMap';
import { DateTime } from 'luxon';
import { NO_TRANSITION, TRANSITION_AGE_LABELS } from '../bot/domain/transitions';
import type { Case, TeamMember } from '../bot/domain/case';
import {
  ANSWER_CHOICES,
  CHECKLIST_SECTIONS,
  type ChecklistPhase,
  type ChecklistQuestion,
  type ChecklistSection,
  MAX_OTHER_PARTICIPANTS,
  RETIRED_QUESTIONS,
  SECTION_WINDOWS,
  isAnswerableIn,
  meetingPhase,
  meetingStateOf,
  onlyCoordinatorAnswers,
  otherPlaces,
} from '../bot/domain/checklist';
import { MODEL_ZONE, localDate } from '../bot/domain/fields';
import {
  MEETING_KINDS,
  type Meeting,
  cancellationReasonsFor,
  checklistProgress,
  checklistQuestions,
  incompleteSections,
  isInternalMeeting,
  meetingLabel,
  meetingNumber,
  plannedMeetingOf,
  progressOf,
} from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { answerFingerprint } from './fingerprint';
import { firstFitting } from './budget';
import { type AdaptiveCardJson, renderCard } from './render';
import { coordinatorName, memberName, roleName, shortName, shortRole, shortened } from './people';

/**
 * Opening or planning a meeting, a network meeting or an internal coordination meeting (seed 003); with a
 * network meeting planned, also the way to its checklist (preparation and roles come before the meeting).
 */
export function meetingOpenCard(m: Messages, current: Case, now: Date): AdaptiveCardJson {
  const labels = m.cards.meeting;
  const planned = plannedMeetingOf(current);
  const plannedInternal = plannedMeetingOf(current, 'internal');
  return renderCard('meetingOpen', {
    caseId: current.id,
    labels: { ...labels, title: labels.openTitle(current.reference) },
    today: localDate(now),
    timeNow: DateTime.fromJSDate(now).setZone(MODEL_ZONE).toFormat('HH:mm'),
    plannedMeetingId: planned?.id ?? '',
    plannedIntro: planned ? labels.plannedIntro(m.dates.dateTime(planned.startsAt)) : '',
    plannedInternalIntro: plannedInternal ? labels.internalPlannedIntro(m.dates.dateTime(plannedInternal.startsAt)) : '',
    kinds: MEETING_KINDS.map((kind) => ({ title: labels.kinds[kind], value: kind })),
    transition: transitionChoice(m, current),
  });
}

/** A transition meeting says so, with its purpose (seed 002); '' for any other meeting. */
export function transitionText(m: Messages, meeting: Meeting): string {
  const age = meeting.transitionAge;
  return age ? m.cards.rhythm.meetingKindWithPurpose(age, m.cards.rhythm.purposes[age]) : '';
}

/** Issue 14: whether the meeting is one of the model's transition meetings, each with its purpose (seed 002); the planned one's choice kept. */
function transitionChoice(m: Messages, current: Case) {
  const labels = m.cards.rhythm;
  return {
    label: labels.transitionChoiceLabel,
    value: plannedMeetingOf(current)?.transitionAge ?? NO_TRANSITION,
    choices: [{ title: labels.transitionChoiceNone, value: NO_TRANSITION }, ...TRANSITION_AGE_LABELS.map((age) => ({ title: labels.transitionChoice(age, labels.purposes[age]), value: age }))],
  };
}

/** "Den unges netværksmøde nr.": the number, or why there is none (yet). */
function numberText(m: Messages, meeting: Meeting): string {
  if (isInternalMeeting(meeting)) return m.cards.meeting.internalNumber;
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
  // As the thread's card says it: a held meeting is closed, its minutes approved or not.
  return labels.phases[meetingStateOf(meeting)];
}

interface QuestionView {
  /** The question's id; '' for a heading or a note, which have no input. */
  id: string;
  label: string;
  /** `heading`: a part of section 5's table; `info`: a text with no input (an answer to a retired question, how to add the VIP). */
  input: 'choice' | 'toggle' | 'text' | 'number' | 'emptyNumber' | 'heading' | 'info';
  choices: Array<{ title: string; value: string }>;
  /** An agenda point's guidance (seed 001), a paragraph a line; '' for other questions, and once the meeting is over. */
  guidance: string;
  /** What the input shows before anyone touches it; sent back as `seen`, so only changes are saved. */
  value: string;
  /** What `seen` says the input showed, when not `value`: an offered answer counts as unanswered. */
  seenValue?: string;
  numberValue: number | null;
  display: string;
}

interface ViewOptions {
  /** Members named as in lists of many (people.ts), when whole names make a page too large. */
  short: boolean;
  withGuidance: boolean;
  /** Answers offered in the inputs of questions nobody has answered yet (the network map's: networkMapAnswers). */
  offered: Partial<Record<string, string>>;
}

const hasInput = (view: QuestionView) => view.input !== 'heading' && view.input !== 'info';

/** A view with no input: a heading, or a text under its label. */
const textView = (input: 'heading' | 'info', label: string, display = ''): QuestionView => ({ id: '', label, input, choices: [], guidance: '', value: '', numberValue: null, display });

/** A name a person typed, in a label: cut short where whole names make a page too large. */
const NAME_IN_LABEL = { whole: 200, short: 40 };

/** `short`: members named as in lists of many (people.ts), when whole names make a page too large. */
function questionLabel(m: Messages, current: Case, question: ChecklistQuestion, answers: Meeting['answers'], short: boolean): string {
  if (!question.attendance) return m.checklist.questions[question.id] ?? question.id;
  const { row, asks } = question.attendance;
  const labels = m.checklist;
  switch (row.kind) {
    case 'member': {
      const member = current.members.find((candidate) => candidate.id === row.memberId);
      const who = !member ? m.cards.goals.formerMember : short ? labels.attended(shortRole(member, m), shortName(current, member, m)) : labels.attended(roleName(member, m), memberName(current, member, m));
      return asks === 'attended' ? who : `${who}. ${row.group === 'team' ? labels.absenceReason : labels.participationReason}`;
    }
    case 'role': {
      const who = labels.roleNotOnTeam(m.roles[row.role]);
      return asks === 'attended' ? who : `${who}. ${labels.absenceReason}`;
    }
    case 'other': {
      if (asks === 'name') return labels.otherName(row.place);
      const name = answers[`otherName_${row.place}`];
      const who = name === undefined ? labels.otherPlace(row.place) : shortened(String(name), short ? NAME_IN_LABEL.short : NAME_IN_LABEL.whole);
      return asks === 'attended' ? labels.otherAttended(who) : labels.otherReason(who);
    }
  }
}

function choicesFor(m: Messages, current: Case, question: ChecklistQuestion): Array<{ title: string; value: string }> {
  if (question.kind === 'member' || question.kind === 'vipMember') {
    const eligible = current.members.filter((member: TeamMember) => (question.kind === 'vipMember' ? member.role === 'vip' : member.role !== 'youngPerson'));
    // Three such lists share a page: the name alone, cut short, keeps 60 members within a card.
    return eligible.map((member) => ({ title: shortName(current, member, m), value: member.id }));
  }
  const titles: Record<string, string> = { ...m.checklist.answers, ...m.statuses };
  return (ANSWER_CHOICES[question.kind] ?? []).map((value) => ({ title: titles[value] ?? value, value }));
}

/** `withGuidance`: the agenda's guidance is for preparing and running the meeting, not for its record. */
function questionView(m: Messages, current: Case, question: ChecklistQuestion, answers: Meeting['answers'], { short, withGuidance, offered }: ViewOptions): QuestionView {
  const answer = answers[question.id];
  const choices = choicesFor(m, current, question);
  const shown = answer === undefined ? '' : String(answer);
  const isMember = question.kind === 'member' || question.kind === 'vipMember';
  // A member who has since left the team is named as such, never by their id.
  const display = choices.find((choice) => choice.value === shown)?.title ?? (!shown ? m.cards.meeting.notAnswered : isMember ? m.cards.goals.formerMember : shown);
  const label = questionLabel(m, current, question, answers, short);
  // One TextBlock a point, its lines as paragraphs: a block a line would cost the card kilobytes.
  const guidance = withGuidance ? (m.checklist.agendaGuidance[question.id] ?? []).join('\n\n') : '';
  const base = { id: question.id, label, choices, guidance, display };
  // The VIP is one of the team: with nobody in that role, the card says how to add them (and who was chosen, if anyone).
  if (question.kind === 'vipMember' && choices.length === 0) return textView('info', label, shown ? `${display}. ${m.checklist.noVipMember}` : m.checklist.noVipMember);
  switch (question.kind) {
    case 'done':
      return { ...base, input: 'toggle', value: shown || 'no', numberValue: null, display: shown === 'yes' ? m.checklist.answers.done : m.cards.meeting.notAnswered };
    case 'text':
      return { ...base, input: 'text', value: shown, numberValue: null };
    case 'minutes':
      return { ...base, input: answer === undefined ? 'emptyNumber' : 'number', value: shown, numberValue: answer === undefined ? null : Number(answer) };
    default: {
      // An offered answer is in the input but not yet given: `seen` says unanswered, so saving the section records it.
      const offer = answer === undefined ? offered[question.id] : undefined;
      return { ...base, input: 'choice', value: offer ?? shown, numberValue: null, ...(offer ? { seenValue: '' } : {}) };
    }
  }
}

/**
 * The checklist's answers as the card shows them, section by section, answered questions only: the
 * meeting's record where a card is not the place (the tab's case details). With `unanswered`, every
 * question as the paper form has them (the case file's minutes), but for places of other participants not in use.
 */
export function checklistRecord(m: Messages, current: Case, meeting: Meeting, unanswered = false): Array<{ section: string; answers: Array<{ question: string; answer: string }> }> {
  const sections = new Map<string, Array<{ question: string; answer: string }>>();
  for (const question of checklistQuestions(current, meeting)) {
    // The free places of "Øvrige deltagere" are no questions the meeting left open.
    if (meeting.answers[question.id] === undefined && (!unanswered || question.attendance?.row.kind === 'other')) continue;
    const view = questionView(m, current, question, meeting.answers, { short: false, withGuidance: false, offered: {} });
    const section = m.checklist.sections[question.section];
    sections.set(section, [...(sections.get(section) ?? []), { question: view.label, answer: view.display }]);
  }
  return [...sections].map(([section, answers]) => ({ section, answers }));
}

/** Attendance rows of this many (a member, a missing role, another participant) make one page of a checklist too large for one card. */
export const ATTENDANCE_PAGE_SIZE = 12;

interface ChecklistPage {
  /** The section, or `attendance-<n>` for the n-th page of attendance rows (from 2). */
  key: string;
  section: ChecklistSection;
  title: string;
  questions: ChecklistQuestion[];
  /** The section's last page: answers to its retired questions are shown there. */
  last: boolean;
}

/** Attendance questions grouped by their row of the form's table, in order. */
function attendanceRows(questions: ChecklistQuestion[]): ChecklistQuestion[][] {
  const rows: ChecklistQuestion[][] = [];
  for (const question of questions) {
    const previous = rows.at(-1)?.[0]?.attendance?.row;
    if (previous && previous === question.attendance?.row) rows.at(-1)!.push(question);
    else rows.push([question]);
  }
  return rows;
}

/**
 * The places of "Øvrige deltagere" shown: those in use, and the first free one where attendance can be
 * answered now; the team's rows are always shown.
 */
function shownQuestions(questions: ChecklistQuestion[], answers: Meeting['answers'], attendanceAnswerable: boolean): ChecklistQuestion[] {
  const { inUse, free } = otherPlaces(answers);
  const shown = attendanceAnswerable && free !== undefined ? [...inUse, free] : inUse;
  return questions.filter((question) => question.attendance?.row.kind !== 'other' || shown.includes(question.attendance.row.place));
}

/** The checklist's pages: one per section it has (an internal meeting's only attendance), the attendance of a large team over several. */
function checklistPages(m: Messages, questions: ChecklistQuestion[]): ChecklistPage[] {
  const sections = CHECKLIST_SECTIONS.filter((section) => questions.some((question) => question.section === section));
  return sections.flatMap((section): ChecklistPage[] => {
    const inSection = questions.filter((question) => question.section === section);
    const title = m.checklist.sections[section];
    if (section !== 'attendance') return [{ key: section, section, title, questions: inSection, last: true }];
    const rows = attendanceRows(inSection);
    const count = Math.max(1, Math.ceil(rows.length / ATTENDANCE_PAGE_SIZE));
    return Array.from({ length: count }, (_, index) => ({
      key: index === 0 ? section : `${section}-${index + 1}`,
      section,
      title: count === 1 ? title : m.cards.meeting.sectionPart(title, index + 1, count),
      questions: rows.slice(index * ATTENDANCE_PAGE_SIZE, (index + 1) * ATTENDANCE_PAGE_SIZE).flat(),
      last: index === count - 1,
    }));
  });
}

/**
 * A page's views: its questions, with a heading where a part of section 5's table begins; on the last
 * page of the attendance, whether more other participants can be added; on a section's last page, the
 * answers of its retired questions as they were given.
 */
function pageViews(m: Messages, current: Case, page: ChecklistPage, answers: Meeting['answers'], answerable: boolean, options: ViewOptions): QuestionView[] {
  const views = page.questions.flatMap((question, index) => {
    const group = question.attendance?.row.group;
    const startsGroup = group && group !== page.questions[index - 1]?.attendance?.row.group;
    const view = questionView(m, current, question, answers, options);
    return startsGroup ? [textView('heading', m.checklist.attendanceGroups[group]), view] : [view];
  });
  if (!page.last) return views;
  const othersFull = page.section === 'attendance' && answerable && otherPlaces(answers).free === undefined;
  const retired = RETIRED_QUESTIONS.filter((question) => question.section === page.section && answers[question.id] !== undefined);
  return [
    ...views,
    ...(othersFull ? [textView('info', m.checklist.othersFull(MAX_OTHER_PARTICIPANTS))] : []),
    ...retired.map((question) => textView('info', m.checklist.retired[question.id] ?? question.id, String(answers[question.id]))),
  ];
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
 * The sections of the checklist's pages for one reader: inputs for those this reader may answer now
 * (checklist.ts: each section's window; the roles by the coordinator), the answers of the others; a page
 * not `expandAll` nor `shown` by title and progress only.
 */
function checklistSections(
  m: Messages,
  { case: current, viewer }: ViewedCase,
  meeting: Meeting,
  pages: ChecklistPage[],
  { expandAll, short, shown, offer }: { expandAll: boolean; short: boolean; shown?: string; offer: boolean },
) {
  // The card saves a section whole, so an offered answer is recorded by saving; the side panel saves a choice on change, where an offer could not be taken as it stands.
  const offered = offer ? networkMapAnswers(current, meeting) : {};
  const phase = meetingPhase(meeting);
  return pages.map((candidate) => {
    const expanded = expandAll || candidate.key === shown;
    const whyReadOnly = readOnlyReason(m, candidate.section, phase, viewer.role === 'coordinator');
    // A section this reader may answer now shows inputs holding the answers; any other its answers as read-only facts.
    const answerable = !whyReadOnly && isAnswerableIn(candidate.section, phase);
    const views = expanded ? pageViews(m, current, candidate, meeting.answers, answerable, { short, withGuidance: phase === 'planned' || phase === 'open', offered }) : [];
    return {
      key: candidate.key,
      title: candidate.title,
      progress: sectionProgress(m, candidate.questions, meeting.answers),
      note: expanded ? whyReadOnly : '',
      expanded,
      editable: expanded && answerable,
      questions: answerable ? views : [],
      answers: answerable ? [] : views,
      seen: Object.fromEntries(views.filter(hasInput).map((view) => [view.id, answerFingerprint(view.seenValue ?? view.value)])),
    };
  });
}

/**
 * The whole checklist for one reader, as the card shows it expanded: for a page that is no card (the
 * tab's meeting side panel), which sends back one answer with what its input showed (`seen`).
 */
export function checklistForm(m: Messages, read: ViewedCase, meeting: Meeting) {
  const phase = meetingPhase(meeting);
  const pages = checklistPages(m, shownQuestions(checklistQuestions(read.case, meeting), meeting.answers, isAnswerableIn('attendance', phase)));
  const { answered, total } = checklistProgress(read.case, meeting);
  return {
    title: m.cards.meeting.title(read.case.reference, meetingLabel(meeting)),
    kindNote: isInternalMeeting(meeting) ? m.cards.meeting.kindNote : '',
    startsAt: m.dates.shortDateTime(meeting.startsAt),
    state: stateText(m, meeting),
    progress: `${answered} / ${total}`,
    dropped: meeting.freeTextDropped ? m.cards.meeting.freeTextDropped : '',
    sections: checklistSections(m, read, meeting, pages, { expandAll: true, short: false, offer: false }),
  };
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
  const pages = checklistPages(m, shownQuestions(questions, meeting.answers, isAnswerableIn('attendance', phase)));
  const shown = pages.some((candidate) => candidate.key === page) ? page : pages[0]?.key;
  const sections = (expandAll: boolean, short: boolean) => checklistSections(m, { case: current, viewer }, meeting, pages, { expandAll, short, shown, offer: true });
  const render = ({ expandAll, short }: { expandAll: boolean; short: boolean }) =>
    renderCard('checklist', {
      caseId: current.id,
      meetingId: meeting.id,
      notice,
      labels,
      title: labels.title(current.reference, meetingLabel(meeting)),
      // Whom the case is about; an internal meeting says it is held without them.
      kindNote: isInternalMeeting(meeting) ? labels.kindNote : '',
      transition: transitionText(m, meeting),
      youngPerson: current.youngPerson.name,
      coordinator: coordinatorName(current, m),
      number: numberText(m, meeting),
      startsAt: m.dates.shortDateTime(meeting.startsAt),
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
    labels: {
      ...labels,
      title: labels.cancelTitle(current.reference, meetingLabel(meeting), m.dates.dateTime(meeting.startsAt)),
      ...(isInternalMeeting(meeting) ? { cancelReason: labels.cancelReasonInternal } : {}),
    },
    reasons: cancellationReasonsFor(meeting).map((reason) => ({ title: m.checklist.cancellationReasons[reason], value: reason })),
  });
}

/**
 * `afslut` with an internal meeting open: no closing questions and no approval (seed 003), only the
 * confirmation to close without the attendance while it is not filled in (it cannot be afterwards).
 */
export function closeInternalCard(m: Messages, current: Case, meeting: Meeting): AdaptiveCardJson {
  const labels = m.cards.meeting;
  return renderCard('closeInternal', {
    caseId: current.id,
    meetingId: meeting.id,
    title: labels.closeInternalTitle(current.reference),
    labels,
    attendanceSection: m.checklist.sections.attendance,
    attendanceMissing: incompleteSections(current, meeting).length > 0,
  });
}
