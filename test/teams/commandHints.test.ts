// Issue 11, section 8: in a channel or group chat the bot hears only messages that @mention it, so every
// hint shown there names the mention ("Skriv "@Samarbejdsbot team" i tråden"); a 1:1 chat needs none.
import { describe, expect, it } from 'vitest';
import type { Messages } from '../../bot/i18n';
import { BOT_MENTION, type WriteCommand, inPersonalChat, inSharedConversation } from '../../bot/i18n/commandHint';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { parseCommand } from '../../bot/teams/commands';

/** Texts shown only in a 1:1 chat (or naming the 1:1 chat as the place to write): they need no mention. */
const ONLY_IN_PERSONAL_CHAT = new Set([
  'myTasksInPersonalChat',
  'cards.radar.onlyInPersonalChat',
  'rights.exportInPersonalChat',
  'cards.picker.closedLeftOut',
  'cards.outbox.unreachableMention',
  'helpWhere',
  // The administrators' commands and `statistik` run in the 1:1 chat only; the CSV link's refusal is read in a browser.
  'errors.unitNotFound',
  'errors.leaderNotFound',
  'statistics.linkExpired',
  // Read in a browser: the network picture's spent link, and the tab (which has no conversation to write in).
  'cards.network.pictureExpired',
  'tab.meeting.noMeeting',
  'statistics.onlyInPersonalChat',
  'organisation.leaderAdded',
  'organisation.usage',
  // `dokumenter` runs in the 1:1 chat only; its spent link is read in a browser.
  'documents.inPersonalChat',
  'documents.expired',
]);

/**
 * A command as the user would type it: quoted ("team", „team“), bold or in backticks (a case reference
 * may follow), or right after "skriv"/"write"/"type" without any of them ("skriv team i tråden").
 */
function commandsWrittenIn(text: string): string[] {
  const marked = [...text.matchAll(/["“„]([^"“”„]+)["”“]|\*\*([^*]+)\*\*|`([^`]+)`/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
  const afterVerb = [...text.matchAll(/\b(?:skriv|write|type)\s+([^"“„*`.,:;()]+)/gi)].map((match) => match[1] ?? '');
  return [
    ...marked.filter((segment) => {
      const parsed = parseCommand(segment);
      return parsed !== undefined && (parsed.argument === '' || /^S-[A-Z0-9]+$/i.test(parsed.argument));
    }),
    ...afterVerb.filter((segment) => parseCommand(segment) !== undefined),
  ];
}

/** Every text in the messages, functions called with a placeholder that is also the shared-conversation writer. */
function everyText(messages: unknown, write: WriteCommand, path = ''): { path: string; text: string }[] {
  if (typeof messages === 'string') return [{ path, text: messages }];
  if (typeof messages === 'function') {
    const placeholder = Object.assign((command: string) => write(command), { toString: () => 'X' });
    try {
      const text: unknown = (messages as (...args: unknown[]) => unknown)(placeholder, placeholder, placeholder);
      return typeof text === 'string' ? [{ path, text }] : [];
    } catch {
      return []; // A text that needs real data (a list of sections, a date): it names no command.
    }
  }
  if (messages && typeof messages === 'object')
    return Object.entries(messages).flatMap(([key, value]) => everyText(value, write, path ? `${path}.${key}` : key));
  return [];
}

describe.each([
  ['da', da],
  ['en', en],
] as const)('hints to write a command (%s)', (_language, m: Messages) => {
  it('name the mention wherever a channel or group chat may show them', () => {
    const withoutMention = everyText(m, inSharedConversation)
      .filter(({ path }) => !ONLY_IN_PERSONAL_CHAT.has(path))
      .flatMap(({ path, text }) => commandsWrittenIn(text).map((command) => `${path}: ${command}`));
    expect(withoutMention).toEqual([]);
  });

  it('name it in the texts that say what to write, and only where it is needed', () => {
    const write = (where: WriteCommand) => [m.unknownCommand(where), m.noCaseHere(where), m.cards.caseCreatedHere(where), m.errors.noMeetingToClose({}, where)];
    for (const text of write(inSharedConversation)) expect(text).toContain(BOT_MENTION);
    for (const text of write(inPersonalChat)) expect(text).not.toContain(BOT_MENTION);
    expect(m.cards.caseCreatedInThread).toContain(`${BOT_MENTION} team`);
    expect(m.helpWhere).toContain(BOT_MENTION);
  });

  it('finds a command hint without the mention (the check can fail)', () => {
    expect(commandsWrittenIn('Skriv "team" i tråden og **sag S-ABCDE**')).toEqual(['team', 'sag S-ABCDE']);
    expect(commandsWrittenIn(`Skriv "${BOT_MENTION} team" i tråden`)).toEqual([]);
    expect(commandsWrittenIn('Skriv „møde“ eller `afslut`')).toEqual(['møde', 'afslut']);
    expect(commandsWrittenIn('Skriv team i tråden. Write status to pick a case')).toEqual(['team i tråden', 'status to pick a case']);
    expect(commandsWrittenIn(`Skriv ${BOT_MENTION} team i tråden, skriv til personen, write the time as HH:MM`)).toEqual([]);
  });
});
