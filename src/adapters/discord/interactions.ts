import { setTimeout as delay } from 'node:timers/promises';
import {
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  RESTJSONErrorCodes,
} from 'discord.js';
import {
  type Answer,
  answerOrFailure,
  type CommandDefinition,
  errorAnswer,
  type Lang,
  langFromLocale,
  runCommand,
  type Story,
  t,
  unknownCommandAnswer,
  validateOptions,
} from '../../core/index.js';
import type { Logger } from '../../logger.js';
import type { DigestAdmin } from '../../schedule/admin.js';
import { RenderedCache } from '../rendered-cache.js';
import { publicCommands, ROOT_COMMAND } from './command-json.js';
import { DIGEST_COMMAND } from './digest-command-json.js';
import { digestCommandAnswer } from './digest-interactions.js';
import { rawOptions } from './interaction-options.js';
import {
  isPromise,
  type Pending,
  type Rendered,
  render,
  sendAnswer,
  sendLateFailure,
} from './reply.js';

export interface RouterSettings {
  story: Story;
  commands: readonly CommandDefinition[];
  logger: Logger;
  /** A pending answer older than this gets a deferral first (Discord allows 3 s in all). */
  deferAfterMs: number;
  /** Rendered answers kept for repeat requests; undefined renders every time. */
  cache: RenderedCache<Rendered> | undefined;
  /** `/sakura-digest`'s admin commands; undefined where digests do not run. */
  digests: DigestAdmin | undefined;
}

/** Discord's answer when the 3 seconds (or the 15-minute token) ran out: nothing more can be sent. */
function interactionGone(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InvalidWebhookToken)
  );
}

/**
 * Routes `/sakura <sub>` to its command and `/sakura-digest <sub>` to the digest admin, and
 * sends the answer. Every interaction is tracked until its answer is sent, so `drain` can stop
 * taking new ones and let those in flight finish.
 */
export class InteractionRouter {
  readonly #settings: RouterSettings;
  readonly #inFlight = new Set<Promise<void>>();
  #accepting = true;

  constructor(settings: RouterSettings) {
    this.#settings = settings;
  }

  /** The `interactionCreate` listener. */
  readonly handle = (interaction: Interaction): void => {
    if (!this.#accepting) return;
    if (!interaction.isChatInputCommand()) return;
    const name = interaction.commandName;
    if (name !== ROOT_COMMAND && name !== DIGEST_COMMAND) return;
    const work = this.#answer(interaction).finally(() => this.#inFlight.delete(work));
    this.#inFlight.add(work);
  };

  /** Stops taking interactions and waits (at most `timeoutMs`) for those in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.#accepting = false;
    if (this.#inFlight.size === 0) return;
    const timeout = new AbortController();
    await Promise.race([
      Promise.allSettled([...this.#inFlight]),
      delay(timeoutMs, undefined, { signal: timeout.signal }).catch(() => undefined),
    ]);
    timeout.abort();
  }

  /**
   * The core's error boundary, for an error thrown anywhere in answering: the error and a fresh
   * id go to the log, the same id to the user in a private answer.
   */
  #failure(interaction: ChatInputCommandInteraction, lang: Lang, error: unknown): Rendered {
    const answer = answerOrFailure(
      () => {
        throw error;
      },
      this.#settings.story,
      lang,
      (errorId, err) =>
        this.#settings.logger.error(
          {
            err,
            errorId,
            command: interaction.options.getSubcommand(false),
            interactionId: interaction.id,
            guildId: interaction.guildId,
          },
          'discord interaction failed',
        ),
    );
    return render(answer);
  }

  /** Runs the command; a synchronous, successful answer is rendered once and cached. */
  #run(
    interaction: ChatInputCommandInteraction,
    command: CommandDefinition,
    options: Readonly<Record<string, string>>,
    lang: Lang,
    cacheKey: string,
  ): Pending {
    const { story, commands, cache } = this.#settings;
    let answer: Answer | Promise<Answer>;
    try {
      answer = runCommand({ story, commands, command, options, lang });
      if (isPromise(answer)) {
        return answer.then(render, (error: unknown) => this.#failure(interaction, lang, error));
      }
      const rendered = render(answer);
      cache?.set(story, cacheKey, rendered);
      return rendered;
    } catch (error) {
      return this.#failure(interaction, lang, error);
    }
  }

  /**
   * Digest answers depend on the database and the asker: never cached, and asynchronous (a
   * database busy with another process is waited for between event-loop turns).
   */
  #digest(interaction: ChatInputCommandInteraction, lang: Lang): Pending {
    const { story, digests } = this.#settings;
    return digestCommandAnswer(interaction, digests, story, lang).then(render, (error: unknown) =>
      this.#failure(interaction, lang, error),
    );
  }

  #produce(interaction: ChatInputCommandInteraction, lang: Lang): Pending {
    if (interaction.commandName === DIGEST_COMMAND) return this.#digest(interaction, lang);
    const { story, commands, cache } = this.#settings;
    const name = interaction.options.getSubcommand(false);
    const raw = rawOptions(interaction);
    const cacheKey = RenderedCache.key(name ?? '', lang, raw);
    const cached = cache?.get(story, cacheKey);
    if (cached) return cached;

    const command = publicCommands(commands).find((c) => c.name === name);
    // A subcommand we no longer have: Discord shows a stale list until the new one is registered.
    if (!command) return render(unknownCommandAnswer(story, commands, lang, name ?? '', undefined));
    const checked = validateOptions(command, raw, lang);
    if (!checked.ok) {
      return render(errorAnswer(story, lang, t(lang, 'title.invalidInput'), checked.message));
    }
    return this.#run(interaction, command, checked.options, lang, cacheKey);
  }

  async #answer(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const lang = langFromLocale(interaction.locale);
    try {
      await sendAnswer(interaction, this.#produce(interaction, lang), this.#settings.deferAfterMs);
      // Checked first: building the log line for every interaction costs more than a cache hit.
      if (this.#settings.logger.isLevelEnabled('debug')) {
        this.#settings.logger.debug(
          {
            interactionId: interaction.id,
            command: interaction.options.getSubcommand(false),
            lang,
            ms: performance.now() - started,
          },
          'discord interaction answered',
        );
      }
    } catch (error) {
      if (interactionGone(error)) {
        this.#settings.logger.warn(
          { err: error, interactionId: interaction.id },
          'discord interaction expired before it was answered',
        );
        return;
      }
      // Sending failed (Discord refused the message, the network dropped): still tell the user.
      try {
        await sendLateFailure(interaction, this.#failure(interaction, lang, error));
      } catch (again) {
        this.#settings.logger.error(
          { err: again, interactionId: interaction.id },
          'discord error reply failed too',
        );
      }
    }
  }
}
