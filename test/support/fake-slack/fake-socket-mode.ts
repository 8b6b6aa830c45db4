import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SocketAck {
  envelope_id: string;
  payload: Record<string, unknown>;
}

export interface FakeSocketMode {
  url: string;
  /** Resolves once the app has connected and been greeted with `hello`. */
  connected: Promise<void>;
  /** Sends an envelope as Slack would and waits (bounded) for the app's ack of it. */
  send(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

/**
 * Slack's Socket Mode endpoint on 127.0.0.1: greets the app with `hello`, delivers envelopes
 * (`slash_commands`, ...), and hands back the app's acks.
 */
export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const waiting = new Map<string, (ack: SocketAck) => void>();
  let socket: WebSocket | undefined;
  let envelopes = 0;

  const connected = new Promise<void>((resolve) => {
    server.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as SocketAck;
        waiting.get(ack.envelope_id)?.(ack);
      });
      ws.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } }),
      );
      resolve();
    });
  });

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    connected,
    async send(type, payload, timeoutMs = 5_000) {
      await connected;
      envelopes += 1;
      const envelope_id = `env-${envelopes}`;
      const acked = new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack for ${envelope_id}`)), timeoutMs);
        waiting.set(envelope_id, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      socket?.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: true }));
      return acked;
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
