import { signedHeaders } from './signing.js';

/**
 * Sends an Events API callback to the bot the way Slack does: JSON, signed with the signing
 * secret, to the request URL (`/slack/events`). Returns the HTTP status the bot answered.
 */
export async function sendBotEvent(
  eventsUrl: string,
  signingSecret: string,
  teamId: string,
  event: Record<string, unknown>,
  org?: { enterpriseId: string; isEnterpriseInstall: boolean },
): Promise<number> {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0FAKEAPP',
    event: { ...event, event_ts: String(Date.now() / 1000) },
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    is_enterprise_install: org?.isEnterpriseInstall ?? false,
    ...(org ? { enterprise_id: org.enterpriseId } : {}),
  });
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: { ...signedHeaders(signingSecret, body), 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}
