// Chat commands: Danish with English aliases, forgiving about case, accents and Danish letters
// written out (hjælp, hjaelp, HJALP are one command).
export const COMMANDS = [
  'help',
  'newCase',
  'status',
  'team',
  'consent',
  'network',
  'interventions',
  'openMeeting',
  'cancelMeeting',
  'goals',
  'closeMeeting',
  'myTasks',
  'stats',
  'exportCase',
  'closeCase',
  'eraseCase',
] as const;

export type CommandName = (typeof COMMANDS)[number];

const ALIASES: Record<CommandName, string[]> = {
  help: ['hjælp', 'help', '?'],
  newCase: ['ny sag', 'new case', 'opret sag'],
  status: ['sag', 'status', 'case', 'overblik', 'overview'],
  team: ['team'],
  consent: ['samtykke', 'consent'],
  network: ['netværk', 'network'],
  interventions: ['indsatser', 'interventions'],
  openMeeting: ['møde', 'open meeting', 'meeting'],
  cancelMeeting: ['aflys', 'cancel'],
  goals: ['mål', 'goals'],
  closeMeeting: ['afslut', 'close meeting'],
  myTasks: ['mine', 'my tasks'],
  stats: ['statistik', 'stats'],
  exportCase: ['eksport', 'eksportér', 'export'],
  closeCase: ['luk sag', 'close case'],
  eraseCase: ['slet sag', 'erase case', 'delete case'],
};

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
  COMMANDS.flatMap((name) => ALIASES[name].map((alias) => [normalizeCommandText(alias), name] as const)),
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

/** Teams puts `<at>Bot</at>` in a channel message that mentions the bot; the command is the rest. */
export function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/gi, '').replace(/&nbsp;/g, ' ').trim();
}
