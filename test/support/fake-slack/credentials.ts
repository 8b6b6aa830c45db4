/** The app's secrets as the fake Slack knows them: tests and benches configure the bot with these. */
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-0000-0000-fake';
