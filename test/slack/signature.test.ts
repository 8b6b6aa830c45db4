import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { SIGNING_SECRET } from '../support/fake-slack/credentials.js';
import { signedHeaders, slackSignature } from '../support/fake-slack/signing.js';
import { slashCommandBody } from '../support/fake-slack/slash-payload.js';
import { countingCommand } from './counting-command.js';
import { type SlackHarness, startHarness } from './harness.js';

const counter = countingCommand();
let h: SlackHarness;
beforeAll(async () => {
  h = await startHarness({ commands: [...commands, counter.command] });
});
afterAll(() => h.close());

function body(): string {
  return slashCommandBody({ text: 'count', response_url: h.responses.next() });
}

describe('request signatures', () => {
  it('a correctly signed request runs the command (the control for the cases below)', async () => {
    const before = counter.runs();
    const result = await h.slash('count');
    expect(result.status).toBe(200);
    expect(counter.runs()).toBe(before + 1);
  });

  it.each([
    ['a forged signature', (b: string) => ({ ...signedHeaders('not-the-secret-at-all', b) })],
    [
      'a timestamp older than five minutes, correctly signed',
      (b: string) => signedHeaders(SIGNING_SECRET, b, Math.floor(Date.now() / 1000) - 5 * 60 - 30),
    ],
    [
      'a signature over a different body',
      (b: string) => signedHeaders(SIGNING_SECRET, `${b}&text=stocks`),
    ],
    [
      'no signature headers',
      (_b: string) => ({ 'content-type': 'application/x-www-form-urlencoded' }),
    ],
    [
      'a signature for the right body but another timestamp',
      (b: string) => {
        const now = Math.floor(Date.now() / 1000);
        return {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(now),
          'x-slack-signature': slackSignature(SIGNING_SECRET, now - 1, b),
        };
      },
    ],
  ])('%s gets 401 and runs no handler', async (_name, headersFor) => {
    const before = counter.runs();
    const posted = h.responses.received.length;
    const b = body();
    const result = await h.slash('count', { body: b, headers: headersFor(b) });
    expect(result.status).toBe(401);
    expect(result.json).toBeUndefined();
    expect(counter.runs()).toBe(before);
    expect(h.responses.received.length).toBe(posted);
    // Nothing reached the Web API beyond the start-up token check.
    expect(h.api.calls.map((c) => c.method)).toEqual(['auth.test']);
  });
});
