import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, REDIRECT_PATH } from '../../src/adapters/slack/oauth/scopes.js';
import { SLASH_COMMAND } from '../../src/adapters/slack/slash-command.js';
import { EVENTS_PATH } from '../../src/adapters/slack/transport/http.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const manifest = readFileSync(join(PROJECT_ROOT, 'slack', 'manifest.yml'), 'utf8');

/** The manifest and the code must not drift: same command, same path, the scopes we need. */
describe('slack/manifest.yml', () => {
  it('declares the command and request path the app serves', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}\n`);
    expect(manifest).toMatch(new RegExp(`url: https://\\S+${EVENTS_PATH}\\n`));
  });

  it('asks for exactly the bot scopes the app uses, and starts in HTTP mode', () => {
    const scopes = /bot:\n((?:\s+(?:#.*|- \S+)\n)+)/.exec(manifest)?.[1] ?? '';
    const listed = [...scopes.matchAll(/- (\S+)/g)].map((m) => m[1]);
    expect(listed).toEqual([
      'commands',
      'chat:write',
      'users:read',
      'channels:history',
      'groups:history',
      'files:write',
    ]);
    // "Add to Slack" asks for exactly these.
    expect(listed).toEqual([...BOT_SCOPES]);
    expect(manifest).toContain('socket_mode_enabled: false');
  });

  it('sends OAuth mode back to the redirect path, and subscribes to uninstall and revoke events', () => {
    expect(manifest).toMatch(new RegExp(`redirect_urls:\\n\\s+- https://\\S+${REDIRECT_PATH}\\n`));
    expect(manifest).toMatch(new RegExp(`request_url: https://\\S+${EVENTS_PATH}\\n`));
    const events = /bot_events:\n((?:\s+- \S+\n)+)/.exec(manifest)?.[1] ?? '';
    expect([...events.matchAll(/- (\S+)/g)].map((m) => m[1])).toEqual([
      'app_uninstalled',
      'tokens_revoked',
    ]);
  });
});
