import { createRequire } from 'node:module';

type NodeCron = typeof import('node-cron');

const require = createRequire(import.meta.url);
let loaded: NodeCron | undefined;

/**
 * node-cron, loaded on first use (its CommonJS build, synchronously): configuration checks need
 * it only when DIGEST_CRON is set, and a console run never does, so it stays off the start-up
 * path. Every part of the scheduler goes through here, so one copy is ever loaded.
 */
export function nodeCron(): NodeCron {
  loaded ??= require('node-cron') as NodeCron;
  return loaded;
}
