import { parentElementOf } from './page-tree';

/** The values of `contenteditable` that make an element's content editable (ASCII case-blind). */
const EDITABLE_VALUES: ReadonlySet<string> = new Set(['', 'true', 'plaintext-only']);

/**
 * Whether what `element` holds is editable: the document is in design mode, or the nearest
 * ancestor-or-self with a valid `contenteditable` makes it so ('false' ends an editable part;
 * an invalid value inherits). An editor saves what its text holds: the toolbar stays out of it.
 */
export function isEditableContent(element: Element): boolean {
  if (element.ownerDocument.designMode === 'on') return true;
  // Through the DOM's own functions: a page's form answers its fields' names before them (a
  // field named `parentElement` made this walk go round the form and its field for ever).
  const { getAttribute } = Element.prototype;
  for (let node: Element | null = element; node; node = parentElementOf(node)) {
    const value = getAttribute.call(node, 'contenteditable');
    if (value === null) continue;
    const keyword = value.toLowerCase();
    if (keyword === 'false') return false;
    if (EDITABLE_VALUES.has(keyword)) return true;
  }
  return false;
}
