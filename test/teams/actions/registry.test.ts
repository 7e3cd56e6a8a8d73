// bot/teams/actions/registry.ts through the in-process bot: the command it declares itself (`hjælp`),
// and the refusal of a card it cannot read.
import { describe, expect, it } from 'vitest';
import { da } from '../../../bot/i18n/da';
import { helpText } from '../../../bot/teams/actions/registry';
import { writeCommandIn } from '../../../bot/teams/replies';
import { CARD_VERSION } from '../../../cards/version';
import { CHANNEL, METTE, botPerFile, newGroupChat, personalChat } from './botTurns';
import { caseWithTeam } from './caseScenes';

const turns = botPerFile();
const { click, say } = turns;

const EVERY_KIND = [
  ['a 1:1 chat', personalChat(METTE)],
  ['a group chat', newGroupChat()],
  ['a channel', CHANNEL],
] as const;

describe('hjælp', () => {
  it.each(EVERY_KIND)('lists the commands in %s', async (_where, where) => {
    expect(await say(METTE, where, 'hjælp')).toMatchObject([{ text: helpText(da) }]);
  });
});

describe('a card the registry cannot read', () => {
  it('is answered with why, and writes nothing', async () => {
    const { caseId, home } = await caseWithTeam(turns);
    const before = turns.bot().rowCounts();
    expect(await click(METTE, home, 'team.rename', { caseId })).toEqual({ message: da.unknownAction(writeCommandIn(home.kind)) });
    expect(await click(METTE, home, 'team.remove', { caseId, memberId: '' })).toEqual({ message: da.badCardData(writeCommandIn(home.kind)) });
    expect(await click(METTE, home, 'consent.withdraw', { caseId, v: CARD_VERSION + 1 })).toEqual({ message: da.newerCard });
    expect(turns.bot().rowCounts()).toEqual(before);
  });
});
