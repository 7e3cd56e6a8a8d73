// Issue 13, "Shown by tests in CI": the model's network map (netværkskort, seed 001) and intervention
// overview (indsatsoverblik, seed 002) end to end through
// the Agents Playground. The real bot (`node dist/bot/index.js`) behind the real Microsoft 365 Agents
// Playground; chat commands in the case's thread and Action.Execute invokes with the data Teams sends;
// what the bot stored is read from its SQLite file.
//
// The story: Mette creates a case, adds Jonas and records consent. `netværk` in the thread posts a base
// card with the case's reference only; its button gives Mette the map, where she puts the young person's
// grandmother (typed) and Jonas (from the team, not typed twice) and draws a line between them. The
// picture behind the card's one-time link is a PNG, once. Opening it counts as the map used, so the next
// meeting's checklist offers "yes" to both of its network-map questions. `indsatser`: an intervention the
// young person waits for, then started, named on the case overview.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { da } from '../../bot/i18n/da';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import { birthDateForAge, cardOf, click, commandInThread, createCaseInChannel, daysFromToday, factsOf, present, textsOf, titleOf, type ChannelCase } from './support/caseSteps';
import { choiceValue, choicesOfInput, firstCard, inputById, storedCase, submit } from './support/formSteps';
import { USERS, startPlayground, type JsonObject, type PlaygroundClient } from './support/playground';

const labels = da.cards.network;
const { mette, jonas } = USERS;
const YOUNG_PERSON = { name: 'Asta Kjær Mølgaard', birthDate: birthDateForAge(18), phone: '+45 41 52 63 74', status: 'education' } as const;

/** The card's one URL: the picture's one-time link. */
const pictureUrlOf = (card: JsonObject): string | undefined => JSON.stringify(card).match(/"url":"([^"]+)"/)?.[1];

describe('the network map, through the Agents Playground (issue 13)', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  let dataDir = '';
  let theCase: ChannelCase | undefined;
  let mapCard: JsonObject | undefined;
  let mapBaseId = '';

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const scenario = (): ChannelCase => present(theCase, 'The set-up did not create its case (see the first test)');
  const stored = (): Case => storedCase(dataDir, scenario().caseId).case;
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- bot output ---\n${botOutputTail(bot)}`;
      throw error;
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samarbejdsbot-e2e-network-'));
    bot = await startBot({ via: 'node', dataDir });
    playground = await startPlayground({ botEndpoint: bot.endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('set-up: Mette creates a case, adds Jonas and records consent for all', () =>
    withBotOutput(async () => {
      theCase = await createCaseInChannel(pg(), YOUNG_PERSON);
      const { threadId, caseId } = theCase;
      const teamBase = await commandInThread(pg(), mette, threadId, 'team');
      const teamCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'team' }, teamBase.messageId));
      const teamsUser = choiceValue(teamCard, 'teamsUser', jonas.name);
      expect(textsOf(cardOf(await click(pg(), mette, threadId, 'team.addTeamsUser', { caseId, teamsUser, teamsRole: 'youthGuidance' }, teamBase.messageId)))).toContain(da.cards.done.memberAdded);
      const consentBase = await commandInThread(pg(), mette, threadId, 'samtykke');
      const consentCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'consent' }, consentBase.messageId));
      const parties = choicesOfInput(inputById(consentCard, 'partyMemberIds')).map((party) => party.value).join(',');
      const recorded = cardOf(await pg().invokeCardAction(mette, threadId, submit(consentCard, 'consent.record', { givenByYoungPerson: 'true', partyMemberIds: parties }), consentBase.messageId));
      expect(textsOf(recorded)).toContain(da.cards.done.consentRecorded);
    }), 30_000);

  it('netværk posts a base card with the reference only; its button gives Mette the empty map with the four questions', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const base = await commandInThread(pg(), mette, threadId, 'netværk');
      const baseCard = firstCard(base);
      expect(titleOf(baseCard)).toBe(labels.title(reference));
      expect(JSON.stringify(baseCard)).not.toContain(YOUNG_PERSON.name);
      mapBaseId = present(base.messageId, 'The base card has no id');
      mapCard = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'network' }, mapBaseId));
      expect(textsOf(mapCard)).toEqual(expect.arrayContaining([labels.title(reference), labels.empty]));
      expect(textsOf(mapCard)).toEqual(expect.arrayContaining([...labels.questions]));
      expect(pictureUrlOf(mapCard)).toBeUndefined();
    }), 30_000);

  it('network.add and network.link: the grandmother typed, Jonas from the team, a line between them, kept with who and when', () =>
    withBotOutput(async () => {
      const { threadId } = scenario();
      const added = cardOf(await pg().invokeCardAction(mette, threadId, submit(present(mapCard, 'The map card'), 'network.add', { name: 'Mormor Åse', relation: 'mormor', field: 'family', closeness: '1' }), mapBaseId));
      expect(textsOf(added)).toContain(labels.added);
      expect(factsOf(added)).toContainEqual({ title: 'Mormor Åse', value: `${labels.closenessShort[1]} · mormor` });
      const memberId = choiceValue(added, 'memberId', jonas.name);
      const withJonas = cardOf(await pg().invokeCardAction(mette, threadId, submit(added, 'network.add', { memberId, field: 'professionals', closeness: '2' }), mapBaseId));
      mapCard = cardOf(await pg().invokeCardAction(mette, threadId, submit(withJonas, 'network.link', { fromPersonId: 'p1', toPersonId: 'p2' }), mapBaseId));
      expect(textsOf(mapCard)).toEqual(expect.arrayContaining([labels.linked, labels.links(1)]));
      const map = present(stored().networkMap, 'No map was stored');
      expect(map.persons).toEqual([
        { id: 'p1', field: 'family', closeness: 1, name: 'Mormor Åse', relation: 'mormor' },
        { id: 'p2', field: 'professionals', closeness: 2, memberId },
      ]);
      expect(map.links).toEqual([{ between: ['p1', 'p2'] }]);
      expect(map.history.map((event) => event.kind)).toEqual(['personAdded', 'personAdded', 'linked']);
    }), 30_000);

  it("the card's picture link gives the map as a PNG once; Mette's look counts as the map used", () =>
    withBotOutput(async () => {
      const url = present(pictureUrlOf(present(mapCard, 'The map card')), 'The card has no picture link');
      const picture = await fetch(url);
      expect(picture.status).toBe(200);
      expect(picture.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await picture.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
      expect((await fetch(url)).status).toBe(404);
      expect(stored().networkMap?.lastShownAt).toBeDefined();
    }), 30_000);

  it("the next meeting's checklist offers yes to both network-map questions", () =>
    withBotOutput(async () => {
      const { threadId, caseId } = scenario();
      const openCard = await commandInThread(pg(), mette, threadId, 'møde');
      await pg().invokeCardAction(mette, threadId, submit(firstCard(openCard), 'meeting.plan', { meetingDate: daysFromToday(7), meetingTime: '10:00' }), present(openCard.messageId, 'The open card id'));
      const meetingId = present(stored().meetings[0], 'No meeting was planned').id;
      const checklist = cardOf(await click(pg(), mette, threadId, 'meeting.show', { caseId, meetingId, page: 'preparation' }, openCard.messageId));
      expect(inputById(checklist, 'prepNetworkMapMade').value, JSON.stringify(inputById(checklist, 'prepNetworkMapMade'))).toBe('yes');
      expect(inputById(checklist, 'prepNetworkMapUsed').value).toBe('yes');
      expect(stored().meetings[0]?.answers).toEqual({});
    }), 30_000);

  it('indsatser: Mette records an intervention the young person waits for, then starts it; the overview names the active one', () =>
    withBotOutput(async () => {
      const { threadId, caseId, reference } = scenario();
      const base = await commandInThread(pg(), mette, threadId, 'indsatser');
      expect(titleOf(firstCard(base))).toBe(da.cards.interventions.title(reference));
      const baseId = present(base.messageId, 'The base card has no id');
      const empty = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'interventions' }, baseId));
      expect(textsOf(empty)).toContain(da.cards.interventions.empty);
      const added = cardOf(
        await pg().invokeCardAction(mette, threadId, submit(empty, 'intervention.add', { what: 'Mentor på produktionsskolen', administration: 'Jobcenter', from: daysFromToday(7) }), baseId),
      );
      expect(textsOf(added)).toEqual(expect.arrayContaining([da.cards.interventions.added, da.cards.interventions.waiting]));
      const interventionId = present(stored().interventions?.[0], 'No intervention was stored').id;
      const started = cardOf(await pg().invokeCardAction(mette, threadId, submit(added, 'intervention.status', { interventionId, newStatus: 'active' }), baseId));
      expect(textsOf(started)).toContain(da.cards.interventions.statusChanged);
      expect(stored().interventions?.[0]).toMatchObject({ what: 'Mentor på produktionsskolen', status: 'active' });
      const overviewBase = await commandInThread(pg(), mette, threadId, 'overblik');
      const overview = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'overview' }, present(overviewBase.messageId, 'The overview base card')));
      expect(JSON.stringify(overview)).toContain('Mentor på produktionsskolen');
    }), 30_000);
});
