import { createPublicKey, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The bare HTTP interactions endpoint for bench/discord-modes.ts: what the discord.js guide's
 * minimal endpoint does (node:http, the Ed25519 check with node:crypto, PING -> PONG, and a
 * fixed reply to every command), in its own process. Tells the parent its port over IPC.
 */
const key = createPublicKey({
  key: {
    kty: 'OKP',
    crv: 'Ed25519',
    x: Buffer.from(process.env.DISCORD_PUBLIC_KEY ?? '', 'hex').toString('base64url'),
  },
  format: 'jwk',
});
const REPLY = JSON.stringify({
  type: 4,
  data: { content: 'Sakura Internet +20.2%', allowed_mentions: { parse: [] } },
});

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const signature = String(req.headers['x-signature-ed25519'] ?? '');
  const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
  const signed = Buffer.concat([Buffer.from(timestamp), body]);
  if (!verify(null, signed, key, Buffer.from(signature, 'hex'))) {
    res.writeHead(401).end();
    return;
  }
  const { type } = JSON.parse(body.toString('utf8')) as { type: number };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(type === 1 ? '{"type":1}' : REPLY);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.send?.({ port: (server.address() as AddressInfo).port });
process.on('disconnect', () => server.close(() => process.exit(0)));
