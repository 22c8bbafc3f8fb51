import { describe, expect, it } from 'vitest';
import { CALL_AUDIENCE, type CallName } from '../../src/protocol';
import { BROWSER_NAMES, gotoExtensionPage, type BrowserName } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { callFrom, sendFromContentScript } from './extension-pages';
import {
  SETTLE_MS,
  entriesFor,
  pressReaction,
  reactionOnFreshLoad,
  readPopupEntries,
  shownReaction,
  sleep,
} from './toolbar-driver';

/**
 * Least privilege: the content script runs in every page, so a compromised one must get nothing
 * beyond its own tab's article. The e2e build's test channel (src/content/test-channel.ts) lets
 * the page hand the real content script any message, which it sends as its own.
 */

/** A valid message for each call only extension pages may make, aimed at data that exists. */
function privilegedMessages(url: string, key: string): { call: CallName; input: unknown }[] {
  const vote = {
    key,
    url,
    title: 'Forged',
    site: new URL(key).hostname,
    reaction: 'angry',
    createdAt: 1,
    updatedAt: Date.now(),
  };
  const inputs: Partial<Record<CallName, unknown>> = {
    listHistory: { limit: 500 },
    getHistoryStats: {},
    editVote: { key, reaction: 'angry' },
    restoreVote: { vote },
    lastRemoval: {},
    clearHistory: {},
    exportHistory: { limit: 100 },
    importHistory: { votes: [vote] },
    getSiteState: { url },
    setSiteDisabled: { url, disabled: true },
    listDisabledSites: {},
    setCorrection: { key, correction: { toolbar: 'hide', title: 'Forged', url, setAt: 1 } },
    listCorrections: {},
  };
  return (Object.keys(CALL_AUDIENCE) as CallName[])
    .filter((call) => CALL_AUDIENCE[call] === 'extension')
    .map((call) => {
      // A call added to the protocol needs a valid input here, or its refusal goes untested.
      if (!(call in inputs)) throw new Error(`privilegedMessages has no input for ${call}`);
      return { call, input: inputs[call] };
    });
}

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  const suite = useExtensionSuite('capabilities', browserName);

  it('refuses every privileged call from a content script, and changes nothing', async () => {
    const url = suite.server.url('demo-article.html');
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(url);
      expect(await shownReaction(page)).toBeNull();
      await pressReaction(page, 'love');
      await sleep(SETTLE_MS);
      const before = await readPopupEntries(suite.session);
      expect(entriesFor(before, url).map((entry) => entry.reaction)).toEqual(['love']);
      const key = entriesFor(before, url)[0]!.key;

      const messages = privilegedMessages(url, key);
      expect(messages.map((message) => message.call)).toContain('exportHistory');
      for (const message of messages) {
        const reply = await sendFromContentScript(page, message);
        expect(reply, message.call).toEqual({
          ok: false,
          error: `${message.call} answers only the extension's own pages`,
          kind: 'refused',
        });
      }
      // Its own page, but another site's article: refused too.
      const forged = await sendFromContentScript(page, {
        call: 'setReaction',
        input: { url: 'https://victim.example/story', title: 'x', reaction: 'angry' },
      });
      expect(forged).toMatchObject({ ok: false, error: expect.stringMatching(/origin/) });
      // What it may do, it still can: read its own article's reaction.
      expect(
        await sendFromContentScript(page, { call: 'getReaction', input: { url } }),
      ).toMatchObject({ ok: true, value: { reaction: 'love', siteDisabled: false } });

      await sleep(SETTLE_MS / 2);
      expect(await readPopupEntries(suite.session)).toEqual(before);
      await page.reload();
      expect(await shownReaction(page)).toBe('love');
    } finally {
      await page.close();
    }
  });

  // A content script taken over, or a broken one: each message gets a refusal that says why,
  // none is stored, and the page's own vote stays as it was and can still be changed.
  it('refuses malformed messages from a content script, and keeps its vote', async () => {
    const url = suite.server.url('demo-article.html');
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(url);
      // The test before left it loved; on its own, this one loves it first.
      if ((await shownReaction(page)) !== 'love') await pressReaction(page, 'love');
      await sleep(SETTLE_MS);
      const before = await readPopupEntries(suite.session);
      expect(entriesFor(before, url).map((entry) => entry.reaction)).toEqual(['love']);
      const vote = { url, title: 'Forged', reaction: 'angry' };
      const malformed: [string, unknown, RegExp][] = [
        ['not an object', 'setReaction', /message must be an object/],
        ['an endless call name', { call: 'x'.repeat(100_000), input: {} }, /unknown call/],
        [
          'a title of the wrong type',
          { call: 'setReaction', input: { ...vote, title: 5 } },
          /title/,
        ],
        [
          'an unknown reaction',
          { call: 'setReaction', input: { ...vote, reaction: 'meh' } },
          /reaction/,
        ],
        [
          'an endless address',
          { call: 'getReaction', input: { url: `${url}?${'a'.repeat(1_000_000)}` } },
          /url/,
        ],
        // Written, an id from the future would outrank every later vote on the article.
        [
          'an operation id from the future',
          { call: 'setReaction', input: vote, op: Number.MAX_SAFE_INTEGER },
          /op/,
        ],
        [
          'a prototype key',
          JSON.parse(`{"call": "setReaction", "input": {"__proto__": ${JSON.stringify(vote)}}}`),
          /./,
        ],
      ];
      for (const [name, message, reason] of malformed) {
        expect(await sendFromContentScript(page, message), name).toMatchObject({
          ok: false,
          error: expect.stringMatching(reason),
          kind: 'refused',
        });
      }
      await sleep(SETTLE_MS / 2);
      expect(await readPopupEntries(suite.session)).toEqual(before);
      await page.reload();
      expect(await shownReaction(page)).toBe('love');
      await pressReaction(page, 'wow');
      await sleep(SETTLE_MS);
      expect(await reactionOnFreshLoad(suite.session.browser, url)).toBe('wow');
    } finally {
      await page.close();
    }
  });

  it('answers the same calls for the popup', async () => {
    const url = suite.server.url('demo-article.html');
    const key = entriesFor(await readPopupEntries(suite.session), url)[0]!.key;
    const popup = await suite.session.browser.newPage();
    try {
      await gotoExtensionPage(popup, suite.session.popupUrl);
      for (const message of privilegedMessages(url, key)) {
        expect(await callFrom(popup, message), message.call).toMatchObject({ ok: true });
      }
    } finally {
      await popup.close();
    }
  });
});
