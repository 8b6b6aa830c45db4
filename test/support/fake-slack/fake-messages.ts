/** A message as the fake stores it, from chat.postMessage. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata: { event_type: string; event_payload: Record<string, unknown> } | undefined;
  unfurlLinks: string | undefined;
  unfurlMedia: string | undefined;
}

const parseJson = (value: unknown): unknown =>
  typeof value === 'string' && value ? JSON.parse(value) : undefined;

/**
 * The channels' messages, as chat.postMessage leaves them and conversations.history reads them:
 * newest first, `oldest`/`latest` bounds, cursor pages, and metadata only when asked for with
 * include_all_metadata (as Slack does).
 */
export class FakeMessages {
  readonly #byChannel = new Map<string, FakeMessage[]>();
  #lastTs = 0;

  constructor(private readonly now: () => number) {}

  /** Stores a posted message; `ts` is unique and increasing, like Slack's. */
  post(body: Record<string, unknown>): FakeMessage {
    const channel = String(body.channel);
    // Microseconds from the fake's clock, nudged up so two posts in one instant differ.
    const micros = Math.max(this.now() * 1000, this.#lastTs + 1);
    this.#lastTs = micros;
    const message: FakeMessage = {
      channel,
      ts: (micros / 1e6).toFixed(6),
      text: String(body.text ?? ''),
      blocks: (parseJson(body.blocks) as unknown[] | undefined) ?? [],
      metadata: parseJson(body.metadata) as FakeMessage['metadata'],
      unfurlLinks: body.unfurl_links as string | undefined,
      unfurlMedia: body.unfurl_media as string | undefined,
    };
    const list = this.#byChannel.get(channel) ?? [];
    list.push(message);
    this.#byChannel.set(channel, list);
    return message;
  }

  in(channel: string): FakeMessage[] {
    return this.#byChannel.get(channel) ?? [];
  }

  all(): FakeMessage[] {
    return [...this.#byChannel.values()].flat();
  }

  /** How many messages each channel holds for each (subscription, slot) digest key. */
  digestCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.all()) {
      const payload = message.metadata?.event_payload;
      const key = `${message.channel}|${payload?.subscription_id}|${payload?.slot}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  history(body: Record<string, unknown>): Record<string, unknown> {
    const oldest = Number(body.oldest ?? 0);
    const latest = body.latest === undefined ? Number.POSITIVE_INFINITY : Number(body.latest);
    const limit = Math.min(999, Number(body.limit ?? 100));
    const offset = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString()) : 0;
    const withMetadata = String(body.include_all_metadata) === 'true';
    const inRange = this.in(String(body.channel))
      .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
      .reverse();
    const page = inRange.slice(offset, offset + limit);
    const more = offset + limit < inRange.length;
    return {
      ok: true,
      messages: page.map((m) => ({
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'BBOT0001',
        ts: m.ts,
        text: m.text,
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      })),
      has_more: more,
      response_metadata: {
        next_cursor: more ? Buffer.from(String(offset + limit)).toString('base64') : '',
      },
    };
  }
}
