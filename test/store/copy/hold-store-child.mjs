// A bot process as the copy tool meets it: the store open through the built code (as the bot
// opens it), idle between ticks, holding no write lock. Says "open", closes at end of stdin.
import { openStore } from '../../../dist/src/store/open-store.js';

const store = await openStore({ DATABASE_PATH: process.argv[2] });
await store.ledger.countByStatus();
process.stdout.write('open\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void store.close().then(() => process.exit(0));
});
