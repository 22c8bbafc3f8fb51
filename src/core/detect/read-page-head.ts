import { MAX_DECLARED_ADDRESSES } from '../vote';

/** What detection reads of a page's `<head>`, gathered in one pass over its elements. */
export interface PageHead {
  /**
   * The addresses the head declares, as written: canonical links (the last first), then og:url;
   * the first {@link MAX_DECLARED_ADDRESSES}, as the background reads them (each is parsed, and
   * every link of the page is compared with each).
   */
  declaredAddresses: string[];
  /** The JSON-LD scripts in the head, or one wrapper down, in document order. */
  jsonLdScripts: Element[];
  /** The meta tags in the head, or one wrapper down (they sit in either), in document order. */
  metas: Element[];
}

/**
 * Reads `doc`'s `<head>` once, for both the page's addresses and its article signals: walks the
 * head's children and theirs, without a selector query (costly in jsdom).
 */
export function readPageHead(doc: Document): PageHead {
  const head: PageHead = { declaredAddresses: [], jsonLdScripts: [], metas: [] };
  const canonicals: string[] = [];
  const ogUrls: string[] = [];
  for (let el = doc.head?.firstElementChild; el; el = el.nextElementSibling) {
    const tag = el.localName;
    if (tag === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(el.getAttribute('rel') ?? '')) {
      canonicals.push(el.getAttribute('href') ?? '');
    } else if (tag === 'meta' && el.getAttribute('property') === 'og:url') {
      ogUrls.push(el.getAttribute('content') ?? '');
    }
    keepMetadata(el, head);
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      keepMetadata(child, head);
    }
  }
  head.declaredAddresses = [...canonicals.reverse(), ...ogUrls].slice(0, MAX_DECLARED_ADDRESSES);
  return head;
}

/** Keeps `el` when it is a meta tag or a JSON-LD script. */
function keepMetadata(el: Element, head: PageHead): void {
  const tag = el.localName;
  if (tag === 'meta') head.metas.push(el);
  else if (tag === 'script' && /ld\+json/i.test(el.getAttribute('type') ?? '')) {
    head.jsonLdScripts.push(el);
  }
}
