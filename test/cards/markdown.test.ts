// Text a person typed shows in every card as typed, in headless Chromium with Teams' markdown
// (preview/teamsMarkdown.ts) and host config: a link, **bold**, a # heading, - and 1. lists, line breaks
// and <at> bound into every template come out as literal text, and no card holds a link.
import { networkMapCard } from '../../cards/networkMapCards';
import { networkOverviewCard } from '../../cards/networkOverviewCards';
import { interventionsCard } from '../../cards/interventionCards';
import { addIntervention } from '../../bot/domain/interventions';
import { addMapPerson, linkMapPersons } from '../../bot/domain/networkMap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Case, TeamMember } from '../../bot/domain/case';
import { recordFeedbackGiven } from '../../bot/domain/closing';
import { meetingById } from '../../bot/domain/meeting';
import type { Messages } from '../../bot/i18n';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { casePickerCard, createCaseCard, overviewCard } from '../../cards/caseCards';
import { baseCard, meetingBaseCard, minutesBaseCard } from '../../cards/channelCards';
import { consentCard } from '../../cards/consentCard';
import { approvalCard, closeMeetingCard, goalEditCard, goalsFormCard, minutesCard } from '../../cards/goalCards';
import { feedbackCard } from '../../cards/feedbackCard';
import { agreementsCard, handOverCard, relayContactFor } from '../../cards/handOverCards';
import { agreementEditCard } from '../../cards/agreementCards';
import { askToChangeAgreement, declineChangeRequest } from '../../bot/domain/agreementChanges';
import { checklistCard, closeInternalCard, meetingCancelCard, meetingOpenCard } from '../../cards/meetingCards';
import { messageCard } from '../../cards/messageCard';
import * as render from '../../cards/render';
import { closeConfirmCard, eraseConfirmCard, exportLinkCard } from '../../cards/rightsCards';
import { memberEditCard, teamCard } from '../../cards/teamCards';
import { teamStatusCard } from '../../cards/teamStatusCards';
import { NOW } from '../domain/fixtures';
import { radarOf } from '../../bot/domain/radar';
import { radarCard } from '../../cards/radarCard';
import { adultHandOverCard, farNextMeetingCard } from '../../cards/rhythmCards';
import { caseWithText } from '../support/caseWithText';
import { sampleStatisticsCard } from '../support/sampleCards';
import { measuresCard } from '../../cards/measureCards';
import { recordReadiness, recordWho5, setMeasurer } from '../../bot/domain/measures';
import { DEFAULT_READINESS_INDICATORS } from '../../bot/readinessIndicators';
import { findChromium, launchCardRenderer, type CardRenderer, type RenderReport } from './preview/renderCards';

// Every template the cards are made from, each counted as it is rendered (see 'binds into every template').
vi.mock('../../cards/render', async (original) => {
  const actual = await original<typeof import('../../cards/render')>();
  return { ...actual, renderCard: vi.fn(actual.renderCard) };
});

/** What a team member may type into any field: a link in the bot's voice, formatting, blocks, a mention. */
const HOSTILE = '[Bekræft samtykke](https://evil.example/login) **fed** _skrå_ ~~væk~~ &amp; \\* <https://evil.example/auto>\n# Overskrift\n- punkt\n1. nummer\n> citat\n<at>Nogen</at>';
/** As a reader sees it: Teams shows a single line break in a TextBlock as a space. */
const shown = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The texts Teams renders as markdown: TextBlocks, and Facts' titles and values. */
function displayTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(displayTexts);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own = element.type === 'TextBlock' ? [String(element.text)] : element.type === 'FactSet' ? (element.facts as Array<{ title: string; value: string }>).flatMap((fact) => [fact.title, fact.value]) : [];
  return [...own, ...Object.entries(element).flatMap(([key, value]) => (key === 'facts' ? [] : displayTexts(value)))];
}

const chromiumPath = findChromium();
const skip = !chromiumPath && !process.env.CI;

/** The map with a typed person and a team member, named with typed text, and a line between them. */
function withNetworkMap(current: Case): Case {
  const typed = addMapPerson(current, { field: 'family', closeness: 1, name: HOSTILE.slice(0, 60), relation: HOSTILE.slice(0, 40) }, 'aad-coordinator', NOW);
  const both = addMapPerson(typed, { field: 'professionals', closeness: 2, memberId: 'm-jonas' }, 'aad-coordinator', NOW);
  return linkMapPersons(both, 'p1', 'p2', 'aad-coordinator', NOW);
}

/** An intervention typed in every text at its maximum, initiated by an administration, serving a goal; and one a team member initiated. */
function withInterventions(current: Case): Case {
  const typed = { what: HOSTILE.slice(0, 80), administration: HOSTILE.slice(0, 60), why: HOSTILE.slice(0, 150), goalId: 'goal-1', from: '2026-12-01', to: '2027-03-31', status: 'active' };
  return addIntervention(addIntervention(current, typed, 'aad-coordinator', NOW), { what: HOSTILE.slice(0, 80), memberId: 'm-jonas', from: '2027-01-01' }, 'aad-coordinator', NOW);
}

/** A WHO-5 and a readiness measurement recorded by Jonas, named to measure: his typed name on the card's lines and choices. */
function withMeasures(current: Case): Case {
  const named = setMeasurer(current, 'm-jonas');
  const who5 = recordWho5(named, { on: '2026-11-23', answers: [3, 3, 2, 4, 1] }, 'm-jonas', NOW);
  return recordReadiness(who5, DEFAULT_READINESS_INDICATORS, { on: '2026-11-23', scores: { u1: '3' } }, 'm-jonas', NOW);
}

function withAdultHandOver(current: Case): Case {
  return { ...current, adultHandOver: { takesOverMemberId: 'm-jonas', continues: HOSTILE, recordedAt: NOW.toISOString(), byAadObjectId: 'aad-coordinator' } };
}

function everyTemplateWith(m: Messages, current: Case): Record<string, object> {
  const coordinator = current.members[0]!;
  const member = (id: string): TeamMember => current.members.find((candidate) => candidate.id === id)!;
  const read = { case: current, viewer: coordinator };
  const asJonas = { case: current, viewer: member('m-jonas') };
  const [held, cancelled, open] = current.meetings;
  const items = current.agreements.map((agreement) => ({ case: current, agreement }));
  const asked = askToChangeAgreement(current, 'agreement-2', { action: HOSTILE, followUpOn: '2026-12-20', why: HOSTILE }, 'aad-jonas', NOW);
  // Jonas gives the young person feedback: the coordinator's card names him.
  const jonasGives: Case = { ...current, meetings: current.meetings.map((meeting) => (meeting.id === held!.id && meeting.closure ? { ...meeting, closure: { ...meeting.closure, feedbackMemberId: 'm-jonas' } } : meeting)) };
  const feedbackGiven = recordFeedbackGiven(jonasGives, held!.id, 'aad-coordinator', NOW);
  const cards: Record<string, object> = {
    createCase: createCaseCard(m),
    base: baseCard(m, current, 'overview'),
    overview: overviewCard(m, read, NOW),
    team: teamCard(m, read, [{ aadObjectId: 'aad-sara', name: HOSTILE, teamsUserId: '29:sara' }], HOSTILE),
    memberEdit: memberEditCard(m, current, member('m-ole')),
    consent: consentCard(m, read, NOW, HOSTILE),
    picker: casePickerCard(m, [{ caseId: current.id, reference: current.reference }]),
    message: messageCard(HOSTILE, HOSTILE),
    meetingOpen: meetingOpenCard(m, current, NOW),
    meetingCancel: meetingCancelCard(m, current, open!),
    checklistOpen: checklistCard(m, read, open!, HOSTILE),
    checklistHeld: checklistCard(m, read, held!),
    checklistCancelled: checklistCard(m, read, cancelled!),
    // The open meeting as an internal coordination meeting (seed 003): its attendance reasons, and the card that closes it.
    checklistInternal: checklistCard(m, read, { ...open!, kind: 'internal' }, HOSTILE),
    closeInternal: closeInternalCard(m, current, { ...open!, kind: 'internal' }),
    goalsForm: goalsFormCard(m, read, HOSTILE),
    goalEdit: goalEditCard(m, read, 'goal-1'),
    goalEditJudged: goalEditCard(m, read, 'goal-2'),
    // With an intervention the young person waits for, named above the waiting-time question.
    closeMeeting: closeMeetingCard(m, { case: withInterventions(current), viewer: coordinator }, open!, NOW),
    approval: approvalCard(m, read, held!, NOW, HOSTILE),
    minutes: minutesCard(m, asJonas, held!),
    agreements: agreementsCard(m, items, HOSTILE, HOSTILE),
    agreementsRelayed: agreementsCard(m, items.map((item) => ({ ...item, relayContact: relayContactFor(m, current, member('m-vip')) })), HOSTILE, HOSTILE),
    handOver: handOverCard(m, asJonas, held!),
    // The feedback reminder to the coordinator, naming the giver on its button, and once recorded.
    feedback: feedbackCard(m, jonasGives, meetingById(jonasGives, held!.id), coordinator, HOSTILE, HOSTILE),
    feedbackGiven: feedbackCard(m, feedbackGiven, meetingById(feedbackGiven, held!.id), coordinator, HOSTILE, HOSTILE),
    // An owner's request for a change (what and why, typed by them), and the reason it was declined.
    agreementEditRequested: agreementEditCard(m, { case: asked, viewer: read.viewer }, 'agreement-2', HOSTILE),
    agreementEditDeclined: agreementEditCard(m, { case: declineChangeRequest(asked, 'agreement-2', HOSTILE, 'aad-coordinator', NOW), viewer: member('m-jonas') }, 'agreement-2'),
    exportLink: exportLinkCard(m, current, 'https://samarbejdsbot.example.dk/export/token', 10),
    statistics: sampleStatisticsCard(m, [current], HOSTILE),
    eraseConfirm: eraseConfirmCard(m, current),
    closeConfirm: closeConfirmCard(m, current, '2031-11-23'),
    // Figures and labels only: no typed text, and the markdown its period's "1." would start stays literal.
    teamStatus: teamStatusCard(m, read, NOW),
    // Written into the map as the form allows them, a name and a relation cut to their maximum.
    network: networkMapCard(m, { case: withNetworkMap(current), viewer: coordinator }, { notice: HOSTILE }),
    // The team's names, roles, contact details and support offers, and the map's typed name and relation, in the form's rows.
    networkOverview: networkOverviewCard(m, { case: withNetworkMap(current), viewer: coordinator }, { notice: HOSTILE }),
    // Every text as the form allows it, cut to its maximum; the overview names the active one.
    interventions: interventionsCard(m, { case: withInterventions(current), viewer: coordinator }, HOSTILE),
    overviewInterventions: overviewCard(m, { case: withInterventions(current), viewer: coordinator }, NOW),
    // The radar's own texts and the case's reference: no typed text.
    radar: radarCard(m, radarOf([current], NOW), HOSTILE),
    // Who recorded each measurement and who measures, by their typed names.
    measures: measuresCard(m, { case: withMeasures(current), viewer: coordinator }, NOW, DEFAULT_READINESS_INDICATORS, HOSTILE),
    // The 18-year hand-over: what continues, typed by the coordinator, on its card and (who takes over) on the overview.
    adultHandOver: adultHandOverCard(m, { case: withAdultHandOver(current), viewer: coordinator }, HOSTILE),
    overviewHandOver: overviewCard(m, { case: withAdultHandOver(current), viewer: coordinator }, NOW),
    // The confirmation of a next meeting far off carries the typed answers in its action's data only.
    closeMeetingFarOff: farNextMeetingCard(m, current, open!.id, { summary: HOSTILE, waitingArrangement: HOSTILE, nextMeetingDate: '2027-09-01' }, '2027-09-01T08:00:00.000Z', '2027-03-23'),
  };
  for (const meeting of current.meetings) cards[`meetingBase ${meeting.status}`] = meetingBaseCard(m, current, meeting);
  cards.minutesBase = minutesBaseCard(m, current, held!);
  return cards;
}

describe.skipIf(skip)('text a person typed, in every card, in headless Chromium', () => {
  const current = caseWithText(() => HOSTILE);
  let renderer: CardRenderer;
  let outDir: string;
  const reports = new Map<string, RenderReport[]>();
  const cardsBy = new Map<string, Record<string, object>>();

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'markdown-cards-'));
    renderer = await launchCardRenderer();
    for (const [language, m] of [['da', da], ['en', en]] as const) {
      const cards = everyTemplateWith(m, current);
      cardsBy.set(language, cards);
      reports.set(language, await renderer.render(cards, join(outDir, language)));
    }
  }, 120_000);

  afterAll(async () => {
    await renderer?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('binds into every template', () => {
    const used = new Set(vi.mocked(render.renderCard).mock.calls.map(([name]) => name));
    expect([...used].sort()).toEqual(Object.keys(render.TEMPLATES).sort());
  });

  it.each(['da', 'en'])('%s: shows it literally wherever a card shows it, with no link and no formatting made of it', (language) => {
    const problems = reports.get(language)!.flatMap((report) => {
      // Where a TextBlock or Fact holds the whole typed text, it is shown whole and as typed.
      const bound = displayTexts(cardsBy.get(language)![report.name]).some((text) => text.includes(HOSTILE) || text.includes(render.escapeMarkdown(HOSTILE)));
      const literal = !bound || shown(report.text).includes(shown(HOSTILE));
      return report.errors.length > 0 || report.links.length > 0 || report.markup.length > 0 || !literal
        ? [{ name: report.name, errors: report.errors, links: report.links, markup: report.markup, literal }]
        : [];
    });
    expect(problems).toEqual([]);
    expect(reports.get(language)!.filter((report) => shown(report.text).includes(shown(HOSTILE))).length).toBeGreaterThan(15);
  });

  it('binds the typed text into the inputs unchanged, so that it goes back to the bot as typed', () => {
    const values: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const element = node as Record<string, unknown>;
        if (String(element.type).startsWith('Input.') && 'value' in element) values.push(element.value);
        Object.values(element).forEach(walk);
      }
    };
    walk(cardsBy.get('da'));
    expect(values).toContain(HOSTILE);
    expect(values).not.toContain(render.escapeMarkdown(HOSTILE));
  });
});

describe('escapeMarkdown', () => {
  it('escapes what starts markdown, and leaves numbers, dates and phone numbers as they are', () => {
    expect(render.escapeMarkdown('[a](b) **c** _d_ <at>e</at> \\ ~ &amp; `')).toBe('\\[a](b) \\*\\*c\\*\\* \\_d\\_ \\<at>e\\</at> \\\\ \\~ \\&amp; \\`');
    expect(render.escapeMarkdown('# h\n- l\n+ l\n1. n\n10) n\n---\n===\n> q\n  - indented')).toBe('\\# h\n\\- l\n\\+ l\n1\\. n\n10\\) n\n\\---\n\\===\n\\> q\n  \\- indented');
    expect(render.escapeMarkdown('+45 12 34 56 78, 2026-11-23 10:00, 1.5 timer, #3, a - b, Hansen & Søn, 3 > 2')).toBe('+45 12 34 56 78, 2026-11-23 10:00, 1.5 timer, #3, a - b, Hansen & Søn, 3 > 2');
  });

  it('escapes once, whatever is rendered again from the same data, and leaves the data as it was', () => {
    // A bound list (here the history of consents) is the caller's own: pages and shorter versions bind it again.
    const history = [{ title: '2026-11-20', value: '**Åse** [x](y)' }];
    const data = { labels: {}, history };
    const first = JSON.stringify(render.renderCard('consent', data));
    expect(JSON.stringify(render.renderCard('consent', data))).toBe(first);
    expect(history).toEqual([{ title: '2026-11-20', value: '**Åse** [x](y)' }]);
    expect(first).toContain(JSON.stringify(render.escapeMarkdown('**Åse** [x](y)')));
  });
});
