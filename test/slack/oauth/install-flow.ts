import { expect } from 'vitest';
import type { ReplyJson } from '../block-kit-check.js';
import type { SlackHarness } from '../harness.js';

export interface InstallPage {
  status: number;
  html: string;
  /** The state Bolt put in the cookie (and the authorize URL). */
  state: string;
  cookie: string;
}

/** Where the bot listens and the fake Slack it talks to: a harness, or a built bot's address. */
export type InstallTarget = Pick<SlackHarness, 'baseUrl' | 'api'>;

/** GET /slack/install as a browser: the "Add to Slack" page and its state cookie. */
export async function openInstallPage(h: InstallTarget): Promise<InstallPage> {
  const res = await fetch(`${h.baseUrl}/slack/install`);
  const html = await res.text();
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const state = cookie.split('=')[1] ?? '';
  return { status: res.status, html, state, cookie };
}

/** GET /slack/oauth_redirect as Slack sends the browser back after "Allow". */
export async function redirectBack(
  h: InstallTarget,
  query: { code: string; state: string },
  cookie: string,
): Promise<{ status: number; html: string }> {
  const url = `${h.baseUrl}/slack/oauth_redirect?${new URLSearchParams(query)}`;
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  return { status: res.status, html: await res.text() };
}

/** The whole "Add to Slack" for one workspace the fake knows; checks it succeeded. */
export async function install(h: InstallTarget, teamId: string): Promise<void> {
  const page = await openInstallPage(h);
  expect(page.status).toBe(200);
  const done = await redirectBack(
    h,
    { code: h.api.oauth.issueCode(teamId), state: page.state },
    page.cookie,
  );
  expect(done.html).toContain('sakura-bot is installed');
  expect(done.status).toBe(200);
}

/**
 * `/sakura <text>` from a user in a channel of a team (of an org-wide install when `orgWide`
 * names its enterprise); the reply from the ack or response_url.
 */
export async function slashIn(
  h: SlackHarness,
  teamId: string,
  userId: string,
  channelId: string,
  text: string,
  orgWide?: string,
): Promise<ReplyJson> {
  const org = orgWide ? { enterprise_id: orgWide, is_enterprise_install: true } : {};
  const result = await h.slash(text, {
    fields: { team_id: teamId, user_id: userId, channel_id: channelId, ...org },
  });
  if (result.status !== 200) throw new Error(`slash answered ${result.status}`);
  if (result.json) return result.json as ReplyJson;
  return (await h.responses.waitFor(result.responseUrl)).body as ReplyJson;
}
