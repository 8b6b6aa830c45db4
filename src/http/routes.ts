import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request handler; it owns the response from then on. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * The paths of the process's one HTTP server. Adapters mount their endpoints here
 * (`/slack/events`, `/discord/interactions`); the server adds `/healthz`, `/readyz` and
 * `/metrics`. A path is matched exactly: nothing here takes parameters.
 */
export class HttpRoutes {
  readonly #routes = new Map<string, RouteHandler>();

  mount(path: string, handler: RouteHandler): void {
    if (this.#routes.has(path)) throw new Error(`${path} is already mounted`);
    this.#routes.set(path, handler);
  }

  unmount(path: string): void {
    this.#routes.delete(path);
  }

  find(path: string): RouteHandler | undefined {
    return this.#routes.get(path);
  }
}
