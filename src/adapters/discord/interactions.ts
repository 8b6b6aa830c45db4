import {
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  DiscordAPIError,
  InteractionType,
  type REST,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { ChartImages } from '../../chart/index.js';
import {
  type Answer,
  type CommandDefinition,
  errorAnswer,
  failureFor,
  isPromise,
  type Lang,
  langFromLocale,
  runCommand,
  type Story,
  t,
  unknownCommandAnswer,
  validateOptions,
} from '../../core/index.js';
import { type CommandOutcome, commandLabel } from '../../http/command-label.js';
import type { BotMetrics } from '../../http/metrics.js';
import { InFlight } from '../../in-flight.js';
import type { Logger } from '../../logger.js';
import type { DigestAdmin } from '../../schedule/admin.js';
import { RenderedCache } from '../rendered-cache.js';
import { publicCommands, ROOT_COMMAND } from './command-json.js';
import { DIGEST_COMMAND, DIGEST_SUBCOMMANDS } from './digest/command-json.js';
import { digestCommandAnswer } from './digest/interactions.js';
import {
  type FirstResponse,
  InteractionReply,
  type Pending,
  type Rendered,
  render,
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
  /** Edits and follow-ups go through the interaction's webhook with this client. */
  rest: REST;
  applicationId: string;
  /** Counts every command; undefined where nobody scrapes them. */
  metrics: BotMetrics | undefined;
  /** Draws answers' charts as images; undefined keeps them as text bars. */
  charts: ChartImages | undefined;
}

type ChatInput = APIChatInputApplicationCommandInteraction;

/** The subcommand typed, e.g. `stocks` in `/sakura stocks`. */
function subcommandName(interaction: ChatInput): string | undefined {
  return interaction.data.options?.find(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  )?.name;
}

/**
 * The subcommand's options as name -> text, exactly as Discord sent them. Unknown names are kept
 * (not filtered) so the core's validateOptions can reject a stale or forged command shape.
 */
function rawOptions(interaction: ChatInput): Record<string, string> {
  const sub = interaction.data.options?.find(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  );
  if (sub?.type !== ApplicationCommandOptionType.Subcommand) return {};
  return Object.fromEntries(
    (sub.options ?? []).map((option) => [option.name, String(option.value)]),
  );
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
 * Discord's answer when the interaction was already acknowledged: another process on the same
 * token got it too (two unsharded gateway replicas, a misconfigured fleet) and answered first.
 * The user has their answer; this one has nothing left to do.
 */
function answeredElsewhere(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
  );
}

/**
 * Routes `/sakura <sub>` to its command and `/sakura-digest <sub>` to the digest admin, and
 * sends the answer. It reads the interaction as Discord's own JSON, whichever way it came (a
 * gateway dispatch or a signed HTTP request), so both modes answer through the same code with
 * the same bodies. Every interaction is tracked until its answer is sent, so `drain` can stop
 * taking new ones and let those in flight finish.
 */
export class InteractionRouter {
  readonly #settings: RouterSettings;
  readonly #inFlight = new InFlight();
  readonly #commandNames: ReadonlySet<string>;
  #accepting = true;

  constructor(settings: RouterSettings) {
    this.#settings = settings;
    this.#commandNames = new Set([
      ...publicCommands(settings.commands).map((c) => c.name),
      ...DIGEST_SUBCOMMANDS.map((sub) => `digest ${sub}`),
    ]);
  }

  /** True for the chat-input commands this bot answers; anything else is another app's business. */
  static accepts(interaction: APIInteraction): interaction is ChatInput {
    if (interaction.type !== InteractionType.ApplicationCommand) return false;
    if (interaction.data.type !== ApplicationCommandType.ChatInput) return false;
    const name = interaction.data.name;
    return name === ROOT_COMMAND || name === DIGEST_COMMAND;
  }

  /**
   * Answers one command; `first` sends the first response. Undefined when stopping (not taken).
   * The returned promise settles once the answer is sent (or given up on).
   */
  handle(interaction: ChatInput, first: FirstResponse): Promise<void> | undefined {
    if (!this.#accepting) return undefined;
    return this.#inFlight.track(this.#answer(interaction, first));
  }

  /** Stops taking interactions and waits (at most `timeoutMs`) for those in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.#accepting = false;
    await this.#inFlight.drain(timeoutMs);
  }

  /**
   * The core's error boundary, for an error thrown anywhere in answering: the error and a fresh
   * id go to the log, the same id to the user in a private answer.
   */
  #failure(interaction: ChatInput, lang: Lang, error: unknown): Rendered {
    const { answer } = failureFor(error, this.#settings.story, lang, (errorId, err) =>
      this.#settings.logger.error(
        {
          err,
          errorId,
          command: subcommandName(interaction),
          interactionId: interaction.id,
          guildId: interaction.guild_id,
        },
        'discord interaction failed',
      ),
    );
    return render(answer, this.#settings.charts);
  }

  /** Runs the command; a synchronous, successful answer is rendered once and cached. */
  #run(
    interaction: ChatInput,
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
        return answer.then(
          (ready) => render(ready, this.#settings.charts),
          (error: unknown) => this.#failure(interaction, lang, error),
        );
      }
      const rendered = render(answer, this.#settings.charts);
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
  #digest(interaction: ChatInput, lang: Lang): Pending {
    const { story, digests } = this.#settings;
    // A preview shows the chart the way the digest will.
    const typed = { name: subcommandName(interaction), options: rawOptions(interaction) };
    return digestCommandAnswer(interaction, typed, digests, story, lang).then(
      (answer) => render(answer, this.#settings.charts),
      (error: unknown) => this.#failure(interaction, lang, error),
    );
  }

  #produce(interaction: ChatInput, lang: Lang): Pending {
    if (interaction.data.name === DIGEST_COMMAND) return this.#digest(interaction, lang);
    const { story, commands, cache } = this.#settings;
    const name = subcommandName(interaction);
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

  /** The command as a metrics label: `stocks`, `digest list`, or `other`. */
  #label(interaction: ChatInput): string {
    const sub = subcommandName(interaction);
    const name = interaction.data.name === DIGEST_COMMAND ? `digest ${sub}` : sub;
    return commandLabel(name, this.#commandNames);
  }

  async #answer(interaction: ChatInput, first: FirstResponse): Promise<void> {
    const started = performance.now();
    const lang = langFromLocale(interaction.locale);
    const { rest, applicationId, logger, metrics } = this.#settings;
    const reply = new InteractionReply(first, { rest, applicationId, token: interaction.token });
    let outcome: CommandOutcome = 'answered';
    try {
      await reply.send(
        this.#produce(interaction, lang),
        this.#settings.deferAfterMs,
        interaction.data.name === DIGEST_COMMAND,
      );
      // Checked first: building the log line for every interaction costs more than a cache hit.
      if (logger.isLevelEnabled('debug')) {
        logger.debug(
          {
            interactionId: interaction.id,
            command: subcommandName(interaction),
            lang,
            ms: performance.now() - started,
          },
          'discord interaction answered',
        );
      }
    } catch (error) {
      outcome = 'failed';
      if (answeredElsewhere(error)) {
        outcome = 'answered_elsewhere';
        logger.debug(
          { interactionId: interaction.id, command: subcommandName(interaction) },
          'discord interaction answered by another replica',
        );
        return;
      }
      if (interactionGone(error)) {
        outcome = 'expired';
        logger.warn(
          { err: error, interactionId: interaction.id },
          'discord interaction expired before it was answered',
        );
        return;
      }
      // Sending failed (Discord refused the message, the network dropped): still tell the user.
      try {
        await reply.sendLateFailure(this.#failure(interaction, lang, error));
      } catch (again) {
        logger.error(
          { err: again, interactionId: interaction.id },
          'discord error reply failed too',
        );
      }
    } finally {
      metrics?.command('discord', this.#label(interaction), outcome, started);
    }
  }
}
