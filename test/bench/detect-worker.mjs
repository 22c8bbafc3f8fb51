// One batch of the detection bench (see detect.mjs): answers, timings and explanations per page.
import { parentPort, workerData } from 'node:worker_threads';
import { parsePageOrSkip } from './corpus-pages.mjs';
import { isProbablyReaderable, Readability } from '@mozilla/readability';

const lib = await import(workerData.bundle);

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

const round = (n) => Math.round(n * 1000) / 1000;

/**
 * The least any node-by-node walk of the page does: visit every node below `root` once, reading
 * its type, an element's name and a text's data. In jsdom each node read builds the node's
 * wrapper on its first touch: this is the floor of a detector that reads the page node by node,
 * against readerable's, which asks a selector for its paragraphs and never visits text nodes.
 */
function visitEveryNode(root) {
  let chars = 0;
  let node = root.firstChild;
  while (node) {
    const type = node.nodeType;
    if (type === 3) chars += node.data.length;
    else if (type === 1 && node.localName && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node !== root && !node.nextSibling) node = node.parentNode;
    if (node === root) break;
    node = node.nextSibling;
  }
  return chars;
}

// Every worker starts with cold code: without a first run of each detector, the batch's first
// page pays the compiler's warm-up and lands in the tail (a page in six of the p95's thirty).
const warmUp =
  workerData.pages[0] && parsePageOrSkip(lib, workerData.pages[0].dir, workerData.pages[0].label);
if (warmUp) {
  isProbablyReaderable(warmUp);
  lib.detectArticle(warmUp);
  visitEveryNode(warmUp.documentElement);
  lib.readParagraphFirst(warmUp.body ?? warmUp.documentElement);
  warmUp.defaultView?.close();
}

const results = [];
for (const { dir, label } of workerData.pages) {
  const doc = parsePageOrSkip(lib, dir, label);
  if (!doc) continue;
  // The baseline meets each document first, as in the baseline figures (jsdom builds a
  // node's wrapper on first touch; ours also runs alone on a second parse, below).
  const readerable = time(() => isProbablyReaderable(doc));
  const ours = time(() => lib.detectArticle(doc));
  let readabilityMs = null;
  try {
    readabilityMs = time(() => new Readability(doc.cloneNode(true)).parse()).ms;
  } catch {
    // A page Readability chokes on still counts for the detectors.
  }
  const around = ours.result ? lib.textAroundAnchor(ours.result.anchor) : null;
  const hasBody = label.isArticle && Boolean(label.bodyEnd);
  const explanation = lib.explainArticle(doc);
  results.push({
    id: label.id,
    labelIsArticle: label.isArticle,
    isArticle: ours.result !== null,
    ms: round(ours.ms),
    readerable: readerable.result,
    readerableMs: round(readerable.ms),
    readabilityMs: readabilityMs === null ? null : round(readabilityMs),
    hasBody,
    placeable: hasBody && lib.canBePlacedRight(doc, label.bodyEnd),
    placementTail: hasBody
      ? around
        ? lib.measurePlacementTail(around.before, label.bodyEnd)
        : -1
      : null,
    placedRight: hasBody && around !== null && lib.isPlacedRight(around.before, label.bodyEnd),
    textBeforeAnchor: around ? around.before.slice(-400) : null,
    textAfterAnchor: around ? around.after.slice(0, 200) : null,
    decidedBy: explanation.decidedBy,
    score: explanation.decision ? round(explanation.decision.score) : null,
    prior: explanation.decision ? round(explanation.decision.prior) : null,
    signals: explanation.decision
      ? Object.fromEntries(
          explanation.decision.signals.map(({ name, value, contribution }) => [
            name,
            { value: round(value), contribution: round(contribution) },
          ]),
        )
      : null,
  });
  doc.defaultView?.close();
}
// Ours alone on a fresh parse of each page, in a pass of its own so that its garbage does not
// land in the timings above; and each on another, after readerable as ours runs above: the walk
// that only visits every node, and the same facts as ours read paragraph first
// (paragraph-first-read.ts).
for (const result of results) {
  const { dir, label } = workerData.pages.find((page) => page.label.id === result.id);
  const doc = lib.parseCorpusPage(dir, label);
  result.msAlone = round(time(() => lib.detectArticle(doc)).ms);
  doc.defaultView?.close();
  const walked = lib.parseCorpusPage(dir, label);
  isProbablyReaderable(walked);
  result.visitEveryNodeMs = round(time(() => visitEveryNode(walked.documentElement)).ms);
  walked.defaultView?.close();
  const read = lib.parseCorpusPage(dir, label);
  isProbablyReaderable(read);
  const root = read.body ?? read.documentElement;
  result.paragraphFirstMs = round(time(() => lib.readParagraphFirst(root)).ms);
  read.defaultView?.close();
}
parentPort.postMessage(results);
