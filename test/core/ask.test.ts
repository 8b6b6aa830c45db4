import { describe, expect, it } from 'vitest';
import { syntheticStory } from '../../bench/synthetic-story.js';
import { factIndexFor } from '../../src/core/index.js';
import { answer, story } from '../support/story.js';
import { IN_SCOPE, OUT_OF_SCOPE } from './ask-questions.js';

const index = factIndexFor(story);

describe('ask: questions the story answers', () => {
  it.each(IN_SCOPE)('$question', ({ question, top }) => {
    const result = index.ask(question);
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    const first = result.facts[0]?.id;
    const allowed = Array.isArray(top) ? top : [top];
    expect(allowed).toContain(first);
    expect(result.facts.length).toBeLessThanOrEqual(3);
  });
});

describe('ask: questions the story cannot answer', () => {
  it.each(OUT_OF_SCOPE)('$question', ({ question }) => {
    expect(index.ask(question).kind).toBe('notCovered');
  });

  it('keeps a third of the question set out of scope', () => {
    const total = IN_SCOPE.length + OUT_OF_SCOPE.length;
    expect(total).toBeGreaterThanOrEqual(40);
    expect(OUT_OF_SCOPE.length / total).toBeGreaterThanOrEqual(1 / 3);
  });
});

describe('ask command', () => {
  it('answers with the matching facts, ranked and cited', () => {
    const reply = answer('ask', 'en', { question: 'How much is Microsoft investing?' });
    expect(reply.title).toBe('What the story says');
    expect(reply.bullets?.[0]).toContain('$10 billion');
    expect(reply.bullets?.[0]).toContain('(Key Details of the Investment)');
    expect(reply.sources[0]).toEqual({
      title: story.source.title,
      date: '2026-04-03',
      section: 'Key Details of the Investment',
    });
    expect(reply.asOf).toBe('2026-04-03');
  });

  it('answers in Japanese with Japanese fact text', () => {
    const reply = answer('ask', 'ja', { question: 'さくらインターネットの株価は？' });
    expect(reply.title).toBe('記事の記載');
    expect(reply.bullets?.[0]).toContain('20.2%上昇');
  });

  it('says the story does not say, then what it covers, instead of guessing', () => {
    const reply = answer('ask', 'en', { question: "What will Sakura's share price be tomorrow?" });
    expect(reply.title).toBe('The story does not say.');
    expect(reply.lead).toMatch(/^It covers: share moves, the investment/);
    expect(reply.bullets).toBeUndefined();
    expect(reply.fields).toBeUndefined();
  });

  it('says so in Japanese too', () => {
    const reply = answer('ask', 'ja', { question: 'トヨタの株価は？' });
    expect(reply.title).toBe('記事には記載がありません。');
    expect(reply.lead).toContain('株価の動き');
  });

  it('carries the caveat when the source is inconsistent', () => {
    const reply = answer('ask', 'en', {
      question: 'Which other Japanese IT companies are involved?',
    });
    expect(reply.caveats?.join(' ')).toContain('names only four');
  });
});

describe('ask on a large store', () => {
  // The real facts inside 2,000 generated ones: common words ("shares", "rose") then only
  // re-rank, so the first answer must still be one the article alone ranks in its top three.
  const large = factIndexFor(syntheticStory(story, 2_000));

  it.each(IN_SCOPE)('$question', ({ question }) => {
    const alone = index.ask(question);
    const result = large.ask(question);
    expect(result.kind).toBe('found');
    if (result.kind !== 'found' || alone.kind !== 'found') return;
    expect(alone.facts.map((fact) => fact.id)).toContain(result.facts[0]?.id);
  });
});
