// Fits the article decision's weights (a logistic regression over the named signals of
// src/core/detect/signals) on the labelled corpora, prints site-grouped cross-validation beside the
// rule-based detector and Firefox Reader View's isProbablyReaderable on the same folds, and writes
// the weights fitted on all pages to src/core/detect/weights.ts.
// Usage: npm run train:detect [-- --corpus DIR] [--folds N] [--l2 X] [--non-article-share X]
//        [--dry-run (write nothing)] [--reuse (the pages read by the last run)]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle, corpusDirs, repoRoot, runInWorkers, siteOfLabel } from './corpus-pages.mjs';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    folds: { type: 'string', default: '5' },
    'dry-run': { type: 'boolean', default: false },
    l2: { type: 'string', default: '0.02' },
    reuse: { type: 'boolean', default: false },
    'non-article-share': { type: 'string', default: '0.5' },
  },
});
const FOLDS = Number(args.folds);
/** L2 penalty on the standardized weights, against the total sample weight (a mild prior toward 0). */
const L2 = Number(args.l2);
/** The share of the total sample weight the non-articles carry (they are far fewer than articles). */
const NON_ARTICLE_SHARE = Number(args['non-article-share']);
const ITERATIONS = 4000;
const LEARNING_RATE = 0.5;

const bundle = await buildBundle('train', [
  "export { measureSignals } from './src/core/detect/detect-by-signals.ts';",
  "export { SIGNAL_NAMES } from './src/core/detect/signals/index.ts';",
  "export { detectArticle } from './src/core/detect-article.ts';",
  "export * from './test/support/placement.ts';",
  "export * from './test/support/corpus.ts';",
]);
const lib = await import(bundle);
const names = lib.SIGNAL_NAMES;

// One row per page: signal values, label, site, and each detector's answer and placement.
const pages = corpusDirs(args.corpus).flatMap((dir) =>
  (lib.listCorpus(dir) ?? []).map((label) => ({ dir, label, site: siteOfLabel(label) })),
);
// --reuse fits again on the pages read by the last run (to compare fitting settings quickly).
const rowsCache = join(repoRoot, 'node_modules/.cache/moodmark-bench/train-rows.json');
const rows = args.reuse
  ? JSON.parse(readFileSync(rowsCache, 'utf8'))
  : await runInWorkers('./train-worker.mjs', pages, { bundle, names });
writeFileSync(rowsCache, JSON.stringify(rows));
if (rows.length === 0) {
  console.error('No corpus found; pass --corpus DIR.');
  process.exit(1);
}

/** Fits the weights on `train` rows (those with paragraphs): standardized, class-balanced, L2. */
function fit(train) {
  const usable = train.filter((row) => row.x);
  const d = names.length;
  const mean = names.map((_, j) => avg(usable.map((row) => row.x[j])));
  const sd = names.map(
    (_, j) => Math.sqrt(avg(usable.map((row) => (row.x[j] - mean[j]) ** 2))) || 1,
  );
  const min = names.map((_, j) => Math.min(...usable.map((row) => row.x[j])));
  const max = names.map((_, j) => Math.max(...usable.map((row) => row.x[j])));
  const z = usable.map((row) => row.x.map((v, j) => (v - mean[j]) / sd[j]));
  const y = usable.map((row) => (row.isArticle ? 1 : 0));
  const positives = y.filter(Boolean).length;
  // Each class carries a set share: a few non-articles must count against many articles.
  const sampleWeight = y.map((t) =>
    t ? (1 - NON_ARTICLE_SHARE) / positives : NON_ARTICLE_SHARE / (y.length - positives),
  );
  let w = new Array(d).fill(0);
  let b = 0;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const gw = w.map((wj) => L2 * wj);
    let gb = 0;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(b + dot(w, z[i]));
      const g = (p - y[i]) * sampleWeight[i];
      gb += g;
      for (let j = 0; j < d; j++) gw[j] += g * z[i][j];
    }
    b -= LEARNING_RATE * gb;
    w = w.map((wj, j) => wj - LEARNING_RATE * gw[j]);
  }
  // The table the detector reads: weights per raw unit, centred on the training means.
  return {
    bias: b,
    signals: Object.fromEntries(
      names.map((name, j) => [
        name,
        { weight: w[j] / sd[j], mean: mean[j], min: min[j], max: max[j] },
      ]),
    ),
  };
}

/** The detector's score for a row under `table`, as src/core/detect/decide.ts computes it. */
function score(table, row) {
  if (!row.x) return -Infinity;
  let s = table.bias;
  names.forEach((name, j) => {
    const { weight, mean, min, max } = table.signals[name];
    s += weight * (Math.min(max, Math.max(min, row.x[j])) - mean);
  });
  return s;
}

function avg(list) {
  return list.length ? list.reduce((a, b) => a + b, 0) / list.length : NaN;
}
function dot(a, b) {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}
function sigmoid(t) {
  return 1 / (1 + Math.exp(-t));
}

/** Recall, false-toolbar rate and placement of answers `said(row)` / `placed(row)` on `rows`. */
function figures(list, said, placed) {
  const articles = list.filter((row) => row.isArticle);
  const others = list.filter((row) => !row.isArticle);
  const placeable = articles.filter((row) => row.placeable);
  return {
    pages: list.length,
    recall: articles.filter(said).length / articles.length,
    falseToolbars: others.length ? others.filter(said).length / others.length : NaN,
    placed: placed
      ? placeable.filter((row) => said(row) && placed(row)).length / placeable.length
      : NaN,
  };
}

// Folds by site, stratified: a site with non-articles goes to the fold with fewest non-articles,
// an articles-only site to the fold with fewest articles.
const sites = new Map();
for (const row of rows) {
  const site = sites.get(row.site) ?? { name: row.site, pages: 0, others: 0 };
  site.pages++;
  if (!row.isArticle) site.others++;
  sites.set(row.site, site);
}
const folds = Array.from({ length: FOLDS }, () => ({ articles: 0, others: 0, sites: new Set() }));
for (const site of [...sites.values()].sort(
  (a, b) => b.others - a.others || b.pages - a.pages || (a.name < b.name ? -1 : 1),
)) {
  const key = site.others > 0 ? 'others' : 'articles';
  const fold = folds.reduce((best, f) => (f[key] < best[key] ? f : best));
  fold.articles += site.pages - site.others;
  fold.others += site.others;
  fold.sites.add(site.name);
}

const detectors = {
  signals: { said: null, placed: (row) => row.signalsPlaceRight },
  rules: { said: (row) => row.rules, placed: (row) => row.rulesPlaceRight },
  readerable: { said: (row) => row.readerable, placed: null },
};
const perFold = { signals: [], rules: [], readerable: [] };
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(3) : '  —  ');
const line = (label, f) =>
  `${label.padEnd(34)} ${fmt(f.recall)}   ${fmt(f.falseToolbars)}   ${fmt(f.placed)}   ${String(f.pages).padStart(5)}`;
console.log(
  `${rows.length} pages (${rows.filter((r) => r.isArticle).length} articles, ${rows.filter((r) => !r.isArticle).length} non-articles) from ${sites.size} sites; ${FOLDS} folds by site\n`,
);
console.log(`${'fold / detector'.padEnd(34)} recall  false    placed  pages`);
const cvSaid = new Map();
folds.forEach((fold, k) => {
  const validation = rows.filter((row) => fold.sites.has(row.site));
  const table = fit(rows.filter((row) => !fold.sites.has(row.site)));
  for (const row of validation) cvSaid.set(row, score(table, row) > 0);
  const said = { ...detectors, signals: { ...detectors.signals, said: (row) => cvSaid.get(row) } };
  for (const [name, d] of Object.entries(said)) {
    const f = figures(validation, d.said, d.placed);
    perFold[name].push(f);
    console.log(line(`fold ${k + 1} ${name}`, f));
  }
});
console.log('');
const meanOf = (list) => ({
  pages: list.reduce((a, f) => a + f.pages, 0),
  recall: avg(list.map((f) => f.recall)),
  falseToolbars: avg(list.map((f) => f.falseToolbars).filter(Number.isFinite)),
  placed: avg(list.map((f) => f.placed).filter(Number.isFinite)),
});
console.log('Expected on unseen pages (mean of the folds):');
for (const name of Object.keys(detectors)) console.log(line(`  ${name}`, meanOf(perFold[name])));
console.log('Pooled over all validation folds:');
console.log(
  line(
    '  signals',
    figures(rows, (row) => cvSaid.get(row), detectors.signals.placed),
  ),
);
console.log(
  line('  rules (not trained)', figures(rows, detectors.rules.said, detectors.rules.placed)),
);
console.log(line('  isProbablyReaderable', figures(rows, detectors.readerable.said, null)));

const table = fit(rows);
const fitted = figures(rows, (row) => score(table, row) > 0, detectors.signals.placed);
console.log(`\nTraining fit on all pages (not a forecast): ${line('', fitted).trim()}`);
console.log('\nWeights (per standard deviation of the signal):');
for (const name of names) {
  const { weight, min, max } = table.signals[name];
  const j = names.indexOf(name);
  const values = rows.filter((row) => row.x).map((row) => row.x[j]);
  const sd = Math.sqrt(avg(values.map((v) => (v - avg(values)) ** 2))) || 1;
  console.log(
    `  ${name.padEnd(24)} ${(weight * sd).toFixed(2).padStart(7)}   range ${fmt(min)}–${fmt(max)}`,
  );
}

if (!args['dry-run']) {
  const round = (n) => Number(n.toPrecision(6));
  const entries = names.map((name) => {
    const s = table.signals[name];
    return `    ${name}: { weight: ${round(s.weight)}, mean: ${round(s.mean)}, min: ${round(s.min)}, max: ${round(s.max)} },`;
  });
  writeFileSync(
    join(repoRoot, 'src/core/detect/weights.ts'),
    [
      '// Generated by `npm run train:detect`: the decision weights, fitted on the labelled corpus',
      `// (${rows.length} pages). Do not edit by hand; retrain instead.`,
      "import type { WeightTable } from './decide';",
      '',
      'export const WEIGHTS: WeightTable = {',
      `  bias: ${round(table.bias)},`,
      '  signals: {',
      ...entries,
      '  },',
      '};',
      '',
    ].join('\n'),
  );
  // A few pages the test re-detects with the written table: the trainer's score and answer for each.
  const rounded = {
    bias: round(table.bias),
    signals: Object.fromEntries(
      names.map((n) => [
        n,
        Object.fromEntries(Object.entries(table.signals[n]).map(([k, v]) => [k, round(v)])),
      ]),
    ),
  };
  const sample = [
    ...rows.filter((row) => row.x && row.isArticle).slice(0, 3),
    ...rows.filter((row) => row.x && !row.isArticle).slice(0, 3),
  ].map((row) => ({
    id: row.id,
    score: round(score(rounded, row)),
    isArticle: score(rounded, row) > 0,
  }));
  writeFileSync(
    join(repoRoot, 'test/core/detect/trained-decisions.json'),
    JSON.stringify(sample, null, 2) + '\n',
  );
  console.log('\nwrote src/core/detect/weights.ts and test/core/detect/trained-decisions.json');
}
