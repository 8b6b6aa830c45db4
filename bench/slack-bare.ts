/**
 * The bare library for bench/slack.ts: a default Bolt app whose `/sakura` handler only acks (or,
 * for bench/cached-stocks.ts, acks with the reply in `BODY_FILE`: the shipped program's own
 * cached answer, so only the library and the bytes are compared), in its own process so its memory is its own (the parent reads it from /proc, as it does the
 * shipped program's). It tells the parent its port over IPC once listening, and stops when the
 * parent disconnects.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';

async function main(): Promise<void> {
  const bodyFile = process.env.BODY_FILE;
  const reply: unknown = bodyFile ? JSON.parse(readFileSync(bodyFile, 'utf8')) : undefined;
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN,
    signingSecret: process.env.SLACK_SIGNING_SECRET,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    // As the adapter configures it, so the comparison isolates what the handler does.
    convoStore: false,
  });
  app.command('/sakura', async ({ ack }) => {
    await ack(reply as Parameters<typeof ack>[0]);
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  process.on('disconnect', () => {
    void app.stop().finally(() => process.exit(0));
  });
  process.send?.({ port: (server.address() as AddressInfo).port });
}

main().catch((error: unknown) => {
  process.stderr.write(`bare Bolt app failed: ${String(error)}\n`);
  process.exit(1);
});
