import pg from 'pg';

/** BIGINT (int8) columns hold ids and epoch milliseconds, all well inside 2^53: read as numbers. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Connections for one process: a handful is plenty, each statement is short. */
const POOL_SIZE = 10;

export function createPool(url: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    types,
    application_name: 'sakura-bot',
    // A server that does not answer at start-up is a configuration problem: say so quickly.
    connectionTimeoutMillis: 10_000,
  });
}

export function createClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, types, application_name: 'sakura-bot liveness' });
}

/** Runs `work` in one transaction on one pooled connection, rolled back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Host, port and database of a URL, for messages: never its user or password. */
export function whereIs(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || 5432}${pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
