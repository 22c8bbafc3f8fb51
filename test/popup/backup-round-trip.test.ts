import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import { mergeVotes, openVoteDatabase, type VoteDatabase } from '../../src/background/database';
import { articleKey } from '../../src/core/article-key';
import { siteOf } from '../../src/core/article-url';
import { MAX_CLOCK_SKEW_MS } from '../../src/core/history-import';
import { REACTIONS } from '../../src/core/reactions';
import { cleanTitle, MAX_URL_LENGTH } from '../../src/core/vote';
import { exportHistoryFile, importHistoryFile, type BackupCall } from '../../src/popup/backup';
import { callBackground, type Vote } from '../../src/protocol';

/**
 * Backups of a large, hostile history through the real background calls on fake-indexeddb,
 * each message structured-cloned as a browser passes it: what goes out comes back exactly.
 */

const NOW = Date.UTC(2026, 10, 30);

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function background() {
  const db = await openVoteDatabase(`backup-round-trip-${++counter}`);
  opened.push(db);
  const calls = createBackgroundCalls(
    async () => db,
    () => NOW,
  );
  const call: BackupCall = (name, input) =>
    callBackground(async (message) => answerMessage(calls, structuredClone(message)), name, input);
  return { db, call, calls };
}

/** The node Blob has stream(), which jsdom's lacks. */
const asFile = (text: string) => new NodeBlob([text]) as unknown as Blob;

/** Titles a page may give, as the background keeps them (cleanTitle). */
const TITLES = [
  'Plain headline',
  'Tax "reform", explained \\ with a backslash',
  '=HYPERLINK("https://evil.example","click")',
  '+1 -1 @SUM(A1)',
  'مرحبا بالعالم: عنوان عربي',
  'שלום עולם',
  '\u202eevil override left open',
  '\u2067isolate \u202bembedding',
  'Family 👨‍👩‍👧‍👦, flags 🇩🇪🇯🇵, skin 👍🏽, keycap 1️⃣',
  'Lone high \ud800 and lone low \udfff surrogates',
  'Ends on a lone half \ud83d',
  'Combining e\u0301 and Zalgo z\u0336\u0337a\u0338',
  '中文标题，日本語のタイトル、한국어 제목',
  'Line\u2028separator\u2029and NEL\u0085 kept apart',
  '</script><script>alert(1)</script>',
  '{"key":"https://bank.example/","reaction":"love"}',
  'Zero\u200bwidth\u200djoiner\ufeffmark',
  '😮'.repeat(600),
  'x'.repeat(499) + '😂',
];

/** Addresses a page may have, up to the longest kept. */
function addressOf(i: number): string {
  const sites = ['news.example', 'bücher.example', 'xn--80ak6aa92e.example', 'blog.co.uk'];
  const site = sites[i % sites.length]!;
  const path = `/story/${i}/${encodeURIComponent('é ü 😮')}`;
  if (i % 97 === 0) {
    const base = `https://${site}${path}?q=`;
    return base + 'a'.repeat(MAX_URL_LENGTH - new URL(base).href.length);
  }
  return `https://www.${site}${path}?page=${i % 3}`;
}

/** `count` votes as the background stores them, over every reaction and the times' edges. */
function storedVotes(count: number): Vote[] {
  const times = [0, 1, NOW - 1, NOW, NOW + MAX_CLOCK_SKEW_MS];
  return Array.from({ length: count }, (_, i) => {
    const url = new URL(addressOf(i)).href;
    const key = articleKey(url)!;
    const updatedAt = i < times.length ? times[i]! : NOW - i * 1000;
    const vote: Vote = {
      key,
      url,
      title: cleanTitle(TITLES[i % TITLES.length]!) || cleanTitle(url),
      site: siteOf(new URL(key).hostname),
      reaction: REACTIONS[i % REACTIONS.length]!,
      createdAt: i % 5 === 0 ? updatedAt : Math.max(0, updatedAt - 86_400_000),
      updatedAt,
    };
    return i % 4 === 0 ? { ...vote, lang: ['de-AT', 'ar', 'he', 'zh-Hant-TW'][(i / 4) % 4] } : vote;
  });
}

/** Seeds `votes` as imports do, a batch at a time. */
async function seed(db: VoteDatabase, votes: Vote[]): Promise<void> {
  for (let i = 0; i < votes.length; i += 2000) await mergeVotes(db, votes.slice(i, i + 2000));
}

const exported = async (call: BackupCall, total: number) =>
  (await exportHistoryFile(call, 'json', NOW, total)).file.text();

describe('a backup of a large history with hostile titles', () => {
  const VOTES = 20_500;

  it('imports back exactly, and imported again changes nothing', async () => {
    const votes = storedVotes(VOTES);
    const source = await background();
    await seed(source.db, votes);
    const text = await exported(source.call, VOTES);
    const byKey = (a: Vote, b: Vote) => (a.key < b.key ? -1 : 1);
    expect(JSON.parse(text).votes).toEqual([...votes].sort(byKey));

    const target = await background();
    await expect(importHistoryFile(target.call, asFile(text))).resolves.toEqual({
      added: VOTES,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejectedFutureDated: 0,
      rejectedOtherSite: 0,
    });
    const stored = await target.db.getAll('votes');
    expect(await exported(target.call, VOTES)).toBe(text);

    await expect(importHistoryFile(target.call, asFile(text))).resolves.toMatchObject({
      added: 0,
      updated: 0,
      unchanged: VOTES,
      rejected: 0,
    });
    expect(await target.db.getAll('votes')).toEqual(stored);
    expect(await target.calls.getHistoryStats({})).toEqual(await source.calls.getHistoryStats({}));
  }, 300_000);
});

describe('a backup of votes given on every kind of address', () => {
  /** Pages as the toolbar names them: address, and what the page declares. */
  const PAGES: [string, string[]][] = [
    ['https://www.news.example/world/story?utm_source=feed&fbclid=1#comments', []],
    ['http://news.example/plain', []],
    ['https://news.example:8443/port/', []],
    ['https://user:secret@news.example/credentials', []],
    ['https://m.news.example/mobile', []],
    ['https://en.m.wiki.example/wiki/Caf%C3%A9', []],
    ['https://news.example/amp/story/1', ['https://news.example/story/1']],
    ['https://news-example.cdn.ampproject.org/c/s/news.example/cached', []],
    ['https://www-news-example.translate.goog/translated?_x_tr_sl=de&_x_tr_tl=en', []],
    ['https://news.example/article.php?id=12', ['https://news.example/article.php']],
    ['https://news.example/app/#!/story/1', ['https://news.example/app/']],
    ['https://uk.news.example/nested', ['https://news.example/nested']],
    ['https://news.example/syndicated', ['https://other.example/original']],
    ['https://news.example/home-declared', ['https://news.example/']],
    ['https://news.example/sorted?b=2&a=1', []],
    ['https://bücher.example/ä?ö=ü', []],
    ['https://news.example/%7Euser/%E2%80%AE', []],
    ['https://news.example/', []],
  ];

  it('imports back exactly, under the same keys', async () => {
    const source = await background();
    for (const [i, [url, declaredUrls]] of PAGES.entries()) {
      await answerMessage(source.calls, {
        call: 'setReaction',
        input: { url, declaredUrls, title: TITLES[i]!, reaction: REACTIONS[i % 7], lang: 'fr' },
      });
    }
    const text = await exported(source.call, PAGES.length);
    expect(JSON.parse(text).votes).toHaveLength(PAGES.length);

    const target = await background();
    await expect(importHistoryFile(target.call, asFile(text))).resolves.toMatchObject({
      added: PAGES.length,
      rejected: 0,
    });
    expect(await exported(target.call, PAGES.length)).toBe(text);
    await expect(importHistoryFile(source.call, asFile(text))).resolves.toMatchObject({
      unchanged: PAGES.length,
    });
  });
});

describe('an import that disagrees with the history, from a file with hostile records', () => {
  const vote = (path: string, reaction: Vote['reaction'], updatedAt: number): Vote => ({
    key: `https://news.example/${path}`,
    url: `https://news.example/${path}`,
    title: `Story ${path}`,
    site: 'news.example',
    reaction,
    createdAt: updatedAt - 1000,
    updatedAt,
  });
  const fileOf = (votes: unknown[]) =>
    JSON.stringify({ format: 'moodmark-history', version: 1, exportedAt: NOW, votes });

  it('keeps the newer of each article, skips each bad record, and changes nothing twice', async () => {
    const target = await background();
    const stored = [vote('kept', 'love', NOW - 10), vote('older', 'sad', NOW - 100)];
    await seed(target.db, stored);
    const records: unknown[] = [
      // Older than the stored vote, then newer, each under another address of its article.
      { ...vote('kept', 'angry', NOW - 50), key: 'https://www.news.example/kept?utm_source=x' },
      { ...vote('older', 'wow', NOW - 5), key: 'https://news.example/older#comments' },
      // Three copies of a new article, the newest in the middle.
      vote('new', 'like', NOW - 30),
      { ...vote('new', 'funny', NOW - 20), key: 'HTTPS://WWW.NEWS.EXAMPLE/new' },
      vote('new', 'dislike', NOW - 40),
      // Records no vote can be made of, each skipped alone.
      null,
      42,
      'https://news.example/string',
      [vote('array', 'like', NOW)],
      { ...vote('meh', 'like', NOW), reaction: 'meh' },
      { ...vote('future', 'like', NOW), updatedAt: NOW + MAX_CLOCK_SKEW_MS + 1 },
      { ...vote('negative', 'like', NOW), createdAt: -1 },
      { ...vote('script', 'like', NOW), url: 'javascript:alert(1)' },
      { ...vote('elsewhere', 'like', NOW), url: 'https://other.example/elsewhere' },
      { ...vote('kept', 'dislike', NOW), key: 'https://news.example/kept', reaction: 'Like' },
    ];
    const text = fileOf(records);
    const report = {
      added: 1,
      updated: 1,
      unchanged: 3,
      rejected: 10,
      rejectedFutureDated: 1,
      rejectedOtherSite: 1,
    };
    await expect(importHistoryFile(target.call, asFile(text))).resolves.toEqual(report);
    const byKey = Object.fromEntries(
      (await target.db.getAll('votes')).map((stored) => [stored.key, stored.reaction]),
    );
    expect(byKey).toEqual({
      'https://news.example/kept': 'love',
      'https://news.example/older': 'wow',
      'https://news.example/new': 'funny',
    });
    const after = await target.db.getAll('votes');
    await expect(importHistoryFile(target.call, asFile(text))).resolves.toEqual({
      ...report,
      added: 0,
      updated: 0,
      unchanged: 5,
    });
    expect(await target.db.getAll('votes')).toEqual(after);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
