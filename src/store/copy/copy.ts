import type pg from 'pg';
import { inTransaction } from '../postgres/connect.js';
import { migrateIn } from '../postgres/migrations.js';
import { CopyFailure } from './failure.js';
import type { SqliteSource, SqliteValue } from './source.js';
import { COPIED_TABLES, type CopiedTable, TABLES, TARGET_ONLY_COLUMNS } from './tables.js';

export interface CopyOptions {
  /** Do everything in the transaction, then roll it back: nothing is written. */
  dryRun: boolean;
  /** Add to a target that already holds data instead of refusing (see tables.ts mergeKey). */
  merge: boolean;
}

export interface TableCount {
  table: string;
  /** Rows in the SQLite file. */
  rows: number;
  /** Rows written (or that would be, in a dry run). */
  copied: number;
  /** With --merge: rows whose key the target already had, left as the target has them. */
  kept: number;
}

export interface CopyReport {
  tables: TableCount[];
  /** Schema steps applied to the target (0 when it was up to date). */
  migrated: number;
  dryRun: boolean;
}

/** PostgreSQL allows 65,535 parameters in one statement; a batch stays well under it. */
const PARAMETERS_PER_BATCH = 30_000;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Thrown to roll the dry run's transaction back once its report is made. */
class DryRunDone extends Error {
  constructor(readonly report: CopyReport) {
    super('dry run');
  }
}

/**
 * Copies every table of TABLES marked `copy` from the SQLite file into PostgreSQL in one
 * transaction, which also migrates the target (under the migration's advisory lock, so replicas
 * started meanwhile wait for the copy to finish): all of it is committed, or none.
 * Ids are kept and the identity sequences moved past them, so the bot goes on numbering where
 * SQLite stopped; with `merge`, rows are added with new ids instead (see mergeRows).
 */
export async function copyStore(
  source: SqliteSource,
  pool: pg.Pool,
  options: CopyOptions,
): Promise<CopyReport> {
  try {
    return await inTransaction(pool, async (client) => {
      const migrated = await migrateIn(client);
      const { columns, types } = await columnsToCopy(client, source);
      await refuseIfHoldsData(client, options.merge);
      const renumbered = new Map<string, Map<number, number>>();
      const tables: TableCount[] = [];
      for (const table of COPIED_TABLES) {
        const count = options.merge
          ? await mergeRows(client, source, table, columns.get(table.name) ?? [], {
              renumbered,
              types,
            })
          : await copyRows(client, source, table, columns.get(table.name) ?? []);
        tables.push({ table: table.name, ...count });
      }
      const report = { tables, migrated, dryRun: options.dryRun };
      // setval is not transactional: a dry run must not move a sequence of an existing table.
      if (options.dryRun) throw new DryRunDone(report);
      if (!options.merge) await moveSequences(client);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    throw error;
  }
}

/**
 * Each copied table's SQLite columns, all of which the target must have: a column the target
 * lacks would be data lost, so it stops the copy rather than dropping it.
 */
async function columnsToCopy(
  client: pg.ClientBase,
  source: SqliteSource,
): Promise<{ columns: Map<string, string[]>; types: Map<string, string> }> {
  const { rows } = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
  }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema()`,
  );
  const types = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
  const result = new Map<string, string[]>();
  for (const table of COPIED_TABLES) {
    const target = new Set(
      rows.filter((r) => r.table_name === table.name).map((r) => r.column_name),
    );
    const columns = source.columns(table.name);
    const missing = columns.filter((column) => !target.has(column));
    if (missing.length > 0)
      throw new CopyFailure(
        `the PostgreSQL table ${table.name} has no column ${missing.join(', ')} that the SQLite file has; nothing was copied`,
      );
    const unfilled = [...target].filter(
      (column) =>
        !columns.includes(column) && !(TARGET_ONLY_COLUMNS[table.name] ?? []).includes(column),
    );
    if (unfilled.length > 0)
      throw new CopyFailure(
        `the SQLite table ${table.name} has no column ${unfilled.join(', ')} that PostgreSQL has; nothing was copied`,
      );
    result.set(table.name, columns);
  }
  return { columns: result, types };
}

async function refuseIfHoldsData(client: pg.ClientBase, merge: boolean): Promise<void> {
  if (merge) return;
  const held: string[] = [];
  for (const table of COPIED_TABLES) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${quoted(table.name)}`,
    );
    const n = rows[0]?.n ?? 0;
    if (n > 0) held.push(`${table.name}: ${n}`);
  }
  if (held.length > 0)
    throw new CopyFailure(
      `the PostgreSQL database already holds sakura-bot data (${held.join(', ')}); nothing was copied. Copy into an empty database, or add --merge to keep what is there and add the rest`,
    );
}

/** Batches of a table's rows, each as arrays in `columns` order. */
function* batches(
  source: SqliteSource,
  table: string,
  columns: readonly string[],
): Generator<SqliteValue[][]> {
  const size = Math.max(1, Math.floor(PARAMETERS_PER_BATCH / columns.length));
  let batch: SqliteValue[][] = [];
  for (const row of source.rows(table, columns)) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** `($1, $2), ($3, $4)`, each parameter written by `cast` (its number, its column). */
function valuesList(
  columns: readonly string[],
  rows: number,
  cast: (parameter: string, column: string) => string = (parameter) => parameter,
): string {
  return Array.from(
    { length: rows },
    (_, r) =>
      `(${columns.map((column, c) => cast(`$${r * columns.length + c + 1}`, column)).join(', ')})`,
  ).join(', ');
}

/** `INSERT INTO t (…) [OVERRIDING SYSTEM VALUE] VALUES ($1, …), (…)` */
function insertStatement(
  table: string,
  columns: readonly string[],
  rows: number,
  options: { explicitIds: boolean },
): string {
  return [
    `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')})`,
    // Identity columns are GENERATED ALWAYS: an id of our own needs saying so.
    options.explicitIds ? 'OVERRIDING SYSTEM VALUE' : '',
    `VALUES ${valuesList(columns, rows)}`,
  ].join(' ');
}

/**
 * The merge's insert: a row whose key the target has is skipped (ON CONFLICT on the key's
 * unique constraint); a table without a key skips a row equal in every column to one already
 * there, so merging the same file twice adds nothing twice. The values are a VALUES list in a
 * subquery, where PostgreSQL cannot take their types from the target: each is cast to its
 * column's type.
 */
function mergeStatement(
  table: CopiedTable,
  columns: readonly string[],
  rows: number,
  typeOf: (column: string) => string,
): string {
  const names = columns.map(quoted).join(', ');
  const same = columns
    .map((column) => `existing.${quoted(column)} IS NOT DISTINCT FROM v.${quoted(column)}`)
    .join(' AND ');
  return [
    `INSERT INTO ${quoted(table.name)} (${names})`,
    `SELECT * FROM (VALUES ${valuesList(columns, rows, (p, column) => `${p}::${typeOf(column)}`)}) AS v (${names})`,
    // (WHERE true: without it, ON CONFLICT after a FROM item can read as the start of a join.)
    table.mergeKey.length > 0
      ? `WHERE true ON CONFLICT (${table.mergeKey.map(quoted).join(', ')}) DO NOTHING`
      : `WHERE NOT EXISTS (SELECT 1 FROM ${quoted(table.name)} AS existing WHERE ${same})`,
  ].join(' ');
}

/**
 * Into an empty target, row for row with the same ids. Each value goes as a parameter whose type
 * PostgreSQL takes from its column: 0/1 becomes a boolean, the shown revisions' JSON text jsonb.
 */
async function copyRows(
  client: pg.ClientBase,
  source: SqliteSource,
  table: CopiedTable,
  columns: readonly string[],
): Promise<Omit<TableCount, 'table'>> {
  let copied = 0;
  for (const batch of batches(source, table.name, columns)) {
    const sql = insertStatement(table.name, columns, batch.length, {
      explicitIds: table.identity,
    });
    const result = await client.query(sql, batch.flat());
    copied += result.rowCount ?? 0;
  }
  return { rows: copied, copied, kept: 0 };
}

/**
 * Into a target that already holds data (--merge): rows get the target's new ids, a reference to
 * an earlier table follows its row's new id, and a row whose key the target already has is kept
 * as the target has it (the running replicas' version wins). Rows without a key (install
 * history) are added unless the very same row is there; the newest install still wins.
 */
async function mergeRows(
  client: pg.ClientBase,
  source: SqliteSource,
  table: CopiedTable,
  allColumns: readonly string[],
  context: { renumbered: Map<string, Map<number, number>>; types: Map<string, string> },
): Promise<Omit<TableCount, 'table'>> {
  const { renumbered, types } = context;
  const columns = table.identity ? allColumns.filter((c) => c !== 'id') : [...allColumns];
  const read = table.identity ? ['id', ...columns] : columns;
  const referencing = table.references;
  const refIndex = referencing ? read.indexOf(referencing.column) : -1;
  const newIds = referencing ? renumbered.get(referencing.table) : undefined;
  const isReferenced = TABLES.some((t) => t.copy && t.references?.table === table.name);
  const keyIndexes = table.mergeKey.map((column) => read.indexOf(column));
  /** Source id -> its key, for tables later rows refer to. */
  const keyOfId = new Map<number, string>();
  let rows = 0;
  let copied = 0;
  for (const batch of batches(source, table.name, read)) {
    const values = batch.map((row) => {
      if (referencing && newIds) {
        const target = newIds.get(Number(row[refIndex]));
        if (target === undefined)
          throw new CopyFailure(
            `${table.name} refers to a ${referencing.table} row that is not in the file`,
          );
        row[refIndex] = target;
      }
      if (isReferenced) keyOfId.set(Number(row[0]), JSON.stringify(keyIndexes.map((i) => row[i])));
      return table.identity ? row.slice(1) : row;
    });
    const sql = mergeStatement(table, columns, values.length, (column) => {
      const type = types.get(`${table.name}.${column}`);
      if (!type) throw new Error(`no type for ${table.name}.${column}`);
      return type;
    });
    const result = await client.query(sql, values.flat());
    rows += batch.length;
    copied += result.rowCount ?? 0;
  }
  if (isReferenced) {
    const { rows: targetRows } = await client.query<Record<string, unknown>>(
      `SELECT id, ${table.mergeKey.map(quoted).join(', ')} FROM ${quoted(table.name)}`,
    );
    const idOfKey = new Map(
      targetRows.map((row) => [JSON.stringify(table.mergeKey.map((c) => row[c])), Number(row.id)]),
    );
    const map = new Map<number, number>();
    for (const [sourceId, key] of keyOfId) {
      const targetId = idOfKey.get(key);
      if (targetId !== undefined) map.set(sourceId, targetId);
    }
    renumbered.set(table.name, map);
  }
  return { rows, copied, kept: rows - copied };
}

/** After copying explicit ids: each identity sequence continues after the highest id. */
async function moveSequences(client: pg.ClientBase): Promise<void> {
  for (const table of COPIED_TABLES) {
    if (!table.identity) continue;
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), max_id)
       FROM (SELECT max(id) AS max_id FROM ${quoted(table.name)}) AS copied
       WHERE max_id IS NOT NULL`,
      [quoted(table.name)],
    );
  }
}
