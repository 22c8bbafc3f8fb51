const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Whether `el` is hidden by its own attributes (`hidden`, an inline display:none or
 * visibility:hidden). Layout is never consulted: it is slow in a page and absent in jsdom.
 * `aria-hidden` is not hiding: it hides from assistive technology only, and pages set it on the
 * whole story while a dialog or menu is open over it.
 * `names`, when given, are `el.getAttributeNames()`: absent attributes are then not asked for.
 */
export function isHidden(el: Element, names?: readonly string[]): boolean {
  // The attribute, not the `hidden` property: it is the same for HTML elements and reads faster.
  if (names ? names.includes('hidden') : el.hasAttribute('hidden')) return true;
  if (names && !names.includes('style')) return false;
  const style = el.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/** The classes sites give text meant for screen readers only (a section's label, a link's purpose). */
const SCREEN_READER_ONLY = /(?:^|\s)(?:visually-?hidden|sr-only|screen-reader-text)(?:\s|$)/;

/**
 * Whether `el` is shown to screen readers only, by the class sites give such text: it labels the
 * page's parts ("Article content") and is no part of what the reader sees.
 */
export function isScreenReaderOnly(el: Element): boolean {
  const className = el.getAttribute('class');
  return className !== null && SCREEN_READER_ONLY.test(className);
}
