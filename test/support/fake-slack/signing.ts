import { createHmac } from 'node:crypto';

/**
 * Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret, sent as `x-slack-signature: v0=<hex>` next to `x-slack-request-timestamp`.
 */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}

/** The headers Slack sends with a slash command; the content type is exact, with no charset. */
export function signedHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}
