// The team's own status card (seed 001): case A of the statistics' fixtures, its figures counted by hand
// (statusFixtures.ts says what each meeting and agreement is), written with labels, dates the reader's way.
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../bot/domain/statistics/period';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import type { AdaptiveCardJson } from '../../cards/render';
import { teamStatusCard } from '../../cards/teamStatusCards';
import { nodes } from '../support/cardNodes';
import { validateAdaptiveCard } from '../support/cardValidation';
import { caseA, caseOf } from '../domain/statistics/statusFixtures';

const labels = da.cards.teamStatus;
const read = { case: caseA, viewer: caseA.members[0]! };

/** The card's facts, title → value, of every section. */
const factsOf = (card: AdaptiveCardJson): Record<string, string> =>
  Object.fromEntries(nodes(card, 'FactSet').flatMap((factSet) => (factSet.facts as Array<{ title: string; value: string }>).map((fact) => [fact.title, fact.value])));
const textsOf = (card: AdaptiveCardJson): string[] => nodes(card, 'TextBlock').map((block) => String(block.text));
const choiceOf = (card: AdaptiveCardJson) => nodes(card, 'Input.ChoiceSet')[0] as { id: string; value: string; choices: Array<{ title: string; value: string }> };

describe("the team's status card", () => {
  it('shows an ended half-year whole: 2027H1 of case A', () => {
    const card = teamStatusCard(da, read, new Date('2028-01-10T10:00:00Z'), parsePeriod('2027H1'));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textsOf(card)).toEqual(expect.arrayContaining([labels.title(caseA.reference), labels.checklist(2), labels.agreements, labels.youngPerson]));
    // "1. halvår" starts the line: markdown would read it as a list, so it is escaped ("1\.").
    expect(textsOf(card)).toContain('1\\. halvår 2027 (01.01.2027–30.06.2027)');
    expect(factsOf(card)).toEqual({
      // a1 and a3 held; a2 cancelled, the young person ill; a4 is after the half-year.
      [labels.held]: '2',
      [labels.cancelled]: '1 (den unge var syg: 1)',
      // From 30 June 2026: a0 (September), a1 and a3.
      'Afholdt de seneste 12 måneder (til 30.06.2027)': '3 (modellen: mindst 3 om året)',
      // a1 yes, a3 no.
      [labels.figures.youngPersonPresent]: '1 af 2 (50\u00A0%)',
      [labels.figures.vipAttached]: '2 af 2 (100\u00A0%)',
      [labels.figures.prepHandoverSent]: '1 af 2 (50\u00A0%)',
      // Asked at a1 only.
      [labels.figures.prepPreMeeting]: '1 af 2 (50\u00A0%); ikke besvaret:\u00A01',
      [labels.figures.prepFollowedUpPlan]: '1 af 2 (50\u00A0%); ikke besvaret:\u00A01',
      [labels.figures.prepNetworkMapMade]: '0 af 2 (0\u00A0%); ikke besvaret:\u00A01',
      [labels.figures.prepNetworkMapUsed]: '0 af 2 (0\u00A0%); ikke besvaret:\u00A01',
      [labels.figures.evalClearGoals]: '2 af 2 (100\u00A0%)',
      [labels.figures.evalResponsibles]: '1 af 2 (50\u00A0%); ved ikke:\u00A01',
      // (90 + 60) / 2.
      [labels.meetingLength]: '75 minutter',
      // a1's feedback recorded on its second day, a3's on its third.
      [labels.feedbackInTwoDays]: '1 af 2 (50\u00A0%); senere:\u00A01',
      // ag1, ag2, ag3 and ag5 were due; ag1 on time, ag2 a day late, ag3 (moved) and ag5 (done in July) not done by 30 June.
      [labels.due(true)]: '4',
      [labels.keptOnTime]: '1 af 4 (25\u00A0%)',
      [labels.doneLate]: '1 af 4 (25\u00A0%)',
      [labels.overdue(true)]: '2 af 4 (50\u00A0%)',
      [labels.moved]: '1 af 4 (25\u00A0%)',
      // Neither at the start; a3 recorded work, a4 (neither) came after the half-year.
      [labels.statusAtStart]: da.statuses.neither,
      [labels.statusNow(true)]: da.statuses.work,
      [labels.model]: '64\u00A0% i uddannelse, 16\u00A0% i beskæftigelse, 20\u00A0% hverken',
    });
  });

  it('offers every half-year since the case was opened, newest first, and shows it again by case.show', () => {
    const card = teamStatusCard(da, read, new Date('2028-01-10T10:00:00Z'), parsePeriod('2027H1'));
    const choice = choiceOf(card);
    expect(choice).toMatchObject({ id: 'period', value: '2027H1' });
    expect(choice.choices.map((option) => option.value)).toEqual(['2028H1', '2027H2', '2027H1', '2026H2', '2026H1']);
    expect(choice.choices[3]!.title).toBe('2. halvår 2026 (01.07.2026–31.12.2026)');
    expect(nodes(card, 'Action.Execute')).toEqual([expect.objectContaining({ verb: 'case.show', data: { v: 1, caseId: 'A', view: 'teamStatus' } })]);
  });

  it('takes the running half-year so far when none is chosen', () => {
    const card = teamStatusCard(da, read, new Date('2027-04-15T10:00:00Z'));
    expect(textsOf(card)).toContain('1\\. halvår 2027 (01.01.2027–30.06.2027), indtil nu (15.04.2027)');
    expect(choiceOf(card).value).toBe('2027H1');
    expect(textsOf(card)).toContain(labels.checklist(1));
    expect(factsOf(card)).toMatchObject({
      [labels.held]: '1',
      'Afholdt de seneste 12 måneder (til 15.04.2027)': '2 (modellen: mindst 3 om året)',
      [labels.figures.youngPersonPresent]: '1 af 1 (100\u00A0%)',
      [labels.meetingLength]: '90 minutter',
      [labels.due(false)]: '2',
      [labels.overdue(false)]: '0 af 2 (0\u00A0%)',
      [labels.statusNow(false)]: da.statuses.education,
    });
  });

  it('says so when nothing was held or due, when the case was not open a year, and when it was not open at all', () => {
    const young = caseOf('Y', { createdAt: '2027-03-01T09:00:00.000Z', statusAtStart: 'education' });
    const card = teamStatusCard(da, { case: young, viewer: young.members[0]! }, new Date('2027-04-15T10:00:00Z'));
    expect(textsOf(card)).toEqual(expect.arrayContaining([labels.noneHeld, labels.noneDue]));
    expect(textsOf(card)).not.toContain(labels.checklist(0));
    expect(factsOf(card)).toMatchObject({ [labels.held]: '0', [labels.cancelled]: '0', 'Afholdt de seneste 12 måneder (til 15.04.2027)': labels.notOpenWholeYear });
    expect(choiceOf(card).choices.map((option) => option.value)).toEqual(['2027H1']);

    const before = teamStatusCard(da, { case: young, viewer: young.members[0]! }, new Date('2027-04-15T10:00:00Z'), parsePeriod('2026H2'));
    expect(textsOf(before)).toContain(labels.notOpen);
    expect(nodes(before, 'FactSet')).toEqual([]);
  });

  it('is written in English for an English reader, dates the English way', () => {
    const card = teamStatusCard(en, read, new Date('2028-01-10T10:00:00Z'), parsePeriod('2027H1'));
    expect(textsOf(card)).toContain('First half of 2027 (01/01/2027–30/06/2027)');
    expect(factsOf(card)).toMatchObject({ 'Held in the last 12 months (to 30/06/2027)': '3 (the model: at least 3 a year)', [en.cards.teamStatus.figures.youngPersonPresent]: '1 of 2 (50%)' });
  });
});
