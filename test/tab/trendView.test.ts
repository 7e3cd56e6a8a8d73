// The tab's case details carry the trend picture as the overview card has it (cards/trendChart.ts), over
// more days, with the WHO-5 signal only for the coordinator and the eye-keeper.
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { caseDetails } from '../../bot/tab/caseDetailsView';
import { TREND_NOW, testSets, trendCase } from '../support/trendCase';

describe("the tab's trend", () => {
  it('tells the signal to the coordinator and the eye-keeper, and shows everyone who reads the case the same picture', () => {
    const current = trendCase();
    const member = (id: string) => current.members.find((candidate) => candidate.id === id)!;
    const coordinator = caseDetails(current, member('m-coordinator'), da, TREND_NOW, testSets).trend;
    const eyeKeeper = caseDetails(current, member('m-ali'), da, TREND_NOW, testSets).trend;
    const other = caseDetails(current, member('m-young'), da, TREND_NOW, testSets).trend;
    expect(coordinator.signal).toBe('WHO-5 er 36 (under 50) og faldet 12 point den 21.06.2027: sørg for, at nogen taler med den unge.');
    expect(eyeKeeper.signal).toBe(coordinator.signal);
    expect(other.signal).toBeUndefined();
    expect({ ...other, signal: coordinator.signal }).toEqual(coordinator);
    expect(coordinator.series.map((series) => series.id)).toEqual(['who5', 'education', 'work']);
    expect(coordinator.rows.map((row) => row.meetingShort).filter(Boolean)).toEqual(['nr. 1: Hverken i uddannelse eller beskæftigelse', 'nr. 2: I uddannelse', 'nr. 3: status ikke registreret']);
  });

  it('leaves out readiness of sets it does not know, and says so', () => {
    const trend = caseDetails(trendCase(), trendCase().members[0]!, da, TREND_NOW).trend;
    expect(trend.series.map((series) => series.id)).toEqual(['who5']);
    expect(trend.notes).toEqual([da.cards.trend.unknownSets(4)]);
  });
});
