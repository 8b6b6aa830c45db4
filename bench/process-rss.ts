import { readFileSync } from 'node:fs';

/** A memory figure of another process from /proc/<pid>/status, in bytes. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
  if (!kib) throw new Error(`no ${field} for process ${pid}`);
  return Number(kib) * 1024;
}

/**
 * Resident memory of another process, read from /proc as `ps` would: the same measure for the
 * shipped program and for the bare client, neither of which is asked to collect garbage first.
 */
export function processRss(pid: number): number {
  return statusBytes(pid, 'VmRSS');
}

/** The most resident memory the process has had since it started (its high-water mark). */
export function peakRss(pid: number): number {
  return statusBytes(pid, 'VmHWM');
}
