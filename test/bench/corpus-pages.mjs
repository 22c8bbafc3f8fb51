// What the detection bench and trainer share: the labelled corpora, their sites, and a bundle of
// the TypeScript under test.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The corpus folders: the shared corpus beside the repository and the repository's own pages, or
 * only `dir` when one is given (its `pages` folder where it has one, as the shared corpus does).
 */
export function corpusDirs(dir) {
  if (dir) {
    const path = resolve(repoRoot, dir);
    return [existsSync(join(path, 'pages')) ? join(path, 'pages') : path];
  }
  return [resolve(repoRoot, '../shared/corpus/pages'), join(repoRoot, 'test/corpus/pages')].filter(
    (path) => existsSync(path),
  );
}

/**
 * Bundles `exportLines` (TypeScript `export … from './src/…'` lines, resolved from the repository
 * root) next to node_modules, so their external imports (jsdom) resolve, and imports the bundle.
 */
export async function buildBundle(name, exportLines) {
  const bundlePath = join(repoRoot, `node_modules/.cache/moodmark-bench/${name}.mjs`);
  await build({
    stdin: { contents: exportLines.join('\n'), resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: bundlePath,
    logLevel: 'warning',
  });
  return pathToFileURL(bundlePath).href;
}

/**
 * Pages one worker reads before it ends. Each page is parsed five times (the timings, Readability's
 * copy, ours alone, the two floors), and a closed jsdom window keeps its memory until the worker
 * ends: 100 pages a worker ran out of a 2 GB heap (the default where memory is 8 GB), 25 do not.
 */
const PAGES_PER_WORKER = 25;

/**
 * Bytes of saved pages one worker reads before it ends, so that a batch of large pages fits the
 * same heap as 25 ordinary ones (the shared corpus's pages average 200 KB; one of 5 MB, parsed
 * five times, alone took 650 MB).
 */
const PAGE_BYTES_PER_WORKER = 8_000_000;

/**
 * How long one page may hold a worker that reports the page it is on. jsdom parses deep markup in
 * time quadratic in its depth (20,000 nested elements: over two minutes), and one such page must
 * not hold the whole run.
 */
export const PAGE_TIME_LIMIT_MS = 120_000;

/** Splits `pages` into batches of at most {@link PAGES_PER_WORKER} and about {@link PAGE_BYTES_PER_WORKER}. */
export function batchPages(pages, bytesOf = pageBytes) {
  const batches = [];
  let batch = [];
  let bytes = 0;
  for (const page of pages) {
    const size = bytesOf(page);
    if (
      batch.length > 0 &&
      (batch.length >= PAGES_PER_WORKER || bytes + size > PAGE_BYTES_PER_WORKER)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(page);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function pageBytes({ dir, label }) {
  try {
    return statSync(join(dir, label.id, 'page.html')).size;
  } catch {
    return 0;
  }
}

/**
 * Runs `workerFile` (a module beside this one) on `pages` ({ dir, label } each), a batch at a time
 * ({@link batchPages}), one worker after the other, and returns what the workers post back, in
 * order. A jsdom window keeps memory even once closed: a worker that ends frees it all, so any
 * number of pages fits in Node's default heap.
 *
 * A worker may post `{ page: id }` as it starts on each page. Then, given `onPageFailed`, a page
 * that crashes its worker (a stack overflow in native code, the heap exhausted) or holds it past
 * `pageTimeLimitMs` is passed to `onPageFailed(page, reason)` and left out, and the rest of its
 * batch runs again without it; a crash is first retried on the page alone, since a batch's heap
 * may have been full of other pages. Otherwise a failed worker rejects the run.
 */
export async function runInWorkers(
  workerFile,
  pages,
  data,
  { onPageFailed, pageTimeLimitMs = PAGE_TIME_LIMIT_MS } = {},
) {
  const results = [];
  const queue = batchPages(pages);
  while (queue.length > 0) {
    const batch = queue.shift();
    const outcome = await runWorker(workerFile, batch, data, onPageFailed ? pageTimeLimitMs : 0);
    if (outcome.results) {
      results.push(...outcome.results);
      continue;
    }
    const failed = onPageFailed && batch.find((page) => page.label.id === outcome.pageId);
    if (!failed) throw outcome.error;
    const rest = batch.filter((page) => page !== failed);
    if (outcome.timedOut || batch.length === 1) onPageFailed(failed, outcome.error.message);
    else queue.unshift([failed]);
    if (rest.length > 0) queue.unshift(rest);
  }
  return results;
}

/** One worker on one batch: its results, or the error and the page it was on when it failed. */
function runWorker(workerFile, batch, data, pageTimeLimitMs) {
  const worker = new Worker(new URL(workerFile, import.meta.url), {
    workerData: { ...data, pages: batch },
  });
  return new Promise((resolvePromise) => {
    let results = null;
    let pageId = null;
    let timer = null;
    // A worker's error comes by another channel than its messages, and may come first: the page
    // it was on is known only once Node has delivered them all, which it does before 'exit'.
    let thrown = null;
    const fail = (error, timedOut = false) => {
      clearTimeout(timer);
      resolvePromise({ error, pageId, timedOut });
    };
    worker.on('message', (message) => {
      if (Array.isArray(message)) {
        results = message;
        return;
      }
      pageId = message.page;
      if (pageTimeLimitMs > 0 && !thrown) {
        clearTimeout(timer);
        timer = setTimeout(() => {
          worker.removeAllListeners('exit');
          worker.terminate();
          fail(new Error(`took over ${pageTimeLimitMs / 1000} s`), true);
        }, pageTimeLimitMs);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      thrown = error;
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (thrown) fail(thrown);
      else if (code === 0 && results) resolvePromise({ results });
      else fail(new Error(`worker exit ${code}`));
    });
  });
}

/**
 * The site a labelled page comes from, so cross-validation never splits one site's pages between
 * training and validation: its address's host, else its id without the date or number that tells
 * apart pages of one source (`fundus-de-Focus_2023_04_28`, `readability-ars-1`), else the domain
 * the id names (`htmldate-bayern.de.startseite`).
 */
export function siteOfLabel(label) {
  if (label.url) {
    const host = new URL(label.url).hostname.replace(/^www\./, '');
    if (host !== 'fakehost' && host !== 'example.com') return host;
  }
  const id = label.id.replace(/_\d{4}_\d\d_\d\d$/, '').replace(/-\d+$/, '');
  const domain = /^[a-z]+-([\w-]+\.[a-z]{2,})(?:\.|$)/i.exec(id);
  return domain ? domain[1] : id;
}

/** Parses one page with the bundle's `parseCorpusPage`, or reports it and returns null: a bench must survive a bad page. */
export function parsePageOrSkip(lib, dir, label) {
  try {
    return lib.parseCorpusPage(dir, label);
  } catch (error) {
    console.error(`${label.id}: could not parse (${error.message})`);
    return null;
  }
}
