/**
 * Scoring of toolbar placement, shared by the corpus test and the detection bench. It follows the
 * corpus README: the page text before the toolbar (text nodes in document order, without
 * script/style/noscript/template, whitespace collapsed) must end with the body's end, allowing a short
 * tail such as a byline, compared on lower-cased letters and digits only.
 */

/** Letters and digits the page text may hold after the body's end (a byline, a tag list). */
export const MAX_PLACEMENT_TAIL_CHARS = 200;

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** The page's text split where a toolbar inserted right after `anchor` would sit. */
export interface TextAroundAnchor {
  before: string;
  after: string;
}

/** Splits the text of `anchor`'s document at the point right after `anchor`. */
export function textAroundAnchor(anchor: Element): TextAroundAnchor {
  const doc = anchor.ownerDocument;
  const before: string[] = [];
  const after: string[] = [];
  let passed = false;
  const walker = doc.createTreeWalker(doc, 0x1 | 0x4, {
    acceptNode: (node) => (SKIPPED_TAGS.has(node.nodeName) ? 2 : 1),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== 3) continue;
    if (!passed && isAfter(anchor, node)) passed = true;
    (passed ? after : before).push((node as Text).data);
  }
  return { before: collapseWhitespace(before.join('')), after: collapseWhitespace(after.join('')) };
}

function isAfter(anchor: Element, node: Node): boolean {
  const position = anchor.compareDocumentPosition(node);
  return (position & 4) !== 0 && (position & 16) === 0;
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether any placement in `doc` can score: the page's whole text holds the body's end. Saved body
 * texts sometimes leave out page text inside their last 120 characters (a hidden label, a button).
 */
export function canBePlacedRight(doc: Document, bodyEnd: string): boolean {
  const root = doc.documentElement;
  if (!root) return false;
  const { before, after } = textAroundAnchor(root);
  return normalizeForPlacement(`${before} ${after}`).includes(normalizeForPlacement(bodyEnd));
}

/** Lower-cased letters and digits of `text`, the form placement is compared in. */
export function normalizeForPlacement(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Letters and digits between the body's end and the toolbar, or -1 when the text before the
 * toolbar does not hold the body's end near its close.
 */
export function measurePlacementTail(textBefore: string, bodyEnd: string): number {
  const before = normalizeForPlacement(textBefore);
  const end = normalizeForPlacement(bodyEnd);
  const index = before.lastIndexOf(end);
  return index < 0 ? -1 : before.length - index - end.length;
}

/** Whether a toolbar after the text `textBefore` sits right after a body ending in `bodyEnd`. */
export function isPlacedRight(textBefore: string, bodyEnd: string): boolean {
  const tail = measurePlacementTail(textBefore, bodyEnd);
  return tail >= 0 && tail <= MAX_PLACEMENT_TAIL_CHARS;
}
