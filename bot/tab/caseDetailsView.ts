// One case in the tab, for a reader the access rules let see its details (readCase): the team, the network overview,
// the goals with their agreements and each agreement's history, the interventions with theirs, and the meetings
// with their checklists. Words the bot already
// has (roles, themes, ways to follow up, meeting states) come in the reader's language.
import { mayBeToldWho5Signal, mayReadMeeting } from '../domain/access';
import type { Case, TeamMember } from '../domain/case';
import { localDate } from '../domain/fields';
import { type Agreement, agreementsOf, currentVersion } from '../domain/goals';
import { meetingNumber } from '../domain/meeting';
import { hasNetworkMap } from '../domain/networkMap';
import type { Messages } from '../i18n';
import { checklistRecord, transitionText } from '../../cards/meetingCards';
import { type RhythmView, rhythmView } from '../../cards/rhythmCards';
import { memberName, roleName } from '../../cards/people';
import { type OverviewPersonText, overviewPersonText, overviewRowTitle } from '../../cards/networkOverviewCards';
import { networkOverview } from '../domain/networkOverview';
import { initiatorName, interventionsInCardOrder } from '../../cards/interventionCards';
import { type ReadinessSetOf, progressTimeLine } from '../domain/progress';
import { type TrendPicture, trendPicture } from '../../cards/trendChart';

interface AgreementDetails {
  action: string;
  owner: string;
  followUpOn: string;
  method: string;
  done: boolean;
  overdue: boolean;
  /** What happened to it, when (who did it is left out: ids only mean something to the audit). */
  history: Array<Pick<Agreement['history'][number], 'at' | 'kind' | 'followUpOn'>>;
}

export interface CaseDetails {
  caseId: string;
  reference: string;
  youngPersonName: string;
  team: Array<{ role: string; name: string }>;
  /** The network overview's 20 rows (seed 001), with contact details and support offers in full: the reader has consent. */
  networkOverview: Array<{ row: string; persons: OverviewPersonText[] }>;
  goals: Array<{ theme: string; longTermGoal: string; subGoals: string; agreements: AgreementDetails[] }>;
  /** Whether anyone is on the network map: its picture is then a request away (tabApi.ts). */
  networkMap: boolean;
  /** The intervention overview, as the card orders it (active first); statuses in the reader's language. */
  interventions: Array<{ what: string; status: string; from: string; to?: string; initiatedBy: string; why?: string; goal?: string; history: Array<{ at: string; kind: string; status?: string; fields?: string }> }>;
  /** Each meeting with its checklist's answers, as the checklist card words them; a transition meeting says so, with its purpose. */
  meetings: Array<{ number?: number; state: string; startsAt: string; transition?: string; checklist: ReturnType<typeof checklistRecord> }>;
  /** WHO-5 and readiness over time with the network meetings and the status at each (tab/trend.js draws it); the WHO-5 signal for those told it. */
  trend: TrendPicture;
  /** The model's rhythm as the case overview shows it (issue 14): meetings against three, transition meetings, the 18-year hand-over. */
  rhythm: { title: string; facts: RhythmView['facts']; belowMinimum: string };
}

/** The tab's trend: the latest days with a measure or a network meeting (40: about two years at the model's rhythm). */
const TREND_TAB_DAYS = 40;

/**
 * `viewer`'s own rules decide which meetings' checklists they see (an internal meeting is the professionals'),
 * and whether they are told the WHO-5 signal. `readinessSets`: as the overview card's (caseCards.ts).
 */
export function caseDetails(current: Case, viewer: TeamMember, m: Messages, now: Date, readinessSets: ReadinessSetOf = () => undefined): CaseDetails {
  const today = localDate(now);
  const ownerName = (memberId: string) => {
    const owner = current.members.find((member) => member.id === memberId);
    return owner ? memberName(current, owner, m) : '–';
  };
  return {
    caseId: current.id,
    reference: current.reference,
    youngPersonName: current.youngPerson.name,
    team: current.members.map((member) => ({ role: roleName(member, m), name: memberName(current, member, m) })),
    networkMap: hasNetworkMap(current),
    networkOverview: networkOverview(current).map(({ row, persons }) => ({ row: overviewRowTitle(m, row), persons: persons.map((person) => overviewPersonText(m, current, person)) })),
    goals: current.goals.map((goal) => {
      const version = currentVersion(goal);
      return {
        theme: m.cards.goals.themes[goal.theme],
        longTermGoal: version.longTermGoal,
        subGoals: version.subGoals,
        agreements: agreementsOf(current, goal).map((agreement) => ({
          action: agreement.action,
          owner: ownerName(agreement.ownerMemberId),
          followUpOn: agreement.followUpOn,
          method: agreement.followUpMethod === 'other' && agreement.followUpMethodOther ? agreement.followUpMethodOther : m.cards.goals.methods[agreement.followUpMethod],
          done: agreement.status === 'done',
          overdue: agreement.status === 'open' && agreement.followUpOn < today,
          history: agreement.history.map(({ at, kind, followUpOn }) => ({ at, kind, ...(followUpOn ? { followUpOn } : {}) })),
        })),
      };
    }),
    interventions: interventionsInCardOrder(current).map((intervention) => {
      const statuses = m.cards.interventions.statuses;
      const goal = intervention.goalId ? current.goals.find((candidate) => candidate.id === intervention.goalId) : undefined;
      return {
        what: intervention.what,
        status: statuses[intervention.status],
        from: intervention.from,
        ...(intervention.to ? { to: intervention.to } : {}),
        initiatedBy: initiatorName(m, current, intervention),
        ...(intervention.why ? { why: intervention.why } : {}),
        ...(goal ? { goal: currentVersion(goal).longTermGoal } : {}),
        history: intervention.history.map(({ at, kind, status, fields }) => ({
          at,
          kind,
          ...(status ? { status: statuses[status] } : {}),
          ...(fields ? { fields: fields.map((field) => m.tab.page.interventionFields[field]).join(', ') } : {}),
        })),
      };
    }),
    meetings: current.meetings.filter((meeting) => mayReadMeeting(meeting, viewer)).map((meeting) => {
      const number = meetingNumber(meeting);
      const transition = transitionText(m, meeting);
      return {
        ...(number === undefined ? {} : { number }),
        state: m.cards.meeting.states[meeting.status],
        startsAt: meeting.startsAt,
        ...(transition ? { transition } : {}),
        checklist: checklistRecord(m, current, meeting),
      };
    }),
    trend: trendPicture(m, progressTimeLine(current, readinessSets, TREND_TAB_DAYS), mayBeToldWho5Signal(current, viewer)),
    rhythm: (({ title, facts, belowMinimum }) => ({ title, facts, belowMinimum }))(rhythmView(m, current, now)),
  };
}
