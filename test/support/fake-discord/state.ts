import { FakeChannels, type GlobalLimit } from './channels.js';
import type { FakeUser } from './payloads.js';

/** A file part of a multipart request, kept as sent. */
export interface RecordedFile {
  /** The form field, `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Without the `/api/v10` prefix, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The files of a multipart request (absent for JSON). */
  files?: RecordedFile[];
  authorization: string | undefined;
  /** performance.now() when the request was complete. */
  at: number;
  status?: number;
}

export interface FakeSettings {
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string;
  botUser: FakeUser;
}

export interface KnownInteraction {
  id: string;
  token: string;
  acknowledged: boolean;
}

export interface ForcedReply {
  status: number;
  body?: unknown;
}

type Waiter = { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void };

/** What the fake remembers: registered commands, interactions it sent, and every request. */
export class FakeState {
  readonly commands = new Map<string, Record<string, unknown>[]>();
  /** Command ids survive re-registration, as Discord keeps them for a command of the same name. */
  readonly commandIds = new Map<string, string>();
  readonly interactions = new Map<string, KnownInteraction>();
  /** GET /gateway/bot's recommendation. */
  gatewayBot = { shards: 1, maxConcurrency: 1 };
  readonly requests: RecordedRequest[] = [];
  /** Callback waiters by interaction id: the bench's hot path, so no scanning. */
  readonly callbackWaiters = new Map<string, (r: RecordedRequest) => void>();
  readonly channels: FakeChannels;
  /** Every bot-token request gets 401, as after the token is reset in the Developer Portal. */
  tokenRevoked = false;
  /** Discord's global request limit, when a test or the bench turns it on. */
  globalLimit: GlobalLimit | undefined;
  #waiters: Waiter[] = [];
  #forced: { match: (r: RecordedRequest) => boolean; reply: ForcedReply }[] = [];

  /** The next request that matches gets `reply` instead of the normal answer (once). */
  failNext(match: (r: RecordedRequest) => boolean, reply: ForcedReply): void {
    this.#forced.push({ match, reply });
  }

  takeForced(request: RecordedRequest): ForcedReply | undefined {
    const index = this.#forced.findIndex((f) => f.match(request));
    if (index < 0) return undefined;
    const [forced] = this.#forced.splice(index, 1);
    return forced?.reply;
  }

  constructor(
    readonly settings: FakeSettings,
    readonly gatewayUrl: () => string,
    readonly keepRequests: boolean,
  ) {
    this.channels = new FakeChannels(settings.botUser);
  }

  record(request: RecordedRequest): void {
    if (this.keepRequests) this.requests.push(request);
    const callback = /^\/interactions\/(\d+)\//.exec(request.path);
    if (callback?.[1] && request.method === 'POST') {
      this.callbackWaiters.get(callback[1])?.(request);
      this.callbackWaiters.delete(callback[1]);
    }
    if (this.#waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.match(request)) waiter.resolve(request);
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  /** The first request (already seen or still to come) that matches; rejects after `timeoutMs`. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w.resolve !== done);
        reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (request: RecordedRequest) => {
        clearTimeout(timer);
        resolve(request);
      };
      this.#waiters.push({ match, resolve: done });
    });
  }
}
