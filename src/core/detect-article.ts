/** Where an article's body is, and where the reaction toolbar goes. */
export interface ArticleDetection {
  /** The element that holds the article's body text. */
  body: Element;
  /** The toolbar is inserted right after this element (the body's last block of text). */
  anchor: Element;
}

/**
 * Decides whether `doc` is an article page and, if it is, where its body ends.
 * Returns null for pages that are not articles.
 */
export function detectArticle(doc: Document): ArticleDetection | null {
  const body = doc.querySelector('article, [itemprop="articleBody"]');
  return body ? { body, anchor: body } : null;
}
