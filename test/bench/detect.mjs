// Benchmarks article detection on the labelled page corpus against Firefox Reader View's
// isProbablyReaderable, and times Readability.parse as the heavy reference.
// Usage: npm run bench:detect [-- --corpus DIR]   (DIR defaults to ../shared/corpus/pages and
// test/corpus/pages from the repo root). Pages run in worker threads, a batch at a time, so any
// number fits in Node's default heap; each worker runs both detectors once before it times them,
// so their warm-up is no page's time. A page's time is its median over three fresh parses, timed
// in a pass of their own (see detect-worker.mjs); the time of the one run beside the answers is
// printed too. One odd page cannot stop the run: a step that throws on it
// is named and answers no article; a page that crashes its worker or holds it over two minutes,
// and a folder without a readable label, are named and left out. Per page,
// bench-results/detect.json gives the answer, the time, the text around the toolbar, and each
// signal's value and contribution to the decision.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle, corpusDirs, repoRoot, runInWorkers } from './corpus-pages.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string' } } });
const dirs = corpusDirs(values.corpus);

const bundle = await buildBundle('detect', [
  "export { detectArticle } from './src/core/detect-article.ts';",
  "export { explainBySignals as explainArticle } from './src/core/detect/detect-by-signals.ts';",
  "export * from './test/support/placement.ts';",
  "export * from './test/support/corpus.ts';",
  "export { readParagraphFirst } from './test/bench/paragraph-first-read.ts';",
]);
const lib = await import(bundle);
const labels = dirs.flatMap((dir) => (lib.listCorpus(dir) ?? []).map((label) => ({ dir, label })));
if (labels.length === 0) {
  console.error(`No corpus at ${dirs.join(', ') || values.corpus}; pass --corpus DIR.`);
  process.exit(1);
}

// A folder with a page but no label is no page of the corpus: name it rather than drop it unseen.
for (const dir of dirs) {
  const labelled = new Set(labels.filter((page) => page.dir === dir).map(({ label }) => label.id));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !labelled.has(entry.name)) {
      const file = join(dir, entry.name, 'label.json');
      if (!existsSync(file)) console.error(`${entry.name}: no label.json, left out`);
    }
  }
}

// A page that crashes its worker or holds it too long is named and left out (see runInWorkers).
const failed = [];
const pages = await runInWorkers(
  './detect-worker.mjs',
  labels,
  { bundle },
  {
    onPageFailed: ({ label }, reason) => {
      console.error(`${label.id}: left out (${reason})`);
      failed.push({ id: label.id, reason });
    },
  },
);
const finite = (list) => list.filter((ms) => Number.isFinite(ms));
const timings = {
  ours: finite(pages.map((p) => p.ms)),
  readerable: finite(pages.map((p) => p.readerableMs)),
  oursOnce: finite(pages.map((p) => p.msOnce)),
  readerableOnce: finite(pages.map((p) => p.readerableMsOnce)),
  readability: finite(pages.map((p) => p.readabilityMs)),
  oursAlone: finite(pages.map((p) => p.msAlone)),
  visitEveryNode: finite(pages.map((p) => p.visitEveryNodeMs)),
  paragraphFirst: finite(pages.map((p) => p.paragraphFirstMs)),
};
const answers = {
  ours: pages.map((p) => [p.labelIsArticle, p.isArticle]),
  readerable: pages.map((p) => [p.labelIsArticle, p.readerable]),
};
const withBody = pages.filter((p) => p.hasBody).length;
const placeable = pages.filter((p) => p.placeable).length;
const placedRight = pages.filter((p) => p.placedRight).length;

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
detectors.ours.placedRightOfPlaceable = placedRight / placeable;
detectors.ours.placeableShare = placeable / withBody;
detectors.ours.medianMsAlone = percentile(timings.oursAlone, 50);
for (const name of ['ours', 'readerable']) {
  detectors[name].medianMsOnce = percentile(timings[`${name}Once`], 50);
  detectors[name].p95MsOnce = percentile(timings[`${name}Once`], 95);
}
detectors.ours.medianRatioAlone = detectors.ours.medianMsAlone / detectors.readerable.medianMs;
const reference = {
  readabilityParseMedianMs: percentile(timings.readability, 50),
  readabilityParseP95Ms: percentile(timings.readability, 95),
  // What visiting every node costs in jsdom, before any detection: the floor of a node-by-node walk.
  visitEveryNodeMedianMs: percentile(timings.visitEveryNode, 50),
  // What reading the facts our page walk gathers costs paragraph first, with textContent rather
  // than text node by text node (test/bench/paragraph-first-read.ts), before any decision.
  paragraphFirstMedianMs: percentile(timings.paragraphFirst, 50),
};

const fmt = (n) => (Number.isFinite(n) ? n.toFixed(3) : '—');
const leftOut = labels.length - pages.length;
console.log(
  `${pages.length} pages, ${answers.ours.filter(([t]) => t).length} articles, ${withBody} with known body${leftOut > 0 ? ` (${leftOut} of ${labels.length} labelled left out: see above)` : ''}\n`,
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
  `placed right ${placedRight} of ${withBody}; no placement can score on ${withBody - placeable} (their page text lacks the saved body end), so at most ${fmt(placeable / withBody)}; of the ${placeable} whose body end is in the page text (the target's measure), ${fmt(detectors.ours.placedRightOfPlaceable)}`,
);
console.log(
  `times above: each page's median of 3 fresh parses; timed once beside the answers (after the page's parse and the last page's Readability.parse): moodmark median ${fmt(detectors.ours.medianMsOnce)} ms, p95 ${fmt(detectors.ours.p95MsOnce)}; isProbablyReaderable median ${fmt(detectors.readerable.medianMsOnce)} ms, p95 ${fmt(detectors.readerable.p95MsOnce)}; ratio ${fmt(detectors.ours.medianMsOnce / detectors.readerable.medianMsOnce)}`,
);
console.log(
  `moodmark alone on a fresh parse (first to touch the nodes): median ${fmt(detectors.ours.medianMsAlone)} ms, ratio ${fmt(detectors.ours.medianRatioAlone)}`,
);
console.log(
  `a walk that only visits every node (after readerable, as moodmark runs): median ${fmt(reference.visitEveryNodeMedianMs)} ms, ratio ${fmt(reference.visitEveryNodeMedianMs / detectors.readerable.medianMs)}`,
);
console.log(
  `our page walk's facts read paragraph first (after readerable, no decision): median ${fmt(reference.paragraphFirstMedianMs)} ms, ratio ${fmt(reference.paragraphFirstMedianMs / detectors.readerable.medianMs)}`,
);
console.log(
  `our median / Readability.parse median: ${fmt(detectors.ours.medianMs / reference.readabilityParseMedianMs)}`,
);
// The shared corpus is the target's measure; the repository's own pages are more sites to check.
const corpusOf = new Map(labels.map(({ dir, label }) => [label.id, relative(repoRoot, dir)]));
for (const dir of new Set(corpusOf.values())) {
  const inDir = pages.filter((p) => corpusOf.get(p.id) === dir);
  const { recall, fpr, fp, tn } = classify(inDir.map((p) => [p.labelIsArticle, p.isArticle]));
  const placeableInDir = inDir.filter((p) => p.placeable);
  const rightInDir = placeableInDir.filter((p) => p.placedRight).length;
  console.log(
    `${dir}: ${inDir.length} pages, recall ${fmt(recall)}, FPR ${fmt(fpr)} (${fp} of ${fp + tn}), placed ${rightInDir} of ${placeableInDir.length} placeable (${fmt(rightInDir / placeableInDir.length)})`,
  );
}
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
const withErrors = pages.filter((p) => p.errors);
if (withErrors.length > 0) {
  console.log(
    `steps that threw (answered as no article where the detector did): ${withErrors.map((p) => `${p.id} (${p.errors.join('; ')})`).join(', ')}`,
  );
}

const outDir = join(repoRoot, 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'detect.json'),
  JSON.stringify(
    {
      corpusPages: labels.length,
      scoredPages: pages.length,
      leftOut: failed,
      detectors,
      reference,
      pages: pages.map(
        ({
          hasBody,
          placeable,
          placedRight,
          msAlone,
          visitEveryNodeMs,
          paragraphFirstMs,
          ...page
        }) => page,
      ),
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote bench-results/detect.json`);
