// Proves the end-to-end harness: the bot started as `npm start` starts it, the real Microsoft 365 Agents
// Playground in front of it, a message typed in the channel, the bot's answer back in the same thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, botOutputTail, type BotProcess } from './support/botProcess';
import { BOT, CHANNEL, GROUP_CHAT, PERSONAL_CHAT_ID, TEAM, TENANT_ID, USERS, startPlayground, type PlaygroundClient } from './support/playground';

describe('Agents Playground against the bot (smoke)', () => {
  let bot: BotProcess | undefined;
  let playground: PlaygroundClient | undefined;

  const pg = (): PlaygroundClient => {
    if (!playground) throw new Error('The playground did not start');
    return playground;
  };

  beforeAll(async () => {
    bot = await startBot({ via: 'npm-start' });
    playground = await startPlayground({ botEndpoint: bot.endpoint });
  }, 180_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.dispose();
  }, 60_000);

  it('runs the tenant of .m365agentsplayground.yml, on loopback', async () => {
    expect(pg().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { config } = (await pg().config()) as { config: Record<string, unknown> };
    expect(config).toMatchObject({
      tenantId: TENANT_ID,
      bot: { id: BOT.id, name: BOT.name },
      currentUser: { id: USERS.mette.id, name: USERS.mette.name, aadObjectId: USERS.mette.aadObjectId },
      personalChat: { id: PERSONAL_CHAT_ID },
      groupChats: [{ id: GROUP_CHAT.id, name: GROUP_CHAT.name }],
    });
    const users = config.users as { id: string; name: string; aadObjectId: string }[];
    for (const key of ['jonas', 'sara', 'ali', 'lise', 'peter'] as const) {
      expect(users).toContainEqual(expect.objectContaining({ id: USERS[key].id, name: USERS[key].name, aadObjectId: USERS[key].aadObjectId }));
    }
    const [team] = config.teams as { id: string; channels: { id: string; name: string }[] }[];
    expect(team?.id).toBe(TEAM.id);
    expect(team?.channels).toContainEqual(expect.objectContaining({ id: CHANNEL.id, name: CHANNEL.name }));
  });

  it('answers "hjælp" from the coordinator in the channel, in her thread', async () => {
    const sent = await pg().sendChannelMessage(USERS.mette.id, 'hjælp');
    expect(sent.conversationId).toMatch(new RegExp(`^${CHANNEL.id.replace(/[.]/g, '\\.')};messageid=\\d+$`));

    const reply = await pg()
      .nextBotActivity((a) => a.kind === 'message' && a.conversationId === sent.conversationId, 20_000)
      .catch((error: Error) => {
        throw new Error(`${error.message}\n--- bot output ---\n${botOutputTail(bot)}`);
      });
    expect(reply.status).toBe(201);
    expect(`${reply.text ?? ''}${JSON.stringify(reply.cards)}`.trim().length).toBeGreaterThan(0);

    // What the bot received: the coordinator, her Entra object id, the tenant, team and channel.
    const turn = await sent.turn();
    expect(turn.status).toBe(200);
    expect(turn.activity).toMatchObject({
      type: 'message',
      from: { id: USERS.mette.id, aadObjectId: USERS.mette.aadObjectId },
      conversation: { id: sent.conversationId, conversationType: 'channel', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM.id }, channel: { id: CHANNEL.id } },
    });
  });

  it('answers "hjælp" from another team member in a thread of their own', async () => {
    const sent = await pg().sendChannelMessage(USERS.jonas.id, 'hjælp');
    const reply = await pg().nextBotActivity((a) => a.kind === 'message' && a.conversationId === sent.conversationId, 20_000);
    expect(reply.status).toBe(201);
    const turn = await sent.turn();
    expect(turn.activity).toMatchObject({ from: { id: USERS.jonas.id, name: USERS.jonas.name, aadObjectId: USERS.jonas.aadObjectId } });
  });
});
