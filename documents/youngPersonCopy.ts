// The young person's own copy of the plan (seed 001: the form is sent to the young person), in plain
// words on a narrow page that reads on a phone: their goals, who does what by when, who gives them
// feedback, whom to call if the plan slips, the next meeting. Nothing about anyone's private network,
// the checklist or the summary: only the plan, and the contact details of those they are told to call.
import type { Content } from 'pdfmake/interfaces';
import { type Case, type TeamMember, coordinatorOf } from '../bot/domain/case';
import type { Closure } from '../bot/domain/closing';
import { GOAL_THEMES, agreementsOf, currentVersion } from '../bot/domain/goals';
import type { Meeting } from '../bot/domain/meeting';
import type { Messages } from '../bot/i18n';
import { followUpText, nextMeetingText } from '../cards/goalCards';
import { memberName, nameWithRole, roleName } from '../cards/people';
import { renderPdf } from './pdf';

/** "Name (role)", without the team's own marks ("ekstern"): how the young person knows them. */
const plainName = (m: Messages, current: Case, member: TeamMember) =>
  nameWithRole(member.person.kind === 'external' ? member.person.name : memberName(current, member, m), roleName(member, m));

/** "Name (role)" and, for someone outside Teams, the phone and e-mail the team holds for them. */
function contactLines(m: Messages, current: Case, member: TeamMember | undefined): string {
  if (!member) return m.cards.goals.formerMember;
  const named = plainName(m, current, member);
  const person = member.person;
  const reach = person.kind === 'external' ? [person.phone ?? person.mainPhone, person.email].filter(Boolean) : [];
  return [named, ...reach].join('\n');
}

function goalsOf(m: Messages, current: Case): Content[] {
  const labels = m.documents;
  return GOAL_THEMES.flatMap((theme) =>
    current.goals
      .filter((goal) => goal.theme === theme)
      .flatMap((goal): Content[] => {
        const version = currentVersion(goal);
        const open = agreementsOf(current, goal).filter((agreement) => agreement.status === 'open');
        const who = (ownerId: string) => {
          const owner = current.members.find((member) => member.id === ownerId);
          if (!owner) return m.cards.goals.formerMember;
          return owner.role === 'youngPerson' ? labels.copyYou : plainName(m, current, owner);
        };
        return [
          { text: m.cards.goals.themes[theme], style: 'subheading' },
          { text: [{ text: `${labels.copyGoal}: `, style: 'label' }, version.longTermGoal] },
          ...(version.subGoals ? [{ text: [{ text: `${labels.copySteps}: `, style: 'label' }, version.subGoals], margin: [0, 4, 0, 0] } as Content] : []),
          open.length === 0
            ? { text: labels.copyNoAgreements, style: 'muted', margin: [0, 4, 0, 0] }
            : {
                ul: open.map((agreement) => ({ text: [{ text: `${who(agreement.ownerMemberId)}: `, style: 'label' }, agreement.action, `\n${followUpText(m, agreement)}`] })),
                margin: [0, 4, 0, 0],
              },
        ];
      }),
  );
}

/** The young person's copy of the plan after `meeting` (closed), as a PDF. */
export function youngPersonCopyPdf(m: Messages, current: Case, meeting: Meeting, closure: Closure): Promise<Buffer> {
  const labels = m.documents;
  const member = (id: string) => current.members.find((candidate) => candidate.id === id);
  const giver = member(closure.feedbackMemberId);
  const goals = goalsOf(m, current);
  return renderPdf({
    pageSize: 'A5',
    pageMargins: [28, 32, 28, 36],
    defaultStyle: { font: 'DejaVuSans', fontSize: 12, lineHeight: 1.25 },
    info: { title: labels.copyHeading },
    footer: (page, pages) => ({ text: labels.page(page, pages), alignment: 'center', fontSize: 8, margin: [0, 12, 0, 0] }),
    content: [
      { text: labels.copyHeading, style: 'title' },
      { text: current.youngPerson.name, style: 'subheading' },
      labels.copyIntro(m.dates.long(meeting.startsAt)),
      { text: labels.copyGoals, style: 'heading' },
      ...(goals.length > 0 ? goals : [{ text: m.documents.noGoals, style: 'muted' } as Content]),
      ...(giver ? [{ text: labels.copyFeedback(plainName(m, current, giver)), margin: [0, 12, 0, 0] } as Content] : []),
      { text: labels.copyHelp, style: 'heading' },
      { text: labels.copyEyeKeeper, style: 'label' },
      { text: contactLines(m, current, member(closure.eyeKeeperMemberId)), margin: [0, 0, 0, 6] },
      { text: labels.copyAcute, style: 'label' },
      { text: contactLines(m, current, member(closure.acuteContactMemberId)), margin: [0, 0, 0, 6] },
      { text: labels.copyCoordinator, style: 'label' },
      { text: contactLines(m, current, coordinatorOf(current)), margin: [0, 0, 0, 6] },
      { text: labels.copyNextMeeting, style: 'heading' },
      closure.nextMeetingId ? nextMeetingText(m, current, closure) : labels.copyNoNextMeeting,
    ],
  });
}
