import type { webApi } from '@slack/bolt';
import type { ChartImage, ChartImages } from '../../chart/index.js';
import type { Answer } from '../../core/index.js';
import type { Logger } from '../../logger.js';

/** Where an image block gets its picture: our own URL, or a file uploaded to the workspace. */
export type ChartSource =
  | { image_url: string; alt: string; title: string }
  | { slack_file: { id: string }; alt: string; title: string };

import { CHARTS_PATH } from '../../http/chart-route.js';

export interface SlackChartsOptions {
  charts: ChartImages | undefined;
  /** Set in HTTP mode with PUBLIC_BASE_URL: Slack loads the PNG from us. */
  publicBaseUrl: string | undefined;
  /**
   * Uploads with files.uploadV2 (needs files:write); used when there is no public URL. Absent
   * in OAuth mode: a file belongs to one workspace, so there charts need PUBLIC_BASE_URL.
   */
  client: webApi.WebClient | undefined;
  logger: Logger;
}

/**
 * How a chart reaches a Slack message, in order of preference:
 * 1. HTTP mode with PUBLIC_BASE_URL: an image block whose `image_url` is our content-addressed
 *    `/charts/<hash>.png` (nothing uploaded, works for ephemeral replies too);
 * 2. otherwise, for public messages only (in-channel answers, digests): the PNG uploaded once
 *    per image with files.uploadV2, not shared to any channel, and shown by `slack_file` id;
 * 3. otherwise (an ephemeral reply, no files:write, an upload that failed): the text chart.
 */
export class SlackCharts {
  /** Uploads under way, by image hash: answers arriving meanwhile wait for the same one. */
  readonly #uploading = new Map<string, Promise<string | undefined>>();
  /** Uploaded files by image hash: one upload per image for the life of the process. */
  readonly #uploaded = new Map<string, string>();

  constructor(private readonly options: SlackChartsOptions) {}

  get mode(): 'url' | 'upload' | 'text' {
    if (!this.options.charts) return 'text';
    if (this.options.publicBaseUrl) return 'url';
    return this.options.client ? 'upload' : 'text';
  }

  /**
   * The chart's source when it is known without a network call (URL mode, or an image already
   * uploaded); 'upload' when `sourceFor` must upload first; undefined to show the text chart.
   */
  ready(answer: Answer): ChartSource | 'upload' | undefined {
    const image = this.options.charts?.imageFor(answer);
    if (!image) return undefined;
    const { alt } = image;
    const title = answer.chart?.caption ?? image.fileName;
    const base = this.options.publicBaseUrl;
    if (base) return { image_url: `${base}${CHARTS_PATH}${image.hash}.png`, alt, title };
    // Nothing is uploaded for a reply only the asker sees, nor without a client to upload with.
    if (answer.visibility !== 'public' || !this.options.client) return undefined;
    const id = this.#uploaded.get(image.hash);
    return id ? { slack_file: { id }, alt, title } : 'upload';
  }

  /** The chart's source, uploading the PNG first where that is the way; undefined: text. */
  async sourceFor(answer: Answer): Promise<ChartSource | undefined> {
    const ready = this.ready(answer);
    if (ready !== 'upload') return ready;
    const image = this.options.charts?.imageFor(answer);
    if (!image) return undefined;
    const id = await this.#upload(image);
    const title = answer.chart?.caption ?? image.fileName;
    return id ? { slack_file: { id }, alt: image.alt, title } : undefined;
  }

  #upload(image: ChartImage): Promise<string | undefined> {
    let upload = this.#uploading.get(image.hash);
    if (!upload) {
      upload = this.#send(image).then((id) => {
        // A failure is not remembered: the next answer tries again (the scope may be added).
        this.#uploading.delete(image.hash);
        if (id) this.#uploaded.set(image.hash, id);
        return id;
      });
      this.#uploading.set(image.hash, upload);
    }
    return upload;
  }

  async #send(image: ChartImage): Promise<string | undefined> {
    try {
      // No channel: the file is shared nowhere by itself; the message shows it by id.
      const result = await this.options.client?.files.uploadV2({
        file: image.png,
        filename: image.fileName,
        title: image.fileName,
        alt_text: image.alt,
      });
      if (!result) return undefined;
      const files = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
      return files[0]?.files?.[0]?.id;
    } catch (err) {
      this.options.logger.warn(
        { err, file: image.fileName },
        'chart upload to Slack failed (is files:write granted?); the chart is shown as text',
      );
      return undefined;
    }
  }
}
