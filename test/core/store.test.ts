import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStories, StoryDataError } from '../../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../../src/paths.js';

const realFile = join(DEFAULT_STORIES_DIR, 'microsoft-japan-ai-2026.json');
const realJson = () => JSON.parse(readFileSync(realFile, 'utf8'));
/** Where a fact sits in the real file, so these tests survive facts being added or reordered. */
const factIndex = (id: string): number =>
  realJson().facts.findIndex((fact: { id: string }) => fact.id === id);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-stories-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): void {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

function loadError(): string {
  try {
    loadStories(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(StoryDataError);
    return (error as Error).message;
  }
  throw new Error('expected the load to fail');
}

describe('story store', () => {
  it('loads the real story with every fact', () => {
    const { defaultStory, stories } = loadStories(DEFAULT_STORIES_DIR);
    expect(stories.size).toBe(1);
    expect(defaultStory.id).toBe('microsoft-japan-ai-2026');
    expect(defaultStory.facts.length).toBe(realJson().facts.length);
    const percents = defaultStory.facts
      .flatMap((f) => f.values)
      .filter((v) => v.kind === 'percent');
    expect(percents.map((v) => v.value).sort((a, b) => b - a)).toEqual([20.2, 1.02, 0.22]);
  });

  it('picks the configured default among several stories', () => {
    write('a.json', realJson());
    write('b.json', { ...realJson(), id: 'second-story' });
    expect(loadStories(dir).defaultStory.id).toBe('microsoft-japan-ai-2026');
    expect(loadStories(dir, 'second-story').defaultStory.id).toBe('second-story');
  });

  it('names an unknown default story and the ones available', () => {
    write('a.json', realJson());
    expect(() => loadStories(dir, 'nope')).toThrow(
      `Default story "nope" not found in ${dir}; available: microsoft-japan-ai-2026`,
    );
  });

  it('reports broken JSON with the file name', () => {
    write('broken.json', '{ "schemaVersion": 1, ');
    expect(loadError()).toMatch(/^Story file .*broken\.json is not valid JSON: /);
  });

  it('reports a wrong type with the file, the JSON path and the problem', () => {
    const json = realJson();
    const at = factIndex('share-sakura-internet');
    json.facts[at].values[0].value = '20.2';
    write('story.json', json);
    expect(loadError()).toMatch(
      new RegExp(
        `Story file .*story\\.json is invalid:\\n {2}\\$\\.facts\\[${at}\\]\\.values\\[0\\]\\.value: .*expected number`,
      ),
    );
  });

  it('lists every problem in one message', () => {
    const json = realJson();
    delete json.facts[0].text.ja;
    json.facts[2].updated = 'yesterday';
    write('story.json', json);
    const message = loadError();
    expect(message).toContain(`Story file ${join(dir, 'story.json')} is invalid:`);
    expect(message).toContain(
      '$.facts[0].text.ja: Invalid input: expected string, received undefined',
    );
    expect(message).toContain('$.facts[2].updated: Invalid ISO date');
  });

  it('checks that facts name known entities', () => {
    const json = realJson();
    json.facts[3].entities = ['nobody'];
    write('story.json', json);
    expect(loadError()).toContain('$.facts[3].entities[0]: unknown entity "nobody"');
  });

  it('refuses duplicate fact ids and duplicate story ids', () => {
    const json = realJson();
    json.facts[1].id = json.facts[0].id;
    write('story.json', json);
    expect(loadError()).toContain(`$.facts[1].id: duplicate fact id "${json.facts[0].id}"`);

    rmSync(join(dir, 'story.json'));
    write('a.json', realJson());
    write('b.json', realJson());
    expect(loadError()).toContain('id "microsoft-japan-ai-2026" is used by another file too');
  });

  it('checks that facts cite a section the story lists, and names it', () => {
    const json = realJson();
    json.facts[2].section = 'Market Reaction';
    write('story.json', json);
    expect(loadError()).toContain(
      '$.facts[2].section: unknown section "Market Reaction" (add it to sections)',
    );
  });

  it("refuses a source given a publication date instead of the events' date", () => {
    const json = realJson();
    json.source = { title: json.source.title, date: json.source.eventsDate };
    write('story.json', json);
    expect(loadError()).toContain('$.source.eventsDate: Invalid input');
  });

  it('refuses an empty folder and a missing one', () => {
    expect(loadError()).toBe(`No story files (*.json) in ${dir}`);
    expect(() => loadStories(join(dir, 'missing'))).toThrow(/^Cannot read story folder/);
  });
});
