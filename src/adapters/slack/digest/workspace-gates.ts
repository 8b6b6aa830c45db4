import { LRUCache } from 'lru-cache';
import type { DigestTarget } from '../../../schedule/poster.js';
import { RateGate } from './rate-gate.js';

/** Workspaces whose gates are kept at once, as many as OAuth mode keeps clients. */
const MAX_WORKSPACES = 1_000;

/** One workspace's gates: Slack limits each method per app per workspace. */
export interface WorkspaceGate {
  posts: RateGate;
  history: RateGate;
}

/**
 * The name of the limit a digest to `target` counts against: its workspace. With one bot token
 * (single-token mode) every channel is the token's workspace, so all share one name, even a
 * configured channel whose team is not learned yet.
 */
export function workspaceLimitKey(target: DigestTarget, perWorkspace: boolean): string {
  return perWorkspace ? `slack:${target.workspaceId ?? 'unknown'}` : 'slack:token';
}

/**
 * A RateGate pair per workspace, so a 429 from one workspace holds (and slows) only its own
 * digests. Bounded: a workspace quiet long enough to be evicted has no Retry-After left to keep.
 */
export class WorkspaceGates {
  readonly #gates = new LRUCache<string, WorkspaceGate>({ max: MAX_WORKSPACES });

  constructor(
    private readonly postsPerSecond: number,
    private readonly postWaitMs: number,
    private readonly historyWaitMs: number,
  ) {}

  for(key: string): WorkspaceGate {
    let gate = this.#gates.get(key);
    if (!gate) {
      gate = {
        posts: new RateGate(this.postsPerSecond, this.postWaitMs),
        // History reads only follow doubtful posts; they pause on a 429 like posts do.
        history: new RateGate(0, this.historyWaitMs),
      };
      this.#gates.set(key, gate);
    }
    return gate;
  }
}
