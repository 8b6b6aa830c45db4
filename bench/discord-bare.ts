import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';

/**
 * The bare library for the Discord benches (bench/discord.ts, the gateway half of
 * bench/discord-modes.ts): a plain discord.js client, default options, that replies a fixed
 * string to every slash command. In its own process, so its memory is its own; the parent reads
 * that from /proc, as it does the shipped program's. It tells the parent `{ ready: true }` over
 * IPC once logged in, and stops on `stop`. (Interaction callbacks go through discord.js's burst
 * handler, outside its 50/s global queue, for this client as for the shipped program.)
 */
async function main(): Promise<void> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: process.env.DISCORD_API_URL ?? '' },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    interaction.reply({ content: 'Sakura Internet +20.2%' }).catch(() => undefined);
  });
  await Promise.all([once(client, Events.ClientReady), client.login(process.env.DISCORD_TOKEN)]);
  process.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    client.destroy().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bare client failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
