/** What the fake does to one call instead of answering it normally. */
export type Fault =
  /** An HTTP error from Slack's edge; nothing is stored. */
  | { kind: 'status'; status: number }
  /** 429 with Retry-After (whole seconds, as Slack sends it); nothing is stored. */
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  /** HTTP 200 with ok:false and this error code; nothing is stored. */
  | { kind: 'error'; error: string }
  /** Answered normally, but only after `delayMs` (inside the client's timeout). */
  | { kind: 'slow'; delayMs: number }
  /**
   * The answer is held past the client's timeout. `landed`: the message is stored first (the
   * request left and arrived; only the answer was lost). Held until `holdMs`, or until
   * `dropHeld()`/`close()` when `holdMs` is omitted.
   */
  | { kind: 'timeout'; landed: boolean; holdMs?: number }
  /** The connection is cut without an answer, after storing the message if `landed`. */
  | { kind: 'reset'; landed: boolean };

export interface FaultContext {
  method: string;
  body: Record<string, unknown>;
  /** 1 for the first call of this method for this channel, 2 for the next, ... */
  attempt: number;
}

export type FaultPlan = (call: FaultContext) => Fault | undefined;

export interface RateLimitSettings {
  /** chat.postMessage per channel per second (Slack: about 1). */
  perChannelPerSecond?: number;
  /**
   * chat.postMessage per second into one workspace (the calling token's team), over any rolling
   * second: Slack's limits are per app per workspace.
   */
  perWorkspacePerSecond?: number;
}

/**
 * Slack's limits on chat.postMessage, enforced on real time: a call over either limit gets 429
 * with Retry-After in whole seconds and is not counted as a post.
 */
export class FakeRateLimits {
  readonly #recentByTeam = new Map<string, number[]>();
  readonly #lastByChannel = new Map<string, number>();
  rejected = 0;

  constructor(private readonly settings: () => RateLimitSettings) {}

  /** Seconds to wait if this post is over a limit; otherwise records it and says undefined. */
  admit(team: string, channel: string, now: number): number | undefined {
    const { perChannelPerSecond, perWorkspacePerSecond } = this.settings();
    let recent = this.#recentByTeam.get(team);
    if (!recent) {
      recent = [];
      this.#recentByTeam.set(team, recent);
    }
    while (recent.length > 0 && (recent[0] as number) <= now - 1000) recent.shift();
    if (perWorkspacePerSecond !== undefined && recent.length >= perWorkspacePerSecond) {
      this.rejected += 1;
      return Math.max(1, Math.ceil(((recent[0] as number) + 1000 - now) / 1000));
    }
    const last = this.#lastByChannel.get(channel);
    if (perChannelPerSecond !== undefined && last !== undefined) {
      if (now - last < 1000 / perChannelPerSecond) {
        this.rejected += 1;
        return 1;
      }
    }
    recent.push(now);
    this.#lastByChannel.set(channel, now);
    return undefined;
  }
}
