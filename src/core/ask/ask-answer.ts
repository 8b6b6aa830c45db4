import type { Answer } from '../answer.js';
import { caveats, citedText, sourcesOf, valueFields } from '../compose.js';
import { t } from '../i18n.js';
import type { Lang } from '../lang.js';
import type { Story } from '../story/schema.js';
import type { AskSubject, Missing } from './ask-question.js';
import { factIndexFor } from './fact-index.js';

/** Quoted words are the asker's own; a few are enough to say what is missing. */
const MAX_MISSING_WORDS = 5;

function subjectName(subject: AskSubject, lang: Lang): string {
  return subject.kind === 'entity' ? subject.entity.name[lang] : subject.name[lang];
}

function missingWords(missing: Missing, lang: Lang): string {
  return missing.words.slice(0, MAX_MISSING_WORDS).join(lang === 'ja' ? '' : ' ');
}

/** A name that ends in its own full stop ("SoftBank Corp.") ends the sentence with it too. */
const oneFullStop = (text: string): string => text.replace(/\.\.(?=\s|$)/g, '.');

/** "The story does not give Sakura Internet's revenue." / "The story gives no number for GPUs." */
function missingSentence(subject: AskSubject, missing: Missing, lang: Lang): string {
  return oneFullStop(missingSentenceParts(subject, missing, lang));
}

function missingSentenceParts(subject: AskSubject, missing: Missing, lang: Lang): string {
  const name = subjectName(subject, lang);
  const words = missingWords(missing, lang);
  if (missing.claim) return t(lang, 'partial.claim', { subject: name, words });
  if (!missing.kind) {
    const key = subject.kind === 'entity' ? 'partial.words' : 'partial.conceptWords';
    return t(lang, key, { subject: name, words });
  }
  const sentence = t(lang, 'partial.kind', {
    subject: name,
    kind: t(lang, `kind.${missing.kind}`),
  });
  return words
    ? `${sentence}${lang === 'ja' ? '' : ' '}${t(lang, 'partial.unmentioned', { words })}`
    : sentence;
}

/**
 * The reply to a free question: the fact that answers it first (its figure in the title, yes or
 * no where asked), what the story says about the subject when the asked thing is missing, or
 * that the story does not say.
 */
export function askAnswer(story: Story, question: string, lang: Lang): Answer {
  const result = factIndexFor(story).ask(question);
  const base = { lang, asOf: story.asOf, visibility: 'public' as const };
  if (result.kind === 'notCovered') {
    // Never a guess: say so, then show what the story does cover.
    return {
      ...base,
      title: t(lang, 'title.askNothing'),
      lead: t(lang, 'lead.askNothing', { topics: t(lang, 'topic.list') }),
      sources: [],
    };
  }
  if (result.kind === 'partial') {
    return {
      ...base,
      title: missingSentence(result.subject, result.missing, lang),
      lead: t(lang, 'lead.askPartial', { subject: subjectName(result.subject, lang) }),
      bullets: result.facts.map((fact) => citedText(story, fact, lang)),
      caveats: caveats(result.facts, lang),
      sources: sourcesOf(story, result.facts, lang),
    };
  }
  const [top] = result.facts;
  if (!top) throw new Error('a found answer holds at least one fact');
  const headline = top.headline?.[lang];
  const verdict = result.verdict && t(lang, `answer.${result.verdict}`);
  // "No. Microsoft pledged $10 billion for Japan, 2026–2029": the answer, then its figure.
  const title = verdict
    ? [verdict, headline].filter(Boolean).join(lang === 'ja' ? '' : ' ')
    : (headline ?? t(lang, 'title.ask'));
  return {
    ...base,
    title,
    // The question quoted back: in a channel, others see what was asked.
    lead: t(lang, 'lead.askFound', { question }),
    fields: valueFields([top], lang),
    bullets: result.facts.map((fact) => citedText(story, fact, lang)),
    caveats: caveats(result.facts, lang),
    sources: sourcesOf(story, result.facts, lang),
  };
}
