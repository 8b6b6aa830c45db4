import type { Receiver } from '@slack/bolt';

/** How Slack reaches the app: signed HTTP requests, or a Socket Mode WebSocket. */
export interface Transport {
  mode: 'http' | 'socket';
  receiver: Receiver;
  /** Starts receiving: mounts `/slack/events` on the process's server, or connects the socket. */
  start(): Promise<void>;
  /** Stops taking new work. */
  close(): Promise<void>;
}
