import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as realCommands } from '../../commands/index.js';
import { type Answer, type CommandDefinition, defineCommand } from '../../src/core/index.js';
import { FakeDiscord, type RecordedRequest } from '../support/fake-discord/fake-discord.js';
import { embedText, expectWellFormed, isEphemeral, messageOf } from './embed-checks.js';
import { type RunningBot, startBot, story } from './helpers.js';

/**
 * What happens when answering goes wrong or takes long: handlers that throw, answers that are
 * not ready in time, and Discord refusing a reply. The failing commands exist only in this
 * test's command list, handed to the adapter through its public startDiscord seam.
 */

const ERROR_ID = /Error id: ([0-9a-f]{8})/;

/** A command whose answer the test releases, to hold an interaction "in progress". */
function heldCommand(name: string) {
  let release: (answer: Answer) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const command = defineCommand({
    name,
    nameJa: `テスト${name}`,
    description: { en: `test: ${name}`, ja: `テスト：${name}` },
    options: [],
    access: 'everyone',
    // Stands for a command doing I/O (commands may return a promise).
    run: () =>
      new Promise<Answer>((resolve, reject) => {
        release = resolve;
        fail = reject;
      }),
  });
  return { command, release: (a: Answer) => release(a), fail: (e: Error) => fail(e) };
}

const boom = defineCommand({
  name: 'boom',
  nameJa: '失敗',
  description: { en: 'test: always throws', ja: 'テスト：必ず失敗する' },
  options: [],
  access: 'everyone',
  run: () => {
    throw new Error('kaboom: the handler broke');
  },
});

const slow = heldCommand('slow');
const slowPrivate = heldCommand('slowprivate');
const slowFail = heldCommand('slowfail');

const testCommands: readonly CommandDefinition[] = [
  ...realCommands,
  boom,
  slow.command,
  slowPrivate.command,
  slowFail.command,
];

const answer = (visibility: Answer['visibility']): Answer => ({
  lang: 'en',
  title: `A ${visibility} answer after a wait`,
  lead: 'Ready now.',
  sources: [],
  asOf: story.asOf,
  visibility,
});

let fake: FakeDiscord;
let bot: RunningBot;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  // Short, so a held answer is deferred at once; the test never depends on how short.
  bot = await startBot(fake, { commands: testCommands, deferAfterMs: 20 });
});
afterAll(async () => {
  await bot?.platform.stop();
  await fake?.close();
});

const callbackOf = (id: string) => (r: RecordedRequest) =>
  r.path.startsWith(`/interactions/${id}/`) && r.status === 204;

describe('a handler that throws', () => {
  it('still answers, ephemerally, with an error id that is also in the log', async () => {
    const callback = await fake.ask({ sub: 'boom' });
    expectWellFormed(callback);
    expect(isEphemeral(callback)).toBe(true);
    const text = embedText(callback);
    expect(text).toContain('Something went wrong');
    const errorId = ERROR_ID.exec(text)?.[1];
    expect(errorId).toBeDefined();
    const logged = bot.logs.find((line) => line.errorId === errorId);
    expect(logged?.level).toBe(50);
    expect(JSON.stringify(logged)).toContain('kaboom: the handler broke');
  });

  it('is never cached: the same failing request gets a new error id each time', async () => {
    const first = ERROR_ID.exec(embedText(await fake.ask({ sub: 'boom' })))?.[1];
    const second = ERROR_ID.exec(embedText(await fake.ask({ sub: 'boom' })))?.[1];
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('answers in Japanese for a Japanese user', async () => {
    const callback = await fake.ask({ sub: 'boom', locale: 'ja' });
    expect(isEphemeral(callback)).toBe(true);
    expect(embedText(callback)).toMatch(/エラーID：[0-9a-f]{8}/);
  });

  it('does not stop the bot answering others', async () => {
    const callback = await fake.ask({ sub: 'stocks' });
    expect(embedText(callback)).toContain('+20.2%');
  });
});

describe('an answer that is not ready in time', () => {
  it('is deferred first, then the placeholder is edited into the answer', async () => {
    const sent = fake.interact({ sub: 'slow' });
    const deferral = await fake.waitFor(callbackOf(sent.id));
    expect(deferral.body).toEqual({ type: 5 });
    slow.release(answer('public'));
    const edit = await fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`),
    );
    expectWellFormed(edit);
    expect(embedText(edit)).toContain('A public answer after a wait');
    expect(fake.exchange(sent).map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it('turns out private: sent as an ephemeral follow-up and the placeholder removed', async () => {
    const sent = fake.interact({ sub: 'slowprivate' });
    await fake.waitFor(callbackOf(sent.id));
    slowPrivate.release(answer('private'));
    await fake.waitFor((r) => r.method === 'DELETE' && r.path.includes(`/${sent.token}/`));
    const [, followUp, removal] = fake.exchange(sent);
    expect(followUp?.method).toBe('POST');
    expect(followUp?.path).toBe(`/webhooks/${fake.applicationId}/${sent.token}`);
    expect(isEphemeral(followUp as RecordedRequest)).toBe(true);
    expect(messageOf(followUp as RecordedRequest).allowed_mentions).toEqual({ parse: [] });
    expect(removal?.path).toBe(`/webhooks/${fake.applicationId}/${sent.token}/messages/@original`);
  });

  it('fails after the deferral: the error still reaches the user, ephemerally, with an id', async () => {
    const sent = fake.interact({ sub: 'slowfail' });
    await fake.waitFor(callbackOf(sent.id));
    slowFail.fail(new Error('the database went away'));
    await fake.waitFor((r) => r.method === 'DELETE' && r.path.includes(`/${sent.token}/`));
    const followUp = fake.exchange(sent).find((r) => r.path.endsWith(sent.token));
    expect(isEphemeral(followUp as RecordedRequest)).toBe(true);
    const errorId = ERROR_ID.exec(embedText(followUp as RecordedRequest))?.[1];
    expect(bot.logs.some((line) => line.errorId === errorId && line.level === 50)).toBe(true);
  });
});

describe('Discord refusing a reply', () => {
  it('an invalid-form refusal is logged with an id and the user still gets an error', async () => {
    fake.failNext((r) => r.path.endsWith('/callback'), {
      status: 400,
      body: { message: 'Invalid Form Body', code: 50035 },
    });
    const sent = fake.interact({ sub: 'source' });
    const accepted = await fake.waitFor(callbackOf(sent.id));
    expect(isEphemeral(accepted)).toBe(true);
    const errorId = ERROR_ID.exec(embedText(accepted))?.[1];
    const logged = bot.logs.find((line) => line.errorId === errorId);
    expect(JSON.stringify(logged)).toContain('Invalid Form Body');
  });

  it('an interaction another replica already answered (40060) is its, logged at debug, not an error', async () => {
    fake.failNext((r) => r.path.endsWith('/callback'), {
      status: 400,
      body: { message: 'Interaction has already been acknowledged.', code: 40060 },
    });
    const sent = fake.interact({ sub: 'source' });
    await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`));
    await fake.ask({ sub: 'adoption' });
    // Nothing more is sent for it: no error reply on top of the sibling's answer.
    expect(fake.exchange(sent)).toHaveLength(1);
    const line = bot.logs.find((l) => l.interactionId === sent.id);
    expect(line).toMatchObject({ msg: 'discord interaction answered by another replica' });
    expect(line?.level).toBe(20);
    expect(
      bot.logs.filter((l) => (l.level as number) >= 40 && l.interactionId === sent.id),
    ).toEqual([]);
  });

  it('an interaction that expired is logged and not retried', async () => {
    fake.failNext((r) => r.path.endsWith('/callback'), {
      status: 404,
      body: { message: 'Unknown interaction', code: 10062 },
    });
    const sent = fake.interact({ sub: 'source' });
    await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`));
    // The next interaction is answered after it; by then the expired one was handled.
    await fake.ask({ sub: 'adoption' });
    expect(fake.exchange(sent)).toHaveLength(1);
    expect(
      bot.logs.some((line) => line.msg === 'discord interaction expired before it was answered'),
    ).toBe(true);
  });
});
