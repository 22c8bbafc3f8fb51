import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REACTIONS } from '../../src/core/reactions';
import type { Vote } from '../../src/protocol';
import { BROWSER_NAMES, REPO_ROOT, gotoExtensionPage } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { openPopupOver as openExtensionPopupOver, setColorScheme } from './extension-pages';
import { TOOLBAR, tabIntoToolbar, waitForDecision, waitForToolbar } from './toolbar-driver';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
const DAY_MS = 86_400_000;

const TITLES = [
  'Night ferry returns to Alder Bay after eleven years',
  'Council approves harbour budget',
  'Ferry strike called off at the last minute',
  'Bakery wins national prize for rye bread',
  'Storm closes the coastal road for a week',
  'Local choir tours Norway',
];

/** A title a spreadsheet would read as a formula (it starts with a minus). */
const FORMULA_LIKE_TITLE = '-30 degrees: the choir sings on the ice';

/** A history to import: 18 votes over the last two weeks, and one invalid record. */
function exportFile(now: number): { text: string; votes: Vote[] } {
  const votes: Vote[] = Array.from({ length: 18 }, (_, i) => {
    const site = `news${i % 3}.example`;
    const time = now - i * 18 * 3_600_000;
    return {
      key: `https://${site}/story/${i}`,
      url: `https://www.${site}/story/${i}?ref=feed`,
      title: i === 5 ? FORMULA_LIKE_TITLE : `${TITLES[i % TITLES.length]} (${i})`,
      site,
      reaction: REACTIONS[i % REACTIONS.length]!,
      createdAt: time - DAY_MS,
      updatedAt: time,
    };
  });
  const bad = { ...votes[0]!, key: 'javascript:alert(1)' };
  const text = JSON.stringify({
    format: 'moodmark-history',
    version: 1,
    exportedAt: now,
    votes: [...votes, bad],
  });
  return { text, votes };
}

interface Row {
  key: string;
  reaction: string;
  title: string;
  time: string;
}

async function rows(popup: Page): Promise<Row[]> {
  return popup.$$eval('#history li.history-entry', (items) =>
    items.map((li) => ({
      key: li.getAttribute('data-key') ?? '',
      reaction: li.getAttribute('data-reaction') ?? '',
      title: li.querySelector('a.history-title')?.textContent ?? '',
      time: li.querySelector('time')?.getAttribute('datetime') ?? '',
    })),
  );
}

/** Waits until no list request is in flight and `check` holds for the rows. */
async function waitForRows(popup: Page, check: (rows: Row[]) => boolean): Promise<Row[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const busy = await popup.$eval('#history', (list) => list.hasAttribute('aria-busy'));
    const current = await rows(popup);
    if (!busy && check(current)) return current;
    if (Date.now() > deadline) throw new Error(`rows never matched: ${JSON.stringify(current)}`);
    await new Promise((done) => setTimeout(done, 30));
  }
}

async function isVisible(page: Page, selector: string): Promise<boolean> {
  return page.$eval(
    selector,
    (element) => !(element as HTMLElement).hidden && element.getClientRects().length > 0,
  );
}

describe.each(BROWSER_NAMES)('%s popup', (browserName) => {
  const suite = useExtensionSuite('popup', browserName);
  let popup: Page;
  let workDir: string;
  let imported: Vote[];

  /** Loads the popup again (Firefox's page.reload() of an extension page never resolves). */
  async function reloadPopup(page: Page): Promise<void> {
    await page.evaluate(() => delete document.body.dataset.ready);
    await gotoExtensionPage(page, suite.session.popupUrl);
    await page.waitForSelector('body[data-ready]');
  }

  async function openPopup(): Promise<Page> {
    const page = await suite.session.openPopup();
    await page.setViewport({ width: 380, height: 600 });
    await page.waitForSelector('body[data-ready]');
    return page;
  }

  const openPopupOver = (article: Page) => openExtensionPopupOver(suite.session, article);

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    workDir = await mkdtemp(join(tmpdir(), 'moodmark-popup-e2e-'));
    popup = await openPopup();
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('starts empty, then imports a JSON export through the file input', async () => {
    expect(await isVisible(popup, '#history-empty')).toBe(true);
    const file = exportFile(Date.now());
    imported = file.votes;
    const path = join(workDir, 'history.json');
    await writeFile(path, file.text);
    const input = await popup.$('input#import-file');
    await input!.uploadFile(path);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Imported'),
    );
    expect(await popup.$eval('#status', (s) => s.textContent)).toBe(
      'Imported: 18 added, 0 updated, 0 unchanged, 1 rejected.',
    );
    const shown = await waitForRows(popup, (r) => r.length === 18);
    expect(shown.map((row) => row.key)).toEqual(imported.map((vote) => vote.key));
    expect(await isVisible(popup, '#history-empty')).toBe(false);
    const headings = await popup.$$eval('#history .history-day > h2', (items) =>
      items.map((item) => item.textContent),
    );
    expect(headings.slice(0, 2)).toEqual(['Today', 'Yesterday']);
    // One list per day, of its rows alone: a screen reader counts 18 items, not 18 and the days.
    expect(await popup.$$eval('#history li:not(.history-entry)', (items) => items.length)).toBe(0);
    await popup.waitForFunction(
      () => document.querySelector('#filters .chip')?.textContent === 'All 18',
    );
  });

  it('refuses a hostile file and changes nothing', async () => {
    const path = join(workDir, 'hostile.json');
    await writeFile(
      path,
      `{"format":"moodmark-history","version":1,"votes":[{"__proto__":{"polluted":1}}]}`,
    );
    await (await popup.$('input#import-file'))!.uploadFile(path);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.includes('Not imported'),
    );
    await reloadPopup(popup);
    expect(await waitForRows(popup, (r) => r.length === 18)).toHaveLength(18);
  });

  it('imports the export saved again as UTF-16, and refuses it saved as Windows-1252', async () => {
    const text = JSON.stringify({
      format: 'moodmark-history',
      version: 1,
      exportedAt: Date.now(),
      votes: imported,
    });
    // An editor's "Unicode", or Windows PowerShell's `>`: UTF-16 after a byte order mark.
    const utf16 = join(workDir, 'history-utf16.json');
    await writeFile(utf16, Buffer.from(`\uFEFF${text}`, 'utf16le'));
    await (await popup.$('input#import-file'))!.uploadFile(utf16);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Imported'),
    );
    expect(await popup.$eval('#status', (s) => s.textContent)).toBe(
      'Imported: 0 added, 0 updated, 18 unchanged, 0 rejected.',
    );
    // An older editor's "ANSI": the é of a title edited by hand is one byte, not UTF-8.
    const edited = text.replace(imported[0]!.title, `${imported[0]!.title} (café)`);
    const ansi = join(workDir, 'history-ansi.json');
    await writeFile(ansi, Buffer.from(edited, 'latin1'));
    await (await popup.$('input#import-file'))!.uploadFile(ansi);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Not imported'),
    );
    expect(await popup.$eval('#status', (s) => s.textContent)).toBe(
      'Not imported: the file is not saved as UTF-8 text: save it as UTF-8 and import it again',
    );
    const shown = await waitForRows(popup, (r) => r.length === 18);
    expect(shown.map((row) => row.title)).not.toContain(`${imported[0]!.title} (café)`);
  });

  it('searches titles and sites as you type, with a distinct no-match message', async () => {
    await popup.click('#search');
    await popup.keyboard.type('ferry');
    // Waited for by what the list must end up showing: on a busy machine it may first show the
    // rows of a query typed halfway ('fe'), with the list no longer busy.
    const ferryKeys = imported
      .filter((v) => /ferry/i.test(v.title))
      .map((v) => v.key)
      .sort()
      .join(' ');
    const keysOf = (r: Row[]) =>
      r
        .map((row) => row.key)
        .sort()
        .join(' ');
    const found = await waitForRows(popup, (r) => keysOf(r) === ferryKeys);
    expect(found.every((row) => /ferry/i.test(row.title))).toBe(true);

    await popup.keyboard.type(' news2');
    const narrowed = await waitForRows(
      popup,
      (r) => r.length === 3 && r.every((row) => row.key.includes('news2.example')),
    );
    expect(narrowed.every((row) => /ferry/i.test(row.title))).toBe(true);

    await popup.keyboard.type('zzz');
    await waitForRows(popup, (r) => r.length === 0);
    expect(await isVisible(popup, '#history-no-matches')).toBe(true);
    expect(await isVisible(popup, '#history-empty')).toBe(false);
  });

  it('filters by reaction, combined with the search', async () => {
    await popup.$eval('#search', (input) => ((input as HTMLInputElement).value = ''));
    await popup.click('#search');
    await popup.keyboard.type('ferry');
    const ferryCount = imported.filter((v) => /ferry/i.test(v.title)).length;
    await waitForRows(popup, (r) => r.length === ferryCount);
    const loveChip = await popup.$('#filters .chip[data-reaction="love"]');
    await loveChip!.click();
    const expected = imported.filter((v) => v.reaction === 'love' && /ferry/i.test(v.title));
    const both = await waitForRows(popup, (r) => r.every((row) => row.reaction === 'love'));
    expect(both.map((row) => row.key)).toEqual(expected.map((v) => v.key));
    expect(await loveChip!.evaluate((chip) => chip.getAttribute('aria-pressed'))).toBe('true');

    await popup.$eval('#search', (input) => ((input as HTMLInputElement).value = ''));
    await popup.type('#search', ' ');
    const allLove = await waitForRows(popup, (r) => r.length === 3);
    expect(allLove.every((row) => row.reaction === 'love')).toBe(true);
    await loveChip!.click();
    await waitForRows(popup, (r) => r.length === 18);
  });

  it("finds a reaction's emoji typed in the search as its chip does, and no word as none", async () => {
    const retype = async (text: string) => {
      await popup.$eval('#search', (input) => ((input as HTMLInputElement).value = ''));
      await popup.focus('#search');
      await popup.keyboard.type(text);
    };
    const pressedChips = () =>
      popup.$$eval('#filters .chip[aria-pressed="true"]', (chips) =>
        chips.map((chip) => chip.getAttribute('data-reaction')),
      );
    const keysOf = (votes: { key: string }[]) => votes.map((vote) => vote.key).join(' ');
    await retype('❤️');
    const loved = imported.filter((v) => v.reaction === 'love');
    const found = await waitForRows(popup, (r) => keysOf(r) === keysOf(loved));
    expect(found.length).toBeGreaterThan(0);
    // The chips are the reader's: typing presses none, All stays pressed.
    expect(await pressedChips()).toEqual(['']);

    // Beside words, an emoji is read as part of a title pasted: found whatever its reaction.
    await retype('❤️ ferry');
    const ferries = imported.filter((v) => /ferry/i.test(v.title));
    expect(new Set(ferries.map((v) => v.reaction)).size).toBeGreaterThan(1);
    await waitForRows(popup, (r) => keysOf(r) === keysOf(ferries));

    // No word and no reaction's emoji: the whole history, and no count of matches told.
    await retype('#');
    await waitForRows(popup, (r) => r.length === 18);
    await new Promise((done) => setTimeout(done, 1_000));
    expect(await popup.$eval('#history-summary', (region) => region.textContent)).toBe('');
    expect(await isVisible(popup, '#history-no-matches')).toBe(false);

    // Another reaction's emoji than the chip pressed: no vote has both.
    const loveChip = await popup.$('#filters .chip[data-reaction="love"]');
    await loveChip!.click();
    await waitForRows(popup, (r) => r.length === 3 && r.every((row) => row.reaction === 'love'));
    await retype('😂');
    await waitForRows(popup, (r) => r.length === 0);
    expect(await isVisible(popup, '#history-no-matches')).toBe(true);
    expect(await pressedChips()).toEqual(['love']);

    await loveChip!.click();
    await retype(' ');
    await waitForRows(popup, (r) => r.length === 18);
  });

  it('makes the chips one Tab stop, the arrows moving between them', async () => {
    const focused = () =>
      popup.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return active?.classList.contains('chip') ? `chip ${active.dataset.reaction}` : active?.id;
      });
    await popup.focus('#search');
    await popup.keyboard.press('Tab');
    expect(await focused()).toMatch(/^chip /);
    await popup.keyboard.press('Home');
    expect(await focused()).toBe('chip ');
    await popup.keyboard.press('ArrowRight');
    expect(await focused()).toBe('chip like');
    await popup.keyboard.press('Enter');
    await waitForRows(popup, (r) => r.length > 0 && r.every((row) => row.reaction === 'like'));
    // Past the eight chips in one press, and back to the one pressed.
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.className)).toBe('history-title');
    await popup.keyboard.down('Shift');
    await popup.keyboard.press('Tab');
    await popup.keyboard.up('Shift');
    expect(await focused()).toBe('chip like');
    await popup.keyboard.press('Enter');
    await waitForRows(popup, (r) => r.length === 18);
  });

  // NVDA speaks a description after the name (nvaccess/nvda#7841): the × named "Remove reaction
  // to …" and showing the tooltip "Remove" was heard as "Remove reaction to …, Remove". Chromium
  // only: Firefox gives puppeteer no accessibility snapshot.
  it.runIf(browserName === 'chromium')(
    "names each row's remove button once, its tooltip not said again",
    async () => {
      const [first] = await rows(popup);
      const remove = (await popup.$('#history li.history-entry .history-remove'))!;
      const node = await popup.accessibility.snapshot({ root: remove, interestingOnly: false });
      expect({ name: node?.name, description: node?.description }).toEqual({
        name: `Remove reaction to \u2068${first!.title}\u2069`,
        description: undefined,
      });
      expect(await remove.evaluate((button) => (button as HTMLElement).title)).toBe(node?.name);
    },
  );

  it('removes a reaction with undo restoring the exact record', async () => {
    const [first] = await rows(popup);
    await popup.click('#history li.history-entry .history-remove');
    await waitForRows(popup, (r) => r.length === 17 && r[0]!.key !== first!.key);
    expect(await isVisible(popup, '#snackbar')).toBe(true);
    // The Undo bar covers nothing: Clear all is what a click at its centre reaches.
    const clearAllOnTop = await popup.$eval('#clear-all', (button) => {
      const box = button.getBoundingClientRect();
      return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === button;
    });
    expect(clearAllOnTop).toBe(true);
    await popup.click('#snackbar-undo');
    const back = await waitForRows(popup, (r) => r.length === 18);
    expect(back[0]).toEqual(first);
    await reloadPopup(popup);
    expect((await waitForRows(popup, (r) => r.length === 18))[0]).toEqual(first);
  });

  it('undoes a removal after the popup was closed and opened again', async () => {
    const [first] = await rows(popup);
    await popup.click('#history li.history-entry .history-remove');
    await waitForRows(popup, (r) => r.length === 17);
    await reloadPopup(popup);
    await waitForRows(popup, (r) => r.length === 17 && r[0]!.key !== first!.key);
    await popup.waitForSelector('#snackbar:not([hidden])');
    await popup.click('#snackbar-undo');
    const back = await waitForRows(popup, (r) => r.length === 18);
    expect(back[0]).toEqual(first);
    await reloadPopup(popup);
    await waitForRows(popup, (r) => r.length === 18);
    expect(await isVisible(popup, '#snackbar')).toBe(false);
  });

  it('exports lossless JSON and spreadsheet-safe CSV through an object URL download', async () => {
    await popup.evaluate(() => {
      const downloads: { name: string; href: string; blob?: Blob }[] = [];
      (window as unknown as { downloads: typeof downloads }).downloads = downloads;
      // The file behind each object URL: the popup's policy lets no fetch read one back.
      const blobs = new Map<string, Blob>();
      const createObjectURL = URL.createObjectURL;
      URL.createObjectURL = (blob: Blob) => {
        const url = createObjectURL.call(URL, blob);
        blobs.set(url, blob);
        return url;
      };
      // Record the download instead of saving a file.
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        downloads.push({ name: this.download, href: this.href, blob: blobs.get(this.href) });
      };
    });
    const exported = async (format: 'json' | 'csv') => {
      await popup.click(`#export-${format}`);
      return popup.evaluate(async (extension) => {
        const list = (
          window as unknown as { downloads: { name: string; href: string; blob?: Blob }[] }
        ).downloads;
        for (let i = 0; i < 100 && !list.some((d) => d.name.endsWith(extension)); i++) {
          await new Promise((done) => setTimeout(done, 20));
        }
        const download = list.find((d) => d.name.endsWith(extension))!;
        return {
          name: download.name,
          isObjectUrl: download.href.startsWith('blob:'),
          text: (await download.blob?.text()) ?? '',
        };
      }, `.${format}`);
    };
    const json = await exported('json');
    expect(json.name).toMatch(/^moodmark-history-\d{4}-\d{2}-\d{2}\.json$/);
    expect(json.isObjectUrl).toBe(true);
    const file = JSON.parse(json.text) as { version: number; votes: Vote[] };
    expect(file.version).toBe(1);
    // Written page by page in article key order.
    expect(file.votes).toEqual([...imported].sort((a, b) => (a.key < b.key ? -1 : 1)));

    const csv = await exported('csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('reaction,title,url,site,created,updated');
    expect(lines).toHaveLength(19);
    // Every vote once; the formula-like title stays text (a leading quote).
    for (const vote of imported) {
      expect(lines.filter((line) => line.includes(`"${vote.url}"`))).toHaveLength(1);
    }
    expect(lines.find((line) => line.includes('/story/5?'))).toContain(
      `,"'${FORMULA_LIKE_TITLE}",`,
    );
  });

  it('changes a reaction in the popup, and the open article follows', async () => {
    const article = await suite.session.browser.newPage();
    try {
      await article.goto(suite.server.url('demo-article.html'));
      await waitForToolbar(article, { shown: true, reaction: null }, 10_000);
      // React in the page with trusted keys: Home, then Enter on the first reaction ("like").
      await tabIntoToolbar(article);
      await article.keyboard.press('Home');
      await article.keyboard.press('Enter');
      await waitForToolbar(article, { reaction: 'like' });
      await popup.bringToFront();
      await reloadPopup(popup);
      const [row] = await waitForRows(popup, (r) => r.length === 19);
      expect(row!.reaction).toBe('like');
      await popup.click('#history li.history-entry .history-emoji');
      await popup.click('#history li.history-entry .history-choice[data-reaction="sad"]');
      await waitForRows(popup, (r) => r[0]!.reaction === 'sad');
      await waitForToolbar(article, { reaction: 'sad' });

      await popup.click('#history li.history-entry .history-remove');
      await waitForToolbar(article, { reaction: null });
      await popup.click('#snackbar-undo');
      await waitForToolbar(article, { reaction: 'sad' });
    } finally {
      await article.close();
    }
  });

  // Firefox imports in a popup opened in a tab, as every popup here is: one left open there
  // shows what the reader does in the other tabs meanwhile.
  it('shows, open in a tab, a reaction given in an article meanwhile', async () => {
    const [before] = await waitForRows(popup, (r) => r.length === 19);
    expect(before!.reaction).toBe('sad');
    const article = await suite.session.browser.newPage();
    try {
      await article.goto(suite.server.url('demo-article.html'));
      await waitForToolbar(article, { shown: true, reaction: 'sad' }, 10_000);
      await tabIntoToolbar(article);
      await article.keyboard.press('Home');
      await article.keyboard.press('Enter');
      await waitForToolbar(article, { reaction: 'like' });
      await popup.bringToFront();
      const [row] = await waitForRows(popup, (r) => r[0]!.reaction === 'like');
      expect(row!.key).toBe(before!.key);
      // Back as it was, for the tests after: sad, the sixth of the seven.
      await article.bringToFront();
      await article.keyboard.press('End');
      await article.keyboard.press('ArrowLeft');
      await article.keyboard.press('Enter');
      await waitForToolbar(article, { reaction: 'sad' });
      await popup.bringToFront();
      await waitForRows(popup, (r) => r[0]!.reaction === 'sad' && r.length === 19);
    } finally {
      await article.close();
    }
  });

  it('moves a row whose reaction changed to the top, and out of a filter it leaves', async () => {
    const last = (await waitForRows(popup, (r) => r.length === 19)).at(-1)!;
    const row = (key: string) => `#history li.history-entry[data-key="${key}"]`;
    await popup.click(`${row(last.key)} .history-emoji`);
    await popup.click(`${row(last.key)} .history-choice[data-reaction="wow"]`);
    const moved = await waitForRows(popup, (r) => r[0]!.key === last.key);
    expect(moved[0]!.reaction).toBe('wow');
    expect(Date.parse(moved[0]!.time)).toBeGreaterThan(Date.parse(last.time));
    expect(await popup.$eval('#history h2', (first) => first.textContent)).toBe('Today');
    expect(moved).toHaveLength(19);

    await popup.click('#filters .chip[data-reaction="love"]');
    const loved = await waitForRows(popup, (r) => r.every((entry) => entry.reaction === 'love'));
    const [leaving] = loved;
    await popup.click(`${row(leaving!.key)} .history-emoji`);
    await popup.click(`${row(leaving!.key)} .history-choice[data-reaction="sad"]`);
    await waitForRows(popup, (r) => r.length === loved.length - 1);
    await popup.waitForFunction(() =>
      document.getElementById('history-summary')?.textContent?.includes('no longer shown'),
    );
    await popup.click('#filters .chip[data-reaction="love"]');
    await waitForRows(popup, (r) => r.length === 19);
  });

  it('turns the toolbar off and on for the active tab’s site, in every open tab of it', async () => {
    const article = await suite.session.browser.newPage();
    const sameSite = await suite.session.browser.newPage();
    let sitePopup: Page | undefined;
    try {
      await sameSite.goto(suite.server.url('demo-article-ar.html'));
      await article.goto(suite.server.url('demo-article.html'));
      // Nothing is detected in a hidden tab (content/article-watcher): each is looked at in front.
      await article.bringToFront();
      await waitForToolbar(article, { shown: true }, 10_000);
      await sameSite.bringToFront();
      await waitForToolbar(sameSite, { shown: true }, 10_000);

      sitePopup = await openPopupOver(article);
      await sitePopup.waitForSelector('#site-switch:not([hidden])');
      expect(await sitePopup.$eval('#site-name', (name) => name.textContent)).toBe('127.0.0.1');
      expect(await sitePopup.$eval('#site-toggle', (t) => (t as HTMLInputElement).checked)).toBe(
        true,
      );
      await sitePopup.click('#site-toggle');
      await waitForToolbar(article, { shown: false });
      await waitForToolbar(sameSite, { shown: false });

      // Reloaded on a site turned off, the page gets no toolbar at all: the content script
      // asks for the switch first and does nothing more. In front (which closes Chromium's
      // popup): a page in a background tab waits for the reader before it asks.
      await sitePopup.close().catch(() => {});
      await article.reload();
      await article.bringToFront();
      await waitForDecision(article);
      expect(await article.$(TOOLBAR), 'no element for the page to find').toBeNull();

      sitePopup = await openPopupOver(article);
      await sitePopup.waitForSelector('#site-switch:not([hidden])');
      expect(await sitePopup.$eval('#site-toggle', (t) => (t as HTMLInputElement).checked)).toBe(
        false,
      );
      await sitePopup.click('#site-toggle');
      await waitForToolbar(article, { shown: true });
      await waitForToolbar(sameSite, { shown: true });
    } finally {
      await sitePopup?.close().catch(() => {});
      await article.close();
      await sameSite.close();
    }
  });

  it('clears everything after confirmation', async () => {
    await popup.bringToFront();
    await popup.click('#clear-all');
    await popup.waitForSelector('#confirm-clear[open]');
    await popup.click('#confirm-clear button[value="cancel"]');
    expect(await waitForRows(popup, (r) => r.length === 19)).toHaveLength(19);

    await popup.evaluate(() => window.scrollTo(0, 0));
    for (const scheme of ['light', 'dark'] as const) {
      await setColorScheme(popup, scheme);
      await popup.screenshot({ path: join(SCREENSHOT_DIR, `${browserName}-popup-${scheme}.png`) });
    }
    await setColorScheme(popup, 'light');

    // A second popup left open on a removal: its Undo would put the reaction back into the
    // history cleared here.
    const other = await openPopup();
    try {
      await other.click('#history li.history-entry .history-remove');
      await waitForRows(other, (r) => r.length === 18);
      await other.waitForSelector('#snackbar:not([hidden])');
      await popup.bringToFront();
      await waitForRows(popup, (r) => r.length === 18);

      await popup.click('#clear-all');
      await popup.waitForSelector('#confirm-clear[open]');
      await popup.click('#confirm-clear-yes');
      await waitForRows(popup, (r) => r.length === 0);
      expect(await isVisible(popup, '#history-empty')).toBe(true);
      expect(await popup.$eval('#status', (s) => s.textContent)).toBe('Removed 18 reactions.');
      await other.waitForSelector('#snackbar[hidden]');
      await waitForRows(other, (r) => r.length === 0);
    } finally {
      await other.close();
    }
  });

  it('keeps its buttons in reach of the mouse and of Tab below a long history', async () => {
    const now = Date.now();
    const votes: Vote[] = Array.from({ length: 200 }, (_, i) => ({
      key: `https://news.example/long/${i}`,
      url: `https://news.example/long/${i}`,
      title: `Story ${i}`,
      site: 'news.example',
      reaction: 'like',
      createdAt: now - i * 60_000,
      updatedAt: now - i * 60_000,
    }));
    const path = join(workDir, 'long.json');
    await writeFile(path, JSON.stringify({ format: 'moodmark-history', version: 1, votes }));
    await (await popup.$('input#import-file'))!.uploadFile(path);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Imported'),
    );
    await reloadPopup(popup);
    // Each time the reader scrolls to the end, another page of rows comes; the buttons stay.
    for (const pages of [2, 3]) {
      await popup.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await waitForRows(popup, (r) => r.length === pages * 40);
      const onTop = await popup.$eval('#export-json', (button) => {
        const { x, y, width, height } = button.getBoundingClientRect();
        return document.elementFromPoint(x + width / 2, y + height / 2) === button;
      });
      expect(onTop, `after ${pages} pages`).toBe(true);
    }
    // The list is one Tab stop, however many rows it has.
    await popup.$eval('#filters .chip:last-child', (chip) => (chip as HTMLElement).focus());
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Story 0');
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('export-json');
    await popup.keyboard.press('Tab');
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('import-file');
  });

  it("closes a row's reaction picker as Tab leaves it, one Tab stop moved with the arrows", async () => {
    await waitForRows(popup, (r) => r.length === 120);
    const focused = () =>
      popup.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return active?.id || active?.dataset.reaction || active?.className;
      });
    await popup.$eval('#filters .chip:last-child', (chip) => (chip as HTMLElement).focus());
    await popup.keyboard.press('Tab');
    await popup.keyboard.press('ArrowLeft');
    await popup.keyboard.press('Enter');
    // Opened on the row's reaction (like, the first); End goes to the last, wow.
    expect(await focused()).toBe('like');
    await popup.keyboard.press('End');
    expect(await focused()).toBe('wow');
    await popup.keyboard.press('Tab');
    expect(await focused()).toBe('export-json');
    const openPickers = () => popup.$$eval('.history-picker:not([hidden])', (open) => open.length);
    expect(await openPickers()).toBe(0);
    await popup.keyboard.down('Shift');
    await popup.keyboard.press('Tab');
    await popup.keyboard.up('Shift');
    expect(await focused()).toBe('history-emoji');
  });

  it('undoes a removal far down a long list in place: the rows stay, focus on the one back', async () => {
    const before = await waitForRows(popup, (r) => r.length === 120);
    const index = before.findIndex((row) => row.title === 'Story 100');
    await popup.$$eval(
      '#history li.history-entry',
      (items, at) => items[at]!.querySelector<HTMLElement>('.history-remove')!.focus(),
      index,
    );
    await popup.keyboard.press('Enter');
    await waitForRows(popup, (r) => r.length === 119 && r[index]!.title !== 'Story 100');
    await popup.click('#snackbar-undo');
    expect(await waitForRows(popup, (r) => r.length === 120)).toEqual(before);
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Story 100');
  });

  it('keeps the row focus goes to after a removal clear of the Undo bar that comes with it', async () => {
    await waitForRows(popup, (r) => r.length === 120);
    // The row just above the sticky footer, the lowest the reader sees whole, its × focused.
    const index = 10;
    await popup.$$eval(
      '#history li.history-entry',
      (items, at) => {
        const footerTop = document.getElementById('actions')!.getBoundingClientRect().top;
        window.scrollBy(0, items[at]!.getBoundingClientRect().bottom - footerTop);
        items[at]!.querySelector<HTMLElement>('.history-remove')!.focus();
      },
      index,
    );
    await popup.keyboard.press('Enter');
    await waitForRows(popup, (r) => r.length === 119);
    await popup.waitForFunction(() => !document.getElementById('snackbar')!.hidden);
    // A frame for the footer's growth to be laid out and heard.
    await popup.evaluate(() => new Promise(requestAnimationFrame));
    const shown = await popup.evaluate(() => ({
      // The next row's ×, as the × was focused: Enter again removes that row.
      focused: document.activeElement?.matches('.history-remove')
        ? document.activeElement.closest('li')?.querySelector('.history-title')?.textContent
        : document.activeElement?.outerHTML,
      rowBottom: document.activeElement!.closest('li')!.getBoundingClientRect().bottom,
      footerTop: document.getElementById('actions')!.getBoundingClientRect().top,
    }));
    expect(shown.focused).toBe(`Story ${index + 1}`);
    expect(shown.rowBottom).toBeLessThanOrEqual(shown.footerTop + 1);
    await popup.click('#snackbar-undo');
    await waitForRows(popup, (r) => r.length === 120);
  });

  it('shows the first matches of a search typed far down the list, and loads no more', async () => {
    await waitForRows(popup, (r) => r.length >= 120);
    await popup.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await popup.focus('#search');
    await popup.keyboard.type('story');
    await popup.waitForFunction(() =>
      document.getElementById('history-summary')?.textContent?.startsWith('More than'),
    );
    const shown = await popup.evaluate(() => {
      const controls = document.getElementById('history-controls')!.getBoundingClientRect();
      const first = document.querySelector('#history li.history-entry')!.getBoundingClientRect();
      return { firstTop: first.top, controlsBottom: controls.bottom };
    });
    expect(shown.firstTop).toBeGreaterThanOrEqual(shown.controlsBottom);
    expect(shown.firstTop).toBeLessThan(shown.controlsBottom + 60);
    expect(await rows(popup)).toHaveLength(40);
    await popup.$eval('#search', (box) => ((box as HTMLInputElement).value = ''));
    await popup.type('#search', ' ');
    await popup.keyboard.press('Backspace');
  });

  it('takes Enter held down on Export as one press: one file, not one per repeat', async () => {
    await popup.evaluate(() => {
      const downloads: string[] = [];
      (window as unknown as { downloads: string[] }).downloads = downloads;
      // Record the download instead of saving a file.
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        downloads.push(this.download);
      };
    });
    const downloads = () =>
      popup.evaluate(() => (window as unknown as { downloads: string[] }).downloads.length);
    await popup.focus('#export-json');
    // The key's repeats, which come while it is held.
    for (let press = 0; press < 4; press++) await popup.keyboard.down('Enter');
    await popup.keyboard.up('Enter');
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Exported'),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await downloads()).toBe(1);
  });

  // Chromium's own accessibility tree, through the DevTools protocol (Firefox has no such view).
  it.runIf(browserName === 'chromium')(
    'keeps every row shown in the accessibility tree, days far out of view too',
    async () => {
      const day = 86_400_000;
      const start = Date.now() - 60 * day;
      const votes: Vote[] = Array.from({ length: 40 }, (_, i) => ({
        key: `https://news.example/day/${i}`,
        url: `https://news.example/day/${i}`,
        title: `Daily story ${i}`,
        site: 'news.example',
        reaction: 'wow',
        createdAt: start - i * day,
        updatedAt: start - i * day,
      }));
      const path = join(workDir, 'days.json');
      await writeFile(path, JSON.stringify({ format: 'moodmark-history', version: 1, votes }));
      await (await popup.$('input#import-file'))!.uploadFile(path);
      await popup.waitForFunction(() =>
        document.querySelector('#status')?.textContent?.startsWith('Imported: 40 added'),
      );
      // One row a day: forty day groups, most of them far below the view.
      await popup.type('#search', 'daily');
      await waitForRows(popup, (r) => r.length === 40 && r.every((row) => row.title !== 'Story 0'));
      await popup.evaluate(() => window.scrollTo(0, 0));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const devtools = await popup.createCDPSession();
      try {
        const { nodes } = await devtools.send('Accessibility.getFullAXTree');
        const links = nodes.filter(
          (node) =>
            node.role?.value === 'link' &&
            !node.ignored &&
            /^Daily story/.test(String(node.name?.value)),
        );
        expect(links).toHaveLength(40);
      } finally {
        await devtools.detach();
      }
    },
  );
});
