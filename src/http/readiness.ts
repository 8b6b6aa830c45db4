/** One thing that must hold before a load balancer sends this replica traffic. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when ready; rejects (or throws) with a short reason when not. */
  check(): Promise<void>;
}

export type ReadinessReport = { ready: boolean; checks: Record<string, string> };

/** A check slower than this counts as failed: a hung database is not a ready one. */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: ReadinessCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([Promise.resolve().then(() => check.check()), timeout]).finally(() =>
    clearTimeout(timer),
  );
}

/** Runs every check at once; each reports `ok` or why not, so an operator sees which failed. */
export async function runReadiness(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.allSettled(checks.map(withTimeout));
  const report: ReadinessReport = { ready: true, checks: {} };
  for (const [index, result] of results.entries()) {
    const name = checks[index]?.name ?? String(index);
    if (result.status === 'fulfilled') {
      report.checks[name] = 'ok';
    } else {
      report.ready = false;
      const reason: unknown = result.reason;
      report.checks[name] = reason instanceof Error ? reason.message : String(reason);
    }
  }
  return report;
}
