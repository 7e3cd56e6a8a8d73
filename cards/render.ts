// Binds data to a template from cards/templates. Templates are data (editable in the Adaptive Cards
// Designer); no card JSON is put together by hand in code.
import * as ACData from 'adaptivecards-templating';
import adultHandOver from './templates/adultHandOver.json';
import agreementEdit from './templates/agreementEdit.json';
import agreements from './templates/agreements.json';
import approval from './templates/approval.json';
import base from './templates/base.json';
import caseConfirm from './templates/caseConfirm.json';
import caseExport from './templates/caseExport.json';
import casePicker from './templates/casePicker.json';
import checklist from './templates/checklist.json';
import closeInternal from './templates/closeInternal.json';
import closeMeeting from './templates/closeMeeting.json';
import closeMeetingFarOff from './templates/closeMeetingFarOff.json';
import consent from './templates/consent.json';
import createCase from './templates/createCase.json';
import feedback from './templates/feedback.json';
import goalEdit from './templates/goalEdit.json';
import goals from './templates/goals.json';
import handOver from './templates/handOver.json';
import interventions from './templates/interventions.json';
import measures from './templates/measures.json';
import meetingBase from './templates/meetingBase.json';
import meetingCancel from './templates/meetingCancel.json';
import meetingOpen from './templates/meetingOpen.json';
import memberEdit from './templates/memberEdit.json';
import message from './templates/message.json';
import minutesBase from './templates/minutesBase.json';
import network from './templates/network.json';
import networkOverview from './templates/networkOverview.json';
import overview from './templates/overview.json';
import radar from './templates/radar.json';
import statistics from './templates/statistics.json';
import team from './templates/team.json';
import teamStatus from './templates/teamStatus.json';
import { CARD_VERSION } from './version';

export const TEMPLATES = {
  adultHandOver,
  agreementEdit,
  agreements,
  approval,
  base,
  caseConfirm,
  caseExport,
  casePicker,
  checklist,
  closeInternal,
  closeMeeting,
  closeMeetingFarOff,
  consent,
  createCase,
  feedback,
  goalEdit,
  goals,
  handOver,
  interventions,
  measures,
  meetingBase,
  meetingCancel,
  meetingOpen,
  memberEdit,
  message,
  minutesBase,
  network,
  networkOverview,
  overview,
  radar,
  statistics,
  team,
  teamStatus,
} as const;
export type TemplateName = keyof typeof TEMPLATES;

export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

// Parsing a template's expressions costs far more than filling it in (npm run bench): parse each once.
const parsed = new Map<TemplateName, ACData.Template>();

function templateFor(name: TemplateName): ACData.Template {
  let template = parsed.get(name);
  if (!template) {
    template = new ACData.Template(TEMPLATES[name]);
    parsed.set(name, template);
  }
  return template;
}

export function renderCard(name: TemplateName, data: Record<string, unknown>): AdaptiveCardJson {
  // An unresolved expression would stay in the output as literal text. The card tests look for that in
  // every template; here it cannot be checked, since a person may well type "${" into a field.
  return escapeDisplayText(templateFor(name).expand({ $root: { v: CARD_VERSION, ...data } })) as AdaptiveCardJson;
}

/*
 * Markdown. Teams renders a CommonMark subset (links, **bold**, _italic_, `-` and `1.` lists, line
 * breaks) in exactly these places: a TextBlock's `text` and a Fact's `title` and `value`. Names, goals,
 * reasons and every other text a person typed are bound into them, so a team member could plant
 * `[Bekræft samtykke](https://…)` in the bot's own card. Why here, once, after expansion, and not per
 * template or on the data: this is the one place that knows which fields Teams reads as markdown, and
 * what is bound elsewhere stays untouched: Input values, choice values and action data go back to the
 * bot as typed, and choice, toggle, label and button titles are plain text in Teams (escaping them would
 * show the backslashes). The price: our own labels cannot use markdown in cards either (they are written
 * without it; chat messages, which carry no typed text, keep theirs).
 */

// Whatever opens markdown anywhere in a line (a link needs its `[`, an autolink or tag its `<`, an entity
// its `&`); CommonMark escapes any ASCII punctuation with a backslash.
const MARKDOWN_INLINE = /[\\`*_[<~]|&(?=#?[A-Za-z0-9]+;)/g;
// What starts a block only at the start of a line: a quote, a heading or list item (a marker and a space), a rule
// or setext underline (a line of - or =). So `+45 12 34 56 78` and `2026-11-23` are left as they are.
const MARKDOWN_LINE_START = /^([ \t]*)(?:(>|[#+-](?=[ \t]|$))|(\d{1,9})([.)])(?=[ \t]|$)|([=-])(?=[=-]*[ \t]*$))/gm;

// Most texts hold none of it: they are returned as they are, at the cost of one test (npm run bench).
const MARKDOWN_ANY = /[\\`*_[<~&]|^[ \t]*(?:[#+=>-]|\d)/m;

/** `text` as Teams shows it literally: every character that could start markdown escaped with a backslash. */
export function escapeMarkdown(text: string): string {
  if (!MARKDOWN_ANY.test(text)) return text;
  return text
    .replace(MARKDOWN_INLINE, '\\$&')
    .replace(MARKDOWN_LINE_START, (_match, indent: string, marker?: string, digits?: string, delimiter?: string, underline?: string) =>
      digits ? `${indent}${digits}\\${delimiter}` : `${indent}\\${marker ?? underline}`,
    );
}

/**
 * A copy of the card with every field Teams renders as markdown escaped (see above). A copy, not in
 * place: an expanded template holds the bound data's own objects (a list of facts, say), and those are
 * the caller's, rendered again (pages, shorter versions) or shared (labels).
 */
function escapeDisplayText(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(escapeDisplayText);
  if (typeof node !== 'object' || node === null) return node;
  const element: Record<string, unknown> = {};
  for (const key in node) element[key] = escapeDisplayText((node as Record<string, unknown>)[key]);
  if (element.type === 'TextBlock' && typeof element.text === 'string') element.text = escapeMarkdown(element.text);
  if (element.type === 'FactSet' && Array.isArray(element.facts)) {
    for (const fact of element.facts as Array<Record<string, unknown>>) {
      if (typeof fact.title === 'string') fact.title = escapeMarkdown(fact.title);
      if (typeof fact.value === 'string') fact.value = escapeMarkdown(fact.value);
    }
  }
  return element;
}
