// Benchmarks the history popup at 1,000, 10,000 and 100,000 votes in real Chromium (or Firefox
// ESR) with the built extension, side by side with a naive popup measured in the same run (read
// everything with getAll, sort and filter in memory, render), and writes
// bench-results/history.json (history-firefox.json for Firefox).
// Usage: npm run bench:history [-- --sizes 1000,10000 --runs 5 --browser firefox]
// Seeding writes straight to IndexedDB from the popup page (through puppeteer, never through a
// message the shipped extension answers), with the extension's own database module.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BROWSER_NAMES,
  extensionDirFor,
  gotoExtensionPage,
  launchWithExtension,
  REPO_ROOT,
} from '../e2e/launch.mjs';
import { buildSeeder, makeVotes } from './votes.mjs';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, runs: { type: 'string' }, browser: { type: 'string' } },
});
const BROWSER = values.browser ?? 'chromium';
if (!BROWSER_NAMES.includes(BROWSER)) {
  throw new Error(`--browser ${BROWSER}: one of ${BROWSER_NAMES.join(', ')}`);
}
const SIZES = (values.sizes ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(values.runs ?? 5);
/** Votes written per seeding transaction. */
const SEED_CHUNK = 5_000;
/** What the bench types, one keystroke at a time, and the reactions whose chips it clicks. */
const TYPED = 'harbour';
/** A word no title has, starting as many do (har…): the whole history's worst case for search. */
const RARE = 'harpoon';
/** Short words only, a common one typed first and one no title has a word starting with. */
const SHORT_RARE = 'ha q';
const CHIPS = ['sad', 'love', 'wow', 'like', 'angry'];
/** Pause after seeding, per 1,000 votes written. */
const SETTLE_MS_PER_1000_VOTES = 150;
/** Rows the naive popup renders, as many as the real one's first page. */
const NAIVE_ROWS = 40;
/** Rows scrolled into the list before a row near their end is removed and its removal undone. */
const UNDO_DEPTH = 2_000;
/** Rows loaded before the arrow keys are timed: each press once read every row loaded. */
const ARROW_DEPTH = 20_000;
/** Rows scrolled into the list per evaluate (showRows). */
const SCROLL_STEP_ROWS = 2_000;
/** Arrow presses timed, Down and Up in turn. */
const ARROW_PRESSES = 40;

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const round = (ms) => Math.round(ms * 10) / 10;

const seederCode = await buildSeeder();

/** Runs in the page: opens (or creates) the naive popup's store, plain and without indexes. */
function openNaive() {
  return new Promise((done, fail) => {
    const request = indexedDB.open('naive-bench', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('votes', { keyPath: 'key' });
    request.onsuccess = () => done(request.result);
    request.onerror = () => fail(request.error);
  });
}

/** Replaces both histories with `count` votes, one evaluate per chunk; returns ms spent seeding ours. */
async function seed(page, count) {
  const now = Date.now();
  await page.evaluate(
    async (code, openNaiveSource) => {
      if (!globalThis.moodmarkBench) (0, eval)(code);
      globalThis.openNaive = (0, eval)(`(${openNaiveSource})`);
      const db = await moodmarkBench.openVoteDatabase();
      await moodmarkBench.clearVotes(db, Date.now());
      db.close();
      const naive = await openNaive();
      await new Promise((done) => {
        const tx = naive.transaction('votes', 'readwrite');
        tx.objectStore('votes').clear();
        tx.oncomplete = done;
      });
      naive.close();
    },
    seederCode,
    openNaive.toString(),
  );
  let seededMs = 0;
  for (let from = 0; from < count; from += SEED_CHUNK) {
    seededMs += await page.evaluate(
      async (makeVotesSource, from, to, now) => {
        const makeVotes = (0, eval)(`(${makeVotesSource})`);
        const votes = makeVotes(from, to, now);
        const started = performance.now();
        const db = await moodmarkBench.openVoteDatabase();
        await moodmarkBench.mergeVotes(db, votes);
        db.close();
        const ms = performance.now() - started;
        const naive = await openNaive();
        await new Promise((done, fail) => {
          const tx = naive.transaction('votes', 'readwrite');
          for (const vote of votes) tx.objectStore('votes').put(vote);
          tx.oncomplete = done;
          tx.onerror = () => fail(tx.error);
        });
        naive.close();
        return ms;
      },
      makeVotes.toString(),
      from,
      Math.min(count, from + SEED_CHUNK),
      now,
    );
  }
  return seededMs;
}

/** Runs in the page: the naive popup's work for one view, timed. */
async function naiveView(page, kind, rows) {
  return page.evaluate(
    async (kind, rows, typed) => {
      const started = performance.now();
      const db = await openNaive();
      let votes = await new Promise((done, fail) => {
        const request = db.transaction('votes').objectStore('votes').getAll();
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      db.close();
      if (kind === 'search') {
        votes = votes.filter((v) => `${v.title} ${v.site}`.toLowerCase().includes(typed));
      } else if (kind === 'filter') {
        votes = votes.filter((v) => v.reaction === 'sad');
      }
      votes.sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? 1 : -1));
      if (kind === 'export') {
        const text = JSON.stringify({ format: 'moodmark-history', version: 1, votes });
        URL.revokeObjectURL(URL.createObjectURL(new Blob([text])));
      } else {
        const list = document.createElement('ol');
        for (const vote of votes.slice(0, rows)) {
          const item = document.createElement('li');
          const link = document.createElement('a');
          link.href = vote.url;
          link.textContent = vote.title;
          item.append(
            vote.reaction,
            link,
            `${vote.site} · ${new Date(vote.updatedAt).toLocaleTimeString()}`,
          );
          list.append(item);
        }
        document.body.append(list);
        list.getBoundingClientRect();
        list.remove();
      }
      return performance.now() - started;
    },
    kind,
    rows,
    TYPED,
  );
}

/**
 * Runs in the popup, from a script of its own before its first (the bench's copy of the build
 * only): notes when the first history row is in the DOM. Firefox runs no preload script
 * (evaluateOnNewDocument) in an extension page, so both browsers get it this way.
 */
function noteFirstRows() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('#history li.history-entry')) {
      window.firstRowsAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
const FIRST_ROWS_SCRIPT = 'bench-first-rows.js';

/** Adds noteFirstRows to the popup of the build copied to `dir`, as its first script. */
function addFirstRowsNote(dir) {
  writeFileSync(join(dir, FIRST_ROWS_SCRIPT), `(${noteFirstRows})();\n`);
  const html = join(dir, 'popup.html');
  const page = readFileSync(html, 'utf8');
  const first = '<script src="popup-head.js"></script>';
  if (!page.includes(first)) throw new Error(`popup.html lacks ${first}`);
  writeFileSync(html, page.replace(first, `<script src="${FIRST_ROWS_SCRIPT}"></script>${first}`));
}

/** From navigation start to the first history row in the DOM, as the page itself measures it. */
async function openPopupTimed(session) {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 380, height: 600 });
  await gotoExtensionPage(page, session.popupUrl);
  await page.waitForSelector('body[data-ready]');
  // domInteractive: the page is parsed and its deferred script about to run; what follows is
  // the popup's own work (ask, read, render), comparable to the naive popup's in-page work.
  const { firstRows, parsed } = await page.evaluate(() => ({
    firstRows: window.firstRowsAt,
    parsed: performance.getEntriesByType('navigation')[0].domInteractive,
  }));
  return { page, firstRows, parsed };
}

/** Runs in the page: performs `act` and resolves with the ms until the list has settled. */
async function timeListUpdate(page, act, argument) {
  return page.evaluate(
    async (actSource, argument) => {
      const list = document.querySelector('#history');
      const act = (0, eval)(`(${actSource})`);
      const started = performance.now();
      // Settled: aria-busy was set for the new request and has been removed since.
      const settled = new Promise((done) => {
        let sawBusy = false;
        const observer = new MutationObserver((records) => {
          if (records.some((record) => record.oldValue === null)) sawBusy = true;
          if (sawBusy && !list.hasAttribute('aria-busy')) {
            observer.disconnect();
            done(performance.now() - started);
          }
        });
        observer.observe(list, {
          attributes: true,
          attributeFilter: ['aria-busy'],
          attributeOldValue: true,
        });
      });
      act(argument);
      return settled;
    },
    act.toString(),
    argument,
  );
}

const typeKey = (value) => {
  const search = document.querySelector('#search');
  search.value = value;
  search.dispatchEvent(new Event('input', { bubbles: true }));
};
const clickChip = (reaction) => {
  document.querySelector(`#filters .chip[data-reaction="${reaction}"]`).click();
};

/** Runs in the page: scrolls to the list's end until it shows `rows` rows (or all there are). */
async function scrollUntilShown(rows) {
  const shown = () => document.querySelectorAll('#history li.history-entry').length;
  for (let idle = 0; shown() < rows && idle < 100;) {
    const before = shown();
    document.querySelector('#history-more').scrollIntoView();
    await new Promise((done) => setTimeout(done, 20));
    idle = shown() === before ? idle + 1 : 0;
  }
  return shown();
}

/**
 * Runs in the page: removes the row `depth` rows down and resolves with the ms until Undo is
 * offered (the row gone).
 */
async function removeRowAt(depth) {
  const rows = document.querySelectorAll('#history li.history-entry');
  const started = performance.now();
  rows[Math.min(depth, rows.length) - 1].querySelector('.history-remove').click();
  const undo = document.querySelector('#snackbar');
  while (undo.hidden) await new Promise((done) => setTimeout(done, 1));
  return performance.now() - started;
}

/**
 * Scrolls the popup's list until it shows `rows` rows (or all there are), a few thousand rows per
 * evaluate: one evaluate for 20,000 outlasted the protocol's timeout on a busy machine.
 */
async function showRows(page, rows) {
  let target = 0;
  for (;;) {
    target = Math.min(rows, target + SCROLL_STEP_ROWS);
    const shown = await page.evaluate(scrollUntilShown, target);
    if (shown < target || target === rows) return shown;
  }
}

const clickUndo = () => document.querySelector('#snackbar-undo').click();

/**
 * Runs in the page: the ms each of `presses` Down and Up presses takes, from a title halfway down
 * the rows loaded, until the row focused is laid out (focus scrolls it into view).
 */
async function timeArrowKeys(presses) {
  const rows = document.querySelectorAll('#history li.history-entry');
  rows[Math.floor(rows.length / 2)].querySelector('.history-title').focus();
  const times = [];
  for (let i = 0; i < presses; i++) {
    const from = document.activeElement;
    const key = i % 2 === 0 ? 'ArrowDown' : 'ArrowUp';
    const started = performance.now();
    from.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    document.activeElement.getBoundingClientRect();
    times.push(performance.now() - started);
    if (document.activeElement === from) throw new Error(`${key} did not move focus`);
    await new Promise((done) => setTimeout(done, 0));
  }
  return times;
}

/**
 * Runs in the page: Clear all, confirmed, timed until the list shows the empty history (the clear
 * done and the list read again).
 */
async function timeClearAll() {
  const started = performance.now();
  document.querySelector('#clear-all').click();
  const dialog = document.querySelector('#confirm-clear');
  dialog.returnValue = 'confirm';
  dialog.close('confirm');
  const empty = document.querySelector('#history-empty');
  while (empty.hidden) await new Promise((done) => setTimeout(done, 5));
  return performance.now() - started;
}

async function timeExport(page) {
  return page.evaluate(async () => {
    const original = HTMLAnchorElement.prototype.click;
    let done;
    const downloaded = new Promise((resolve) => (done = resolve));
    // Record the download instead of saving a file.
    HTMLAnchorElement.prototype.click = function () {
      done(this.href);
    };
    const started = performance.now();
    document.querySelector('#export-json').click();
    await downloaded;
    const ms = performance.now() - started;
    HTMLAnchorElement.prototype.click = original;
    return ms;
  });
}

const results = [];
// A private copy of the build: a rebuild of dist/ during the minutes this runs must not pull
// the extension's files from under the browser.
const extensionDir = mkdtempSync(join(tmpdir(), 'moodmark-bench-'));
cpSync(extensionDirFor(BROWSER), extensionDir, { recursive: true });
addFirstRowsNote(extensionDir);
const session = await launchWithExtension({ browserName: BROWSER, extensionDir });
try {
  const seedPage = await session.openPopup();
  for (const size of SIZES) {
    const seedMs = await seed(seedPage, size);
    console.error(`seeded ${size} votes in ${Math.round(seedMs)} ms`);
    // Let the storage engine finish compacting what was just written (minutes of writes at
    // 100,000 votes), and open the popup once unmeasured, so timings are of a settled profile.
    await new Promise((done) => setTimeout(done, SETTLE_MS_PER_1000_VOTES * (size / 1000)));
    await (await openPopupTimed(session)).page.close();

    const firstRows = [];
    const parsed = [];
    let page;
    for (let run = 0; run < RUNS * 2; run++) {
      await page?.close();
      const opened = await openPopupTimed(session);
      page = opened.page;
      firstRows.push(opened.firstRows);
      parsed.push(opened.parsed);
    }
    const search = [];
    for (let run = 0; run < Math.max(1, Math.floor(RUNS / 2)); run++) {
      await page.evaluate(typeKey, '');
      await new Promise((done) => setTimeout(done, 100));
      for (let i = 1; i <= TYPED.length; i++) {
        search.push(await timeListUpdate(page, typeKey, TYPED.slice(0, i)));
      }
    }
    const rare = [];
    for (let run = 0; run < Math.max(1, Math.floor(RUNS / 2)); run++) {
      await page.evaluate(typeKey, '');
      await new Promise((done) => setTimeout(done, 100));
      rare.push(await timeListUpdate(page, typeKey, RARE));
    }
    const shortRare = [];
    for (let run = 0; run < Math.max(1, Math.floor(RUNS / 2)); run++) {
      await page.evaluate(typeKey, '');
      await new Promise((done) => setTimeout(done, 100));
      shortRare.push(await timeListUpdate(page, typeKey, SHORT_RARE));
    }
    await page.evaluate(typeKey, '');
    await new Promise((done) => setTimeout(done, 100));
    const filter = [];
    for (const reaction of CHIPS) {
      filter.push(await timeListUpdate(page, clickChip, reaction));
      filter.push(await timeListUpdate(page, clickChip, reaction)); // toggles back to all
    }
    // Undo far down a long list: the removed row comes back where it was, the rows above kept.
    const undo = [];
    let undoDepth = 0;
    if (size >= 10_000) {
      await page.evaluate(typeKey, '');
      await new Promise((done) => setTimeout(done, 100));
      undoDepth = await showRows(page, UNDO_DEPTH);
      for (let run = 0; run < RUNS; run++) {
        await page.evaluate(removeRowAt, undoDepth - 10);
        undo.push(await timeListUpdate(page, clickUndo));
      }
    }
    // The arrow keys with many rows loaded: their cost must not grow with the rows.
    let arrowRows = 0;
    let arrow = [];
    if (size >= 10_000) {
      arrowRows = await showRows(page, ARROW_DEPTH);
      arrow = await page.evaluate(timeArrowKeys, ARROW_PRESSES);
    }
    // Remove and Undo with every row of a long history loaded (or ARROW_DEPTH of them): an Undo
    // once read every row loaded again, 40 requests for 20,000.
    const removeFar = [];
    const undoFar = [];
    if (size >= 10_000) {
      for (let run = 0; run < RUNS; run++) {
        removeFar.push(await page.evaluate(removeRowAt, arrowRows - 10));
        undoFar.push(await timeListUpdate(page, clickUndo));
      }
    }
    const exportMs = [];
    for (let run = 0; run < Math.min(RUNS, 3); run++) exportMs.push(await timeExport(page));
    // Last, once: it empties our history (the naive popup keeps its own, read below).
    const clearMs = await page.evaluate(timeClearAll);
    await page.close();

    const naive = {};
    for (const kind of ['first', 'search', 'filter', 'export']) {
      const times = [];
      for (let run = 0; run < Math.min(RUNS, 3); run++) {
        times.push(await naiveView(seedPage, kind, NAIVE_ROWS));
      }
      naive[kind] = median(times);
    }
    // The naive popup's Undo: everything read again and as many rows drawn as were shown.
    const naiveUndo = [];
    for (let run = 0; undoDepth && run < Math.min(RUNS, 3); run++) {
      naiveUndo.push(await naiveView(seedPage, 'first', undoDepth));
    }
    results.push({
      size,
      seedMs: round(seedMs),
      firstRowsMs: round(median(firstRows)),
      pageParsedMs: round(median(parsed)),
      ownWorkToFirstRowsMs: round(median(firstRows.map((rows, i) => rows - parsed[i]))),
      searchKeystrokeMs: round(median(search)),
      searchKeystrokeMaxMs: round(Math.max(...search)),
      rareSearchMs: round(median(rare)),
      shortRareSearchMs: round(median(shortRare)),
      filterClickMs: round(median(filter)),
      filterClickMaxMs: round(Math.max(...filter)),
      exportMs: round(median(exportMs)),
      clearMs: round(clearMs),
      undoDepth,
      undoMs: undo.length ? round(median(undo)) : undefined,
      undoMaxMs: undo.length ? round(Math.max(...undo)) : undefined,
      arrowRows,
      removeFarMs: removeFar.length ? round(median(removeFar)) : undefined,
      removeFarMaxMs: removeFar.length ? round(Math.max(...removeFar)) : undefined,
      undoFarMs: undoFar.length ? round(median(undoFar)) : undefined,
      undoFarMaxMs: undoFar.length ? round(Math.max(...undoFar)) : undefined,
      arrowKeyMs: arrow.length ? Math.round(median(arrow) * 100) / 100 : undefined,
      arrowKeyMaxMs: arrow.length ? round(Math.max(...arrow)) : undefined,
      naive: {
        undoMs: naiveUndo.length ? round(median(naiveUndo)) : undefined,
        // The same page load, then the naive popup's work.
        firstRowsMs: round(median(parsed) + naive.first),
        workMs: round(naive.first),
        searchMs: round(naive.search),
        filterMs: round(naive.filter),
        exportMs: round(naive.export),
      },
    });
  }
} finally {
  await session.close();
  rmSync(extensionDir, { recursive: true, force: true });
}

const table = results.map((r) => ({
  votes: r.size.toLocaleString('en-US'),
  'first rows (own work)': `${r.firstRowsMs} (${r.ownWorkToFirstRowsMs}) ms`,
  'naive first (work)': `${r.naive.firstRowsMs} (${r.naive.workMs}) ms`,
  'first ×': `${round(r.naive.firstRowsMs / r.firstRowsMs)}×`,
  'search key (max)': `${r.searchKeystrokeMs} (${r.searchKeystrokeMaxMs}) ms`,
  'naive search': `${r.naive.searchMs} ms`,
  'search ×': `${round(r.naive.searchMs / r.searchKeystrokeMs)}×`,
  [`"${RARE}"`]: `${r.rareSearchMs} ms`,
  [`"${RARE}" ×`]: `${round(r.naive.searchMs / r.rareSearchMs)}×`,
  [`"${SHORT_RARE}"`]: `${r.shortRareSearchMs} ms`,
  [`"${SHORT_RARE}" ×`]: `${round(r.naive.searchMs / r.shortRareSearchMs)}×`,
  'filter (max)': `${r.filterClickMs} (${r.filterClickMaxMs}) ms`,
  'naive filter': `${r.naive.filterMs} ms`,
  'filter ×': `${round(r.naive.filterMs / r.filterClickMs)}×`,
  export: `${r.exportMs} ms`,
  'naive export': `${r.naive.exportMs} ms`,
  'clear all': `${r.clearMs} ms`,
  [`undo ${UNDO_DEPTH.toLocaleString('en-US')} down (max)`]: r.undoMs
    ? `${r.undoMs} (${r.undoMaxMs}) ms`
    : '–',
  'naive undo': r.naive.undoMs ? `${r.naive.undoMs} ms` : '–',
  'undo ×': r.undoMs ? `${round(r.naive.undoMs / r.undoMs)}×` : '–',
  [`× ${ARROW_DEPTH.toLocaleString('en-US')} loaded (max)`]: r.removeFarMs
    ? `${r.removeFarMs} (${r.removeFarMaxMs}) ms`
    : '–',
  [`undo ${ARROW_DEPTH.toLocaleString('en-US')} loaded (max)`]: r.undoFarMs
    ? `${r.undoFarMs} (${r.undoFarMaxMs}) ms`
    : '–',
  'arrow key (max)': r.arrowKeyMs
    ? `${r.arrowKeyMs} (${r.arrowKeyMaxMs}) ms, ${r.arrowRows.toLocaleString('en-US')} rows`
    : '–',
}));
console.table(table);

const at = (size) => results.find((r) => r.size === size);
const growth =
  at(10_000) && at(100_000)
    ? {
        firstRows10kTo100k: round(at(100_000).firstRowsMs / at(10_000).firstRowsMs),
        logarithmicBound: round(Math.log(100_000) / Math.log(10_000)),
      }
    : undefined;
if (growth) {
  console.log(
    `first rows 10k → 100k: ×${growth.firstRows10kTo100k} (logarithmic would be ×${growth.logarithmicBound})`,
  );
}
console.log(
  'First rows: from navigation start; "own work" from the parsed page (domInteractive) on. Naive ' +
    'first rows = the same page load + in-page getAll, sort, render. Search and filter times ' +
    'include the 40 ms typing debounce (search) and rendering; naive ones are in-page work only. ' +
    `"${RARE}" matches no title but starts like many: the search reads all their terms. ` +
    `"${SHORT_RARE}": short words only, the first common, the last starting no word. Undo: ` +
    `a row ${UNDO_DEPTH.toLocaleString('en-US')} rows down removed, then Undo clicked, until the ` +
    'list has settled; naive undo = in-page getAll, sort and as many rows rendered. Arrow key: ' +
    `Down or Up on a row halfway down ${ARROW_DEPTH.toLocaleString('en-US')} rows loaded (or ` +
    'all there are), until the row focused is laid out. × and undo … loaded: a row near the end ' +
    `of ${ARROW_DEPTH.toLocaleString('en-US')} rows loaded (or all there are) removed until Undo is ` +
    'offered, then Undo clicked until the list has settled. Clear all: from the press, confirmed, ' +
    'until the list shows the empty history.',
);

const outDir = join(REPO_ROOT, 'bench-results');
const outFile = BROWSER === 'chromium' ? 'history.json' : `history-${BROWSER}.json`;
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, outFile),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      browser: BROWSER,
      runs: RUNS,
      typed: TYPED,
      searchDebounceIncluded: true,
      results,
      growth,
    },
    null,
    2,
  )}\n`,
);
console.log(`Wrote bench-results/${outFile}`);
