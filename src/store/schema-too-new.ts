/**
 * A database migrated by a newer sakura-bot than this one: nothing here may write to it (the
 * newer schema may mean something this code does not know). Both engines' migrations throw it,
 * so callers can tell it from a broken database.
 */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `database schema version ${found} is newer than this sakura-bot (${known}); upgrade the bot`,
    );
    this.name = 'SchemaTooNewError';
  }
}
