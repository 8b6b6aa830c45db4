/**
 * What adapters need to label a command for the metrics, without loading prom-client: a process
 * (or a test) that counts nothing never pays for it.
 */

/**
 * What happened to one command: answered, answered with an error reply, too late to answer, or
 * acknowledged first by another replica on the same token (Discord's 40060).
 */
export type CommandOutcome = 'answered' | 'failed' | 'expired' | 'answered_elsewhere';

/**
 * A command name fit for a label: one of the names the bot knows, else `other`, so a forged or
 * stale name cannot create new time series.
 */
export function commandLabel(name: string | undefined, known: ReadonlySet<string>): string {
  return name !== undefined && known.has(name) ? name : 'other';
}
