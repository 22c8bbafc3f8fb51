import { firstChildOf, isInLink, nextSiblingOf, parentElementOf, parentNodeOf } from '../page-tree';
import { drain } from '../run-in-slices';
import { COMMENT_LABEL, MAX_COMMENT_LABEL_CHARS, mayLabelComments } from './comment-label';
import { UNREAD_TAGS } from './measure-text';
import { NODES_PER_STEP } from './scan-page';

/**
 * Text read before a label, at least: a label over the story (an opinion piece's, a count of the
 * comments at the top of a post that holds them) heads no thread; one under the story does.
 */
const MIN_STORY_CHARS_BEFORE_LABEL = 500;
/** A permalink to one comment: `#comment-37398`, `#comment162522`, `#c123`. */
const COMMENT_PERMALINK = /#(?:comment|c)[-_]?\d+$/i;
/** A time of day as a comment's signature writes it: `11:32 PM`, `4:46 am`, `14:05`. */
const TIME_OF_DAY = /(?:^|[^\d:])\d{1,2}:\d{2}(?![\d:])/;
/** A text node this long at most can be a signature's date line; longer ones are prose. */
const MAX_SIGNATURE_TEXT_CHARS = 80;
/** Signatures (a comment's time or permalink) after a label that make what follows it a thread. */
const MIN_SIGNATURES = 2;

/**
 * The blocks of readers' comments inside `parts`, however plainly they are marked up (an old
 * template's comments are `<div>`s of `<p>`s like the story's): the blocks after a label that
 * names comments ("22 Comments", "Kommentare") up to the next heading, when they hold at least
 * {@link MIN_SIGNATURES} of a comment's signatures: the time of day it was written, a permalink to
 * it. A story's own section so named signs nothing, and its dated updates or quoted letters
 * follow no such label. Empty when there is none.
 */
export function findCommentThread(parts: readonly Element[]): Element[] {
  return drain(findCommentThreadSteps(parts));
}

/** {@link findCommentThread} in steps: pauses (yields) every {@link NODES_PER_STEP} nodes of the walk. */
export function* findCommentThreadSteps(parts: readonly Element[]): Generator<void, Element[]> {
  let stepNodes = 0;
  let textChars = 0;
  for (const part of parts) {
    let node: Node | null = firstChildOf(part);
    while (node) {
      if (++stepNodes === NODES_PER_STEP) {
        stepNodes = 0;
        yield;
      }
      if (node.nodeType === 3) {
        const label = textChars >= MIN_STORY_CHARS_BEFORE_LABEL ? labelOf(node as Text) : null;
        if (label) {
          const thread = followingElements(label);
          if (countSignatures(thread) >= MIN_SIGNATURES) return thread;
        }
        textChars += (node as Text).data.trim().length;
      } else if (node.nodeType === 1 && !UNREAD_TAGS.has((node as Element).tagName)) {
        const first = firstChildOf(node);
        if (first) {
          node = first;
          continue;
        }
      }
      node = nextNodeOutside(node, part);
    }
  }
  return [];
}

/**
 * The element whose whole text is the comment label `text` reads, or null when it reads none. A
 * link's text is no label: it jumps to the comments ("12 Comments" at the top of a post).
 */
function labelOf(text: Text): Element | null {
  // The text's own words first: reading its block's text for every short line is quadratic.
  if (!mayLabelComments(text.data)) return null;
  let label = parentElementOf(text);
  if (!label || isInLink(label)) return null;
  // The label may be split ("<b>22</b> Comments"): its block's whole text is read.
  let labelText = (label.textContent ?? '').trim();
  if (labelText.length > MAX_COMMENT_LABEL_CHARS || !COMMENT_LABEL.test(labelText)) return null;
  for (let parent = parentElementOf(label); parent; parent = parentElementOf(parent)) {
    const parentText = (parent.textContent ?? '').trim();
    if (parentText !== labelText) break;
    label = parent;
    labelText = parentText;
  }
  return label;
}

const HEADING = /^h[1-6]$/;

/** The elements after `el` in its parent, up to the next heading: what a label heads. */
function followingElements(el: Element): Element[] {
  const following: Element[] = [];
  for (let node = nextSiblingOf(el); node; node = nextSiblingOf(node)) {
    if (node.nodeType !== 1) continue;
    if (HEADING.test((node as Element).localName)) break;
    following.push(node as Element);
  }
  return following;
}

/** Times of day in short lines and permalinks to comments inside `blocks`, counted up to {@link MIN_SIGNATURES}. */
function countSignatures(blocks: readonly Element[]): number {
  let signatures = 0;
  for (const block of blocks) {
    let node: Node | null = block;
    while (node) {
      if (node.nodeType === 3) {
        const { data } = node as Text;
        if (data.length <= MAX_SIGNATURE_TEXT_CHARS && TIME_OF_DAY.test(data)) signatures++;
      } else if (node.nodeType === 1) {
        const el = node as Element;
        if (el.localName === 'a' && COMMENT_PERMALINK.test(el.getAttribute('href') ?? '')) {
          signatures++;
        }
        const first = UNREAD_TAGS.has(el.tagName) ? null : firstChildOf(el);
        if (first) {
          node = first;
          continue;
        }
      }
      if (signatures >= MIN_SIGNATURES) return signatures;
      node = node === block ? null : nextNodeOutside(node, block);
    }
  }
  return signatures;
}

/** The node after `node` and its subtree in document order, without leaving `root`. */
function nextNodeOutside(node: Node, root: Node): Node | null {
  for (let at: Node | null = node; at && at !== root; at = parentNodeOf(at)) {
    const next = nextSiblingOf(at);
    if (next) return next;
  }
  return null;
}
