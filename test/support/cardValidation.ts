// Checks an expanded Adaptive Card against what Teams accepts and what our Universal Actions need.
import type * as AdaptiveCards from 'adaptivecards';
import { CARD_BUDGET_BYTES } from '../../cards/budget';

// The package's ESM build (lib/) imports files without extensions and fails to load in Node;
// the UMD bundle in dist/ loads and parses without a DOM.
const adaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Teams delivers user-specific views (refresh) to at most 60 users. */
const MAX_REFRESH_USER_IDS = 60;
const TEAMS_CARD_VERSION = '1.5';

export interface CardValidationOptions {
  /** Verbs whose Action.Execute may carry no caseId because no case exists yet (e.g. creating one). */
  verbsWithoutCaseId?: readonly string[];
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function located(path: string, problem: string): string {
  return `${path === '' ? 'card' : path}: ${problem}`;
}

/**
 * Returns the problems found in a card; an empty list means the card is fine.
 * Combines the adaptivecards parser at version 1.5 with checks it does not make.
 */
export function validateAdaptiveCard(card: unknown, options: CardValidationOptions = {}): string[] {
  if (!isJsonObject(card)) return ['card: must be a JSON object'];
  return [
    ...rootProblems(card),
    ...parserProblems(card),
    ...sizeProblems(card),
    ...leftoverTemplateProblems(card, ''),
    ...refreshProblems(card.refresh),
    ...elementProblems(card, '', options),
  ];
}

function rootProblems(card: JsonObject): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') {
    problems.push(located('type', `must be "AdaptiveCard", found ${JSON.stringify(card.type)}`));
  }
  if (card.version === undefined) {
    problems.push(located('version', `is missing; Teams needs "${TEAMS_CARD_VERSION}"`));
  } else if (card.version !== TEAMS_CARD_VERSION) {
    problems.push(located('version', `must be "${TEAMS_CARD_VERSION}", found ${JSON.stringify(card.version)}`));
  }
  if (card.$schema !== undefined && typeof card.$schema !== 'string') {
    problems.push(located('$schema', 'must be a string when present'));
  }
  return problems;
}

/** The root type and version are checked above, more strictly than the parser does. */
const eventsCheckedByRootProblems = new Set<AdaptiveCards.ValidationEvent>([
  adaptiveCards.ValidationEvent.MissingCardType,
  adaptiveCards.ValidationEvent.UnsupportedCardVersion,
]);

/**
 * Teams' own chart elements (not in the adaptivecards package, which parses their fallback instead).
 * Each is checked below: a fallback for a client without charts, and data points of the right shape.
 */
const TEAMS_CHARTS: Record<string, (point: unknown) => boolean> = {
  'Chart.Donut': (point) => isJsonObject(point) && typeof point.legend === 'string' && isFiniteNumber(point.value),
  'Chart.Pie': (point) => isJsonObject(point) && typeof point.legend === 'string' && isFiniteNumber(point.value),
  'Chart.VerticalBar': (point) => isXyPoint(point),
  'Chart.HorizontalBar': (point) => isXyPoint(point),
  'Chart.Line': (point) => isJsonObject(point) && typeof point.legend === 'string' && Array.isArray(point.values) && point.values.every(isXyPoint),
  'Chart.VerticalBar.Grouped': (point) => isJsonObject(point) && typeof point.legend === 'string' && Array.isArray(point.values) && point.values.length > 0 && point.values.every(isXyPoint),
};

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isXyPoint(point: unknown): boolean {
  return isJsonObject(point) && (typeof point.x === 'string' || isFiniteNumber(point.x)) && isFiniteNumber(point.y);
}

const UNKNOWN_TYPE = /^Unknown element type "([^"]+)"/;

/** Unknown element and action types, bad enum values, duplicate ids, inputs without id, and more. */
function parserProblems(card: JsonObject): string[] {
  const parsed = new adaptiveCards.AdaptiveCard();
  const context = new adaptiveCards.SerializationContext(adaptiveCards.Versions.v1_5);
  try {
    parsed.parse(card, context);
  } catch (error) {
    return [`adaptivecards could not parse the card: ${error instanceof Error ? error.message : String(error)}`];
  }
  const events: AdaptiveCards.IValidationEvent[] = [];
  for (let index = 0; index < context.eventCount; index++) events.push(context.getEventAt(index));
  events.push(...parsed.validateProperties().validationEvents);
  return events
    .filter((event) => !eventsCheckedByRootProblems.has(event.event))
    .filter((event) => !(event.event === adaptiveCards.ValidationEvent.UnknownElementType && (UNKNOWN_TYPE.exec(event.message)?.[1] ?? '') in TEAMS_CHARTS))
    .map((event) => `adaptivecards (${adaptiveCards.ValidationEvent[event.event]}${sourceLabel(event)}): ${event.message}`);
}

function sourceLabel(event: AdaptiveCards.IValidationEvent): string {
  if (!(event.source instanceof adaptiveCards.CardObject)) return '';
  const id = event.source.id ? ` "${event.source.id}"` : '';
  return ` in ${event.source.getJsonTypeName()}${id}`;
}

function sizeProblems(card: JsonObject): string[] {
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  return bytes > CARD_BUDGET_BYTES
    ? [located('', `is ${bytes} bytes serialized, over the size limit of ${CARD_BUDGET_BYTES} bytes (28 KB)`)]
    : [];
}

/** adaptivecards-templating leaves unresolved expressions and unused template keywords in its output. */
function leftoverTemplateProblems(value: unknown, path: string): string[] {
  if (typeof value === 'string') {
    const expression = /\$\{[^}]*\}?/.exec(value);
    return expression ? [located(path, `unresolved template expression "${expression[0]}"`)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => leftoverTemplateProblems(item, childPath(path, index)));
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.startsWith('$') && key !== '$schema' ? [located(childPath(path, key), 'template keyword left in the card')] : []),
    ...leftoverTemplateProblems(child, childPath(path, key)),
  ]);
}

function refreshProblems(refresh: unknown): string[] {
  if (refresh === undefined) return [];
  if (!isJsonObject(refresh)) return [located('refresh', 'must be an object')];
  const problems: string[] = [];
  const action = refresh.action;
  if (!isJsonObject(action) || action.type !== 'Action.Execute') {
    problems.push(located('refresh.action', 'must be an Action.Execute'));
  }
  const userIds = refresh.userIds;
  if (!Array.isArray(userIds) || !userIds.every(isNonEmptyString)) {
    problems.push(located('refresh.userIds', 'must be a list of user ids'));
  } else if (userIds.length > MAX_REFRESH_USER_IDS) {
    problems.push(
      located('refresh.userIds', `has ${userIds.length} entries; Teams refreshes for at most ${MAX_REFRESH_USER_IDS}`),
    );
  }
  return problems;
}

/**
 * Walks every element and action: body, containers, columns, tables, action sets, select actions,
 * Action.ShowCard cards and the refresh action. An action's `data` is our own payload, not card content.
 */
function elementProblems(node: unknown, path: string, options: CardValidationOptions, fallbackAbove = false): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => elementProblems(item, childPath(path, index), options, fallbackAbove));
  if (!isJsonObject(node)) return [];
  const ownProblems = typeof node.type === 'string' ? typedNodeProblems(node, node.type, path, options, fallbackAbove) : [];
  // An element a client cannot render falls back to the nearest fallback: its own, else its container's.
  const childrenFallBack = fallbackAbove || hasFallbackElement(node);
  const childProblems = Object.entries(node)
    .filter(([key]) => key !== 'data')
    .flatMap(([key, child]) => elementProblems(child, childPath(path, key), options, childrenFallBack));
  return [...ownProblems, ...childProblems];
}

function typedNodeProblems(node: JsonObject, type: string, path: string, options: CardValidationOptions, fallbackAbove: boolean): string[] {
  if (type === 'Action.Submit') {
    return [located(path, 'Action.Submit is not allowed; use Action.Execute (Universal Actions)')];
  }
  if (type === 'Action.Execute') return executeActionProblems(node, path, options);
  if (type in TEAMS_CHARTS) return chartProblems(node, type, path, fallbackAbove);
  if (type.startsWith('Input.') && !isNonEmptyString(node.label)) {
    return [located(path, `${type} has no label`)];
  }
  return [];
}

const hasFallbackElement = (node: JsonObject): boolean => isJsonObject(node.fallback) && typeof node.fallback.type === 'string';

function chartProblems(chart: JsonObject, type: string, path: string, fallbackAbove: boolean): string[] {
  const problems: string[] = [];
  if (!fallbackAbove && !hasFallbackElement(chart)) problems.push(located(path, `${type} has no fallback element (its own or a container's) for a client without charts`));
  const isPoint = TEAMS_CHARTS[type]!;
  if (!Array.isArray(chart.data) || chart.data.length === 0) problems.push(located(path, `${type} has no data`));
  else chart.data.forEach((point, index) => {
    if (!isPoint(point)) problems.push(located(`${path}.data[${index}]`, `is not a data point of ${type}: ${JSON.stringify(point)}`));
  });
  return problems;
}

function executeActionProblems(action: JsonObject, path: string, options: CardValidationOptions): string[] {
  const problems: string[] = [];
  if (!isNonEmptyString(action.verb)) problems.push(located(path, 'Action.Execute has no verb'));
  const data = action.data;
  if (!isJsonObject(data)) return [...problems, located(path, 'Action.Execute has no data object')];
  if (typeof data.v !== 'number' || !Number.isInteger(data.v) || data.v < 1) {
    problems.push(located(`${path}.data.v`, `must be the card version as a positive integer, found ${JSON.stringify(data.v)}`));
  }
  const caseIdOptional = typeof action.verb === 'string' && (options.verbsWithoutCaseId ?? []).includes(action.verb);
  if (!caseIdOptional && !isNonEmptyString(data.caseId)) {
    problems.push(located(`${path}.data.caseId`, `is missing for verb ${JSON.stringify(action.verb)}`));
  }
  return problems;
}
