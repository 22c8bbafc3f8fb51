// Fits the article decision (gradient-boosted shallow trees over the named signals of
// src/core/detect/signals) on the labelled corpora, prints site-grouped cross-validation beside the
// rule-based detector and Firefox Reader View's isProbablyReaderable on the same folds, and writes
// the table fitted on all pages to src/core/detect/weights.ts and its answers on a few pages to
// test/core/detect/trained-decisions.json.
// Usage: npm run train:detect [-- --corpus DIR] [--folds N] [--trees N] [--depth N]
//        [--learning-rate X] [--l2 X] [--min-leaf N] [--non-article-share X]
//        [--dry-run (write nothing)] [--reuse (the pages read by the last run)]
//        [--list-errors (each page the validation folds got wrong)]
//        [--tune (nested cross-validation: each outer fold picks its learning rate and
//        non-article share from TUNING_GRID by --inner-folds N site-grouped folds of its own
//        training pages, default 3, then is scored with them: a forecast no setting was picked on)]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle, corpusDirs, repoRoot, runInWorkers, siteOfLabel } from './corpus-pages.mjs';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    folds: { type: 'string', default: '5' },
    'dry-run': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    trees: { type: 'string', default: '500' },
    depth: { type: 'string', default: '1' },
    'learning-rate': { type: 'string', default: '0.05' },
    l2: { type: 'string', default: '3' },
    'min-leaf': { type: 'string', default: '10' },
    'non-article-share': { type: 'string', default: '0.35' },
    'list-errors': { type: 'boolean', default: false },
    tune: { type: 'boolean', default: false },
    'inner-folds': { type: 'string', default: '3' },
  },
});
const FOLDS = Number(args.folds);
/** Trees in the ensemble, and questions from a tree's root to its leaves. */
const TREES = Number(args.trees);
const DEPTH = Number(args.depth);
/**
 * Share of its Newton step each tree adds: small steps let later trees correct earlier ones. At 0.1
 * the 500 trees fitted the training sites past what the validation sites rewarded.
 */
const LEARNING_RATE = Number(args['learning-rate']);
/** L2 penalty on leaf values (in pages' weight): a leaf few pages reach stays near 0. */
const L2 = Number(args.l2);
/** Fewest pages a leaf may hold: no question is asked to set one or two pages apart. */
const MIN_LEAF = Number(args['min-leaf']);
/**
 * The share of the total sample weight the non-articles carry (they are far fewer than articles).
 * At 0.3 the validation folds gave more false toolbars and found no more articles.
 */
const NON_ARTICLE_SHARE = Number(args['non-article-share']);
/** The fitting settings given on the command line: those of the written table. */
const SETTINGS = {
  learningRate: LEARNING_RATE,
  nonArticleShare: NON_ARTICLE_SHARE,
  minLeaf: MIN_LEAF,
};
/** The settings --tune chooses among, around the defaults (kept small: each costs a fit per inner fold). */
const TUNING_GRID = [0.03, 0.05, 0.1].flatMap((learningRate) =>
  [0.3, 0.35, 0.4].map((nonArticleShare) => ({ learningRate, nonArticleShare, minLeaf: MIN_LEAF })),
);

const bundle = await buildBundle('train', [
  "export { measureSignals } from './src/core/detect/detect-by-signals.ts';",
  "export { SIGNAL_NAMES } from './src/core/detect/signals/index.ts';",
  "export { readPageAddresses } from './src/core/detect/page-addresses.ts';",
  "export { detectArticle } from './src/core/detect-article.ts';",
  "export * from './test/support/placement.ts';",
  "export * from './test/support/corpus.ts';",
]);
const lib = await import(bundle);
const names = lib.SIGNAL_NAMES;

/**
 * The way each signal points, as its doc comment says (+1: more of it, more of an article; -1: less):
 * a tree may only split on it that way, so a few training pages cannot teach, say, that a longer
 * body makes a page less of an article. Signals not listed may point either way.
 */
const DIRECTION = {
  bodyLength: 1,
  bodyTextShare: 1,
  longParagraphs: 1,
  declaresArticle: 1,
  openGraphArticle: 1,
  articleMarkup: 1,
  declaresNonArticle: -1,
  publishedDate: 1,
  listingAddress: -1,
  siteInfoPage: -1,
  referencePage: -1,
  addressSlugWords: 1,
  numberedAddress: 1,
  sectionAddress: -1,
  headlineWords: 1,
  anyArticleDeclaration: 1,
  legalTitle: -1,
  teaserList: -1,
  headedSnippets: -1,
  playerBesideLittleText: -1,
  mediaPage: -1,
  entryList: -1,
  siteMenuPage: -1,
  productOffer: -1,
  signedPosts: -1,
  anyNonArticleMark: -1,
  unvouchedNonArticleMark: -1,
};

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

/**
 * Fits the trees on `train` rows (those with paragraphs): logistic loss, each class carrying a set
 * share of the weight, each tree grown greedily by Newton gain (XGBoost's) on the loss left.
 */
function fit(train, settings = SETTINGS) {
  const { learningRate, nonArticleShare } = settings;
  const usable = train.filter((row) => row.x);
  const y = usable.map((row) => (row.isArticle ? 1 : 0));
  const positives = y.filter(Boolean).length;
  // Weights sum to the number of pages; the few non-articles count as much as the many articles.
  const sampleWeight = y.map((t) =>
    t
      ? ((1 - nonArticleShare) * y.length) / positives
      : (nonArticleShare * y.length) / (y.length - positives),
  );
  const base = Math.log((1 - nonArticleShare) / nonArticleShare);
  const margin = usable.map(() => base);
  const trees = [];
  for (let t = 0; t < TREES; t++) {
    const g = usable.map((_, i) => sampleWeight[i] * (sigmoid(margin[i]) - y[i]));
    const h = usable.map((_, i) => {
      const p = sigmoid(margin[i]);
      return sampleWeight[i] * Math.max(p * (1 - p), 1e-6);
    });
    const tree = [];
    grow(tree, { usable, g, h, learningRate, minLeaf: settings.minLeaf }, [...usable.keys()], 0);
    trees.push(tree);
    usable.forEach((row, i) => (margin[i] += treeValue(tree, row.x)));
  }
  return { base, trees };
}

/**
 * Adds to `tree` the node for rows `indices` (and its subtree); returns its index. A row whose value
 * of a signal is unknown (null: a saved page's placeholder address) goes the way that gains most,
 * as XGBoost's default direction; live pages always have every value, so the table omits it.
 */
function grow(tree, step, indices, depth) {
  const { usable, g, h, learningRate, minLeaf } = step;
  const G = sum(indices.map((i) => g[i]));
  const H = sum(indices.map((i) => h[i]));
  const index = tree.length;
  tree.push({ value: (-G / (H + L2)) * learningRate });
  if (depth === DEPTH || indices.length < 2 * minLeaf) return index;
  const parentGain = (G * G) / (H + L2);
  let best = null;
  for (let j = 0; j < names.length; j++) {
    const known = indices.filter((i) => usable[i].x[j] !== null);
    const unknown = indices.filter((i) => usable[i].x[j] === null);
    const gu = sum(unknown.map((i) => g[i]));
    const hu = sum(unknown.map((i) => h[i]));
    const sorted = known.sort((a, b) => usable[a].x[j] - usable[b].x[j]);
    let gk = 0;
    let hk = 0;
    for (let k = 0; k < sorted.length - 1; k++) {
      gk += g[sorted[k]];
      hk += h[sorted[k]];
      const here = usable[sorted[k]].x[j];
      const next = usable[sorted[k + 1]].x[j];
      if (here === next) continue;
      for (const unknownBelow of unknown.length > 0 ? [true, false] : [true]) {
        const below = k + 1 + (unknownBelow ? unknown.length : 0);
        if (below < minLeaf || indices.length - below < minLeaf) continue;
        const gl = gk + (unknownBelow ? gu : 0);
        const hl = hk + (unknownBelow ? hu : 0);
        // Against the signal's direction: the side of higher values would score lower.
        const rise = gl / (hl + L2) - (G - gl) / (H - hl + L2);
        if ((DIRECTION[names[j]] ?? 0) * rise < 0) continue;
        const gain = (gl * gl) / (hl + L2) + ((G - gl) * (G - gl)) / (H - hl + L2) - parentGain;
        if (gain > 1e-9 && (!best || gain > best.gain)) {
          best = { gain, j, threshold: (here + next) / 2, unknownBelow };
        }
      }
    }
  }
  if (!best) return index;
  const node = tree[index];
  node.signal = names[best.j];
  node.threshold = best.threshold;
  node.unknownBelow = best.unknownBelow;
  const goesBelow = (i) => {
    const value = usable[i].x[best.j];
    return value === null ? best.unknownBelow : value < best.threshold;
  };
  node.below = grow(tree, step, indices.filter(goesBelow), depth + 1);
  node.atOrAbove = grow(
    tree,
    step,
    indices.filter((i) => !goesBelow(i)),
    depth + 1,
  );
  return index;
}

/** What one tree adds for signal values `x`, as src/core/detect/decide.ts walks it. */
function treeValue(tree, x) {
  let node = tree[0];
  while (node.signal !== undefined) node = answer(tree, node, x);
  return node.value;
}

/** The node a question of `tree` leads to for signal values `x`. */
function answer(tree, node, x) {
  const value = x[names.indexOf(node.signal)];
  const below = value === null ? node.unknownBelow : value < node.threshold;
  return tree[below ? node.below : node.atOrAbove];
}

/** The detector's score for a row under `table`, as src/core/detect/decide.ts computes it. */
function score(table, row) {
  if (!row.x) return -Infinity;
  return table.base + sum(table.trees.map((tree) => treeValue(tree, row.x)));
}

function sum(list) {
  return list.reduce((a, b) => a + b, 0);
}
function avg(list) {
  return list.length ? list.reduce((a, b) => a + b, 0) / list.length : NaN;
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

/**
 * `count` folds of `list` by site, stratified: a site with non-articles goes to the fold with fewest
 * non-articles, an articles-only site to the fold with fewest articles.
 */
function foldsBySite(list, count) {
  const bySite = new Map();
  for (const row of list) {
    const site = bySite.get(row.site) ?? { name: row.site, pages: 0, others: 0 };
    site.pages++;
    if (!row.isArticle) site.others++;
    bySite.set(row.site, site);
  }
  const made = Array.from({ length: count }, () => ({ articles: 0, others: 0, sites: new Set() }));
  for (const site of [...bySite.values()].sort(
    (a, b) => b.others - a.others || b.pages - a.pages || (a.name < b.name ? -1 : 1),
  )) {
    const key = site.others > 0 ? 'others' : 'articles';
    const fold = made.reduce((best, f) => (f[key] < best[key] ? f : best));
    fold.articles += site.pages - site.others;
    fold.others += site.others;
    fold.sites.add(site.name);
  }
  return made;
}
const sites = new Set(rows.map((row) => row.site));
const folds = foldsBySite(rows, FOLDS);

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
// Only the trees are fitted without the validation fold's sites; the rules were written reading
// every page here, so their fold figures say how well they fit, not what unseen pages will show.
console.log('Expected on unseen pages (mean of the folds):');
console.log(line('  signals', meanOf(perFold.signals)));
console.log(line('  readerable', meanOf(perFold.readerable)));
console.log('Written on these pages, so a fit rather than a forecast (mean of the folds):');
console.log(line('  rules', meanOf(perFold.rules)));
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
if (args['list-errors']) {
  // The validation answers that were wrong, by page, beside the rules' answer on it.
  console.log('\nWrong in validation (signals; rules):');
  for (const row of rows) {
    const said = cvSaid.get(row);
    if (said === row.isArticle) continue;
    const kind = row.isArticle ? 'missed article' : 'false toolbar';
    console.log(`  ${kind.padEnd(15)} ${row.id} (${row.site}); rules ${row.rules ? 'yes' : 'no'}`);
  }
}

if (args.tune) tune();

/**
 * Of `grid`, the settings whose trees, fitted on each of `inner` site folds' other pages, answer
 * that fold's pages best: the highest mean of recall less false-toolbar rate, the first on a tie.
 */
function chooseSettings(train, inner) {
  const innerFolds = foldsBySite(train, inner);
  let best = null;
  for (const settings of TUNING_GRID) {
    const perInner = innerFolds.map((fold) => {
      const table = fit(
        train.filter((row) => !fold.sites.has(row.site)),
        settings,
      );
      const held = train.filter((row) => fold.sites.has(row.site));
      const f = figures(held, (row) => score(table, row) > 0, null);
      return f.recall - (Number.isFinite(f.falseToolbars) ? f.falseToolbars : 0);
    });
    const merit = avg(perInner);
    if (!best || merit > best.merit) best = { settings, merit };
  }
  return best;
}

/**
 * Nested cross-validation: each outer fold's settings are chosen on its training pages alone, so
 * its figures are a forecast for unseen sites that no choice of setting has seen either.
 */
function tune() {
  const inner = Number(args['inner-folds']);
  console.log(
    `\nNested cross-validation (--tune): settings chosen by ${inner} inner folds of each outer fold's training sites`,
  );
  console.log(`${'outer fold: rate share min-leaf'.padEnd(34)} recall  false    placed  pages`);
  const tuned = [];
  folds.forEach((fold, k) => {
    const train = rows.filter((row) => !fold.sites.has(row.site));
    const { settings } = chooseSettings(train, inner);
    const table = fit(train, settings);
    const validation = rows.filter((row) => fold.sites.has(row.site));
    const f = figures(validation, (row) => score(table, row) > 0, detectors.signals.placed);
    tuned.push(f);
    const chosen = `${settings.learningRate} ${settings.nonArticleShare} ${settings.minLeaf}`;
    console.log(line(`fold ${k + 1}: ${chosen}`, f));
  });
  console.log(line('Expected on unseen pages (mean)', meanOf(tuned)));
}

const table = fit(rows);
const fitted = figures(rows, (row) => score(table, row) > 0, detectors.signals.placed);
console.log(`\nTraining fit on all pages (not a forecast): ${line('', fitted).trim()}`);
// Each signal's share in the answers: the questions asked of it, and how far its answers moved the
// score on average over the pages (as decide.ts explains a page).
const usage = new Map(names.map((name) => [name, { questions: 0, moved: 0 }]));
for (const tree of table.trees) {
  for (const node of tree) if (node.signal !== undefined) usage.get(node.signal).questions++;
}
const usable = rows.filter((row) => row.x);
for (const row of usable) {
  for (const tree of table.trees) {
    let node = tree[0];
    while (node.signal !== undefined) {
      const next = answer(tree, node, row.x);
      usage.get(node.signal).moved += Math.abs(next.value - node.value) / usable.length;
      node = next;
    }
  }
}
console.log(`\n${table.trees.length} trees; per signal: questions asked, mean |contribution|`);
for (const [name, { questions, moved }] of usage) {
  console.log(`  ${name.padEnd(24)} ${String(questions).padStart(4)}   ${moved.toFixed(3)}`);
}

/**
 * The same decision in fewer trees: trees that ask the same questions in the same shape are summed
 * node by node (a page's score and each signal's contribution are sums, so nothing changes for the
 * detector, which meets no unknown value). Trees of one question leave one per signal and
 * threshold. The widest come first, so the detector can stop asking sooner.
 */
function mergeAlikeTrees({ base, trees }) {
  const merged = new Map();
  for (const tree of trees) {
    const shape = JSON.stringify(
      tree.map(({ signal, threshold, below, atOrAbove }) => [signal, threshold, below, atOrAbove]),
    );
    const sum = merged.get(shape);
    if (sum) tree.forEach((node, i) => (sum[i].value += node.value));
    else
      merged.set(
        shape,
        tree.map((node) => ({ ...node })),
      );
  }
  const spread = (tree) => {
    const leaves = tree.filter((node) => node.signal === undefined).map((node) => node.value);
    return Math.max(...leaves) - Math.min(...leaves);
  };
  return { base, trees: [...merged.values()].sort((a, b) => spread(b) - spread(a)) };
}

if (!args['dry-run']) {
  const round = (n) => Number(n.toPrecision(6));
  const written = mergeAlikeTrees(table);
  console.log(`\nwritten as ${written.trees.length} trees: those asking the same questions summed`);
  const rounded = {
    base: round(written.base),
    trees: written.trees.map((tree) =>
      tree.map((node) =>
        node.signal === undefined
          ? { value: round(node.value) }
          : { ...node, threshold: round(node.threshold), value: round(node.value) },
      ),
    ),
  };
  const nodeLine = (node) =>
    node.signal === undefined
      ? `{ value: ${node.value} }`
      : `{ signal: '${node.signal}', threshold: ${node.threshold}, below: ${node.below}, atOrAbove: ${node.atOrAbove}, value: ${node.value} }`;
  const weightsFile = join(repoRoot, 'src/core/detect/weights.ts');
  const prettier = await import('prettier');
  const weightsSource = [
    '// Generated by `npm run train:detect`: the decision, gradient-boosted trees fitted on the',
    `// labelled corpus (${rows.length} pages; ${table.trees.length} trees, those asking the same questions`,
    `// summed). Do not edit by hand; retrain instead.`,
    "import type { DecisionTable } from './decide';",
    '',
    'export const WEIGHTS: DecisionTable = {',
    `  base: ${rounded.base},`,
    '  trees: [',
    ...rounded.trees.flatMap((tree) => [
      '    [',
      ...tree.map((n) => `      ${nodeLine(n)},`),
      '    ],',
    ]),
    '  ],',
    '};',
    '',
  ].join('\n');
  writeFileSync(
    weightsFile,
    await prettier.format(weightsSource, {
      ...(await prettier.resolveConfig(weightsFile)),
      filepath: weightsFile,
    }),
  );
  // A few pages the test re-detects with the written table: the trainer's score and answer for each.
  // Pages with every value known: the detector never meets an unknown one.
  const known = rows.filter((row) => row.x && row.x.every((value) => value !== null));
  const sample = [
    ...known.filter((row) => row.isArticle).slice(0, 3),
    ...known.filter((row) => !row.isArticle).slice(0, 3),
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
