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
  'label.eventsDate': 'Date of the events',
  'label.published': 'Published',
  'value.notGiven': 'not given in the article',
  'label.withTse': '{name} (TSE {code})',
  'note.tseCodes':
    'The Tokyo Stock Exchange codes in brackets are added by sakura-bot for reference; the article does not give them.',
  'label.inline': '{label}: {value}',
  'fact.cited': '{text} ({section})',
  'label.role': '{name}, {role}',
  'lead.askNothing': 'It covers: {topics}. Try `/sakura help`.',
  'lead.askFound': 'From the article about "{question}":',
  'answer.yes': 'Yes.',
  'answer.no': 'No.',
  'lead.askMore': 'Also in the story:',
  'partial.words': "The story does not give {subject}'s {words}.",
  'partial.conceptWords': 'The story does not mention {words} in connection with {subject}.',
  'partial.kind': 'The story gives no {kind} for {subject}.',
  'partial.claim': 'The story does not connect {subject} with {words}.',
  'partial.unmentioned': 'It does not mention {words}.',
  'lead.askPartial': 'What it says about {subject}:',
  'kind.amount': 'amount',
  'kind.percent': 'percentage',
  'kind.count': 'number',
  'kind.date': 'date',
  'kind.person': "person's name",
  'kind.company': 'company name',
  'kind.sharePrice': 'share-price move',
  'lead.help':
    'Ask about the story with `/sakura <command>`. Answers follow your language; where you type text, `lang:ja` gives Japanese.',
  'lead.source':
    'Every answer comes from this one article. It carries no publication date: 3 April 2026 is the date of the events it reports. The facts may change.',
  'lead.unknownCommand': 'There is no command "{input}".',
  'lead.didYouMean': 'Did you mean `{suggestion}`?',
  'chart.stocks': 'Share price change on {date}',
  'caveat.prefix': 'Note',
  'caveat.label': '{prefix}:',
  'source.line': 'Source: "{title}" (undated; events of {date}), {sections}',
  'asOf.line': 'As of {date}',
  'error.withId': 'Sorry, that failed on our side. Error id: {id}',
  'error.tooLong': '{option} is too long: at most {max} characters.',
  'error.required': '{option} is required. Example: `{example}`',
  'error.unexpectedText': '`{command}` takes no text. Example: `{example}`',
  'error.badLang': 'lang must be en or ja.',
  'error.badOption': 'Unknown option "{option}". Options: {allowed}',
  'error.adminOnly': '`{command}` is for admins and cannot be run as a text command.',
  'topic.list':
    'share moves, the investment, partners, the announcement, generative AI use, the implications, the conclusion',
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
  // Each platform fills in its own syntax for the four admin commands.
  'digest.usage': 'Use {subscribe}, {unsubscribe}, {list} or {preview}.',
  'digest.zoneHint': 'Area/City',
  'digest.notRunning':
    'Scheduled digests are not running in this bot, so they cannot be set up here. Ask whoever runs the bot.',
  'digest.unavailable':
    'Scheduled digests are not available in this bot (it runs without a digest database).',
  'digest.notAChannel':
    'Digests are posted to channels: run this in the channel that should get them.',
  'digest.checkFailed':
    'Could not check with {platform} whether you are an admin. Please try again in a moment.',
  'lang.en': 'English',
  'lang.ja': 'Japanese',
  'note.shortened': '… shortened to fit in one {platform} message.',
  'title.digest': 'Digest: {story}',
  'lead.digestNew': "The bot's facts added or changed since {date}:",
  'lead.digestNothingNew': "The bot's facts have not changed since {date}.",
} as const;

type MessageKey = keyof typeof en;

/** Every message key, so tests can read each message in each language. */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

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
  'label.eventsDate': '出来事の日付',
  'label.published': '公開日',
  'value.notGiven': '記事に記載なし',
  'label.withTse': '{name}（東証：{code}）',
  'note.tseCodes':
    '括弧内の東京証券取引所の証券コードは、sakura-botが参考として付けたもので、記事には記載がありません。',
  'label.inline': '{label}：{value}',
  'fact.cited': '{text}（{section}）',
  'label.role': '{name}（{role}）',
  'lead.askNothing': '記事が扱っているのは、{topics}です。`/sakura help` もご覧ください。',
  'lead.askFound': '「{question}」について記事の記載：',
  'answer.yes': 'はい。',
  'answer.no': 'いいえ。',
  'lead.askMore': '記事にはほかに次の記載があります：',
  'partial.words': '記事には、{subject}の{words}についての記載がありません。',
  'partial.conceptWords': '記事には、{subject}に関する「{words}」の記載がありません。',
  'partial.kind': '記事には、{subject}についての{kind}の記載がありません。',
  'partial.claim': '記事には、{subject}と「{words}」を結びつける記載はありません。',
  'partial.unmentioned': '{words}についての記述もありません。',
  'lead.askPartial': '{subject}について記事に書かれていること：',
  'kind.amount': '金額',
  'kind.percent': '割合や変化率',
  'kind.count': '数',
  'kind.date': '日付や時期',
  'kind.person': '人物名',
  'kind.company': '企業名',
  'kind.sharePrice': '株価の動き',
  'lead.help':
    '`/sakura <コマンド>` で記事について質問できます。回答は利用中の言語に合わせます。文字で入力する場合は `lang:en` で英語になります。',
  'lead.source':
    'すべての回答はこの記事に基づいています。記事に公開日の記載はなく、2026年4月3日は記事が伝える出来事の日付です。内容は変わる可能性があります。',
  'lead.unknownCommand': '「{input}」というコマンドはありません。',
  'lead.didYouMean': '`{suggestion}` のことですか？',
  'chart.stocks': '{date}の株価変化率',
  'caveat.prefix': '注',
  'caveat.label': '{prefix}：',
  'source.line': '出典：「{title}」（公開日の記載なし、{date}の出来事）、{sections}',
  'asOf.line': '{date}時点',
  'error.withId': '申し訳ありません。処理に失敗しました。エラーID：{id}',
  'error.tooLong': '{option}が長すぎます（最大{max}文字）。',
  'error.required': '{option}を指定してください。例：`{example}`',
  'error.unexpectedText': '`{command}` には文章を付けられません。例：`{example}`',
  'error.badLang': 'lang には en か ja を指定してください。',
  'error.badOption': '「{option}」というオプションはありません。使えるオプション：{allowed}',
  'error.adminOnly': '`{command}` は管理者用のため、テキストコマンドでは実行できません。',
  'topic.list':
    '株価の動き、投資の内容、パートナー企業、発表の経緯、生成AIの利用状況、日本への影響、記事の結論',
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
  'digest.usage': '{subscribe}、{unsubscribe}、{list}、{preview} が使えます。',
  'digest.zoneHint': '地域/都市',
  'digest.notRunning':
    'このボットでは定期ダイジェストが動いていないため、ここでは設定できません。ボットの運用者にお問い合わせください。',
  'digest.unavailable':
    'このボットでは定期ダイジェストを利用できません（ダイジェスト用のデータベースなしで動作しています）。',
  'digest.notAChannel':
    'ダイジェストはチャンネルに投稿されます。受け取りたいチャンネルで実行してください。',
  'digest.checkFailed':
    '{platform}に管理者かどうかを確認できませんでした。しばらくしてからもう一度お試しください。',
  'lang.en': '英語',
  'lang.ja': '日本語',
  'note.shortened': '…{platform}の1件のメッセージに収まるよう省略しました。',
  'title.digest': 'ダイジェスト：{story}',
  'lead.digestNew': '{date}以降にボットで追加・変更された情報：',
  'lead.digestNothingNew': '{date}以降、ボットが持つ情報に変更はありません。',
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
