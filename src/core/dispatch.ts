import { randomBytes } from 'node:crypto';
import type { Answer } from './answer.js';
import type { CommandDefinition, CommandOptions } from './command.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import { errorAnswer, failureAnswer, unknownCommandAnswer } from './replies.js';
import type { Story } from './story/schema.js';
import type { ParsedText } from './text-command.js';

export interface Invocation {
  story: Story;
  commands: readonly CommandDefinition[];
  command: CommandDefinition;
  options: CommandOptions;
  lang: Lang;
}

/** Whether a command's result is still pending (a command doing I/O) rather than ready. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

export function runCommand({
  story,
  commands,
  command,
  options,
  lang,
}: Invocation): Answer | Promise<Answer> {
  return command.run({ story, lang, options, commands });
}

/** Turns a parsed line of text into the Answer to show: the command's, or a friendly error. */
export function answerParsed(
  parsed: ParsedText,
  story: Story,
  commands: readonly CommandDefinition[],
): Answer | Promise<Answer> {
  switch (parsed.kind) {
    case 'command':
      return runCommand({ story, commands, ...parsed });
    case 'unknown':
      return unknownCommandAnswer(story, commands, parsed.lang, parsed.input, parsed.suggestion);
    case 'invalid':
      return errorAnswer(story, parsed.lang, t(parsed.lang, 'title.invalidInput'), parsed.message);
  }
}

/** Short enough to read out over a support chat, long enough not to collide in a day's logs. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** What answering came to: the answer to show, and the error id when it is a failure answer. */
export interface Answered {
  answer: Answer;
  errorId?: string;
}

/** Logs `error` under a fresh id (through `report`) and gives the private failure answer with it. */
export function failureFor(
  error: unknown,
  story: Story,
  lang: Lang,
  report: (errorId: string, error: unknown) => void,
): Required<Answered> {
  const errorId = newErrorId();
  report(errorId, error);
  return { answer: failureAnswer(story, lang, errorId), errorId };
}

/**
 * The error boundary every adapter uses: a handler that throws still gets a private answer with
 * an id, and `report` receives the same id with the error so the log can be searched for it.
 * `errorId` is set exactly when the answer is that failure answer (so, for one, never cached).
 */
export function answerOrFailure(
  produce: () => Answer | Promise<Answer>,
  story: Story,
  lang: Lang,
  report: (errorId: string, error: unknown) => void,
): Answered | Promise<Answered> {
  try {
    const answer = produce();
    if (!isPromise(answer)) return { answer };
    return answer.then(
      (ready): Answered => ({ answer: ready }),
      (error: unknown) => failureFor(error, story, lang, report),
    );
  } catch (error) {
    return failureFor(error, story, lang, report);
  }
}
