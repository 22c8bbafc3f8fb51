import { describe, expect, it } from 'vitest';
import {
  authorizeCall,
  createRefusalLog,
  identifyCaller,
  RefusedCallError,
  type Caller,
  type MessageSender,
} from '../../src/background/authorize-call';
import { CALL_AUDIENCE, parseCallMessage, type CallName } from '../../src/protocol';

const ID = 'moodmark@moodmark';
const ORIGIN = 'moz-extension://6d0c2f4e-7a51-4d3b-9c8e-2b1f0a9e5d17/';
const PAGE = 'https://news.example/world/story?x=1#c';

describe('identifyCaller', () => {
  it.each<{ name: string; sender: MessageSender; expected: Caller }>([
    {
      name: 'the popup (no tab)',
      sender: { id: ID, url: `${ORIGIN}popup.html` },
      expected: { kind: 'extension' },
    },
    {
      name: 'the popup opened in a tab',
      sender: { id: ID, url: `${ORIGIN}popup.html`, tab: { id: 4 }, frameId: 0 },
      expected: { kind: 'extension' },
    },
    {
      name: 'the options page',
      sender: { id: ID, url: `${ORIGIN}options.html` },
      expected: { kind: 'extension' },
    },
    {
      name: 'a content script',
      sender: { id: ID, url: PAGE, tab: { id: 7, incognito: false }, frameId: 0 },
      expected: { kind: 'tab', tabId: 7, pageUrl: PAGE, incognito: false },
    },
    {
      name: 'a content script in a private window',
      sender: { id: ID, url: PAGE, tab: { id: 8, incognito: true }, frameId: 0 },
      expected: { kind: 'tab', tabId: 8, pageUrl: PAGE, incognito: true },
    },
    {
      name: 'the document a content script runs in, where the browser names it',
      sender: { id: ID, url: PAGE, tab: { id: 7 }, frameId: 0, documentId: 'D0C5' },
      expected: { kind: 'tab', tabId: 7, pageUrl: PAGE, incognito: false, documentId: 'D0C5' },
    },
  ])('knows $name', ({ sender, expected }) => {
    expect(identifyCaller(sender, ID, ORIGIN)).toEqual(expected);
  });

  it.each<{ name: string; sender: MessageSender }>([
    { name: 'another extension', sender: { id: 'other@x', url: `${ORIGIN}popup.html` } },
    {
      name: "a page on another extension's origin",
      sender: { id: ID, url: 'moz-extension://another-uuid/popup.html' },
    },
    { name: 'a content script without a tab', sender: { id: ID, url: PAGE } },
    { name: 'a subframe', sender: { id: ID, url: PAGE, tab: { id: 7 }, frameId: 3 } },
    { name: 'a file: page', sender: { id: ID, url: 'file:///a.html', tab: { id: 7 } } },
    { name: 'a tab without a URL', sender: { id: ID, tab: { id: 7 } } },
  ])('refuses $name', ({ sender }) => {
    expect(() => identifyCaller(sender, ID, ORIGIN)).toThrow(RefusedCallError);
  });

  it('does not take a page that names the extension in its address for the extension', () => {
    const sender = { id: ID, url: `https://evil.example/${ORIGIN}`, tab: { id: 7 }, frameId: 0 };
    expect(identifyCaller(sender, ID, ORIGIN)).toMatchObject({ kind: 'tab' });
  });
});

/** One valid message per call, as parseCallMessage returns it. */
const MESSAGES: { [M in CallName]: Record<string, unknown> } = {
  getReaction: { url: 'https://news.example/world/other' },
  setReaction: { url: 'https://news.example/world/other', title: 'T', reaction: 'like' },
  reactionShown: { reaction: 'like' },
  toolbarWanted: {},
  detectorWanted: {},
  listHistory: { limit: 10 },
  getHistoryStats: {},
  editVote: { key: 'https://news.example/a', reaction: null },
  restoreVote: {
    vote: {
      key: 'https://news.example/a',
      url: 'https://news.example/a',
      title: 'A',
      site: 'news.example',
      reaction: 'like',
      createdAt: 1,
      updatedAt: 2,
    },
  },
  lastRemoval: {},
  clearHistory: {},
  exportHistory: { limit: 10 },
  importHistory: { votes: [] },
  getSiteState: { url: PAGE },
  setSiteDisabled: { url: PAGE, disabled: true },
  listDisabledSites: {},
  getCorrection: { url: PAGE },
  setCorrection: { key: 'https://news.example/a', correction: null },
  listCorrections: {},
};

const tab: Caller = { kind: 'tab', tabId: 7, pageUrl: PAGE, incognito: false };
const extension: Caller = { kind: 'extension' };

describe('authorizeCall', () => {
  const calls = Object.keys(MESSAGES) as CallName[];

  it.each(calls.map((call) => [call, CALL_AUDIENCE[call]] as const))(
    '%s (for %s)',
    (call, audience) => {
      const message = parseCallMessage({ call, input: MESSAGES[call] });
      const fromTab = () => authorizeCall(tab, message);
      const fromExtension = () => authorizeCall(extension, message);
      if (audience === 'extension') {
        expect(fromTab).toThrow(
          new RefusedCallError(`${call} answers only the extension's own pages`),
        );
      } else {
        expect(fromTab).not.toThrow();
      }
      if (audience === 'tab') expect(fromExtension).toThrow(RefusedCallError);
      else expect(fromExtension).not.toThrow();
    },
  );

  it.each([
    ['another site', 'https://evil.example/world/story', false],
    ['a subdomain of the site', 'https://edition.news.example/world/story', false],
    ['plain http of the same host', 'http://news.example/world/story', false],
    ['another path of the page (an SPA navigation)', 'https://news.example/world/next', true],
    ['the page itself without its fragment', 'https://news.example/world/story?x=1', true],
  ])('lets a content script ask about %s: %s', (_name, url, allowed) => {
    for (const call of ['getReaction', 'setReaction'] as const) {
      const message = parseCallMessage({ call, input: { ...MESSAGES[call], url } });
      if (allowed) expect(() => authorizeCall(tab, message)).not.toThrow();
      else expect(() => authorizeCall(tab, message)).toThrow(/is not the calling page's origin/);
    }
  });

  it.each(['getReaction', 'setReaction'] as const)(
    "lets only the extension name the tab %s is for (a private window is the sender's to show)",
    (call) => {
      const message = parseCallMessage({ call, input: { ...MESSAGES[call], tabId: 8 } });
      expect(message.input).toMatchObject({ tabId: 8 });
      expect(() => authorizeCall(extension, message)).not.toThrow();
      expect(() => authorizeCall(tab, message)).toThrow(
        new RefusedCallError(`${call}: only the extension's own pages name a tab`),
      );
    },
  );

  it('lets the extension ask about any page', () => {
    const message = parseCallMessage({
      call: 'getReaction',
      input: { url: 'https://any.example/' },
    });
    expect(() => authorizeCall(extension, message)).not.toThrow();
  });
});

describe('createRefusalLog', () => {
  const tab: Caller = { kind: 'tab', tabId: 7, pageUrl: PAGE, incognito: false };

  // The test channel's content script (e2e build) sends as a compromised one could: one origin
  // after another, each refusal kept and logged, would grow the worker's memory without end.
  it('logs a kind of refusal once, whatever origin a content script names in it', () => {
    const warnings: string[] = [];
    const log = createRefusalLog((text) => warnings.push(text));
    for (let i = 0; i < 1_000; i++) {
      const message = parseCallMessage({
        call: i % 2 ? 'getReaction' : 'setReaction',
        input: { url: `https://victim${i}.example/story`, title: 'Forged', reaction: 'angry' },
      });
      try {
        authorizeCall(tab, message);
      } catch (error) {
        log(error as RefusedCallError);
      }
    }
    expect(warnings).toEqual([
      "Moodmark refused a call: setReaction: https://victim0.example is not the calling page's origin (https://news.example)",
      "Moodmark refused a call: getReaction: https://victim1.example is not the calling page's origin (https://news.example)",
    ]);
  });

  it('logs each kind once', () => {
    const warnings: string[] = [];
    const log = createRefusalLog((text) => warnings.push(text));
    for (let i = 0; i < 3; i++) {
      log(new RefusedCallError("listHistory answers only the extension's own pages"));
      log(new RefusedCallError('the sender is not this extension'));
    }
    expect(warnings).toHaveLength(2);
  });
});
