import type { Lang } from './lang.js';

/**
 * The bot's own words (not the story's facts, which live in data/). Both languages have every
 * key; TypeScript enforces that through `satisfies`.
 */
const en = {
  'title.stocks': 'Share moves on {date}',
  'title.investment': "Microsoft's investment in Japan",
  'title.partners': 'Partners',
  'title.announcement': 'The announcement',
  'title.adoption': 'Generative AI use',
  'title.impact': 'What it means for Japan',
  'title.summary': 'In brief: {story}',
  'title.ask': 'What the story says',
  'title.askNothing': 'The story does not say.',
  'title.source': 'Source',
  'title.help': 'sakura-bot commands',
  'title.error': 'Something went wrong',
  'title.unknownCommand': 'Unknown command',
  'title.invalidInput': 'That did not work',
  'label.focusAreas': 'Focus areas',
  'label.computePartners': 'AI computing in Japan',
  'label.itPartners': 'Other Japanese IT companies',
  'lead.impact': 'The article expects {count} implications for the Japanese market:',
  'label.shareMoves': 'Share moves',
  'label.article': 'Article',
  'label.date': 'Date',
  'label.tse': 'TSE {code}',
  'label.role': '{name}, {role}',
  'lead.askNothing': 'It covers: {topics}. Try `/sakura help`.',
  'lead.askFound': 'From the article about "{question}":',
  'lead.help':
    'Ask about the story with `/sakura <command>`. Answers follow your language; where you type text, `lang:ja` gives Japanese.',
  'lead.source': 'Every answer comes from this one article. The facts may change.',
  'lead.unknownCommand': 'There is no command "{input}".',
  'lead.didYouMean': 'Did you mean `{suggestion}`?',
  'chart.stocks': 'Share price change on {date}',
  'caveat.prefix': 'Note',
  'source.line': 'Source: "{title}" ({date}), {sections}',
  'asOf.line': 'As of {date}',
  'error.withId': 'Sorry, that failed on our side. Error id: {id}',
  'error.tooLong': '{option} is too long: at most {max} characters.',
  'error.required': '{option} is required. Example: `{example}`',
  'error.unexpectedText': '`{command}` takes no text. Example: `{example}`',
  'error.badLang': 'lang must be en or ja.',
  'error.badOption': 'Unknown option "{option}". Options: {allowed}',
  'error.adminOnly': '`{command}` is for admins and cannot be run as a text command.',
  'topic.list':
    'share moves, the investment, partners, the announcement, generative AI use, the implications',
  'title.digestAdmin': 'Scheduled digest',
  'digest.notAdmin': 'Only admins can change digests. Ask an admin of this workspace or server.',
  'digest.subscribed':
    'This channel will get the digest on schedule `{cron}` ({timezone}), in {lang}.',
  'digest.updated': "This channel's digest now runs on `{cron}` ({timezone}), in {lang}.",
  'digest.unsubscribed': 'This channel will no longer get the digest.',
  'digest.notSubscribed':
    'This channel does not get the digest. An admin can subscribe it, for example with the schedule `daily`.',
  'digest.listEmpty':
    'No channel here gets the digest yet. An admin can subscribe a channel, for example with the schedule `daily`.',
  'digest.listLead': '{count} channel(s) get the digest:',
  'digest.active': 'active',
  'digest.postingStopped':
    "⚠️ Posting stopped: the bot's token was rejected ({reason}). Subscriptions are kept; digests resume by themselves once the token is accepted again.",
  'digest.paused': 'paused: {reason}',
  'digest.next': 'Next posts',
  'digest.previewLead': 'This is what the digest would look like now (only you see this preview).',
  'digest.badCron':
    'That is not a schedule I can read ({detail}). Try `daily`, `weekdays`, `weekly`, or five cron fields such as `0 9 * * 1-5` (09:00 on weekdays).',
  'digest.badTimezone':
    'Unknown time zone "{zone}". Use an IANA name such as `Asia/Tokyo` or `America/New_York`.',
  'digest.tooOften':
    'From chat a digest can run at most hourly. For example `0 * * * *` posts every hour on the hour, `daily` at 09:00.',
  'digest.usage':
    'Use `digest subscribe <daily|weekdays|weekly|cron> [tz:Area/City] [lang:en|ja]`, `digest unsubscribe`, `digest list` or `digest preview`.',
  'title.digest': 'Digest: {story}',
  'lead.digestNew': 'New or changed since {date}:',
  'lead.digestNothingNew': 'No new developments since {date}.',
} as const;

type MessageKey = keyof typeof en;

const ja = {
  'title.stocks': '{date}の株価の動き',
  'title.investment': 'マイクロソフトの対日投資',
  'title.partners': 'パートナー企業',
  'title.announcement': '発表の経緯',
  'title.adoption': '生成AIの利用状況',
  'title.impact': '日本への影響',
  'title.summary': '概要：{story}',
  'title.ask': '記事の記載',
  'title.askNothing': '記事には記載がありません。',
  'title.source': '出典',
  'title.help': 'sakura-botのコマンド',
  'title.error': 'エラーが発生しました',
  'title.unknownCommand': '不明なコマンド',
  'title.invalidInput': '入力を確認してください',
  'label.focusAreas': '重点分野',
  'label.computePartners': '国内でのAI計算基盤',
  'label.itPartners': 'その他の日本のIT企業',
  'lead.impact': '記事は日本市場への影響として次の{count}点を挙げています：',
  'label.shareMoves': '株価の動き',
  'label.article': '記事',
  'label.date': '日付',
  'label.tse': '東証 {code}',
  'label.role': '{name}（{role}）',
  'lead.askNothing': '記事が扱っているのは、{topics}です。`/sakura help` もご覧ください。',
  'lead.askFound': '「{question}」について記事の記載：',
  'lead.help':
    '`/sakura <コマンド>` で記事について質問できます。回答は利用中の言語に合わせます。文字で入力する場合は `lang:en` で英語になります。',
  'lead.source': 'すべての回答はこの記事に基づいています。内容は変わる可能性があります。',
  'lead.unknownCommand': '「{input}」というコマンドはありません。',
  'lead.didYouMean': '`{suggestion}` のことですか？',
  'chart.stocks': '{date}の株価変化率',
  'caveat.prefix': '注意',
  'source.line': '出典：「{title}」（{date}）{sections}',
  'asOf.line': '{date}時点',
  'error.withId': '申し訳ありません。処理に失敗しました。エラーID：{id}',
  'error.tooLong': '{option}が長すぎます（最大{max}文字）。',
  'error.required': '{option}を指定してください。例：`{example}`',
  'error.unexpectedText': '`{command}` には文章を付けられません。例：`{example}`',
  'error.badLang': 'lang には en か ja を指定してください。',
  'error.badOption': '「{option}」というオプションはありません。使えるオプション：{allowed}',
  'error.adminOnly': '`{command}` は管理者用のため、テキストコマンドでは実行できません。',
  'topic.list':
    '株価の動き、投資の内容、パートナー企業、発表の経緯、生成AIの利用状況、日本への影響',
  'title.digestAdmin': '定期ダイジェスト',
  'digest.notAdmin':
    'ダイジェストの設定を変更できるのは管理者だけです。ワークスペースまたはサーバーの管理者に依頼してください。',
  'digest.subscribed':
    'このチャンネルにスケジュール `{cron}`（{timezone}）でダイジェストを{lang}で投稿します。',
  'digest.updated': 'このチャンネルのダイジェストを `{cron}`（{timezone}）、{lang}に変更しました。',
  'digest.unsubscribed': 'このチャンネルへのダイジェスト投稿を停止しました。',
  'digest.notSubscribed':
    'このチャンネルはダイジェストを受け取っていません。管理者がスケジュール（例：`daily`）を指定して登録できます。',
  'digest.listEmpty':
    'ダイジェストを受け取っているチャンネルはまだありません。管理者がスケジュール（例：`daily`）を指定してチャンネルを登録できます。',
  'digest.listLead': '{count}件のチャンネルがダイジェストを受け取っています：',
  'digest.active': '有効',
  'digest.postingStopped':
    '⚠️ 投稿を停止中：ボットのトークンが拒否されました（{reason}）。購読はそのまま残り、トークンが再び受け付けられると自動で再開します。',
  'digest.paused': '一時停止中：{reason}',
  'digest.next': '次回の投稿',
  'digest.previewLead': '現時点でのダイジェストのプレビューです（あなたにだけ表示されています）。',
  'digest.badCron':
    'スケジュールを読み取れません（{detail}）。`daily`、`weekdays`、`weekly`、または `0 9 * * 1-5`（平日9時）のような5つのcronフィールドを指定してください。',
  'digest.badTimezone':
    '不明なタイムゾーン「{zone}」です。`Asia/Tokyo` や `America/New_York` のようなIANA名を指定してください。',
  'digest.tooOften':
    'チャットから設定できるのは1時間に1回までです。例：`0 * * * *` は毎時0分、`daily` は毎日9時に投稿します。',
  'digest.usage':
    '`digest subscribe <daily|weekdays|weekly|cron> [tz:地域/都市] [lang:en|ja]`、`digest unsubscribe`、`digest list`、`digest preview` が使えます。',
  'title.digest': 'ダイジェスト：{story}',
  'lead.digestNew': '{date}以降の新しい情報・変更点：',
  'lead.digestNothingNew': '{date}以降、新しい動きはありません。',
} as const satisfies Record<MessageKey, string>;

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, ja };

export type { MessageKey };

/** Looks up a message and fills `{name}` placeholders; an unknown placeholder stays visible. */
export function t(
  lang: Lang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
