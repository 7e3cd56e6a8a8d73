// What the checklist card asks in sections 3 to 5 (issue 11, section 3): the VIP chosen from the team's
// VIP members (or how to add one), attendance per row of the form's table with its two parts, other
// participants one place at a time, the answers of questions asked otherwise now shown as given, and
// the agenda's whole guidance.
import { describe, expect, it } from 'vitest';
import type { CaseRead } from '../../bot/app/readCase';
import type { Case } from '../../bot/domain/case';
import { MAX_OTHER_PARTICIPANTS } from '../../bot/domain/checklist';
import { approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { answerChecklist, meetingById, openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember, removeMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { ATTENDANCE_PAGE_SIZE, checklistCard } from '../../cards/meetingCards';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { type CardNode as Node, nodes, nodesWhere } from '../support/cardNodes';

const by = COORDINATOR.aadObjectId;

/** The section's container on the card: the one whose first TextBlock is its title. */
function section(card: unknown, title: string): Node {
  const found = nodes(card, 'Container').find((container) => (container.items as Node[] | undefined)?.[0]?.text === title);
  if (!found) throw new Error(`no section ${title}`);
  return found;
}

/** The inputs in the order the card shows them. */
const inputs = (container: unknown) => nodesWhere(container, (node) => String(node.type).startsWith('Input.'));
const inputIds = (container: unknown) => inputs(container).map((input) => String(input.id));
const inputById = (container: unknown, id: string) => inputs(container).find((input) => input.id === id)!;
const texts = (container: unknown) => nodes(container, 'TextBlock').map((block) => String(block.text));
const seenOf = (container: unknown) => Object.keys((nodes(container, 'Action.Execute').find((action) => action.verb === 'meeting.answer')!.data as { seen: object }).seen);

/** Jonas (UU-vejleder), Ole (a psychologist); Karen, the VIP, with `withVip`. No jobcentre caseworker. */
function team(withVip = true): Case {
  let current = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas Jensen' } }, 'm-jonas', by, NOW);
  current = addMember(current, { role: 'psychologist', person: { kind: 'external', name: 'Ole Berg' } }, 'm-ole', by, NOW);
  return withVip ? addMember(current, { role: 'vip', person: { kind: 'external', name: 'Karen Hansen' } }, 'm-karen', by, NOW) : current;
}
const opened = (current: Case = team()) => openMeeting(current, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
const asCoordinator = (current: Case): CaseRead => ({ case: current, viewer: current.members[0]! });
const card = (current: Case, m = da, page?: string) => checklistCard(m, asCoordinator(current), meetingById(current, 'meeting-1'), '', page);
const answer = (current: Case, answers: Record<string, string>) => answerChecklist(current, 'meeting-1', answers, by, NOW);
/** Closing the meeting with the checklist as it is. */
const CLOSING = { waitingArrangement: 'x', feedbackMemberId: 'm-jonas', eyeKeeperMemberId: 'm-jonas', acuteContactMemberId: 'm-jonas', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: 'x', confirmEmptySections: true };

describe('section 3: the VIP', () => {
  it('is chosen from the team\'s VIP members, with where they come from as the form has it', () => {
    const vip = section(card(opened()), da.checklist.sections.vip);
    expect(inputIds(vip)).toEqual(['vipAttached', 'vipMemberId', 'vipSource']);
    expect(inputById(vip, 'vipMemberId').choices).toEqual([{ title: 'Karen Hansen (ekstern)', value: 'm-karen' }]);
    expect((inputById(vip, 'vipSource').choices as Array<{ title: string }>).map((choice) => choice.title)).toEqual([
      'Den unges private netværk (fx forældre, bedsteforældre, ven, fodboldtræner)',
      'Den unges professionelle netværk (fx primære kontaktperson, lærer)',
    ]);
  });

  it('says how to add the VIP when nobody on the team has that role, and asks nothing it cannot take', () => {
    for (const m of [da, en]) {
      const vip = section(card(opened(team(false)), m), m.checklist.sections.vip);
      expect(inputIds(vip)).toEqual(['vipAttached', 'vipSource']);
      expect(seenOf(vip)).toEqual(['vipAttached', 'vipSource']);
      expect(texts(vip)).toContain(m.checklist.noVipMember);
    }
  });

  it('names a VIP who has left the team as a former member, never by id', () => {
    const answered = answer(opened(), { vipAttached: 'yes', vipMemberId: 'm-karen' });
    const left = removeMember(answered, 'm-karen', by, NOW);
    const vip = section(card(closeMeeting(left, 'meeting-1', CLOSING, 'meeting-2', by, NOW)), da.checklist.sections.vip);
    expect(texts(vip)).toContain(`${da.cards.goals.formerMember}. ${da.checklist.noVipMember}`);
    expect(JSON.stringify(vip)).not.toContain('m-karen');
  });
});

describe('answers to questions asked otherwise now', () => {
  it('are shown as given, without an input', () => {
    const current = answer(opened(), { vipAttached: 'yes' });
    const meeting = meetingById(current, 'meeting-1');
    const old = { ...current, meetings: [{ ...meeting, answers: { ...meeting.answers, vipWho: 'Moster', attendanceOthers: 'Lærer fra skolen' } }] };
    const shown = card(old);
    const vip = section(shown, da.checklist.sections.vip);
    expect(texts(vip)).toEqual(expect.arrayContaining([da.checklist.retired.vipWho, 'Moster']));
    expect(inputIds(vip)).not.toContain('vipWho');
    expect(seenOf(vip)).not.toContain('vipWho');
    const attendance = section(shown, da.checklist.sections.attendance);
    expect(texts(attendance)).toEqual(expect.arrayContaining([da.checklist.retired.attendanceOthers, 'Lærer fra skolen']));
    expect(inputIds(attendance)).not.toContain('attendanceOthers');
  });
});

describe('section 5: attendance per row of the form\'s table', () => {
  it('asks the team, a missing role as that role, then the others, each part under its heading', () => {
    const attendance = section(card(opened()), da.checklist.sections.attendance);
    const labels = inputs(attendance).map((input) => String(input.label));
    const headings = texts(attendance).filter((text) => Object.values(da.checklist.attendanceGroups).includes(text));
    expect(headings).toEqual([da.checklist.attendanceGroups.team, da.checklist.attendanceGroups.others]);
    expect(labels).toContain(da.checklist.roleNotOnTeam(da.roles.jobcentre));
    expect(labels).toContain(`${da.checklist.roleNotOnTeam(da.roles.jobcentre)}. ${da.checklist.absenceReason}`);
    expect(labels).toContain(`${da.checklist.attended(da.roles.psychologist, 'Ole Berg (ekstern)')}. ${da.checklist.participationReason}`);
    expect(labels).toContain(`${da.checklist.attended(da.roles.youthGuidance, 'Jonas Jensen')}. ${da.checklist.absenceReason}`);
  });

  it('offers the other participants one place at a time, by name', () => {
    const first = section(card(opened()), da.checklist.sections.attendance);
    expect(inputIds(first).filter((id) => id.startsWith('other'))).toEqual(['otherName_1', 'otherAttended_1', 'otherReason_1']);
    const named = answer(opened(), { otherName_1: 'Lærer fra produktionsskolen' });
    const second = section(card(named), da.checklist.sections.attendance);
    expect(inputIds(second).filter((id) => id.startsWith('other'))).toEqual(['otherName_1', 'otherAttended_1', 'otherReason_1', 'otherName_2', 'otherAttended_2', 'otherReason_2']);
    expect(inputById(second, 'otherName_1').value).toBe('Lærer fra produktionsskolen');
    expect(inputById(second, 'otherReason_1').label).toBe(da.checklist.otherReason('Lærer fra produktionsskolen'));
    expect(inputById(second, 'otherAttended_2').label).toBe(da.checklist.otherAttended(da.checklist.otherPlace(2)));
  });

  it(`says when ${MAX_OTHER_PARTICIPANTS} are written and offers no more`, () => {
    const full = answer(opened(), Object.fromEntries(Array.from({ length: MAX_OTHER_PARTICIPANTS }, (_, index) => [`otherName_${index + 1}`, `Gæst ${index + 1}`])));
    // Six rows of the team and ten others: the attendance takes two pages, the others end the second.
    const attendance = section(card(full, da, 'attendance-2'), da.cards.meeting.sectionPart(da.checklist.sections.attendance, 2, 2));
    expect(inputIds(attendance).filter((id) => id.startsWith('otherName_'))).toHaveLength(6 + MAX_OTHER_PARTICIPANTS - ATTENDANCE_PAGE_SIZE);
    expect(inputIds(attendance)).not.toContain(`otherName_${MAX_OTHER_PARTICIPANTS + 1}`);
    expect(texts(attendance)).toContain(da.checklist.othersFull(MAX_OTHER_PARTICIPANTS));
  });

  it('shows only the places in use once attendance can no longer be answered', () => {
    const named = answer(opened(), { otherName_1: 'Lærer fra produktionsskolen', otherAttended_1: 'yes' });
    const approved = approveMinutes(closeMeeting(named, 'meeting-1', CLOSING, 'meeting-2', by, NOW), 'meeting-1', '2026-11-23', by, NOW);
    const attendance = section(card(approved), da.checklist.sections.attendance);
    expect(inputIds(attendance)).toEqual([]);
    expect(texts(attendance)).toContain(da.checklist.otherName(1));
    expect(texts(attendance)).not.toContain(da.checklist.otherName(2));
  });
});

describe('section 4: the agenda', () => {
  it('shows each point\'s whole guidance, a paragraph a line, to prepare and run the meeting; not on its record', () => {
    const whole = (m: typeof da, point: number) => m.checklist.agendaGuidance[`agenda${point}`]!.join('\n\n');
    const planned = planMeeting(team(), 'meeting-1', { date: '2027-01-10', time: '09:00' }, by, NOW);
    for (const m of [da, en]) {
      for (const current of [opened(), planned]) {
        const shown = texts(section(card(current, m), m.checklist.sections.agenda));
        for (const point of [1, 2, 3, 4, 5, 6, 7]) expect(shown).toContain(whole(m, point));
      }
    }
    const held = closeMeeting(opened(), 'meeting-1', CLOSING, 'meeting-2', by, NOW);
    expect(texts(section(card(held), da.checklist.sections.agenda))).not.toContain(whole(da, 1));
    const guidance = Object.values(da.checklist.agendaGuidance).flat().join('\n');
    // Point 1's time frame and ground rules, point 3's questions, point 5's warning (seed 001).
    for (const phrase of ['tidsramme', 'Spilleregler for mødet aftales', 'Hvordan vil en god løsning se ud for dig?', 'Hvilke tanker gør du dig om dette?', 'visitationsudvalg', 'indstilling til beslutning om specifikke indsatser']) {
      expect(guidance).toContain(phrase);
    }
  });
});
