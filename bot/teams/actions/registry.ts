// Every card verb and chat command the bot knows, collected from the features that declare them: the
// single source for routing, for parsing what a card sends, for `hjælp`, for the app manifest's command
// lists, and for the verb table in cards/README.md (tests hold the last two to this file).
import { z } from 'zod';
import { CARD_VERSION } from '../../../cards/version';
import type { Messages } from '../../i18n';
import { agreementCommands, agreementVerbs } from './agreements';
import { caseCommands, caseVerbs } from './case';
import { closingCommands, closingVerbs } from './closing';
import { consentCommands, consentVerbs } from './consent';
import { goalCommands, goalVerbs } from './goals';
import { meetingCommands, meetingVerbs } from './meeting';
import { organisationCommands } from './organisation';
import { rightsCommands, rightsVerbs } from './rights';
import { documentCommands } from './documents';
import { statisticsCommands, statisticsVerbs } from './statistics';
import { networkCommands, networkVerbs } from './network';
import { interventionCommands, interventionVerbs } from './interventions';
import { measureCommands, measureVerbs } from './measures';
import { rhythmCommands, rhythmVerbs } from './rhythm';
import { teamCommands, teamVerbs } from './team';
import { teamStatusCommands } from './teamStatus';
import { radarCommands } from './radar';
import type { AnyVerb, CommandDeclaration, ManifestScope, Turn, VerbReply } from './turn';

export const VERBS: readonly AnyVerb[] = [
  ...caseVerbs,
  ...teamVerbs,
  ...consentVerbs,
  ...meetingVerbs,
  ...goalVerbs,
  ...closingVerbs,
  ...agreementVerbs,
  ...rightsVerbs,
  ...statisticsVerbs,
  ...networkVerbs,
  ...interventionVerbs,
  ...measureVerbs,
  ...rhythmVerbs,
];

const VERB_BY_NAME = new Map(VERBS.map((declaration) => [declaration.verb, declaration]));

export type CommandName = keyof Messages['commands'];

/** In this order in `hjælp` and in the manifest's command lists. */
export const COMMANDS = {
  help: {
    aliases: { da: ['hjælp'], en: ['help', '?'] },
    manifestScopes: ['team', 'groupChat', 'personal'],
    async handle({ context, m }) {
      await context.sendActivity(helpText(m));
    },
  },
  ...caseCommands,
  ...teamCommands,
  ...consentCommands,
  ...meetingCommands,
  ...goalCommands,
  ...closingCommands,
  ...agreementCommands,
  ...rightsCommands,
  ...documentCommands,
  ...teamStatusCommands,
  ...statisticsCommands,
  ...organisationCommands,
  ...networkCommands,
  ...interventionCommands,
  ...radarCommands,
  ...measureCommands,
  ...rhythmCommands,
} as const satisfies Record<CommandName, CommandDeclaration>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The list `hjælp` answers, in the reader's language, from the table. */
export function helpText(m: Messages): string {
  const lines = COMMAND_NAMES.map((name) => `- **${COMMANDS[name].aliases[m.language][0]}**: ${m.commands[name].help}`);
  return [m.helpTitle, ...lines, m.helpWhere].join('\n\n');
}

/** The app manifest's command list of a scope, as Teams shows it (title and description). */
export function manifestCommands(m: Messages, scope: ManifestScope): { title: string; description: string }[] {
  return COMMAND_NAMES.filter((name) => (COMMANDS[name].manifestScopes as readonly ManifestScope[]).includes(scope)).map((name) => ({
    title: COMMANDS[name].aliases[m.language][0],
    description: m.commands[name].manifest,
  }));
}

const invokeValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(100), data: z.record(z.string(), z.unknown()).optional() }),
});

export interface ParsedCardAction {
  verb: string;
  data: { v: number } & Record<string, unknown>;
}

export type CardActionParse =
  | { ok: true; action: ParsedCardAction }
  | { ok: false; problem: 'malformed' | 'unknownVerb' | 'newerVersion' | 'retiredVersion' };

/** What a card sent, parsed by its verb's declaration before any use case runs; what does not parse is refused whole. */
export function parseCardAction(value: unknown): CardActionParse {
  const envelope = invokeValue.safeParse(value);
  if (!envelope.success) return { ok: false, problem: 'malformed' };
  const { verb, data = {} } = envelope.data.action;
  const declaration = VERB_BY_NAME.get(verb);
  if (!declaration) return { ok: false, problem: 'unknownVerb' };
  const parsed = declaration.data.safeParse(data);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  const { v } = parsed.data;
  // A card from a newer version than this instance (during a rolling upgrade) is not guessed at.
  if (v > CARD_VERSION) return { ok: false, problem: 'newerVersion' };
  if (!declaration.cardVersions.includes(v)) return { ok: false, problem: 'retiredVersion' };
  return { ok: true, action: { verb, data: parsed.data as ParsedCardAction['data'] } };
}

/** Runs a parsed action's handler: its data is what its own declaration parsed. */
export function runCardAction({ verb, data }: ParsedCardAction, turn: Turn): Promise<VerbReply> {
  const declaration = VERB_BY_NAME.get(verb);
  if (!declaration) throw new Error(`no handler for the parsed verb ${verb}`);
  return declaration.handle(turn, data);
}
