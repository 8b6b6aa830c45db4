import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256-GCM: 32-byte keys, a fresh 12-byte nonce per value, a 16-byte tag. */
const ALGORITHM = 'aes-256-gcm';
export const TOKEN_KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

/** Says which key sealed a value, without saying anything about the key itself. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('sakura-bot token key id')
    .update(key)
    .digest('hex')
    .slice(0, 8);
}

/** A base64 key as the variable holds it, or why it is not one. */
export function parseTokenKey(base64: string): Buffer | string {
  const key = Buffer.from(base64, 'base64');
  if (key.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, ''))
    return 'must be base64 (e.g. from `openssl rand -base64 32`)';
  if (key.length !== TOKEN_KEY_BYTES)
    return `must be ${TOKEN_KEY_BYTES} bytes (base64 of them), got ${key.length}`;
  return key;
}

/**
 * Seals Slack tokens for the database and opens them again. A sealed value reads
 * `v1:<key id>:<nonce>:<tag>:<ciphertext>`; the key id lets a rotation go gradually: the
 * current key seals, and values sealed by the previous key still open until they are rewritten.
 * `purpose` is bound in as associated data, so a sealed bot token cannot be passed off as
 * another field.
 */
export class TokenCipher {
  readonly #current: { id: string; key: Buffer };
  readonly #byId = new Map<string, Buffer>();

  constructor(current: Buffer, previous?: Buffer) {
    this.#current = { id: keyIdOf(current), key: current };
    this.#byId.set(this.#current.id, current);
    if (previous) this.#byId.set(keyIdOf(previous), previous);
  }

  seal(plain: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#current.key, iv);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, this.#current.id, iv, tag, body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  /** Throws when the value was sealed by a key we do not hold, or was altered. */
  open(sealed: string, purpose: string): string {
    const [format, id, iv, tag, body] = sealed.split(':');
    if (format !== FORMAT || !id || !iv || !tag || body === undefined)
      throw new Error('not a sealed token');
    const key = this.#byId.get(id);
    if (!key)
      throw new Error(
        'a stored Slack token was sealed with a key that is neither SLACK_TOKEN_ENCRYPTION_KEY nor SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS',
      );
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Whether a sealed value should be sealed again under the current key. */
  isStale(sealed: string): boolean {
    return sealed.split(':')[1] !== this.#current.id;
  }
}
