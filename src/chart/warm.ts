import {
  type Answer,
  type CommandDefinition,
  digestAnswer,
  isPromise,
  LANGS,
  runCommand,
  type Story,
} from '../core/index.js';
import type { ChartImages } from './chart-images.js';

/**
 * Draws every chart the story can show (each command without options, and the digest, in
 * every language), so no user waits for a first render and any replica can serve any chart's
 * URL. Costs one render per distinct chart, once per story, in one batch.
 */
export function warmCharts(
  charts: ChartImages,
  story: Story,
  commands: readonly CommandDefinition[],
): void {
  const answers: Answer[] = [];
  for (const lang of LANGS) {
    for (const command of commands) {
      if (command.options.length > 0) continue;
      const answer = runCommand({ story, commands, command, options: {}, lang });
      // A command doing I/O is left to draw on first use.
      if (!isPromise(answer)) answers.push(answer);
    }
    answers.push(digestAnswer(story, lang));
  }
  // One batch: with the child-process renderer, one child for all of them.
  charts.prepare(answers);
}
