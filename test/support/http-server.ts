import {
  BotHttpServer,
  BotMetrics,
  HttpRoutes,
  type ReadinessCheck,
} from '../../src/http/index.js';
import type { Logger } from '../../src/logger.js';

export interface TestHttpServer {
  routes: HttpRoutes;
  metrics: BotMetrics;
  readiness: ReadinessCheck[];
  baseUrl: string;
  close(): Promise<void>;
}

/** The process's HTTP server as main builds it, on 127.0.0.1 and a free port. */
export async function startTestHttpServer(logger: Logger): Promise<TestHttpServer> {
  const routes = new HttpRoutes();
  const metrics = new BotMetrics();
  const readiness: ReadinessCheck[] = [];
  const server = new BotHttpServer({ routes, metrics, readiness, logger });
  const port = await server.listen(0, '127.0.0.1');
  return {
    routes,
    metrics,
    readiness,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => server.close(),
  };
}
