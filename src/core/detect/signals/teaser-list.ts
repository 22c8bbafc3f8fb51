import type { PageFacts } from '../read-page-facts';

/** Headings linking elsewhere inside the body from which it may be a list of teasers. */
export const MIN_TEASERS_IN_LIST = 3;
/** Body characters per teaser below which the teasers' texts are summaries, not a body. */
export const MAX_TEASER_CHARS = 500;
/** A run of text this long between two teasers is a story of its own (an undeclared article's minimum). */
export const MIN_STORY_RUN_CHARS = 800;

/**
 * The body is a list of teasers: several headings or titles linking to other pages, each with a
 * summary shorter than {@link MAX_TEASER_CHARS} on average, and no run between two as long as
 * {@link MIN_STORY_RUN_CHARS}.
 */
export function teaserList({ candidate }: PageFacts): number {
  const { bodyTeasers, bodyChars, longestRunChars } = candidate;
  const isList =
    bodyTeasers >= MIN_TEASERS_IN_LIST &&
    bodyChars < MAX_TEASER_CHARS * bodyTeasers &&
    longestRunChars < MIN_STORY_RUN_CHARS;
  return isList ? 1 : 0;
}
