/** The fact core's public surface: what commands and adapters may use. */
export type { Answer, AnswerField, ChartSpec, SourceRef } from './answer.js';
export { askAnswer } from './ask/ask-answer.js';
export type { AskResult, AskSubject, Missing, MissingKind } from './ask/ask-question.js';
export { FactIndex, factIndexFor } from './ask/fact-index.js';
export {
  type CommandContext,
  type CommandDefinition,
  type CommandOptions,
  defineCommand,
  type OptionSpec,
  validateOptions,
} from './command.js';
export * from './compose.js';
export { type DigestChanges, digestAnswer } from './digest.js';
export {
  type Answered,
  answerOrFailure,
  answerParsed,
  failureFor,
  type Invocation,
  isPromise,
  newErrorId,
  runCommand,
} from './dispatch.js';
export * from './format.js';
export { MESSAGE_KEYS, type MessageKey, t } from './i18n.js';
export { isLang, LANGS, type Lang, type Localized, langFromLocale } from './lang.js';
export { answerToPlainText, caveatLine, chartLines } from './plain-text.js';
export {
  errorAnswer,
  failureAnswer,
  helpAnswer,
  unknownCommandAnswer,
} from './replies.js';
export { asOfLine, footerLine, sourceLine } from './source-line.js';
export { stocksChart, tradingDate } from './stocks-chart.js';
export { loadStories, parseStoryFile, type StoryCatalog, StoryDataError } from './story/load.js';
export {
  type FactRevisions,
  factRevisions,
  factsChangedSince,
} from './story/revisions.js';
export type { Entity, Fact, FactValue, Story, Topic } from './story/schema.js';
export { summaryAnswer } from './summary.js';
export { commandWords, langTokenValue, type ParsedText, parseTextCommand } from './text-command.js';
