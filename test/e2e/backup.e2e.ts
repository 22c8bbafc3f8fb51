import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REACTIONS } from '../../src/core/reactions';
import { MAX_IMPORT_BATCH, type Vote } from '../../src/protocol';
import { BROWSER_NAMES, launchWithExtension, type ExtensionBrowser } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';

/** Votes in the file: ten batches, seconds of merging, as a large history's backup takes. */
const VOTES = 10 * MAX_IMPORT_BATCH;

/** An export of VOTES votes, one per article, over the last weeks. */
function largeExport(now: number): string {
  const votes: Vote[] = Array.from({ length: VOTES }, (_, i) => {
    const site = `news${i % 40}.example`;
    return {
      key: `https://${site}/story/${i}`,
      url: `https://${site}/story/${i}`,
      title: `Story number ${i} from ${site}`,
      site,
      reaction: REACTIONS[i % REACTIONS.length]!,
      createdAt: now - i * 60_000,
      updatedAt: now - i * 60_000,
    };
  });
  return JSON.stringify({ format: 'moodmark-history', version: 1, exportedAt: now, votes });
}

describe.each(BROWSER_NAMES)('%s import', (browserName) => {
  const suite = useExtensionSuite('backup', browserName);
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'moodmark-backup-e2e-'));
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('tells the next popup what an import cut off by the popup closing saved', async () => {
    const path = join(workDir, 'large.json');
    await writeFile(path, largeExport(Date.now()));
    const popup = await suite.session.openPopup();
    await popup.waitForSelector('body[data-ready]');
    await (await popup.$('input#import-file'))!.uploadFile(path);
    // Closed once a batch is in, as a popup closes when the reader clicks outside it.
    await popup.waitForFunction(
      () => /^Importing… [1-9]/.test(document.querySelector('#status')?.textContent ?? ''),
      { timeout: 60_000 },
    );
    await popup.close();

    const next = await suite.session.openPopup();
    await next.waitForSelector('body[data-ready]');
    // The status line, once it tells of the stop; whatever it says after 10 s, else.
    await next
      .waitForFunction(
        () => document.querySelector('#status')?.textContent?.startsWith('Import stopped'),
        { timeout: 10_000 },
      )
      .catch(() => {});
    const told = await next.$eval('#status', (status) => status.textContent);
    const saved = /^Import stopped \(already saved: [1-9][\d,]* added, 0 updated\): /;
    expect(told).toMatch(saved);
    // Firefox imports in a tab of its own (its popup closes under the file dialog).
    expect(told?.replace(saved, '')).toMatch(
      browserName === 'firefox'
        ? /^the tab importing \u2068large\.json\u2069 was closed before the import ended\./
        : /^the popup was closed before the import of \u2068large\.json\u2069 ended\./,
    );
    // Told once: the popup opened again says nothing of it.
    await next.close();
    const third = await suite.session.openPopup();
    await third.waitForSelector('body[data-ready]');
    expect(await third.$eval('#status', (status) => status.textContent)).not.toMatch(/stopped/);
    await third.close();
  });
});

/** Titles of every script and shape, and ones crafted against editors and spreadsheets. */
const HOSTILE_TITLES = [
  'مرحبا بالعالم: عنوان عربي',
  '\u202eevil override left open, then \u2067an isolate',
  '=HYPERLINK("https://evil.example","click"), "quoted", a\\b',
  'Family 👨‍👩‍👧‍👦, flag 🇩🇪, skin 👍🏽, lone \ud800 half',
  '😮'.repeat(500),
];

describe.each(BROWSER_NAMES)('%s export', (browserName) => {
  let session: ExtensionBrowser;
  let workDir: string;
  let downloads: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'moodmark-export-e2e-'));
    downloads = join(workDir, 'downloads');
    session = await launchWithExtension({
      browserName,
      firefoxPrefs: {
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
      },
    });
    if (browserName === 'chromium') {
      const cdp = await session.browser.target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    }
  });

  afterAll(async () => {
    await session?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** The finished download whose name ends with `ending`, once it is there. */
  async function downloaded(ending: string): Promise<{ name: string; bytes: Buffer }> {
    for (let i = 0; i < 200; i++) {
      const names = await readdir(downloads).catch(() => [] as string[]);
      const name = names.find((n) => n.endsWith(ending));
      if (name && !names.some((n) => n.endsWith('.part') || n.endsWith('.crdownload'))) {
        return { name, bytes: await readFile(join(downloads, name)) };
      }
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(
      `no ${ending} downloaded: ${JSON.stringify(await readdir(downloads).catch(() => []))}`,
    );
  }

  it('saves the history to disk as a dated JSON file and a CSV file, every vote in each, which imports back unchanged', async () => {
    const path = join(workDir, 'small.json');
    const votes = (JSON.parse(largeExport(Date.now())) as { votes: Vote[] }).votes
      .slice(0, HOSTILE_TITLES.length)
      // Titles a page may give, each as it was through the browser's messages and the store.
      .map((vote, i) => ({ ...vote, title: HOSTILE_TITLES[i]! }))
      // Two in their pages' languages: the language goes out with its vote and comes back.
      .map((vote, i) => (i < 2 ? { ...vote, lang: ['de-AT', 'ar'][i] } : vote));
    await writeFile(path, JSON.stringify({ format: 'moodmark-history', version: 1, votes }));
    const popup = await session.openPopup();
    await popup.waitForSelector('body[data-ready]');
    await (await popup.$('input#import-file'))!.uploadFile(path);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Imported'),
    );
    await popup.click('#export-json');
    const json = await downloaded('.json');
    expect(json.name).toMatch(/^moodmark-history-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(json.bytes.toString('utf8')) as { votes: Vote[] };
    expect(file.votes).toEqual([...votes].sort((a, b) => (a.key < b.key ? -1 : 1)));
    await popup.click('#export-csv');
    const csv = await downloaded('.csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(votes.length + 1);
    // A formula stays text; an override is closed in its cell.
    expect(csv.bytes.toString('utf8')).toContain(
      '"\'=HYPERLINK(""https://evil.example"",""click""), ""quoted"", a\\b"',
    );
    expect(csv.bytes.toString('utf8')).toContain('then \u2067an isolate\u2069\u202c"');
    // The saved file imported again: every vote found as it is.
    await writeFile(path, json.bytes);
    await (await popup.$('input#import-file'))!.uploadFile(path);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.includes('5 unchanged'),
    );
    expect(await popup.$eval('#status', (status) => status.textContent)).toBe(
      'Imported: 0 added, 0 updated, 5 unchanged, 0 rejected.',
    );
    await popup.close();
  });
  // Firefox's popup closes under a save dialog, its file with it: it opens itself in a tab for
  // the export, which writes the file there without another press.
  it('writes the export that a tab was opened for', async () => {
    for (const name of await readdir(downloads)) await rm(join(downloads, name));
    const tab = await session.browser.newPage();
    // Not gotoExtensionPage, which waits for the address asked: the page drops its hash as it
    // starts the export.
    tab.goto(`${session.popupUrl}#export-csv`).catch(() => {});
    const csv = await downloaded('.csv');
    expect(csv.name).toMatch(/^moodmark-history-\d{4}-\d{2}-\d{2}\.csv$/);
    // The five votes the test before imported, under the heading row.
    expect(csv.bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(6);
    await tab.close();
  });
});
