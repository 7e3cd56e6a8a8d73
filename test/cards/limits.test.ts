// Every card at the smallest case (the coordinator and the young person only) and at the largest (60
// members with 200-character names, every goal and agreement the domain allows, long answers, 300
// cases in the picker): each within Teams' 28 KB, valid at 1.5, and no form with a choice list that
// has nothing to choose. What does not fit one card is paged, and the pages together show everything.
// The same again with every free text made of characters that markdown escaping doubles: the layout is
// decided by the rendered size, not by a count.
import { describe, expect, it } from 'vitest';
import { PICKER_PAGE_SIZE, casePickerCard, overviewCard } from '../../cards/caseCards';
import { type ReadinessSetShape, progressTimeLine } from '../../bot/domain/progress';
import { goalsFormCard, minutesCard } from '../../cards/goalCards';
import { ATTENDANCE_PAGE_SIZE, checklistCard } from '../../cards/meetingCards';
import type { AdaptiveCardJson } from '../../cards/render';
import { MAX_ROSTER_CHOICES, type RosterPerson, TEAM_PAGE_SIZE, teamCard } from '../../cards/teamCards';
import { networkOverviewCard } from '../../cards/networkOverviewCards';
import { networkOverview } from '../../bot/domain/networkOverview';
import type { Case } from '../../bot/domain/case';
import { GOAL_THEMES } from '../../bot/domain/goals';
import { type Meeting, answerChecklist, checklistQuestions, openMeeting } from '../../bot/domain/meeting';
import { MAX_TEAM_SIZE } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { parseCardAction } from '../../bot/teams/actions/registry';
import { CARD_BUDGET_BYTES } from '../../cards/budget';
import { type CardNode as Node, nodes } from '../support/cardNodes';
import { validateAdaptiveCard } from '../support/cardValidation';
import { type TextOf, caseAtEveryLimit, markdownText, text } from '../support/limitCase';
import { asCoordinator, caseSummaries, everyTemplate, smallestCase } from '../support/sampleCards';

// A leader's statistics are about a unit, never a case.
const VERBS_WITHOUT_CASE = ['case.create', 'case.pick', 'statistics.show'];

const executes = (card: unknown) => nodes(card, 'Action.Execute') as Array<{ verb: string; data: Record<string, unknown>; title: string }>;

function expectFitsTeams(name: string, card: AdaptiveCardJson): void {
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8'), `${name} is over 28 KB`).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  expect(validateAdaptiveCard(card, { verbsWithoutCaseId: VERBS_WITHOUT_CASE }), name).toEqual([]);
  for (const choiceSet of nodes(card, 'Input.ChoiceSet')) expect((choiceSet.choices as unknown[]).length, `${name}: ${String(choiceSet.id)} has no choices`).toBeGreaterThan(0);
}

/** The largest case: every limit, with the next meeting open and every free-text answer at 200 characters. */
function largestCase(textOf: TextOf = text): Case {
  let current = caseAtEveryLimit({ years: 1, reanswers: 0, textOf });
  const planned = current.meetings.find((meeting) => meeting.status === 'planned')!;
  const day = new Date(planned.startsAt);
  current = openMeeting(current, 'meeting-open', { date: planned.startsAt.slice(0, 10), time: '10:00' }, 'aad-coordinator', day);
  const open = current.meetings.find((meeting) => meeting.status === 'open')!;
  const texts = checklistQuestions(current, open).filter((question) => question.kind === 'text');
  return answerChecklist(current, open.id, Object.fromEntries(texts.map((question) => [question.id, textOf(200, question.id)])), 'aad-coordinator', day);
}

/** Four indicators per BIP instrument, scored 1 to 5. */
const TREND_TEST_SET: ReadinessSetShape = {
  scale: { min: 1, max: 5 },
  indicators: ['education', 'work'].flatMap((instrument) => [1, 2, 3, 4].map((index) => ({ id: `${instrument}-${index}`, instrument: instrument as 'education' | 'work' }))),
};

/** Ten years of monthly WHO-5 and BIP (more than the quarterly BIP the model asks), each month's day also a network meeting with the longest status. */
function withFullTrend(current: Case): Case {
  const months = Array.from({ length: 120 }, (_, index) => `${2027 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-15`);
  const meetings = months.map((on, index): Meeting => ({
    id: `trend-meeting-${index}`,
    number: 100 + index,
    status: 'held',
    startsAt: `${on}T08:00:00.000Z`,
    createdAt: `${on}T08:00:00.000Z`,
    answers: { youngPersonStatus: 'neither' },
    answerLog: [],
  }));
  const record = { byMemberId: current.members[0]!.id };
  return {
    ...current,
    meetings: [...current.meetings, ...meetings],
    measures: {
      who5: months.map((on, index) => ({ ...record, id: `w-${index}`, on, at: `${on}T12:00:00Z`, answers: [index % 6, 5, 4, 3, 2] as const })),
      readiness: months.map((on, index) => ({ ...record, id: `r-${index}`, on, at: `${on}T12:00:00Z`, setId: 'bip', scores: Object.fromEntries(TREND_TEST_SET.indicators.map((indicator, place) => [indicator.id, 1 + ((index + place) % 5)])) })),
    },
  };
}

const largest = largestCase();
/** The largest case with every text made of `*ø_[`: each escaped character costs three bytes of JSON, ø two. */
const adversarial = largestCase(markdownText);
const smallest = smallestCase();
/** 120 people in a channel to add, in no order (as Teams returns them), with Danish names; and the team's own people. */
function channelRoster(current: Case, textOf: TextOf): RosterPerson[] {
  const firstNames = ['Åse', 'Zenia', 'Ærling', 'Øjvind', 'Anders', 'Bodil', 'Emil', 'Sara'];
  const people = Array.from({ length: 120 }, (_, index) => {
    const number = String((index * 37) % 120).padStart(3, '0');
    return { aadObjectId: `aad-channel-${number}`, name: `${firstNames[index % firstNames.length]} ${number} ${textOf(200, number)}`, teamsUserId: `29:channel-${number}` };
  });
  const team = current.members.flatMap((member) => (member.person.kind === 'teams' ? [{ aadObjectId: member.person.aadObjectId, name: 'På teamet', teamsUserId: `29:${member.id}` }] : []));
  return [...people, ...team];
}
const openOf = (current: Case) => current.meetings.find((meeting) => meeting.status === 'open')!;
const heldOf = (current: Case) => current.meetings.find((meeting) => meeting.status === 'held')!;

/** Every page of a paged card: follows the buttons that name a page (and its size), from the first page on. */
function everyPage(first: AdaptiveCardJson, pageKey: string, render: (page: string | number, data: Record<string, unknown>) => AdaptiveCardJson, verb: string): AdaptiveCardJson[] {
  const pages = new Map<string, AdaptiveCardJson>([[JSON.stringify(first), first]]);
  const asked = new Set<string>();
  const queue = [first];
  while (queue.length > 0) {
    for (const action of executes(queue.shift()).filter((candidate) => candidate.verb === verb && candidate.data[pageKey] !== undefined)) {
      const key = JSON.stringify([action.data[pageKey], action.data.pageSize]);
      if (asked.has(key)) continue;
      asked.add(key);
      const card = render(action.data[pageKey] as string | number, action.data);
      if (!pages.has(JSON.stringify(card))) queue.push(card);
      pages.set(JSON.stringify(card), card);
    }
  }
  return [...pages.values()];
}

describe.each([
  ['Danish', da],
  ['English', en],
])('every template in %s', (_language, m) => {
  it.each(Object.entries(everyTemplate(m, smallest, 1, smallest.members[1]!)))('at the smallest case: %s fits Teams, valid at 1.5, no empty choice list', (name, card) => {
    expectFitsTeams(name, card);
  });

  it.each(Object.entries(everyTemplate(m, largest, 300, largest.members[5]!)))('at the largest case: %s fits Teams, valid at 1.5, no empty choice list', (name, card) => {
    expectFitsTeams(name, card);
  });

  it.each(Object.entries(everyTemplate(m, adversarial, 300, adversarial.members[5]!)))('with every text made of markdown characters: %s fits Teams, valid at 1.5', (name, card) => {
    expectFitsTeams(name, card);
  });

  it('counts what the overview and the hand-over leave out for texts made of markdown characters', () => {
    const overview = everyTemplate(m, adversarial, 1, adversarial.members[5]!).overview!;
    const listed = (nodes(overview, 'FactSet')[1]!.facts as unknown[]).length;
    expect(listed).toBeLessThan(MAX_TEAM_SIZE);
    expect(JSON.stringify(overview)).toContain(m.cards.overview.membersMore(listed, MAX_TEAM_SIZE));
    // The realistic largest case lists the whole team.
    expect(nodes(everyTemplate(m, largest, 1, largest.members[5]!).overview, 'FactSet')[1]!.facts).toHaveLength(MAX_TEAM_SIZE);
    // The hand-over lists the soonest open agreements (fewer, when their texts are extreme) and counts the rest.
    for (const current of [largest, adversarial]) {
      const handOver = everyTemplate(m, current, 1, current.members[5]!).handOver!;
      const listedAgreements = (handOver.body as Node[]).filter((element) => element.type === 'Container' && element.spacing === 'Small').length;
      const open = current.agreements.filter((agreement) => agreement.status === 'open').length;
      expect(listedAgreements).toBeGreaterThan(0);
      expect(JSON.stringify(handOver)).toContain(JSON.stringify(m.cards.goals.openNotShown(open - listedAgreements)).slice(1, -1));
    }
  });

  it.each([
    ['largest', largest],
    ['adversarial', adversarial],
  ])('fits the overview with its trend at the %s case: ten years of WHO-5 and BIP monthly, a network meeting with a status on every day shown', (_name, current) => {
    const trended = withFullTrend(current);
    const read = asCoordinator(trended);
    const card = overviewCard(m, read, new Date('2036-12-31T12:00:00Z'), 'Ungeenheden Nord', () => TREND_TEST_SET);
    expectFitsTeams('overview with trend', card);
    // Every day the card shows is in its table, with its meeting and the status there; the rest are counted.
    const table = nodes(card, 'Container').find((container) => container.id === 'trendTable')!;
    const facts = nodes(table, 'FactSet')[0]!.facts as Array<{ value: string }>;
    expect(facts.length).toBeGreaterThanOrEqual(4);
    expect(facts.every((fact) => fact.value.includes(m.statuses.neither))).toBe(true);
    const days = progressTimeLine(trended, () => TREND_TEST_SET, Number.MAX_SAFE_INTEGER).days.length;
    expect(JSON.stringify(card)).toContain(JSON.stringify(m.cards.trend.earlier(days - facts.length)).slice(1, -1));
    // The realistic largest case keeps the whole team, with fewer days of the trend; texts of markdown characters may cost members.
    if (current === largest) expect(nodes(card, 'FactSet')[1]!.facts).toHaveLength(MAX_TEAM_SIZE);
    console.log(`overview with trend, ${_name}, ${m.language}: ${Buffer.byteLength(JSON.stringify(card), 'utf8')} bytes, ${facts.length} days, ${(nodes(card, 'FactSet')[1]!.facts as unknown[]).length} members`);
  });

  it.each([
    ['largest', largest],
    ['adversarial', adversarial],
  ])('pages the checklist of 60 members (%s case): every page fits, and the pages together ask every question', (_name, current) => {
    for (const meeting of [openOf(current), heldOf(current)] as Meeting[]) {
      const read = asCoordinator(current);
      const pages = everyPage(checklistCard(m, read, meeting), 'page', (page) => checklistCard(m, read, meeting, '', String(page)), 'meeting.show');
      expect(pages.length).toBeGreaterThanOrEqual(7 + Math.ceil(MAX_TEAM_SIZE / ATTENDANCE_PAGE_SIZE) - 1);
      pages.forEach((card, index) => expectFitsTeams(`checklist page ${index}`, card));
      const asked = new Set(pages.flatMap((card) => (meeting.status === 'open' ? nodes(card, 'Action.Execute').filter((action) => action.verb === 'meeting.answer').flatMap((action) => Object.keys((action.data as { seen: object }).seen)) : [])));
      if (meeting.status === 'open') expect([...asked].sort()).toEqual(checklistQuestions(current, meeting).map((question) => question.id).sort());
      // Each page says where it is: the other pages are listed by title with a button.
      expect(executes(pages[0]).filter((action) => action.verb === 'meeting.show')).toHaveLength(pages.length - 1);
    }
  });

  it.each([
    ['largest', largest, Math.ceil(MAX_TEAM_SIZE / TEAM_PAGE_SIZE)],
    // Fewer members a page, the page size carried by the buttons.
    ['adversarial', adversarial, undefined],
  ] as const)('pages the team of 60 (%s case): every member on one of the pages, each page within 28 KB', (_name, current, pageCount) => {
    const read = asCoordinator(current);
    const pages = everyPage(teamCard(m, read, []), 'page', (page, data) => teamCard(m, read, [], '', Number(page), data.pageSize === undefined ? undefined : Number(data.pageSize)), 'case.show');
    if (pageCount) expect(pages).toHaveLength(pageCount);
    else expect(pages.length).toBeGreaterThan(Math.ceil(MAX_TEAM_SIZE / TEAM_PAGE_SIZE));
    pages.forEach((card, index) => expectFitsTeams(`team page ${index}`, card));
    const edited = pages.flatMap((card) => executes(card).filter((action) => action.verb === 'team.edit').map((action) => action.data.memberId));
    expect(new Set(edited).size).toBe(MAX_TEAM_SIZE - 2); // all but the coordinator and the young person
    // A page asked for by a card posted before the page size was carried: a page holding that page's first member.
    const older = teamCard(m, read, [], '', 3);
    expectFitsTeams('team page 3 of an older card', older);
    const [from, to] = /"(\d+)–(\d+) /.exec(JSON.stringify(older))!.slice(1).map(Number);
    expect(from).toBeLessThanOrEqual(3 * TEAM_PAGE_SIZE + 1);
    expect(to).toBeGreaterThanOrEqual(3 * TEAM_PAGE_SIZE + 1);
  });

  it.each([
    ['largest', largest],
    ['adversarial', adversarial],
  ] as const)('pages the network overview of 60 members and a full map (%s case): every row and every person on one of the pages, each page within 28 KB', (_name, current) => {
    const read = asCoordinator(current);
    const pages = everyPage(networkOverviewCard(m, read), 'page', (page, data) => networkOverviewCard(m, read, { page: Number(page), pageSize: data.pageSize === undefined ? undefined : Number(data.pageSize) }), 'case.show');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((card, index) => expectFitsTeams(`network overview page ${index}`, card));
    // Each person's name line once over all pages (a row going on over a page break repeats its heading only).
    const lines = networkOverview(current).reduce((count, row) => count + Math.max(1, row.persons.length), 0);
    const shown = pages.reduce((count, card) => count + Number(/"(\d+)–(\d+) /.exec(JSON.stringify(card))!.slice(1).map(Number).reduce((from, to) => to - from + 1)), 0);
    expect(shown).toBe(lines);
  });

  it.each([
    ['largest', largest, text],
    ['adversarial', adversarial, markdownText],
  ] as const)('pages the people of a channel of 120 to add (%s case): each addable person on one of the pages, by name, each page within 28 KB', (_name, current, textOf) => {
    const read = asCoordinator(current);
    const roster = channelRoster(current, textOf);
    const addable = roster.filter((person) => person.aadObjectId.startsWith('aad-channel-'));
    const render = (rosterPage: string | number, data: Record<string, unknown>) => teamCard(m, read, roster, '', Number(data.page), Number(data.pageSize), Number(rosterPage));
    const pages = everyPage(teamCard(m, read, roster), 'rosterPage', render, 'case.show');
    const offered = (card: AdaptiveCardJson) => (nodes(card, 'Input.ChoiceSet').find((input) => input.id === 'teamsUser')!.choices as Array<{ value: string }>).map((choice) => choice.value);
    // One card a roster page (the member pages each carry the roster page shown).
    const rosterPages = [...new Map(pages.map((card) => [offered(card).join(), card])).values()];
    expect(rosterPages).toHaveLength(Math.ceil(addable.length / MAX_ROSTER_CHOICES));
    pages.forEach((card, index) => expectFitsTeams(`team card, roster page ${index}`, card));
    const byName = [...addable].sort((a, b) => a.name.localeCompare(b.name, 'da')).map((person) => person.aadObjectId);
    expect(rosterPages.flatMap(offered)).toEqual(byName);
    // Danish order: Å last.
    expect(roster.find((person) => person.aadObjectId === byName.at(-1))!.name).toMatch(/^Åse /);
    rosterPages.forEach((card, index) => {
      const from = index * MAX_ROSTER_CHOICES + 1;
      expect(JSON.stringify(card)).toContain(JSON.stringify(m.cards.team.rosterMore(from, Math.min(from + MAX_ROSTER_CHOICES - 1, addable.length), addable.length)).slice(1, -1));
    });
  });

  it.each([
    ['largest', largest],
    ['adversarial', adversarial],
  ])('pages the goals form and the minutes by theme (%s case): every goal on one of the pages', (_name, current) => {
    const read = asCoordinator(current);
    const held = heldOf(current);
    for (const [verb, first, render] of [
      ['goals.show', goalsFormCard(m, read), (theme: string) => goalsFormCard(m, read, '', theme)],
      ['minutes.show', minutesCard(m, read, held), (theme: string) => minutesCard(m, read, held, theme)],
    ] as const) {
      const pages = everyPage(first, 'theme', (theme) => render(String(theme)), verb);
      expect(pages).toHaveLength(GOAL_THEMES.length);
      pages.forEach((card, index) => expectFitsTeams(`${verb} page ${index}`, card));
      const goals = new Set(pages.flatMap((card) => executes(card).filter((action) => action.verb === 'goal.edit').map((action) => action.data.goalId)));
      expect(goals.size).toBe(current.goals.length);
      expect(JSON.stringify(first)).toContain(JSON.stringify(m.cards.goals.themePaged).slice(1, -1));
    }
    // On a theme's page, agreements are added to that theme's goals.
    const housing = goalsFormCard(m, read, '', 'housing');
    const goalChoices = nodes(housing, 'Input.ChoiceSet').find((input) => input.id === 'goalId')!.choices as Array<{ value: string }>;
    expect(goalChoices.map((choice) => choice.value).sort()).toEqual(current.goals.filter((goal) => goal.theme === 'housing').map((goal) => goal.id).sort());
  });

  it('pages the picker of 300 cases: every case on one of the pages', () => {
    const cases = caseSummaries(300);
    const pages = everyPage(casePickerCard(m, cases), 'page', (page) => casePickerCard(m, cases, Number(page)), 'case.pick');
    expect(pages).toHaveLength(300 / PICKER_PAGE_SIZE);
    pages.forEach((card, index) => expectFitsTeams(`picker page ${index}`, card));
    const chosen = pages.flatMap((card) => executes(card).filter((action) => action.verb === 'case.select').map((action) => action.data.caseId));
    expect(new Set(chosen)).toEqual(new Set(cases.map((summary) => summary.caseId)));
  });
});

describe('a form whose choices would be empty', () => {
  it('is not shown: a new case offers no "Ny koordinator" until a professional from Teams joins, and says so', () => {
    const card = teamCard(da, asCoordinator(smallest), []);
    const handOver = nodes(card, 'Action.ShowCard').find((action) => action.title === da.cards.team.handOver);
    expect(handOver).toBeUndefined();
    expect(JSON.stringify(card)).toContain(da.cards.team.noSuccessor);
    expect(nodes(card, 'Input.ChoiceSet').map((input) => input.id)).not.toContain('toMemberId');
    const withColleague = everyTemplate(da, largest, 1, largest.members[5]!).team;
    expect(nodes(withColleague, 'Input.ChoiceSet').map((input) => input.id)).toContain('toMemberId');
  });
});

describe('cards already posted', () => {
  it('keep working: the page and theme fields are optional, and the new ones parse', () => {
    const parse = (verb: string, data: Record<string, unknown>) => parseCardAction({ action: { type: 'Action.Execute', verb, data: { v: 1, ...data } } }).ok;
    expect(parse('meeting.show', { caseId: 'c', meetingId: 'm' })).toBe(true);
    expect(parse('meeting.answer', { caseId: 'c', meetingId: 'm', seen: { vipWho: 'x' }, vipWho: 'y' })).toBe(true);
    expect(parse('agreement.add', { caseId: 'c', goalId: 'g', action: 'a' })).toBe(true);
    expect(parse('agreement.add', { caseId: 'c', goalId: 'g', action: 'a', needsVisitation: 'true' })).toBe(true);
    expect(parse('goals.show', { caseId: 'c' })).toBe(true);
    expect(parse('minutes.show', { caseId: 'c', meetingId: 'm' })).toBe(true);
    expect(parse('case.show', { caseId: 'c', view: 'team' })).toBe(true);
    expect(parse('meeting.show', { caseId: 'c', meetingId: 'm', page: 'attendance-2' })).toBe(true);
    expect(parse('meeting.answer', { caseId: 'c', meetingId: 'm', seen: {}, page: 'attendance-2' })).toBe(true);
    expect(parse('case.show', { caseId: 'c', view: 'team', page: 2 })).toBe(true);
    expect(parse('case.show', { caseId: 'c', view: 'team', page: 9, pageSize: 7 })).toBe(true);
    expect(parse('case.show', { caseId: 'c', view: 'team', page: 9, pageSize: 7, rosterPage: 2 })).toBe(true);
    expect(parse('case.pick', { page: 3 })).toBe(true);
    expect(parse('goals.show', { caseId: 'c', theme: 'housing' })).toBe(true);
  });
});
