import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedResponse {
  path: string;
  body: Record<string, unknown>;
}

export interface ResponseUrlServer {
  /** A fresh response_url; each request in a test gets its own path to tell answers apart. */
  next(): string;
  received: ReceivedResponse[];
  /**
   * When it says so, a message is refused as Slack's response_url refuses one it cannot show
   * (400, no detail) and not recorded; e.g. one showing a deleted file.
   */
  refuse: ((body: Record<string, unknown>) => boolean) | undefined;
  /** Messages refused so far. */
  refused: number;
  /** Waits (bounded) until a message has arrived for `url`. */
  waitFor(url: string, timeoutMs?: number): Promise<ReceivedResponse>;
  close(): Promise<void>;
}

/**
 * Slack's `response_url` on 127.0.0.1: records what `respond()` posts. `delayMs` holds each
 * answer back, to prove shutdown waits for answers still being delivered.
 */
export async function startResponseUrlServer(delayMs = 0): Promise<ResponseUrlServer> {
  const waiters = new Map<string, (r: ReceivedResponse) => void>();
  const received: ReceivedResponse[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const path = req.url ?? '/';
    const entry = { path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    if (self.refuse?.(entry.body)) {
      self.refused += 1;
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_blocks');
      return;
    }
    received.push(entry);
    waiters.get(path)?.(entry);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let counter = 0;
  const self: ResponseUrlServer = {
    refuse: undefined,
    refused: 0,
    next: () => {
      counter += 1;
      return `${base}/commands/T0001/${counter}/hook`;
    },
    received,
    waitFor(url, timeoutMs = 5_000) {
      const path = new URL(url).pathname;
      const already = received.find((r) => r.path === path);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing posted to ${path}`)), timeoutMs);
        waiters.set(path, (entry) => {
          clearTimeout(timer);
          resolve(entry);
        });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}
