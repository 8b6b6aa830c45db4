import { createHash } from 'node:crypto';
import type { Fact, Story } from './schema.js';

/** Fact id -> revision: what a reader saw of each fact, as a short content hash. */
export type FactRevisions = Readonly<Record<string, string>>;

const cache = new WeakMap<Story, FactRevisions>();

/**
 * A fact's revision changes whenever anything a reader could see of it changes (text, values,
 * entities, source), including a correction made later on the same day, which its `updated`
 * date alone cannot tell apart.
 */
function revisionOf(fact: Fact): string {
  return createHash('sha256').update(JSON.stringify(fact)).digest('base64url').slice(0, 16);
}

/** Every fact's revision in this story, computed once per loaded story. */
export function factRevisions(story: Story): FactRevisions {
  let revisions = cache.get(story);
  if (!revisions) {
    revisions = Object.fromEntries(story.facts.map((fact) => [fact.id, revisionOf(fact)]));
    cache.set(story, revisions);
  }
  return revisions;
}

/** The facts that are new or whose revision differs from what a reader was shown. */
export function factsChangedSince(story: Story, shown: FactRevisions): Fact[] {
  const current = factRevisions(story);
  return story.facts.filter((fact) => shown[fact.id] !== current[fact.id]);
}
