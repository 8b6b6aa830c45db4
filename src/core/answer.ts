import type { Lang } from './lang.js';

/** Where a statement comes from: the article, and the section inside it. */
export interface SourceRef {
  title: string;
  /** ISO date of the events the article reports; the article itself is undated. */
  eventsDate: string;
  /** The section's name in the answer's language. */
  section: string;
}

export interface AnswerField {
  label: string;
  value: string;
}

/** A small figure a renderer may draw (text bars in a terminal, a block of bars in an embed). */
export interface ChartSpec {
  kind: 'bar';
  caption: string;
  unit: '%';
  bars: { label: string; value: number }[];
}

/**
 * The one platform-neutral reply every command returns. Renderers own the look and the limits;
 * nothing here knows a platform.
 */
export interface Answer {
  lang: Lang;
  title: string;
  /** One sentence the reader sees first. */
  lead?: string;
  fields?: AnswerField[];
  bullets?: string[];
  chart?: ChartSpec;
  /** Where the source itself is unclear or inconsistent; shown, never hidden. */
  caveats?: string[];
  sources: SourceRef[];
  /** ISO date the facts hold for. */
  asOf: string;
  /** `private` = only the asker sees it (ephemeral). */
  visibility: 'public' | 'private';
}
