/** One Discord channel's subscription as an admin would make it: the store tests' fixture. */
export const CHANNEL = {
  platform: 'discord' as const,
  workspaceId: '111111111111111111',
  channelId: '222222222222222222',
  cron: '0 9 * * *',
  timezone: 'Asia/Tokyo',
  lang: 'en' as const,
  createdBy: '333333333333333333',
};
