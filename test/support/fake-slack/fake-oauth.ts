import { randomBytes } from 'node:crypto';

/** A workspace the fake Slack knows: its bot, and whether the app is installed there. */
export interface FakeWorkspace {
  /** The team, or for an org-wide (Enterprise Grid) install the enterprise. */
  teamId: string;
  teamName: string;
  /** Set for an org-wide install: the org's workspaces, all served by its one token. */
  orgTeams?: string[];
  botId: string;
  botUserId: string;
}

interface IssuedToken {
  teamId: string;
  /** ms since the epoch on the fake's clock; undefined never expires. */
  expiresAt: number | undefined;
  revoked: boolean;
}

/** What a call's bearer token says: its team, or the error Slack would answer. */
export type TokenCheck = { teamId: string } | { error: string } | undefined;

/**
 * Slack's OAuth side, faked: authorization codes for a workspace, `oauth.v2.access` for the
 * code exchange and the refresh_token grant (refresh tokens are single-use, as Slack's are),
 * tokens that expire and can be revoked, and which team a token and a channel belong to.
 */
export class FakeOAuth {
  readonly clientId = '1111111111.2222222222';
  readonly clientSecret = 'fake-client-secret-0123456789';
  /** Token rotation on: access tokens expire and come with a refresh token. */
  rotation = false;
  expiresInSeconds = 12 * 60 * 60;
  readonly workspaces = new Map<string, FakeWorkspace>();
  /** Which team each channel is in; a token of another team gets channel_not_found. */
  readonly channelTeams = new Map<string, string>();
  readonly #codes = new Map<string, string>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #refreshTokens = new Map<string, { teamId: string; used: boolean }>();
  /** refresh_token grants answered, by team (including refused ones). */
  readonly refreshes: { teamId: string | undefined; ok: boolean }[] = [];

  constructor(private readonly now: () => number) {}

  addWorkspace(teamId: string, teamName = `Team ${teamId}`): FakeWorkspace {
    const workspace = {
      teamId,
      teamName,
      botId: `B${teamId}`,
      botUserId: `U${teamId}BOT`,
    };
    this.workspaces.set(teamId, workspace);
    return workspace;
  }

  /** A bot token of the team, as if the app had been installed there by hand (token mode). */
  botTokenFor(teamId: string): string {
    const workspace = this.workspaces.get(teamId) ?? this.addWorkspace(teamId);
    return String(this.#grant(workspace).access_token);
  }

  /** An Enterprise Grid org whose admin installs the app org-wide, for these workspaces. */
  addOrg(enterpriseId: string, teams: string[]): FakeWorkspace {
    const org = { ...this.addWorkspace(enterpriseId, `Org ${enterpriseId}`), orgTeams: teams };
    this.workspaces.set(enterpriseId, org);
    return org;
  }

  /** Whether a token of `owner` (team or org) may act in `teamId`. */
  covers(owner: string, teamId: string): boolean {
    return owner === teamId || (this.workspaces.get(owner)?.orgTeams?.includes(teamId) ?? false);
  }

  /** What Slack appends to the redirect URL after the user clicks "Allow". */
  issueCode(teamId: string): string {
    const code = `code-${teamId}-${randomBytes(6).toString('hex')}`;
    this.#codes.set(code, teamId);
    return code;
  }

  /** Makes every token of the team expired now (as if 12 hours went by). */
  expireTokens(teamId: string): void {
    for (const token of this.#tokens.values())
      if (token.teamId === teamId) token.expiresAt = this.now() - 1;
  }

  revokeTokens(teamId: string): void {
    for (const token of this.#tokens.values()) if (token.teamId === teamId) token.revoked = true;
  }

  /** The tokens currently good for a team. */
  liveTokens(teamId: string): string[] {
    return [...this.#tokens.entries()]
      .filter(
        ([, t]) => t.teamId === teamId && !t.revoked && (t.expiresAt ?? Infinity) > this.now(),
      )
      .map(([token]) => token);
  }

  check(authorization: string | undefined): TokenCheck {
    const token = authorization?.replace(/^Bearer /, '');
    const issued = token ? this.#tokens.get(token) : undefined;
    if (!issued) return undefined;
    if (issued.revoked) return { error: 'token_revoked' };
    if (issued.expiresAt !== undefined && issued.expiresAt <= this.now())
      return { error: 'token_expired' };
    return { teamId: issued.teamId };
  }

  /** oauth.v2.access for both grants. */
  access(body: Record<string, unknown>): Record<string, unknown> {
    if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret)
      return { ok: false, error: 'invalid_client_id' };
    if (body.grant_type === 'refresh_token') {
      const entry = this.#refreshTokens.get(String(body.refresh_token));
      this.refreshes.push({ teamId: entry?.teamId, ok: entry !== undefined && !entry.used });
      if (!entry || entry.used) return { ok: false, error: 'invalid_refresh_token' };
      entry.used = true;
      const workspace = this.workspaces.get(entry.teamId);
      if (!workspace) return { ok: false, error: 'invalid_refresh_token' };
      return { ok: true, token_type: 'bot', ...this.#grant(workspace) };
    }
    const teamId = this.#codes.get(String(body.code));
    // Codes are single-use too.
    this.#codes.delete(String(body.code));
    const workspace = teamId ? this.workspaces.get(teamId) : undefined;
    if (!workspace) return { ok: false, error: 'invalid_code' };
    return {
      ok: true,
      app_id: 'A0FAKEAPP',
      authed_user: { id: `U${workspace.teamId}ADMIN` },
      scope: 'commands,chat:write,users:read,channels:history,groups:history,files:write',
      token_type: 'bot',
      bot_user_id: workspace.botUserId,
      ...(workspace.orgTeams
        ? {
            team: null,
            enterprise: { id: workspace.teamId, name: workspace.teamName },
            is_enterprise_install: true,
          }
        : {
            team: { id: workspace.teamId, name: workspace.teamName },
            enterprise: null,
            is_enterprise_install: false,
          }),
      ...this.#grant(workspace),
    };
  }

  #grant(workspace: FakeWorkspace): Record<string, unknown> {
    const prefix = this.rotation ? 'xoxe.xoxb' : 'xoxb';
    const token = `${prefix}-${workspace.teamId}-${randomBytes(8).toString('hex')}`;
    const expiresAt = this.rotation ? this.now() + this.expiresInSeconds * 1000 : undefined;
    this.#tokens.set(token, { teamId: workspace.teamId, expiresAt, revoked: false });
    if (!this.rotation) return { access_token: token };
    const refresh = `xoxe-1-${workspace.teamId}-${randomBytes(8).toString('hex')}`;
    this.#refreshTokens.set(refresh, { teamId: workspace.teamId, used: false });
    return { access_token: token, refresh_token: refresh, expires_in: this.expiresInSeconds };
  }
}
