import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** An application's Ed25519 key pair: Discord signs with the private half. */
export interface AppKeys {
  privateKey: KeyObject;
  /** What DISCORD_PUBLIC_KEY is set to: the raw 32-byte key in hex, as the portal shows it. */
  publicKeyHex: string;
}

export function appKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKeyHex: Buffer.from(jwk.x ?? '', 'base64url').toString('hex') };
}

export interface SignOptions {
  /** Seconds since the epoch (default now). */
  timestamp?: number;
  /** Sign with another key: a forgery. */
  key?: KeyObject;
  /** Leave the signature headers out. */
  unsigned?: boolean;
}

/** The headers Discord sends with an interaction: the signature over timestamp + body. */
export function signedHeaders(
  keys: AppKeys,
  body: string,
  options: SignOptions = {},
): Record<string, string> {
  const base = { 'content-type': 'application/json' };
  if (options.unsigned) return base;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), options.key ?? keys.privateKey);
  return {
    ...base,
    'x-signature-ed25519': signature.toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}

export interface EndpointReply {
  status: number;
  json: { type?: number; data?: unknown } | undefined;
}

/** POSTs `payload` to a bot's /discord/interactions as Discord would. */
export async function postInteraction(
  baseUrl: string,
  keys: AppKeys,
  payload: unknown,
  options: SignOptions = {},
): Promise<EndpointReply> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${baseUrl}/discord/interactions`, {
    method: 'POST',
    headers: signedHeaders(keys, body, options),
    body,
  });
  const raw = await res.text();
  const json = res.headers.get('content-type')?.includes('application/json')
    ? (JSON.parse(raw) as EndpointReply['json'])
    : undefined;
  return { status: res.status, json };
}
