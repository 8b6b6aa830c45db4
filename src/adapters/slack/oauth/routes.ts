import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { HttpRoutes } from '../../../http/routes.js';
import type { Logger } from '../../../logger.js';
import { sendPage } from './pages.js';
import { INSTALL_PATH, REDIRECT_PATH } from './scopes.js';

export interface InstallRoutesOptions {
  installer: InstallProvider;
  installOptions: InstallURLOptions;
  logger: Logger;
  /** After an install is stored: resume what an uninstall paused. */
  installed(teamId: string | undefined, enterpriseId: string | undefined): Promise<void>;
}

/** Failures that are the browser's (an old, reused or foreign link): say so, store nothing. */
const STATE_ERRORS = new Set<string>([ErrorCode.InvalidStateError, ErrorCode.MissingStateError]);

function onlyGet(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.writeHead(405, { allow: 'GET' }).end();
  return false;
}

/**
 * `/slack/install` (the "Add to Slack" page) and `/slack/oauth_redirect` on the process's one
 * HTTP server, handled by Bolt's InstallProvider: it sets the state cookie, checks that the
 * redirect's state matches it and passes our single-use state store, exchanges the code
 * (oauth.v2.access) and stores the install through our sealed installation store.
 */
export function mountInstallRoutes(routes: HttpRoutes, options: InstallRoutesOptions): () => void {
  const { installer, installOptions, logger } = options;
  const log = logger.child({ component: 'slack-oauth' });
  routes.mount(INSTALL_PATH, async (req, res) => {
    if (!onlyGet(req, res)) return;
    await installer.handleInstallPath(req, res, {}, installOptions);
  });
  routes.mount(REDIRECT_PATH, async (req, res) => {
    if (!onlyGet(req, res)) return;
    await installer.handleCallback(req, res, {
      successAsync: async (installation, _options, _req, response) => {
        const teamId = installation.team?.id;
        const enterpriseId = installation.enterprise?.id;
        await options.installed(teamId, enterpriseId);
        log.info(
          {
            team: teamId,
            enterprise: enterpriseId,
            orgWide: installation.isEnterpriseInstall === true,
          },
          'Slack app installed',
        );
        const where = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
        sendPage(
          response,
          200,
          'sakura-bot is installed',
          `sakura-bot is now in ${where}. Try /sakura help in any channel, and invite the bot to channels that should get digests.`,
        );
      },
      failureAsync: async (error, _options, _req, response) => {
        if (error.code === ErrorCode.AuthorizationError) {
          sendPage(
            response,
            200,
            'Install cancelled',
            'Nothing was installed. You can close this page.',
          );
          return;
        }
        if (STATE_ERRORS.has(error.code)) {
          log.warn({ reason: error.message }, 'Slack install refused: bad or reused state');
          sendPage(
            response,
            400,
            'This install link is not valid',
            `The link has expired, was already used, or did not come from this app's install page (${error.message}). Nothing was installed. Start again from ${INSTALL_PATH}.`,
          );
          return;
        }
        log.error({ err: error }, 'Slack install failed');
        sendPage(
          response,
          500,
          'The install did not complete',
          `Slack did not confirm the install, so nothing was stored. Please start again from ${INSTALL_PATH}.`,
        );
      },
    });
  });
  return () => {
    routes.unmount(INSTALL_PATH);
    routes.unmount(REDIRECT_PATH);
  };
}
