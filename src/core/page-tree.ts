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

let parentNodeGetter: Getter<(Node & ParentNode) | null> | undefined;
let parentElementGetter: Getter<Element | null> | undefined;
let firstChildGetter: Getter<ChildNode | null> | undefined;
let lastChildGetter: Getter<ChildNode | null> | undefined;
let nextSiblingGetter: Getter<ChildNode | null> | undefined;
let previousSiblingGetter: Getter<ChildNode | null> | undefined;
let firstElementChildGetter: Getter<Element | null> | undefined;
let lastElementChildGetter: Getter<Element | null> | undefined;
let nextElementSiblingGetter: Getter<Element | null> | undefined;
let previousElementSiblingGetter: Getter<Element | null> | undefined;
let assignedSlotGetter: Getter<HTMLSlotElement | null> | undefined;

export function parentNodeOf(node: Node): (Node & ParentNode) | null {
  return (parentNodeGetter ??= findGetter(node, 'parentNode')).call(node);
}

export function parentElementOf(node: Node): Element | null {
  return (parentElementGetter ??= findGetter(node, 'parentElement')).call(node);
}

export function firstChildOf(node: Node): ChildNode | null {
  return (firstChildGetter ??= findGetter(node, 'firstChild')).call(node);
}

export function lastChildOf(node: Node): ChildNode | null {
  return (lastChildGetter ??= findGetter(node, 'lastChild')).call(node);
}

export function nextSiblingOf(node: Node): ChildNode | null {
  return (nextSiblingGetter ??= findGetter(node, 'nextSibling')).call(node);
}

export function previousSiblingOf(node: Node): ChildNode | null {
  return (previousSiblingGetter ??= findGetter(node, 'previousSibling')).call(node);
}

export function firstElementChildOf(element: Element): Element | null {
  return (firstElementChildGetter ??= findGetter(element, 'firstElementChild')).call(element);
}

export function lastElementChildOf(element: Element): Element | null {
  return (lastElementChildGetter ??= findGetter(element, 'lastElementChild')).call(element);
}

export function nextElementSiblingOf(element: Element): Element | null {
  return (nextElementSiblingGetter ??= findGetter(element, 'nextElementSibling')).call(element);
}

export function previousElementSiblingOf(element: Element): Element | null {
  return (previousElementSiblingGetter ??= findGetter(element, 'previousElementSibling')).call(
    element,
  );
}

/** The slot `element` is assigned to in a shadow tree, if any. */
export function assignedSlotOf(element: Element): HTMLSlotElement | null {
  return (assignedSlotGetter ??= findGetter(element, 'assignedSlot')).call(element);
}

/** The element `element` is drawn in: its parent, or the host of the shadow root it is in. */
export function containerOf(element: Element): Element | null {
  return (
    parentElementOf(element) ?? (parentNodeOf(element) as Partial<ShadowRoot> | null)?.host ?? null
  );
}
