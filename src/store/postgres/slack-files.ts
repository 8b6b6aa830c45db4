import type pg from 'pg';
import type { SlackFileStore } from '../contract.js';

/** Chart files uploaded to Slack, in PostgreSQL; the same statements as SQLite's. */
export class PostgresSlackFileStore implements SlackFileStore {
  constructor(private readonly pool: pg.Pool) {}

  async find(teamId: string, hash: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ file_id: string }>(
      'SELECT file_id FROM slack_files WHERE team_id = $1 AND content_hash = $2',
      [teamId, hash],
    );
    return rows[0]?.file_id;
  }

  async remember(teamId: string, hash: string, fileId: string, now: Date): Promise<string> {
    // The no-op update makes RETURNING give the row that stays: ours, or the one before it.
    // Racing inserts of one key wait on each other's row, so exactly one is stored.
    const { rows } = await this.pool.query<{ file_id: string }>(
      `INSERT INTO slack_files (team_id, content_hash, file_id, uploaded_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, content_hash) DO UPDATE SET file_id = slack_files.file_id
       RETURNING file_id`,
      [teamId, hash, fileId, now.getTime()],
    );
    const row = rows[0];
    if (!row) throw new Error('slack_files row missing');
    return row.file_id;
  }

  async forget(teamId: string, hash: string, fileId: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM slack_files WHERE team_id = $1 AND content_hash = $2 AND file_id = $3',
      [teamId, hash, fileId],
    );
    return result.rowCount === 1;
  }
}
