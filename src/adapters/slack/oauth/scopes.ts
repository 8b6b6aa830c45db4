/**
 * The bot scopes an install asks for: the same list as slack/manifest.yml (a test keeps the two
 * equal), so an "Add to Slack" grants exactly what the manifest declares.
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'channels:history',
  'groups:history',
  'files:write',
] as const;

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** Why a workspace's digests are paused, shown by `digest list`; a reinstall lifts both. */
export const PAUSED_UNINSTALLED =
  'the app was uninstalled from this workspace: reinstall it to resume';
export const PAUSED_TOKEN_REJECTED =
  "Slack rejected this workspace's bot token: reinstall the app to resume";
