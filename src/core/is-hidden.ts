const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Whether `el` is hidden by its own attributes (`hidden`, an inline display:none or
 * visibility:hidden). Layout is never consulted: it is slow in a page and absent in jsdom.
 * `aria-hidden` is not hiding: saved pages often carry it on a whole story wrapper behind a modal.
 */
export function isHidden(el: Element): boolean {
  // The attribute, not the `hidden` property: it is the same for HTML elements and reads faster.
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}
