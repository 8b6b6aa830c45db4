/**
 * The bare libraries for bench/cached-stocks.ts, in their own process, answering every `/sakura`
 * with a reply fixed at start (the shipped program's own cached `stocks`, recorded by the
 * parent's fake), so the comparison shows what the libraries and the bytes cost without any code
 * of ours:
 * - `discord-json`: a discord.js client answering the raw INTERACTION_CREATE as the bot does (a
 *   REST post to the interaction callback) with the body as JSON (`BODY_FILE`);
 * - `discord-multipart`: the same, with the body and the PNG (`PNG_FILE`) as multipart bytes
 *   built once with the standard FormData and passed through, as the bot sends a chart reply;
 * (Bolt's counterpart, acking with the reply in `BODY_FILE`, is bench/slack-bare.ts.)
 * It tells the parent `{ port? }` over IPC once ready, and exits when the parent disconnects.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Client, Events, GatewayDispatchEvents, type RequestData, Routes } from 'discord.js';

type Mode = 'discord-json' | 'discord-multipart';

function fileEnv(name: string): Buffer {
  const path = process.env[name];
  if (!path) throw new Error(`${name} is not set`);
  return readFileSync(path);
}

async function discord(multipart: boolean): Promise<void> {
  const body: unknown = JSON.parse(fileEnv('BODY_FILE').toString('utf8'));
  let request: RequestData = { body };
  if (multipart) {
    const form = new FormData();
    const png = new Blob([fileEnv('PNG_FILE')], { type: 'image/png' });
    form.append('files[0]', png, process.env.PNG_NAME ?? 'stocks-en.png');
    form.append('payload_json', JSON.stringify(body));
    const encoded = new Response(form);
    request = {
      body: Buffer.from(await encoded.arrayBuffer()),
      passThroughBody: true,
      headers: { 'Content-Type': encoded.headers.get('content-type') ?? '' },
    };
  }
  const client = new Client({ intents: [], rest: { api: process.env.DISCORD_API_URL ?? '' } });
  client.ws.on(
    GatewayDispatchEvents.InteractionCreate,
    (interaction: { id: string; token: string }) => {
      const callback = Routes.interactionCallback(interaction.id, interaction.token);
      client.rest.post(callback, { ...request, auth: false }).catch((error: unknown) => {
        process.stderr.write(`bare reply failed: ${String(error)}\n`);
      });
    },
  );
  await Promise.all([once(client, Events.ClientReady), client.login(process.env.DISCORD_TOKEN)]);
  process.send?.({});
}

const mode = process.argv[2] as Mode;
const started = discord(mode === 'discord-multipart');
started.catch((error: unknown) => {
  process.stderr.write(`bare ${mode} failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
process.on('disconnect', () => process.exit(0));
