import type { Logger } from '../../../logger.js';
import type { SlackInstallationStore, SubscriptionStore } from '../../../store/contract.js';
import type { SealedInstallationStore } from './installation-store.js';
import { PAUSED_TOKEN_REJECTED, PAUSED_UNINSTALLED } from './scopes.js';

export interface InstallKey {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
}

/**
 * What follows an install, an uninstall, and a request from a workspace of an org-wide install:
 * digests pause when the app leaves a workspace (with the reason `list` shows) and resume when
 * it comes back; the teams of an org-wide install are remembered as they are seen, since its
 * token covers them all.
 */
export class WorkspaceLifecycle {
  /** Teams already recorded as part of an org-wide install: written once per process. */
  readonly #knownOrgTeams = new Set<string>();

  constructor(
    private readonly store: SlackInstallationStore,
    private readonly installations: SealedInstallationStore,
    /** Absent when the bot runs without digests. */
    private readonly subscriptions: SubscriptionStore | undefined,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  async seenInOrg(teamId: string, enterpriseId: string): Promise<void> {
    const key = `${enterpriseId}:${teamId}`;
    if (this.#knownOrgTeams.has(key)) return;
    await this.store.rememberEnterpriseTeam(teamId, enterpriseId);
    this.#knownOrgTeams.add(key);
  }

  /** After an install is stored: resume what an uninstall (or a rejected token) paused. */
  async installed(teamId: string | undefined, enterpriseId: string | undefined): Promise<void> {
    const { subscriptions } = this;
    if (!subscriptions) return;
    let resumed = 0;
    for (const team of await this.#teamsOf(teamId ?? null, enterpriseId ?? null))
      for (const reason of [PAUSED_UNINSTALLED, PAUSED_TOKEN_REJECTED])
        resumed += await subscriptions.resumeWorkspace('slack', team, reason);
    if (resumed)
      this.logger.info(
        { team: teamId, enterprise: enterpriseId, resumed },
        'reinstalled: digests resumed',
      );
  }

  /** The app was uninstalled, or its bot token revoked: forget it and pause its workspaces. */
  async uninstalled(key: InstallKey): Promise<void> {
    await this.installations.deleteInstallation({
      teamId: key.teamId ?? undefined,
      enterpriseId: key.enterpriseId ?? undefined,
      isEnterpriseInstall: key.isEnterpriseInstall,
    });
    const teams = key.isEnterpriseInstall
      ? await this.#teamsOf(null, key.enterpriseId)
      : await this.#teamsOf(key.teamId, null);
    let paused = 0;
    for (const team of this.subscriptions ? teams : [])
      paused +=
        (await this.subscriptions?.pauseWorkspace(
          'slack',
          team,
          PAUSED_UNINSTALLED,
          new Date(this.now()),
        )) ?? 0;
    this.logger.warn(
      { team: key.teamId, enterprise: key.enterpriseId, paused },
      'Slack app uninstalled: installation deleted, digests paused',
    );
  }

  /** The teams a key covers: the one team, or every team seen in an org-wide install. */
  async #teamsOf(teamId: string | null, enterpriseId: string | null): Promise<string[]> {
    if (teamId) return [teamId];
    return enterpriseId ? this.store.teamsOfEnterprise(enterpriseId) : [];
  }
}
