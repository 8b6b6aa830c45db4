/**
 * Japanese names for the command picker (`name_localizations.ja`). The core's CommandDefinition
 * and OptionSpec carry localized descriptions but no localized names yet; until they do, the
 * table lives here. A command or option missing from it simply has no Japanese name.
 */
export const JA_SUBCOMMAND_NAMES: Readonly<Record<string, string>> = {
  stocks: '株価',
  investment: '投資',
  partners: '提携先',
  announcement: '発表',
  adoption: '利用状況',
  impact: '影響',
  summary: '概要',
  ask: '質問',
  source: '出典',
  help: 'ヘルプ',
};

export const JA_OPTION_NAMES: Readonly<Record<string, string>> = {
  question: '質問',
};
