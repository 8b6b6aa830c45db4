import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** Discord's own window is unspecified; five minutes is Slack's, and stops a replayed request. */
export const MAX_SIGNATURE_AGE_S = 300;

/** The application's Public Key (64 hex digits) as a key node:crypto verifies Ed25519 with. */
export function discordPublicKey(hex: string): KeyObject {
  const x = Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Discord signs `X-Signature-Timestamp` + the raw body with the application's key and sends the
 * signature in `X-Signature-Ed25519`. A missing, malformed, wrong or stale signature fails.
 */
export function checkSignature(
  key: KeyObject,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: Buffer,
  nowMs: number,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'malformed signature headers' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_S)
    return { ok: false, reason: 'stale timestamp' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'bad signature' };
}
