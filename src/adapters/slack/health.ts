import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const HEALTH_PATH = '/healthz';

/**
 * Whether the Slack adapter can answer right now: started, not shutting down, and (in Socket
 * Mode) connected. A load balancer or process manager polls `GET /healthz` for it.
 */
export class Health {
  #state: 'starting' | 'ok' | 'disconnected' | 'stopping' = 'starting';

  get status(): string {
    return this.#state;
  }

  get healthy(): boolean {
    return this.#state === 'ok';
  }

  ready(): void {
    if (this.#state !== 'stopping') this.#state = 'ok';
  }

  disconnected(): void {
    if (this.#state !== 'stopping') this.#state = 'disconnected';
  }

  stopping(): void {
    this.#state = 'stopping';
  }

  /** 200 while healthy, 503 otherwise, with the state in a small JSON body for humans. */
  respond(_req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(this.healthy ? 200 : 503, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify({ status: this.#state }));
  }
}

/**
 * Socket Mode has no HTTP server of its own worth using (Bolt's only serves OAuth and does not
 * wait on close), so it gets this one for `/healthz` on PORT.
 */
export function createHealthServer(health: Health): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      health.respond(req, res);
      return;
    }
    res.writeHead(404).end();
  });
}
