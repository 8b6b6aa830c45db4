import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder, found by walking up to package.json: the same answer from `src/` under
 * vitest and from `dist/src/` in production, whatever the current directory is.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_STORIES_DIR = join(PROJECT_ROOT, 'data', 'stories');
/** Under a git-ignored folder, so a digest database is never committed by accident. */
export const DEFAULT_DATABASE_PATH = join(PROJECT_ROOT, 'var', 'sakura-bot.db');
