import { describe, expect, it } from 'vitest';
import { RenderedCache } from '../../src/adapters/rendered-cache.js';

/** The rendered-answer cache: bounded, least recently used out, emptied by a new story. */

describe('RenderedCache', () => {
  const story = {};

  it('keys a request by command, language and options, whatever the option order', () => {
    expect(RenderedCache.key('ask', 'en', { a: '1', b: '2' })).toBe(
      RenderedCache.key('ask', 'en', { b: '2', a: '1' }),
    );
    expect(RenderedCache.key('ask', 'en', { question: 'x' })).not.toBe(
      RenderedCache.key('ask', 'ja', { question: 'x' }),
    );
    expect(RenderedCache.key('ask', 'en', { question: 'x' })).not.toBe(
      RenderedCache.key('ask', 'en', { question: 'X' }),
    );
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new RenderedCache<string>(2);
    cache.set(story, 'a', 'A');
    cache.set(story, 'b', 'B');
    expect(cache.get(story, 'a')).toBe('A');
    cache.set(story, 'c', 'C');
    expect(cache.get(story, 'b')).toBeUndefined();
    expect(cache.get(story, 'a')).toBe('A');
    expect(cache.get(story, 'c')).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('empties when asked about another story (a reload), and ignores answers from the old one', () => {
    const cache = new RenderedCache<string>(4);
    cache.set(story, 'a', 'A');
    const reloaded = {};
    expect(cache.get(reloaded, 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set(story, 'a', 'stale');
    expect(cache.get(reloaded, 'a')).toBeUndefined();
  });
});
