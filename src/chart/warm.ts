import {
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
 * URL. Costs one render per distinct chart, once per story.
 */
export function warmCharts(
  charts: ChartImages,
  story: Story,
  commands: readonly CommandDefinition[],
): void {
  for (const lang of LANGS) {
    for (const command of commands) {
      if (command.options.length > 0) continue;
      const answer = runCommand({ story, commands, command, options: {}, lang });
      // A command doing I/O is left to draw on first use.
      if (!isPromise(answer)) charts.imageFor(answer);
    }
    charts.imageFor(digestAnswer(story, lang));
  }
}
