import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request handler; it owns the response from then on. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * The paths of the process's one HTTP server. Adapters mount their endpoints here
 * (`/slack/events`, `/discord/interactions`); the server adds `/healthz`, `/readyz` and
 * `/metrics`. A path is matched exactly, except under a prefix mounted with `mountPrefix`
 * (`/charts/`), whose handler reads the rest of the path itself.
 */
export class HttpRoutes {
  readonly #routes = new Map<string, RouteHandler>();
  readonly #prefixes = new Map<string, RouteHandler>();

  mountPrefix(prefix: string, handler: RouteHandler): void {
    if (!prefix.endsWith('/')) throw new Error(`a prefix ends with /: ${prefix}`);
    if (this.#prefixes.has(prefix)) throw new Error(`${prefix} is already mounted`);
    this.#prefixes.set(prefix, handler);
  }

  mount(path: string, handler: RouteHandler): void {
    if (this.#routes.has(path)) throw new Error(`${path} is already mounted`);
    this.#routes.set(path, handler);
  }

  unmount(path: string): void {
    this.#routes.delete(path);
  }

  find(path: string): RouteHandler | undefined {
    const exact = this.#routes.get(path);
    if (exact) return exact;
    for (const [prefix, handler] of this.#prefixes) {
      if (path.startsWith(prefix)) return handler;
    }
    return undefined;
  }
}
