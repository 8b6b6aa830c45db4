import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { type Story, StorySchema } from './schema.js';

/** A story file that cannot be used; the message names the file, the JSON path and the problem. */
export class StoryDataError extends Error {
  override name = 'StoryDataError';
}

export interface StoryCatalog {
  stories: ReadonlyMap<string, Story>;
  defaultStory: Story;
}

/** `$.facts[3].values[0].amount`: the form jq and JSONPath users read without thinking. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    '$',
  );
}

function describeIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  ${jsonPath(issue.path)}: ${issue.message}`);
  return `Story file ${file} is invalid:\n${lines.join('\n')}`;
}

export function parseStoryFile(file: string, text: string): Story {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoryDataError(`Story file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = StorySchema.safeParse(json);
  if (!result.success) throw new StoryDataError(describeIssues(file, result.error));
  return result.data;
}

/**
 * Reads and validates every `*.json` in `dir`. Any bad file stops the load: a bot that
 * quietly drops a story would answer from the wrong facts.
 */
export function loadStories(dir: string, defaultStoryId?: string): StoryCatalog {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    throw new StoryDataError(`Cannot read story folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new StoryDataError(`No story files (*.json) in ${dir}`);

  const stories = new Map<string, Story>();
  for (const name of names) {
    const path = join(dir, name);
    const fromCwd = relative(process.cwd(), path);
    const shown = fromCwd.startsWith('..') ? path : fromCwd;
    const story = parseStoryFile(shown, readFileSync(path, 'utf8'));
    const clash = stories.get(story.id);
    if (clash)
      throw new StoryDataError(`Story file ${shown}: id "${story.id}" is used by another file too`);
    stories.set(story.id, story);
  }

  const wanted = defaultStoryId ?? [...stories.keys()][0];
  const defaultStory = wanted === undefined ? undefined : stories.get(wanted);
  if (!defaultStory) {
    throw new StoryDataError(
      `Default story "${wanted}" not found in ${dir}; available: ${[...stories.keys()].join(', ')}`,
    );
  }
  return { stories, defaultStory };
}
