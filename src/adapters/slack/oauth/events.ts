import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { SlackOAuth } from './oauth-mode.js';

interface EnvelopeIds {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
}

/**
 * `app_uninstalled` and `tokens_revoked` (Bolt hands them over without authorizing: there is no
 * token left to authorize with). Either way the bot's token is gone: the installation is
 * deleted and the workspace's digests pause with the reason, until a reinstall. A revoked
 * user token alone only forgets that installer's record.
 */
export function registerUninstallEvents(app: App, oauth: SlackOAuth, logger: Logger): void {
  const log = logger.child({ component: 'slack-oauth' });
  app.event('app_uninstalled', async ({ body }) => {
    await oauth.uninstalled(keyOf(body as EnvelopeIds));
  });
  app.event('tokens_revoked', async ({ body, event }) => {
    const key = keyOf(body as EnvelopeIds);
    if ((event.tokens.bot ?? []).length > 0) {
      await oauth.uninstalled(key);
      return;
    }
    for (const userId of event.tokens.oauth ?? []) {
      await oauth.installations.deleteInstallation({
        teamId: key.teamId ?? undefined,
        enterpriseId: key.enterpriseId ?? undefined,
        isEnterpriseInstall: key.isEnterpriseInstall,
        userId,
      });
    }
    log.info(
      { team: key.teamId, users: event.tokens.oauth?.length ?? 0 },
      'Slack user tokens revoked',
    );
  });
}

function keyOf(body: EnvelopeIds) {
  return {
    teamId: body.team_id ?? null,
    enterpriseId: body.enterprise_id ?? null,
    isEnterpriseInstall: body.is_enterprise_install === true,
  };
}
