/**
 * Every table of both engines' schemas, and what copy-store does with it. One list, so a table
 * added to a migration cannot be left behind silently: test/store/copy/tables.test.ts fails
 * until the new table is listed here as copied or as deliberately left.
 *
 * The copy is row for row (the schemas are column for column alike, see rows.ts), not through
 * the store contract: the contract has no "list everything" for most stores, and going through
 * it would unseal nothing but could still reorder, renumber or re-time rows.
 */
export interface CopiedTable {
  readonly name: string;
  readonly copy: true;
  /** Its INTEGER/identity primary key, kept as is (and the target's sequence moved past it). */
  readonly identity: boolean;
  /**
   * The columns that identify a row across databases, for --merge: a row whose key the target
   * already has is left as the target has it. Empty: no natural key (install history), the
   * row is always added.
   */
  readonly mergeKey: readonly string[];
  /** A column naming a row of an earlier table by its id: renumbered with that table on merge. */
  readonly references?: { readonly column: string; readonly table: string };
}

export interface LeftTable {
  readonly name: string;
  readonly copy: false;
  /** Which engine has it. */
  readonly engines: readonly ('sqlite' | 'postgres')[];
  /** Why it is not copied, for the report and for whoever reads this list. */
  readonly why: string;
}

export type TableCopyPlan = CopiedTable | LeftTable;

/** In copy order: a referenced table before the tables that reference it. */
export const TABLES: readonly TableCopyPlan[] = [
  {
    name: 'subscriptions',
    copy: true,
    identity: true,
    mergeKey: ['platform', 'channel_id'],
  },
  {
    // The digest ledger in every state: a slot sent (or recorded missed) on SQLite stays so.
    name: 'deliveries',
    copy: true,
    identity: true,
    mergeKey: ['subscription_id', 'slot'],
    references: { column: 'subscription_id', table: 'subscriptions' },
  },
  // Tokens stay sealed: the bytes are copied, so the same SLACK_TOKEN_ENCRYPTION_KEY opens them.
  { name: 'slack_installations', copy: true, identity: true, mergeKey: [] },
  { name: 'slack_bots', copy: true, identity: true, mergeKey: [] },
  { name: 'slack_enterprise_teams', copy: true, identity: false, mergeKey: ['team_id'] },
  // An install begun just before the move can still finish on the new database.
  { name: 'slack_oauth_states', copy: true, identity: false, mergeKey: ['state'] },
  { name: 'slack_files', copy: true, identity: false, mergeKey: ['team_id', 'content_hash'] },
  {
    name: 'rate_budgets',
    copy: false,
    engines: ['sqlite', 'postgres'],
    why: 'a request pace on one clock: the new database starts its own',
  },
  {
    name: 'locks',
    copy: false,
    engines: ['sqlite'],
    why: "leases of the stopped bot's token refreshes (PostgreSQL uses advisory locks)",
  },
  {
    name: 'schema_migrations',
    copy: false,
    engines: ['postgres'],
    why: "the target's own migration record (SQLite keeps it in user_version)",
  },
];

export const COPIED_TABLES = TABLES.filter((table): table is CopiedTable => table.copy);

/**
 * Columns the target has and SQLite has not, filled by the target's default: owner_key is the
 * PostgreSQL owner's liveness lock. A copied claim has none, so it waits for its lease as it
 * would on SQLite (its owner, the stopped bot, is gone).
 */
export const TARGET_ONLY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  deliveries: ['owner_key'],
};
