// Issue 14, "Shown by tests in CI": record WHO-5 through a card in the Agents Playground and see it on the
// case card. The real bot (`node dist/bot/index.js`) behind the real Microsoft 365 Agents Playground;
// `målinger` in the case's thread posts a base card with the reference only, its button gives Mette the
// card with the WHO-5 form in its published wording; she records the young person's answers (3, 3, 2, 4,
// 1: 52 of 100) and the case overview shows the score and the day.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import { birthDateForAge, cardOf, click, commandInThread, createCaseInChannel, daysFromToday, factsOf, present, textsOf, titleOf, type ChannelCase } from './support/caseSteps';
import { firstCard, storedCase, submit } from './support/formSteps';
import { USERS, startPlayground, type PlaygroundClient } from './support/playground';

const labels = da.cards.measures;
const { mette } = USERS;
const YOUNG_PERSON = { name: 'Asta Kjær Mølgaard', birthDate: birthDateForAge(17), phone: '+45 41 52 63 74', status: 'neither' } as const;

describe('WHO-5 through a card, through the Agents Playground (issue 14)', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  let dataDir = '';
  let theCase: ChannelCase | undefined;

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- bot output ---\n${botOutputTail(bot)}`;
      throw error;
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-measures-'));
    bot = await startBot({ via: 'node', dataDir });
    playground = await startPlayground({ botEndpoint: bot.endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('målinger: Mette records a WHO-5 with the young person; the case overview shows its score and day', () =>
    withBotOutput(async () => {
      theCase = await createCaseInChannel(pg(), YOUNG_PERSON);
      const { threadId, caseId, reference } = theCase;
      const base = await commandInThread(pg(), mette, threadId, 'målinger');
      expect(titleOf(firstCard(base))).toBe(labels.title(reference));
      expect(JSON.stringify(firstCard(base))).not.toContain(YOUNG_PERSON.name);
      const baseId = present(base.messageId, 'The base card has no id');
      const card = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'measures' }, baseId));
      expect(textsOf(card)).toEqual(expect.arrayContaining([labels.title(reference), labels.none, labels.who5Lead]));
      const today = daysFromToday(0);
      const answers = { w_cheerful: '3', w_calm: '3', w_active: '2', w_rested: '4', w_interested: '1', on: today };
      const recorded = cardOf(await pg().invokeCardAction(mette, threadId, submit(card, 'measures.wellbeing', answers), baseId));
      expect(textsOf(recorded)).toContain(labels.who5Recorded);
      expect(storedCase(dataDir, caseId).case.measures?.who5.map((record) => record.answers)).toEqual([[3, 3, 2, 4, 1]]);

      const overviewBase = await commandInThread(pg(), mette, threadId, 'overblik');
      const overview = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'overview' }, present(overviewBase.messageId, 'The overview base card')));
      const [year, month, day] = today.split('-');
      expect(factsOf(overview)).toContainEqual({ title: labels.overviewLabel, value: labels.overviewValue(52, `${day}.${month}.${year}`) });
    }), 60_000);
});
