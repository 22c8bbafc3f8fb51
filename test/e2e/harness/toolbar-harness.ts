/**
 * The toolbar alone on a plain page, for the accessibility audit. axe cannot enter a closed
 * shadow root, so this page (and only this page) opens it; the markup and styles are the real ones.
 */
import { createToolbar } from '../../../src/content/toolbar';
import { resolveLocale } from '../../../src/core/i18n';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';

const { attachShadow } = Element.prototype;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  return attachShadow.call(this, { ...init, mode: 'open' });
};

// The page supports both schemes, so its canvas, and with it the inline toolbar's default theme
// (the page's scheme), follow the system's, which the audits set.
document.documentElement.style.colorScheme = 'light dark';

const params = new URLSearchParams(location.search);
const locale = resolveLocale([params.get('lang')]);
// Dark by default; `system` takes the page's scheme, as the reader's default theme does.
const floatingTheme =
  (['light', 'system'] as const).find((theme) => theme === params.get('floatingTheme')) ?? 'dark';
const inline = createToolbar(document, { choose: async (reaction) => reaction, locale });
inline.show('love');
const floating = createToolbar(document, {
  choose: async (reaction) => reaction,
  locale,
  settings: { ...DEFAULT_SETTINGS, placement: 'floating', theme: floatingTheme },
});
floating.show(null);
// As the content script places them, after the article's end: with no sheet of the extension's
// on this page, each shows itself; the floating one in the top layer, closed or not.
inline.insertAfter(document.querySelector('main')!.lastElementChild!);
floating.insertAfter(inline.host);
// Opens the floating panel so that it is audited too (`?panel=closed`: left closed, unfocused).
if (params.get('panel') !== 'closed') floating.focus();
document.body.dataset.ready = '';
