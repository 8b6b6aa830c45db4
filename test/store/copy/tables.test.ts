import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COPIED_TABLES, TABLES, TARGET_ONLY_COLUMNS } from '../../../src/store/copy/tables.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { postgresEngine } from '../engines.js';

/**
 * copy-store's table list against both engines' real schemas (as their migrations make them):
 * a table or column added to a migration and not to the list fails here, so nothing a bot
 * stores can be silently left behind by a move to PostgreSQL.
 */
const target = postgresEngine();
let dir = '';
let sqliteTables: Map<string, string[]>;
let postgresTables: Map<string, string[]>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-copy-tables-'));
  const sqlite = new SqliteStore(join(dir, 'sakura-bot.db'), 'schema');
  const names = (
    sqlite.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
  ).map((row) => row.name);
  sqliteTables = new Map(
    names.map((name) => [
      name,
      (sqlite.db.pragma(`table_info(${name})`) as { name: string }[]).map((c) => c.name),
    ]),
  );
  await sqlite.close();

  await target.fresh();
  await (await target.open('schema')).close();
  const columns = (await target.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY ordinal_position`,
  )) as { table_name: string; column_name: string }[];
  postgresTables = new Map();
  for (const { table_name, column_name } of columns)
    postgresTables.set(table_name, [...(postgresTables.get(table_name) ?? []), column_name]);
});
afterEach(async () => {
  await target.cleanUp();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => target.dispose());

describe("copy-store's table list", () => {
  it('names every table of both schemas, each once', () => {
    const listed = TABLES.map((table) => table.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...sqliteTables.keys()].filter((name) => !listed.includes(name))).toEqual([]);
    expect([...postgresTables.keys()].filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('lists each table in the engines that have it, copied tables in both', () => {
    for (const table of TABLES) {
      const engines = table.copy ? ['sqlite', 'postgres'] : table.engines;
      expect(sqliteTables.has(table.name), `${table.name} in SQLite`).toBe(
        engines.includes('sqlite'),
      );
      expect(postgresTables.has(table.name), `${table.name} in PostgreSQL`).toBe(
        engines.includes('postgres'),
      );
    }
  });

  it('copies every column SQLite has, into a PostgreSQL column of the same name', () => {
    for (const table of COPIED_TABLES) {
      const sqlite = sqliteTables.get(table.name) ?? [];
      const postgres = postgresTables.get(table.name) ?? [];
      expect(
        [...postgres].sort(),
        `${table.name}: PostgreSQL's columns are SQLite's plus the listed target-only ones`,
      ).toEqual([...sqlite, ...(TARGET_ONLY_COLUMNS[table.name] ?? [])].sort());
      if (table.identity) expect(sqlite).toContain('id');
      for (const column of table.mergeKey) expect(sqlite, table.name).toContain(column);
      if (table.references) {
        expect(sqlite).toContain(table.references.column);
        const referenced = COPIED_TABLES.findIndex((t) => t.name === table.references?.table);
        expect(referenced, 'a referenced table is copied first').toBeGreaterThanOrEqual(0);
        expect(referenced).toBeLessThan(COPIED_TABLES.indexOf(table));
      }
    }
  });
});
