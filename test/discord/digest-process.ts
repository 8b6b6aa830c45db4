import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { TickReport } from '../../src/schedule/scheduler.js';
import { cleanEnv } from '../support/built-bot.js';
import type { FakeDiscord } from '../support/fake-discord/fake-discord.js';

const CHILD = join(PROJECT_ROOT, 'test', 'discord', 'digest-process-child.mjs');
const WAIT_MS = 15_000;

type ChildMessage = { ready: true } | { reports: TickReport[] };

export interface DigestProcess {
  /** Ticks `slot` in the child at wall-clock time `at` (Date.now() milliseconds). */
  tick(slot: Date, at: number): Promise<TickReport[]>;
  stop(): Promise<void>;
}

/** A second bot process (the built code) on the same database file, connected to `fake`. */
export async function startDigestProcess(
  fake: FakeDiscord,
  databasePath: string,
): Promise<DigestProcess> {
  const child = fork(CHILD, {
    env: cleanEnv({ ...fake.env(), DATABASE_PATH: databasePath }),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = async () => {
    const [message] = (await once(child, 'message', {
      signal: AbortSignal.timeout(WAIT_MS),
    })) as [ChildMessage];
    return message;
  };
  const ready = await next();
  if (!('ready' in ready)) throw new Error('digest process did not start');
  return {
    async tick(slot, at) {
      const reply = next();
      child.send({ tick: slot.toISOString(), at });
      const message = await reply;
      if (!('reports' in message)) throw new Error('digest process did not tick');
      // Dates arrive as ISO strings over IPC; only the counts are compared.
      return message.reports;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ stop: true });
      await exited;
    },
  };
}
