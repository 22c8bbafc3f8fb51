import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import type { RevokedProofs } from '../../src/background/origin-proof';
import { createStoredCorrections, type LocalArea } from '../../src/background/stored-corrections';
import { reactionName, translate } from '../../src/core/i18n';
import { correctionStorageKey, type PageCorrection } from '../../src/core/page-corrections';
import { toBase64 } from '../../src/core/pending-vote-proof';
import { SETTINGS_KEY } from '../../src/core/settings';
import type { CallMessage } from '../../src/protocol';

/**
 * The options page's entry over options.html, with the browser faked at its seams: local
 * storage (whose change notices reach every listener after the write, as in the browsers) and
 * the background (runtime.sendMessage), which keeps the sites turned off, and the corrections
 * as the real one does, each with its proof, in that storage.
 */

type StorageListener = (changes: Record<string, unknown>, area: string) => void;

let stored: Record<string, unknown> = {};
const storageListeners = new Set<StorageListener>();
let sitesOff: string[] = [];
/** Calls the fake background answers with an error, as when its database will not open. */
let failingCalls = new Set<string>();
/** Calls the real background answers, over a disk too full to open the history. */
let fullDiskCalls = new Set<string>();
const fullDisk = createBackgroundCalls(() =>
  Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
);
let uiLanguage = 'en-US';
let shortcut: string | undefined;
/** Whether reading the settings fails, as when the browser's storage will not answer. */
let settingsUnreadable = false;
/** Whether reading everything stored (the corrections' list) fails. */
let allUnreadable = false;

/** Writes `items` as another context does; the page hears of it unless `silently`. */
function writeStorage(items: Record<string, unknown>, { silently = false } = {}): void {
  const changes = Object.fromEntries(
    Object.entries(items).map(([key, value]) => [key, { oldValue: stored[key], newValue: value }]),
  );
  for (const [key, value] of Object.entries(items)) {
    if (value === undefined) delete stored[key];
    else stored[key] = structuredClone(value);
  }
  if (silently) return;
  setTimeout(() => {
    for (const listener of storageListeners) listener(changes, 'local');
  });
}

const storage = {
  async get(keys: string | null) {
    if ((settingsUnreadable && keys === SETTINGS_KEY) || (allUnreadable && keys === null)) {
      throw new Error('storage did not answer');
    }
    const names = keys === null ? Object.keys(stored) : [keys];
    return structuredClone(
      Object.fromEntries(names.filter((name) => name in stored).map((n) => [n, stored[n]])),
    );
  },
  async set(items: Record<string, unknown>) {
    writeStorage(items);
  },
  async remove(names: string | string[]) {
    writeStorage(Object.fromEntries([names].flat().map((name) => [name, undefined])));
  },
};

/** The background's key for the proofs of corrections (origin-proof.ts), one for the run. */
const correctionProofKey = toBase64(crypto.getRandomValues(new Uint8Array(32)));
const correctionProofs = { keyFor: async () => correctionProofKey, madeHere: async () => false };

/** The proofs of corrections removed or replaced, kept in memory rather than the proof database. */
function memoryRevokedProofs(): RevokedProofs {
  const revoked = new Set<string>();
  return {
    async revise({ revoke, reinstate }) {
      for (const proof of reinstate) revoked.delete(proof);
      for (const proof of revoke) revoked.add(proof);
    },
    async among(proofs) {
      return new Set(proofs.filter((proof) => revoked.has(proof)));
    },
  };
}

/** The background's corrections and its calls about them, fresh for each test. */
let revokedProofs = memoryRevokedProofs();
let corrections = createStoredCorrections(storage, correctionProofs, revokedProofs);
let correctionCalls = createBackgroundCalls(() => Promise.reject(new Error('no database here')));

const sendMessage = vi.fn(async (message: CallMessage) => {
  const { call, input } = message;
  if (fullDiskCalls.has(call)) return answerMessage(fullDisk, message);
  if (failingCalls.has(call)) return { ok: false, error: 'the database did not open' };
  switch (call) {
    case 'listDisabledSites':
      return { ok: true, value: { sites: [...sitesOff].sort() } };
    case 'setSiteDisabled': {
      const { url, disabled } = input as { url: string; disabled: boolean };
      const site = new URL(url).hostname;
      sitesOff = sitesOff.filter((other) => other !== site);
      if (disabled) sitesOff.push(site);
      return { ok: true, value: { site, disabled } };
    }
    case 'listCorrections':
    case 'setCorrection':
      return answerMessage(correctionCalls, message);
    default:
      return { ok: false, error: `no fake for ${call}` };
  }
});

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage },
    storage: {
      local: storage,
      onChanged: { addListener: (listener: StorageListener) => storageListeners.add(listener) },
    },
    commands: { getAll: async () => [{ name: 'focus-toolbar', shortcut }] },
    i18n: { getUILanguage: () => uiLanguage },
  },
}));

const here = dirname(fileURLToPath(import.meta.url));

/** The listeners the page opened last put on the window (which outlives it here). */
let windowListeners: Parameters<typeof window.removeEventListener>[] = [];

/** Runs the options page's entry afresh over a fresh options.html, until it is ready. */
async function openOptions(): Promise<void> {
  const html = await readFile(join(here, '../../src/options/options.html'), 'utf8');
  delete document.body.dataset.ready;
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
  // The page opened before this one is gone, with its listeners.
  storageListeners.clear();
  for (const listener of windowListeners) window.removeEventListener(...listener);
  vi.resetModules();
  const addListener = vi.spyOn(window, 'addEventListener');
  await import('../../src/options/index');
  windowListeners = addListener.mock.calls.map(([type, listener]) => [type, listener]);
  addListener.mockRestore();
  await vi.waitFor(() => expect(document.body.hasAttribute('data-ready')).toBe(true));
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** The live region (or the element inside one) that shows `text`, if any. */
function liveRegionSaying(text: string): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('[role="status"], [role="alert"], [aria-live]')]
    .filter((region) => region.getAttribute('aria-live') !== 'off')
    .find((region) => region.textContent === text);
}

/**
 * Double-clicks `first` as a mouse does: its second click comes after the list has redrawn
 * from the first (`redrawn`), on whatever button `second` finds in its place then.
 */
async function doubleClick(
  first: HTMLElement,
  redrawn: () => void,
  second: () => HTMLElement | null,
): Promise<void> {
  first.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
  await vi.waitFor(redrawn);
  second()!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 2 }));
  await new Promise((done) => setTimeout(done, 50));
}

/** Whether a sighted reader can see `element`: not hidden, nor only for screen readers. */
function isShown(element: HTMLElement): boolean {
  return !element.closest('[hidden], .visually-hidden');
}

beforeEach(() => {
  stored = {};
  sitesOff = [];
  failingCalls = new Set();
  fullDiskCalls = new Set();
  uiLanguage = 'en-US';
  shortcut = undefined;
  settingsUnreadable = false;
  allUnreadable = false;
  revokedProofs = memoryRevokedProofs();
  corrections = createStoredCorrections(storage, correctionProofs, revokedProofs);
  correctionCalls = createBackgroundCalls(
    () => Promise.reject(new Error('no database here')),
    undefined,
    undefined,
    undefined,
    undefined,
    corrections,
  );
});

/** Storage written without a notice, as before the page opens. */
const quietStorage: LocalArea = {
  get: storage.get,
  set: async (items) => writeStorage(items, { silently: true }),
  remove: storage.remove,
};

/**
 * Keeps, as the popup's correction would through the background (with its proof), "Not an
 * article" for https://news.example/`title`.
 */
async function storeCorrection(title: string, setAt = 1): Promise<void> {
  const correction: PageCorrection = {
    toolbar: 'hide',
    title,
    url: `https://news.example/${title}`,
    setAt,
  };
  await createStoredCorrections(quietStorage, correctionProofs, revokedProofs).set(
    correction.url,
    correction,
  );
}

describe("a corrected page's site", () => {
  // The background keys a user's page on a hosting service by its whole host (listedSiteOf):
  // named without its `m.`, it would be another user's site.
  it("is its key's host, as the history names it", async () => {
    const corrections = createStoredCorrections(quietStorage, correctionProofs, revokedProofs);
    for (const [key, url] of [
      ['https://m.github.io/a', 'https://m.github.io/a'],
      ['https://news.example/b', 'https://www.news.example/b?utm_source=x'],
    ]) {
      await corrections.set(key!, { toolbar: 'hide', title: key!, url: url!, setAt: 1 });
    }
    await openOptions();
    const siteOf = (key: string) =>
      document.querySelector(`#corrections li[data-key="${key}"] .correction-site`)?.textContent;
    expect(siteOf('https://m.github.io/a')).toBe('m.github.io');
    expect(siteOf('https://news.example/b')).toBe('news.example');
  });
});

describe('pages you corrected', () => {
  const forgetButton = (title: string) =>
    document.querySelector<HTMLButtonElement>(`#corrections li[data-key$="/${title}"] button`);

  beforeEach(async () => {
    for (const [title, setAt] of [
      ['first', 3],
      ['second', 2],
      ['third', 1],
    ] as const) {
      await storeCorrection(title, setAt);
    }
    await openOptions();
  });

  // A title in the other direction than the label's would reorder the words around it.
  it("isolates the page's title in the name of its Forget button", () => {
    expect(forgetButton('first')!.getAttribute('aria-label')).toBe(
      'Forget the correction of \u2068first\u2069',
    );
  });

  it('after Forget, focuses the next item, else the one before, else the heading', async () => {
    const forget = async (title: string) => {
      const button = forgetButton(title)!;
      button.focus();
      button.click();
      await vi.waitFor(() => expect(forgetButton(title)).toBeNull());
    };
    await forget('second');
    expect(document.activeElement).toBe(forgetButton('third'));
    await forget('third');
    expect(document.activeElement).toBe(forgetButton('first'));
    await forget('first');
    expect(byId('corrections-empty').hidden).toBe(false);
    expect(document.activeElement).toBe(byId('corrections-heading'));
  });

  // Focus goes on to the next item's Forget, which each repeat of a held Enter would press.
  it('takes Enter held down on Forget as one press', async () => {
    const button = forgetButton('second')!;
    button.focus();
    const press = (repeat: boolean) => {
      const key = new KeyboardEvent('keydown', {
        key: 'Enter',
        repeat,
        bubbles: true,
        cancelable: true,
      });
      button.dispatchEvent(key);
      return key.defaultPrevented;
    };
    expect(press(false)).toBe(false);
    expect(press(true)).toBe(true);
  });

  it('still redraws after Forget when the list of sites could not be read', async () => {
    failingCalls = new Set(['listDisabledSites']);
    await openOptions();
    expect(byId('error').hidden).toBe(false);
    forgetButton('second')!.click();
    await vi.waitFor(() => expect(forgetButton('second')).toBeNull());
    expect(forgetButton('first')).not.toBeNull();
  });

  // Focus moves on to the next page's Forget, which names that page: without this, a screen
  // reader's user heard nothing of the page they forgot.
  it('says which correction it forgot, once forgotten', async () => {
    forgetButton('second')!.click();
    await vi.waitFor(() =>
      expect(liveRegionSaying('Correction of \u2068second\u2069 forgotten')).toBeDefined(),
    );
    expect(forgetButton('second')).toBeNull();
  });

  // The next page's Forget takes the place of the one pressed as soon as the list redraws, in
  // less time than a double click takes: its second click forgot that page too.
  it('takes a double click on Forget as one press', async () => {
    await doubleClick(
      forgetButton('first')!,
      () => expect(forgetButton('first')).toBeNull(),
      () => document.querySelector('#corrections li button'),
    );
    expect(forgetButton('second')).not.toBeNull();
    expect(forgetButton('third')).not.toBeNull();
  });

  // Pressed again while the background has not answered (its worker waking), Forget forgot the
  // same page again and said so twice, as if two pages were forgotten.
  it('takes Forget pressed again before the answer as one press', async () => {
    const button = forgetButton('second')!;
    button.focus();
    sendMessage.mockClear();
    button.click();
    button.click();
    await vi.waitFor(() =>
      expect(liveRegionSaying('Correction of \u2068second\u2069 forgotten')).toBeDefined(),
    );
    await new Promise((done) => setTimeout(done, 150));
    const calls = sendMessage.mock.calls.map(([message]) => message.call);
    expect(calls.filter((call) => call === 'setCorrection')).toHaveLength(1);
  });

  // The answer comes before the notice of the change that redraws the list (the browsers send
  // them apart): pressed again between the two, the same page was forgotten and said again.
  it('takes Forget pressed again after the answer, before the redraw, as one press', async () => {
    const button = forgetButton('second')!;
    button.focus();
    sendMessage.mockClear();
    button.click();
    await sendMessage.mock.results[0]!.value;
    for (let tick = 0; tick < 20; tick++) await Promise.resolve();
    expect(forgetButton('second')).toBe(button);
    button.click();
    await vi.waitFor(() => expect(forgetButton('second')).toBeNull());
    await new Promise((done) => setTimeout(done, 150));
    const calls = sendMessage.mock.calls.map(([message]) => message.call);
    expect(calls.filter((call) => call === 'setCorrection')).toHaveLength(1);
  });

  // The list read on the removal's notice already held the page corrected again (in the popup):
  // its Forget stayed pressed, and did nothing until the options page was opened again.
  it('forgets a correction made again before the list redrew after its Forget', async () => {
    sendMessage.mockClear();
    forgetButton('second')!.click();
    await sendMessage.mock.results[0]!.value;
    const again: PageCorrection = {
      toolbar: 'hide',
      title: 'second',
      url: 'https://news.example/second',
      setAt: 4,
    };
    await corrections.set(again.url, again);
    // Listed first, as the newest.
    await vi.waitFor(() =>
      expect(document.querySelector('#corrections li button')).toBe(forgetButton('second')),
    );
    await new Promise((done) => setTimeout(done, 50));
    forgetButton('second')!.click();
    await vi.waitFor(() => expect(forgetButton('second')).toBeNull());
    const calls = sendMessage.mock.calls.map(([message]) => message.call);
    expect(calls.filter((call) => call === 'setCorrection')).toHaveLength(2);
  });

  // A press that failed (the background's database did not open) may be tried again at once.
  it('takes Forget pressed again after a failure as a new press', async () => {
    failingCalls = new Set(['setCorrection']);
    const button = forgetButton('second')!;
    sendMessage.mockClear();
    button.click();
    await vi.waitFor(() => expect(byId('error').hidden).toBe(false));
    failingCalls = new Set();
    button.click();
    await vi.waitFor(() => expect(forgetButton('second')).toBeNull());
    const calls = sendMessage.mock.calls.map(([message]) => message.call);
    expect(calls.filter((call) => call === 'setCorrection')).toHaveLength(2);
  });

  // storage.local is any content script's to write: one taken over through a browser flaw wrote a
  // correction there, which the background does not apply, and this page listed it under the
  // title and address it gave.
  it('lists only the corrections the background proved, on opening and on a change', async () => {
    const listed = () =>
      [...document.querySelectorAll('#corrections li a')].map((link) => link.textContent);
    const forged = (title: string, setAt: number) => ({
      [correctionStorageKey(`https://news.example/${title}`)]: {
        toolbar: 'hide',
        title,
        url: 'https://phishing.example/',
        setAt,
      },
    });
    writeStorage(forged('forged', 10), { silently: true });
    await openOptions();
    expect(listed()).toEqual(['first', 'second', 'third']);
    writeStorage(forged('forged later', 11));
    await corrections.set('https://news.example/fourth', {
      toolbar: 'show',
      title: 'fourth',
      url: 'https://news.example/fourth',
      setAt: 4,
    });
    await vi.waitFor(() => expect(listed()).toEqual(['fourth', 'first', 'second', 'third']));
    await new Promise((done) => setTimeout(done, 50));
    expect(listed()).toEqual(['fourth', 'first', 'second', 'third']);
  });

  // Titles alike on two sites ("Live updates", a site's "Home") read as one page twice.
  it('names the site of each corrected page, as it reads, left to right', async () => {
    // Keyed as the background keys them: without the `www.` of the page's address.
    for (const url of ['https://www.xn--bcher-kva.de/Live', 'https://news.example/Live']) {
      const key = url.replace('www.', '');
      await corrections.set(key, { toolbar: 'hide', title: 'Live', url, setAt: 5 });
    }
    const siteOf = (key: string) =>
      document.querySelector<HTMLElement>(`#corrections li[data-key="${key}"] bdi`);
    await vi.waitFor(() => expect(siteOf('https://news.example/Live')).not.toBeNull());
    const site = siteOf('https://xn--bcher-kva.de/Live')!;
    expect([site.textContent, site.dir, isShown(site)]).toEqual(['bücher.de', 'ltr', true]);
    expect(siteOf('https://news.example/Live')!.textContent).toBe('news.example');
    // Moving from button to button, a screen reader tells the two Forgets apart by their site.
    const describedBy = (key: string) => {
      const forget = document.querySelector(`#corrections li[data-key="${key}"] button`)!;
      const ids = (forget.getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent).join(' ');
    };
    expect(describedBy('https://xn--bcher-kva.de/Live')).toBe('bücher.de');
    expect(describedBy('https://news.example/Live')).toBe('news.example');
  });

  it('leaves focus alone when the reader is elsewhere', async () => {
    const input = byId('site-input');
    input.focus();
    forgetButton('second')!.click();
    await vi.waitFor(() => expect(forgetButton('second')).toBeNull());
    expect(document.activeElement).toBe(input);
  });
});

describe('reactions', () => {
  it('shows the refusal to hide the last reaction beside the list, and announces it', async () => {
    stored[SETTINGS_KEY] = { reactions: ['like'], placement: 'inline', theme: 'system' };
    await openOptions();
    const box = byId<HTMLInputElement>('show-like');
    box.click();
    expect(box.checked).toBe(true);
    const refusal = liveRegionSaying('Keep at least one reaction.');
    expect(refusal).toBeDefined();
    expect(isShown(refusal!)).toBe(true);
    expect(byId('reactions').parentElement!.contains(refusal!)).toBe(true);

    // The next change that goes through takes the refusal away.
    byId<HTMLInputElement>('show-love').click();
    expect(refusal!.textContent).toBe('');
  });

  // A focused control put in anew is focused anew, and screen readers speak it again after the
  // change it made ("checked", then "Sad, check box, not checked").
  it('keeps the checkbox ticked or unticked in place, and each one acting on the list as it is', async () => {
    await openOptions();
    const sad = byId<HTMLInputElement>('show-sad');
    sad.focus();
    sad.click();
    expect(byId('show-sad')).toBe(sad);
    expect(document.activeElement).toBe(sad);
    byId('show-like').click();
    await vi.waitFor(() =>
      expect((stored[SETTINGS_KEY] as { reactions: string[] }).reactions).toEqual([
        'dislike',
        'love',
        'funny',
        'angry',
        'wow',
      ]),
    );
    sad.click();
    byId('move-up-sad').click();
    await vi.waitFor(() => expect(liveRegionSaying('Moved sad to place 5 of 7.')).toBeDefined());
    expect((stored[SETTINGS_KEY] as { reactions: string[] }).reactions).toEqual([
      'dislike',
      'love',
      'funny',
      'sad',
      'angry',
      'wow',
    ]);
  });

  // Pressed once too often, the arrow leaves the reaction at the top, with focus on it, rather
  // than taking it back down by the other arrow.
  it('moves a reaction to the top and no further as its arrow is pressed again', async () => {
    await openOptions();
    byId('move-up-wow').focus();
    for (let press = 0; press < 9; press++) (document.activeElement as HTMLElement).click();
    const order = [...document.querySelectorAll<HTMLElement>('#reactions li')].map(
      (item) => item.dataset.reaction,
    );
    expect(order).toEqual(['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad']);
    expect(document.activeElement?.id).toBe('move-up-wow');
    expect(byId('move-up-wow').getAttribute('aria-disabled')).toBe('true');
    expect(byId('move-down-wow').getAttribute('aria-disabled')).toBe('false');
    await vi.waitFor(() => expect(stored[SETTINGS_KEY]).toMatchObject({ reactions: order }));
  });

  // The list redraws at once after a move: the arrow under the pointer is then the neighbour's,
  // moved down into the place. Clicked again there within a double click's time, it took that
  // neighbour back up, undoing the move the reader meant to repeat.
  it('moves the same reaction again on the next clicks at the same place', async () => {
    await openOptions();
    const listed = () =>
      [...document.querySelectorAll<HTMLElement>('#reactions li')].map(
        (item) => item.dataset.reaction,
      );
    const upAt = (place: number) =>
      document.querySelectorAll<HTMLElement>('#reactions li')[place]!.querySelector('button')!;
    for (const detail of [1, 2, 3]) {
      // Pressed, a button takes focus.
      upAt(5).focus();
      upAt(5).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail }));
    }
    expect(listed()).toEqual(['like', 'dislike', 'sad', 'love', 'funny', 'angry', 'wow']);
    expect(document.activeElement?.id).toBe('move-up-sad');
    // At the top, clicks go on there: they move no other reaction up in its place.
    for (const detail of [1, 2, 3]) {
      upAt(1).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail }));
    }
    expect(listed()).toEqual(['dislike', 'like', 'sad', 'love', 'funny', 'angry', 'wow']);
    await vi.waitFor(() => expect(stored[SETTINGS_KEY]).toMatchObject({ order: listed() }));
  });

  // Screen readers speak a message put in a live region again only when they saw the region
  // empty before it: emptied and refilled in one task, it has not changed for them.
  it('empties the region before a repeated refusal, so that it is spoken again', async () => {
    stored[SETTINGS_KEY] = { reactions: ['like'], placement: 'inline', theme: 'system' };
    await openOptions();
    const refusal = byId('reactions-refusal');
    byId('show-like').click();
    expect(refusal.textContent).toBe('Keep at least one reaction.');
    byId('show-like').click();
    expect(refusal.textContent).toBe('');
    // A third refusal at once finds the region emptied: it too waits out the silence.
    byId('show-like').click();
    expect(refusal.textContent).toBe('');
    await vi.waitFor(() => expect(refusal.textContent).toBe('Keep at least one reaction.'));

    // A change that goes through before the repeat is back takes it away for good.
    byId('show-like').click();
    byId('show-love').click();
    await new Promise((done) => setTimeout(done, 300));
    expect(refusal.textContent).toBe('');
  });
});

describe('sites without the toolbar', () => {
  beforeEach(() => openOptions());

  const input = () => byId<HTMLInputElement>('site-input');
  /** Types `text` and presses the form's button, as a mouse or keyboard reader does. */
  function submit(text: string): void {
    input().value = text;
    const button = document.querySelector<HTMLButtonElement>('#site-form button')!;
    button.focus();
    button.click();
  }

  it('announces a site that is not a host name, with focus on the field', () => {
    submit('not a site');
    expect(document.activeElement).toBe(input());
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')).toBe('site-error');
    expect(liveRegionSaying('Enter a site such as example.com.')).toBe(byId('site-error'));
  });

  // Screen readers would go on calling the value the reader is correcting invalid.
  it('stops marking the field invalid once the reader edits it, and says the error again', async () => {
    submit('not a site');
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(byId('site-error').textContent ?? ''));
    observer.observe(byId('site-error'), { childList: true, characterData: true, subtree: true });
    try {
      input().value = 'news.exampl';
      input().dispatchEvent(new InputEvent('input', { bubbles: true }));
      expect(input().getAttribute('aria-invalid')).toBe('false');
      expect(byId('site-error').textContent).toBe('');
      // Typing on says nothing more.
      input().value = 'news.exampl e';
      input().dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((done) => setTimeout(done, 0));
      expect(heard).toEqual(['']);
      submit('news.exampl e');
      expect(input().getAttribute('aria-invalid')).toBe('true');
      await vi.waitFor(() =>
        expect(liveRegionSaying('Enter a site such as example.com.')).toBe(byId('site-error')),
      );
    } finally {
      observer.disconnect();
    }
  });

  it('announces a site turned off, and on again', async () => {
    submit('news.example');
    await vi.waitFor(() =>
      expect(liveRegionSaying('Toolbar off for \u2068news.example\u2069')).toBeDefined(),
    );
    expect(input().getAttribute('aria-invalid')).toBe('false');
    document.querySelector<HTMLButtonElement>('#sites li button')!.click();
    await vi.waitFor(() =>
      expect(liveRegionSaying('Toolbar on for \u2068news.example\u2069')).toBeDefined(),
    );
    expect(document.activeElement).toBe(input());
  });

  // As after Forget of a corrected page: a reader turning several sites on again goes on down
  // the list, not back up to the field above it each time.
  it('after Turn on again, focuses the next site, else the one before, else the field', async () => {
    sitesOff = ['a.example', 'b.example', 'c.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(3));
    const turnOnButton = (site: string) =>
      document.querySelector<HTMLButtonElement>(`#sites li[data-site="${site}"] button`);
    const turnOn = async (site: string) => {
      const button = turnOnButton(site)!;
      button.focus();
      button.click();
      await vi.waitFor(() =>
        expect(liveRegionSaying(`Toolbar on for \u2068${site}\u2069`)).toBeDefined(),
      );
    };
    await turnOn('b.example');
    expect(document.activeElement).toBe(turnOnButton('c.example'));
    await turnOn('c.example');
    expect(document.activeElement).toBe(turnOnButton('a.example'));
    await turnOn('a.example');
    expect(byId('sites-empty').hidden).toBe(false);
    expect(document.activeElement).toBe(input());
  });

  it('takes a double click on Turn on again as one press', async () => {
    sitesOff = ['a.example', 'b.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(2));
    await doubleClick(
      document.querySelector<HTMLButtonElement>('#sites li button')!,
      () => expect(document.querySelectorAll('#sites li')).toHaveLength(1),
      () => document.querySelector('#sites li button'),
    );
    expect(sitesOff).toEqual(['b.example']);
  });

  it('turns a site on again once more after it was turned off again', async () => {
    sitesOff = ['a.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(1));
    document.querySelector<HTMLButtonElement>('#sites li button')!.click();
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(0));
    sitesOff = ['a.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(1));
    document.querySelector<HTMLButtonElement>('#sites li button')!.click();
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(0));
    expect(sitesOff).toEqual([]);
  });

  // The list redraws, with new buttons, when a site was turned off elsewhere meanwhile (the
  // popup), while the answer may still be awaited (the worker waking).
  it('takes Turn on again pressed again in the list redrawn before the answer as one', async () => {
    sitesOff = ['a.example', 'b.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(2));
    let answer = () => {};
    const answered = new Promise<void>((done) => (answer = done));
    const background = sendMessage.getMockImplementation()!;
    sendMessage.mockClear();
    sendMessage.mockImplementation(async (message) => {
      if (message.call === 'setSiteDisabled') await answered;
      return background(message);
    });
    try {
      const turnOnA = () => document.querySelector<HTMLButtonElement>('#sites li button')!;
      const first = turnOnA();
      first.click();
      sitesOff.push('c.example');
      window.dispatchEvent(new FocusEvent('focus'));
      await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(3));
      expect(turnOnA()).not.toBe(first);
      turnOnA().click();
      answer();
      await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(2));
      await new Promise((done) => setTimeout(done, 150));
    } finally {
      sendMessage.mockImplementation(background);
    }
    const calls = sendMessage.mock.calls.map(([message]) => message.call);
    expect(calls.filter((call) => call === 'setSiteDisabled')).toHaveLength(1);
  });

  it('takes Turn on again pressed again before the answer as one press', async () => {
    sitesOff = ['a.example', 'b.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(2));
    const button = document.querySelector<HTMLButtonElement>('#sites li button')!;
    button.focus();
    sendMessage.mockClear();
    button.click();
    button.click();
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(1));
    await new Promise((done) => setTimeout(done, 150));
    const calls = sendMessage.mock.calls.map(([message]) => message.call);
    expect(calls.filter((call) => call === 'setSiteDisabled')).toHaveLength(1);
  });

  // The background may take a while to answer (its worker waking, its database opening).
  it('leaves focus alone after Turn on again when the reader moved on meanwhile', async () => {
    sitesOff = ['news.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(1));
    const dark = document.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!;
    const remove = document.querySelector<HTMLButtonElement>('#sites li button')!;
    remove.focus();
    remove.click();
    dark.focus();
    await vi.waitFor(() =>
      expect(liveRegionSaying('Toolbar on for \u2068news.example\u2069')).toBeDefined(),
    );
    expect(document.activeElement).toBe(dark);
  });

  it('shows sites turned off or on in the popup when the reader comes back', async () => {
    sitesOff = ['news.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() =>
      expect(document.querySelector('#sites li span')?.textContent).toBe('news.example'),
    );
    expect(byId('sites-empty').hidden).toBe(true);

    // Nothing changed: the list stays as it is, and so does focus on one of its buttons.
    const remove = document.querySelector<HTMLButtonElement>('#sites li button')!;
    remove.focus();
    window.dispatchEvent(new FocusEvent('focus'));
    await new Promise((done) => setTimeout(done, 50));
    expect(document.activeElement).toBe(remove);

    sitesOff = ['a.example', 'news.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(2));
    expect(document.activeElement).toBe(document.querySelectorAll('#sites li button')[1]);
  });

  // A host has no spaces to wrap at: a long one (`news.some-regional-paper.co.uk`, shown in
  // the name and in the button) would widen the row past the page, the button out of view.
  it('lets a long host wrap anywhere, in its name and in its button', async () => {
    const css = await readFile(join(here, '../../src/options/options.css'), 'utf8');
    const style = document.head.appendChild(document.createElement('style'));
    style.textContent = css;
    try {
      sitesOff = ['news.some-regional-paper.co.uk'];
      window.dispatchEvent(new FocusEvent('focus'));
      await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(1));
      for (const selector of ['#sites li span', '#sites li button']) {
        expect(getComputedStyle(document.querySelector(selector)!).overflowWrap).toBe('anywhere');
      }
    } finally {
      style.remove();
    }
  });

  it('takes its error away once the list loads after all', async () => {
    failingCalls = new Set(['listDisabledSites']);
    await openOptions();
    expect(byId('error').hidden).toBe(false);
    failingCalls = new Set();
    sitesOff = ['news.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(1));
    expect(byId('error').hidden).toBe(true);
  });

  it('keeps the typed site when turning it off failed', async () => {
    failingCalls = new Set(['setSiteDisabled']);
    submit('news.example');
    await vi.waitFor(() => expect(byId('error').hidden).toBe(false));
    expect(input().value).toBe('news.example');
  });

  it('turns a site off even where the list of sites cannot be read', async () => {
    failingCalls = new Set(['listDisabledSites']);
    submit('news.example');
    await vi.waitFor(() => expect(sitesOff).toEqual(['news.example']));
    await vi.waitFor(() => expect(input().value).toBe(''));
  });

  // The background names the site from the host (as for the toolbar's switch): `gov.uk` is a
  // public suffix, and an entry for it would turn off every site under it.
  it('sends the whole host typed, for the background to name its site', async () => {
    submit('https://WWW.gov.uk/guidance');
    await vi.waitFor(() => expect(sitesOff).toEqual(['www.gov.uk']));
  });

  // An entry `co.uk` would turn off every site under it. The background refuses it (the real
  // one here, which does so before opening its database): only it has the Public Suffix List.
  it.each([
    ['co.uk', 'example.co.uk'],
    ['https://github.io/', 'example.github.io'],
    ['https://com', 'example.com'],
  ])('refuses %s, a public suffix, naming one site under it instead', async (typed, example) => {
    fullDiskCalls = new Set(['setSiteDisabled']);
    submit(typed);
    const suffix = example.slice('example.'.length);
    await vi.waitFor(() =>
      expect(
        liveRegionSaying(
          `\u2068${suffix}\u2069 is shared by many sites: enter one of them, such as \u2068${example}\u2069.`,
        ),
      ).toBe(byId('site-error')),
    );
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input());
    expect(input().value).toBe(typed);
    expect(byId('error').hidden).toBe(true);
    expect(document.querySelectorAll('#sites li')).toHaveLength(0);
  });

  // Stored, sent and matched in punycode, as the browser writes the host; read in its own script.
  it('turns off a site typed in its own script, and names it so, keeping it in punycode', async () => {
    submit('bücher.de');
    await vi.waitFor(() =>
      expect(liveRegionSaying('Toolbar off for \u2068bücher.de\u2069')).toBeDefined(),
    );
    expect(sitesOff).toEqual(['xn--bcher-kva.de']);
    const item = document.querySelector<HTMLElement>('#sites li')!;
    expect(item.dataset.site).toBe('xn--bcher-kva.de');
    expect(item.querySelector('span')!.textContent).toBe('bücher.de');
    expect(item.querySelector('button')!.textContent).toBe('Turn on again for bücher.de');
    item.querySelector('button')!.click();
    await vi.waitFor(() =>
      expect(liveRegionSaying('Toolbar on for \u2068bücher.de\u2069')).toBeDefined(),
    );
    expect(sitesOff).toEqual([]);
  });

  it('lists sites in the order of their names as shown, bücher.de under b', async () => {
    sitesOff = ['apple.example', 'xn--bcher-kva.de', 'cnn.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(3));
    expect([...document.querySelectorAll('#sites li span')].map((s) => s.textContent)).toEqual([
      'apple.example',
      'bücher.de',
      'cnn.example',
    ]);
  });

  it('lists numbers in names by their value: 10.0.0.9 before 10.0.0.10, news2 before news10', async () => {
    sitesOff = ['10.0.0.10', 'news10.example', '10.0.0.9', 'news2.example'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#sites li')).toHaveLength(4));
    expect([...document.querySelectorAll('#sites li span')].map((s) => s.textContent)).toEqual([
      '10.0.0.9',
      '10.0.0.10',
      'news2.example',
      'news10.example',
    ]);
  });

  it('names a site whose letters mix scripts (a Cyrillic а) in punycode, as browsers do', async () => {
    sitesOff = ['xn--pypal-4ve.com'];
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() =>
      expect(document.querySelector('#sites li span')?.textContent).toBe('xn--pypal-4ve.com'),
    );
  });

  it.each([
    ['the site', 'example.com'],
    ['a subdomain of it', 'www.news.example.com'],
  ])('adds nothing for %s, off already, and says what keeps it off', async (_, typed) => {
    sitesOff = ['example.com'];
    await openOptions();
    submit(typed);
    await vi.waitFor(() =>
      expect(liveRegionSaying('Toolbar off for \u2068example.com\u2069')).toBeDefined(),
    );
    expect(sitesOff).toEqual(['example.com']);
    expect([...document.querySelectorAll('#sites li span')].map((s) => s.textContent)).toEqual([
      'example.com',
    ]);
    expect(input().value).toBe('');
  });
});

describe('settings changed in another options page', () => {
  const storedSettings = () => stored[SETTINGS_KEY] as Record<string, unknown>;
  const shownOrder = () =>
    [...document.querySelectorAll<HTMLElement>('#reactions li')].map(
      (item) => `${item.dataset.reaction}:${item.querySelector('input')!.checked}`,
    );

  beforeEach(() => openOptions());

  it('shows a theme chosen there, and keeps it when reactions are reordered here', async () => {
    writeStorage({ [SETTINGS_KEY]: { ...storedSettings(), theme: 'dark' } });
    const dark = document.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!;
    await vi.waitFor(() => expect(dark.checked).toBe(true));
    byId('move-up-dislike').click();
    await vi.waitFor(() =>
      expect(storedSettings()).toEqual({
        reactions: ['dislike', 'like', 'love', 'funny', 'angry', 'sad', 'wow'],
        order: ['dislike', 'like', 'love', 'funny', 'angry', 'sad', 'wow'],
        placement: 'inline',
        theme: 'dark',
      }),
    );
  });

  it('says where a moved reaction went, once it is saved (focus stays on the arrow)', async () => {
    byId('move-down-like').focus();
    byId('move-down-like').click();
    await vi.waitFor(() => expect(liveRegionSaying('Moved like to place 2 of 7.')).toBeDefined());
    expect(document.activeElement?.id).toBe('move-down-like');
    expect(storedSettings().reactions).toEqual([
      'dislike',
      'like',
      'love',
      'funny',
      'angry',
      'sad',
      'wow',
    ]);
  });

  // The toolbar shows only the ticked reactions; the page lists all seven, and a hidden one
  // moved must be where the reader put it when they come back to tick it again.
  it('keeps a hidden reaction where the reader moved it, when the page is opened again', async () => {
    byId('show-sad').click();
    for (let i = 0; i < 5; i++) byId('move-up-sad').click();
    await vi.waitFor(() => expect(liveRegionSaying('Moved sad to place 1 of 7.')).toBeDefined());
    await openOptions();
    expect(shownOrder()).toEqual([
      'sad:false',
      'like:true',
      'dislike:true',
      'love:true',
      'funny:true',
      'angry:true',
      'wow:true',
    ]);
    expect(storedSettings().reactions).toEqual([
      'like',
      'dislike',
      'love',
      'funny',
      'angry',
      'wow',
    ]);
  });

  it('keeps a change made there whose notice has not arrived yet', async () => {
    writeStorage({ [SETTINGS_KEY]: { placement: 'floating' } }, { silently: true });
    document.querySelector<HTMLInputElement>('input[name="theme"][value="light"]')!.click();
    await vi.waitFor(() => expect(storedSettings().theme).toBe('light'));
    expect(storedSettings().placement).toBe('floating');
  });

  // A version rolled back (a release withdrawn, republished as the one before) reads what the
  // newer wrote: a choice made here must not take the reader's other choices with it.
  it('keeps what a newer version stored beside the settings it knows', async () => {
    const newer = {
      reactions: ['love', 'like'],
      order: ['love', 'like', 'dislike', 'funny', 'angry', 'sad', 'wow'],
      placement: 'inline',
      theme: 'dark',
      size: 'large',
      muted: ['sad'],
    };
    writeStorage({ [SETTINGS_KEY]: newer });
    document.querySelector<HTMLInputElement>('input[name="placement"][value="floating"]')!.click();
    await vi.waitFor(() => expect(storedSettings().placement).toBe('floating'));
    expect(storedSettings()).toEqual({ ...newer, placement: 'floating' });
  });

  it('keeps quick changes made here as the notices of its own writes arrive', async () => {
    byId('show-dislike').click();
    for (let i = 0; i < 6; i++) byId('move-up-wow').click();
    const expected = ['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad'];
    await vi.waitFor(() =>
      expect(storedSettings().reactions).toEqual(expected.filter((r) => r !== 'dislike')),
    );
    await new Promise((done) => setTimeout(done, 50));
    expect(shownOrder()).toEqual(expected.map((r) => `${r}:${r !== 'dislike'}`));
  });
});

describe('in a language written right to left', () => {
  beforeEach(async () => {
    uiLanguage = 'ar';
    shortcut = '⌥⇧R';
    sitesOff = ['[2001:db8::1]', 'example.com'];
    await openOptions();
  });

  it('lays out the page right to left', () => {
    expect(document.documentElement.dir).toBe('rtl');
  });

  // Neutral characters at the ends of a host or shortcut would otherwise move to the wrong
  // side: `example.com/` shows as `/example.com`, `[::1]` as `[1::]`, `⌥⇧R` as `R⇧⌥`.
  it('writes hosts and the shortcut left to right, and the field by what is typed', () => {
    expect(byId('site-input').dir).toBe('auto');
    const names = [...document.querySelectorAll<HTMLElement>('#sites li span')];
    expect(names.map((name) => name.querySelector('[dir="ltr"]')?.textContent)).toEqual([
      '[2001:db8::1]',
      'example.com',
    ]);
    expect(byId('shortcut').querySelector('kbd')!.dir).toBe('ltr');
    const remove = document.querySelector('#sites li button')!;
    expect(remove.textContent).toBe('تشغيل الشريط مجددًا في [2001:db8::1]');
    expect(remove.querySelector<HTMLElement>('[dir="ltr"]')!.textContent).toBe('[2001:db8::1]');
  });

  // As the popup writes its counts: the browser's own tag (ar-EG) has Arabic-Indic digits.
  it('says where a moved reaction went in the digits of the browser’s Arabic', async () => {
    uiLanguage = 'ar-EG';
    await openOptions();
    byId('move-down-like').click();
    const said = translate('ar', 'optionsMoved', [reactionName('ar', 'like'), '٢', '٧']);
    await vi.waitFor(() => expect(liveRegionSaying(said)).toBeDefined());
  });

  it('isolates the host in what it says once a site is turned off', async () => {
    const input = byId<HTMLInputElement>('site-input');
    input.value = '[::1]';
    byId<HTMLFormElement>('site-form').requestSubmit();
    await vi.waitFor(() => expect(byId('saved').textContent).toContain('\u2068[::1]\u2069'));
  });

  // The background's English words would read as English inside the Arabic sentence.
  it('says why a part failed in Arabic, never in the words of the error', async () => {
    failingCalls = new Set(['listDisabledSites']);
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() =>
      expect(byId('error').textContent).toBe(
        'تعذر تحميل إعداداتك أو حفظها: واجه Moodmark خطأً غير متوقع',
      ),
    );
  });
});

describe('headings', () => {
  // Screen reader users move through a page by its headings: a group of settings without one
  // is passed over.
  it('give each group of settings a heading, its legend', async () => {
    await openOptions();
    const headings = [...document.querySelectorAll('h2')].map((heading) => heading.textContent);
    for (const legend of document.querySelectorAll('fieldset legend')) {
      expect(headings).toContain(legend.textContent);
    }
    expect(headings).toEqual(expect.arrayContaining(['Toolbar placement', 'Toolbar theme']));
  });

  // The theme is the toolbar's alone: headed "Theme", it read as this page's, which stayed as it
  // was when the reader chose Dark, as if the choice had not worked.
  it.each([
    ['en-US', 'Toolbar placement', 'Toolbar theme'],
    ['de', 'Position der Leiste', 'Farbschema der Leiste'],
    ['ar', 'موضع الشريط', 'مظهر الشريط'],
  ])('name the toolbar as what its placement and theme change (%s)', async (language, ...named) => {
    uiLanguage = language;
    await openOptions();
    const legends = [...document.querySelectorAll('fieldset legend')];
    expect(legends.map((legend) => legend.textContent)).toEqual(named);
  });

  // The default theme takes the page's light or dark where the toolbar is placed: named after the
  // system, it read as if a dark site under a light system would get a white toolbar.
  it.each([
    ['en-US', 'Match the page'],
    ['de', 'Wie die Seite'],
    ['ar', 'حسب الصفحة'],
  ])('name the default theme as matching the page (%s)', async (language, named) => {
    uiLanguage = language;
    await openOptions();
    const choice = document.querySelector('input[name="theme"][value="system"]')!.parentElement!;
    expect(choice.textContent?.trim()).toBe(named);
  });
});

describe('keyboard', () => {
  // The page sends the reader to the browser's shortcut settings; they come back to it after.
  it('shows a shortcut set in the browser while the page was open, on coming back', async () => {
    await openOptions();
    expect(byId('shortcut').textContent).toMatch(/^No shortcut is set/);
    shortcut = 'Alt+Shift+R';
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() =>
      expect(byId('shortcut').querySelector('kbd')?.textContent).toBe(shortcut),
    );
  });
});

describe('errors', () => {
  // Before, the choices were wired only once the settings were read: they stayed dead until reload.
  it('reads settings it could not read on opening when the reader comes back, choices working meanwhile', async () => {
    settingsUnreadable = true;
    await openOptions();
    expect(byId('error').hidden).toBe(false);
    await vi.waitFor(() =>
      expect(byId('error').textContent).toMatch(/^Could not load or save your settings/),
    );
    expect(document.querySelectorAll('#reactions li')).toHaveLength(0);

    settingsUnreadable = false;
    document.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!.click();
    await vi.waitFor(() =>
      expect((stored[SETTINGS_KEY] as { theme?: string } | undefined)?.theme).toBe('dark'),
    );
    await vi.waitFor(() => expect(document.querySelectorAll('#reactions li')).toHaveLength(7));
    expect(byId('error').hidden).toBe(true);
  });

  it('shows the settings once they can be read, on coming back to the page', async () => {
    settingsUnreadable = true;
    await openOptions();
    expect(byId('error').hidden).toBe(false);
    settingsUnreadable = false;
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#reactions li')).toHaveLength(7));
    expect(
      document.querySelector<HTMLInputElement>('input[name="theme"][value="system"]')!.checked,
    ).toBe(true);
    expect(byId('error').hidden).toBe(true);
  });

  it('lists the corrected pages it could not read on opening when the reader comes back', async () => {
    await storeCorrection('a');
    allUnreadable = true;
    await openOptions();
    expect(byId('corrections-failure').hidden).toBe(false);
    allUnreadable = false;
    window.dispatchEvent(new FocusEvent('focus'));
    await vi.waitFor(() => expect(document.querySelectorAll('#corrections li')).toHaveLength(1));
    expect(byId('corrections-failure').hidden).toBe(true);
    expect(byId('error').hidden).toBe(true);
  });

  it('says in German, in its own words, that the disk is full', async () => {
    uiLanguage = 'de-DE';
    fullDiskCalls = new Set(['listDisabledSites']);
    await openOptions();
    const said = byId('error').textContent!;
    expect(said).toBe(
      'Einstellungen konnten nicht geladen oder gespeichert werden: der Speicher ist voll. Gib Speicherplatz frei und versuche es dann erneut.',
    );
    expect(said).not.toMatch(/\b(the|browser's|storage|full|saved|disk|space|quota|exceeded)\b/i);
  });

  it('tells a failure again when Forget fails again, in the same words', async () => {
    failingCalls = new Set(['setCorrection']);
    await storeCorrection('a');
    await openOptions();
    const forget = document.querySelector<HTMLButtonElement>('#corrections button')!;
    const box = byId('error');
    forget.click();
    await vi.waitFor(() => expect(box.hidden).toBe(false));
    const told = box.textContent;
    // What screen readers hear: each change of the alert's words.
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(box.textContent ?? ''));
    observer.observe(box, { childList: true, characterData: true, subtree: true });
    try {
      forget.click();
      await vi.waitFor(() => expect(heard).toEqual(['', told]));
    } finally {
      observer.disconnect();
    }
  });

  // Chrome shows the options in a dialog at most 600 px high, half the page: the alert at the top
  // was out of sight of Turn off or Forget far down, whose press then seemed to do nothing.
  it.each([
    {
      control: 'Turn off',
      call: 'setSiteDisabled',
      heading: 'sites-heading',
      press: () => {
        byId<HTMLInputElement>('site-input').value = 'news.example';
        document.querySelector<HTMLButtonElement>('#site-form button')!.click();
      },
    },
    {
      control: 'Forget',
      call: 'setCorrection',
      heading: 'corrections-heading',
      press: () => document.querySelector<HTMLButtonElement>('#corrections button')!.click(),
    },
  ])(
    'shows a failure of $control beside it too, until it works',
    async ({ call, heading, press }) => {
      await storeCorrection('a');
      await openOptions();
      failingCalls = new Set([call]);
      press();
      await vi.waitFor(() => expect(byId('error').hidden).toBe(false));
      const section = byId(heading).closest('section')!;
      const beside = () =>
        [...section.querySelectorAll<HTMLElement>('.error')].find(
          (element) =>
            isShown(element) &&
            !!element.textContent &&
            element.textContent === byId('error').textContent,
        );
      expect(beside()).toBeDefined();
      // Heard once, from the alert at the top.
      expect(beside()!.closest('[role], [aria-live]')).toBeNull();
      failingCalls = new Set();
      press();
      await vi.waitFor(() => expect(byId('error').hidden).toBe(true));
      expect(beside()).toBeUndefined();
    },
  );

  it('keeps the error of a part that still fails when another works again', async () => {
    failingCalls = new Set(['listDisabledSites', 'setCorrection']);
    await storeCorrection('a');
    await openOptions();
    document.querySelector<HTMLButtonElement>('#corrections button')!.click();
    await vi.waitFor(() =>
      expect(sendMessage).toHaveBeenCalledWith(expect.objectContaining({ call: 'setCorrection' })),
    );
    await new Promise((done) => setTimeout(done, 0));
    failingCalls = new Set(['setCorrection']);
    window.dispatchEvent(new FocusEvent('focus'));
    await new Promise((done) => setTimeout(done, 50));
    expect(byId('error').hidden).toBe(false);
  });
});
