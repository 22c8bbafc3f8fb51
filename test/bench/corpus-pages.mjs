// What the detection bench and trainer share: the labelled corpora, their sites, and a bundle of
// the TypeScript under test.
import { existsSync } from 'node:fs';
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
 * Runs `workerFile` (a module beside this one) on `pages` ({ dir, label } each), a batch of
 * {@link PAGES_PER_WORKER} at a time, one worker after the other, and returns what the workers post
 * back, in order. A jsdom window keeps memory even once closed: a worker that ends frees it all, so
 * any number of pages fits in Node's default heap.
 */
export async function runInWorkers(workerFile, pages, data) {
  const results = [];
  for (let start = 0; start < pages.length; start += PAGES_PER_WORKER) {
    const batch = pages.slice(start, start + PAGES_PER_WORKER);
    const worker = new Worker(new URL(workerFile, import.meta.url), {
      workerData: { ...data, pages: batch },
    });
    await new Promise((resolvePromise, reject) => {
      worker.on('message', (message) => results.push(...message));
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 ? resolvePromise() : reject(new Error(`worker exit ${code}`)),
      );
    });
  }
  return results;
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
