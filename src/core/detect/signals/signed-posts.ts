import { hasSignedPosts } from '../find-body-candidate';
import type { PageFacts } from '../read-page-facts';

/** Posts signed with a link to a member's profile that make a page a thread of posts. */
export const MIN_SIGNED_POSTS = 3;
/** Characters at the start of the body's first paragraph that a post's header fills. */
const POST_HEADER_CHARS = 200;
/**
 * The header that Chinese BBS software (the Firebird family, behind mitbbs, SMTH and university
 * boards) opens a post with, as a newsgroup post's names `From:` and `Newsgroups:`: its sender
 * (`发信人:`) and its board (`信区:`), written as escapes (see LEGAL_NAME in legal-title.ts). A
 * story may name a sender, never a board.
 */
const BBS_POST_HEADER = /\u53d1\u4fe1\u4eba\s*[:\uff1a][^\n]{1,80}?\u4fe1\u533a\s*[:\uff1a]/;

/**
 * The header the Maple family of BBS software (PttBBS, behind the Taiwanese boards) opens a post's
 * web view with: its author (`作者`) and its board (`看板`, then the board's Latin name), each a
 * short line before the post's first paragraph. A story may open with its author's name, and may
 * speak of billboards (also `看板`), but names no board after them.
 */
const AUTHOR_AND_BOARD_HEADER =
  /^\s*\u4f5c\u8005\s*[:\uff1a]?[^\n]{1,80}?\u770b\u677f\s*[:\uff1a]?\s*[A-Za-z][\w-]*/;

/**
 * The body sits among repeated posts that each link a member's profile (a forum thread or a
 * comment page), or it is a post that opens with a BBS's header.
 */
export function signedPosts({ candidate }: PageFacts): number {
  const opening = candidate.bodyParagraphs[0]?.el.textContent?.slice(0, POST_HEADER_CHARS) ?? '';
  const isBbsPost =
    BBS_POST_HEADER.test(opening) ||
    AUTHOR_AND_BOARD_HEADER.test(openingText(candidate.body, POST_HEADER_CHARS));
  return isBbsPost || hasSignedPosts(candidate, MIN_SIGNED_POSTS) ? 1 : 0;
}

/** The first `maxChars` or so of `element`'s text, its header's lines too: a few text nodes read. */
function openingText(element: Element, maxChars: number): string {
  const walker = element.ownerDocument.createTreeWalker(element, 0x4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < maxChars; node = walker.nextNode()) {
    text += (node as Text).data;
  }
  return text;
}
