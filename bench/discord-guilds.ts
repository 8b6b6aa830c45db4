/**
 * Memory per server: the shipped program (`node dist/src/main.js`, gateway mode, its real
 * configuration) and a bare discord.js client with default caches, each in its own process,
 * connected to a fake gateway whose READY lists 0, 2,500 or 10,000 extra typical community
 * servers, each then sent as GUILD_CREATE. RSS is read from /proc once each is ready (every
 * server received) and has settled. Run with `npm run bench`, or
 * `node dist/bench/discord-guilds.js` after `npm run build`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { cleanEnv, startBuiltBot } from '../test/support/built-bot.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { processRss } from './process-rss.js';
import { percentile } from './stats.js';

const GUILD_COUNTS = [0, 2_500, 10_000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** Discord.js and the bot settle their start-up garbage within this after ready. */
const SETTLE_MS = 3_000;
const READY_TIMEOUT_MS = 180_000;

type Who = 'sakura-bot' | 'bare';

async function untilOrExit(child: ChildProcess, ready: () => boolean, what: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready in ${READY_TIMEOUT_MS} ms`);
    await delay(50);
  }
}

async function measureSakura(fake: FakeDiscord, dir: string): Promise<number> {
  const run = startBuiltBot({
    cwd: dir,
    env: { ...fake.env(), DATABASE_PATH: join(dir, 'digests.db'), LOG_LEVEL: 'info' },
  });
  try {
    await untilOrExit(run.child, () => run.stderr().includes('"msg":"sakura-bot started"'), 'bot');
    await delay(SETTLE_MS);
    return processRss(run.child.pid ?? 0);
  } finally {
    run.child.kill('SIGTERM');
    await run.exit;
  }
}

async function measureBare(fake: FakeDiscord): Promise<number> {
  const script = fileURLToPath(new URL('./discord-bare-guilds.js', import.meta.url));
  const child = fork(script, {
    env: cleanEnv(fake.env()),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let ready = false;
  child.once('message', () => {
    ready = true;
  });
  try {
    await untilOrExit(child, () => ready, 'bare client');
    await delay(SETTLE_MS);
    return processRss(child.pid ?? 0);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-guilds-'));
  const rss: Record<Who, Map<number, number[]>> = { 'sakura-bot': new Map(), bare: new Map() };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const guilds of GUILD_COUNTS) {
        const fake = await FakeDiscord.start({ keepRequests: false, extraGuilds: guilds });
        try {
          // Mirrored each round, so neither always runs first.
          const order: Who[] = round % 2 === 0 ? ['sakura-bot', 'bare'] : ['bare', 'sakura-bot'];
          for (const who of order) {
            const bytes = who === 'bare' ? await measureBare(fake) : await measureSakura(fake, dir);
            rss[who].set(guilds, [...(rss[who].get(guilds) ?? []), bytes]);
          }
        } finally {
          await fake.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (who: Who, guilds: number) => percentile(rss[who].get(guilds) ?? [], 50);
  const top = GUILD_COUNTS[GUILD_COUNTS.length - 1] ?? 1;
  const perGuild = (who: Who) => (median(who, top) - median(who, 0)) / top / 1024;
  const ratio = perGuild('sakura-bot') / perGuild('bare');
  const lines = [
    `RSS by servers in READY/GUILD_CREATE, ${ROUNDS} rounds (median), Node ${process.version}, ${cpus().length} CPUs. Each server a typical community one (20 channels, 10 roles, 25 emojis, 2 stickers, the bot and 5 voice members); RSS from /proc ${SETTLE_MS / 1000} s after ready, no forced GC in either.`,
    '',
    `| servers | ${GUILD_COUNTS.map((n) => n.toLocaleString('en')).join(' | ')} | growth per server |`,
    `|---|${GUILD_COUNTS.map(() => '---:').join('|')}|---:|`,
    ...(['sakura-bot', 'bare'] as const).map(
      (who) =>
        `| ${who === 'bare' ? 'bare discord.js (default caches)' : 'sakura-bot (dist/src/main.js)'} | ${GUILD_COUNTS.map((n) => `${(median(who, n) / MIB).toFixed(1)} MiB`).join(' | ')} | ${perGuild(who).toFixed(2)} KiB |`,
    ),
    '',
    `sakura-bot grows ${ratio.toFixed(2)}x as fast as the bare client per server (goal: under 0.5x): ${ratio < 0.5 ? 'met' : '**missed**'}.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`guild bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
