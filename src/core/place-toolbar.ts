import {
  detectArticleSteps,
  type ArticleDetection,
  type DetectArticleOptions,
} from './detect-article';
import { findBodyCandidateSteps, type BodyCandidate } from './detect/find-body-candidate';
import { findBodyEndSteps } from './detect/find-body-end';
import { readPageAddresses } from './detect/page-addresses';
import type { ToolbarCorrection } from './page-corrections';

/** Where the toolbar goes on a page. */
export interface ToolbarPlace extends ArticleDetection {
  /** No body was found: show the toolbar as the floating button, whatever the settings say. */
  floating?: boolean;
}

/**
 * Where the toolbar goes on `doc`, the reader's correction of the page obeyed: none where the
 * reader hid it (without running the detector); the detector's place otherwise; and where the
 * reader asked for it but the detector found no article, after the most likely body all the
 * same, or floating when the page has no paragraph at all. A generator that yields as the
 * detector walks, so the content script can run it in slices.
 */
export function* placeToolbarSteps(
  doc: Document,
  correction: ToolbarCorrection | null,
  detectSteps: (
    doc: Document,
    options: DetectArticleOptions,
  ) => Generator<unknown, ArticleDetection | null> = detectArticleSteps,
): Generator<unknown, ToolbarPlace | null> {
  if (correction === 'hide') return null;
  let candidate: BodyCandidate | null | undefined;
  const found = yield* detectSteps(
    doc,
    correction === 'show' ? { onCandidate: (walked) => (candidate = walked) } : {},
  );
  if (found || correction !== 'show') return found;
  // The detector turned the page down before walking it (its address, its title): walked now.
  if (candidate === undefined) {
    candidate = yield* findBodyCandidateSteps(doc, readPageAddresses(doc));
  }
  if (candidate) {
    return {
      body: candidate.body,
      anchor: yield* findBodyEndSteps(candidate.parts, candidate.scan),
    };
  }
  const body = doc.body ?? doc.documentElement;
  return { body, anchor: body.lastElementChild ?? body, floating: true };
}
