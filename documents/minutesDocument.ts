// The minutes of a closed network meeting for the municipality's case file (journalisering), laid out
// like seed 001's forms: the meeting's facts, the mødetjekliste with every question and its answer, the
// form's closing questions and summary, and the mål- og aftaleskema as the paper form's table (on
// landscape pages, as the form is). The young person's approval is the model's signature: the form is
// approved by them before it goes out (seed 001), so the page says whether and when.
import type { Content, TableCell } from 'pdfmake/interfaces';
import { type Case, coordinatorOf } from '../bot/domain/case';
import type { Closure } from '../bot/domain/closing';
import { localDate } from '../bot/domain/fields';
import { GOAL_THEMES, type Goal, agreementsOf, currentVersion } from '../bot/domain/goals';
import { type Meeting, meetingNumber } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import { closingAnswers, followUpText, memberLabelById } from '../cards/goalCards';
import { checklistRecord } from '../cards/meetingCards';
import { memberName } from '../cards/people';
import { renderPdf } from './pdf';

const questionTable = (rows: Array<{ question: string; answer: string }>): Content => ({
  table: { widths: ['45%', '55%'], headerRows: 0, dontBreakRows: true, body: rows.map(({ question, answer }) => [{ text: question, style: 'label' }, answer]) },
  layout: 'lightHorizontalLines',
});

function factsOf(m: Messages, current: Case, meeting: Meeting, closure: Closure, now: Date): Content {
  const labels = m.documents;
  return questionTable([
    { question: labels.caseReference, answer: current.reference },
    { question: labels.youngPerson, answer: current.youngPerson.name },
    { question: labels.birthDate, answer: m.dates.short(current.youngPerson.birthDate) },
    { question: labels.coordinator, answer: memberName(current, coordinatorOf(current), m) },
    { question: labels.meetingHeld, answer: m.dates.dateTime(meeting.startsAt) },
    { question: m.cards.goals.approval, answer: closure.approval ? m.dates.long(closure.approval.approvedOn) : labels.notApproved },
    { question: labels.printed, answer: m.dates.short(localDate(now)) },
  ]);
}

/** One goal as rows of the form's table: the goal's cells span its agreements' rows. */
function goalRows(m: Messages, current: Case, goal: Goal): TableCell[][] {
  const version = currentVersion(goal);
  const outcome = goal.outcomes.at(-1);
  const agreements = agreementsOf(current, goal);
  const span = Math.max(1, agreements.length);
  const goalCells: TableCell[] = [
    { text: m.dates.short(version.at), rowSpan: span },
    { text: version.longTermGoal, rowSpan: span },
    { text: version.subGoals, rowSpan: span },
  ];
  const verdict = outcome && `${outcome.reached ? m.cards.goals.yes : m.cards.goals.no} (${m.dates.short(outcome.at)}): ${outcome.reason}`;
  const reached: TableCell = { text: verdict ?? '', rowSpan: span };
  const agreementCells = (index: number): TableCell[] => {
    const agreement = agreements[index];
    if (!agreement) return ['', '', ''];
    const action = agreement.needsVisitation ? `${agreement.action}\n(${m.cards.goals.recommendation})` : agreement.action;
    return [`${action}\n${m.cards.goals.agreementStatus[agreement.status]}`, memberLabelById(m, current, agreement.ownerMemberId), followUpText(m, agreement)];
  };
  return Array.from({ length: span }, (_, index) => (index === 0 ? [...goalCells, ...agreementCells(0), reached] : [{}, {}, {}, ...agreementCells(index), {}]));
}

function goalsForm(m: Messages, current: Case): Content[] {
  const labels = m.cards.goals;
  // A row of its own for every table: pdfmake writes its layout into the cells it draws.
  const header = (): TableCell[] => [m.documents.goalsDate, labels.longTermGoal, labels.subGoals, labels.agreements, labels.responsibles, m.documents.followUp, m.documents.reached].map((text) => ({ text, style: 'label' }));
  const themes = GOAL_THEMES.flatMap((theme): Content[] => {
    const goals = current.goals.filter((goal) => goal.theme === theme);
    if (goals.length === 0) return [];
    return [
      { text: `${labels.theme}: ${labels.themes[theme]}`, style: 'subheading' },
      { table: { headerRows: 1, widths: [54, '*', '*', '*', 90, 90, 90], body: [header(), ...goals.flatMap((goal) => goalRows(m, current, goal))] }, fontSize: 8 },
    ];
  });
  return themes.length > 0 ? themes : [{ text: m.documents.noGoals, style: 'muted' }];
}

/** The minutes of `meeting` (closed) as a PDF; `now` is the print date it carries. */
export function minutesPdf(m: Messages, current: Case, meeting: Meeting, closure: Closure, now: Date): Promise<Buffer> {
  const labels = m.documents;
  const number = meetingNumber(meeting);
  return renderPdf({
    info: { title: labels.minutesHeading(number), subject: current.reference },
    footer: (page, pages) => ({ text: `${current.reference} · ${labels.page(page, pages)}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [
      { text: labels.minutesHeading(number), style: 'title' },
      factsOf(m, current, meeting, closure, now),
      { text: labels.checklistHeading, style: 'heading' },
      ...checklistRecord(m, current, meeting, true).flatMap(({ section, answers }): Content[] => [{ text: section, style: 'subheading' }, questionTable(answers)]),
      { text: labels.closingHeading, style: 'heading' },
      questionTable([...closingAnswers(m, current, closure), { question: m.cards.goals.summary, answer: closure.summary || m.cards.goals.noAnswer }]),
      { text: labels.goalsHeading, style: 'heading', pageBreak: 'before', pageOrientation: 'landscape' },
      ...goalsForm(m, current),
    ],
  });
}
