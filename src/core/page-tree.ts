/**
 * Where a node of the page is, read through the DOM's own getters: a page's form answers its
 * fields' names before them, in the content script's world too (Chrome). With a field named
 * `parentNode`, a walk up from the toolbar went round the form and its field for ever, and the
 * page hung.
 */
function readOwn<T>(prototype: object, name: string, node: Node): T {
  return Object.getOwnPropertyDescriptor(prototype, name)!.get!.call(node) as T;
}

export function parentNodeOf(node: Node): (Node & ParentNode) | null {
  return readOwn(Node.prototype, 'parentNode', node);
}

export function parentElementOf(node: Node): Element | null {
  return readOwn(Node.prototype, 'parentElement', node);
}

export function nextElementSiblingOf(node: Element): Element | null {
  return readOwn(Element.prototype, 'nextElementSibling', node);
}

/** The slot `element` is assigned to in a shadow tree, if any. */
export function assignedSlotOf(element: Element): HTMLSlotElement | null {
  return readOwn(Element.prototype, 'assignedSlot', element);
}

/** The element `element` is drawn in: its parent, or the host of the shadow root it is in. */
export function containerOf(element: Element): Element | null {
  return (
    parentElementOf(element) ?? (parentNodeOf(element) as Partial<ShadowRoot> | null)?.host ?? null
  );
}
