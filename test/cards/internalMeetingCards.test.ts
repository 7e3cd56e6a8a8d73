// The cards of an internal coordination meeting (seed 003): its checklist is the professionals'
// attendance alone and says it is no network meeting; the thread sees no number; closing it asks for
// the attendance only; the goals form offers only professionals as owners while it is open.
import { describe, expect, it } from 'vitest';
import { closeInternalCard, checklistCard } from '../../cards/meetingCards';
import { goalsFormCard } from '../../cards/goalCards';
import { meetingBaseCard } from '../../cards/channelCards';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Case } from '../../bot/domain/case';
import { addGoal } from '../../bot/domain/goals';
import { answerChecklist, meetingById } from '../../bot/domain/meeting';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { COORDINATOR, NOW } from '../domain/fixtures';
import { nodes } from '../support/cardNodes';
import { validateAdaptiveCard } from '../support/cardValidation';
import { asCoordinator, fullTeam, withInternalMeeting } from '../support/sampleCards';

const by = COORDINATOR.aadObjectId;
const texts = (card: AdaptiveCardJson) => nodes(card, 'TextBlock').map((block) => String(block.text));
const factsOf = (card: AdaptiveCardJson) =>
  (nodes(card, 'FactSet').flatMap((set) => set.facts) as Array<{ title: string; value: string }>).map((fact) => `${fact.title}: ${fact.value}`);
const inputIds = (card: AdaptiveCardJson) => [...nodes(card, 'Input.ChoiceSet'), ...nodes(card, 'Input.Text'), ...nodes(card, 'Input.Toggle')].map((input) => String(input.id));

const open = withInternalMeeting(fullTeam());
const meeting = (current: Case) => meetingById(current, 'internal-1');

describe.each([
  ['da', da],
  ['en', en],
] as const)('the internal meeting cards (%s)', (_language, m) => {
  it("the checklist: 'Internt koordineringsmøde', no number, the professionals' attendance and nothing else", () => {
    const card = checklistCard(m, asCoordinator(open), meeting(open));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const shown = texts(card);
    expect(shown[0]).toBe(m.cards.meeting.title(open.reference, 'internal'));
    expect(shown).toContain(m.cards.meeting.kindNote);
    expect(factsOf(card)).toContain(`${m.cards.meeting.number}: ${m.cards.meeting.internalNumber}`);
    const sections = Object.values(m.checklist.sections);
    expect(shown.filter((text) => sections.includes(text))).toEqual([m.checklist.sections.attendance]);
    // Mette, Jonas (absent, so his reason is asked) and Ole; never the young person (m-young) nor the VIP (Karen, m-vip).
    expect(inputIds(card).sort()).toEqual(['absenceReason_m-coordinator', 'absenceReason_m-jonas', 'absenceReason_m-ole', 'attended_m-coordinator', 'attended_m-jonas', 'attended_m-ole']);
    expect(JSON.stringify(card)).not.toContain('Karen');
  });

  it('the thread sees the meeting named as internal, with no number', () => {
    const card = meetingBaseCard(m, open, meeting(open));
    expect(texts(card)).toContain(m.cards.meeting.title(open.reference, 'internal'));
    expect(JSON.stringify(card)).not.toMatch(/(nr|no)\. \d/);
  });

  it('closing asks for no closing questions; the confirmation only while the attendance is not filled in', () => {
    const incomplete = closeInternalCard(m, open, meeting(open));
    expect(validateAdaptiveCard(incomplete)).toEqual([]);
    expect(texts(incomplete)).toEqual([m.cards.meeting.closeInternalTitle(open.reference), m.cards.meeting.closeInternalIntro, m.cards.meeting.attendanceMissing]);
    expect(inputIds(incomplete)).toEqual(['confirmEmptySections']);
    expect(nodes(incomplete, 'Action.Execute').map((action) => action.verb)).toEqual(['meeting.show', 'meeting.closeInternal']);
    const answered = answerChecklist(open, 'internal-1', { 'attended_m-ole': 'yes' }, by, NOW);
    const complete = closeInternalCard(m, answered, meeting(answered));
    expect(inputIds(complete)).toEqual([]);
    expect(texts(complete)).not.toContain(m.cards.meeting.attendanceMissing);
  });

  it('the goals form offers the professionals as owners while the internal meeting is open, not the young person nor the VIP', () => {
    const withGoal = addGoal(open, { theme: 'education', longTermGoal: 'Tømrer' }, 'goal-1', by, NOW, 'internal-1');
    const [owners] = nodes(goalsFormCard(m, asCoordinator(withGoal)), 'Input.ChoiceSet').filter((input) => input.id === 'ownerMemberId');
    expect((owners?.choices as Array<{ value: string }>).map((choice) => choice.value)).toEqual(['m-coordinator', 'm-jonas', 'm-ole']);
    const network = addGoal(fullTeam(), { theme: 'education', longTermGoal: 'Tømrer' }, 'goal-1', by, NOW);
    const [always] = nodes(goalsFormCard(m, asCoordinator(network)), 'Input.ChoiceSet').filter((input) => input.id === 'ownerMemberId');
    expect((always?.choices as Array<{ value: string }>).map((choice) => choice.value)).toEqual(expect.arrayContaining(['m-young', 'm-vip']));
  });
});
