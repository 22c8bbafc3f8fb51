import type { PageFacts } from './read-page-facts';
import { SIGNAL_NAMES, SIGNALS, type SignalName } from './signals';

/** A question a tree asks: is the signal's value below the threshold? */
export interface SplitNode {
  signal: SignalName;
  threshold: number;
  /** Index (in the tree) of the node that answers when the value is below the threshold. */
  below: number;
  /** Index of the node that answers when the value is at or above it. */
  atOrAbove: number;
  /** What the tree would add, on average over the training pages, had it stopped here. */
  value: number;
}

/** Where a tree's questions end: what it adds to the score. */
export interface LeafNode {
  value: number;
}

/** One shallow tree: its root first, each question pointing to its two answers. */
export type DecisionTree = (SplitNode | LeafNode)[];

/** A trained decision (gradient-boosted shallow trees): its whole knowledge. */
export interface DecisionTable {
  /** The log-odds of an article before any tree (the training pages' prior). */
  base: number;
  trees: DecisionTree[];
}

/** What the decision found, and why. */
export interface Decision {
  isArticle: boolean;
  /** The log-odds that the page is an article: the prior plus every signal's contribution. */
  score: number;
  /** The score knowing no signal: the base plus what each tree adds on average. */
  prior: number;
  /**
   * Each signal read, with its value and what it added to the score: for every question asked of
   * it, how far the answer moved that tree's value.
   */
  signals: { name: SignalName; value: number; contribution: number }[];
}

/**
 * Whether the page of `facts` is an article: the summed answers of the table's trees. A signal is
 * read when a tree first asks about it, and the trees left are skipped once they cannot change the
 * answer, so a clear page costs few signals. With `readAll`, every tree is asked and every signal
 * read (to explain an answer).
 */
export function decide(facts: PageFacts, table: DecisionTable, readAll = false): Decision {
  const values = new Map<SignalName, number>();
  const contributions = new Map<SignalName, number>();
  const read = (name: SignalName): number => {
    let value = values.get(name);
    if (value === undefined) {
      value = SIGNALS[name](facts);
      values.set(name, value);
      contributions.set(name, 0);
    }
    return value;
  };
  const ranges = table.trees.map(leafRange);
  // What the trees not yet asked can still add, at least and at most.
  let restLow = 0;
  let restHigh = 0;
  for (const [low, high] of ranges) {
    restLow += low;
    restHigh += high;
  }
  let prior = table.base;
  let score = table.base;
  for (let i = 0; i < table.trees.length; i++) {
    if (!readAll && (score + restLow > 0 || score + restHigh <= 0)) break;
    const tree = table.trees[i]!;
    let node = tree[0]!;
    prior += node.value;
    while ('signal' in node) {
      const next = tree[read(node.signal) < node.threshold ? node.below : node.atOrAbove]!;
      contributions.set(node.signal, contributions.get(node.signal)! + next.value - node.value);
      node = next;
    }
    score += node.value;
    restLow -= ranges[i]![0];
    restHigh -= ranges[i]![1];
  }
  if (readAll) for (const name of SIGNAL_NAMES) read(name);
  const names = readAll ? SIGNAL_NAMES : [...values.keys()];
  return {
    isArticle: score > 0,
    score,
    prior,
    signals: names.map((name) => ({
      name,
      value: values.get(name)!,
      contribution: contributions.get(name)!,
    })),
  };
}

/** The least and the most a tree can add to the score. */
function leafRange(tree: DecisionTree): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const node of tree) {
    if ('signal' in node) continue;
    low = Math.min(low, node.value);
    high = Math.max(high, node.value);
  }
  return [low, high];
}
