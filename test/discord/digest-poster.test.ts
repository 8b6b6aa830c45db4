import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classifyPostError } from '../../src/adapters/discord/digest/errors.js';
import { digestNonce, NONCE_MAX } from '../../src/adapters/discord/digest/poster.js';

/** The digest nonce, and what each kind of failed send means for the schedule. */

const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'POST', '/channels/1/messages', {});

describe('the digest nonce', () => {
  it('is the same for a (subscription, slot), different otherwise, and at most 25 characters', () => {
    const slot = new Date('2026-04-06T00:00:00Z');
    const key = { subscriptionId: 42, slot };
    expect(digestNonce(key)).toBe(digestNonce({ subscriptionId: 42, slot: new Date(slot) }));
    expect(digestNonce(key)).not.toBe(digestNonce({ subscriptionId: 43, slot }));
    expect(digestNonce(key)).not.toBe(
      digestNonce({ subscriptionId: 42, slot: new Date(slot.getTime() + 60_000) }),
    );
    const longest = digestNonce({
      subscriptionId: Number.MAX_SAFE_INTEGER,
      slot: new Date(8.64e15),
    });
    expect(longest.length).toBeLessThanOrEqual(NONCE_MAX);
  });
});

describe('classifying a failed send', () => {
  it.each([
    [404, 10003, 'Unknown Channel', /^Unknown Channel: /],
    [403, 50001, 'Missing Access', /^Missing Access: /],
    [403, 50013, 'Missing Permissions', /^Missing Permissions: /],
    [400, 50008, 'Cannot send messages in a non-text channel', /non-text channel/],
    [403, 0, 'Forbidden', /^Discord refused the channel \(403 0: Forbidden\)/],
    [404, 0, '404: Not Found', /^Discord refused the channel \(404 0/],
  ])('%i %i %s: pauses, with a reason an admin can act on', (status, code, message, reason) => {
    const outcome = classifyPostError(apiError(status, code, message));
    expect(outcome.status).toBe('permanent');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).toContain('/sakura-digest subscribe again');
  });

  it('retries what passes: 5xx, 429, slowmode, timeouts, dropped connections', () => {
    const timeout = new DOMException('This operation was aborted', 'AbortError');
    const limited = new RateLimitError({
      timeToReset: 30_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: '/channels/1/messages',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 30_000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    for (const error of [
      new HTTPError(503, 'Service Unavailable', 'POST', '/channels/1/messages', {}),
      apiError(429, 20028, 'Channel write rate limit'),
      apiError(400, 20016, 'Slowmode rate limit'),
      timeout,
      new TypeError('fetch failed'),
    ]) {
      expect(classifyPostError(error).status).toBe('transient');
    }
    expect(classifyPostError(limited)).toEqual({
      status: 'transient',
      reason: 'rate limited for 30000 ms (/channels/:id/messages)',
      retryAfterMs: 30_000,
    });
  });

  it('retries a refusal that would hit every channel alike (a body Discord rejects)', () => {
    expect(classifyPostError(apiError(400, 50035, 'Invalid Form Body')).status).toBe('transient');
  });

  it("reports a rejected token as the platform's problem: the 401, and every send after it", () => {
    expect(classifyPostError(apiError(401, 0, '401: Unauthorized')).status).toBe('unauthorized');
    // discord.js drops the token on a 401 and fails later requests itself, before sending.
    const dropped = new Error('Expected token to be set for this request, but none was present');
    expect(classifyPostError(dropped).status).toBe('unauthorized');
  });
});
