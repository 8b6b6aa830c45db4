import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { slackErrorCode } from '../web-api-errors.js';

/** Long enough to spare Slack a lookup per command, short enough that a demotion counts soon. */
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 1_000;

/**
 * Who may change digests: workspace admins and owners as Slack itself says (users.info, asked
 * by us, never taken from the request), and the user ids in SLACK_ADMIN_USER_IDS.
 */
export class SlackAdmins {
  readonly #configured: ReadonlySet<string>;
  readonly #cache: LRUCache<string, boolean>;

  constructor(
    private readonly client: webApi.WebClient,
    configured: readonly string[],
    now: () => number = Date.now,
  ) {
    this.#configured = new Set(configured);
    // ttlResolution 0: read `now` on every check, so an injected clock is honoured exactly.
    this.#cache = new LRUCache({
      max: CACHE_ENTRIES,
      ttl: CACHE_MS,
      ttlResolution: 0,
      perf: { now },
    });
  }

  /** The answer when it needs no call to Slack; undefined when it does. */
  known(userId: string): boolean | undefined {
    if (this.#configured.has(userId)) return true;
    return this.#cache.get(userId);
  }

  /** Asks Slack (users.info) unless the answer is known; throws if Slack cannot say. */
  async isAdmin(userId: string): Promise<boolean> {
    const known = this.known(userId);
    if (known !== undefined) return known;
    let admin: boolean;
    try {
      const { user } = await this.client.users.info({ user: userId });
      admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      // An unknown user is not an admin; any other failure means we cannot tell.
      if (slackErrorCode(error) !== 'user_not_found') throw error;
      admin = false;
    }
    this.#cache.set(userId, admin);
    return admin;
  }
}
