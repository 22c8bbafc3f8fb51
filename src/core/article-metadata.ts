/** Reads what a page says about itself: its title and canonical address. */

function metaContent(doc: Document, selector: string): string | undefined {
  const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return value || undefined;
}

/** JSON-LD objects on the page, flattened out of arrays and `@graph`; malformed blocks skipped. */
export function readJsonLd(doc: Document): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 4 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    found.push(record);
    if (record['@graph']) visit(record['@graph'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Pages ship broken JSON-LD often enough; one bad block must not hide the others.
    }
  }
  return found;
}

/** The article's title: Open Graph, then the first heading, then the document title. */
export function readArticleTitle(doc: Document): string {
  return (
    metaContent(doc, 'meta[property="og:title"]') ||
    doc.querySelector('h1')?.textContent?.trim() ||
    doc.title.trim()
  );
}

/** The address the page declares as its canonical one (link rel=canonical, then og:url). */
export function readCanonicalUrl(doc: Document): string | undefined {
  const link = doc.querySelector('link[rel~="canonical" i]');
  const href = link?.getAttribute('href')?.trim();
  const candidate = href || metaContent(doc, 'meta[property="og:url"]');
  if (!candidate) return undefined;
  try {
    return new URL(candidate, doc.baseURI).href;
  } catch {
    return undefined;
  }
}
