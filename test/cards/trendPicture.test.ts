// The trend picture rendered from fixed data (issue 14): the overview card's Chart.Line (its series and
// points, the meetings marked on the top edge), the table of the days shown with the status at each
// meeting (the chart's fallback, and behind a toggle), the WHO-5 signal in plain words for the
// coordinator and the eye-keeper only, and the picture's words. A change in the picture fails here.
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { overviewCard } from '../../cards/caseCards';
import { trendPicture } from '../../cards/trendChart';
import { progressTimeLine } from '../../bot/domain/progress';
import type { Case } from '../../bot/domain/case';
import { type CardNode, nodes } from '../support/cardNodes';
import { validateAdaptiveCard } from '../support/cardValidation';
import { sampleCase } from '../domain/fixtures';
import { TREND_NOW, testSets, trendCase } from '../support/trendCase';

const cardFor = (current: Case, memberId: string, m = da) =>
  overviewCard(m, { case: current, viewer: current.members.find((member) => member.id === memberId)! }, TREND_NOW, '', testSets);
const texts = (card: unknown) => nodes(card, 'TextBlock').map((block) => String(block.text));
const factsOf = (set: CardNode) => (set.facts as Array<{ title: string; value: string }>).map((fact) => `${fact.title} | ${fact.value}`);

const ROWS = [
  '07.12.2026 | WHO-5 60; BIP Uddannelse 2,5 (skala 1–4); BIP Beskæftigelse 1,5 (skala 1–4); Netværksmøde nr. 1: Hverken i uddannelse eller beskæftigelse',
  '11.01.2027 | WHO-5 56',
  '08.02.2027 | WHO-5 40',
  '15.03.2027 | WHO-5 56; BIP Uddannelse 3,0 (skala 1–4); BIP Beskæftigelse 2,0 (skala 1–4); Netværksmøde nr. 2: I uddannelse',
  '12.04.2027 | WHO-5 56',
  '10.05.2027 | WHO-5 48',
  '21.06.2027 | WHO-5 36; BIP Uddannelse 3,5 (skala 1–4); BIP Beskæftigelse 2,5 (skala 1–4); Netværksmøde nr. 3: status ikke registreret',
];

describe('the trend picture on the overview card', () => {
  it('draws WHO-5 and each BIP instrument on one 0–100 axis by date, the meetings marked on the top edge', () => {
    const card = cardFor(trendCase(), 'm-coordinator');
    const [chart] = nodes(card, 'Chart.Line');
    expect(chart).toMatchObject({ title: 'WHO-5 og parathed (BIP) over tid', xAxisTitle: 'Dato', yAxisTitle: 'Point (0–100)' });
    expect(chart!.data).toEqual([
      {
        legend: 'WHO-5 (0–100)',
        color: 'categoricalBlue',
        values: [
          { x: '2026-12-07', y: 60 },
          { x: '2027-01-11', y: 56 },
          { x: '2027-02-08', y: 40 },
          { x: '2027-03-15', y: 56 },
          { x: '2027-04-12', y: 56 },
          { x: '2027-05-10', y: 48 },
          { x: '2027-06-21', y: 36 },
        ],
      },
      { legend: 'BIP Uddannelse (% af skalaen)', color: 'categoricalGreen', values: [{ x: '2026-12-07', y: 50 }, { x: '2027-03-15', y: 67 }, { x: '2027-06-21', y: 83 }] },
      { legend: 'BIP Beskæftigelse (% af skalaen)', color: 'categoricalMarigold', values: [{ x: '2026-12-07', y: 17 }, { x: '2027-03-15', y: 33 }, { x: '2027-06-21', y: 50 }] },
      { legend: 'Netværksmøder', color: 'neutral', values: [{ x: '2026-12-07', y: 100 }, { x: '2027-03-15', y: 100 }, { x: '2027-06-21', y: 100 }] },
    ]);
    // A client without charts shows, instead of the chart and its table button, the table of the days, the status at each meeting in it.
    const [withChart] = nodes(card, 'Container').filter((container) => nodes(container, 'Chart.Line').length > 0 && container.fallback);
    expect(factsOf(withChart!.fallback as CardNode)).toEqual(ROWS);
    expect(nodes(withChart!.fallback, 'Action.ToggleVisibility')).toEqual([]);
    // With charts, the same table is behind a toggle.
    const [table] = nodes(card, 'Container').filter((container) => container.id === 'trendTable');
    expect(table).toMatchObject({ isVisible: false });
    expect(factsOf(nodes(table, 'FactSet')[0]!)).toEqual(ROWS);
    expect(nodes(card, 'Action.ToggleVisibility')).toEqual([expect.objectContaining({ title: da.cards.trend.showTable, targetElements: ['trendTable'] })]);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Udvikling over tid',
        'Status ved start (23.11.2026): Hverken i uddannelse eller beskæftigelse',
        '1 måling af parathed med et sæt indikatorer, botten ikke kender, er ikke med.',
      ]),
    );
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('tells the coordinator and the eye-keeper plainly that someone should talk with the young person; not the rest of the team', () => {
    const signal = 'WHO-5 er 36 (under 50) og faldet 12 point den 21.06.2027: sørg for, at nogen taler med den unge.';
    for (const memberId of ['m-coordinator', 'm-ali']) {
      const [block] = nodes(cardFor(trendCase(), memberId), 'TextBlock').filter((node) => node.text === signal);
      expect(block, memberId).toMatchObject({ color: 'Attention', weight: 'Bolder' });
    }
    expect(texts(cardFor(trendCase(), 'm-young'))).not.toContain(signal);
    // In English too; a low score without a drop, and a drop above 50, each in their own words.
    expect(texts(cardFor(trendCase(), 'm-coordinator', en))).toContain('WHO-5 is 36 (under 50), a drop of 12 points, on 21/06/2027: make sure someone talks with the young person.');
    const low = trendCase();
    low.measures!.who5 = low.measures!.who5.filter((record) => record.id !== 'w7' && record.id !== 'w6');
    low.measures!.who5.push({ id: 'w8', on: '2027-06-21', answers: [2, 2, 2, 3, 3], byMemberId: 'm-coordinator', at: '2027-06-21T12:00:00Z' });
    expect(texts(cardFor(low, 'm-coordinator'))).toContain('WHO-5 er 48 (under 50) den 21.06.2027: sørg for, at nogen taler med den unge.');
    const drop = trendCase();
    drop.measures!.who5.push({ id: 'w9', on: '2027-06-28', answers: [4, 4, 3, 4, 3], byMemberId: 'm-coordinator', at: '2027-06-28T12:00:00Z' });
    drop.measures!.who5.push({ id: 'w10', on: '2027-07-05', answers: [3, 3, 3, 3, 3], byMemberId: 'm-coordinator', at: '2027-07-05T12:00:00Z' });
    expect(texts(cardFor(drop, 'm-coordinator'))).toContain('WHO-5 er faldet 12 point til 60 den 05.07.2027: sørg for, at nogen taler med den unge.');
  });

  it('without measures shows the meetings\' statuses as the table, and a new case says nothing is recorded yet', () => {
    const meetingsOnly = { ...trendCase(), measures: { who5: [], readiness: [] } };
    const card = cardFor(meetingsOnly, 'm-coordinator');
    expect(nodes(card, 'Chart.Line')).toEqual([]);
    expect(factsOf(nodes(card, 'FactSet').at(-1)!)).toEqual([
      '07.12.2026 | Netværksmøde nr. 1: Hverken i uddannelse eller beskæftigelse',
      '15.03.2027 | Netværksmøde nr. 2: I uddannelse',
      '21.06.2027 | Netværksmøde nr. 3: status ikke registreret',
    ]);
    const empty = cardFor(sampleCase(), 'm-coordinator');
    expect(texts(empty)).toContain(da.cards.trend.none);
    expect(nodes(empty, 'Chart.Line')).toEqual([]);
    expect(validateAdaptiveCard(empty)).toEqual([]);
  });

  it('says the chart in words, and places each day along the time axis for the tab', () => {
    const picture = trendPicture(da, progressTimeLine(trendCase(), testSets, 40), false);
    expect(picture.words).toBe(
      'WHO-5 og parathed (BIP) over tid. ' +
        'WHO-5 (0–100): 07.12.2026 60, 11.01.2027 56, 08.02.2027 40, 15.03.2027 56, 12.04.2027 56, 10.05.2027 48, 21.06.2027 36. ' +
        'BIP Uddannelse (% af skalaen): 07.12.2026 BIP Uddannelse 2,5 (skala 1–4), 15.03.2027 BIP Uddannelse 3,0 (skala 1–4), 21.06.2027 BIP Uddannelse 3,5 (skala 1–4). ' +
        'BIP Beskæftigelse (% af skalaen): 07.12.2026 BIP Beskæftigelse 1,5 (skala 1–4), 15.03.2027 BIP Beskæftigelse 2,0 (skala 1–4), 21.06.2027 BIP Beskæftigelse 2,5 (skala 1–4). ' +
        'Netværksmøder: 07.12.2026 Netværksmøde nr. 1: Hverken i uddannelse eller beskæftigelse, 15.03.2027 Netværksmøde nr. 2: I uddannelse, 21.06.2027 Netværksmøde nr. 3: status ikke registreret.',
    );
    expect(picture.positions).toEqual({ '2026-12-07': 0, '2027-01-11': 17.9, '2027-02-08': 32.1, '2027-03-15': 50, '2027-04-12': 64.3, '2027-05-10': 78.6, '2027-06-21': 100 });
    expect(picture.signal).toBeUndefined();
  });
});
