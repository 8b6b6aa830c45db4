// A bot process as the copy tool meets it: the store open through the built code (as the bot
// opens it), idle between ticks, holding no write lock. Given a channel id, it first subscribes
// it (a write that sits in the write-ahead log until a checkpoint). Says "open", closes at end
// of stdin (or is killed, leaving its -wal file behind).
import { openStore } from '../../../dist/src/store/open-store.js';

const [path, channelId] = process.argv.slice(2);
const store = await openStore({ DATABASE_PATH: path });
if (channelId) {
  await store.subscriptions.upsert(
    {
      platform: 'discord',
      workspaceId: '111111111111111111',
      channelId,
      cron: '0 9 * * *',
      timezone: 'Asia/Tokyo',
      lang: 'en',
      createdBy: '333333333333333333',
    },
    new Date(),
  );
}
await store.ledger.countByStatus();
process.stdout.write('open\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void store.close().then(() => process.exit(0));
});
