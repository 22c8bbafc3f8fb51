import { nextElementSiblingOf, parentElementOf } from '../page-tree';

/**
 * The element after `node` and everything inside it, in document order, without leaving `root`:
 * the step of a walk over `root`'s elements that skips `node`'s subtree. Null past `root`'s end.
 */
export function nextElementOutside(node: Element, root: Element): Element | null {
  for (let el: Element | null = node; el && el !== root; el = parentElementOf(el)) {
    const next = nextElementSiblingOf(el);
    if (next) return next;
  }
  return null;
}
