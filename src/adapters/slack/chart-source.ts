import type { webApi } from '@slack/bolt';
import type { ChartImage, ChartImages } from '../../chart/index.js';
import type { Answer } from '../../core/index.js';
import type { Logger } from '../../logger.js';
import type { SlackFileStore } from '../../store/contract.js';

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
  /**
   * Where uploads are remembered by (workspace, image hash), so a restart or another replica
   * shows the file already uploaded; absent (no store), one upload per image per process.
   */
  files?: SlackFileStore | undefined;
  /** The upload token's workspace, the store's key (SlackClients.tokenWorkspace). */
  workspace: () => Promise<string | undefined>;
  logger: Logger;
  now?: () => Date;
}

/**
 * How a chart reaches a Slack message, in order of preference:
 * 1. HTTP mode with PUBLIC_BASE_URL: an image block whose `image_url` is our content-addressed
 *    `/charts/<hash>.png` (nothing uploaded, works for ephemeral replies too);
 * 2. otherwise, for public messages only (in-channel answers, digests): the PNG uploaded once
 *    per image and workspace with files.uploadV2, not shared to any channel, shown by
 *    `slack_file` id, and remembered in the store so restarts and replicas reuse it;
 * 3. otherwise (an ephemeral reply, no files:write, an upload that failed): the text chart.
 */
export class SlackCharts {
  /** Lookups and uploads under way, by image hash: answers arriving meanwhile share them. */
  readonly #uploading = new Map<string, Promise<string | undefined>>();
  /** Files known to be there, by image hash (this process's one workspace). */
  readonly #uploaded = new Map<string, string>();
  /** What replies showing files are cached under, per story; renewed when a file is gone. */
  #cacheOwners = new WeakMap<object, object>();

  constructor(private readonly options: SlackChartsOptions) {}

  get mode(): 'url' | 'upload' | 'text' {
    if (!this.options.charts) return 'text';
    if (this.options.publicBaseUrl) return 'url';
    return this.options.client ? 'upload' : 'text';
  }

  /**
   * The chart's source when it is known without a call (URL mode, or a file this process
   * already knows); 'upload' when `sourceFor` must look it up or upload it; undefined: text.
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

  /**
   * What rendered replies are cached under for `story` (RenderedCache empties itself for a new
   * owner): the same object until a file is found gone, so no cached reply shows a dead file.
   */
  cacheOwner(story: object): object {
    let owner = this.#cacheOwners.get(story);
    if (!owner) {
      owner = {};
      this.#cacheOwners.set(story, owner);
    }
    return owner;
  }

  /** The chart's source, finding or uploading the file first where that is the way; undefined: text. */
  async sourceFor(answer: Answer): Promise<ChartSource | undefined> {
    const ready = this.ready(answer);
    if (ready !== 'upload') return ready;
    const image = this.options.charts?.imageFor(answer);
    if (!image) return undefined;
    const id = await this.#fileFor(image);
    const title = answer.chart?.caption ?? image.fileName;
    return id ? { slack_file: { id }, alt: image.alt, title } : undefined;
  }

  /**
   * Slack said the file `source` shows is gone (an admin deleted it): forgets it here and in
   * the store (unless a replica has already replaced it), and gives the source to post instead,
   * which uploads the image again. Callers do this once per message.
   */
  async replaceGone(answer: Answer, source: ChartSource): Promise<ChartSource | undefined> {
    const image = this.options.charts?.imageFor(answer);
    if (!image || !('slack_file' in source)) return undefined;
    const gone = source.slack_file.id;
    this.options.logger.warn(
      { file: gone, image: image.fileName },
      'an uploaded chart is no longer in Slack (deleted?); uploading it again',
    );
    if (this.#uploaded.get(image.hash) === gone) this.#uploaded.delete(image.hash);
    this.#cacheOwners = new WeakMap();
    const team = await this.#teamId();
    if (team) {
      await this.options.files?.forget(team, image.hash, gone).catch((err: unknown) => {
        this.options.logger.warn({ err, file: gone }, 'could not forget a deleted chart file');
      });
    }
    return this.sourceFor(answer);
  }

  #fileFor(image: ChartImage): Promise<string | undefined> {
    let pending = this.#uploading.get(image.hash);
    if (!pending) {
      pending = this.#findOrUpload(image).then((id) => {
        // A failure is not remembered: the next answer tries again (the scope may be added).
        this.#uploading.delete(image.hash);
        if (id) this.#uploaded.set(image.hash, id);
        return id;
      });
      this.#uploading.set(image.hash, pending);
    }
    return pending;
  }

  async #findOrUpload(image: ChartImage): Promise<string | undefined> {
    const { files, logger } = this.options;
    const team = files ? await this.#teamId() : undefined;
    if (files && team) {
      try {
        const known = await files.find(team, image.hash);
        if (known) return known;
      } catch (err) {
        // The store is down: upload anyway (one more file) rather than show no chart.
        logger.warn({ err }, 'could not look up uploaded chart files in the store');
      }
    }
    const uploaded = await this.#send(image);
    if (!uploaded || !files || !team) return uploaded;
    let kept = uploaded;
    try {
      kept = await files.remember(team, image.hash, uploaded, this.options.now?.() ?? new Date());
    } catch (err) {
      logger.warn({ err, file: uploaded }, 'could not remember an uploaded chart file');
    }
    // Another replica uploaded the same image first and its file is the one stored: ours would
    // only pile up (nothing refers to it), so it goes.
    if (kept !== uploaded) await this.#delete(uploaded);
    return kept;
  }

  async #delete(fileId: string): Promise<void> {
    try {
      await this.options.client?.files.delete({ file: fileId });
    } catch (err) {
      this.options.logger.warn({ err, file: fileId }, 'could not delete a duplicate chart upload');
    }
  }

  /** The workspace the token belongs to; undefined (asked again next time) when Slack won't say. */
  async #teamId(): Promise<string | undefined> {
    try {
      return await this.options.workspace();
    } catch (err) {
      this.options.logger.warn({ err }, 'auth.test failed; chart uploads are not remembered');
      return undefined;
    }
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
