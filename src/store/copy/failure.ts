/**
 * An expected reason copy-store stops (a missing file, a bot still running, a target that holds
 * data, an unreachable server): printed as one plain sentence, exit code 1, no stack trace.
 * Nothing has been written when one is thrown.
 */
export class CopyFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CopyFailure';
  }
}
