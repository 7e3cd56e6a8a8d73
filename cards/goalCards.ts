// The goals and agreements form (mål- og aftaleskema, seed 001) in Teams: the form with its goals by
// theme and their agreements, one goal with its whole history, closing the meeting with the form's four
// closing questions, the young person's approval, and the minutes circulated once it is approved.
import { DateTime } from 'luxon';
import { isCoordinator, mayChangeAgreement, mayEditAgreement, mayRecordFeedback, mayWriteForm } from '../bot/domain/access';
import { type Case, type TeamMember, memberByAadObjectId } from '../bot/domain/case';
import type { ClosingAnswers, Closure } from '../bot/domain/closing';
import { MODEL_ZONE, localDate } from '../bot/domain/fields';
import { type Agreement, FOLLOW_UP_METHODS, GOAL_THEMES, type Goal, type GoalTheme, agreementsOf, currentVersion, goalById, goalResponsibles } from '../bot/domain/goals';
import { attendsInternalMeetings } from '../bot/domain/checklist';
import { type Meeting, incompleteSections, isInternalMeeting, meetingLabel, meetingNumber, openMeetingOf, plannedMeetingOf } from '../bot/domain/meeting';
import { rhythmDeadline } from '../bot/domain/rhythm';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { firstFitting, fitsTeams, halvings } from './budget';
import { type AdaptiveCardJson, renderCard } from './render';
import { memberChoiceTitle, memberName, nameWithRole, roleName, shortName, shortRole, shortened } from './people';
import { interventionsOf } from '../bot/domain/interventions';

/** The values of the verdict "Er målet nået? Ja/nej" (`goal.mark`'s `reached`). */
const REACHED_CHOICES = ['yes', 'no'] as const;

/** A goal or a person named in a choice list is cut to this length; the form shows them whole. */
const CHOICE_PREVIEW = 90;

/**
 * How much of the long texts a card shows, from all of it to the least. A card uses the first that
 * fits in CARD_BUDGET_BYTES (budget.ts), so a realistic form is shown whole and an extreme one still
 * reaches Teams, saying that it is shortened. The goal card (goal.edit) shows one goal whole, its every
 * agreement included; only a very long history is shortened there, never the goal as it stands. The
 * domain's limits: 500 characters, sub-goals 2,000, "other" 200.
 */
export interface Detail {
  text: number;
  subGoals: number;
  method: number;
  /** Done agreements listed, or only counted (they are listed on the goal card). */
  doneAgreements: boolean;
  /** Agreements listed at all, or only counted. */
  agreements: boolean;
  /** People named as in lists of many (people.ts: shortName, shortRole), not whole; the team card has them whole. */
  shortNames: boolean;
}
const DETAILS: readonly Detail[] = [
  { text: 500, subGoals: 2000, method: 200, doneAgreements: true, agreements: true, shortNames: false },
  { text: 200, subGoals: 300, method: 40, doneAgreements: true, agreements: true, shortNames: false },
  { text: 120, subGoals: 120, method: 20, doneAgreements: false, agreements: true, shortNames: true },
  { text: 90, subGoals: 90, method: 20, doneAgreements: false, agreements: false, shortNames: true },
];
const FULL_DETAIL = DETAILS[0]!;
/** The goal card's last resort: its agreements, each with its button, and an extreme history. */
const GOAL_CARD_LEAST: Detail = { text: 60, subGoals: 60, method: 20, doneAgreements: false, agreements: false, shortNames: true };

/** The card with the most detail that fits; the least detailed one when none does. */
function fitting(render: (detail: Detail, shortened: boolean) => AdaptiveCardJson): AdaptiveCardJson {
  return firstFitting(DETAILS, (detail) => render(detail, detail !== FULL_DETAIL));
}

/**
 * A card listing the first `count` of a list: with the most detail that fits; when even the least
 * detailed does not, fewer of the list (the caller counts the rest on the card).
 */
export function fittingList(count: number, render: (detail: Detail, count: number) => AdaptiveCardJson): AdaptiveCardJson {
  const least = DETAILS.at(-1)!;
  const layouts = [...DETAILS.map((detail) => ({ detail, count })), ...halvings(count, 0).slice(1).map((fewer) => ({ detail: least, count: fewer }))];
  return firstFitting(layouts, (layout) => render(layout.detail, layout.count));
}

/**
 * The form or the minutes: every theme on one card when that fits, else one theme at a time (`theme`,
 * or the first with goals), the other themes listed with their number of goals and a button.
 */
function themePaged(current: Case, theme: string | undefined, render: (detail: Detail, shortened: boolean, shown?: GoalTheme) => AdaptiveCardJson): AdaptiveCardJson {
  const whole = fitting((detail, shortened) => render(detail, shortened));
  if (fitsTeams(whole)) return whole;
  const withGoals = GOAL_THEMES.filter((candidate) => current.goals.some((goal) => goal.theme === candidate));
  const shown = withGoals.find((candidate) => candidate === theme) ?? withGoals[0];
  return fitting((detail, shortened) => render(detail, shortened, shown));
}

/** The themes not shown on a paged card: each with its number of goals. */
function otherThemes(m: Messages, current: Case, shown: GoalTheme | undefined) {
  if (!shown) return [];
  return GOAL_THEMES.flatMap((theme) => {
    const count = current.goals.filter((goal) => goal.theme === theme).length;
    return theme === shown || count === 0 ? [] : [{ theme, label: m.cards.goals.themes[theme], count: m.cards.goals.themeCount(count) }];
  });
}

const themeOrder = (goal: Goal) => GOAL_THEMES.indexOf(goal.theme);

/** The goals in the form's order of themes (Social støtte … Andet), each theme in the order they were made. */
export const goalsInThemeOrder = (current: Case) => [...current.goals].sort((a, b) => themeOrder(a) - themeOrder(b));

/** "Name (role)": how a member is offered in a choice and named as an agreement's owner. */
function memberLabel(m: Messages, current: Case, member: TeamMember, short = false): string {
  return short ? memberChoiceTitle(current, member, m) : nameWithRole(memberName(current, member, m), roleName(member, m));
}

/** "Name, role": before a colon and contact details, where nested brackets would read badly. */
export function memberWithRole(m: Messages, current: Case, member: TeamMember, short = false): string {
  return short ? `${shortName(current, member, m)}, ${shortRole(member, m)}` : `${memberName(current, member, m)}, ${roleName(member, m)}`;
}

/** A member by id as "name (role)", or "former team member" when they have left the team. */
export function memberLabelById(m: Messages, current: Case, memberId: string, short = false): string {
  const member = current.members.find((candidate) => candidate.id === memberId);
  return member ? memberLabel(m, current, member, short) : m.cards.goals.formerMember;
}

export function followUpText(m: Messages, agreement: Agreement, methodLength = FULL_DETAIL.method): string {
  const labels = m.cards.goals;
  const other = agreement.followUpMethodOther;
  const method = agreement.followUpMethod === 'other' && other ? labels.otherMethod(shortened(other, methodLength)) : labels.methods[agreement.followUpMethod];
  return labels.followUp(m.dates.short(agreement.followUpOn), method);
}

/** "Theme: long-term goal", as an agreement's context. */
export function goalText(m: Messages, goal: Goal): string {
  return `${m.cards.goals.themes[goal.theme]}: ${currentVersion(goal).longTermGoal}`;
}

/** "Den unge er obligatorisk under hvert mål": the young person first, then the agreements' owners. */
function responsibleLines(m: Messages, current: Case, goal: Goal, short: boolean) {
  return goalResponsibles(current, goal).map((member) => ({
    line: `${member.role === 'youngPerson' ? m.cards.goals.youngPersonResponsible : short ? shortRole(member, m) : roleName(member, m)}: ${short ? shortName(current, member, m) : memberName(current, member, m)}`,
  }));
}

function outcomeText(m: Messages, outcome: Goal['outcomes'][number]): string {
  return m.cards.goals.outcome(outcome.reached, m.dates.short(outcome.at), outcome.reason);
}

/** Seed 001, agenda point 5: an agreement that needs others' decision is only a recommendation (indstilling); '' for any other. */
export const recommendationText = (m: Messages, agreement: Agreement) => (agreement.needsVisitation ? m.cards.goals.recommendation : '');

/** An agreement as one line under its action: owner, follow-up, open or done. */
function agreementView(m: Messages, current: Case, agreement: Agreement, detail: Detail) {
  const labels = m.cards.goals;
  return {
    action: shortened(agreement.action, detail.text),
    recommendation: recommendationText(m, agreement),
    details: labels.agreementLine(memberLabelById(m, current, agreement.ownerMemberId, detail.shortNames), followUpText(m, agreement, detail.method), labels.agreementStatus[agreement.status]),
    color: agreement.status === 'done' ? 'Good' : 'Default',
  };
}

/** The goals by theme, as the form and the minutes show them. */
function goalsByTheme(m: Messages, current: Case, detail: Detail, only?: GoalTheme) {
  const labels = m.cards.goals;
  return GOAL_THEMES.filter((theme) => !only || theme === only).flatMap((theme) => {
    const goals = current.goals.filter((goal) => goal.theme === theme);
    if (goals.length === 0) return [];
    return [
      {
        label: labels.themes[theme],
        goals: goals.map((goal) => {
          const version = currentVersion(goal);
          const outcome = goal.outcomes.at(-1);
          const agreements = agreementsOf(current, goal);
          const listed = !detail.agreements ? [] : detail.doneAgreements ? agreements : agreements.filter((agreement) => agreement.status === 'open');
          const hidden = agreements.length - listed.length;
          return {
            id: goal.id,
            heading: labels.longTermGoalSince(m.dates.short(version.at)),
            longTermGoal: shortened(version.longTermGoal, detail.text),
            subGoals: shortened(version.subGoals, detail.subGoals),
            responsibles: responsibleLines(m, current, goal, detail.shortNames),
            outcome: outcome ? shortened(outcomeText(m, outcome), detail.text) : '',
            outcomeColor: outcome?.reached ? 'Good' : 'Attention',
            agreements: listed.map((agreement) => agreementView(m, current, agreement, detail)),
            doneHidden: hidden === 0 ? '' : detail.agreements ? labels.doneHidden(hidden) : labels.agreementsHidden(hidden),
          };
        }),
      },
    ];
  });
}

const NO_MINUTES = { facts: [], summary: '', closing: [], feedbackGiven: '', canRecordFeedback: false, recordFeedbackLabel: '' };

/**
 * The goals and agreements form for a reader: the goals by theme with their responsibles, latest
 * verdict and agreements. The coordinator and the open meeting's minute-taker also get the forms.
 */
export function goalsFormCard(m: Messages, read: ViewedCase, notice = '', theme?: string): AdaptiveCardJson {
  const { case: current } = read;
  const labels = m.cards.goals;
  const { canWrite, readOnlyNote, themeChoices, ownerChoices, methodChoices } = goalsFormInputs(m, read);
  const choice = (title: string, value: string) => ({ title: shortened(title, CHOICE_PREVIEW), value });
  return themePaged(current, theme, (detail, shortened, shown) =>
    renderCard('goals', {
      caseId: current.id,
      title: labels.title(current.reference),
      notice,
      intro: labels.intro,
      shortened: shortened ? labels.shortened : '',
      paged: shown ? labels.themePaged : '',
      labels,
      hasMinutes: false,
      backToApproval: false,
      minutes: NO_MINUTES,
      themes: goalsByTheme(m, current, detail, shown),
      otherThemes: otherThemes(m, current, shown),
      meetingId: '',
      goalButton: canWrite ? labels.edit : labels.show,
      canWrite,
      readOnlyNote,
      themeChoices,
      // On a page of one theme, agreements are added to that theme's goals.
      goalChoices: goalsInThemeOrder(current)
        .filter((goal) => !shown || goal.theme === shown)
        .map((goal) => choice(goalText(m, goal), goal.id)),
      ownerChoices,
      methodChoices,
    }),
  );
}

/** Whether this reader writes the form (access.ts: mayWriteForm), and what its inputs offer: the card's and the tab's alike. */
export function goalsFormInputs(m: Messages, { case: current, viewer }: ViewedCase) {
  const labels = m.cards.goals;
  const canWrite = mayWriteForm(current, viewer);
  const open = openMeetingOf(current);
  const isInternalOpen = Boolean(open && isInternalMeeting(open));
  return {
    canWrite,
    readOnlyNote: canWrite ? '' : labels.readOnly,
    themeChoices: GOAL_THEMES.map((candidate) => ({ title: labels.themes[candidate], value: candidate })),
    // The young person and the VIP own agreements too, but none made at an internal meeting they are not at (seed 003).
    ownerChoices: current.members
      .filter((member) => !isInternalOpen || attendsInternalMeetings(member))
      .map((member) => ({ title: memberChoiceTitle(current, member, m), value: member.id })),
    methodChoices: FOLLOW_UP_METHODS.map((method) => ({ title: labels.methods[method], value: method })),
  };
}

/** The whole form's goals by theme, as the card shows them with all their detail: for a page that is no card (the tab's side panel). */
export const goalsFormGoals = (m: Messages, current: Case) => goalsByTheme(m, current, FULL_DETAIL);

/** Who did something, by name while they are on the team; the meeting it was done at, if any. */
function recordedBy(m: Messages, current: Case, byAadObjectId: string, meetingId: string | undefined): string {
  const member = memberByAadObjectId(current, byAadObjectId);
  const meeting = meetingId ? current.meetings.find((candidate) => candidate.id === meetingId) : undefined;
  return [member && memberName(current, member, m), meeting && m.cards.goals.atMeeting(meetingLabel(meeting))].filter(Boolean).join(', ');
}

/**
 * One goal whole: every version and every verdict with date and who (nothing is overwritten), and all
 * its agreements. Any reader may see it (`goal.edit` is a read); the forms are for the form's writers.
 */
export function goalEditCard(m: Messages, read: ViewedCase, goalId: string): AdaptiveCardJson {
  const { case: current } = read;
  const labels = m.cards.goals;
  const goal = goalById(current, goalId);
  const latest = currentVersion(goal);
  const canWrite = mayWriteForm(read.case, read.viewer);
  // Only a very long history is shortened: the goal as it stands and its latest verdict stay whole.
  return firstFitting([...DETAILS, GOAL_CARD_LEAST], (detail) =>
    renderCard('goalEdit', {
      caseId: current.id,
      goalId: goal.id,
      title: labels.editTitle(current.reference, labels.themes[goal.theme]),
      labels,
      responsibles: responsibleLines(m, current, goal, detail.shortNames),
      // Newest first: the goal as it stands on top, every earlier wording below it.
      versions: goal.versions
        .map((version, index) => {
          const isCurrent = index === goal.versions.length - 1;
          const shown = isCurrent ? FULL_DETAIL : detail;
          return {
            heading: labels.versionHeading(m.dates.short(version.at), recordedBy(m, current, version.byAadObjectId, version.meetingId), isCurrent),
            longTermGoal: shortened(version.longTermGoal, shown.text),
            subGoals: shortened(version.subGoals, shown.subGoals),
          };
        })
        .reverse(),
      outcomes: goal.outcomes
        .map((outcome, index) => ({
          heading: labels.versionHeading(m.dates.short(outcome.at), recordedBy(m, current, outcome.byAadObjectId, outcome.meetingId), false),
          text: `${outcome.reached ? labels.yes : labels.no}: ${shortened(outcome.reason, index === goal.outcomes.length - 1 ? FULL_DETAIL.text : detail.text)}`,
          color: outcome.reached ? 'Good' : 'Attention',
        }))
        .reverse(),
      // Between meetings: the coordinator changes an agreement, its owner asks for a change (agreementCards.ts).
      agreements: agreementsOf(current, goal).map((agreement) => ({ ...agreementView(m, current, agreement, detail), id: agreement.id, editLabel: editLabel(m, agreement, read.viewer) })),
      canWrite,
      readOnlyNote: canWrite ? '' : labels.readOnly,
      current: { longTermGoal: latest.longTermGoal, subGoals: latest.subGoals },
      reachedChoices: [
        { title: labels.yes, value: REACHED_CHOICES[0] },
        { title: labels.no, value: REACHED_CHOICES[1] },
      ],
    }),
  );
}

/** "Ret aftale" for the coordinator, "Bed om ændring" for the owner, of an open agreement; '' for anyone else. */
function editLabel(m: Messages, agreement: Agreement, viewer: TeamMember): string {
  if (agreement.status !== 'open') return '';
  if (mayEditAgreement(viewer)) return m.cards.goals.editAgreement;
  return mayChangeAgreement(agreement, viewer) ? m.cards.goals.askChange : '';
}

/**
 * The closing card lists the whole team three times: a long name with a long role is cut (an ordinary one
 * is shown whole) to stay under Teams' 28 KB; cut shorter when the card comes back with long answers in it.
 */
const CLOSING_CHOICES = [70, 40, 24];

/** Members who can take on a closing task: everyone but the young person. */
function memberChoicesWithoutYoungPerson(m: Messages, current: Case, length: number) {
  return current.members
    .filter((member) => member.role !== 'youngPerson')
    .map((member) => ({ title: shortened(memberChoiceTitle(current, member, m), length), value: member.id }));
}

/**
 * "Afslut netværksmøde": the four closing questions and the summary. The inputs the domain always requires
 * are marked required, so Teams keeps what was typed and names the empty one (issue 11, section 8); the
 * waiting-time question is answered by its text or by the "no waiting time" toggle, so the bot refuses
 * it (and anything else incomplete) with a message that leaves the card as it was. The next meeting is prefilled
 * with the planned one (closing moves it to the date agreed). The checklist's sections not filled in
 * are named, with the confirmation to close without them (`confirmEmptySections`).
 */
export function closeMeetingCard(m: Messages, read: ViewedCase, meeting: Meeting, now: Date, answers: ClosingAnswers = {}): AdaptiveCardJson {
  const { case: current } = read;
  const labels = m.cards.goals;
  const planned = plannedMeetingOf(current);
  const plannedAt = planned ? DateTime.fromISO(planned.startsAt).setZone(MODEL_ZONE) : undefined;
  // The planned next meeting's time, unless the coordinator had written another one.
  const input = { ...closingAnswerValues(answers), nextMeetingDate: answers.nextMeetingDate ?? plannedAt?.toISODate() ?? '', nextMeetingTime: answers.nextMeetingTime ?? plannedAt?.toFormat('HH:mm') ?? '' };
  const incomplete = incompleteSections(current, meeting).map((section) => m.checklist.sections[section]);
  return firstFitting(CLOSING_CHOICES, (length) =>
    renderCard('closeMeeting', {
      caseId: current.id,
      meetingId: meeting.id,
      title: labels.closeTitle(current.reference, meetingNumber(meeting)),
      incompleteSections: incomplete.length > 0 ? labels.checklistIncomplete(incomplete.join('; ')) : '',
      labels,
      memberChoices: memberChoicesWithoutYoungPerson(m, current, length),
      today: localDate(now),
      input,
      waitingFor: waitingForLine(m, current),
      // The model's rhythm (issue 14): a later next meeting is asked to be confirmed.
      nextMeetingBy: m.cards.rhythm.nextMeetingBy(m.dates.long(rhythmDeadline(meeting.startsAt))),
    }),
  );
}

/** The closing card's answers as its inputs' values: every one a string, as the template would otherwise keep an absent one's expression. */
export function closingAnswerValues(answers: ClosingAnswers): Record<keyof ClosingAnswers, string> {
  return {
    waitingArrangement: answers.waitingArrangement ?? '',
    feedbackMemberId: answers.feedbackMemberId ?? '',
    eyeKeeperMemberId: answers.eyeKeeperMemberId ?? '',
    acuteContactMemberId: answers.acuteContactMemberId ?? '',
    nextMeetingDate: answers.nextMeetingDate ?? '',
    nextMeetingTime: answers.nextMeetingTime ?? '',
    summary: answers.summary ?? '',
    confirmEmptySections: answers.confirmEmptySections ? 'true' : 'false',
  };
}

/** The interventions the young person waits for (planned ones), named shortly: the waiting-time question is about them. */
function waitingForLine(m: Messages, current: Case): string {
  const waiting = interventionsOf(current).filter((intervention) => intervention.status === 'planned');
  if (waiting.length === 0) return '';
  const named = waiting.slice(0, 3).map((intervention) => shortened(intervention.what, 40));
  return m.cards.goals.waitingFor(m.cards.overview.activeInterventions(named, waiting.length - named.length));
}

export function nextMeetingText(m: Messages, current: Case, closure: Closure): string {
  const next = current.meetings.find((candidate) => candidate.id === closure.nextMeetingId);
  if (!next) return m.cards.goals.notPlanned;
  const when = m.dates.shortDateTime(next.startsAt);
  return next.status === 'planned' ? when : `${when} (${m.cards.meeting.states[next.status]})`;
}

/** After closing: the young person approves the form (recorded by the coordinator), or sends it back. */
export function approvalCard(m: Messages, read: ViewedCase, meeting: Meeting, now: Date, notice = ''): AdaptiveCardJson {
  const { case: current } = read;
  const labels = m.cards.goals;
  const closure = meeting.closure;
  const approval = closure?.approval;
  return renderCard('approval', {
    caseId: current.id,
    meetingId: meeting.id,
    title: labels.approvalTitle(current.reference, meetingNumber(meeting)),
    showChecklist: m.cards.meeting.showChecklist,
    notice,
    labels,
    // Once approved, the card no longer says the form must be approved before it goes out.
    intro: approval ? '' : labels.approvalIntro,
    state: !closure ? labels.notClosed : approval ? labels.approved(m.dates.long(approval.approvedOn)) : labels.notApproved,
    stateColor: !closure ? 'Default' : approval ? 'Good' : 'Attention',
    sentBack: (closure?.sentBack ?? []).map((sent) => ({ title: m.dates.short(sent.at), value: sent.changes })),
    closed: Boolean(closure),
    open: Boolean(closure && !approval),
    today: localDate(now),
  });
}

function minutesView(m: Messages, current: Case, meeting: Meeting, closure: Closure, viewer: TeamMember) {
  const labels = m.cards.goals;
  const giver = current.members.find((member) => member.id === closure.feedbackMemberId);
  return {
    ...feedbackOnMinutes(m, current, closure, viewer, giver),
    facts: [
      { title: labels.meetingHeld, value: m.dates.shortDateTime(meeting.startsAt) },
      { title: labels.approval, value: closure.approval ? m.dates.short(closure.approval.approvedOn) : labels.notApproved },
    ],
    summary: closure.summary || labels.noAnswer,
    closing: closingAnswers(m, current, closure),
  };
}

/** The form's four closing questions (seed 001) with the meeting's answers, as the minutes show them. */
export function closingAnswers(m: Messages, current: Case, closure: Closure): Array<{ question: string; answer: string }> {
  const labels = m.cards.goals;
  const named = (memberId: string) => (memberId ? memberLabelById(m, current, memberId) : labels.noAnswer);
  return [
    { question: labels.waitingArrangement, answer: closure.waitingArrangement || labels.noAnswer },
    { question: labels.feedbackMember, answer: named(closure.feedbackMemberId) },
    { question: labels.eyeKeeper, answer: named(closure.eyeKeeperMemberId) },
    { question: labels.acuteContact, answer: named(closure.acuteContactMemberId) },
    { question: labels.nextMeeting, answer: nextMeetingText(m, current, closure) },
  ];
}

/** Whether the young person had feedback, and for its giver (or the coordinator) the button that records it. */
function feedbackOnMinutes(m: Messages, current: Case, closure: Closure, viewer: TeamMember, giver: TeamMember | undefined) {
  const labels = m.cards.reminders;
  const given = closure.feedbackGiven;
  const giverName = giver ? shortName(current, giver, m) : m.cards.goals.formerMember;
  return {
    feedbackGiven: given ? labels.feedbackGivenOn(m.dates.short(given.at)) : '',
    canRecordFeedback: !given && mayRecordFeedback(closure, viewer),
    recordFeedbackLabel: !giver || giver.id === viewer.id ? labels.recordFeedback : labels.recordFeedbackFor(giverName),
  };
}

/**
 * The minutes for team members: the meeting's closing answers and summary, and the goals and
 * agreements of the case as they stand, read-only (each goal's button shows it whole).
 */
export function minutesCard(m: Messages, read: ViewedCase, meeting: Meeting, theme?: string): AdaptiveCardJson {
  const { case: current } = read;
  const labels = m.cards.goals;
  const closure = meeting.closure;
  return themePaged(current, theme, (detail, shortened, shown) =>
    renderCard('goals', {
      caseId: current.id,
      title: labels.minutesTitle(current.reference, meetingNumber(meeting)),
      notice: '',
      intro: closure ? '' : labels.notClosed,
      shortened: shortened ? labels.shortened : '',
      paged: shown ? labels.themePaged : '',
      labels,
      hasMinutes: Boolean(closure),
      // "Vis referatet" on the approval card must not be a dead end while the approval is the coordinator's next step.
      backToApproval: Boolean(closure && !closure.approval) && isCoordinator(read.viewer),
      minutes: closure ? minutesView(m, current, meeting, closure, read.viewer) : NO_MINUTES,
      themes: goalsByTheme(m, current, detail, shown),
      otherThemes: otherThemes(m, current, shown),
      meetingId: meeting.id,
      goalButton: labels.show,
      canWrite: false,
      readOnlyNote: '',
      themeChoices: [],
      goalChoices: [],
      ownerChoices: [],
      methodChoices: [],
    }),
  );
}
