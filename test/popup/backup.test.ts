import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import { mergeVotes, openVoteDatabase, type VoteDatabase } from '../../src/background/database';
import { MAX_CLOCK_SKEW_MS } from '../../src/core/history-import';
import { REACTIONS } from '../../src/core/reactions';
import {
  exportHistoryFile,
  importHistoryFile,
  ImportStoppedError,
  runNotedImport,
  takeStoppedImport,
  type BackupCall,
} from '../../src/popup/backup';
import { callBackground, type Vote } from '../../src/protocol';

/**
 * Backups through the real background calls on fake-indexeddb, each message structured-cloned
 * as a browser would pass it.
 */

const NOW = Date.UTC(2026, 10, 30);
/** Small pages and batches (fake-indexeddb is slow), so that a few votes fill several. */
const PAGE = 7;
const BATCH = 5;
/** Several export pages, the last one short, and several import batches. */
const VOTES = 4 * PAGE + 3;

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function background() {
  const db = await openVoteDatabase(`backup-${++counter}`);
  opened.push(db);
  const calls = createBackgroundCalls(
    async () => db,
    () => NOW,
  );
  const sent: { call: string; input: unknown }[] = [];
  const call: BackupCall = (name, input) =>
    callBackground(
      async (message) => {
        sent.push(message);
        return answerMessage(calls, structuredClone(message));
      },
      name,
      input,
    );
  return { db, call, sent };
}

function makeVotes(count: number): Vote[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `https://news${i % 7}.example/story/${i}`,
    url: `https://www.news${i % 7}.example/story/${i}?ref=feed`,
    title: `Story ${i}: "quotes", \\ backslash, é and 😮`,
    site: `news${i % 7}.example`,
    reaction: REACTIONS[i % REACTIONS.length]!,
    createdAt: NOW - 1_000_000 + i,
    updatedAt: NOW - 500_000 + i,
  }));
}

/** The node Blob has stream(), which jsdom's lacks. */
const asFile = (text: string) => new NodeBlob([text]) as unknown as Blob;

describe('exportHistoryFile and importHistoryFile', () => {
  it('round-trip every vote through pages and batches, losslessly', async () => {
    const source = await background();
    const votes = makeVotes(VOTES);
    await mergeVotes(source.db, votes);
    const progress = vi.fn();
    const byKey = (a: Vote, b: Vote) => (a.key < b.key ? -1 : 1);
    const { file, count } = await exportHistoryFile(source.call, 'json', NOW, VOTES, {
      progress,
      pageSize: PAGE,
    });
    expect(count).toBe(VOTES);
    expect(source.sent.map((m) => m.input)).toEqual(
      Array.from({ length: 5 }, (_, i) => ({
        limit: PAGE,
        ...(i > 0 && { after: [...votes].sort(byKey)[i * PAGE - 1]!.key }),
      })),
    );
    expect(progress).toHaveBeenLastCalledWith(1);
    const text = await file.text();
    expect(JSON.parse(text)).toEqual({
      format: 'moodmark-history',
      version: 1,
      exportedAt: NOW,
      votes: [...votes].sort(byKey),
    });

    const target = await background();
    const checking = vi.fn();
    const importing = vi.fn();
    await expect(
      importHistoryFile(target.call, asFile(text), importing, {
        progress: checking,
        batchSize: BATCH,
      }),
    ).resolves.toEqual({
      added: VOTES,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejectedFutureDated: 0,
      rejectedOtherSite: 0,
    });
    expect(checking).toHaveBeenLastCalledWith(1);
    expect(importing).toHaveBeenLastCalledWith(1);
    const batches = target.sent.map((m) => (m.input as { votes: unknown[] }).votes.length);
    expect(Math.max(...batches)).toBe(BATCH);
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(VOTES);
    const back = await exportHistoryFile(target.call, 'json', NOW, VOTES);
    expect(await back.file.text()).toBe(text);
  });

  it('sends votes without the file’s other fields, and counts what is no vote as rejected', async () => {
    const [vote] = makeVotes(1);
    const text = JSON.stringify({
      format: 'moodmark-history',
      version: 1,
      exportedAt: NOW,
      votes: [
        // Fields of a file's own, near the record's limit (strings under 10,000 characters).
        {
          ...vote,
          ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`n${i}`, 'x'.repeat(9_000)])),
        },
        { ...vote, key: 'not an address' },
      ],
    });
    const target = await background();
    await expect(importHistoryFile(target.call, asFile(text))).resolves.toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      rejectedFutureDated: 0,
      rejectedOtherSite: 0,
    });
    expect(target.sent.map((message) => message.input)).toEqual([{ votes: [vote] }]);
  });

  it('adds up why records were rejected, here and by the background', async () => {
    const [vote, other] = makeVotes(2);
    const text = JSON.stringify({
      format: 'moodmark-history',
      version: 1,
      exportedAt: NOW,
      votes: [
        vote,
        { ...vote, key: 'not an address' },
        { ...other, updatedAt: NOW + 2 * MAX_CLOCK_SKEW_MS },
        { ...other, key: 'https://elsewhere.example/story' },
      ],
    });
    const target = await background();
    await expect(importHistoryFile(target.call, asFile(text))).resolves.toMatchObject({
      added: 1,
      rejected: 3,
      rejectedFutureDated: 1,
      rejectedOtherSite: 1,
    });
  });

  it('keeps the newest copy of an article the background accepts, whichever batch it is in', async () => {
    const [vote] = makeVotes(1);
    // Files joined by hand: a later copy whose link is on another site than its key.
    const elsewhere = { ...vote!, url: 'https://elsewhere.example/story', updatedAt: NOW - 1 };
    const text = JSON.stringify({
      format: 'moodmark-history',
      version: 1,
      exportedAt: NOW,
      votes: [vote, elsewhere],
    });
    for (const batchSize of [1, 2]) {
      const target = await background();
      await expect(
        importHistoryFile(target.call, asFile(text), () => {}, { batchSize }),
      ).resolves.toEqual({
        added: 1,
        updated: 0,
        unchanged: 0,
        rejected: 1,
        rejectedFutureDated: 0,
        rejectedOtherSite: 1,
      });
      const back = await exportHistoryFile(target.call, 'json', NOW, 1);
      expect((JSON.parse(await back.file.text()) as { votes: Vote[] }).votes).toEqual([vote]);
    }
  });

  it('tells the import whole only once the background has merged its last batch', async () => {
    const target = await background();
    const text = await (await exportWith(makeVotes(VOTES))).text();
    /** The records the background has merged, when each share of progress was told. */
    let merged = 0;
    const told: [fraction: number, merged: number][] = [];
    const slowCall = (async (name, input) => {
      const result = await target.call(name, input);
      // A merge takes a while; the file is read meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (name === 'importHistory') merged += (input as { votes: unknown[] }).votes.length;
      return result;
    }) as BackupCall;
    await importHistoryFile(slowCall, asFile(text), (fraction) => told.push([fraction, merged]), {
      batchSize: BATCH,
    });
    expect(told.at(-1)).toEqual([1, VOTES]);
    // No share ahead of what the background has merged.
    for (const [fraction, mergedThen] of told)
      expect(fraction).toBeLessThanOrEqual(mergedThen / VOTES);
  });

  it('tells what the batches merged before one failed, as they stay in the history', async () => {
    const target = await background();
    const text = await (await exportWith(makeVotes(VOTES))).text();
    const failure = new Error('storage full');
    let batches = 0;
    const failingThird = ((name, input) =>
      name === 'importHistory' && ++batches === 3
        ? Promise.reject(failure)
        : target.call(name, input)) as BackupCall;
    const stopped: unknown = await importHistoryFile(failingThird, asFile(text), () => {}, {
      batchSize: BATCH,
    }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(ImportStoppedError);
    expect(stopped).toMatchObject({
      failure,
      report: { added: 2 * BATCH, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect((await exportHistoryFile(target.call, 'json', NOW, 0)).count).toBe(2 * BATCH);
  });

  it('refuses a file that is not a whole export before sending anything', async () => {
    const target = await background();
    const text = (await (await exportWith(makeVotes(10))).text()).slice(0, -20);
    await expect(importHistoryFile(target.call, asFile(text))).rejects.toThrow(/ends early/);
    expect(target.sent).toEqual([]);
  });

  it.each([
    // An editor's "Unicode", or PowerShell's `>` (Windows PowerShell writes UTF-16 with a BOM).
    ['UTF-16LE', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le')],
    ['UTF-16BE', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()],
  ])('imports an export saved again as %s, every title as it was', async (_, encode) => {
    const votes = makeVotes(VOTES);
    const text = await (await exportWith(votes)).text();
    const target = await background();
    const saved = new NodeBlob([encode(text)]) as unknown as Blob;
    await expect(
      importHistoryFile(target.call, saved, () => {}, { batchSize: BATCH }),
    ).resolves.toMatchObject({ added: VOTES, rejected: 0 });
    expect(await (await exportHistoryFile(target.call, 'json', NOW, VOTES)).file.text()).toBe(text);
  });

  it('refuses a file saved again in another encoding than UTF-8 before sending anything', async () => {
    const [vote] = makeVotes(1);
    const text = JSON.stringify({
      format: 'moodmark-history',
      version: 1,
      exportedAt: NOW,
      votes: [{ ...vote, title: 'Café crème' }],
    });
    // Windows-1252 ("ANSI"), as an older editor saves it: é is one byte, E9.
    const ansi = Uint8Array.from(text, (character) => character.charCodeAt(0));
    const target = await background();
    await expect(
      importHistoryFile(target.call, new NodeBlob([ansi]) as unknown as Blob),
    ).rejects.toMatchObject({ name: 'ImportError', reason: 'encoding' });
    expect(target.sent).toEqual([]);
  });

  it.each([
    // A download or copy that stopped half way through a title's emoji.
    ['UTF-8', (text: string) => Buffer.from(text), 2],
    ['UTF-16', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le'), 1],
  ])('refuses a %s file cut off inside a character as ending early', async (_, encode, into) => {
    const bytes = encode(await (await exportWith(makeVotes(3))).text());
    const cut = bytes.subarray(0, bytes.indexOf(encode('😮').subarray(-4)) + into);
    const target = await background();
    await expect(
      importHistoryFile(target.call, new NodeBlob([cut]) as unknown as Blob),
    ).rejects.toMatchObject({ name: 'ImportError', reason: 'truncated' });
    expect(target.sent).toEqual([]);
  });

  it('writes CSV rows for every page', async () => {
    const source = await background();
    await mergeVotes(source.db, makeVotes(VOTES));
    const { file } = await exportHistoryFile(source.call, 'csv', NOW, VOTES, { pageSize: PAGE });
    const lines = (await file.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(VOTES + 1);
    expect(file.type).toBe('text/csv;charset=utf-8');
  });
});

async function exportWith(votes: Vote[]): Promise<Blob> {
  const source = await background();
  await mergeVotes(source.db, votes);
  return (await exportHistoryFile(source.call, 'json', NOW, votes.length)).file;
}

describe('exportHistoryFile over records a damaged profile (or a later version) stored', () => {
  /** Among VOTES good votes, in key order: records that read as no vote, and ones repaired. */
  const leftOut = [{ reaction: 'meh' }, { reaction: undefined }, { updatedAt: 'x' }];
  const repaired = [
    { title: null },
    { url: 42, title: undefined },
    { site: null },
    { createdAt: 'x' },
    { createdAt: null, title: 7 },
  ];

  async function withDamaged() {
    const source = await background();
    const votes = makeVotes(VOTES).sort((a, b) => (a.key < b.key ? -1 : 1));
    await mergeVotes(source.db, votes);
    // Spread over the pages, a page's last record among them.
    const damages = [...leftOut, ...repaired];
    const damaged = damages.map((damage, i) => ({ ...votes[i * 3 + PAGE - 1]!, ...damage }));
    for (const record of damaged) await source.db.put('votes', record as Vote);
    const stored = await source.db.getAll('votes');
    const gone = new Set(damaged.slice(0, leftOut.length).map((record) => record.key));
    return { source, stored, kept: votes.filter((vote) => !gone.has(vote.key)) };
  }

  it.each(['json', 'csv'] as const)(
    'writes every vote it can read into %s, leaving the others stored as they are',
    async (format) => {
      const { source, stored, kept } = await withDamaged();
      const { file, count } = await exportHistoryFile(source.call, format, NOW, VOTES, {
        pageSize: PAGE,
      });
      expect(count).toBe(kept.length);
      const text = await file.text();
      if (format === 'json') {
        const written = (JSON.parse(text) as { votes: Vote[] }).votes;
        expect(written.map((vote) => vote.key)).toEqual(kept.map((vote) => vote.key));
      } else {
        // A row per vote after the header, each ending in CRLF.
        expect(text.split('\r\n')).toHaveLength(kept.length + 2);
      }
      expect(await source.db.getAll('votes')).toEqual(stored);
    },
  );

  it.each([
    ['no time it was last set', { updatedAt: 'x' }],
    ['neither time', { createdAt: null, updatedAt: undefined }],
  ])(
    'lets a file bring back a vote stored with %s, which the history leaves out',
    async (_, damage) => {
      const votes = makeVotes(3);
      const text = await (await exportWith(votes)).text();
      const target = await background();
      await target.db.put('votes', { ...votes[1]!, ...damage } as unknown as Vote);
      await expect(importHistoryFile(target.call, asFile(text))).resolves.toMatchObject({
        added: 2,
        updated: 1,
        unchanged: 0,
      });
      expect(await (await exportHistoryFile(target.call, 'json', NOW, 3)).file.text()).toBe(text);
    },
  );

  it('writes the ones it repairs so that importing the file brings every one back', async () => {
    const { source, kept } = await withDamaged();
    const { file } = await exportHistoryFile(source.call, 'json', NOW, VOTES, { pageSize: PAGE });
    const target = await background();
    await expect(importHistoryFile(target.call, asFile(await file.text()))).resolves.toMatchObject({
      added: kept.length,
      rejected: 0,
    });
  });
});

/**
 * Web Locks shared by the extension's pages, as far as an import needs them: a lock held is
 * refused to `ifAvailable`, and `release` lets it go as the browser does when its page closes.
 */
function fakeLocks() {
  const held = new Set<string>();
  const request = async (name: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (lock: Lock | null) => unknown;
    const { ifAvailable } = (rest.length > 1 ? rest[0] : {}) as LockOptions;
    if (held.has(name)) {
      if (ifAvailable) return callback(null);
      throw new Error('the fake does not queue');
    }
    held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' });
    } finally {
      held.delete(name);
    }
  };
  return {
    locks: { request } as unknown as LockManager,
    release: (name: string) => held.delete(name),
  };
}

describe('runNotedImport and takeStoppedImport', () => {
  afterEach(() => localStorage.clear());

  /**
   * Starts the import of VOTES votes in batches of BATCH, whose third batch never comes back, as
   * in a popup closed while it was merged: the page runs no more code. Resolves once it is sent.
   */
  async function importCutOffAtThirdBatch(locks: LockManager | undefined): Promise<void> {
    const target = await background();
    const text = await (await exportWith(makeVotes(VOTES))).text();
    let batches = 0;
    const closedAtThird = ((name, input) =>
      name === 'importHistory' && ++batches === 3
        ? new Promise(() => {})
        : target.call(name, input)) as BackupCall;
    void runNotedImport(
      localStorage,
      'history.json',
      (saved) =>
        importHistoryFile(closedAtThird, asFile(text), () => {}, { batchSize: BATCH, saved }),
      locks,
    );
    await vi.waitFor(() => expect(batches).toBe(3));
  }

  it('tells the next page, once, what an import its page closed on had saved', async () => {
    await importCutOffAtThirdBatch(undefined);
    await expect(takeStoppedImport(localStorage, undefined)).resolves.toEqual({
      file: 'history.json',
      added: 2 * BATCH,
      updated: 0,
    });
    await expect(takeStoppedImport(localStorage, undefined)).resolves.toBeNull();
  });

  it('leaves an import going on in another page untold, until that page closes', async () => {
    const { locks, release } = fakeLocks();
    await importCutOffAtThirdBatch(locks);
    await expect(takeStoppedImport(localStorage, locks)).resolves.toBeNull();
    release('moodmark-import');
    await expect(takeStoppedImport(localStorage, locks)).resolves.toMatchObject({
      added: 2 * BATCH,
    });
  });

  it('keeps nothing to tell of an import that ended, or failed in its own page', async () => {
    const { locks } = fakeLocks();
    const target = await background();
    const text = await (await exportWith(makeVotes(VOTES))).text();
    const importInto = (call: BackupCall) =>
      runNotedImport(
        localStorage,
        'history.json',
        (saved) => importHistoryFile(call, asFile(text), () => {}, { batchSize: BATCH, saved }),
        locks,
      );
    await expect(importInto(target.call)).resolves.toMatchObject({ added: VOTES });
    expect(localStorage.length).toBe(0);
    const failing = (() => Promise.reject(new Error('storage full'))) as BackupCall;
    await expect(importInto(failing)).rejects.toBeInstanceOf(ImportStoppedError);
    await expect(takeStoppedImport(localStorage, locks)).resolves.toBeNull();
  });

  it('imports all the same where the note cannot be kept', async () => {
    const target = await background();
    const text = await (await exportWith(makeVotes(VOTES))).text();
    const refusing = {
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as Storage;
    await expect(
      runNotedImport(refusing, 'history.json', (saved) =>
        importHistoryFile(target.call, asFile(text), () => {}, { batchSize: BATCH, saved }),
      ),
    ).resolves.toMatchObject({ added: VOTES });
  });
});
