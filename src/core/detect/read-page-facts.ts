import { findBodyCandidateSteps, type BodyCandidate } from './find-body-candidate';
import { readPageAddresses } from './page-addresses';
import { readPageHead } from './read-page-head';
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
export function* readPageFactsSteps(doc: Document): Generator<void, PageFacts | null> {
  const head = readPageHead(doc);
  const addresses = readPageAddresses(doc, head);
  yield;
  const candidate = yield* findBodyCandidateSteps(doc, addresses);
  if (!candidate) return null;
  yield;
  const metadata = readArticleSignals(doc, candidate.scan.jsonLdScripts, head);
  return { doc, addresses, candidate, metadata, itemKind: classifyItemType(candidate.itemType) };
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
