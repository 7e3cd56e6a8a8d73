// The `statistik` card's charts (Teams' chart elements, each with its figures in words as the fallback)
// and its link to the tab: drawn from shown figures only, within 28 KB at the largest report, valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../bot/domain/organisation';
import { type LeaderReport, leaderReport } from '../../bot/domain/statistics/leaderReport';
import { endedPeriods, parsePeriod } from '../../bot/domain/statistics/period';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { PERSONAL_TAB_ENTITY_ID, STATISTICS_SUB_PAGE, personalTabLink } from '../../bot/tab/deepLink';
import { CARD_BUDGET_BYTES } from '../../cards/budget';
import { chartInWords, reportCharts } from '../../cards/statisticsCharts';
import { statisticsCard } from '../../cards/statisticsCards';
import { nodes } from '../support/cardNodes';
import { validateAdaptiveCard } from '../support/cardValidation';
import { markdownText } from '../support/limitCase';
import { caseA, caseD, caseE } from '../domain/statistics/statusFixtures';

const AT = new Date('2027-08-01T08:00:00Z');
const PERIOD = parsePeriod('2027H1');
const TEAMS_APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const CHARTS = ['Chart.Donut', 'Chart.HorizontalBar', 'Chart.VerticalBar.Grouped'];

const many = (source: typeof caseA, count: number) => Array.from({ length: count }, (_, index) => ({ ...source, id: `${source.id}${index}` }));
/** Nine young people: some figures shown, some hidden. */
const mixed = leaderReport([...many(caseA, 6), ...many(caseE, 3)], PERIOD, AT);
/** One young person: everything hidden. */
const hidden = leaderReport([caseD], PERIOD, AT);

/** The report with every cell shown, each at its widest. */
function everythingShown(report: LeaderReport): LeaderReport {
  const shown = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(shown);
    if (typeof node !== 'object' || node === null) return node;
    if ((node as { kind?: string }).kind === 'suppressed') return { kind: 'value', value: 99_999.9 };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, shown(value)]));
  };
  return { ...(shown(report) as LeaderReport), window: report.window };
}

const unit: Unit = { id: 'unit-1', name: 'Nord' };
const cardOf = (m: typeof da, report: LeaderReport, options: { units?: Unit[]; tabUrl?: string } = {}) =>
  statisticsCard(m, { unit: options.units?.[0] ?? unit, units: options.units ?? [unit], report, periods: endedPeriods(AT, 6), csv: { url: 'https://samarbejdsbot.example.dk/statistics/token', minutes: 10 }, ...(options.tabUrl ? { tabUrl: options.tabUrl } : {}) });
const charts = (card: unknown) => CHARTS.flatMap((type) => nodes(card, type)) as Array<{ type: string; data: unknown[]; fallback: { text: string } }>;

describe('the charts of a report', () => {
  it('give the shown figures as values and the hidden ones as their mark only (six like A, three like E, by hand)', () => {
    const charts = reportCharts(da, mixed);
    const rows = (id: string) => charts.find((chart) => chart.id === id)!.rows;
    // Six like A: two held and one cancelled in the half-year each; three like E: one held each.
    expect(rows('meetings').slice(0, 2)).toEqual([
      { label: da.statistics.meetings.held, values: [{ value: 15, text: '15' }] },
      { label: da.statistics.meetings.cancelled, values: [{ value: 6, text: '6' }] },
    ]);
    // The young person attended 9 of the 15 held.
    expect(rows('checklist')[0]).toEqual({ label: da.statistics.checklist.youngPersonPresent, values: [{ value: 60, text: '60 %' }] });
    expect(rows('checklist')[1]).toEqual({ label: da.statistics.checklist.vipAttached, values: [{ text: da.statistics.suppressed }] });
    expect(rows('evaluation').map((row) => row.values[2])).toEqual([64, 16, 20].map((value) => ({ value, text: `${value} %` })));
    expect(chartInWords(charts[0]!)).toBe(`${da.statistics.charts.meetings}. Afholdt 15; Aflyst 6; Aflyst: Den unge udebliver –; Aflyst: Den unge er syg –; Aflyst: ${da.checklist.cancellationReasons.coordinatorIll} –; Aflyst: Andet (angiv hvad) –.`);
  });
});

describe('the statistik card', () => {
  it('draws charts from the shown figures only, a hidden one no data point, each with its figures in words as the fallback', () => {
    const card = cardOf(da, mixed);
    expect(validateAdaptiveCard(card, { verbsWithoutCaseId: ['statistics.show'] })).toEqual([]);
    const drawn = charts(card);
    expect(drawn.length).toBeGreaterThan(0);
    const bars = nodes(card, 'Chart.HorizontalBar')[0] as { data: Array<{ x: string; y: number }>; fallback: { text: string } };
    const checklist = Object.entries(da.statistics.checklist);
    const shownFigures = checklist.filter(([figure]) => mixed.checklist[figure as keyof typeof mixed.checklist].yes?.kind === 'value' && mixed.checklist[figure as keyof typeof mixed.checklist].held?.kind === 'value');
    expect(shownFigures.length).toBeLessThan(checklist.length);
    expect(bars.data.map((point) => point.x)).toEqual(shownFigures.map(([, label]) => label));
    // The fallback says every figure, the hidden ones as their mark.
    expect(bars.fallback.text).toContain(`${da.statistics.checklist.vipAttached} ${da.statistics.suppressed}`);
    for (const chart of drawn) expect(JSON.stringify(chart.data)).not.toContain(da.statistics.suppressed);
  });

  it('leaves the charts out when nothing is shown', () => {
    const card = cardOf(en, hidden);
    expect(charts(card)).toEqual([]);
    expect(validateAdaptiveCard(card, { verbsWithoutCaseId: ['statistics.show'] })).toEqual([]);
  });

  it.each([
    ['Danish', da],
    ['English', en],
  ] as const)('fits Teams at the largest report (%s): every figure shown, fifty units with long names', (_language, m) => {
    // organisation.ts allows 50 units of up to 100 characters.
    const units = Array.from({ length: 50 }, (_, index) => ({ id: `unit-${String(index).padStart(36, '0')}`, name: markdownText(100, `${index}`) }));
    const card = cardOf(m, everythingShown(mixed), { units, tabUrl: personalTabLink(TEAMS_APP_ID, STATISTICS_SUB_PAGE) });
    expect(charts(card).map((chart) => chart.type)).toEqual(CHARTS);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(validateAdaptiveCard(card, { verbsWithoutCaseId: ['statistics.show'] })).toEqual([]);
  });

  it('links to the tab only when the Teams app id is known', () => {
    const titles = (card: unknown) => nodes(card, 'Action.OpenUrl').map((action) => action.title);
    expect(titles(cardOf(da, mixed))).not.toContain(da.statistics.openInTab);
    const linked = cardOf(da, mixed, { tabUrl: personalTabLink(TEAMS_APP_ID, STATISTICS_SUB_PAGE) });
    expect(nodes(linked, 'Action.OpenUrl').find((action) => action.title === da.statistics.openInTab)?.url).toBe(
      `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/cases?context=%7B%22subEntityId%22%3A%22statistics%22%7D`,
    );
  });

  it("links to the manifest's personal tab", () => {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'appPackage', 'manifest.json'), 'utf8')) as { staticTabs: Array<{ entityId: string; scopes: string[] }> };
    expect(manifest.staticTabs.find((tab) => tab.scopes.includes('personal'))?.entityId).toBe(PERSONAL_TAB_ENTITY_ID);
  });
});
