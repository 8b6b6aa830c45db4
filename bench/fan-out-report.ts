/** One fan-out run of a digest slot, as both digest benchmarks measure it. */
export interface FanOutRun {
  seconds: number;
  sent: number;
  duplicates: number;
  drops: number;
  /** 429s the fake platform answered. */
  rateLimited: number;
  /** Post requests that reached the fake's channels (429s excluded). */
  requests: number;
}

/** From the posts each channel got for the slot: extra posts are duplicates, none is a drop. */
export function deliveryCounts(postsPerChannel: readonly number[]): {
  duplicates: number;
  drops: number;
} {
  return {
    duplicates: postsPerChannel.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    drops: postsPerChannel.filter((n) => n === 0).length,
  };
}

/** The markdown table both digest benchmarks print: each run against the theoretical bound. */
export function fanOutTable(
  runs: readonly FanOutRun[],
  boundSeconds: number,
  targetRatio: number,
): string[] {
  return [
    '| run | total (s) | bound (s) | ratio | target | met | sent | duplicates | drops | 429s | requests |',
    '| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r, i) => {
      const ratio = r.seconds / boundSeconds;
      const met = ratio <= targetRatio && r.duplicates === 0 && r.drops === 0;
      return `| ${i + 1} | ${r.seconds.toFixed(2)} | ${boundSeconds.toFixed(2)} | ${ratio.toFixed(2)}x | ≤ ${targetRatio}x, 0 dup, 0 drop | ${met ? 'yes' : 'NO'} | ${r.sent} | ${r.duplicates} | ${r.drops} | ${r.rateLimited} | ${r.requests} |`;
    }),
  ];
}
