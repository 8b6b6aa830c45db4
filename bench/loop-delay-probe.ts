/**
 * Preloaded into the bot by bench/lock-contention.ts (`NODE_OPTIONS=--import=<this file>`), so
 * the shipped program itself is unchanged: it samples the event loop's delay and, on each
 * SIGUSR2, writes what it saw since the previous one to stderr as one JSON line, then starts
 * afresh. A signal needs no IPC channel, and works the same in an older build.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The histogram's timer period: an idle loop reads about this much, a stalled one far more. */
export const SAMPLING_MS = 10;

export interface LoopDelayReport {
  loopDelay: { maxMs: number; p99Ms: number; samples: number };
}

const histogram = monitorEventLoopDelay({ resolution: SAMPLING_MS });
histogram.enable();

process.on('SIGUSR2', () => {
  const report: LoopDelayReport = {
    loopDelay: {
      maxMs: histogram.max / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      samples: histogram.count,
    },
  };
  histogram.reset();
  process.stderr.write(`${JSON.stringify(report)}\n`);
});
