import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import { openVoteDatabase, type VoteDatabase } from '../../src/background/database';
import { normalizeArticleUrl, siteOf } from '../../src/core/article-url';
import { ImportError } from '../../src/core/history-import';
import { REACTIONS } from '../../src/core/reactions';
import { isVoteOnOneSite } from '../../src/core/same-site';
import { searchTerms } from '../../src/core/search-terms';
import { cleanTitle, isHttpUrl, type Vote } from '../../src/core/vote';
import { importHistoryFile, type BackupCall } from '../../src/popup/backup';
import {
  callBackground,
  FAILURE_KINDS,
  parseCallMessage,
  type CallName,
  type CallReply,
  type ContentMessage,
} from '../../src/protocol';

/**
 * Every message the background receives is untrusted input. These tests throw thousands of
 * random and mutated messages at `answerMessage` over a seeded database and check that each one
 * is answered with data (never a throw), and that nothing but a well-formed write changes the
 * store; then sequences of valid writes with hostile content (setReaction, editVote,
 * restoreVote, importHistory), each structured-cloned as a browser passes it, after which the
 * store's invariants must hold.
 */

/** Random messages generated per property. */
const RUNS = 10_000;
/** Messages that must reach `answerMessage` per property (valid writes are skipped): ≥ 10,000 in all. */
const MIN_SENT = 5_000;
/** A seed, so a failure reproduces; fast-check prints it with the counterexample. */
const SEED = 20_250_314;
/** Longest error text a reply may carry: an error must not echo a huge input back. */
const MAX_ERROR_CHARS = 1_000;

/** Calls that change the store when their input is valid: excluded from the random set. */
const WRITE_CALLS = new Set<CallName>([
  'setReaction',
  'editVote',
  'restoreVote',
  'clearHistory',
  'importHistory',
  'setSiteDisabled',
  'setCorrection',
]);
const CALL_NAMES: CallName[] = [
  'getReaction',
  'setReaction',
  'listHistory',
  'getHistoryStats',
  'editVote',
  'restoreVote',
  'lastRemoval',
  'clearHistory',
  'exportHistory',
  'importHistory',
  'getSiteState',
  'setSiteDisabled',
  'listDisabledSites',
  'getCorrection',
  'setCorrection',
  'listCorrections',
];
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
];

const START = 1_700_000_000_000;
const SEEDED_URLS = Array.from(
  { length: 24 },
  (_, i) => `https://www.news${i % 4}.example/section/story-${i}?id=${i}&utm_source=feed`,
);

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function seededBackground() {
  const db = await openVoteDatabase(`fuzz-${++counter}-${Date.now()}`);
  opened.push(db);
  let clock = START;
  const broadcasts: ContentMessage[] = [];
  const calls = createBackgroundCalls(
    async () => db,
    () => (clock += 1000),
    (message) => broadcasts.push(message),
  );
  for (const [i, url] of SEEDED_URLS.entries()) {
    const reply = await answerMessage(calls, {
      call: 'setReaction',
      input: { url, title: `Story ${i} — ferry, budget & weather`, reaction: REACTIONS[i % 7] },
    });
    expect(reply.ok).toBe(true);
  }
  await answerMessage(calls, {
    call: 'setSiteDisabled',
    input: { url: 'https://blocked.example/x', disabled: true },
  });
  broadcasts.length = 0;
  const send = (message: unknown) => answerMessage(calls, message);
  return { db, calls, send, broadcasts };
}

/** A background over a new, empty database. */
async function emptyBackground() {
  const db = await openVoteDatabase(`fuzz-writes-${++counter}-${Date.now()}`);
  let clock = START;
  const calls = createBackgroundCalls(
    async () => db,
    () => (clock += 1000),
  );
  return { db, send: (message: unknown) => answerMessage(calls, message) };
}

/** Everything in the database, record for record, to compare before and after. */
async function snapshot(db: VoteDatabase) {
  const tx = db.transaction(['votes', 'stats', 'sites']);
  const [votes, statsKeys, statsValues, sites] = await Promise.all([
    tx.objectStore('votes').getAll(),
    tx.objectStore('stats').getAllKeys(),
    tx.objectStore('stats').getAll(),
    tx.objectStore('sites').getAll(),
  ]);
  await tx.done;
  return { votes, stats: statsKeys.map((key, i) => [key, statsValues[i]]), sites };
}

// --- What a message may look like ---------------------------------------------------------

const hugeString = fc.constantFrom(
  'x'.repeat(3_000),
  'https://news.example/' + 'a'.repeat(5_000),
  '😮'.repeat(100_000),
  '\u0000'.repeat(10_000),
);
const hostileNumber = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  -0,
  Number.MAX_VALUE,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  0.5,
);
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hugeString,
  fc.constantFrom(
    '',
    ' ',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'chrome-extension://abc/popup.html',
    'moz-extension://abc/popup.html',
    'https://',
    'http://[::1',
    'https://news.example/%E0%A4%A',
    'https://news.example/a b',
    '<img src=x onerror=alert(1)>',
    'LIKE',
    'like ',
    'Like',
    ...PROTOTYPE_KEYS,
  ),
);
/** Objects whose keys include prototype names; JSON.parse makes `__proto__` an own key. */
const prototypeObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  JSON.parse('{"__proto__": {"ok": true, "value": 1}}') as unknown,
  Object.create(null) as unknown,
  Object.assign(Object.create(null) as object, { url: 'https://news.example/a', title: 't' }),
);
function deeplyNested(depth: number): unknown {
  let value: unknown = { call: 'getReaction', input: { url: 'https://news.example/a' } };
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { input: value, call: 'getReaction' };
  return value;
}
const deepValue = fc.constantFrom(deeplyNested(100), deeplyNested(5_000));

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  {
    weight: 3,
    arbitrary: fc.anything({
      key: fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_KEYS, 'call', 'input', 'url')),
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withDate: true,
      withBigInt: true,
    }),
  },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: prototypeObject },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, false, [], {}, Symbol('s')) },
);

const validVote = {
  key: 'https://news9.example/section/new-story',
  url: 'https://www.news9.example/section/new-story',
  title: 'A restored story',
  site: 'news9.example',
  reaction: 'wow',
  createdAt: START - 5000,
  updatedAt: START - 4000,
};

/** One valid message per call (write calls aimed at data that exists, so that they would act). */
const VALID_MESSAGES: Record<CallName, Record<string, unknown>> = {
  getReaction: { url: SEEDED_URLS[0], declaredUrls: [SEEDED_URLS[1]] },
  setReaction: { url: SEEDED_URLS[2], title: 'Changed', reaction: 'sad' },
  reactionShown: { reaction: 'like' },
  toolbarWanted: {},
  detectorWanted: {},
  listHistory: {
    limit: 10,
    after: { updatedAt: START + 5000, key: 'https://news1.example/x' },
    query: 'ferry',
    reaction: 'like',
  },
  getHistoryStats: {},
  editVote: { key: 'https://news3.example/section/story-3?id=3', reaction: 'love' },
  restoreVote: { vote: validVote },
  lastRemoval: {},
  clearHistory: {},
  exportHistory: { limit: 10, after: SEEDED_URLS[0] },
  importHistory: { votes: [validVote] },
  getSiteState: { url: 'https://blocked.example/y' },
  setSiteDisabled: { url: 'https://blocked.example/y', disabled: false },
  listDisabledSites: {},
  getCorrection: { url: SEEDED_URLS[3] },
  setCorrection: {
    key: 'https://news3.example/section/story-3?id=3',
    correction: { toolbar: 'hide', title: 'Story 3', url: SEEDED_URLS[3], setAt: START },
  },
  listCorrections: {},
};

/** A valid message with one field (of the envelope, the input, or a nested object) replaced. */
const mutatedMessage: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...CALL_NAMES), fc.nat(), anyValue, fc.nat(3))
  .map(([call, pick, value, how]) => {
    const input = structuredClone(VALID_MESSAGES[call]);
    const message: Record<string, unknown> = { call, input };
    const paths: string[][] = [['call'], ['input'], ...PROTOTYPE_KEYS.map((key) => [key])];
    for (const key of Object.keys(input)) paths.push(['input', key]);
    for (const key of PROTOTYPE_KEYS) paths.push(['input', key]);
    if (call === 'restoreVote')
      for (const key of Object.keys(validVote)) paths.push(['input', 'vote', key]);
    if (call === 'listHistory')
      paths.push(['input', 'after', 'updatedAt'], ['input', 'after', 'key']);
    const path = paths[pick % paths.length]!;
    let target = message;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = path.at(-1)!;
    if (how === 0) delete target[last];
    // defineProperty, so `__proto__` becomes an own key rather than changing the prototype.
    else
      Object.defineProperty(target, last, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return message;
  });

const envelope: fc.Arbitrary<unknown> = fc.record({
  call: fc.oneof(
    fc.constantFrom(...CALL_NAMES),
    fc.constantFrom(...PROTOTYPE_KEYS, 'setreaction', 'SetReaction', 'answerMessage', ''),
    anyValue,
  ),
  input: anyValue,
});

// --- What a reply may look like -----------------------------------------------------------

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCounts = (value: unknown) =>
  isObject(value) && REACTIONS.every((reaction) => Number.isInteger(value[reaction]));
const isVote = (value: unknown) =>
  isObject(value) &&
  typeof value.key === 'string' &&
  typeof value.url === 'string' &&
  typeof value.title === 'string' &&
  (REACTIONS as readonly unknown[]).includes(value.reaction);

/** What an ok reply to each read call holds. */
const OK_VALUE: Partial<Record<CallName, (value: unknown) => boolean>> = {
  getReaction: (v) =>
    isObject(v) &&
    typeof v.key === 'string' &&
    typeof v.siteDisabled === 'boolean' &&
    (v.reaction === null || (REACTIONS as readonly unknown[]).includes(v.reaction)),
  listHistory: (v) => Array.isArray(v) && v.every(isVote),
  getHistoryStats: (v) =>
    isObject(v) && isCounts(v.counts) && isCounts(v.last7Days) && isCounts(v.last30Days),
  lastRemoval: (v) => isObject(v) && (v.vote === null || isVote(v.vote)),
  exportHistory: (v) => isObject(v) && Array.isArray(v.votes) && v.votes.every(isVote),
  getSiteState: (v) =>
    isObject(v) &&
    typeof v.site === 'string' &&
    typeof v.disabled === 'boolean' &&
    typeof v.anyCorrection === 'boolean',
  getCorrection: (v) =>
    isObject(v) && (v.toolbar === null || v.toolbar === 'show' || v.toolbar === 'hide'),
  listDisabledSites: (v) =>
    isObject(v) && Array.isArray(v.sites) && v.sites.every((s) => typeof s === 'string'),
  listCorrections: (v) =>
    isObject(v) &&
    Array.isArray(v.corrections) &&
    v.corrections.every((c) => isObject(c) && typeof c.key === 'string'),
};

/** The call a message names when it would pass validation, else null. */
function validCall(message: unknown): CallName | null {
  try {
    return parseCallMessage(message).call;
  } catch {
    return null;
  }
}

function checkReply(message: unknown, reply: CallReply<unknown>): void {
  expect(isObject(reply), 'the reply is an object').toBe(true);
  if (!reply.ok) {
    // A message refused as invalid may say so (asked again, it would be refused again).
    const keys = 'invalid' in reply ? ['error', 'invalid', 'kind', 'ok'] : ['error', 'kind', 'ok'];
    expect(Object.keys(reply).sort()).toEqual(keys);
    if ('invalid' in reply) expect(reply.invalid).toBe(true);
    // What the reader is told; one a message refused as invalid always names so.
    expect(FAILURE_KINDS).toContain(reply.kind);
    if ('invalid' in reply) expect(reply.kind).toBe('refused');
    expect(typeof reply.error).toBe('string');
    expect(reply.error.length).toBeGreaterThan(0);
    expect(reply.error.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    return;
  }
  const call = validCall(message);
  expect(call, 'only a valid message gets an ok reply').not.toBeNull();
  expect(OK_VALUE[call!]?.(reply.value), `the ok reply to ${call} has its shape`).toBe(true);
  // Replies travel through structured clone / JSON: they must survive it.
  expect(() => structuredClone(reply)).not.toThrow();
}

const objectPrototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('answerMessage under fuzzing', () => {
  it.each([
    ['random envelopes and values', fc.oneof(envelope, anyValue)],
    ['valid messages with one field mutated', mutatedMessage],
  ])(
    'answers %s with data and leaves the store as it was',
    async (_name, messages) => {
      const { db, send, broadcasts } = await seededBackground();
      const before = await snapshot(db);
      const prototypeBefore = objectPrototypeKeys();
      let sent = 0;
      let skipped = 0;

      await fc.assert(
        fc.asyncProperty(messages, async (message) => {
          const call = validCall(message);
          if (call && WRITE_CALLS.has(call)) {
            skipped++;
            return;
          }
          sent++;
          let reply: CallReply<unknown> | undefined;
          await expect(
            (async () => {
              reply = await send(message);
            })(),
          ).resolves.toBeUndefined();
          checkReply(message, reply!);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );

      expect(sent, `messages sent (${skipped} valid writes skipped)`).toBeGreaterThanOrEqual(
        MIN_SENT,
      );
      expect(broadcasts, 'no notice went to the tabs').toEqual([]);
      expect(await snapshot(db)).toEqual(before);
      expect(objectPrototypeKeys()).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // The store still works: a valid write and read round trip.
      const url = 'https://news.example/after-the-fuzz';
      await expect(
        send({ call: 'setReaction', input: { url, title: 'After', reaction: 'love' } }),
      ).resolves.toEqual({ ok: true, value: { key: url, reaction: 'love' } });
      await expect(send({ call: 'getReaction', input: { url } })).resolves.toEqual({
        ok: true,
        value: { key: url, reaction: 'love', siteDisabled: false },
      });
      const history = await send({ call: 'listHistory', input: { limit: 500 } });
      expect(history.ok && (history.value as unknown[]).length).toBe(SEEDED_URLS.length + 1);
    },
    180_000,
  );

  it('refuses hostile import files as a whole, sending nothing, and the store stays as it was', async () => {
    const { db, send, broadcasts } = await seededBackground();
    const before = await snapshot(db);
    const sent: unknown[] = [];
    const call: BackupCall = (name, input) =>
      callBackground(
        (message) => {
          sent.push(message);
          return send(structuredClone(message));
        },
        name,
        input,
      );
    const header = '{"format":"moodmark-history","version":1,';
    const hostileFiles = [
      '',
      'not json',
      '['.repeat(200_000),
      '{"a":'.repeat(100_000),
      JSON.stringify({ format: 'moodmark-history', version: 2, votes: [validVote] }),
      JSON.stringify({ format: 'other', version: 1, votes: [validVote] }),
      JSON.stringify({ format: 'moodmark-history', version: 1, votes: {} }),
      `${header}"votes":[${JSON.stringify(validVote)}],"__proto__":{"polluted":true}}`,
      `${header}"votes":[{"__proto__":{"polluted":true},"key":"https://a.example/"}]}`,
      `${header}"votes":[{"constructor":{"prototype":{"polluted":true}}}]}`,
      `${header}"votes":[${JSON.stringify({ ...validVote, title: 'x'.repeat(20_000) })}]}`,
      `${header}"votes":[${JSON.stringify(validVote)}`,
      JSON.stringify([validVote]),
      'null',
      '1e999',
    ];
    for (const text of hostileFiles) {
      await expect(
        importHistoryFile(call, new NodeBlob([text]) as unknown as Blob),
        text.slice(0, 80),
      ).rejects.toThrow(ImportError);
    }
    expect(sent).toEqual([]);
    expect(broadcasts).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// --- Valid writes -------------------------------------------------------------------------

/** Write sequences per property, and the most writes in one. */
const WRITE_RUNS = 150;
const MAX_WRITES = 30;

const hosts = fc.constantFrom(
  'news0.example',
  'www.news0.example',
  'm.news1.example',
  'blog.news2.co.uk',
  'user.github.io',
  'other.github.io',
  'xn--nws-9na.example',
  '127.0.0.1',
);
/** Page addresses, with the variants an article's identity must see through. */
const pageUrl = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    hosts,
    fc.nat(4),
    fc.constantFrom(
      '',
      '/',
      '?utm_source=feed',
      '#comments',
      '?id=3&fbclid=x',
      '/amp',
      '?a=%E2%9C%93',
    ),
  )
  .map(([scheme, host, n, tail]) => `${scheme}://${host}/story/${n}${tail}`);
/** Keys in normalized form, and raw addresses (which editVote looks up as they are). */
const articleKeyOf = (url: string) => normalizeArticleUrl(url) ?? url;
const key = fc.oneof(pageUrl.map(articleKeyOf), pageUrl);
const title = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' \n\t ',
    '\u0000\u0007\u009f',
    '=HYPERLINK("x")',
    '<img src=x>',
    '😮'.repeat(600),
  ),
  hugeString,
);
const reaction = fc.constantFrom(...REACTIONS);
const time = fc.integer({ min: 0, max: START + 2 * 86_400_000 });
/** A vote as restoreVote or a file gives it: valid in form, hostile in content. */
const givenVote = fc
  .tuple(pageUrl, fc.option(pageUrl, { nil: undefined }), title, reaction, time, time)
  .map(([page, link, text, r, a, b]) => ({
    key: articleKeyOf(page),
    url: link ?? page,
    title: text,
    site: 'spoofed.example',
    reaction: r,
    createdAt: Math.min(a, b),
    updatedAt: Math.max(a, b),
  }));
const op = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });

/** One valid write call (valid in form; the background may still refuse what it asks). */
const writeMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .record({
      url: pageUrl,
      declaredUrls: fc.option(fc.array(pageUrl, { maxLength: 3 }), { nil: undefined }),
      title,
      reaction: fc.option(reaction, { nil: null }),
    })
    .map((input) => ({ call: 'setReaction', input })),
  fc
    .record({ key, reaction: fc.option(reaction, { nil: null }) })
    .map((input) => ({ call: 'editVote', input })),
  givenVote.map((vote) => ({ call: 'restoreVote', input: { vote } })),
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: givenVote },
        { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), prototypeObject, hostileString) },
      ),
      {
        maxLength: 12,
      },
    )
    .map((votes) => ({ call: 'importHistory', input: { votes } })),
);

const VOTE_FIELDS = ['createdAt', 'key', 'reaction', 'site', 'title', 'updatedAt', 'url'];

/**
 * The store's invariants: the counts record equals a recount; every vote is in the schema, its
 * key the normalized form of an address on its URL's site, its site the key's; the search store
 * mirrors the votes with their terms; operation ids and the removal kept aside have their shape.
 */
async function expectInvariants(db: VoteDatabase): Promise<void> {
  const stores = ['votes', 'search', 'stats', 'operations', 'removed'] as const;
  const tx = db.transaction([...stores]);
  const [votes, search, statsKeys, stats, operations, removedKeys, removed] = await Promise.all([
    tx.objectStore('votes').getAll(),
    tx.objectStore('search').getAll(),
    tx.objectStore('stats').getAllKeys(),
    tx.objectStore('stats').getAll(),
    tx.objectStore('operations').getAll(),
    tx.objectStore('removed').getAllKeys(),
    tx.objectStore('removed').getAll(),
  ]);
  const recount = Object.fromEntries(REACTIONS.map((r) => [r, 0]));
  const isVoteInSchema = (vote: Vote) => {
    expect(Object.keys(vote).sort()).toEqual(VOTE_FIELDS);
    expect(normalizeArticleUrl(vote.key), vote.key).toBe(vote.key);
    expect(isHttpUrl(vote.url) && isVoteOnOneSite(vote), vote.url).toBe(true);
    expect(vote.site).toBe(siteOf(new URL(vote.key).hostname));
    expect(REACTIONS).toContain(vote.reaction);
    expect(typeof vote.title === 'string' && vote.title.length > 0).toBe(true);
    expect(vote.title).toBe(cleanTitle(vote.title) || vote.title);
    expect(Number.isSafeInteger(vote.createdAt) && vote.createdAt >= 0).toBe(true);
    expect(Number.isSafeInteger(vote.updatedAt) && vote.createdAt <= vote.updatedAt).toBe(true);
  };
  for (const vote of votes) {
    isVoteInSchema(vote);
    recount[vote.reaction] = (recount[vote.reaction] ?? 0) + 1;
  }
  expect(statsKeys).toEqual(['reaction-counts']);
  expect(stats[0]).toEqual(recount);
  expect(search.map(({ terms: _terms, ...vote }) => vote)).toEqual(votes);
  for (const entry of search) {
    expect(entry.terms).toEqual(searchTerms(entry.title, entry.site, entry.updatedAt));
  }
  for (const record of operations) {
    expect(Object.keys(record).sort()).toEqual(['key', 'op', 'writtenAt']);
    expect(Number.isSafeInteger(record.op) && Number.isSafeInteger(record.writtenAt)).toBe(true);
  }
  expect(removedKeys.length).toBeLessThanOrEqual(1);
  for (const record of removed) {
    expect(Object.keys(record).sort()).toEqual(['removedAt', 'vote']);
    isVoteInSchema(record.vote);
  }
}

describe('valid writes under fuzzing', () => {
  it('keep the store within its schema and its counts true, message after message', async () => {
    let writes = 0;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(writeMessage, op), { minLength: 1, maxLength: MAX_WRITES }),
        async (sequence) => {
          const { db, send } = await emptyBackground();
          for (const [message, id] of sequence) {
            // What a browser passes between contexts: a structured clone of the message.
            const reply = await send(structuredClone({ ...message, op: id }));
            expect(isObject(reply) && typeof reply.ok === 'boolean').toBe(true);
            if (!reply.ok) expect(reply.error.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
            writes++;
            if (reply.ok) applied++;
          }
          await expectInvariants(db);
          db.close();
        },
      ),
      { numRuns: WRITE_RUNS, seed: SEED, endOnFailure: true },
    );
    // Most writes must be ones the background carries out, or the property proves little.
    expect(applied).toBeGreaterThan(writes / 2);
  }, 180_000);
});
