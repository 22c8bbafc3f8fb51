/**
 * Tags whose content is never article body. Both cases of `svg`: in an HTML document its
 * tagName is lower-case, unlike the HTML elements'.
 */
export const NON_BODY_TAGS: ReadonlySet<string> = new Set([
  'NAV',
  'ASIDE',
  'FOOTER',
  'FORM',
  'MENU',
  'DIALOG',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'SVG',
  'svg',
]);

/**
 * Class or id tokens of the blocks that surround an article rather than make it: comments, related
 * stories, share rows, newsletter boxes, sidebars, a post's line of metadata (`entry-meta`,
 * `postmeta`: filed under, tags). A token may carry a short prefix (`post-comments`, `c-share`);
 * `commentary` is an opinion article, not comments. Each part of a BEM name is a token.
 */
const BOILERPLATE_TOKEN =
  /^(?:[a-z]{1,8}[-_])?(?:comment(?!ary)|disqus|respond|replies|sidebar|side-bar|related|recommend|newsletter|subscri|signup|sign-up|share|sharing|social|outbrain|taboola|breadcrumb|cookie|consent|footer|nav(?:$|[-_]|bar|igation)|menu|promo|popup|modal|advert|ads?(?:$|[-_])|banner|widget|more-(?:stories|articles|news)|read-more|readmore|also-read|teaser|tags?(?:$|[-_])|[a-z]*(?:post|entry|article)[-_]?meta(?:data)?$)/;

/** Tokens that name a taxonomy term (WordPress `category-social-media`), not the block's role. */
const TAXONOMY_TOKEN = /^(?:tag|category|categories|topic|format)-/;

/** Whether `el` is page furniture by its tag, class or id (not by its text). */
export function isBoilerplate(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (NON_BODY_TAGS.has(tag)) return true;
  // A custom element's name says its role as a class would (`<share-button>`, `<related-links>`).
  const customName = tag.includes('-') ? tag : '';
  const names = `${classAndId(el)} ${customName}`.toLowerCase();
  // A BEM name's element part says the block's role (`article__share`, `story__related-links`).
  for (const token of names.split(/\s+|__/)) {
    if (token && BOILERPLATE_TOKEN.test(token) && !TAXONOMY_TOKEN.test(token)) return true;
  }
  const role = el.getAttribute('role');
  return role === 'navigation' || role === 'complementary' || role === 'contentinfo';
}

/**
 * Class or id words of a notice asking for cookie consent (`cmp`: a consent platform). Its legal
 * prose is long and full of commas, so it can outscore a short story and excuse a furniture name.
 */
const CONSENT_NAME = /cookie|consent|gdpr|(?:^|[-_\s])cmp(?:$|[-_\s])/i;
/** Class or id words of a dialog over the page. */
const DIALOG_NAME = /(?:^|[-_\s])(?:modal|popup)(?:$|[-_\s])/i;

/** Whether `el` is a notice asking for cookie consent, by its class or id: never a story. */
export function isConsentNotice(el: Element): boolean {
  return CONSENT_NAME.test(classAndId(el));
}

/**
 * Whether `el` is a dialog over the page (cookie consent, a modal, a popup). Inside a story's body
 * it is none of it, whatever it holds; a whole story may be shown in one (a front's modal reader).
 */
export function isOverlay(el: Element): boolean {
  if (!el.hasAttributes()) return false;
  const role = el.getAttribute('role');
  if (role === 'dialog' || role === 'alertdialog' || el.getAttribute('aria-modal') === 'true') {
    return true;
  }
  const names = classAndId(el);
  return CONSENT_NAME.test(names) || DIALOG_NAME.test(names);
}

/** `el`'s class and id, as one string of names ('' for an element without attributes). */
export function classAndId(el: Element): string {
  // Most elements have no attribute at all: asking first spares both reads.
  return el.hasAttributes() ? `${classOf(el)} ${el.id}` : '';
}

/**
 * `el`'s class attribute, or ''. The reflected property reads faster than getAttribute in jsdom;
 * an SVG element's className is no string.
 */
function classOf(el: Element): string {
  const { className } = el;
  return typeof className === 'string' ? className : (el.getAttribute('class') ?? '');
}

/** Readability's class and id words of blocks unlikely to be content, and those that override them. */
const UNLIKELY_NAMES =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CONTENT_NAMES = /and|article|body|column|content|main|mathjax|shadow/i;
const UNLIKELY_ROLES = new Set([
  'menu',
  'menubar',
  'complementary',
  'navigation',
  'alert',
  'alertdialog',
  'dialog',
]);

/**
 * Whether `el` is, by its class, id or role, a block that is unlikely to hold the article
 * (Readability's first-pass rule): comments, sidebars, menus, related links, banners.
 * `attributeNames`, when given, are `el.getAttributeNames()`: absent attributes are not asked for.
 */
export function isUnlikelyCandidate(el: Element, attributeNames?: readonly string[]): boolean {
  if (!el.hasAttributes()) return false;
  const role = !attributeNames || attributeNames.includes('role') ? el.getAttribute('role') : null;
  if (role !== null && UNLIKELY_ROLES.has(role)) return true;
  // The reflected properties read faster than getAttribute; SVG's className is not a string.
  const hasClass = !attributeNames || attributeNames.includes('class');
  const className = hasClass && typeof el.className === 'string' ? el.className : '';
  const id = !attributeNames || attributeNames.includes('id') ? el.id : '';
  const names = `${className} ${id}`;
  if (names.length < 4) return false;
  return UNLIKELY_NAMES.test(names) && !MAYBE_CONTENT_NAMES.test(names) && el.tagName !== 'BODY';
}

const POSITIVE_NAMES =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
/**
 * Readability's furniture names, less its `media`: the media object of CSS frameworks (Bootstrap's
 * `.media`, `o-media`) sets a picture beside text, the story's own paragraphs too.
 */
const NEGATIVE_NAMES =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
/** Score a class or id word adds to (or takes from) a block, as Readability weighs them. */
const CLASS_WEIGHT = 25;

/** Readability's class weight of `el`: ±25 for content-like or furniture-like class, and again for id. */
export function getClassWeight(el: Element): number {
  if (!el.hasAttributes()) return 0;
  let weight = 0;
  for (const name of [classOf(el), el.id]) {
    if (!name) continue;
    if (NEGATIVE_NAMES.test(name)) weight -= CLASS_WEIGHT;
    if (POSITIVE_NAMES.test(name)) weight += CLASS_WEIGHT;
  }
  return weight;
}
