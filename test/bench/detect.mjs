// Benchmarks article detection on the labelled page corpus against Firefox Reader View's
// isProbablyReaderable, and times Readability.parse as the heavy reference.
// Usage: npm run bench:detect [-- --corpus DIR]   (DIR defaults to ../shared/corpus/pages from the repo root)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { isProbablyReaderable, Readability } from '@mozilla/readability';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { corpus: { type: 'string' } } });
const corpusDir = resolve(repoRoot, values.corpus ?? '../shared/corpus/pages');

// Bundle the TypeScript under test next to node_modules so its external imports (jsdom) resolve.
const bundlePath = join(repoRoot, 'node_modules/.cache/moodmark-bench/detect.mjs');
await build({
  stdin: {
    contents: [
      "export { detectArticle } from './src/core/detect-article.ts';",
      "export * from './test/support/placement.ts';",
      "export * from './test/support/corpus.ts';",
    ].join('\n'),
    resolveDir: repoRoot,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: bundlePath,
  logLevel: 'warning',
});
const lib = await import(`${pathToFileURL(bundlePath).href}?t=${Date.now()}`);

const labels = lib.listCorpus(corpusDir);
if (!labels) {
  console.error(`No corpus at ${corpusDir}; pass --corpus DIR.`);
  process.exit(1);
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

const pages = [];
const timings = { ours: [], readerable: [], readability: [], oursAlone: [] };
const answers = { ours: [], readerable: [] };
let placedRight = 0;
let withBody = 0;
let placeable = 0;
for (const label of labels) {
  let doc;
  try {
    doc = lib.parseCorpusPage(corpusDir, label);
  } catch (error) {
    console.error(`${label.id}: could not parse (${error.message})`);
    continue;
  }
  // The baseline meets each document first, as in the baseline figures (jsdom builds a
  // node's wrapper on first touch; ours also runs alone on a second parse, in a pass below).
  const readerable = time(() => isProbablyReaderable(doc));
  const ours = time(() => lib.detectArticle(doc));
  let readabilityMs = null;
  try {
    readabilityMs = time(() => new Readability(doc.cloneNode(true)).parse()).ms;
  } catch {
    // A page Readability chokes on still counts for the detectors.
  }
  timings.ours.push(ours.ms);
  timings.readerable.push(readerable.ms);
  if (readabilityMs !== null) timings.readability.push(readabilityMs);
  answers.ours.push([label.isArticle, ours.result !== null]);
  answers.readerable.push([label.isArticle, readerable.result]);

  const around = ours.result ? lib.textAroundAnchor(ours.result.anchor) : null;
  let placement = null;
  if (label.isArticle && label.bodyEnd) {
    withBody += 1;
    if (lib.canBePlacedRight(doc, label.bodyEnd)) placeable += 1;
    placement = around ? lib.measurePlacementTail(around.before, label.bodyEnd) : -1;
    if (around && lib.isPlacedRight(around.before, label.bodyEnd)) placedRight += 1;
  }
  pages.push({
    id: label.id,
    labelIsArticle: label.isArticle,
    isArticle: ours.result !== null,
    ms: round(ours.ms),
    readerable: readerable.result,
    readerableMs: round(readerable.ms),
    readabilityMs: readabilityMs === null ? null : round(readabilityMs),
    placementTail: placement,
    textBeforeAnchor: around ? around.before.slice(-400) : null,
    textAfterAnchor: around ? around.after.slice(0, 200) : null,
  });
}

// Ours alone on a fresh parse of each page, in a pass of its own so that its garbage does not
// land in the timings above.
for (const { id } of pages) {
  const doc = lib.parseCorpusPage(
    corpusDir,
    labels.find((label) => label.id === id),
  );
  timings.oursAlone.push(time(() => lib.detectArticle(doc)).ms);
}

function round(ms) {
  return Math.round(ms * 1000) / 1000;
}

function percentile(list, p) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function classify(pairs) {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const [truth, said] of pairs) {
    if (truth && said) tp++;
    else if (!truth && said) fp++;
    else if (truth) fn++;
    else tn++;
  }
  const recall = tp / (tp + fn);
  const precision = tp / (tp + fp);
  return {
    tp,
    fp,
    fn,
    tn,
    recall,
    fpr: fp / (fp + tn),
    precision,
    f1: (2 * precision * recall) / (precision + recall),
  };
}

const detectors = {};
for (const name of ['ours', 'readerable']) {
  detectors[name] = {
    ...classify(answers[name]),
    medianMs: percentile(timings[name], 50),
    p95Ms: percentile(timings[name], 95),
  };
}
for (const name of Object.keys(detectors)) {
  detectors[name].medianRatioToBaseline = detectors[name].medianMs / detectors.readerable.medianMs;
}
detectors.ours.placedRight = placedRight / withBody;
detectors.ours.placeableShare = placeable / withBody;
detectors.ours.medianMsAlone = percentile(timings.oursAlone, 50);
detectors.ours.medianRatioAlone = detectors.ours.medianMsAlone / detectors.readerable.medianMs;
const reference = {
  readabilityParseMedianMs: percentile(timings.readability, 50),
  readabilityParseP95Ms: percentile(timings.readability, 95),
};

const fmt = (n) => (Number.isFinite(n) ? n.toFixed(3) : '—');
console.log(
  `${labels.length} pages, ${answers.ours.filter(([t]) => t).length} articles, ${withBody} with known body\n`,
);
console.log(
  'detector              recall   FPR      precision F1       median ms p95 ms   ratio   placed',
);
for (const [name, d] of Object.entries({
  moodmark: detectors.ours,
  isProbablyReaderable: detectors.readerable,
})) {
  console.log(
    [
      name.padEnd(21),
      fmt(d.recall).padEnd(8),
      fmt(d.fpr).padEnd(8),
      fmt(d.precision).padEnd(9),
      fmt(d.f1).padEnd(8),
      fmt(d.medianMs).padEnd(9),
      fmt(d.p95Ms).padEnd(8),
      fmt(d.medianRatioToBaseline).padEnd(7),
      d.placedRight === undefined ? '' : fmt(d.placedRight),
    ].join(' '),
  );
}
console.log(
  `Readability.parse     median ${fmt(reference.readabilityParseMedianMs)} ms, p95 ${fmt(reference.readabilityParseP95Ms)} ms`,
);
console.log(
  `placed right ${placedRight} of ${withBody}; no placement can score on ${withBody - placeable} (their page text lacks the saved body end), so at most ${fmt(placeable / withBody)}`,
);
console.log(
  `moodmark alone on a fresh parse (first to touch the nodes): median ${fmt(detectors.ours.medianMsAlone)} ms, ratio ${fmt(detectors.ours.medianRatioAlone)}`,
);
console.log(
  `our median / Readability.parse median: ${fmt(detectors.ours.medianMs / reference.readabilityParseMedianMs)}`,
);
const wrong = pages
  .filter((p) => p.isArticle !== p.labelIsArticle)
  .map((p) => `${p.id} (${p.labelIsArticle ? 'missed' : 'false positive'})`);
const misplaced = pages
  .filter(
    (p) =>
      p.placementTail !== null &&
      (p.placementTail < 0 || p.placementTail > lib.MAX_PLACEMENT_TAIL_CHARS),
  )
  .map((p) => p.id);
console.log(`\nwrong answers: ${wrong.join(', ') || 'none'}`);
console.log(`misplaced: ${misplaced.join(', ') || 'none'}`);

const outDir = join(repoRoot, 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'detect.json'),
  JSON.stringify({ corpusPages: labels.length, detectors, reference, pages }, null, 2) + '\n',
);
console.log(`\nwrote bench-results/detect.json`);
