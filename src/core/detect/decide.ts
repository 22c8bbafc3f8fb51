import type { PageFacts } from './read-page-facts';
import { SIGNAL_NAMES, SIGNALS, type SignalName } from './signals';

/** How the decision weighs one signal: fitted by `npm run train:detect`, never set by hand. */
export interface SignalWeight {
  /** Score per unit of the signal's value. */
  weight: number;
  /** The value the signal is centred on (its mean over the training pages): a typical page adds 0. */
  mean: number;
  /** The range of the signal's values over the training pages; values outside it are clamped to it. */
  min: number;
  max: number;
}

/** A trained weight table: the decision's whole knowledge. */
export interface WeightTable {
  /** The score of a page whose every signal sits at its mean; a score above 0 means an article. */
  bias: number;
  signals: Record<SignalName, SignalWeight>;
}

/** What the decision found, and why. */
export interface Decision {
  isArticle: boolean;
  /** The log-odds that the page is an article: bias plus the contributions. */
  score: number;
  /** Each signal read, with its value (clamped to its training range) and what it added to the score. */
  signals: { name: SignalName; value: number; contribution: number }[];
}

/**
 * Whether the page of `facts` is an article: the weighted sum of its signals (a logistic
 * regression). Signals are read in {@link SIGNAL_NAMES} order and the rest are left unread once they
 * cannot change the answer, so a clear page costs only its cheap signals. With `readAll`, every
 * signal is read (to explain an answer, or to train).
 */
export function decide(facts: PageFacts, table: WeightTable, readAll = false): Decision {
  const contributions = SIGNAL_NAMES.map((name) => contributionRange(table.signals[name]));
  // What the signals not yet read can still add, at least and at most.
  let restLow = 0;
  let restHigh = 0;
  for (const [low, high] of contributions) {
    restLow += low;
    restHigh += high;
  }
  let score = table.bias;
  const signals: Decision['signals'] = [];
  for (let i = 0; i < SIGNAL_NAMES.length; i++) {
    if (!readAll && (score + restLow > 0 || score + restHigh <= 0)) break;
    const name = SIGNAL_NAMES[i]!;
    const { weight, mean, min, max } = table.signals[name];
    const value = Math.min(max, Math.max(min, SIGNALS[name](facts)));
    const contribution = weight * (value - mean);
    score += contribution;
    restLow -= contributions[i]![0];
    restHigh -= contributions[i]![1];
    signals.push({ name, value, contribution });
  }
  return { isArticle: score > 0, score, signals };
}

/** The least and the most a signal can add to the score. */
function contributionRange({ weight, mean, min, max }: SignalWeight): [number, number] {
  const a = weight * (min - mean);
  const b = weight * (max - mean);
  return [Math.min(a, b), Math.max(a, b)];
}
