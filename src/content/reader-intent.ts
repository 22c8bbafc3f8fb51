/**
 * Tells the reader's own clicks and key presses on the toolbar from those a page arranges. A page
 * cannot dispatch a trusted event, but it can steer the reader's: focus the toolbar by script
 * (its shadow root delegates focus) so the reader's next Enter or Space presses a reaction, or
 * make the toolbar see-through and put it under the reader's click.
 */
import { assignedSlotOf, parentElementOf, parentNodeOf } from '../core/page-tree';

/** Lowest opacity (all ancestors' multiplied) at which a click on the toolbar counts as seen. */
export const MIN_CLICK_OPACITY = 0.99;

/** An opacity() in a computed `filter`, its amount and whether that is a percentage. */
const OPACITY_FILTER = /opacity\(\s*([\d.]+)(%?)\s*\)/g;

export interface ReaderIntent {
  /** The reader asked for the toolbar through the extension (its focus shortcut): keys count. */
  armByShortcut(): void;
  /**
   * Runs `move`, in which the toolbar itself moves focus from one of its buttons to another (the
   * one focused hidden by a change): the keys stay as armed as they were on the first, also when
   * focus had left with the window and comes back to the second. Focus the move takes out of
   * the toolbar carries nothing.
   */
  carryArming(move: () => void): void;
  /**
   * Whether a trusted click on the toolbar is the reader's: a pointer's click (detail ≥ 1) only
   * where the toolbar is really visible; a key's (Enter or Space, detail 0) only once the reader
   * moved focus into the toolbar themselves, by a trusted Tab, a pointer or the shortcut.
   */
  isReaderClick(event: MouseEvent): boolean;
  /** Takes its listeners off the window and stops observing: call once the toolbar is dropped. */
  stop(): void;
}

type Arming = KeyboardEvent | 'pointer' | 'shortcut';

/**
 * The element a node is shown in: the slot it is assigned to (a page may move the toolbar into a
 * shadow tree of its own), its parent, the host of the shadow root it is in, or, for the root of
 * a frame's document, the frame (a page may move the toolbar into a frame of its own too).
 */
function parentOf(node: Element): Element | null {
  const slot = assignedSlotOf(node);
  if (slot) return slot;
  const parent = parentNodeOf(node);
  if (parent && parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  if (parent && parent.nodeType === 9) return node.ownerDocument.defaultView?.frameElement ?? null;
  return parentElementOf(node);
}

/** The computed style of `node`, read in its own document's window (a frame's, maybe). */
function styleOf(node: Element, fallback: Window): CSSStyleDeclaration {
  return (node.ownerDocument.defaultView ?? fallback).getComputedStyle(node);
}

/**
 * Whether `host` is drawn see-through by its ancestors (opacity, or an opacity() filter): the
 * check where the browser has no IntersectionObserver v2. The host's own styles are the
 * toolbar's (`all: initial`), and visibility does not inherit through it.
 */
export function isSeeThrough(host: Element): boolean {
  const view = host.ownerDocument.defaultView;
  if (!view) return true;
  // The browser's own walk reaches into closed shadow trees too, for opacity 0 at least.
  if (host.checkVisibility?.({ opacityProperty: true }) === false) return true;
  let opacity = 1;
  for (let node = parentOf(host); node; node = parentOf(node)) {
    const style = styleOf(node, view);
    opacity *= Number.parseFloat(style.opacity || '1');
    // Each opacity() of the filter list applies: `opacity(1) opacity(0)` hides as well.
    for (const [, amount, percent] of (style.filter ?? '').matchAll(OPACITY_FILTER)) {
      opacity *= Number.parseFloat(amount!) / (percent ? 100 : 1);
    }
    if (opacity < MIN_CLICK_OPACITY) return true;
  }
  return false;
}

/**
 * How an ancestor draws `host` that IntersectionObserver v2 takes for hidden however plainly the
 * toolbar shows, so that only the keyboard can react: through a filter (a page greyed for a day
 * of mourning, a dark mode made by inverting the page; a backdrop filter or a blend mode too), or
 * through a transform other than a move or an even enlargement (a page scaled down to fit, turned,
 * or set in 3D; https://w3c.github.io/IntersectionObserver/v2/#calculate-visibility-algo). Says
 * which refusal to explain, and no more: a page could add a filter that changes nothing, and
 * cover the toolbar as well.
 */
export function findHidingEffect(host: Element): 'filter' | 'transform' | undefined {
  const view = host.ownerDocument.defaultView;
  if (!view) return undefined;
  let effect: 'filter' | 'transform' | undefined;
  for (let node = parentOf(host); node; node = parentOf(node)) {
    const style = styleOf(node, view);
    if (hasColourEffect(style)) return 'filter';
    if (!effect && hidesByTransform(style)) effect = 'transform';
  }
  return effect;
}

/** Whether a computed style filters its element, or what shows behind it, or blends the two. */
function hasColourEffect(style: CSSStyleDeclaration): boolean {
  const isSet = (value: string | undefined, initial: string) => !!value && value !== initial;
  return (
    isSet(style.filter, 'none') ||
    isSet(style.getPropertyValue('backdrop-filter'), 'none') ||
    isSet(style.getPropertyValue('mix-blend-mode'), 'normal')
  );
}

/** The numbers in a computed value: `matrix(0.5, 0, 0, 0.5, 0, 0)`, `10px 0px 1px`, `x 45deg`. */
const numbersIn = (value: string) => (value.match(/-?[\d.]+(?:e-?\d+)?/g) ?? []).map(Number);

/**
 * Whether a computed style transforms its element other than by a 2D move or an even scale up
 * (the `transform` a browser computes is `none`, a `matrix()` for 2D or a `matrix3d()`; the
 * `scale`, `rotate` and `translate` properties apply on their own).
 */
function hidesByTransform(style: CSSStyleDeclaration): boolean {
  const transform = style.transform || 'none';
  if (transform !== 'none') {
    const [a, b, c, d] = numbersIn(transform);
    const isMoveOrEnlargement =
      transform.startsWith('matrix(') && b === 0 && c === 0 && a === d && a! >= 1;
    if (!isMoveOrEnlargement) return true;
  }
  const scale = style.getPropertyValue('scale') || 'none';
  if (scale !== 'none') {
    const [x, y = x, z = 1] = numbersIn(scale);
    if (x! < 1 || y !== x || z !== 1) return true;
  }
  const rotate = style.getPropertyValue('rotate') || 'none';
  if (rotate !== 'none' && numbersIn(rotate).at(-1) !== 0) return true;
  const [, , depth = 0] = numbersIn(style.getPropertyValue('translate') || 'none');
  return depth !== 0;
}

/**
 * Follows what the reader does around the toolbar whose closed shadow root is `root` on `host`,
 * and whose `buttons` take clicks. Where the browser has IntersectionObserver v2
 * (`trackVisibility`), a click counts only while it reports the clicked button visible (not
 * covered, not see-through, not filtered): each button on its own, so that a bar the page keeps
 * over part of the toolbar leaves the others usable; elsewhere only while no ancestor makes the
 * toolbar see-through, unless `isInTopLayer()` says the toolbar is shown in the top layer, where
 * no ancestor's opacity applies.
 */
export function watchReaderIntent(
  host: HTMLElement,
  root: ShadowRoot,
  buttons: Iterable<Element>,
  isInTopLayer: () => boolean = () => false,
): ReaderIntent {
  const win = host.ownerDocument.defaultView!;
  /** The trusted Tab press being handled now, if any: focus it moves in is the reader's. */
  let tabPress: KeyboardEvent | null = null;
  let armedBy: Arming | null = null;
  /** IntersectionObserver v2's last word per button; undefined where the browser lacks it. */
  let visible: WeakMap<Element, boolean> | undefined;

  const Observer = (win as Window & typeof globalThis).IntersectionObserver;
  const Entry = (win as Window & typeof globalThis).IntersectionObserverEntry;
  let observer: IntersectionObserver | undefined;
  if (Observer && Entry && 'isVisible' in Entry.prototype) {
    const seen = new WeakMap<Element, boolean>();
    visible = seen;
    const options = { trackVisibility: true, delay: 100, threshold: [0, 1] };
    observer = new Observer((entries) => {
      for (const entry of entries as (IntersectionObserverEntry & { isVisible: boolean })[]) {
        seen.set(entry.target, entry.isVisible);
      }
    }, options as IntersectionObserverInit);
    for (const button of buttons) observer.observe(button);
  }

  /** Whether the button `event` is on is visible where the reader clicked it. */
  function isVisibleNow(event: Event): boolean {
    if (!isInTopLayer() && isSeeThrough(host)) return false;
    if (!visible) return true;
    const button = (event.target as Element | null)?.closest?.('button');
    return !!button && visible.get(button) === true;
  }

  function isArmed(): boolean {
    // A Tab whose default the page prevented moved no focus: the page's script did.
    return armedBy !== null && !(typeof armedBy === 'object' && armedBy.defaultPrevented);
  }

  function noteTabPress(event: KeyboardEvent): void {
    if (!event.isTrusted || event.key !== 'Tab') return;
    tabPress = event;
    // Focus moves during this task, right after the event's dispatch.
    win.setTimeout(() => {
      if (tabPress === event) tabPress = null;
    }, 0);
  }
  function forgetTabPressElsewhere(event: FocusEvent): void {
    // Only the Tab's own move counts: focus it gave elsewhere, which a script then moved in
    // here, is the script's.
    if (event.target !== host) tabPress = null;
  }
  win.addEventListener('keydown', noteTabPress, true);
  win.addEventListener('focusin', forgetTabPressElsewhere, true);
  /** Focus left with the window (another tab or window, the popup): it comes back to `button`. */
  let away: { arming: Arming; button: EventTarget | null } | null = null;
  root.addEventListener('focusin', (event) => {
    const back = away && event.target === away.button && !(event as FocusEvent).relatedTarget;
    if (!armedBy && back) armedBy = away!.arming;
    away = null;
    if (!armedBy && tabPress) armedBy = tabPress;
  });
  root.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && root.contains(next)) return;
    const leftWithWindow = !next && armedBy && !host.ownerDocument.hasFocus();
    away = leftWithWindow ? { arming: armedBy!, button: event.target } : null;
    armedBy = null;
  });
  root.addEventListener('pointerdown', (event) => {
    if (event.isTrusted && isVisibleNow(event)) armedBy = 'pointer';
  });

  return {
    armByShortcut() {
      armedBy = 'shortcut';
    },
    carryArming(move) {
      const from = root.activeElement;
      const before = { armedBy, away };
      move();
      const to = root.activeElement;
      if (!from || !to || to === from) return;
      armedBy = before.armedBy;
      if (before.away?.button === from) away = { arming: before.away.arming, button: to };
    },
    isReaderClick(event) {
      if (!event.isTrusted) return false;
      return event.detail === 0 ? isArmed() : isVisibleNow(event);
    },
    stop() {
      win.removeEventListener('keydown', noteTabPress, true);
      win.removeEventListener('focusin', forgetTabPressElsewhere, true);
      observer?.disconnect();
    },
  };
}
