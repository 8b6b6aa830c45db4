import type { webApi } from '@slack/bolt';
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
  readonly #cache = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    configured: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.#configured = new Set(configured);
  }

  /** The answer when it needs no call to Slack; undefined when it does. */
  known(userId: string): boolean | undefined {
    if (this.#configured.has(userId)) return true;
    const entry = this.#cache.get(userId);
    if (entry && entry.until > this.now()) return entry.admin;
    return undefined;
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
    this.#remember(userId, admin);
    return admin;
  }

  #remember(userId: string, admin: boolean): void {
    this.#cache.delete(userId);
    this.#cache.set(userId, { admin, until: this.now() + CACHE_MS });
    if (this.#cache.size > CACHE_ENTRIES) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
  }
}
