import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger.js';
import type { Store } from './contract.js';

export interface StoreSettings {
  DATABASE_PATH: string;
  DATABASE_URL?: string | undefined;
}

/** Unique per process, so replicas on one database can tell their claims apart in the logs. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Opens the configured engine: PostgreSQL when DATABASE_URL is set (several replicas), else the
 * SQLite file at DATABASE_PATH. Each engine is imported only when chosen, so a SQLite bot never
 * loads `pg` and a PostgreSQL one never opens a file.
 */
export async function openStore(
  settings: StoreSettings,
  logger?: Logger,
  owner: string = processOwner(),
): Promise<Store> {
  if (settings.DATABASE_URL) {
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.open(settings.DATABASE_URL, owner, logger);
  }
  const { SqliteStore } = await import('./sqlite/store.js');
  return new SqliteStore(settings.DATABASE_PATH, owner);
}
