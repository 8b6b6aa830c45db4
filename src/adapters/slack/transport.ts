import type { Receiver } from '@slack/bolt';

/** How Slack reaches the app: signed HTTP requests, or a Socket Mode WebSocket. */
export interface Transport {
  mode: 'http' | 'socket';
  receiver: Receiver;
  /** Starts listening; resolves with the HTTP port actually bound (PORT may be 0). */
  start(): Promise<{ port: number }>;
  /** Stops taking new work and resolves once the listener is closed. */
  close(): Promise<void>;
}

/** Where the HTTP server listens; the host is left to Node (all interfaces) unless given. */
export interface ListenOptions {
  port: number;
  host?: string;
}

/** Resolves after `ms`, without keeping the process alive for it. */
export function unrefDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
