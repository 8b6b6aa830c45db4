import { createRequire } from 'node:module';

type NodeCron = typeof import('node-cron');

const require = createRequire(import.meta.url);
let loaded: NodeCron | undefined;

/**
 * node-cron, loaded on first use (its CommonJS build, synchronously): it is only the scheduler's
 * once-a-minute timer (which slots are due is slots.ts's job), and a console run never starts
 * one, so it stays off the start-up path. Everything goes through here: one copy is loaded.
 */
export function nodeCron(): NodeCron {
  loaded ??= require('node-cron') as NodeCron;
  return loaded;
}
