import type { RawFile, RequestData } from 'discord.js';
import { LRUCache } from 'lru-cache';

/** A body ready for discord.js REST: JSON alone, or multipart bytes it passes through as they are. */
export type MessageRequest = Pick<RequestData, 'body' | 'files' | 'passThroughBody' | 'headers'>;

interface Encoded {
  bytes: Buffer;
  contentType: string;
}

/** Bodies kept per file: a reply in each visibility and response type, not every digest nonce. */
const PER_FILE = 8;

/** Keyed by the file's bytes, which the chart cache keeps for as long as it shows them. */
const encoded = new WeakMap<object, LRUCache<string, Promise<Encoded>>>();

/**
 * Requests already built, by the payload object they were built from. A cached answer's first
 * response is one object for as long as the answer is cached (reply.ts), so a repeat reply finds
 * its request here and goes out without serialising or hashing anything. Payloads are never
 * changed once built; the file is checked too.
 */
const built = new WeakMap<object, { file: RawFile; request: MessageRequest }>();

/**
 * The multipart body discord.js would build for `payload` and `files` (a `files[n]` part each,
 * then `payload_json`), encoded by the same standard FormData, as bytes and their content type.
 */
async function encode(payload: string, file: RawFile, data: Uint8Array): Promise<Encoded> {
  const form = new FormData();
  form.append(file.key ?? 'files[0]', new Blob([data], { type: file.contentType }), file.name);
  form.append('payload_json', payload);
  const response = new Response(form);
  const contentType = response.headers.get('content-type');
  if (!contentType) throw new Error('multipart body without a content type');
  return { bytes: Buffer.from(await response.arrayBuffer()), contentType };
}

/**
 * `payload` with `files` as one request body. A chart reply is as cacheable as the answer it
 * shows: the same embed and the same PNG make the same multipart bytes, so they are built once
 * per (payload, file) and sent as they are (`passThroughBody`), instead of discord.js building a
 * FormData, Blobs and a multipart stream around the ~30 KB PNG on every reply. Without files it
 * is discord.js's own JSON path. Synchronous when the request is known already (a repeat of a
 * payload object), so a cached reply waits for nothing before it is sent.
 */
export function messageRequest(
  payload: unknown,
  files: readonly RawFile[] | undefined,
): MessageRequest | Promise<MessageRequest> {
  const [file, ...others] = files ?? [];
  // One file of bytes (a chart) is the case worth keeping; anything else goes as discord.js does.
  if (!file || others.length > 0 || !(file.data instanceof Uint8Array)) {
    return { body: payload, ...(files ? { files: [...files] } : {}) };
  }
  const known = typeof payload === 'object' && payload !== null ? built.get(payload) : undefined;
  if (known && sameFile(known.file, file)) return known.request;
  return encodedRequest(payload, file, file.data);
}

function sameFile(a: RawFile, b: RawFile): boolean {
  return (
    a === b ||
    (a.data === b.data && a.key === b.key && a.name === b.name && a.contentType === b.contentType)
  );
}

/** The multipart request for `payload` and `file`, its bytes shared by every equal payload. */
async function encodedRequest(
  payload: unknown,
  file: RawFile,
  data: Uint8Array,
): Promise<MessageRequest> {
  const json = JSON.stringify(payload);
  let bodies = encoded.get(data);
  if (!bodies) {
    bodies = new LRUCache({ max: PER_FILE });
    encoded.set(data, bodies);
  }
  const key = JSON.stringify([file.key, file.name, file.contentType, json]);
  let body = bodies.get(key);
  if (!body) {
    body = encode(json, file, data);
    bodies.set(key, body);
    // A failed encoding is not kept: the next reply tries again.
    body.catch(() => bodies?.delete(key));
  }
  const { bytes, contentType } = await body;
  const request: MessageRequest = {
    body: bytes,
    passThroughBody: true,
    headers: { 'Content-Type': contentType },
  };
  if (typeof payload === 'object' && payload !== null) built.set(payload, { file, request });
  return request;
}
