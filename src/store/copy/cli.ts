import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { postgresUrl } from '../../config.js';
import { DEFAULT_DATABASE_PATH } from '../../paths.js';
import { createPool, whereIs } from '../postgres/connect.js';
import { SchemaTooNewError } from '../schema-too-new.js';
import { type CopyReport, copyStore } from './copy.js';
import { CopyFailure } from './failure.js';
import { openSource } from './source.js';
import { TABLES } from './tables.js';

const USAGE = `Usage: npm run copy-store -- [--from <sqlite file>] [--to <postgres url>] [--dry-run] [--merge]

Copies a stopped bot's SQLite database (digest subscriptions, the delivery ledger, Slack
installations with their tokens still sealed, uploaded chart files) into PostgreSQL, in one
transaction. Stop every bot using the file first.

  --from <file>   the SQLite file (default: DATABASE_PATH, else var/sakura-bot.db)
  --to <url>      the PostgreSQL database (default: DATABASE_URL; prefer the variable, a
                  password on the command line shows in the process list)
  --dry-run       do all of it, then roll back: says what would be copied, writes nothing
  --merge         the target already holds data (replicas already ran on it): keep its rows
                  and add the file's; without it, a target holding data is refused
`;

/** A wrong command line: exit code 2, as usage errors conventionally get. */
class UsageError extends Error {}

interface Arguments {
  from: string;
  to: string;
  dryRun: boolean;
  merge: boolean;
}

function readArguments(argv: string[], env: NodeJS.ProcessEnv): Arguments | 'help' {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const from = values.from ?? (env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH);
  const to = values.to ?? env.DATABASE_URL?.trim();
  if (!to)
    throw new UsageError(
      'no PostgreSQL database to copy into: set DATABASE_URL (or give --to postgres://…)',
    );
  if (!postgresUrl.safeParse(to).success)
    throw new UsageError(
      `${values.to ? '--to' : 'DATABASE_URL'} must be a PostgreSQL URL such as postgres://user:password@host:5432/sakura`,
    );
  return { from, to, dryRun: values['dry-run'] ?? false, merge: values.merge ?? false };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean' },
      merge: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** node-postgres's connection errors, as a sentence an operator can act on. */
function unreachable(error: unknown, where: string): CopyFailure | undefined {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is PostgreSQL running there, on that port?',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name could not be resolved',
    ETIMEDOUT: 'no answer',
    ECONNRESET: 'the connection was closed',
  };
  if (why[code]) return new CopyFailure(`cannot reach PostgreSQL at ${where}: ${why[code]}`);
  if (error instanceof Error && /timeout/i.test(error.message))
    return new CopyFailure(`cannot reach PostgreSQL at ${where}: no answer within 10 s`);
  // A server-side error (bad password, no such database, a constraint): PostgreSQL's own words.
  if (error instanceof Error && 'severity' in error)
    return new CopyFailure(`PostgreSQL at ${where}: ${error.message}; nothing was copied`);
  return undefined;
}

function printReport(report: CopyReport, args: Arguments, schemaVersion: number): void {
  const out: string[] = [];
  out.push(
    `${args.dryRun ? 'Dry run (nothing written): would copy' : 'Copied'} ${args.from} (schema ${schemaVersion}) to PostgreSQL at ${whereIs(args.to)}${report.migrated > 0 ? ` (created/upgraded its tables: ${report.migrated} step${report.migrated === 1 ? '' : 's'})` : ''}`,
  );
  const width = Math.max(...report.tables.map((t) => t.table.length));
  for (const t of report.tables) {
    const kept = args.merge ? `, ${t.kept} already there (kept)` : '';
    out.push(`  ${t.table.padEnd(width)}  ${String(t.copied).padStart(7)} of ${t.rows}${kept}`);
  }
  for (const table of TABLES)
    if (!table.copy && table.engines.includes('sqlite'))
      out.push(`  ${table.name.padEnd(width)}  not copied: ${table.why}`);
  const total = report.tables.reduce((sum, t) => sum + t.copied, 0);
  out.push(
    args.dryRun
      ? `${total} rows would be copied. Run again without --dry-run to copy them.`
      : `${total} rows copied in one transaction. Start the bots with DATABASE_URL set.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const args = readArguments(process.argv.slice(2), process.env);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const source = openSource(args.from);
  try {
    const pool = createPool(args.to);
    // An idle client's error would otherwise be thrown as an uncaught 'error' event.
    pool.on('error', () => undefined);
    try {
      const report = await copyStore(source, pool, { dryRun: args.dryRun, merge: args.merge });
      printReport(report, args, source.schemaVersion);
    } catch (error) {
      if (error instanceof SchemaTooNewError)
        throw new CopyFailure(
          `the PostgreSQL database at ${whereIs(args.to)} was migrated by a newer sakura-bot (${error.message}); nothing was copied`,
        );
      throw unreachable(error, whereIs(args.to)) ?? error;
    } finally {
      await pool.end();
    }
  } finally {
    source.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`sakura-bot copy-store: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof CopyFailure) {
    process.stderr.write(`sakura-bot copy-store: ${error.message}\n`);
    process.exit(1);
  }
  // Not a case we foresaw: the whole error, so it can be reported and fixed.
  process.stderr.write(
    `sakura-bot copy-store: failed: ${String(error instanceof Error ? (error.stack ?? error.message) : error)}\nNothing was copied (the transaction was rolled back).\n`,
  );
  process.exit(1);
});
