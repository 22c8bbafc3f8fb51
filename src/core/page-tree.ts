/**
 * Where a node of the page is, read through the DOM's own getters: a page's form answers its
 * fields' names before them, in the content script's world too (Chrome). With a field named
 * `parentNode` or `parentElement`, a walk up from the toolbar or the article went round the form
 * and its field for ever, and the page hung; one named `nextElementSibling` or `firstChild`
 * sends a walk down or along the same way.
 *
 * Each getter is looked up once, on the first node it reads, from that node's own prototypes
 * (the page's realm: a jsdom window in a worker has no global `Node`), and then only called: the
 * detector reads these in its walks over the whole page.
 */

type Getter<T> = (this: Node) => T;

/** The getter `name` of the first prototype of `node` that defines it. */
function findGetter<T>(node: Node, name: string): Getter<T> {
  for (let proto: object | null = Object.getPrototypeOf(node); proto;) {
    const getter = Object.getOwnPropertyDescriptor(proto, name)?.get;
    if (getter) return getter as Getter<T>;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  throw new TypeError(`no DOM getter named ${name}`);
}

/**
 * A reader of the DOM's own getter `name`: looked up on the first node it reads, then only called.
 * `N` is the node it takes: a getter found on Element's prototype refuses a text node or document.
 */
function ownGetter<N extends Node, T>(name: string): (node: N) => T {
  let getter: Getter<T> | undefined;
  return (node) => (getter ??= findGetter<T>(node, name)).call(node);
}

// Pure, so each bundle keeps only the readers it calls.
export const parentNodeOf = /* @__PURE__ */ ownGetter<Node, (Node & ParentNode) | null>(
  'parentNode',
);
export const parentElementOf = /* @__PURE__ */ ownGetter<Node, Element | null>('parentElement');
export const firstChildOf = /* @__PURE__ */ ownGetter<Node, ChildNode | null>('firstChild');
export const lastChildOf = /* @__PURE__ */ ownGetter<Node, ChildNode | null>('lastChild');
export const nextSiblingOf = /* @__PURE__ */ ownGetter<Node, ChildNode | null>('nextSibling');
export const previousSiblingOf = /* @__PURE__ */ ownGetter<Node, ChildNode | null>(
  'previousSibling',
);
export const firstElementChildOf = /* @__PURE__ */ ownGetter<Element, Element | null>(
  'firstElementChild',
);
export const lastElementChildOf = /* @__PURE__ */ ownGetter<Element, Element | null>(
  'lastElementChild',
);
export const nextElementSiblingOf = /* @__PURE__ */ ownGetter<Element, Element | null>(
  'nextElementSibling',
);
export const previousElementSiblingOf = /* @__PURE__ */ ownGetter<Element, Element | null>(
  'previousElementSibling',
);
/** The slot an element is assigned to in a shadow tree, if any. */
export const assignedSlotOf = /* @__PURE__ */ ownGetter<Element, HTMLSlotElement | null>(
  'assignedSlot',
);

/** The element `element` is drawn in: its parent, or the host of the shadow root it is in. */
export function containerOf(element: Element): Element | null {
  return (
    parentElementOf(element) ?? (parentNodeOf(element) as Partial<ShadowRoot> | null)?.host ?? null
  );
}

/** Whether `el` lies in a link (`el.closest('a')`, read through the DOM's own getters). */
export function isInLink(el: Element): boolean {
  for (let at: Element | null = el; at; at = parentElementOf(at)) {
    if (at.localName === 'a') return true;
  }
  return false;
}
