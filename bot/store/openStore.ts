// Chooses the adapter: Cosmos DB when an endpoint is configured, else the embedded SQLite file.
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../config';
import { CosmosCaseStore } from './cosmosStore';
import type { CaseStore } from './port';
import { SqliteCaseStore } from './sqliteStore';

export async function openStore(store: Config['store']): Promise<CaseStore> {
  if (store.kind === 'sqlite') return new SqliteCaseStore(store.file);
  const { endpoint, databaseId, key } = store;
  // Without a key: Microsoft Entra ID (managed identity in Azure, developer login locally).
  return key
    ? CosmosCaseStore.open({ endpoint, databaseId, key })
    : CosmosCaseStore.open({ endpoint, databaseId, credential: new DefaultAzureCredential() });
}
