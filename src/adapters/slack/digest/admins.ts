import { LRUCache } from 'lru-cache';
import type { SlackClients } from '../oauth/clients.js';
import { slackErrorCode } from '../web-api-errors.js';

/** Long enough to spare Slack a lookup per command, short enough that a demotion counts soon. */
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 1_000;

/**
 * Who may change digests: workspace admins and owners as Slack itself says (users.info, asked
 * by us, never taken from the request, with that workspace's own token), and the user ids in
 * SLACK_ADMIN_USER_IDS. Answers are kept per (team, user): an admin of one workspace is
 * nobody in another.
 */
export class SlackAdmins {
  readonly #configured: ReadonlySet<string>;
  readonly #cache: LRUCache<string, boolean>;

  constructor(
    private readonly clients: SlackClients,
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
  known(teamId: string, userId: string): boolean | undefined {
    if (this.#configured.has(userId)) return true;
    return this.#cache.get(`${teamId}:${userId}`);
  }

  /** Asks Slack (users.info) unless the answer is known; throws if Slack cannot say. */
  async isAdmin(teamId: string, userId: string): Promise<boolean> {
    const known = this.known(teamId, userId);
    if (known !== undefined) return known;
    const client = await this.clients.forTeam(teamId);
    if (!client) throw new Error(`no Slack token for team ${teamId}`);
    let admin: boolean;
    try {
      const { user } = await client.users.info({ user: userId });
      admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      // An unknown user is not an admin; any other failure means we cannot tell.
      if (slackErrorCode(error) !== 'user_not_found') throw error;
      admin = false;
    }
    this.#cache.set(`${teamId}:${userId}`, admin);
    return admin;
  }
}
