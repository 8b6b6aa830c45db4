/** What one run of bench/lock-contention.ts measured, and the markdown it prints. */
import type { Platform, Reply } from './both-platforms.js';
import { percentile } from './stats.js';

export interface LockedPlatform {
  /** `/sakura stocks` sent while the other process held the lock. */
  underLock: Reply[];
  subscribe: Reply;
  /** From the lock's release to the subscribe's answer (negative: answered before it). */
  subscribeAfterRelease: number;
}

export interface LockRun {
  round: number;
  program: string;
  platforms: (LockedPlatform & { platform: Platform; quiet: Reply[] })[];
  quietLoop: { maxMs: number };
  lockLoop: { maxMs: number };
}

const ms = (v: number) => v.toFixed(1);

/** Both platforms give a command 3 s: an answer later than that never reaches the user. */
const PLATFORM_DEADLINE_MS = 3_000;

/** p50 / p99 / max (n), with how many missed the platforms' deadline or were wrong. */
function latency(replies: readonly Reply[]): string {
  const values = replies.map((r) => r.ms);
  const late = values.filter((v) => v > PLATFORM_DEADLINE_MS).length;
  const failed = replies.filter((r) => !r.ok).length;
  return [
    `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))} / ${ms(Math.max(...values))} (${values.length})`,
    ...(late ? [`**${late} past 3 s**`] : []),
    ...(failed ? [`**${failed} wrong**`] : []),
  ].join(', ');
}

function range(values: readonly number[]): string {
  return `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;
}

/** Requests that got no answer at all, by what went wrong, so a failed run says why. */
function errors(runs: readonly LockRun[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) {
    for (const p of run.platforms) {
      for (const reply of [...p.quiet, ...p.underLock, p.subscribe]) {
        if (reply.error) {
          const key = `${run.program}, ${p.platform}: ${reply.error}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  if (counts.size === 0) return [];
  return ['', 'Requests with no answer:', ...[...counts].map(([what, n]) => `- ${what} (${n})`)];
}

export function lockTables(runs: readonly LockRun[]): string[] {
  const rows = runs.flatMap((run) =>
    run.platforms.map((p) =>
      [
        String(run.round),
        run.program,
        p.platform,
        latency(p.quiet),
        latency(p.underLock),
        ms(p.subscribe.ms),
        ms(p.subscribeAfterRelease),
        p.subscribe.ok ? 'yes' : '**NO**',
        `${ms(run.quietLoop.maxMs)} / ${ms(run.lockLoop.maxMs)}`,
      ].join(' | '),
    ),
  );
  const programs = [...new Set(runs.map((r) => r.program))];
  const platforms = [...new Set(runs.flatMap((r) => r.platforms.map((p) => p.platform)))];
  const spread = programs.flatMap((program) => {
    const mine = runs.filter((r) => r.program === program);
    const loops = range(mine.map((r) => r.lockLoop.maxMs));
    return platforms.map((platform) => {
      const each = mine.flatMap((r) => r.platforms.filter((p) => p.platform === platform));
      return [
        program,
        platform,
        range(
          each.map((p) =>
            percentile(
              p.underLock.map((r) => r.ms),
              99,
            ),
          ),
        ),
        range(each.map((p) => Math.max(...p.underLock.map((r) => r.ms)))),
        range(each.map((p) => p.subscribe.ms)),
        loops,
      ].join(' | ');
    });
  });
  return [
    '| round | program | platform | stocks, no lock: p50 / p99 / max ms (n) | stocks, under the lock: p50 / p99 / max ms (n) | subscribe (ms) | subscribe answered after release (ms) | subscribed | bot loop delay max, no lock / lock (ms) |',
    '| ---: | --- | --- | --- | --- | ---: | ---: | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    'Spread over the rounds (min–max):',
    '',
    '| program | platform | stocks under the lock p99 (ms) | stocks under the lock max (ms) | subscribe (ms) | bot loop delay max under the lock (ms) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...spread.map((row) => `| ${row} |`),
    ...errors(runs),
  ];
}
