import { describe, expect, it, vi } from 'vitest';
import {
  isContentRequest,
  isInvalidCall,
  parsePageReport,
  CALL_ATTEMPTS,
  callBackground,
  CallError,
  ExtensionGoneError,
  cleanTitle,
  MAX_TITLE_INPUT,
  MAX_TITLE_LENGTH,
  MAX_DECLARED_ADDRESSES,
  MAX_PAGE_URL_INPUT,
  MAX_URL_LENGTH,
  nextOperationId,
  parseCallMessage,
} from '../src/protocol';

const article = 'https://news.example/2026/11/story';

describe('parseCallMessage', () => {
  it.each([
    { name: 'a non-object', message: 'setReaction', error: /must be an object/ },
    { name: 'null', message: null, error: /must be an object/ },
    { name: 'an array', message: [], error: /must be an object/ },
    { name: 'an unknown call', message: { call: 'dropTables', input: {} }, error: /unknown call/ },
    { name: 'a prototype key', message: { call: 'toString', input: {} }, error: /unknown call/ },
    {
      name: 'a call without a prototype',
      message: { call: Object.create(null), input: {} },
      error: /unknown call: object/,
    },
    {
      name: 'a call that cannot be written as text',
      message: { call: Symbol('x'), input: {} },
      error: /unknown call: symbol/,
    },
    { name: 'no input', message: { call: 'getReaction' }, error: /input must be an object/ },
    { name: 'a missing url', message: { call: 'getReaction', input: {} }, error: /url must be/ },
    {
      name: 'a non-web url',
      message: { call: 'getReaction', input: { url: 'javascript:alert(1)' } },
      error: /http or https/,
    },
    {
      name: 'an oversize url',
      message: {
        call: 'getReaction',
        input: { url: `${article}?q=${'x'.repeat(MAX_URL_LENGTH)}` },
      },
      error: /longer than/,
    },
    {
      name: 'an unknown reaction',
      message: { call: 'setReaction', input: { url: article, title: 't', reaction: 'meh' } },
      error: /unknown reaction/,
    },
    {
      name: 'a missing title',
      message: { call: 'setReaction', input: { url: article, reaction: 'wow' } },
      error: /title/,
    },
    {
      name: 'a zero limit',
      message: { call: 'listHistory', input: { limit: 0 } },
      error: /limit/,
    },
    {
      name: 'a fractional limit',
      message: { call: 'listHistory', input: { limit: 2.5 } },
      error: /limit/,
    },
    {
      name: 'a malformed cursor',
      message: { call: 'listHistory', input: { limit: 5, after: { updatedAt: 'x', key: 'k' } } },
      error: /after/,
    },
  ])('rejects $name', ({ message, error }) => {
    expect(() => parseCallMessage(message)).toThrow(error);
  });

  it('accepts each call and cleans its input', () => {
    expect(
      parseCallMessage({
        call: 'setReaction',
        input: { url: article, title: '  Big\n\tnews  ', reaction: 'wow', extra: 1 },
      }),
    ).toEqual({ call: 'setReaction', input: { url: article, title: 'Big news', reaction: 'wow' } });
    expect(
      parseCallMessage({ call: 'setReaction', input: { url: article, title: '', reaction: null } }),
    ).toMatchObject({ input: { reaction: null } });
    expect(parseCallMessage({ call: 'listHistory', input: { limit: 20 } })).toEqual({
      call: 'listHistory',
      input: { limit: 20 },
    });
  });

  it("keeps a vote's title language as a well-formed tag, and the vote without one", () => {
    const vote = (lang: unknown) =>
      parseCallMessage({
        call: 'setReaction',
        input: { url: article, title: 'T', reaction: 'wow', lang },
      });
    expect(vote('de-at')).toMatchObject({ input: { lang: 'de-AT' } });
    // A page's lang attribute is the page's to write: a bad one costs the reader no vote.
    for (const lang of ['', '<script>', 'x'.repeat(100), 42, undefined]) {
      const { input } = vote(lang) as { input: Record<string, unknown> };
      expect(input).not.toHaveProperty('lang');
      expect(input.reaction).toBe('wow');
    }
  });

  /** `article` made `length` characters long by a newsletter's tracking parameters. */
  const tracked = (length: number) => {
    const start = `${article}?utm_source=newsletter&_hsenc=`;
    return `${start}${'x'.repeat(length - start.length - 4)}#top`;
  };
  /** `article` made `length` characters long by a parameter that names the article. */
  const named = (length: number) => `${article}?q=${'x'.repeat(length - article.length - 3)}`;

  it.each(['getReaction', 'setReaction', 'getCorrection'] as const)(
    '%s: takes a longer address, made so by tracking, as its article address',
    (call) => {
      const url = tracked(2500);
      const { input } = parseCallMessage({ call, input: { url, title: 'T', reaction: 'wow' } });
      expect((input as { url: string }).url).toBe(article);
    },
  );

  it.each([
    { name: 'too long without its tracking', url: `${named(MAX_URL_LENGTH + 1)}&fbclid=x` },
    { name: 'longer than a call may carry', url: tracked(MAX_PAGE_URL_INPUT + 1) },
  ])('refuses an address $name, saying why', ({ url }) => {
    const message = { call: 'setReaction', input: { url, title: 'T', reaction: 'wow' } };
    expect(() => parseCallMessage(message)).toThrow(
      /url is longer than (2048 characters even without its tracking parameters|32768 characters)$/,
    );
  });

  it.each(['getSiteState', 'setSiteDisabled'] as const)(
    '%s: takes any address a call may carry, whose host is all it reads',
    (call) => {
      const url = named(MAX_PAGE_URL_INPUT);
      expect(parseCallMessage({ call, input: { url, disabled: true } }).input).toMatchObject({
        url,
      });
    },
  );

  it.each(['getSiteState', 'setSiteDisabled'] as const)(
    '%s: reads a longer address by its head, which names the same host',
    (call) => {
      const url = named(MAX_PAGE_URL_INPUT + 5_000);
      expect(parseCallMessage({ call, input: { url, disabled: true } }).input).toMatchObject({
        url: url.slice(0, MAX_PAGE_URL_INPUT),
      });
    },
  );

  it.each([
    { declaredUrls: ['data:,x', 42, article], expected: [article] },
    { declaredUrls: ['data:,x'], expected: undefined },
    { declaredUrls: 'https://news.example/a', expected: undefined },
    {
      declaredUrls: Array.from({ length: 20 }, (_, i) => `${article}/${i}`),
      expected: Array.from({ length: MAX_DECLARED_ADDRESSES }, (_, i) => `${article}/${i}`),
    },
  ])(
    'keeps the declared addresses that are web addresses, at most a few: $declaredUrls',
    ({ declaredUrls, expected }) => {
      const { input } = parseCallMessage({
        call: 'getReaction',
        input: { url: article, declaredUrls },
      });
      expect(input).toEqual(expected ? { url: article, declaredUrls: expected } : { url: article });
    },
  );
});

describe('cleanTitle', () => {
  it.each([
    { raw: 'Plain', clean: 'Plain' },
    { raw: ' a\u0000b\u001fc\u007f ', clean: 'a b c' },
    { raw: '<img src=x onerror=alert(1)>', clean: '<img src=x onerror=alert(1)>' },
    { raw: '😮'.repeat(MAX_TITLE_LENGTH + 10), clean: '😮'.repeat(MAX_TITLE_LENGTH) },
  ])('$raw → $clean', ({ raw, clean }) => {
    expect(cleanTitle(raw)).toBe(clean);
  });

  it.each(['Story \ud83d ', 'Story \ud83d', '\udc00\ud800 '])(
    'keeps a stored title as it is (%j), so an export imports back the same',
    (raw) => {
      const stored = cleanTitle(raw);
      expect(stored).not.toBe('');
      expect(cleanTitle(stored)).toBe(stored);
    },
  );

  it('reads no more of an absurd title than it can keep, nor half a character', () => {
    expect(cleanTitle(' '.repeat(MAX_TITLE_INPUT - 1) + '😮 the rest')).toBe('');
    // Cut as long by the content script (readArticleTitle).
    expect(cleanTitle(' '.repeat(MAX_TITLE_INPUT - 1) + '\ud83d')).toBe('');
    expect(cleanTitle('a'.repeat(20_000_000))).toBe('a'.repeat(MAX_TITLE_LENGTH));
  });
});

describe('nextOperationId', () => {
  it('increases strictly, also within one clock tick, and follows the clock', () => {
    const ids = Array.from({ length: 1_000 }, nextOperationId);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
    expect(ids.every(Number.isSafeInteger)).toBe(true);
    expect(Math.abs(ids[0]! / 1000 - Date.now())).toBeLessThan(60_000);
  });

  it('follows the wall clock in a page whose own clock stopped while the computer slept', async () => {
    const asleepMs = 60 * 60 * 1000;
    // Time since the page opened, as its clock counts it: an hour short.
    const sinceOpened = Date.now() - performance.timeOrigin - asleepMs;
    const pageClock = vi.spyOn(performance, 'now').mockReturnValue(sinceOpened);
    try {
      // A context of its own (that page's), which has made no call yet.
      vi.resetModules();
      const { nextOperationId: pageOperationId } = await import('../src/protocol');
      expect(Math.abs(pageOperationId() / 1000 - Date.now())).toBeLessThan(60_000);
    } finally {
      pageClock.mockRestore();
    }
  });

  it('starts again from the clock when the clock was set back, rather than running ahead of it', async () => {
    const hour = 60 * 60 * 1000;
    const setBack = Date.UTC(2026, 11, 2, 9);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(setBack + 2 * hour);
    try {
      // A tab opened while the clock ran two hours fast, and another opened after it was put right.
      vi.resetModules();
      const { nextOperationId: tabOperationId } = await import('../src/protocol');
      const beforeSetBack = tabOperationId();
      clock.mockReturnValue(setBack);
      vi.resetModules();
      const { nextOperationId: laterTabOperationId } = await import('../src/protocol');
      const first = tabOperationId();
      expect(first).toBe(setBack * 1000);
      expect(first).toBeLessThan(beforeSetBack);
      // The tab's own ids increase again, and a call made a second later elsewhere is later.
      expect(tabOperationId()).toBe(first + 1);
      clock.mockReturnValue(setBack + 1_000);
      expect(laterTabOperationId()).toBeGreaterThan(first + 1);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('parseCallMessage operation ids', () => {
  it.each([-1, 1.5, '7', Number.MAX_VALUE, null])('refuses op %j', (op) => {
    expect(() => parseCallMessage({ call: 'getHistoryStats', input: {}, op })).toThrow(/op must/);
  });
  it('passes a whole op through, and none when there is none', () => {
    expect(parseCallMessage({ call: 'getHistoryStats', input: {}, op: 7 })).toEqual({
      call: 'getHistoryStats',
      input: {},
      op: 7,
    });
    expect(parseCallMessage({ call: 'getHistoryStats', input: {} })).not.toHaveProperty('op');
  });
});

describe('callBackground', () => {
  const noWait = async () => {};

  it('returns the value of an ok reply', async () => {
    const send = vi.fn(async () => ({ ok: true, value: { key: 'k', reaction: 'wow' } }));
    await expect(callBackground(send, 'getReaction', { url: article }, noWait)).resolves.toEqual({
      key: 'k',
      reaction: 'wow',
    });
    expect(send).toHaveBeenCalledWith({
      call: 'getReaction',
      input: { url: article },
      op: expect.any(Number),
    });
  });

  it('throws an error reply without retrying', async () => {
    const send = vi.fn(async () => ({ ok: false, error: 'unknown reaction' }));
    await expect(callBackground(send, 'getReaction', { url: article }, noWait)).rejects.toThrow(
      'unknown reaction',
    );
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends again when the message is lost in transit', async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(new Error('Receiving end does not exist'))
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ ok: true, value: 'done' });
    await expect(callBackground(send, 'getReaction', { url: article }, noWait)).resolves.toBe(
      'done',
    );
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('sends every attempt with the same operation id, and each call with a later one', async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(new Error('Receiving end does not exist'))
      .mockResolvedValue({ ok: true, value: { key: 'k', reaction: 'like' } });
    const input = { url: article, title: 'T', reaction: 'like' } as const;
    await callBackground(send, 'setReaction', input, noWait);
    await callBackground(send, 'setReaction', input, noWait);
    const ops = send.mock.calls.map(([message]) => (message as { op: number }).op);
    expect(ops).toHaveLength(3);
    expect(ops[1]).toBe(ops[0]);
    expect(ops[2]).toBeGreaterThan(ops[1]!);
    expect(parseCallMessage(send.mock.calls[0]![0]).op).toBe(ops[0]);
  });

  it('gives up after a bounded number of attempts', async () => {
    const send = vi.fn(async () => {
      throw new Error('gone');
    });
    await expect(callBackground(send, 'getReaction', { url: article }, noWait)).rejects.toThrow(
      /did not answer: gone/,
    );
    expect(send).toHaveBeenCalledTimes(CALL_ATTEMPTS);
    // Told apart from a refusal, so that the toolbar can say it in the reader's language.
    await expect(
      callBackground(send, 'getReaction', { url: article }, noWait),
    ).rejects.toMatchObject({ unanswered: true });
    const refuse = vi.fn(async () => ({ ok: false, error: 'no such article' }));
    await expect(
      callBackground(refuse, 'getReaction', { url: article }, noWait),
    ).rejects.toMatchObject({ unanswered: false, message: 'no such article' });
  });

  // Updated, turned off or removed while the page stayed open: sent again, it fails again.
  it.each([
    { before: 'at once', lost: 0 },
    { before: 'after a message lost in transit', lost: 1 },
  ])('gives up at once once the extension is gone from the page ($before)', async ({ lost }) => {
    const send = vi.fn();
    for (let i = 0; i < lost; i++)
      send.mockRejectedValueOnce(new Error('Receiving end does not exist'));
    send.mockRejectedValue(new ExtensionGoneError('Extension context invalidated.'));
    const sleep = vi.fn(async () => {});
    const error = await callBackground(send, 'getReaction', { url: article }, sleep).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ unanswered: true, invalid: false, kind: 'extension-gone' });
    expect(send).toHaveBeenCalledTimes(lost + 1);
    expect(sleep).toHaveBeenCalledTimes(lost);
  });

  it.each([
    { reply: { ok: false, error: 'url is too long to keep', invalid: true }, invalid: true },
    { reply: { ok: false, error: 'the database is busy' }, invalid: false },
  ])('tells a call refused as invalid from one that failed: $reply', async ({ reply, invalid }) => {
    const send = vi.fn(async () => reply);
    const error = await callBackground(send, 'getReaction', { url: article }, noWait).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ message: reply.error, unanswered: false });
    expect(isInvalidCall(error)).toBe(invalid);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("keeps the page's proof key a failure's reply carries, and only text", async () => {
    const fail = (proofKey: unknown) => async () => ({ ok: false, error: 'busy', proofKey });
    const failure = (proofKey: unknown) =>
      callBackground(fail(proofKey), 'getReaction', { url: article }, noWait).catch(
        (caught: unknown) => caught,
      );
    expect(await failure('a2V5')).toMatchObject({ message: 'busy', proofKey: 'a2V5' });
    expect(await failure({ forged: true })).toMatchObject({ proofKey: undefined });
  });

  // The kind is what the reader is told: one this version does not know, or no kind, is the
  // generic failure, never read further.
  it.each([
    ['storage-full', 'storage-full'],
    ['database-blocked', 'database-blocked'],
    ['database-slow', 'database-slow'],
    ['refused', 'refused'],
    ['unknown', 'unknown'],
    [undefined, 'unknown'],
    ['disk-on-fire', 'unknown'],
    ['STORAGE-FULL', 'unknown'],
    ['__proto__', 'unknown'],
    ['toString', 'unknown'],
    [42, 'unknown'],
    [['storage-full'], 'unknown'],
    [{ toString: () => 'storage-full' }, 'unknown'],
  ])('reads a failure of kind %j as %s', async (kind, expected) => {
    const send = vi.fn(async () => ({ ok: false, error: 'the quota has been exceeded', kind }));
    const error = await callBackground(send, 'getReaction', { url: article }, noWait).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).kind).toBe(expected);
  });

  it('names no kind for a call that got no answer', async () => {
    const send = vi.fn(async () => {
      throw new Error('Receiving end does not exist');
    });
    await expect(
      callBackground(send, 'getReaction', { url: article }, noWait),
    ).rejects.toMatchObject({ unanswered: true, kind: 'unknown' });
  });
});

describe('isContentRequest', () => {
  [
    { message: { request: 'describePage', input: {} }, expected: true },
    { message: { request: 'describePage', input: { tabId: 3 } }, expected: false },
    { message: { request: 'setReaction', input: {} }, expected: false },
    { message: { notice: 'focusToolbar', input: {} }, expected: false },
    { message: null, expected: false },
  ].forEach(({ message, expected }) => {
    it(`${JSON.stringify(message)} → ${expected}`, () => {
      expect(isContentRequest(message)).toBe(expected);
    });
  });
});

describe('parsePageReport', () => {
  const report = { url: 'https://news.example/a', title: ' A\nstory ', toolbarShown: false };
  [
    { value: report, expected: { ...report, title: 'A story' } },
    {
      value: { ...report, declaredUrls: ['javascript:alert(1)', 'https://news.example/b'] },
      expected: { ...report, title: 'A story', declaredUrls: ['https://news.example/b'] },
    },
    {
      value: { ...report, declaredUrls: ['javascript:alert(1)'] },
      expected: { ...report, title: 'A story' },
    },
    { value: { ...report, title: 7 }, expected: { ...report, title: '' } },
    {
      value: { ...report, lang: 'DE-at' },
      expected: { ...report, title: 'A story', lang: 'de-AT' },
    },
    { value: { ...report, lang: '<b>' }, expected: { ...report, title: 'A story' } },
    {
      value: { ...report, url: `${report.url}?fbclid=${'x'.repeat(MAX_URL_LENGTH)}` },
      expected: { ...report, title: 'A story' },
    },
    { value: { ...report, url: `${report.url}?q=${'x'.repeat(MAX_URL_LENGTH)}` }, expected: null },
    { value: { ...report, url: 'file:///a' }, expected: null },
    { value: { ...report, toolbarShown: 'yes' }, expected: null },
    { value: undefined, expected: null },
  ].forEach(({ value, expected }) => {
    it(`${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      expect(parsePageReport(value)).toEqual(expected);
    });
  });
});
