import type { BotServices, RunningPlatform } from '../platform.js';

// Placeholder until the Discord adapter lands (its own issue); refuses loudly rather than pretending.
export async function startDiscord(_services: BotServices): Promise<RunningPlatform> {
  throw new Error('the Discord adapter is not built yet; unset its variables to use the console');
}
