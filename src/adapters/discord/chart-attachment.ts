import type { APIAttachment, RawFile } from 'discord.js';
import type { ChartImage } from '../../chart/index.js';

/** Discord's limit on an attachment's description (its alt text). */
const DESCRIPTION_MAX = 1024;

/** What the embed's `image.url` names: the file sent with the same message. */
export function attachmentUrl(image: ChartImage): string {
  return `attachment://${image.fileName}`;
}

/**
 * The message's `attachments` entry for the chart: `id` 0 is the multipart part `files[0]`,
 * and the description is the chart in words, which Discord gives screen readers as alt text.
 */
export function chartAttachments(
  image: ChartImage,
): Pick<APIAttachment, 'id' | 'filename' | 'description'>[] {
  return [{ id: '0', filename: image.fileName, description: image.alt.slice(0, DESCRIPTION_MAX) }];
}

/** One list per image, so every reply showing it names the same file (multipart.ts keys on it). */
const files = new WeakMap<ChartImage, readonly RawFile[]>();

/** The PNG as discord.js sends it: the multipart part `files[0]`. */
export function chartFiles(image: ChartImage | undefined): readonly RawFile[] | undefined {
  if (!image) return undefined;
  let list = files.get(image);
  if (!list) {
    list = [{ key: 'files[0]', name: image.fileName, data: image.png, contentType: 'image/png' }];
    files.set(image, list);
  }
  return list;
}
