import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { digestAnswer } from '../../src/core/index.js';
import { type FakeWebApi, startFakeWebApi } from '../support/fake-slack/fake-web-api.js';
import { blockKitProblems, type ReplyJson, visibleText } from './block-kit-check.js';
import { at, FakeClock, tempDatabase } from './digest-support.js';
import { type SlackHarness, startHarness } from './harness.js';

/**
 * Charts on Slack, each way they can go: our own URL in HTTP mode with PUBLIC_BASE_URL; the
 * PNG uploaded once (files.uploadV2) and shown by file id otherwise, remembered in the store
 * per workspace; the text chart when the upload is refused.
 */

const imageOf = (reply: ReplyJson) => reply.blocks?.find((block) => block.type === 'image');
const lease = () => new AbortController().signal;

describe('HTTP mode with PUBLIC_BASE_URL: image blocks load /charts/<hash>.png from us', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness({ env: { PUBLIC_BASE_URL: 'https://sakura.example.org/' } });
  });
  afterAll(() => h?.close());

  it('answers in the ack with an image block whose alt text gives the numbers', async () => {
    const { json } = await h.slash('stocks lang:ja');
    const reply = json as ReplyJson;
    expect(blockKitProblems(reply)).toEqual([]);
    const image = imageOf(reply);
    expect(image?.image_url).toMatch(/^https:\/\/sakura\.example\.org\/charts\/[\w-]{22}\.png$/);
    expect(image?.alt_text).toBe(
      '2026年4月3日の株価変化率: さくらインターネット +20.2%, ソフトバンク株式会社 +1.02%, ソフトバンクグループ +0.22%',
    );
    // The fields stay as text; the text bars are replaced by the picture.
    expect(visibleText(reply)).toContain('*さくらインターネット（東証：3778）*\n+20.2%');
    expect(visibleText(reply)).not.toContain('█');
    // Nothing uploaded.
    expect(h.api.calls.filter((call) => call.method.startsWith('files.'))).toEqual([]);
  });

  it('serves the PNG at that path with immutable caching, and 304 for a cached copy', async () => {
    const { json } = await h.slash('stocks');
    const path = new URL(imageOf(json as ReplyJson)?.image_url ?? '').pathname;
    const res = await fetch(`${h.baseUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    const etag = res.headers.get('etag') ?? '';
    const again = await fetch(`${h.baseUrl}${path}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${h.baseUrl}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('404 (not cached) for an unknown chart, 405 for anything but GET and HEAD', async () => {
    const missing = await fetch(`${h.baseUrl}/charts/AAAAAAAAAAAAAAAAAAAAAA.png`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${h.baseUrl}/charts/x`, { method: 'POST' })).status).toBe(405);
  });

  it('digests use the URL too', async () => {
    const target = { platform: 'slack' as const, workspaceId: 'T0001', channelId: 'C0DIGEST1' };
    const key = { subscriptionId: 1, slot: new Date('2026-04-06T00:00:00Z') };
    const outcome = await h.running.poster.post(target, digestAnswer(h.story, 'en'), key, lease());
    expect(outcome.status).toBe('sent');
    const post = h.api.calls.find((call) => call.method === 'chat.postMessage');
    const blocks = JSON.parse(String(post?.body.blocks)) as ReplyJson['blocks'];
    expect(imageOf({ blocks })?.image_url).toMatch(/\/charts\/[\w-]{22}\.png$/);
  });
});

describe('without a public URL: the PNG uploaded once, shown by file id', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('a digest uploads the chart once, to no channel, and posts it by file id', async () => {
    const target = { platform: 'slack' as const, workspaceId: 'T0001', channelId: 'C0DIGEST2' };
    for (const minute of [0, 1]) {
      const key = { subscriptionId: 2, slot: new Date(Date.UTC(2026, 3, 6, 0, minute)) };
      const outcome = await h.running.poster.post(
        target,
        digestAnswer(h.story, 'ja'),
        key,
        lease(),
      );
      expect(outcome.status).toBe('sent');
    }
    expect(h.api.count('files.getUploadURLExternal')).toBe(1);
    expect(h.api.count('files.completeUploadExternal')).toBe(1);
    const [file] = [...h.api.files.values()];
    expect(file).toMatchObject({
      filename: 'stocks-ja.png',
      completed: true,
      channelId: undefined,
    });
    expect(file?.data?.length).toBe(file?.length);
    const posts = h.api.calls.filter((call) => call.method === 'chat.postMessage');
    for (const post of posts) {
      const blocks = JSON.parse(String(post.body.blocks)) as ReplyJson['blocks'];
      expect(imageOf({ blocks })?.slack_file).toEqual({ id: file?.id });
    }
  });

  it('a refused upload (no files:write) shows the text chart, and the next answer tries again', async () => {
    h.api.faults = ({ method }) =>
      method === 'files.getUploadURLExternal'
        ? { kind: 'error', error: 'missing_scope' }
        : undefined;
    try {
      const first = await h.slash('stocks');
      const reply = (await h.responses.waitFor(first.responseUrl)).body as ReplyJson;
      expect(imageOf(reply)).toBeUndefined();
      expect(visibleText(reply)).toContain('█');
      expect(visibleText(reply)).toContain('+20.2%');
    } finally {
      h.api.faults = undefined;
    }
    const second = await h.slash('stocks');
    const reply = (await h.responses.waitFor(second.responseUrl)).body as ReplyJson;
    expect(imageOf(reply)?.slack_file?.id).toMatch(/^F/);
  });
});

describe('without a public URL, with a store: one upload per image and workspace, across restarts and replicas', () => {
  let api: FakeWebApi;
  let db: ReturnType<typeof tempDatabase>;
  let running: SlackHarness[] = [];
  let minute = 0;
  /** One bot process on the shared fake Slack and the shared SQLite file. */
  const startBot = async (env: Record<string, string> = {}) => {
    const h = await startHarness({
      api,
      digestClock: new FakeClock(at(0)),
      env: { DATABASE_PATH: db.path, ...env },
    });
    running.push(h);
    return h;
  };
  const stopBot = async (h: SlackHarness) => {
    running = running.filter((other) => other !== h);
    await h.close();
  };
  const postDigest = (h: SlackHarness, channelId = 'C0DIGEST3') => {
    minute += 1;
    const key = { subscriptionId: 3, slot: new Date(Date.UTC(2026, 3, 6, 0, minute)) };
    const target = { platform: 'slack' as const, workspaceId: 'T0001', channelId };
    return h.running.poster.post(target, digestAnswer(h.story, 'ja'), key, lease());
  };
  const postsTo = (channelId: string) =>
    api.calls.filter(
      (call) => call.method === 'chat.postMessage' && call.body.channel === channelId,
    );
  /** The file the last post to the channel showed. */
  const shownIn = (channelId = 'C0DIGEST3') => {
    const blocks = JSON.parse(
      String(postsTo(channelId).at(-1)?.body.blocks),
    ) as ReplyJson['blocks'];
    return imageOf({ blocks })?.slack_file?.id ?? '';
  };
  const uploads = () => api.count('files.getUploadURLExternal');

  beforeEach(async () => {
    api = await startFakeWebApi();
    db = tempDatabase();
  });
  afterEach(async () => {
    for (const h of running) await h.close();
    running = [];
    await api.close();
    db.remove();
  });

  it('a restart shows the file uploaded before; a file deleted in Slack is uploaded again, once', async () => {
    const first = await startBot();
    expect((await postDigest(first)).status).toBe('sent');
    const original = shownIn();
    expect(original).toMatch(/^F/);
    await stopBot(first);

    const second = await startBot();
    expect((await postDigest(second)).status).toBe('sent');
    expect(shownIn()).toBe(original);
    expect(uploads()).toBe(1);

    // An admin deletes the file: Slack refuses the next post naming it; the bot uploads the
    // image again and posts once more, and the channel is not paused.
    const file = api.files.get(original);
    if (file) file.deleted = true;
    const before = postsTo('C0DIGEST3').length;
    expect((await postDigest(second)).status).toBe('sent');
    expect(uploads()).toBe(2);
    expect(postsTo('C0DIGEST3').length - before).toBe(2);
    const replacement = shownIn();
    expect(replacement).not.toBe(original);
    expect(api.files.get(replacement)?.completed).toBe(true);
    await stopBot(second);

    // The store now holds the replacement: the next start shows it without uploading.
    const third = await startBot();
    expect((await postDigest(third)).status).toBe('sent');
    expect(shownIn()).toBe(replacement);
    expect(uploads()).toBe(2);
  });

  it('an in-channel answer showing a file deleted in Slack uploads it again, once, and caches the new one', async () => {
    const first = await startBot();
    const asked = await first.slash('stocks lang:ja');
    const original = imageOf((await first.responses.waitFor(asked.responseUrl)).body as ReplyJson)
      ?.slack_file?.id;
    expect(original).toMatch(/^F/);
    await stopBot(first);

    const file = api.files.get(original ?? '');
    if (file) file.deleted = true;
    const second = await startBot();
    // response_url refuses a message showing a file that is not there (400, no detail).
    second.responses.refuse = (body) => {
      const id = imageOf(body as ReplyJson)?.slack_file?.id;
      return id !== undefined && (api.files.get(id)?.deleted ?? true);
    };
    const again = await second.slash('stocks lang:ja');
    const answered = (await second.responses.waitFor(again.responseUrl)).body as ReplyJson;
    expect(second.responses.refused).toBe(1);
    const replacement = imageOf(answered)?.slack_file?.id;
    expect(replacement).toMatch(/^F/);
    expect(replacement).not.toBe(original);
    expect(uploads()).toBe(2);
    // The next answer comes in the ack, from the reply cache, with the new file.
    const cached = await second.slash('stocks lang:ja');
    expect(imageOf(cached.json as ReplyJson)?.slack_file?.id).toBe(replacement);
    expect(uploads()).toBe(2);
  });

  it('when the new upload is refused too, the text chart goes out and no cached reply shows the dead file', async () => {
    const first = await startBot();
    const asked = await first.slash('stocks lang:ja');
    const original = imageOf((await first.responses.waitFor(asked.responseUrl)).body as ReplyJson)
      ?.slack_file?.id;
    await stopBot(first);
    const file = api.files.get(original ?? '');
    if (file) file.deleted = true;
    const second = await startBot();
    second.responses.refuse = (body) => imageOf(body as ReplyJson)?.slack_file?.id === original;
    api.faults = ({ method }) =>
      method === 'files.getUploadURLExternal'
        ? { kind: 'error', error: 'missing_scope' }
        : undefined;
    const again = await second.slash('stocks lang:ja');
    const answered = (await second.responses.waitFor(again.responseUrl)).body as ReplyJson;
    expect(imageOf(answered)).toBeUndefined();
    expect(visibleText(answered)).toContain('█');
    // Not answered from a cache holding the refused reply: looked up, and uploaded, afresh.
    api.faults = undefined;
    const next = await second.slash('stocks lang:ja');
    expect(next.json).toBeUndefined();
    const reply = (await second.responses.waitFor(next.responseUrl)).body as ReplyJson;
    expect(imageOf(reply)?.slack_file?.id).not.toBe(original);
    expect(imageOf(reply)?.slack_file?.id).toMatch(/^F/);
  });

  it('two replicas uploading the same image at once keep one file and delete the other', async () => {
    const [a, b] = [await startBot(), await startBot()];
    // Both have looked in the store and started uploading before either upload is done.
    api.faults = ({ method }) =>
      method === 'files.getUploadURLExternal' ? { kind: 'slow', delayMs: 300 } : undefined;
    const outcomes = await Promise.all([postDigest(a, 'C0DIGESTA'), postDigest(b, 'C0DIGESTB')]);
    api.faults = undefined;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['sent', 'sent']);
    expect(uploads()).toBe(2);
    const kept = shownIn('C0DIGESTA');
    expect(shownIn('C0DIGESTB')).toBe(kept);
    expect(api.count('files.delete')).toBe(1);
    const files = [...api.files.values()];
    expect(files.filter((file) => file.deleted).map((file) => file.id)).toEqual(
      files.map((file) => file.id).filter((id) => id !== kept),
    );
  });

  it('another workspace on the same store uploads its own file and never shows ours', async () => {
    const ours = await startBot();
    expect((await postDigest(ours)).status).toBe('sent');
    const ourFile = shownIn();
    const theirs = await startBot({ SLACK_BOT_TOKEN: api.oauth.botTokenFor('T0002') });
    expect((await postDigest(theirs, 'C0THEIRS1')).status).toBe('sent');
    const theirFile = shownIn('C0THEIRS1');
    expect(theirFile).not.toBe(ourFile);
    expect(api.files.get(theirFile)?.teamId).toBe('T0002');
    expect(api.files.get(ourFile)?.teamId).toBe('T0001');
    expect(uploads()).toBe(2);
  });
});
