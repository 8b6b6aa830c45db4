import type { Database } from 'better-sqlite3';
import type { SlackFileStore } from '../contract.js';
import { whenNotBusy } from './busy-retry.js';

/** Chart files uploaded to Slack, in SQLite; the same statements as PostgreSQL's. */
export class SqliteSlackFileStore implements SlackFileStore {
  constructor(private readonly db: Database) {}

  find(teamId: string, hash: string): Promise<string | undefined> {
    return whenNotBusy(
      () =>
        (
          this.db
            .prepare('SELECT file_id FROM slack_files WHERE team_id = ? AND content_hash = ?')
            .get(teamId, hash) as { file_id: string } | undefined
        )?.file_id,
    );
  }

  remember(teamId: string, hash: string, fileId: string, now: Date): Promise<string> {
    return whenNotBusy(() => {
      // The no-op update makes RETURNING give the row that stays: ours, or the one before it.
      const row = this.db
        .prepare(
          `INSERT INTO slack_files (team_id, content_hash, file_id, uploaded_at)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (team_id, content_hash) DO UPDATE SET file_id = slack_files.file_id
           RETURNING file_id`,
        )
        .get(teamId, hash, fileId, now.getTime()) as { file_id: string };
      return row.file_id;
    });
  }

  forget(teamId: string, hash: string, fileId: string): Promise<boolean> {
    return whenNotBusy(
      () =>
        this.db
          .prepare('DELETE FROM slack_files WHERE team_id = ? AND content_hash = ? AND file_id = ?')
          .run(teamId, hash, fileId).changes === 1,
    );
  }
}
