import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { BotMetrics } from './metrics.js';
import { type ReadinessCheck, runReadiness } from './readiness.js';
import type { HttpRoutes } from './routes.js';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const METRICS_PATH = '/metrics';

/** A client that keeps a connection open past this after close() is cut off. */
const CLOSE_GRACE_MS = 10_000;

export interface BotHttpServerOptions {
  routes: HttpRoutes;
  metrics: BotMetrics;
  /** Read on every /readyz, so main can add the platforms' checks once they have started. */
  readiness: readonly ReadinessCheck[];
  logger: Logger;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The process's one HTTP server on PORT, whatever platforms run: `/healthz` (alive),
 * `/readyz` (ready for traffic), `/metrics` (Prometheus), and the adapters' mounted endpoints.
 */
export class BotHttpServer {
  readonly #server: Server;
  #stopping = false;

  constructor(private readonly options: BotHttpServerOptions) {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        options.logger.error({ err, path: req.url }, 'http request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (path === HEALTH_PATH && read) return json(res, 200, { status: 'alive' });
    if (path === READY_PATH && read) {
      if (this.#stopping) return json(res, 503, { status: 'stopping', checks: {} });
      const report = await runReadiness(this.options.readiness);
      return json(res, report.ready ? 200 : 503, {
        status: report.ready ? 'ready' : 'not ready',
        checks: report.checks,
      });
    }
    if (path === METRICS_PATH && read) {
      const { contentType, body } = await this.options.metrics.exposition();
      res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    }
    const handler = this.options.routes.find(path);
    if (handler) return handler(req, res);
    res.writeHead(404).end();
  }

  /** Starts listening; resolves with the port bound (PORT may be 0 in tests). */
  async listen(port: number, host?: string): Promise<number> {
    this.#server.listen(port, host);
    await once(this.#server, 'listening');
    return this.port;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** From now on /readyz says 503, so a load balancer stops sending work before we close. */
  stopping(): void {
    this.#stopping = true;
  }

  /**
   * Stops accepting and drops idle keep-alive sockets; requests being answered finish first.
   * Only a client that holds its connection past the grace is cut off.
   */
  async close(): Promise<void> {
    this.#stopping = true;
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const grace = setTimeout(() => this.#server.closeAllConnections(), CLOSE_GRACE_MS);
    grace.unref();
    await closed;
    clearTimeout(grace);
  }
}
