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
 * Fresh parses each detector is timed on, per page; its time is their median. Timed once, a page's
 * time also held whatever garbage collection the last steps left due (its parse, the last page's
 * Readability.parse), which fell on whichever detector was running: on a sample of half the
 * corpus, p95 22.9 ms timed once against 12.3 ms as the median of three, readerable's 10.2 and 8.2.
 */
const TIMED_RUNS = 3;

/** The median of the finite times in `list` (a run that threw has none), or NaN. */
function median(list) {
  const sorted = list.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

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
const first = workerData.pages[0];
const warmUp = first && parsePageOrSkip(lib, first.dir, first.label);
if (warmUp) {
  parentPort.postMessage({ page: first.label.id });
  try {
    isProbablyReaderable(warmUp);
    lib.detectArticle(warmUp);
    visitEveryNode(warmUp.documentElement);
    lib.readParagraphFirst(warmUp.body ?? warmUp.documentElement);
  } catch {
    // The page's own run below reports what failed.
  }
  warmUp.defaultView?.close();
}

/** What `fn` returns, or `fallback` (and the error's message in `errors`) when it throws. */
function orElse(errors, step, fallback, fn) {
  try {
    return fn();
  } catch (error) {
    errors.push(`${step}: ${error?.message ?? error}`);
    return fallback;
  }
}

const results = [];
for (const { dir, label } of workerData.pages) {
  parentPort.postMessage({ page: label.id });
  const doc = parsePageOrSkip(lib, dir, label);
  if (!doc) continue;
  // A step that throws on this page is named in its `errors` and answers as the extension would
  // (no article, no toolbar): one odd page must not stop the run.
  const errors = [];
  // The baseline meets each document first, as in the baseline figures (jsdom builds a
  // node's wrapper on first touch; ours also runs alone on a second parse, below).
  const readerable = orElse(errors, 'readerable', { result: false, ms: NaN }, () =>
    time(() => isProbablyReaderable(doc)),
  );
  const ours = orElse(errors, 'detectArticle', { result: null, ms: NaN }, () =>
    time(() => lib.detectArticle(doc)),
  );
  let readabilityMs = null;
  try {
    readabilityMs = time(() => new Readability(doc.cloneNode(true)).parse()).ms;
  } catch {
    // A page Readability chokes on still counts for the detectors.
  }
  const around = ours.result
    ? orElse(errors, 'textAroundAnchor', null, () => lib.textAroundAnchor(ours.result.anchor))
    : null;
  // A label's body end is text; any other value is no known body, nor is one without letters or
  // digits, which placement compares and any place would end with.
  const bodyEnd = typeof label.bodyEnd === 'string' ? label.bodyEnd : '';
  const hasBody = label.isArticle && lib.normalizeForPlacement(bodyEnd) !== '';
  const explanation = orElse(errors, 'explainArticle', { decidedBy: null, decision: null }, () =>
    lib.explainArticle(doc),
  );
  results.push({
    id: label.id,
    labelIsArticle: label.isArticle,
    isArticle: ours.result !== null,
    msOnce: round(ours.ms),
    readerable: readerable.result,
    readerableMsOnce: round(readerable.ms),
    readabilityMs: readabilityMs === null ? null : round(readabilityMs),
    hasBody,
    placeable:
      hasBody &&
      orElse(errors, 'canBePlacedRight', false, () => lib.canBePlacedRight(doc, bodyEnd)),
    placementTail: hasBody
      ? around
        ? lib.measurePlacementTail(around.before, bodyEnd)
        : -1
      : null,
    placedRight: hasBody && around !== null && lib.isPlacedRight(around.before, bodyEnd),
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
    ...(errors.length > 0 ? { errors } : {}),
  });
  doc.defaultView?.close();
}
// The times: both detectors on TIMED_RUNS fresh parses of each page, the baseline first as above,
// in a pass of their own, away from Readability.parse and the explanations. Then ours alone on a
// fresh parse of each page, so that its garbage does not land in the timings above; and each on
// another, after readerable as ours runs above: the walk that only visits every node, and the same
// facts as ours read paragraph first (paragraph-first-read.ts).
for (const result of results) {
  const { dir, label } = workerData.pages.find((page) => page.label.id === result.id);
  parentPort.postMessage({ page: label.id });
  const errors = result.errors ?? [];
  const readerableRuns = [];
  const ourRuns = [];
  for (let run = 0; run < TIMED_RUNS; run++) {
    const timed = lib.parseCorpusPage(dir, label);
    readerableRuns.push(
      orElse(errors, 'readerable', NaN, () => time(() => isProbablyReaderable(timed)).ms),
    );
    ourRuns.push(
      orElse(errors, 'detectArticle', NaN, () => time(() => lib.detectArticle(timed)).ms),
    );
    timed.defaultView?.close();
  }
  result.readerableMs = round(median(readerableRuns));
  result.ms = round(median(ourRuns));
  const doc = lib.parseCorpusPage(dir, label);
  result.msAlone = round(
    orElse(errors, 'detectArticle', NaN, () => time(() => lib.detectArticle(doc)).ms),
  );
  doc.defaultView?.close();
  const walked = lib.parseCorpusPage(dir, label);
  orElse(errors, 'readerable', null, () => isProbablyReaderable(walked));
  result.visitEveryNodeMs = round(time(() => visitEveryNode(walked.documentElement)).ms);
  walked.defaultView?.close();
  const read = lib.parseCorpusPage(dir, label);
  orElse(errors, 'readerable', null, () => isProbablyReaderable(read));
  const root = read.body ?? read.documentElement;
  result.paragraphFirstMs = round(
    orElse(errors, 'readParagraphFirst', NaN, () => time(() => lib.readParagraphFirst(root)).ms),
  );
  read.defaultView?.close();
  if (errors.length > 0) result.errors = [...new Set(errors)];
}
parentPort.postMessage(results);
