import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import {
  listDisabledSites,
  openVoteDatabase,
  setSiteDisabled,
} from '../../src/background/database';
import { MAX_PAGE_URL_INPUT } from '../../src/protocol';

let counter = 0;

/** A fresh database and the background's calls on it. */
async function openCalls() {
  const db = await openVoteDatabase(`disabled-sites-${++counter}`);
  const calls = createBackgroundCalls(
    async () => db,
    () => 1_000,
    () => {},
  );
  return { db, calls };
}

describe('listDisabledSites', () => {
  it('lists the sites turned off, alphabetically, and forgets those turned on again', async () => {
    const { db, calls } = await openCalls();
    try {
      expect(await listDisabledSites(db)).toEqual([]);
      for (const url of [
        'https://www.zeit.de/a',
        'https://example.com/',
        'http://bbc.co.uk/news',
      ]) {
        await calls.setSiteDisabled({ url, disabled: true });
      }
      await calls.setSiteDisabled({ url: 'https://example.com/x', disabled: false });
      expect(await calls.listDisabledSites({})).toEqual({ sites: ['bbc.co.uk', 'zeit.de'] });

      // An entry an earlier version kept with its variant prefix keeps its pages' toolbar off,
      // as the options list it and as its tabs hear it turned on (by the whole host), and is
      // turned on from the list.
      await setSiteDisabled(db, 'm.legacy.example', true, 1);
      for (const url of ['https://m.legacy.example/a', 'https://www.m.legacy.example/']) {
        expect(await calls.getSiteState({ url })).toEqual({
          site: 'm.legacy.example',
          disabled: true,
          anyCorrection: false,
        });
      }
      expect(await calls.getSiteState({ url: 'https://legacy.example/' })).toMatchObject({
        site: 'legacy.example',
        disabled: false,
      });
      await calls.setSiteDisabled({ url: 'https://m.legacy.example/', disabled: false });
      expect(await calls.listDisabledSites({})).toEqual({ sites: ['bbc.co.uk', 'zeit.de'] });
    } finally {
      db.close();
    }
  });

  it('drops the entries a domain turned off now covers, leaving none whose removal takes the domain', async () => {
    const { db, calls } = await openCalls();
    try {
      // The subdomain first, then the domain above it, as the options page lets a reader type.
      await calls.setSiteDisabled({ url: 'https://news.example.com/', disabled: true });
      await calls.setSiteDisabled({ url: 'https://other.example/', disabled: true });
      await calls.setSiteDisabled({ url: 'https://example.com/', disabled: true });
      expect(await calls.listDisabledSites({})).toEqual({
        sites: ['example.com', 'other.example'],
      });
      expect(await calls.getSiteState({ url: 'https://news.example.com/a' })).toEqual({
        site: 'example.com',
        disabled: true,
        anyCorrection: false,
      });
      // The domain took the subdomain's place: no entry is left whose removal (turning the
      // subdomain on from the list) would silently take the domain with it.
      await calls.setSiteDisabled({ url: 'https://example.com/', disabled: false });
      expect(await calls.listDisabledSites({})).toEqual({ sites: ['other.example'] });
    } finally {
      db.close();
    }
  });

  // The options page checks its own list first; where it could not read it, it asks anyway.
  it('lists no subdomain beside a domain that already turns it off', async () => {
    const { db, calls } = await openCalls();
    try {
      await calls.setSiteDisabled({ url: 'https://example.com/', disabled: true });
      await expect(
        calls.setSiteDisabled({ url: 'https://news.example.com/', disabled: true }),
      ).resolves.toEqual({ site: 'example.com', disabled: true });
      expect(await calls.listDisabledSites({})).toEqual({ sites: ['example.com'] });
      await calls.setSiteDisabled({ url: 'https://example.com/', disabled: false });
      expect(await calls.getSiteState({ url: 'https://news.example.com/a' })).toMatchObject({
        disabled: false,
      });
    } finally {
      db.close();
    }
  });
});

describe('getSiteState', () => {
  // A page can make its address as long as it likes (history.replaceState): refused, its content
  // script would take the site for on and place the toolbar where the reader turned it off.
  it('tells a page on a site turned off so, however long its address', async () => {
    const { db, calls } = await openCalls();
    try {
      await calls.setSiteDisabled({ url: 'https://news.example/', disabled: true });
      const url = `https://www.news.example/story?state=${'x'.repeat(MAX_PAGE_URL_INPUT)}`;
      const caller = { kind: 'tab', tabId: 3, pageUrl: url, incognito: false } as const;
      for (const call of ['getSiteState', 'setSiteDisabled'] as const) {
        const message = { call, input: { url, disabled: true }, op: 1 };
        expect(
          await answerMessage(calls, message, call === 'getSiteState' ? caller : undefined),
        ).toEqual({
          ok: true,
          value: expect.objectContaining({ site: 'news.example', disabled: true }),
        });
      }
    } finally {
      db.close();
    }
  });
});
