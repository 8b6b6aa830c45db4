/**
 * The other process of bench/lock-contention.ts: opens the bot's digest database with
 * better-sqlite3, and on the parent's `go` takes the write lock (BEGIN IMMEDIATE), says
 * `locked`, holds it for the given milliseconds, commits and says `released`. Started ahead of
 * time so its own start-up does not fall inside the measurement.
 */
import BetterSqlite3 from 'better-sqlite3';

export type HolderMessage = { ready: true } | { locked: true } | { released: true };

const [path, holdArg] = process.argv.slice(2);
const holdMs = Number(holdArg);
if (!path || !Number.isFinite(holdMs)) throw new Error('usage: lock-holder <database> <hold ms>');

// The bot may be writing at the moment of `go`; waiting for it is fine here.
const db = new BetterSqlite3(path, { timeout: 5_000 });
const send = (message: HolderMessage) => process.send?.(message);

process.on('message', (message: unknown) => {
  if (message !== 'go') return;
  db.exec('BEGIN IMMEDIATE');
  send({ locked: true });
  setTimeout(() => {
    db.exec('COMMIT');
    db.close();
    send({ released: true });
    process.disconnect();
  }, holdMs);
});
process.on('disconnect', () => process.exit(0));
send({ ready: true });
