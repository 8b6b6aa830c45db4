import { describe, expect, it } from 'vitest';
import { answer, story } from '../support/story.js';

/** Data defects the review of issue 11 found, each checked against the story file. */
const fact = (id: string) => {
  const found = story.facts.find((f) => f.id === id);
  if (!found) throw new Error(`no fact ${id}`);
  return found;
};

describe('the story data says only what the article says', () => {
  it("attributes only the one-in-five figure to Smith; the one-in-six comparison is the article's", () => {
    const smith = fact('genai-adoption');
    expect(smith.entities).toEqual(['brad-smith']);
    expect(smith.text.en).not.toMatch(/one in six|global/);
    expect(smith.text.ja).not.toContain('6人に1人');
    const comparison = fact('genai-global-comparison');
    expect(comparison.entities).not.toContain('brad-smith');
    expect(comparison.text.en).toMatch(/^The article adds/);
    expect(comparison.caveat?.en).toContain('not attributed to Smith');
  });

  it('states the five-announced, four-named gap as a fact with its figures, not only a caveat', () => {
    const gap = fact('it-partners-count');
    expect(gap.text.en).toContain('names only four');
    expect(gap.values.map((v) => (v.kind === 'count' ? v.value : undefined))).toEqual([5, 4]);
  });

  it('does not take NTT for NTT Data', () => {
    const nttData = story.entities.find((entity) => entity.id === 'ntt-data');
    expect(nttData?.aliases.map((alias) => alias.toLowerCase())).not.toContain('ntt');
  });

  it('dates the events, not the article, which is undated', () => {
    expect(story.source).toEqual({ title: story.source.title, eventsDate: '2026-04-03' });
    expect(fact('source-undated').text.en).toContain('gives no publication date');
    expect(answer('source').fields).toContainEqual({
      label: 'Published',
      value: 'not given in the article',
    });
  });

  it('has a fact for each of the conclusion’s three sentences and for the GPUs’ purpose', () => {
    const conclusion = story.facts.filter((f) => f.section === 'Conclusion').map((f) => f.id);
    expect(conclusion).toEqual(['conclusion-step', 'conclusion-skills', 'conclusion-key-player']);
    expect(fact('gpu-purpose').text.en).toContain('essential for running advanced AI models');
    expect(fact('implication-domestic-ai').text.en).toContain('domestic large language models');
    expect(fact('it-partners-aim').text.en).toContain('competitive');
  });

  it('gives the headline figure for every fact with a share move or the pledge', () => {
    for (const id of ['share-sakura-internet', 'share-softbank-corp', 'share-softbank-group']) {
      expect(fact(id).headline?.en).toMatch(/shares rose [\d.]+% on 3 April 2026$/);
    }
    expect(fact('investment-pledge').headline?.en).toContain('$10 billion');
  });
});
