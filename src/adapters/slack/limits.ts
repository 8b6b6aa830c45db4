/**
 * Block Kit limits (docs.slack.dev/reference/block-kit). Slack rejects a whole message that
 * breaks any of them, so the renderer fits every answer inside, and the tests check the same
 * numbers.
 */
export const BLOCK_KIT = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  /**
   * The top-level `text` is only the notification and screen-reader fallback when blocks are
   * present; Slack advises keeping it to a few thousand characters.
   */
  fallbackText: 4000,
} as const;
