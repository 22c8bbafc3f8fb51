import { isBoilerplate } from './is-boilerplate';
import { isHidden } from './is-hidden';
import { measureOwnText } from './measure-own-text';

/** Headings end a body only when text follows them; a trailing one titles what comes next. */
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** A toolbar never goes inside these: it is placed after the nearest ancestor that is not one. */
const ENCLOSING_TAGS = new Set([
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'FIGURE',
  'A',
  'SPAN',
  'B',
  'I',
  'EM',
  'STRONG',
  'FONT',
  'SMALL',
  'Q',
  'CITE',
]);

/**
 * The element after which the body in `body` ends: its last counted paragraph, or a later block of
 * text outside links (a short paragraph, a list, a sign-off) that is not page furniture. The search
 * walks backwards from the body's last child, descending only into elements that hold counted
 * paragraphs. `textInside` gives the counted paragraph characters per element, `paragraphs` the
 * counted paragraphs themselves.
 */
export function findBodyEnd(
  body: Element,
  textInside: ReadonlyMap<Element, number>,
  paragraphs: ReadonlySet<Element>,
): Element {
  let end = hasTrailingText(body) ? body : (findLastContent(body, textInside, paragraphs) ?? body);
  while (end !== body && end.parentElement && end.parentElement !== body) {
    if (!ENCLOSING_TAGS.has(end.parentElement.tagName)) break;
    end = end.parentElement;
  }
  return end;
}

function findLastContent(
  el: Element,
  textInside: ReadonlyMap<Element, number>,
  paragraphs: ReadonlySet<Element>,
): Element | null {
  for (let child = el.lastElementChild; child; child = child.previousElementSibling) {
    if (paragraphs.has(child)) return child;
    if (isHidden(child) || isBoilerplate(child)) continue;
    if (textInside.has(child)) {
      // Text written straight into the container after its last element ends the body there.
      if (hasTrailingText(child)) return child;
      const found = findLastContent(child, textInside, paragraphs);
      if (found) return found;
    } else if (!HEADING_TAGS.has(child.tagName) && measureOwnText(child) > 0) {
      return child;
    }
  }
  return null;
}

/** Whether `el` has text of its own after its last element child (a sign-off written between `<br>`s). */
function hasTrailingText(el: Element): boolean {
  for (let node = el.lastChild; node && node.nodeType !== 1; node = node.previousSibling) {
    if (node.nodeType === 3 && /[\p{L}\p{N}]/u.test((node as Text).data)) return true;
  }
  return false;
}
