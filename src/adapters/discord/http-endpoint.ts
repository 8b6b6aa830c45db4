import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
} from 'discord.js';
import type { RouteHandler } from '../../http/routes.js';
import type { Logger } from '../../logger.js';
import { InteractionRouter } from './interactions.js';
import { checkSignature } from './signature.js';

export const INTERACTIONS_PATH = '/discord/interactions';

/** Far above any interaction Discord sends; a body larger than this is not Discord's. */
const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body), () => resolve());
  });
}

export interface EndpointOptions {
  key: KeyObject;
  router: InteractionRouter;
  logger: Logger;
  now?: () => number;
}

/**
 * `POST /discord/interactions`: Discord's signed requests. Nothing runs before the signature
 * holds; a PING gets a PONG; a command's first response (the answer, or a deferral) is this
 * request's response, and anything later goes over REST. Holds no state between requests.
 */
export function interactionsEndpoint(options: EndpointOptions): RouteHandler {
  const { key, router, logger } = options;
  const now = options.now ?? Date.now;
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const check = checkSignature(
      key,
      {
        signature: req.headers['x-signature-ed25519'] as string | undefined,
        timestamp: req.headers['x-signature-timestamp'] as string | undefined,
      },
      body,
      now(),
    );
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'discord interaction refused: signature');
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (interaction.type === InteractionType.Ping) {
      await sendJson(res, 200, { type: InteractionResponseType.Pong });
      return;
    }
    // Only slash commands are registered; anything else is not ours to answer.
    if (!InteractionRouter.accepts(interaction)) {
      res.writeHead(400).end();
      return;
    }
    const first = {
      carriesFiles: false,
      send: (response: APIInteractionResponse) => sendJson(res, 200, response),
    };
    const work = router.handle(interaction, first);
    if (!work) {
      // Stopping: another replica behind the load balancer can take it (Discord does not retry).
      res.writeHead(503).end();
      return;
    }
    await work;
    // The router always sends a first response; this only guards a request left hanging.
    if (!res.headersSent) res.writeHead(500).end();
  };
}
