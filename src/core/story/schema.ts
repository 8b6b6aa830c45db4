import { z } from 'zod';
import { LocalizedSchema } from '../lang.js';

const IsoDate = z.iso.date();
const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

/** Typed figures, so commands format numbers per language instead of copying strings. */
const ValueSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    label: LocalizedSchema,
    value: z.number().finite(),
  }),
  z.object({
    kind: z.literal('money'),
    label: LocalizedSchema,
    amount: z.number().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
  }),
  z.object({
    kind: z.literal('count'),
    label: LocalizedSchema,
    value: z.number().int().nonnegative(),
    unit: LocalizedSchema,
  }),
  z.object({
    kind: z.literal('year'),
    label: LocalizedSchema,
    value: z.number().int().min(1900).max(2200),
  }),
  z.object({
    kind: z.literal('yearRange'),
    label: LocalizedSchema,
    from: z.number().int().min(1900).max(2200),
    to: z.number().int().min(1900).max(2200),
  }),
  z.object({
    kind: z.literal('ratio'),
    label: LocalizedSchema,
    numerator: z.number().int().positive(),
    denominator: z.number().int().positive(),
    approximate: z.boolean(),
  }),
  z.object({
    kind: z.literal('date'),
    label: LocalizedSchema,
    value: IsoDate,
  }),
]);

const EntitySchema = z.object({
  id: Id,
  kind: z.enum(['company', 'person', 'government']),
  name: LocalizedSchema,
  /** Extra words people use for it (`Sakura`, `SBG`, `さくら`); they only help `ask` find it. */
  aliases: z.array(z.string().min(1)).default([]),
  role: LocalizedSchema.optional(),
  /** Tokyo Stock Exchange code; reference data added by us, not taken from the article. */
  tseCode: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
});

export const TOPICS = [
  /** About the article itself: what it names and what it leaves out (author, date). */
  'source',
  'overview',
  'market',
  'investment',
  'focus-area',
  'partnership',
  'it-partners',
  'announcement',
  'adoption',
  'implication',
  'conclusion',
  'disclaimer',
] as const;

const FactSchema = z.object({
  id: Id,
  topic: z.enum(TOPICS),
  text: LocalizedSchema,
  values: z.array(ValueSchema).default([]),
  entities: z.array(Id).default([]),
  /** The article section this fact is taken from: a key of the story's `sections`. */
  section: z.string().min(1),
  /**
   * The fact's figure as one short line ("Sakura Internet shares rose 20.2% on 3 April 2026"),
   * for the title of a direct answer; only for facts that hold a figure.
   */
  headline: LocalizedSchema.optional(),
  /** Where the article is unclear or contradicts itself about this fact. */
  caveat: LocalizedSchema.optional(),
  /** The date this fact was added or last changed; digests report what is new since the last one. */
  updated: IsoDate,
});

export const StorySchema = z
  .object({
    schemaVersion: z.literal(1),
    id: Id,
    title: LocalizedSchema,
    source: z.object({
      title: z.string().min(1),
      /**
       * The date of the events the article reports. The article itself carries no publication
       * date, so nothing may present this as the article's date.
       */
      eventsDate: IsoDate,
    }),
    /**
     * The article's sections, keyed by the heading as the article writes it ("Market Reactions";
     * "Headline", "Opening paragraph" and "Note" for the parts without one), with the name each
     * language shows.
     */
    sections: z.record(z.string().min(1), LocalizedSchema),
    asOf: IsoDate,
    /** The entity the story is about (the investor); its partners are everyone else named. */
    subject: Id,
    entities: z.array(EntitySchema).min(1),
    facts: z.array(FactSchema).min(1),
  })
  .superRefine((story, ctx) => {
    const entityIds = new Set(story.entities.map((e) => e.id));
    if (!entityIds.has(story.subject)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subject'],
        message: `unknown entity "${story.subject}"`,
      });
    }
    const seen = new Set<string>();
    story.facts.forEach((fact, i) => {
      if (seen.has(fact.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['facts', i, 'id'],
          message: `duplicate fact id "${fact.id}"`,
        });
      }
      seen.add(fact.id);
      if (!Object.hasOwn(story.sections, fact.section)) {
        ctx.addIssue({
          code: 'custom',
          path: ['facts', i, 'section'],
          message: `unknown section "${fact.section}" (add it to sections)`,
        });
      }
      fact.entities.forEach((id, j) => {
        if (!entityIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['facts', i, 'entities', j],
            message: `unknown entity "${id}"`,
          });
        }
      });
    });
  });

export type Story = z.infer<typeof StorySchema>;
export type Fact = Story['facts'][number];
export type FactValue = Fact['values'][number];
export type Entity = Story['entities'][number];
export type Topic = Fact['topic'];
