// An in-process Cosmos DB test server (@vercel/cosmosdb-server) on a free port of 127.0.0.1. It keeps
// its data in memory, so a stopped server is gone; use a fresh database name where tests must not meet.
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';

export interface CosmosTestServer {
  endpoint: string;
  /** The server's certificate is self-signed: trust it for this endpoint only, never process-wide. */
  agent: Agent;
  /** The test server accepts any key; the client only needs one to sign requests. */
  key: string;
  stop(): Promise<void>;
}

export async function startCosmosServer(): Promise<CosmosTestServer> {
  const server = createHttpsServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ rejectUnauthorized: false });
  return {
    endpoint: `https://127.0.0.1:${port}`,
    agent,
    key: Buffer.from('cosmos-test-server').toString('base64'),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        agent.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
