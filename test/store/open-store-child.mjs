// One "bot process" opening the store with the built code, at a start instant the parent gives
// all of them, so that their migrations really race. The engine is chosen as the bot chooses it:
// DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite), from the arguments.
import { openStore } from '../../dist/src/store/open-store.js';

const [target, startAt] = process.argv.slice(2);
const settings = target.startsWith('postgres')
  ? { DATABASE_PATH: '', DATABASE_URL: target }
  : { DATABASE_PATH: target };
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
const store = await openStore(settings);
const counts = await store.ledger.countByStatus();
process.stdout.write(`open ${store.engine} ${JSON.stringify(counts)}`);
await store.close();
