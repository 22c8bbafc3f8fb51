import { decide, type Decision, type DecisionTable } from './decide';
import { findBodyEnd } from './find-body-end';
import { readPageFactsSteps } from './read-page-facts';
import { drain } from '../run-in-slices';
import { SIGNAL_NAMES, SIGNALS, type SignalName } from './signals';
import { WEIGHTS } from './weights';

/** Where an article's body is, and where the reaction toolbar goes. */
export interface SignalDetection {
  /** The element that holds the article's body text. */
  body: Element;
  /** The toolbar is inserted right after this element (the body's last block of text). */
  anchor: Element;
}

/** Why a page got the answer it got. */
export interface Explanation {
  /** Which step decided: the page has no paragraph at all, or the signals were weighed. */
  decidedBy: 'noParagraphs' | 'signals';
  /** The decision, when the signals were weighed (every signal read). */
  decision: Decision | null;
  /** The body's container and the toolbar's anchor, whether or not the page is an article. */
  body: SignalDetection | null;
}

/**
 * Decides by weighing named signals whether `doc` is an article and, if so, where its body ends.
 * In steps: pauses (yields) during the page walk and between stages. `weights` defaults to the
 * trained table.
 */
export function* detectBySignalsSteps(
  doc: Document,
  weights: DecisionTable = WEIGHTS,
): Generator<void, SignalDetection | null> {
  const facts = yield* readPageFactsSteps(doc);
  if (!facts) return null;
  yield;
  if (!decide(facts, weights).isArticle) return null;
  yield;
  const { body, parts, scan } = facts.candidate;
  return { body, anchor: findBodyEnd(parts, scan) };
}

/** {@link detectBySignalsSteps} in one go. */
export function detectBySignals(
  doc: Document,
  weights: DecisionTable = WEIGHTS,
): SignalDetection | null {
  return drain(detectBySignalsSteps(doc, weights));
}

/** Every signal's value and contribution for `doc`, and the body end whatever the answer. */
export function explainBySignals(doc: Document, weights: DecisionTable = WEIGHTS): Explanation {
  const facts = drain(readPageFactsSteps(doc));
  if (!facts) return { decidedBy: 'noParagraphs', decision: null, body: null };
  const { body, parts, scan } = facts.candidate;
  return {
    decidedBy: 'signals',
    decision: decide(facts, weights, true),
    body: { body, anchor: findBodyEnd(parts, scan) },
  };
}

/**
 * Every signal's raw value for `doc` (unclamped, for training), and where its body would end; null
 * for a page without a paragraph.
 */
export function measureSignals(
  doc: Document,
): { values: Record<SignalName, number>; detection: SignalDetection } | null {
  const facts = drain(readPageFactsSteps(doc));
  if (!facts) return null;
  const values = {} as Record<SignalName, number>;
  for (const name of SIGNAL_NAMES) values[name] = SIGNALS[name](facts);
  const { body, parts, scan } = facts.candidate;
  return { values, detection: { body, anchor: findBodyEnd(parts, scan) } };
}
