import { findBodyCandidateSteps, type BodyCandidate } from './find-body-candidate';
import { readPageAddresses } from './page-addresses';
import { readPageHead, type PageHead } from './read-page-head';
import {
  classifySchemaType,
  readArticleSignals,
  type ArticleSignals,
  type SchemaTypeKind,
} from './read-article-signals';

/** What the signals read of a page: gathered once, in one walk of the page plus its head. */
export interface PageFacts {
  doc: Document;
  /** The page's own addresses as article keys, declared first ({@link readPageAddresses}). */
  addresses: string[];
  /** As {@link PageAddresses.title}. */
  title: string;
  /** The body candidate: Readability's grab (paragraphs collected, their ancestors scored). */
  candidate: BodyCandidate;
  /** What the head's and the body's metadata declare. */
  metadata: ArticleSignals;
  /** What the microdata item around the body says of the page. */
  itemKind: SchemaTypeKind;
}

/**
 * Reads the facts of `doc` in steps (pausing during the page walk, see `scanPageSteps`). Returns
 * null for a page without a single paragraph: nothing there to react to.
 */
export function* readPageFactsSteps(
  doc: Document,
  { head, addresses, title }: PageAddresses = readPageAddressFacts(doc),
): Generator<void, PageFacts | null> {
  yield;
  const candidate = yield* findBodyCandidateSteps(doc, addresses);
  if (!candidate) return null;
  yield;
  const metadata = readArticleSignals(doc, candidate.scan.jsonLdScripts, head);
  return {
    doc,
    addresses,
    title,
    candidate,
    metadata,
    itemKind: classifyItemType(candidate.itemType),
  };
}

/** What a page says about its own address and name, read before anything else (its head only). */
export interface PageAddresses {
  head: PageHead;
  /** As {@link PageFacts.addresses}. */
  addresses: string[];
  /**
   * `doc.title`, read once: several signals split it, and the DOM finds and trims the `<title>`
   * anew on every read.
   */
  title: string;
}

/** Reads `doc`'s head, its addresses and its title: what the walk of the page starts from. */
export function readPageAddressFacts(doc: Document): PageAddresses {
  const head = readPageHead(doc);
  return { head, addresses: readPageAddresses(doc, head), title: doc.title };
}

/** What the microdata item the body lies in says about the page (an `itemtype` may list several types). */
function classifyItemType(itemType: string | null): SchemaTypeKind {
  let found: SchemaTypeKind = null;
  for (const type of itemType?.split(/\s+/) ?? []) {
    const kind = classifySchemaType(type);
    if (kind === 'overridingNonArticle') return kind;
    found ??= kind;
  }
  return found;
}
