/** Shared arithmetic for every benchmark: percentiles over samples in milliseconds. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, rank)] as number;
}

export function summarize(samples: readonly number[]): { p50: number; p99: number; n: number } {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length };
}

/** Milliseconds taken by `fn`, measured with the monotonic high-resolution clock. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function fmt(ms: number, digits = 3): string {
  return ms.toFixed(digits);
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** Runs `trip` `warmup` times unmeasured, then `count` times one after another: its results. */
export async function sequentialSamples(
  trip: () => Promise<number>,
  warmup: number,
  count: number,
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await trip();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) samples.push(await trip());
  return samples;
}
