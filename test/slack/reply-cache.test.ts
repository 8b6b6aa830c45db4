import { describe, expect, it } from 'vitest';
import { ReplyCache } from '../../src/adapters/slack/reply-cache.js';

describe('ReplyCache', () => {
  const story = {};

  it('keeps at most `capacity` entries, dropping the least recently used', () => {
    const cache = new ReplyCache<number>(2);
    cache.get(story, 'a'); // adopts the owner
    cache.set(story, 'a', 1);
    cache.set(story, 'b', 2);
    expect(cache.get(story, 'a')).toBe(1); // a is now the most recent
    cache.set(story, 'c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get(story, 'b')).toBeUndefined();
    expect(cache.get(story, 'a')).toBe(1);
    expect(cache.get(story, 'c')).toBe(3);
  });

  it('empties itself when the story changes (a reload), and ignores stale writes', () => {
    const cache = new ReplyCache<number>(10);
    cache.get(story, 'a');
    cache.set(story, 'a', 1);
    const reloaded = {};
    expect(cache.get(reloaded, 'a')).toBeUndefined();
    cache.set(story, 'a', 1); // computed from the old story: not kept
    expect(cache.get(reloaded, 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
