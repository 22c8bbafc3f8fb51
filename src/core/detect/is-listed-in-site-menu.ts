import { classAndId } from './is-boilerplate';
import { countWords } from './measure-text';
import { isLinkTo } from './page-addresses';
import { parentElementOf } from '../page-tree';

/** Where a link is a page's own title or a story's, not a menu's item. */
const NOT_A_MENU_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'article', 'main']);
/** Link lists that lead to the page without listing it: breadcrumbs, the pages of one story. */
const NOT_A_MENU_CLASS = /breadcrumb|pagination|pager/i;
const NOT_A_MENU_NAME = /breadcrumb/i;
/**
 * A list in a menu that switches to this page in another language (`languages`, `lang-switch`,
 * `lang-item`), `lang` as a word of its own: `langlauf` is a section. Asked only inside the menu:
 * a page's `<body>` may name its language (`lang-de`).
 */
const LANGUAGE_SWITCH_NAME = /language|(?:^|[-_\s])lang(?:$|[-_\s])/i;

/**
 * A link to a place in the page, not to the page: a fragment that is no app's route (`#top`, a
 * dropdown's `page.html#`), where a hash-routed app's links read `#!/world` or `#/world`.
 */
const IN_PAGE_LINK = /#(?![!/])/;

/**
 * Words from which a menu item reads as a story's headline, not a page's name: the site's own
 * pages go by one to three words (`About us`, `Terms of service`).
 */
const MIN_HEADLINE_WORDS = 4;

/**
 * Whether a site menu links to this page: an item of a `<nav>`, or a list item in a page
 * `<header>`, among `menus`, outside the body `parts`, that leads to one of the page's
 * `addresses` (article keys). That is the mark of a site's own page (a service, about or product
 * page): menus list sections and such pages, not articles.
 */
export function isListedInSiteMenu(
  menus: readonly Element[],
  parts: readonly Element[],
  addresses: readonly string[],
): boolean {
  for (const menu of menus) {
    if (parts.some((part) => part.contains(menu))) continue;
    const links = menu.getElementsByTagName('a');
    for (let i = 0, count = links.length; i < count; i++) {
      const link = links[i]!;
      if (link.hasAttribute('hreflang') || IN_PAGE_LINK.test(link.getAttribute('href') ?? '')) {
        continue;
      }
      if (isLinkTo(link, addresses) && isMenuItem(link, menu)) return true;
    }
  }
  return false;
}

/**
 * Whether `link` is an item of the menu: anywhere in a `<nav>`, in a list item of a header; never
 * a heading (an article's title linking to itself), breadcrumbs, page numbers or a switch of
 * languages, and never a headline (a menu of stories: recent posts, a series' contents).
 */
function isMenuItem(link: Element, menu: Element): boolean {
  const text = link.textContent ?? '';
  if (!/\p{L}/u.test(text) || countWords(text) >= MIN_HEADLINE_WORDS) return false;
  // One climb, not `closest` selectors: jsdom's selector engine compiles them anew on every page.
  let isInListItem = false;
  let isInMenu = true;
  for (let el: Element | null = link; el; el = parentElementOf(el)) {
    if (NOT_A_MENU_TAGS.has(el.localName) || isNotAMenu(el)) return false;
    if (isInMenu && isLanguageSwitch(el)) return false;
    if (el === menu) isInMenu = false;
    if (el.localName === 'li') isInListItem = true;
  }
  return menu.tagName === 'NAV' || isInListItem;
}

/** Whether `el` is marked as a switch of languages by its class or id ({@link LANGUAGE_SWITCH_NAME}). */
function isLanguageSwitch(el: Element): boolean {
  return LANGUAGE_SWITCH_NAME.test(classAndId(el));
}

/** Whether `el` is marked as breadcrumbs or page numbers by its class, id or label. */
function isNotAMenu(el: Element): boolean {
  return (
    NOT_A_MENU_CLASS.test(el.getAttribute('class') ?? '') ||
    NOT_A_MENU_NAME.test(el.getAttribute('id') ?? '') ||
    NOT_A_MENU_NAME.test(el.getAttribute('aria-label') ?? '')
  );
}
