import { readFileSync } from 'node:fs';

/**
 * Resident memory of another process, read from /proc as `ps` would: the same measure for the
 * shipped program and for the bare client, neither of which is asked to collect garbage first.
 */
export function processRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}
