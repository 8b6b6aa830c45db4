import type { Store } from '../contract.js';
import { whenNotBusy } from './busy-retry.js';
import { openDatabase } from './database.js';
import { SqliteDeliveryLedger } from './deliveries.js';
import { SqliteRateBudget } from './rate-budget.js';
import { SqliteSlackFileStore } from './slack-files.js';
import { SqliteSlackInstallationStore } from './slack-installations.js';
import { SqliteSubscriptionStore } from './subscriptions.js';

/** The embedded engine: one SQLite file, shared by the processes on this host. */
export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  readonly db;
  readonly subscriptions;
  readonly ledger;
  readonly rateBudget;
  readonly slackInstallations;
  readonly slackFiles;

  constructor(path: string, owner: string) {
    this.db = openDatabase(path);
    this.subscriptions = new SqliteSubscriptionStore(this.db);
    this.ledger = new SqliteDeliveryLedger(this.db, owner);
    this.rateBudget = new SqliteRateBudget(this.db);
    this.slackInstallations = new SqliteSlackInstallationStore(this.db);
    this.slackFiles = new SqliteSlackFileStore(this.db);
  }

  ping(): Promise<void> {
    return whenNotBusy(() => {
      this.db.prepare('SELECT 1').get();
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
