import type { BodyCandidate } from '../find-body-candidate';
import { isDatedOrDeclared } from '../is-dated-or-declared';
import type { PageFacts } from '../read-page-facts';

/** Headings linking elsewhere inside the body from which it may be a list of teasers. */
export const MIN_TEASERS_IN_LIST = 3;
/** Body characters per teaser below which the teasers' texts are summaries, not a body. */
export const MAX_TEASER_CHARS = 500;
/** A run of text this long between two teasers is a story of its own (an undeclared article's minimum). */
export const MIN_STORY_RUN_CHARS = 800;
/** Paragraphs cut off with an ellipsis from which the body may be a listing's snippets. */
export const MIN_CUT_OFF_SNIPPETS = 3;
/**
 * Share of the body's paragraphs cut off with an ellipsis from which they are snippets of longer
 * texts: most of them. A story's sentences trail off now and then (a sixth of its paragraphs at most
 * in the corpus), a listing's descriptions are cut to length.
 */
export const MIN_CUT_OFF_SHARE = 0.5;
/** An ellipsis closing a paragraph: `…` or three dots. */
const CUT_OFF = /(?:\u2026|\.\.\.)\s*$/;

/**
 * The body is a list of teasers: several headings or titles linking to other pages, each with a
 * summary shorter than {@link MAX_TEASER_CHARS} on average, and no run between two as long as
 * {@link MIN_STORY_RUN_CHARS}; or, on a page nothing dates or declares a story, most of its
 * paragraphs are cut off with an ellipsis, as a directory's or a search's snippets are, whether
 * their titles link or not.
 */
export function teaserList(facts: PageFacts): number {
  const { bodyTeasers, bodyChars, longestRunChars } = facts.candidate;
  const isList =
    bodyTeasers >= MIN_TEASERS_IN_LIST &&
    bodyChars < MAX_TEASER_CHARS * bodyTeasers &&
    longestRunChars < MIN_STORY_RUN_CHARS;
  // A story may trail off as often (a column's style, Japanese prose, a box of excerpts): one
  // that is dated or declared is one. That test goes first: reading every paragraph's text costs more.
  return isList || (!isDatedOrDeclared(facts) && isMostlyCutOff(facts.candidate)) ? 1 : 0;
}

/** Whether at least {@link MIN_CUT_OFF_SHARE} of the body's paragraphs end in an ellipsis. */
function isMostlyCutOff({ bodyParagraphs }: BodyCandidate): boolean {
  let cutOff = 0;
  for (const { el } of bodyParagraphs) {
    if (CUT_OFF.test(el.textContent ?? '')) cutOff++;
  }
  return cutOff >= MIN_CUT_OFF_SNIPPETS && cutOff >= MIN_CUT_OFF_SHARE * bodyParagraphs.length;
}
