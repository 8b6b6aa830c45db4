/** Fields of a slash-command request as Slack sends them (form-encoded). */
export interface SlashFields {
  text: string;
  response_url: string;
  command?: string;
  user_id?: string;
  channel_id?: string;
  team_id?: string;
  /** An Enterprise Grid org; with is_enterprise_install for an org-wide install. */
  enterprise_id?: string;
  is_enterprise_install?: boolean;
}

/** A realistic `/sakura` body; Slack escapes `&`, `<`, `>` in `text` before sending it. */
export function slashCommandBody(fields: SlashFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token-unused',
    team_id: fields.team_id ?? 'T0001',
    team_domain: 'sakura-test',
    channel_id: fields.channel_id ?? 'C0001',
    channel_name: 'general',
    user_id: fields.user_id ?? 'U0001',
    user_name: 'tester',
    command: fields.command ?? '/sakura',
    text: fields.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    api_app_id: 'A0001',
    is_enterprise_install: String(fields.is_enterprise_install ?? false),
    ...(fields.enterprise_id ? { enterprise_id: fields.enterprise_id } : {}),
    response_url: fields.response_url,
    trigger_id: '1.2.3',
  }).toString();
}
