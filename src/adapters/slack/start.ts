import type { BotServices, RunningPlatform } from '../platform.js';

// Placeholder until the Slack adapter lands (its own issue); refuses loudly rather than pretending.
export async function startSlack(_services: BotServices): Promise<RunningPlatform> {
  throw new Error('the Slack adapter is not built yet; unset its variables to use the console');
}
