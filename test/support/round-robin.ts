import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** Requests passed to each backend, in backend order. */
  forwarded: number[];
  close(): Promise<void>;
}

/**
 * The smallest load balancer: each request goes to the next backend in turn, body and headers
 * untouched (signatures must still verify), the backend's answer streamed back. 127.0.0.1 only.
 */
export async function startRoundRobin(backends: readonly string[]): Promise<RoundRobin> {
  const forwarded = backends.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % backends.length;
    forwarded[index] = (forwarded[index] ?? 0) + 1;
    const target = new URL(req.url ?? '/', backends[index]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
