import {
  detectArticleSteps,
  type ArticleDetection,
  type DetectArticleOptions,
} from './detect-article';
import { findBodyCandidateSteps, type BodyCandidate } from './detect/find-body-candidate';
import { findBodyEndSteps } from './detect/find-body-end';
import { readPageAddresses } from './detect/page-addresses';
import { isEditableContent } from './editable-content';
import type { ToolbarCorrection } from './page-corrections';

/** Where the toolbar goes on a page. */
export interface ToolbarPlace extends ArticleDetection {
  /** No body was found: show the toolbar as the floating button, whatever the settings say. */
  floating?: boolean;
}

type DetectSteps = (
  doc: Document,
  options: DetectArticleOptions,
) => Generator<unknown, ArticleDetection | null>;

/**
 * Where the toolbar goes on `doc`, the reader's correction of the page obeyed: none where the
 * reader hid it (without running the detector); the detector's place otherwise; and where the
 * reader asked for it but the detector found no article, after the most likely body all the
 * same, or floating when the page has no paragraph at all. None, either way, where its place is
 * in editable text (a CMS's editor, a wiki's visual editor, design mode): the writer's article
 * would be saved with the toolbar's element in it. A generator that yields as the detector
 * walks, so the content script can run it in slices.
 */
export function* placeToolbarSteps(
  doc: Document,
  correction: ToolbarCorrection | null,
  detectSteps: DetectSteps = detectArticleSteps,
): Generator<unknown, ToolbarPlace | null> {
  const place = yield* findToolbarPlaceSteps(doc, correction, detectSteps);
  // The toolbar goes into the anchor's parent.
  const parent = place?.anchor.parentElement;
  return parent && isEditableContent(parent) ? null : place;
}

/** The place as the detector and the reader's correction give it, editable or not. */
function* findToolbarPlaceSteps(
  doc: Document,
  correction: ToolbarCorrection | null,
  detectSteps: DetectSteps,
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
