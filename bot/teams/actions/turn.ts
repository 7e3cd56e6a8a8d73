// What every card verb and chat command handler gets: one object, not positional parameters, and
// how a verb or a command is declared (once, beside its feature; registry.ts collects them).
import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { CARD_VERSION } from '../../../cards/version';
import type { AdaptiveCardJson } from '../../../cards/render';
import { messageCard } from '../../../cards/messageCard';
import type { Actor, AppDeps } from '../../app/context';
import { type CaseRead, changerView } from '../../app/readCase';
import type { Case } from '../../domain/case';
import type { Messages } from '../../i18n';
import type { Logger } from '../../logger';
import type { ConversationKind } from '../actor';
import type { ExportLinks } from '../../app/exportLinks';

export interface RightsEnv {
  /** Absent: no export links are served (the command answers "not ready yet"). */
  exportLinks?: ExportLinks;
  retentionDays: number;
}

/** What the bot runs with, the same for every turn. */
export interface BotEnv {
  botAppId: string;
  deps: AppDeps;
  log: Logger;
  /** Export links and the retention period; the defaults serve no export links. */
  rights?: RightsEnv;
  /** The administrators as `<tenant id>:<object id>` (lower case, domain/access.ts administratorKey): who set up units and leaders. */
  administrators?: ReadonlySet<string>;
  /** The Teams app's id, for links to the tab (`statistik`); absent: no such link. */
  teamsAppId?: string;
}

export interface Turn {
  context: TurnContext;
  actor: Actor;
  /** The texts in the language of the person who acts. */
  m: Messages;
  deps: AppDeps;
  env: BotEnv;
  conversation: ConversationKind;
  /** Teams may deliver an activity twice; a change remembers the activity that made it. */
  activityId: string | undefined;
}

/** What a verb answers the person who clicked: an updated card, or a message that leaves their card as it was. */
export type VerbReply = { card: AdaptiveCardJson } | { message: string };

/** Every card version from the first: a verb whose data changes shape lists the versions it still reads. */
const EVERY_CARD_VERSION: readonly number[] = Array.from({ length: CARD_VERSION }, (_, index) => index + 1);

export interface VerbDeclaration<Name extends string = string, Data extends z.ZodType<{ v: number }> = z.ZodType<{ v: number }>> {
  verb: Name;
  /** The data the card sends; parsed before the handler runs, refused whole when it does not parse. */
  data: Data;
  /** The card versions (`v`) this verb reads. */
  cardVersions: readonly number[];
  handle(turn: Turn, data: z.infer<Data>): Promise<VerbReply>;
}

export function verb<Name extends string, Data extends z.ZodType<{ v: number }>>(
  name: Name,
  data: Data,
  handle: (turn: Turn, data: z.infer<Data>) => Promise<VerbReply>,
  cardVersions: readonly number[] = EVERY_CARD_VERSION,
): VerbDeclaration<Name, Data> {
  return { verb: name, data, cardVersions, handle };
}

/** A verb as the registry keeps it, its data type forgotten: the registry parses before it calls. */
export type AnyVerb = VerbDeclaration<string, z.ZodType<{ v: number }>>;

/** The card as the person who made a change now sees it (the change was authorized and audited); one who left the team gets the notice. */
export async function cardAfterChange(
  turn: Turn,
  changed: Case,
  render: (read: CaseRead) => AdaptiveCardJson | Promise<AdaptiveCardJson>,
  notice: string,
): Promise<VerbReply> {
  const read = changerView(changed, turn.actor);
  return { card: read ? await render(read) : messageCard(notice, '') };
}

/** The scopes of the app manifest's command lists (appPackage/manifest.json). */
export type ManifestScope = 'team' | 'groupChat' | 'personal';

export interface CommandDeclaration {
  /** What the user writes, in each language; any alias works in any language. The first is the one help and the manifest show. */
  aliases: { da: readonly [string, ...string[]]; en: readonly [string, ...string[]] };
  /** The command lists of the app manifest that suggest it (Teams allows ten a list). */
  manifestScopes: readonly ManifestScope[];
  /** Set when the command may run only in a 1:1 chat: what the user is told elsewhere. */
  onlyInPersonalChat?: (m: Messages) => string;
  /** `argument`: what followed the command, as typed. */
  handle(turn: Turn, argument: string): Promise<void>;
}
