import { storyHasPlayer } from '../find-body-candidate';
import { weighLength } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/** Text beside a player up to which it describes the clip or episode rather than being a story. */
export const MAX_DESCRIPTION_CHARS = 800;

/**
 * An audio or video player stands with the body (in its `<article>`, else its parent) beside
 * little text: the page of a clip or a podcast episode. Its value falls from 1 (no text) to 0 (at
 * {@link MAX_DESCRIPTION_CHARS}).
 */
export function playerBesideLittleText({ candidate }: PageFacts): number {
  if (!storyHasPlayer(candidate)) return 0;
  const length = weighLength(candidate.bodyChars, candidate.bodyDenseChars);
  return Math.max(0, 1 - length / MAX_DESCRIPTION_CHARS);
}
