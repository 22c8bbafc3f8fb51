/** Tags whose content is never article body. */
const BOILERPLATE_TAGS = new Set([
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
]);

/**
 * Class or id tokens of the blocks that surround an article rather than make it: comments, related
 * stories, share rows, newsletter boxes, sidebars. A token may carry a short prefix (`post-comments`,
 * `c-share`); `commentary` is an opinion article, not comments.
 */
const BOILERPLATE_TOKEN =
  /^(?:[a-z]{1,8}[-_])?(?:comment(?!ary)|disqus|respond|replies|sidebar|side-bar|related|recommend|newsletter|subscri|signup|sign-up|share|sharing|social|outbrain|taboola|breadcrumb|cookie|consent|footer|nav(?:$|[-_]|bar|igation)|menu|promo|popup|modal|advert|ads?(?:$|[-_])|banner|widget|more-(?:stories|articles|news)|read-more|readmore|also-read|teaser|tags?(?:$|[-_]))/;

/** Tokens that name a taxonomy term (WordPress `category-social-media`), not the block's role. */
const TAXONOMY_TOKEN = /^(?:tag|category|categories|topic|format)-/;

/** Whether `el` is page furniture by its tag, class or id (not by its text). */
export function isBoilerplate(el: Element): boolean {
  if (BOILERPLATE_TAGS.has(el.tagName.toUpperCase())) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  for (const token of names.split(/\s+/)) {
    if (token && BOILERPLATE_TOKEN.test(token) && !TAXONOMY_TOKEN.test(token)) return true;
  }
  const role = el.getAttribute('role');
  return role === 'navigation' || role === 'complementary' || role === 'contentinfo';
}
