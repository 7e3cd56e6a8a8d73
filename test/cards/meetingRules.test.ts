// What the meeting cards show of issue 11's rules: inputs for the sections a reader may answer now,
// the roles' inputs for the coordinator only, progress that reaches its total, meeting numbers only
// for meetings held, and closing that names the sections not filled in.
import { describe, expect, it } from 'vitest';
import type { CaseRead } from '../../bot/app/readCase';
import type { Case } from '../../bot/domain/case';
import { closeMeeting } from '../../bot/domain/closing';
import { answerChecklist, cancelMeeting, meetingById, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { meetingBaseCard } from '../../cards/channelCards';
import { closeMeetingCard } from '../../cards/goalCards';
import { checklistCard, meetingCancelCard, meetingOpenCard } from '../../cards/meetingCards';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { nodes } from '../support/cardNodes';

const by = COORDINATOR.aadObjectId;
const labels = da.cards.meeting;
const sections = da.checklist.sections;


/** Per section title: the ids of its inputs, its progress line and any note on why it cannot be answered. */
function sectionsOf(card: unknown): Record<string, { inputs: string[]; texts: string[] }> {
  const containers = nodes(card, 'Container').filter((container) => (container.items as unknown[] | undefined)?.some((item) => (item as { weight?: string }).weight === 'Bolder'));
  return Object.fromEntries(
    containers.map((container) => {
      const texts = nodes(container.items, 'TextBlock').map((block) => String(block.text));
      const inputs = ['Input.ChoiceSet', 'Input.Toggle', 'Input.Text', 'Input.Number'].flatMap((type) => nodes(container, type)).map((input) => String(input.id));
      return [texts[0] ?? '', { inputs, texts: texts.slice(1) }];
    }),
  );
}

const texts = (card: unknown) => nodes(card, 'TextBlock').map((block) => String(block.text));
const facts = (card: unknown) => Object.fromEntries(nodes(card, 'FactSet').flatMap((set) => (set.facts as Array<{ title: string; value: string }>).map((fact) => [fact.title, fact.value])));

function team(): Case {
  return addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Jensen' } }, 'm-jonas', by, NOW);
}
const as = (current: Case, memberId: string): CaseRead => ({ case: current, viewer: current.members.find((member) => member.id === memberId)! });

describe('the checklist card', () => {
  it('a planned meeting: inputs for the preparation and the roles only, no number yet, and the way there from `møde`', () => {
    const planned = planMeeting(team(), 'meeting-1', { date: '2027-01-10', time: '09:00' }, by, NOW);
    const card = checklistCard(da, as(planned, 'm-coordinator'), meetingById(planned, 'meeting-1'));
    const shown = sectionsOf(card);
    expect(shown[sections.roles]!.inputs).toEqual(['roleLeader', 'roleWriter', 'roleInterviewer']);
    expect(shown[sections.preparation]!.inputs.length).toBeGreaterThan(0);
    for (const section of [sections.vip, sections.agenda, sections.attendance, sections.evaluation, sections.status]) expect(shown[section]!.inputs).toEqual([]);
    expect(shown[sections.evaluation]!.texts).toContain(labels.sectionWhen.openOrAwaitingApproval);
    expect(texts(card)[0]).toBe(labels.title(planned.reference, undefined));
    expect(facts(card)[labels.number]).toBe(labels.numberWhenOpened);
    const openCard = meetingOpenCard(da, planned, NOW);
    expect(nodes(openCard, 'Action.Execute').find((action) => action.verb === 'meeting.show')?.data).toMatchObject({ meetingId: 'meeting-1' });
  });

  it('shows the roles\' inputs only to the coordinator; a member sees who was appointed', () => {
    const opened = answerChecklist(openMeeting(team(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW), 'meeting-1', { roleWriter: 'm-jonas' }, by, NOW);
    const meeting = meetingById(opened, 'meeting-1');
    expect(sectionsOf(checklistCard(da, as(opened, 'm-coordinator'), meeting))[sections.roles]!.inputs).toEqual(['roleLeader', 'roleWriter', 'roleInterviewer']);
    const forJonas = sectionsOf(checklistCard(da, as(opened, 'm-jonas'), meeting));
    expect(forJonas[sections.roles]!.inputs).toEqual([]);
    expect(forJonas[sections.roles]!.texts).toEqual(expect.arrayContaining([labels.rolesByCoordinator, da.checklist.questions.roleWriter, 'Jonas Jensen']));
    expect(forJonas[sections.preparation]!.inputs.length).toBeGreaterThan(0);
  });

  it('after the meeting, until approval: inputs for attendance and the evaluation only', () => {
    const opened = openMeeting(team(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const closing = { waitingArrangement: 'Ingen', feedbackMemberId: 'm-jonas', eyeKeeperMemberId: 'm-jonas', acuteContactMemberId: 'm-jonas', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: 'Kort.', confirmEmptySections: true };
    const closed = closeMeeting(opened, 'meeting-1', closing, 'meeting-2', by, NOW);
    const card = checklistCard(da, as(closed, 'm-jonas'), meetingById(closed, 'meeting-1'));
    const shown = sectionsOf(card);
    const withInputs = Object.entries(shown).filter(([, section]) => section.inputs.length > 0).map(([title]) => title);
    expect(withInputs).toEqual([sections.attendance, sections.evaluation]);
    // Closed, on the member's card and on the thread's (issue 11, section 8: old cards lie).
    expect(facts(card)[labels.state]).toBe(labels.phases.awaitingApproval);
    expect(facts(meetingBaseCard(da, closed, meetingById(closed, 'meeting-1')))[labels.state]).toBe(labels.phases.awaitingApproval);
  });

  it('says a section is done when everything that applies is answered, and counts the agenda as covered points', () => {
    const opened = openMeeting(team(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const answered = answerChecklist(
      opened,
      'meeting-1',
      { 'attended_m-coordinator': 'yes', 'attended_m-young': 'no', 'absenceReason_m-young': 'Syg', 'attended_m-jonas': 'yes', roleAttended_jobcentre: 'yes', vipAttached: 'no', agenda1: 'yes', agenda2: 'yes' },
      by,
      NOW,
    );
    const card = checklistCard(da, as(answered, 'm-coordinator'), meetingById(answered, 'meeting-1'));
    const shown = sectionsOf(card);
    expect(shown[sections.attendance]!.texts).toContain(labels.sectionDone(5));
    expect(shown[sections.vip]!.texts).toContain(labels.sectionDone(1));
    expect(shown[sections.agenda]!.texts).toContain(labels.coveredCount(2, 7));
    expect(shown[sections.roles]!.texts).toContain(labels.progress(0, 3));
  });
});

describe('meeting numbers on the cards', () => {
  it('a cancelled meeting is shown without a number, to the team and to the channel', () => {
    const cancelled = cancelMeeting(openMeeting(team(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW), 'meeting-1', 'youngPersonIll', undefined, by, NOW);
    const meeting = meetingById(cancelled, 'meeting-1');
    const card = checklistCard(da, as(cancelled, 'm-coordinator'), meeting);
    expect(texts(card)[0]).toBe(labels.title(cancelled.reference, undefined));
    expect(facts(card)[labels.number]).toBe(labels.numberNone);
    expect(texts(meetingBaseCard(da, cancelled, meeting))[0]).toBe(labels.title(cancelled.reference, undefined));
    expect(JSON.stringify(card)).not.toContain('nr. 1');
  });

  it('the cancel card names an open meeting by its number and a planned one, which has none, by its date', () => {
    const opened = openMeeting(team(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    expect(texts(meetingCancelCard(da, opened, meetingById(opened, 'meeting-1')))[0]).toBe(`Sag ${opened.reference}: aflys netværksmøde nr. 1`);
    const planned = planMeeting(team(), 'meeting-1', { date: '2027-01-10', time: '09:00' }, by, NOW);
    expect(texts(meetingCancelCard(da, planned, meetingById(planned, 'meeting-1')))[0]).toBe(`Sag ${planned.reference}: aflys netværksmødet søndag 10. januar 2027 kl. 09:00`);
  });
});

describe('the closing card', () => {
  const opened = () => openMeeting(team(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);

  it('names the checklist sections not filled in and offers to close without them', () => {
    const current = opened();
    const card = closeMeetingCard(da, as(current, 'm-coordinator'), meetingById(current, 'meeting-1'), NOW);
    const named = [sections.roles, sections.preparation, sections.vip, sections.attendance, sections.evaluation, sections.status].join('; ');
    expect(texts(card)).toContain(da.cards.goals.checklistIncomplete(named));
    expect(nodes(card, 'Input.Toggle').filter((toggle) => toggle.id !== 'noWaitingTime')).toMatchObject([{ id: 'confirmEmptySections', valueOn: 'true', valueOff: 'false' }]);
  });

  it('asks nothing more once the checklist is filled in', () => {
    const answered = answerChecklist(
      opened(),
      'meeting-1',
      {
        roleLeader: 'm-coordinator', roleWriter: 'm-jonas', roleInterviewer: 'm-coordinator',
        prepHandoverSent: 'yes', prepPreMeeting: 'yes', prepNetworkMapMade: 'no', prepNetworkMapUsed: 'no',
        vipAttached: 'no',
        'attended_m-coordinator': 'yes', 'attended_m-young': 'yes', 'attended_m-jonas': 'yes', roleAttended_jobcentre: 'no', roleAbsenceReason_jobcentre: 'Ikke udpeget endnu',
        evalResources: 'yes', evalChallenges: 'yes', evalNeeds: 'yes', evalClearGoals: 'yes', evalResponsibles: 'yes',
        evalYoungPersonSpoke: 'yes', evalYoungPersonKnowsFollowUp: 'yes', evalWentWell: 'yes', evalAgendaCompleted: 'yes', evalLengthMinutes: '60',
        youngPersonStatus: 'work',
      },
      by,
      NOW,
    );
    const card = closeMeetingCard(da, as(answered, 'm-coordinator'), meetingById(answered, 'meeting-1'), NOW);
    expect(nodes(card, 'Input.Toggle').map((toggle) => toggle.id)).toEqual(['noWaitingTime']);
    expect(JSON.stringify(card)).not.toContain(da.cards.goals.confirmEmptySections);
  });
});
