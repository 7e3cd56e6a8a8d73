// The case issue end to end: the coordinator creates a case in the channel Unge-teamet through the
// Microsoft 365 Agents Playground, builds the team, records consent; team members, people outside the
// team and another tenant get exactly what they may; the case survives a restart of the bot, started
// as `npm start` starts it; bad input gets a clear answer (or a 4xx), writes nothing and leaves the
// process running. One playground and one bot serve the whole file; the tests run in order and build
// on each other (the scenario's case is used by the refusals and the bad input).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { inPersonalChat, inSharedConversation } from '../../bot/i18n/commandHint';
import { MAX_COMMAND_LENGTH } from '../../bot/teams/messageHandler';
import { botOutputTail, startBot, type BotProcess } from './support/botProcess';
import {
  ADAPTIVE_CARD,
  CARD_VERSION,
  MESSAGE_ANSWER,
  birthDateForAge,
  cardOf,
  choicesOf,
  click,
  commandInPersonalChat,
  commandInThread,
  createCaseInChannel,
  daysFromToday,
  executeActionsOf,
  factValue,
  factsOf,
  healthz,
  inputOf,
  nextMessage,
  postToBot,
  readStore,
  storeBytes,
  teamMembersOf,
  textsOf,
  titleOf,
  today,
  type ChannelCase,
  type StoreSnapshot,
  type YoungPersonInput,
  present,
} from './support/caseSteps';
import { BOT, CHANNEL, PERSONAL_CHAT_ID, TEAM, TENANT_ID, USERS, startPlayground, type CardActionResult, type PlaygroundClient } from './support/playground';

// ---- the fixture: personal data that must never leave the detail views ----

/** 16 years old today: under 18, so consent also needs the holder of parental responsibility. */
const YOUNG_PERSON: YoungPersonInput = { name: 'Freja Kjærgaard Lund', birthDate: birthDateForAge(16), phone: '+45 31 41 59 26', status: 'neither' };
const PARENTAL_HOLDER = 'Karen Kjærgaard';
const EXTERNAL = { name: 'Birthe Vang Mortensen', phone: '40 50 60 70', role: 'vip' } as const;
/** The case Mette creates in her 1:1 chat (a second case, for the case picker). */
const SECOND_YOUNG_PERSON: YoungPersonInput = { name: 'Oskar Thygesen Dahl', birthDate: birthDateForAge(22), status: 'education' };
const PERSONAL_DATA = [
  YOUNG_PERSON.name,
  YOUNG_PERSON.birthDate,
  YOUNG_PERSON.phone ?? '',
  PARENTAL_HOLDER,
  EXTERNAL.name,
  EXTERNAL.phone,
  SECOND_YOUNG_PERSON.name,
  SECOND_YOUNG_PERSON.birthDate,
];

/** A CPR number (a real date, 14 March 2008) and a case id that happens to contain one (181105-9406). */
const CPR = '140308-4123';
const CPR_LOOKING_CASE_ID = 'aaa7487f-db27-4080-ab0d-1811059406a8';
const OTHER_TENANT_ID = '0f0f0f0f-1111-4222-8333-444455556666';

const { mette, jonas, sara, lise } = USERS;
const roles = da.roles;

describe('the case issue, end to end through the Agents Playground', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;
  /** The bot's output before the restart (output() covers the current process only). */
  let outputBeforeRestart = '';

  // Built up by the scenario, in order.
  let theCase: ChannelCase | undefined;
  let consentPeriod: { givenOn: string; expiresOn: string } | undefined;
  let memberIds: string[] = [];

  const pg = (): PlaygroundClient => present(playground, 'The playground did not start');
  const theBot = (): BotProcess => present(bot, 'The bot did not start');
  const scenario = (): ChannelCase => present(theCase, 'The scenario did not create its case (see the first test)');
  /** Failures show the end of the bot's output. */
  const withBotOutput = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- bot output ---\n${botOutputTail(bot)}`;
      throw error;
    }
  };
  const expectMessageAnswer = (result: CardActionResult, text: string): void => {
    expect({ type: result.type, value: result.value }).toEqual({ type: MESSAGE_ANSWER, value: text });
  };
  const expectHealthy = async (): Promise<void> => {
    expect(await healthz(theBot().url)).toEqual({ status: 200, body: { status: 'alive' } });
  };

  beforeAll(async () => {
    bot = await startBot({ via: 'npm-start' });
    playground = await startPlayground({ botEndpoint: bot.endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.dispose();
  }, 60_000);

  describe('the scenario', () => {
    it('ny sag in Unge-teamet: the card, case.create, and a new thread whose post carries no personal data', () =>
      withBotOutput(async () => {
        theCase = await createCaseInChannel(pg(), YOUNG_PERSON);
        const { createCard, created, threadPost, threadId, askedIn, reference, caseId } = theCase;

        // `ny sag` got the create-case card, in the thread where it was written.
        expect(createCard.conversationId).toBe(askedIn);
        const form = createCard.cards[0];
        expect(titleOf(form)).toBe(da.cards.createCase.title);
        expect(executeActionsOf(form).map((action) => action.verb)).toEqual(['case.create']);
        for (const id of ['name', 'birthDate', 'phone', 'status']) expect(inputOf(form, id), id).toBeDefined();
        expect(choicesOf(form, 'status').map((choice) => choice.value)).toEqual(['education', 'work', 'neither']);

        // The answer to the coordinator who submitted it.
        expect(created.type).toBe(ADAPTIVE_CARD);
        expect(textsOf(created.card)).toEqual([da.cards.caseCreated(reference), da.cards.caseCreatedInThread]);

        // The bot started a new thread in the channel (not a reply in the `ny sag` thread) ...
        expect(threadPost.status).toBe(201);
        expect(threadId).not.toBe(askedIn);
        expect(threadId.startsWith(`${CHANNEL.id};messageid=`)).toBe(true);
        // ... that the web UI shows as a new post in the channel, from the bot, without personal data.
        const shownInUi = pg().uiEvents().find((event) => event.action === 'createMessage' && event.actionConversationId === CHANNEL.id && event.message?.messageId === threadPost.messageId);
        expect(shownInUi?.message).toMatchObject({ from: { id: BOT.id } });
        expect(JSON.stringify(shownInUi?.message)).toContain(reference);
        expect(JSON.stringify(shownInUi?.message)).not.toContain(YOUNG_PERSON.name);

        // Its post is the base card: the reference and a button, no personal data.
        const post = JSON.stringify(threadPost.raw);
        expect(post).toContain(reference);
        for (const personal of [YOUNG_PERSON.name, 'Freja', YOUNG_PERSON.birthDate, YOUNG_PERSON.phone ?? '', '31 41 59 26']) {
          expect(post, `the thread's post must not contain ${personal}`).not.toContain(personal);
        }
        const base = threadPost.cards[0];
        expect(textsOf(base)).toEqual([da.cards.threadBase.title(reference), da.cards.threadBase.body]);
        expect(executeActionsOf(base)).toEqual([{ title: da.cards.threadBase.showDetails, verb: 'case.show', data: { v: CARD_VERSION, caseId, view: 'overview' } }]);

        // The store has the case, its home is that thread, and Mette is its coordinator.
        const stored = readStore(theBot().dataDir);
        expect(stored.cases.map((row) => ({ tenant: row.tenant_id, id: row.id, home: row.home_conversation_id }))).toEqual([{ tenant: TENANT_ID, id: caseId, home: threadId }]);
        expect(stored.members).toEqual([{ tenant_id: TENANT_ID, case_id: caseId, aad_object_id: mette.aadObjectId }]);
      }));

    it('team in the thread: the base card, then the team card, and the coordinator adds Jonas, Sara (roster) and an external VIP', () =>
      withBotOutput(async () => {
        const { threadId, caseId, reference } = scenario();
        const reply = await commandInThread(pg(), mette, threadId, 'team');
        expect(reply.conversationId).toBe(threadId);
        expect(textsOf(reply.cards[0])).toEqual([da.cards.team.title(reference), da.cards.threadBase.body]);
        expect(JSON.stringify(reply.raw)).not.toContain(YOUNG_PERSON.name);
        expect(executeActionsOf(reply.cards[0])).toEqual([expect.objectContaining({ verb: 'case.show', data: { v: CARD_VERSION, caseId, view: 'team' } })]);

        const shown = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'team' }, reply.messageId));
        expect(titleOf(shown)).toBe(da.cards.team.title(reference));
        expect(teamMembersOf(shown)).toEqual([
          { name: mette.name, role: roles.coordinator },
          { name: YOUNG_PERSON.name, role: roles.youngPerson },
        ]);
        // The people Mette can add come from the conversation's roster: everybody else in the team.
        const roster = choicesOf(shown, 'teamsUser');
        expect(roster).toEqual(expect.arrayContaining([{ title: jonas.name, value: jonas.aadObjectId }, { title: sara.name, value: sara.aadObjectId }]));
        expect(roster.map((person) => person.value)).not.toContain(mette.aadObjectId);

        const jonasId = roster.find((person) => person.title === jonas.name)?.value ?? '';
        const withJonas = cardOf(await click(pg(), mette, threadId, 'team.addTeamsUser', { caseId, teamsUser: jonasId, teamsRole: 'youthGuidance' }, reply.messageId));
        expect(textsOf(withJonas)).toContain(da.cards.done.memberAdded);
        expect(teamMembersOf(withJonas)).toEqual([
          { name: mette.name, role: roles.coordinator },
          { name: YOUNG_PERSON.name, role: roles.youngPerson },
          { name: jonas.name, role: roles.youthGuidance },
        ]);
        expect(choicesOf(withJonas, 'teamsUser').map((person) => person.value)).not.toContain(jonas.aadObjectId);

        const saraId = choicesOf(withJonas, 'teamsUser').find((person) => person.title === sara.name)?.value ?? '';
        const withSara = cardOf(await click(pg(), mette, threadId, 'team.addTeamsUser', { caseId, teamsUser: saraId, teamsRole: 'jobcentre' }, reply.messageId));
        expect(textsOf(withSara)).toContain(da.cards.done.memberAdded);
        expect(teamMembersOf(withSara).at(-1)).toEqual({ name: sara.name, role: roles.jobcentre });

        const withExternal = cardOf(
          await click(pg(), mette, threadId, 'team.addExternal', { caseId, externalName: EXTERNAL.name, externalPhone: EXTERNAL.phone, externalRole: EXTERNAL.role }, reply.messageId),
        );
        expect(textsOf(withExternal)).toContain(da.cards.done.memberAdded);
        expect(teamMembersOf(withExternal)).toEqual([
          { name: mette.name, role: roles.coordinator },
          { name: YOUNG_PERSON.name, role: roles.youngPerson },
          { name: jonas.name, role: roles.youthGuidance },
          { name: sara.name, role: roles.jobcentre },
          { name: `${EXTERNAL.name} (${da.cards.team.external})`, role: roles.vip },
        ]);

        // Membership as the store indexes it: the Teams users, by their Entra object ids.
        expect(readStore(theBot().dataDir).members.map((row) => row.aad_object_id).sort()).toEqual([mette.aadObjectId, jonas.aadObjectId, sara.aadObjectId].sort());
      }));

    it('samtykke in the thread: the consent card lists every member; consent.record for all of them shows the consent', () =>
      withBotOutput(async () => {
        const { threadId, caseId, reference } = scenario();
        const reply = await commandInThread(pg(), mette, threadId, 'samtykke');
        expect(textsOf(reply.cards[0])).toEqual([da.cards.consent.title(reference), da.cards.threadBase.body]);

        const shown = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'consent' }, reply.messageId));
        expect(titleOf(shown)).toBe(da.cards.consent.title(reference));
        expect(textsOf(shown)).toContain(da.cards.consent.none);
        const parties = choicesOf(shown, 'partyMemberIds');
        expect(parties.map((party) => party.title)).toEqual([
          `${mette.name}: ${roles.coordinator}`,
          `${YOUNG_PERSON.name}: ${roles.youngPerson}`,
          `${jonas.name}: ${roles.youthGuidance}`,
          `${sara.name}: ${roles.jobcentre}`,
          `${EXTERNAL.name} (${da.cards.team.external}): ${roles.vip}`,
        ]);
        memberIds = parties.map((party) => party.value);
        expect(new Set(memberIds).size).toBe(5);
        expect(inputOf(shown, 'givenOn')?.value).toBe(today());

        const givenOn = daysFromToday(-3);
        const expiresOn = daysFromToday(365);
        const recorded = cardOf(
          await click(
            pg(),
            mette,
            threadId,
            'consent.record',
            { caseId, givenByYoungPerson: 'true', parentalHolderName: PARENTAL_HOLDER, givenOn, expiresOn, partyMemberIds: memberIds.join(',') },
            reply.messageId,
          ),
        );
        consentPeriod = { givenOn, expiresOn };
        expect(textsOf(recorded)).toContain(da.cards.done.consentRecorded);
        const partyNames = [mette.name, YOUNG_PERSON.name, jonas.name, sara.name, `${EXTERNAL.name} (${da.cards.team.external})`].join(', ');
        expect(textsOf(recorded)).toContain(
          `${da.cards.consent.period(da.dates.long(givenOn), da.dates.long(expiresOn))}. ${da.cards.consent.parentalHolders}: ${PARENTAL_HOLDER}. ${da.cards.consent.parties}: ${partyNames}`,
        );
        expect(executeActionsOf(recorded).map((action) => action.verb)).toEqual(['consent.record', 'consent.withdraw']);
      }));

    it('Jonas, on the team with consent, clicks Vis detaljer and sees the young person', () =>
      withBotOutput(async () => {
        const { threadId, caseId, reference } = scenario();
        const overview = cardOf(await click(pg(), jonas, threadId, 'case.show', { caseId, view: 'overview' }));
        expect(titleOf(overview)).toBe(da.cards.overview.title(reference));
        expect(factValue(overview, da.cards.overview.youngPerson)).toBe(YOUNG_PERSON.name);
        expect(factValue(overview, da.cards.overview.birthDate)).toBe(da.cards.overview.birthDateWithAge(da.dates.short(YOUNG_PERSON.birthDate), 16));
        expect(factValue(overview, da.cards.overview.coordinator)).toBe(mette.name);
        expect(factValue(overview, da.cards.overview.consent)).toBe(da.cards.overview.consentValid(da.dates.short(consentPeriod?.expiresOn ?? '')));
        // Not the coordinator: no consent button.
        // Team, and "Planen skrider" for any reader; consent is the coordinator's.
        expect(executeActionsOf(overview).map((action) => action.verb)).toEqual(['case.show', 'plan.slipping']);
        expect(executeActionsOf(overview).map((action) => action.data.view)).toEqual(['team', undefined]);
      }));

    it('Lise, in the team but not on the case, is refused in Danish: no details, no changes', () =>
      withBotOutput(async () => {
        const { threadId, caseId } = scenario();
        const before = readStore(theBot().dataDir);
        expectMessageAnswer(await click(pg(), lise, threadId, 'case.show', { caseId, view: 'overview' }), da.errors.notTeamMember({}));
        expectMessageAnswer(
          await click(pg(), lise, threadId, 'team.addExternal', { caseId, externalName: 'Lises Ven', externalRole: 'contactPerson' }),
          da.errors.notTeamMember({}),
        );
        const after = readStore(theBot().dataDir);
        expect(after.cases).toEqual(before.cases);
        // Both refusals are audited, with no personal data.
        expect(after.audit.slice(before.audit.length).map(({ actor, action, outcome }) => ({ actor, action, outcome }))).toEqual([
          { actor: lise.aadObjectId, action: 'overview.read', outcome: 'denied' },
          { actor: lise.aadObjectId, action: 'team.addExternal', outcome: 'denied' },
        ]);
      }));

    it('Jonas may see the case but not change the team: only the coordinator can', () =>
      withBotOutput(async () => {
        const { threadId, caseId } = scenario();
        const before = readStore(theBot().dataDir);
        expectMessageAnswer(
          await click(pg(), jonas, threadId, 'team.addExternal', { caseId, externalName: 'Jonas’ Kollega', externalRole: 'contactPerson' }),
          da.errors.notCoordinator({}),
        );
        expect(readStore(theBot().dataDir).cases).toEqual(before.cases);
      }));

    // Teams refreshes a card for the users in `refresh.userIds`, matched against their Teams user ids
    // (MRIs, `29:…`, the `from.id` of their activities), not their Entra object ids. The harness's
    // refreshCard sends the automatic refresh invoke only for users in that list, as Teams does.
    it('Teams refreshes the thread card to the overview for Jonas by itself (refresh.userIds are Teams user ids)', () =>
      withBotOutput(async () => {
        const { threadId, reference } = scenario();
        const reply = await commandInThread(pg(), mette, threadId, 'sag');
        const refresh = reply.cards[0]?.refresh as { userIds?: string[] } | undefined;
        expect(refresh?.userIds).toEqual(expect.arrayContaining([mette.id, jonas.id, sara.id]));
        const refreshed = await pg().refreshCard(jonas, threadId, reply.messageId);
        expect(refreshed && titleOf(cardOf(refreshed))).toBe(da.cards.overview.title(reference));
      }));

    it('1:1 chat: sag shows Mette her only case; with a second case, sag shows the picker and case.select the overview', () =>
      withBotOutput(async () => {
        const { caseId, reference } = scenario();
        const only = await commandInPersonalChat(pg(), mette, 'sag');
        expect(only.conversationId).toBe(PERSONAL_CHAT_ID);
        expect(titleOf(only.cards[0])).toBe(da.cards.overview.title(reference));
        expect(factValue(only.cards[0], da.cards.overview.youngPerson)).toBe(YOUNG_PERSON.name);

        // A second case, made in the 1:1 chat: it has no thread.
        const form = await commandInPersonalChat(pg(), mette, 'ny sag');
        expect(titleOf(form.cards[0])).toBe(da.cards.createCase.title);
        const mark = pg().botActivities().at(-1)?.seq ?? 0;
        const created = cardOf(await click(pg(), mette, PERSONAL_CHAT_ID, 'case.create', { ...SECOND_YOUNG_PERSON }, form.messageId));
        const secondReference = /S-[A-Z0-9]{5}/.exec(textsOf(created)[0] ?? '')?.[0] ?? '';
        expect(textsOf(created)).toEqual([da.cards.caseCreated(secondReference), da.cards.caseCreatedHere(inPersonalChat)]);
        await pg().expectNoBotActivity((a) => a.newThread, 500, mark);

        const picker = await commandInPersonalChat(pg(), mette, 'sag');
        expect(titleOf(picker.cards[0])).toBe(da.cards.picker.title);
        const choices = executeActionsOf(picker.cards[0]);
        expect(choices.map((choice) => choice.verb)).toEqual(['case.select', 'case.select']);
        expect(textsOf(picker.cards[0]).slice(1).sort()).toEqual([reference, secondReference].sort());
        expect(choices.map((choice) => choice.data.caseId)).toContain(caseId);

        const selected = cardOf(await click(pg(), mette, PERSONAL_CHAT_ID, 'case.select', { caseId }, picker.messageId));
        expect(titleOf(selected)).toBe(da.cards.overview.title(reference));
        expect(factValue(selected, da.cards.overview.youngPerson)).toBe(YOUNG_PERSON.name);

        // Later commands in the 1:1 chat apply to the case picked.
        const team = await commandInPersonalChat(pg(), mette, 'team');
        expect(titleOf(team.cards[0])).toBe(da.cards.team.title(reference));
      }));

    it('after a restart of the bot (same data), the case is still there: sag in the thread, and the overview with the team and the consent', () =>
      withBotOutput(async () => {
        const { threadId, caseId, reference } = scenario();
        const pidBefore = theBot().pid();
        outputBeforeRestart = theBot().output();
        await theBot().restart();
        expect(theBot().pid()).not.toBe(pidBefore);

        const reply = await commandInThread(pg(), mette, threadId, 'sag');
        expect(textsOf(reply.cards[0])).toEqual([da.cards.threadBase.title(reference), da.cards.threadBase.body]);

        const overview = cardOf(await click(pg(), mette, threadId, 'case.show', { caseId, view: 'overview' }, reply.messageId));
        expect(titleOf(overview)).toBe(da.cards.overview.title(reference));
        expect(factValue(overview, da.cards.overview.youngPerson)).toBe(YOUNG_PERSON.name);
        expect(factValue(overview, da.cards.overview.consent)).toBe(da.cards.overview.consentValid(da.dates.short(consentPeriod?.expiresOn ?? '')));
        // The team: the last facts titled by a role (the case's facts name the young person and the coordinator first; the rhythm and the trend follow the team).
        const roleTitles: string[] = Object.values(roles);
        expect(factsOf(overview).filter((fact) => roleTitles.includes(fact.title)).slice(-5)).toEqual([
          { title: roles.coordinator, value: mette.name },
          { title: roles.youngPerson, value: YOUNG_PERSON.name },
          { title: roles.youthGuidance, value: jonas.name },
          { title: roles.jobcentre, value: sara.name },
          { title: roles.vip, value: `${EXTERNAL.name} (${da.cards.team.external})` },
        ]);
        // Coordinator: both buttons.
        expect(executeActionsOf(overview).map((action) => action.data.view)).toEqual(['team', 'consent', undefined]);
      }),
      // `npm start` rebuilds before the bot answers again: on a shared, loaded machine that alone can pass 20 s.
      90_000);
  });

  describe('bad input: a clear answer or a 4xx, nothing written, the process keeps running', () => {
    /** Runs `act` and proves that it wrote nothing and that the bot still answers /healthz. */
    const writesNothing = async (act: () => Promise<void>): Promise<void> => {
      const before: StoreSnapshot = readStore(theBot().dataDir);
      await act();
      expect(readStore(theBot().dataDir)).toEqual(before);
      await expectHealthy();
    };

    it('a malformed activity gets 400 with JSON saying why', () =>
      writesNothing(async () => {
        const noActivity = await postToBot(theBot().endpoint, JSON.stringify({ text: 'hi' }));
        expect(noActivity.status).toBe(400);
        expect(noActivity.body).toMatchObject({ error: 'invalidActivity', message: 'The request is not a valid Bot Framework activity.' });
        const problems = (noActivity.body as { problems: string[] }).problems.join('\n');
        for (const field of ['type', 'channelId', 'serviceUrl', 'from', 'conversation']) expect(problems).toContain(field);

        const brokenJson = await postToBot(theBot().endpoint, '{"type": "message", "text": ');
        expect(brokenJson.status).toBe(400);
        expect(brokenJson.body).toMatchObject({ code: 'InvalidContent', message: expect.stringMatching(/JSON/i) });
      }));

    it('an activity with no type gets 400 (not the adapter’s 500)', () =>
      writesNothing(async () => {
        const { threadId } = scenario();
        const untyped = {
          channelId: 'msteams',
          serviceUrl: pg().serviceUrl,
          from: { id: mette.id, name: mette.name, aadObjectId: mette.aadObjectId },
          recipient: { id: BOT.id, name: BOT.name },
          conversation: { id: threadId, conversationType: 'channel', tenantId: TENANT_ID },
          channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM.id }, channel: { id: CHANNEL.id } },
          text: 'sag',
        };
        const answer = await postToBot(theBot().endpoint, JSON.stringify(untyped));
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ error: 'invalidActivity', problems: [expect.stringMatching(/^type: /)] });
      }));

    it('an unknown card verb (case.delete) is answered in Danish and does nothing', () =>
      writesNothing(async () => {
        const { threadId, caseId } = scenario();
        expectMessageAnswer(await click(pg(), mette, threadId, 'case.delete', { caseId }), da.unknownAction(inSharedConversation));
      }));

    it('a card action with malformed data (case.show without caseId) gets a clear Danish answer', () =>
      writesNothing(async () => {
        const { threadId } = scenario();
        expectMessageAnswer(await click(pg(), mette, threadId, 'case.show', { view: 'overview' }), da.badCardData(inSharedConversation));
      }));

    it('a 20 000-character message is refused as too long', () =>
      writesNothing(async () => {
        const { threadId } = scenario();
        const reply = await commandInThread(pg(), mette, threadId, `sag ${'x'.repeat(20_000)}`);
        expect(reply.text).toBe(da.textTooLong(MAX_COMMAND_LENGTH));
        expect(reply.cards).toEqual([]);
      }));

    it('a CPR number in the young person’s name (case.create) is refused, names the field, and is stored nowhere', () =>
      writesNothing(async () => {
        const asked = await pg().sendChannelMessage(mette, 'ny sag');
        const form = await nextMessage(pg(), asked.conversationId);
        const mark = pg().botActivities().at(-1)?.seq ?? 0;
        const answer = await click(pg(), mette, asked.conversationId, 'case.create', { ...YOUNG_PERSON, name: `Emil ${CPR} Hansen` }, form.messageId);
        expectMessageAnswer(answer, da.errors.cprNotAllowed({ field: 'name' }));
        expect(answer.value).toContain('Feltet navn ');
        // No thread was started for it.
        await pg().expectNoBotActivity((a) => a.newThread, 500, mark);
        const bytes = storeBytes(theBot().dataDir);
        expect(bytes).toContain(scenario().caseId); // the search does read the store
        expect(bytes).not.toContain(CPR.slice(0, 6));
        expect(bytes).not.toContain(CPR.replace('-', ''));
      }));

    it('a CPR number in an external member’s name (team.addExternal) is refused and stored nowhere', () =>
      writesNothing(async () => {
        const { threadId, caseId } = scenario();
        const answer = await click(pg(), mette, threadId, 'team.addExternal', { caseId, externalName: `Emil ${CPR} Hansen`, externalRole: 'contactPerson' });
        expectMessageAnswer(answer, da.errors.cprNotAllowed({ field: 'name' }));
        const bytes = storeBytes(theBot().dataDir);
        expect(bytes).toContain(EXTERNAL.name); // the search does read the store: the first external member is there
        expect(bytes).not.toContain(CPR.slice(0, 6));
        expect(bytes).not.toContain(CPR.replace('-', ''));
      }));

    it('a case id that happens to look like a CPR number is answered "the case does not exist", not with the CPR message', () =>
      writesNothing(async () => {
        const { threadId } = scenario();
        expectMessageAnswer(await click(pg(), mette, threadId, 'case.show', { caseId: CPR_LOOKING_CASE_ID, view: 'overview' }), da.errors.caseNotFound({}));
      }));

    it('another tenant (a user with Mette’s object id) clicking case.show on Mette’s case is told it does not exist', () =>
      writesNothing(async () => {
        const { threadId, caseId, reference } = scenario();
        const intruder = { id: '29:1mette-madsen-other-tenant', name: mette.name, aadObjectId: mette.aadObjectId };
        const tenantParts = {
          conversation: { id: threadId, conversationType: 'channel', isGroup: true, tenantId: OTHER_TENANT_ID },
          channelData: { tenant: { id: OTHER_TENANT_ID }, team: { id: TEAM.id }, channel: { id: CHANNEL.id }, teamsTeamId: TEAM.id, teamsChannelId: CHANNEL.id, source: { name: 'message' } },
        };
        const invoke = await pg().sendCustomActivity(threadId, intruder, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: scenario().threadPost.messageId,
          value: { action: { type: 'Action.Execute', verb: 'case.show', data: { v: CARD_VERSION, caseId, view: 'overview' } } },
          ...tenantParts,
        });
        const delivered = await invoke.turn();
        expect(delivered.activity).toMatchObject({ from: { aadObjectId: mette.aadObjectId }, conversation: { tenantId: OTHER_TENANT_ID } });
        expect(delivered.status).toBe(200);
        const answer = delivered.response as { type?: string; value?: unknown };
        expect({ type: answer.type, value: answer.value }).toEqual({ type: MESSAGE_ANSWER, value: da.errors.caseNotFound({}) });

        // And `sag` in the case's thread from that tenant finds no case there.
        const message = await pg().sendCustomActivity(threadId, intruder, {
          type: 'message',
          text: `<at>${BOT.name}</at> sag`,
          entities: [{ type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>` }],
          ...tenantParts,
        });
        const reply = await nextMessage(pg(), threadId);
        await message.turn();
        expect(reply.text).toBe(da.noCaseHere(inSharedConversation));
        for (const revealed of [JSON.stringify(answer), JSON.stringify(reply.raw)]) {
          expect(revealed).not.toContain(reference);
          expect(revealed).not.toContain(YOUNG_PERSON.name);
        }
      }));

    it('at the end the bot still answers /healthz, and its output carries none of the personal data', async () => {
      await expectHealthy();
      const output = `${outputBeforeRestart}\n${theBot().output()}`;
      expect(output).toContain('"event":"card.action"');
      for (const personal of [...PERSONAL_DATA, CPR.slice(0, 6)]) expect(output, `the bot's output must not contain ${personal}`).not.toContain(personal);
    });
  });
});
