// Reading a chat command: Danish and English aliases (from the command table in actions/registry.ts),
// forgiving about case, accents and Danish letters written out (hjælp, hjaelp, HJALP are one command).
import { BOT_MENTION } from '../i18n/commandHint';
import { COMMANDS, COMMAND_NAMES, type CommandName } from './actions/registry';

/** Lower case, no accents, æ/ø/å and their spelled-out forms folded to one letter. */
export function normalizeCommandText(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/aa/g, 'a')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_ALIAS = new Map<string, CommandName>(
  COMMAND_NAMES.flatMap((name) => [...COMMANDS[name].aliases.da, ...COMMANDS[name].aliases.en].map((alias) => [normalizeCommandText(alias), name] as const)),
);

export interface ParsedCommand {
  name: CommandName;
  /** What followed the command, as typed (not folded like the command: a case reference tells AA from A). */
  argument: string;
}

/** The longest alias that the text starts with wins ("ny sag" before "sag"). */
export function parseCommand(text: string): ParsedCommand | undefined {
  const normalized = normalizeCommandText(text);
  let best: { alias: string; name: CommandName } | undefined;
  for (const [alias, name] of BY_ALIAS) {
    const matches = normalized === alias || normalized.startsWith(`${alias} `);
    if (matches && (!best || alias.length > best.alias.length)) best = { alias, name };
  }
  if (!best) return undefined;
  const aliasWords = best.alias.split(' ').length;
  return { name: best.name, argument: text.trim().split(/\s+/).slice(aliasWords).join(' ') };
}

const WRITTEN_MENTION = new RegExp(`^${BOT_MENTION}\\b`, 'i');

/**
 * Teams puts `<at>Bot</at>` in a channel message that mentions the bot; the command is the rest. A hint
 * shown on a card in any conversation says "@Samarbejdsbot team": typed as plain text in a 1:1 chat, it is the command too.
 */
export function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/gi, '').replace(/&nbsp;/g, ' ').trim().replace(WRITTEN_MENTION, '').trim();
}
