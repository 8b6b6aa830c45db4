import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type InstallURLOptions, InvalidStateError, type StateStore } from '@slack/oauth';
import type { SlackInstallationStore } from '../../../store/contract.js';

/** How long an "Add to Slack" link stays good: enough to read Slack's consent screen. */
export const STATE_TTL_MS = 10 * 60_000;

/**
 * OAuth states that are signed and single-use. The install page hands out `<id>.<hmac>` (HMAC
 * under SLACK_STATE_SECRET) and records the id; the redirect must bring back a state whose
 * signature checks AND whose id is consumed now, once, before it expires, on any replica. A
 * forged state fails the signature; a replayed one (the same redirect URL opened again, or a
 * stolen one) finds its id gone. Bolt's default store signs but cannot tell a replay.
 */
export class SingleUseStateStore implements StateStore {
  constructor(
    private readonly store: SlackInstallationStore,
    private readonly secret: string,
    private readonly installOptions: InstallURLOptions,
  ) {}

  async generateStateParam(_options: InstallURLOptions, now: Date): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    await this.store.putState(id, new Date(now.getTime() + STATE_TTL_MS), now);
    return `${id}.${this.#sign(id)}`;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [id, signature, extra] = state.split('.');
    if (!id || !signature || extra !== undefined || !this.#signedBy(id, signature))
      throw new InvalidStateError('the state was not issued by this app');
    if (!(await this.store.consumeState(id, now)))
      throw new InvalidStateError('the state has expired or was already used');
    return this.installOptions;
  }

  #sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }

  #signedBy(id: string, signature: string): boolean {
    const expected = Buffer.from(this.#sign(id));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
