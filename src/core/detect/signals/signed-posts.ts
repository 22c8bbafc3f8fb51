import { hasSignedPosts } from '../find-body-candidate';
import type { PageFacts } from '../read-page-facts';

/** Posts signed with a link to a member's profile that make a page a thread of posts. */
export const MIN_SIGNED_POSTS = 3;

/** The body sits among repeated posts that each link a member's profile: a forum thread or a comment page. */
export function signedPosts({ candidate }: PageFacts): number {
  return hasSignedPosts(candidate, MIN_SIGNED_POSTS) ? 1 : 0;
}
