// Turns share their connector and user token clients; proactive sends keep clients of their own.
import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ReusedClientsAuthentication } from '../../bot/teams/reusedClients';

const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'msteams', serviceUrl, from: { id: '29:a' }, conversation: { id: 'c' }, recipient: { id: '28:bot' } }) as Activity;

async function turnClients(auth: ReusedClientsAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return {
    connector: await result.connectorFactory!.create(serviceUrl, result.audience),
    userToken: await auth.createUserTokenClient(result.claimsIdentity),
    claimsIdentity: result.claimsIdentity,
  };
}

describe('clients reused across turns', () => {
  const auth = new ReusedClientsAuthentication({});

  it('gives every turn to one service URL the same connector and user token client', async () => {
    const first = await turnClients(auth, 'https://smba.trafficmanager.net/emea/');
    const second = await turnClients(auth, 'https://smba.trafficmanager.net/emea/');
    expect(second.connector).toBe(first.connector);
    expect(second.userToken).toBe(first.userToken);
  });

  it('keeps a client per service URL', async () => {
    const emea = await turnClients(auth, 'https://smba.trafficmanager.net/emea/');
    const amer = await turnClients(auth, 'https://smba.trafficmanager.net/amer/');
    expect(amer.connector).not.toBe(emea.connector);
  });

  it('gives a proactive send a client of its own, whose pipeline the outbox sender may change', async () => {
    const turn = await turnClients(auth, 'https://smba.trafficmanager.net/emea/');
    const proactive = await auth.createConnectorFactory(turn.claimsIdentity).create('https://smba.trafficmanager.net/emea/');
    expect(proactive).not.toBe(turn.connector);
  });
});
