// Backs up and restores a large history in real Chromium with the built extension: seeds
// 1,000,000 votes (straight into IndexedDB with the extension's own database module), exports
// them through the popup's "Export JSON", clears the history, imports the exported file through
// the popup's file input, and checks every record came back exactly. Reports the export and
// import times and the peak JS heap of the extension's worker and popup during each (sampled
// through the DevTools protocol), and writes bench-results/backup.json.
// Usage: npm run bench:backup [-- --votes 1000000]
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extensionDirFor, launchWithExtension, REPO_ROOT } from '../e2e/launch.mjs';
import { buildSeeder, makeVotes } from './votes.mjs';

const { values } = parseArgs({ options: { votes: { type: 'string' } } });
const VOTES = Number(values.votes ?? 1_000_000);
/** Votes written, and later checked, per evaluate in the seeding page. */
const CHUNK = 5_000;
/** How often the heaps are sampled. */
const SAMPLE_MS = 100;
/** Every this many samples, one comes after a forced garbage collection: the live heap. */
const COLLECT_EVERY = 50;
/** How often the harness looks at the popup while a backup runs. */
const POLL_MS = 500;

const MB = 1024 * 1024;
const toMb = (bytes) => Math.round((bytes / MB) * 10) / 10;
const seconds = (ms) => Math.round(ms / 100) / 10;
/** "start → peak / peak live → end" in MB, as the table shows a heap. */
const heapLine = ({ startMb, peakUsedMb, peakLiveMb, endMb }) =>
  `${startMb} → ${peakUsedMb} / ${peakLiveMb} → ${endMb ?? '–'}`;

const seederCode = await buildSeeder();

/** Seeds `count` votes from `now` back; returns the ms spent writing. */
async function seed(page, count, now) {
  await page.evaluate(async (code) => {
    (0, eval)(code);
    const db = await moodmarkBench.openVoteDatabase();
    await moodmarkBench.clearVotes(db, Date.now());
    db.close();
  }, seederCode);
  let ms = 0;
  for (let from = 0; from < count; from += CHUNK) {
    ms += await page.evaluate(
      async (makeVotesSource, from, to, now) => {
        const votes = (0, eval)(`(${makeVotesSource})`)(from, to, now);
        const started = performance.now();
        const db = await moodmarkBench.openVoteDatabase();
        await moodmarkBench.mergeVotes(db, votes);
        db.close();
        return performance.now() - started;
      },
      makeVotes.toString(),
      from,
      Math.min(count, from + CHUNK),
      now,
    );
    if ((from / CHUNK) % 20 === 0) {
      console.error(`seeded ${from + CHUNK} votes (${seconds(ms)} s of writing so far)`);
    }
  }
  return ms;
}

/**
 * Compares every stored vote with the one seeded under its number, field by field, and the
 * store's size and counts record with the seeded history; returns what differs.
 */
async function compareWithSeed(page, count, now) {
  const problems = [];
  const recount = {};
  for (let from = 0; from < count; from += CHUNK) {
    const chunk = await page.evaluate(
      async (makeVotesSource, from, to, now) => {
        const expected = (0, eval)(`(${makeVotesSource})`)(from, to, now);
        const db = await moodmarkBench.openVoteDatabase();
        const store = db.transaction('votes').store;
        const stored = await Promise.all(expected.map((vote) => store.get(vote.key)));
        db.close();
        const fields = Object.keys(expected[0]);
        const reactions = {};
        const differing = [];
        expected.forEach((vote, i) => {
          reactions[vote.reaction] = (reactions[vote.reaction] ?? 0) + 1;
          const got = stored[i];
          const same =
            got !== undefined &&
            Object.keys(got).length === fields.length &&
            fields.every((field) => got[field] === vote[field]);
          if (!same) differing.push({ expected: vote, stored: got ?? null });
        });
        return { differing: differing.slice(0, 3), differ: differing.length, reactions };
      },
      makeVotes.toString(),
      from,
      Math.min(count, from + CHUNK),
      now,
    );
    if (chunk.differ > 0)
      problems.push(`${chunk.differ} votes differ, e.g. ${JSON.stringify(chunk.differing)}`);
    for (const [reaction, n] of Object.entries(chunk.reactions)) {
      recount[reaction] = (recount[reaction] ?? 0) + n;
    }
  }
  const { size, counts } = await page.evaluate(async () => {
    const db = await moodmarkBench.openVoteDatabase();
    const result = {
      size: await db.count('votes'),
      counts: await db.get('stats', 'reaction-counts'),
    };
    db.close();
    return result;
  });
  if (size !== count) problems.push(`the store holds ${size} votes, not ${count}`);
  for (const [reaction, n] of Object.entries(recount)) {
    if (counts?.[reaction] !== n)
      problems.push(`counts say ${counts?.[reaction]} ${reaction}, not ${n}`);
  }
  return problems;
}

/** The extension's worker, running (the popup's first request wakes it). */
async function workerTarget(session) {
  return session.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(`${session.extensionOrigin}/`),
    { timeout: 30_000 },
  );
}

/**
 * Samples the JS heap of each target every SAMPLE_MS after a garbage collection; `stop`
 * resolves with each one's heap at the start, at its peak (garbage included), at its peak
 * after a collection (what was really held), and after a collection at the end (what stayed).
 */
async function watchHeaps(targets) {
  const sessions = await Promise.all(
    Object.entries(targets).map(async ([name, target]) => {
      const cdp = await target.createCDPSession();
      await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
      const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
      return {
        name,
        cdp,
        start: usedSize,
        peakUsed: usedSize,
        peakLive: usedSize,
        peakTotal: totalSize,
      };
    }),
  );
  let running = true;
  const sampling = (async () => {
    for (let sample = 1; running; sample++) {
      const collect = sample % COLLECT_EVERY === 0;
      for (const entry of sessions) {
        try {
          if (collect) await entry.cdp.send('HeapProfiler.collectGarbage');
          const { usedSize, totalSize } = await entry.cdp.send('Runtime.getHeapUsage');
          entry.peakUsed = Math.max(entry.peakUsed, usedSize);
          if (collect) entry.peakLive = Math.max(entry.peakLive, usedSize);
          entry.peakTotal = Math.max(entry.peakTotal, totalSize);
        } catch {
          // The target went away (a worker restart): its peak so far stands.
        }
      }
      await new Promise((done) => setTimeout(done, SAMPLE_MS));
    }
  })();
  return async () => {
    running = false;
    await sampling;
    const heaps = {};
    for (const { name, cdp, start, peakUsed, peakLive, peakTotal } of sessions) {
      let end = null;
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        end = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      } catch {
        // The target went away: nothing of it stayed.
      }
      heaps[name] = {
        startMb: toMb(start),
        peakUsedMb: toMb(peakUsed),
        peakLiveMb: toMb(peakLive),
        endMb: end === null ? null : toMb(end),
        peakHeapMb: toMb(peakTotal),
      };
      await cdp.detach().catch(() => {});
    }
    return heaps;
  };
}

/** Runs in the popup: records each status it shows, with when it showed it. */
function recordStatuses() {
  window.statuses = [];
  const status = document.querySelector('#status');
  new MutationObserver(() => {
    window.statuses.push({ at: performance.now(), text: status.textContent });
  }).observe(status, { childList: true, characterData: true, subtree: true });
}

/**
 * Waits for a status matching `pattern`, polling with short evaluates: one evaluate that waits
 * (waitForFunction) would outlive puppeteer's protocol timeout at a million votes.
 */
async function waitForStatus(popup, pattern) {
  for (;;) {
    const found = await popup.evaluate(
      (source) => window.statuses.find((s) => new RegExp(source).test(s.text)),
      pattern.source,
    );
    if (found) return found;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/** How many distinct progress statuses (with a percentage) the popup showed, by kind. */
async function progressShown(popup) {
  return popup.evaluate(() => {
    const kinds = {};
    for (const { text } of window.statuses) {
      const match = /^(.*?)\s*\d+\s*%$/.exec(text);
      if (match) kinds[match[1]] = (kinds[match[1]] ?? 0) + 1;
    }
    return kinds;
  });
}

// A private copy of the build: a rebuild of dist/ while this runs must not pull the
// extension's files from under the browser.
const extensionDir = mkdtempSync(join(tmpdir(), 'moodmark-bench-'));
cpSync(extensionDirFor('chromium', 'release'), extensionDir, { recursive: true });
const session = await launchWithExtension({ browserName: 'chromium', extensionDir });
let result;
try {
  const now = Date.now();
  const seedPage = await session.openPopup();
  const seedMs = await seed(seedPage, VOTES, now);
  console.error(`seeded ${VOTES} votes in ${seconds(seedMs)} s`);

  const popup = await session.openPopup();
  await popup.waitForSelector('body[data-ready]');
  // The total, for the export's progress, comes with the counts.
  await popup.waitForFunction(() =>
    /[1-9]/.test(document.querySelector('#filters')?.textContent ?? ''),
  );
  await popup.evaluate(recordStatuses);
  await popup.evaluate(() => {
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      window.exported = blob;
      return createObjectURL.call(URL, blob);
    };
    // Keep the file in the page instead of saving it.
    HTMLAnchorElement.prototype.click = () => {};
  });

  let stop = await watchHeaps({ worker: await workerTarget(session), popup: popup.target() });
  const exportStarted = await popup.evaluate(() => {
    document.querySelector('#export-json').click();
    return performance.now();
  });
  const exported = await waitForStatus(popup, /^Export(ed| failed)/);
  const exportHeaps = await stop();
  const fileBytes = await popup.evaluate(() => window.exported?.size ?? 0);
  // Printed at once: at a million votes the import that follows takes hours on a slow machine.
  console.error(
    `${exported.text} (${toMb(fileBytes)} MB) in ${seconds(exported.at - exportStarted)} s; ` +
      `heaps in MB: ${Object.entries(exportHeaps)
        .map(([name, heap]) => `${name} ${heapLine(heap)}`)
        .join(', ')}`,
  );
  const exportProgress = await progressShown(popup);

  await popup.evaluate(() => {
    window.statuses.length = 0;
    document.querySelector('#clear-all').click();
    document.querySelector('#confirm-clear-yes').click();
  });
  await waitForStatus(popup, /^Removed/);
  const leftAfterClear = await seedPage.evaluate(async () => {
    const db = await moodmarkBench.openVoteDatabase();
    const size = await db.count('votes');
    db.close();
    return size;
  });

  await popup.evaluate(() => (window.statuses.length = 0));
  stop = await watchHeaps({ worker: await workerTarget(session), popup: popup.target() });
  const importStarted = await popup.evaluate(() => {
    const input = document.querySelector('#import-file');
    const transfer = new DataTransfer();
    transfer.items.add(new File([window.exported], 'moodmark-history.json'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    return performance.now();
  });
  const imported = await waitForStatus(popup, /^(Imported|Not imported|Import stopped)/);
  const importHeaps = await stop();
  const importProgress = await progressShown(popup);
  console.error(`${imported.text} in ${seconds(imported.at - importStarted)} s`);

  const problems = await compareWithSeed(seedPage, VOTES, now);
  if (leftAfterClear !== 0) problems.unshift(`${leftAfterClear} votes were left after clearing`);
  result = {
    date: new Date().toISOString(),
    browser: 'chromium',
    votes: VOTES,
    seedMs: Math.round(seedMs),
    fileMb: toMb(fileBytes),
    export: {
      ms: Math.round(exported.at - exportStarted),
      status: exported.text,
      progressStatuses: exportProgress,
      heaps: exportHeaps,
    },
    import: {
      ms: Math.round(imported.at - importStarted),
      status: imported.text,
      progressStatuses: importProgress,
      heaps: importHeaps,
    },
    lossless: problems.length === 0,
    problems: problems.slice(0, 10),
  };
} finally {
  await session.close();
  rmSync(extensionDir, { recursive: true, force: true });
}

console.log('Heaps in MB: start → peak / peak after a collection → after a collection at the end');
console.table(
  Object.fromEntries(
    ['export', 'import'].map((step) => [
      step,
      {
        seconds: seconds(result[step].ms),
        worker: heapLine(result[step].heaps.worker),
        popup: heapLine(result[step].heaps.popup),
      },
    ]),
  ),
);
console.log(
  `${VOTES.toLocaleString('en-US')} votes, a ${result.fileMb} MB file; round trip ` +
    (result.lossless
      ? 'lossless: every record, the count and the counts record match.'
      : `NOT lossless: ${result.problems.join('; ')}`),
);
console.log(`Export: ${result.export.status} Import: ${result.import.status}`);

const outDir = join(REPO_ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'backup.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('Wrote bench-results/backup.json');
if (!result.lossless) process.exitCode = 1;
