import type { FleetResult } from '../test/support/replica-fleet.js';

/**
 * Where a replica fan-out's time goes, from what the fake Discord saw: the replica bench prints
 * it with BENCH_TIMELINE=1. Times are relative to the first digest arriving (t = 0).
 */
export function fleetTimeline(fleet: FleetResult): string[] {
  const { digestsAt, admittedAt, limitedAt, killedAt, slotAt } = fleet.timeline;
  const t0 = digestsAt[0];
  const last = digestsAt.at(-1);
  if (t0 === undefined || last === undefined) return ['(no digests)'];
  const rel = (t: number) => ((t - t0) / 1000).toFixed(2);
  const lines = [
    `slot -> first digest: ${((t0 - slotAt) / 1000).toFixed(2)} s; first -> last: ${rel(last)} s; ` +
      `killed at t=${killedAt === undefined ? '-' : rel(killedAt)} s; ` +
      `429s at t=${limitedAt.map(rel).join(', ') || '-'}`,
  ];
  // Digests (and other admitted requests, in brackets) per 100 ms, one line per second.
  const seconds = Math.ceil((last - t0) / 1000) + 1;
  const bucket = (times: readonly number[], s: number, tenth: number) =>
    times.filter((t) => t >= t0 + s * 1000 + tenth * 100 && t < t0 + s * 1000 + tenth * 100 + 100)
      .length;
  for (let s = 0; s < seconds; s += 1) {
    const tenths = Array.from({ length: 10 }, (_, i) => {
      const digests = bucket(digestsAt, s, i);
      const other = bucket(admittedAt, s, i) - digests;
      return other > 0 ? `${digests}(+${other})` : String(digests);
    });
    const total = digestsAt.filter((t) => t >= t0 + s * 1000 && t < t0 + (s + 1) * 1000).length;
    const limited = limitedAt.filter((t) => t >= t0 + s * 1000 && t < t0 + (s + 1) * 1000).length;
    lines.push(
      `  t=${String(s).padStart(2)}s ${String(total).padStart(2)} digests${limited ? `, ${limited} 429s` : ''}: ${tenths.join(' ')}`,
    );
  }
  // The longest silences between two digests.
  const gaps = digestsAt
    .slice(1)
    .map((t, i) => ({ at: digestsAt[i] ?? t, ms: t - (digestsAt[i] ?? t) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 6);
  lines.push(
    `  longest gaps: ${gaps.map((g) => `${g.ms.toFixed(0)} ms at t=${rel(g.at)}`).join('; ')}`,
  );
  // When the last few arrived: a long tail is take-overs.
  const tail = [900, 950, 980, 990, 995, 999]
    .filter((n) => n < digestsAt.length)
    .map((n) => `#${n + 1} t=${rel(digestsAt[n] ?? 0)}`);
  lines.push(`  tail: ${tail.join(', ')}`);
  // Each replica's own digests, from its log.
  fleet.stderr.forEach((log, i) => {
    const sent = log
      .split('\n')
      .filter(
        (line) => line.includes('"msg":"digest sent"') && line.includes('"platform":"discord"'),
      )
      .map((line) => Number(/"time":(\d+)/.exec(line)?.[1]) - performance.timeOrigin);
    const lastSent = sent.at(-1);
    const count = (msg: string) =>
      log.split('\n').filter((line) => line.includes(`"msg":"${msg}"`));
    const missed = count('shared turn missed');
    const late = missed.map((line) => Number(/"lateMs":(\d+)/.exec(line)?.[1]));
    const retries = count('digest retry').length;
    const waits = count('discord rate limit wait').length;
    lines.push(
      `  replica ${i + 1}: ${sent.length} Discord digests, last at t=${lastSent === undefined ? '-' : rel(lastSent)}; ` +
        `${missed.length} turns missed (late ms: ${late.sort((a, b) => a - b).join(' ') || '-'}); ` +
        `${retries} retries; ${waits} discord.js rate-limit waits`,
    );
  });
  return lines;
}
