import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  type Answered,
  answerOrFailure,
  answerParsed,
  answerToPlainText,
  isPromise,
  parseTextCommand,
} from '../../core/index.js';
import type { BotServices } from '../platform.js';

/**
 * What the console needs: the services minus the logger, which is replaced by one callback, so
 * a one-shot run does not load the logging library unless a command actually fails.
 */
export interface ConsoleServices extends Omit<BotServices, 'logger' | 'digests'> {
  reportError(errorId: string, error: unknown, line: string): void;
}

export interface ConsoleStreams {
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

/**
 * The embedded default: `/sakura stocks` typed at a prompt, or piped in line by line. Resolves
 * when the input ends (end of pipe, Ctrl-D) or `close()` is called (a signal).
 */
export function runConsole(services: ConsoleServices, streams: ConsoleStreams) {
  const { catalog, commands, config, reportError } = services;
  const story = catalog.defaultStory;
  const interactive = streams.input.isTTY === true;
  const lines = createInterface({
    input: streams.input,
    output: interactive ? streams.output : undefined,
    terminal: interactive,
  });
  if (interactive) {
    streams.output.write(
      `sakura-bot: ${story.title[config.DEFAULT_LANG]}\nType help, or a command such as "stocks". Ctrl-D quits.\n`,
    );
    lines.setPrompt('sakura> ');
    lines.prompt();
  }

  const show = ({ answer }: Answered) => {
    streams.output.write(`${answerToPlainText(answer)}\n\n`);
    if (interactive) lines.prompt();
  };
  // Answers of commands doing I/O, in the order their lines came; undefined while none waits,
  // so the story's own commands (ready at once) are written at once.
  let backlog: Promise<void> | undefined;

  lines.on('line', (line) => {
    if (line.trim() === '' && !interactive) return;
    const parsed = parseTextCommand(line, commands, config.DEFAULT_LANG);
    const answered = answerOrFailure(
      () => answerParsed(parsed, story, commands),
      story,
      parsed.lang,
      (errorId, err) => reportError(errorId, err, line),
    );
    if (!backlog && !isPromise(answered)) return show(answered);
    const queued: Promise<void> = (backlog ?? Promise.resolve())
      .then(() => answered)
      .then(show)
      .finally(() => {
        if (backlog === queued) backlog = undefined;
      });
    backlog = queued;
  });

  const closed = new Promise<void>((resolve) => lines.once('close', resolve));
  // Input ended: done once the last pending answer is written too.
  const done = closed.then(() => backlog);
  return { done, close: () => lines.close() };
}
