import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';

/**
 * The bare discord.js client for bench/discord-guilds.ts: the same intent as the bot (Guilds),
 * discord.js's default caches, connected to the fake through DISCORD_API_URL. Tells the parent
 * how many servers it holds once ready, then idles until killed.
 */
async function main(): Promise<void> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: process.env.DISCORD_API_URL ?? '' },
  });
  await Promise.all([once(client, Events.ClientReady), client.login(process.env.DISCORD_TOKEN)]);
  process.send?.({ guilds: client.guilds.cache.size });
  process.on('disconnect', () => {
    void client.destroy().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bare client failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
