import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchArticle } from '../../src/content/article-watcher';
import { watchPageScheme } from '../../src/content/page-scheme';

/**
 * A page's form answers its fields' names in every world, the content script's too (Chrome):
 * `<input name="parentNode">` is the form's `parentNode`, before the DOM's own. Played here on
 * the form itself, as jsdom has no such names (nor can its own selectors and styles then be
 * used: they read the same property; test/e2e/hostile-clobbered-parent.e2e.ts has the rest). A
 * walk that reads it more than this many times went round the form and its field, as it would
 * for ever in the browser.
 */
const MAX_CLOBBERED_READS = 1_000;

/** A form holding the story's end, whose field is its `parentNode`; and that end. */
function clobberedForm(): { form: HTMLFormElement; end: Element; reads: () => number } {
  document.body.innerHTML =
    '<div id="wrapper"><form><input name="parentNode" /><p id="end">The end.</p></form></div>';
  const form = document.querySelector('form')!;
  const field = form.querySelector('input')!;
  const end = form.querySelector('#end')!;
  let reads = 0;
  Object.defineProperty(form, 'parentNode', {
    get() {
      if (++reads > MAX_CLOBBERED_READS) throw new Error('the walk went round the form for ever');
      return field;
    },
    configurable: true,
  });
  return { form, end, reads: () => reads };
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('walks up from the toolbar through a form with a field named parentNode', () => {
  it("follow the host's containers", () => {
    const { end } = clobberedForm();
    const host = document.createElement('moodmark-toolbar');
    end.after(host);
    const watch = watchPageScheme(host, () => {});
    try {
      expect(() => watch.followHost()).not.toThrow();
    } finally {
      watch.stop();
    }
  });

  it('place the toolbar again once the page took it out', async () => {
    vi.useFakeTimers();
    const { form, end, reads } = clobberedForm();
    const onArticle = vi.fn(() => end.after(document.createElement('moodmark-toolbar')));
    const stop = watchArticle(
      window,
      { onArticle, onLost: () => {} },
      {
        loadDetector: async () =>
          // eslint-disable-next-line require-yield
          function* () {
            return { anchor: end, body: form, floating: false };
          },
      },
    );
    try {
      await vi.advanceTimersByTimeAsync(2_000);
      expect(onArticle).toHaveBeenCalledTimes(1);
      end.nextElementSibling!.remove();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(onArticle).toHaveBeenCalledTimes(2);
      // Not thrown out of a walk going round (the watcher takes a failed placement for one to retry).
      expect(reads()).toBeLessThan(MAX_CLOBBERED_READS);
    } finally {
      stop();
    }
  });
});

describe('walks along the page past a form with a field named as a DOM property', () => {
  it('look for the toolbar past a form whose field before it is named nextElementSibling', async () => {
    vi.useFakeTimers();
    // A field belongs to the form its `form` attribute names, wherever it is.
    document.body.innerHTML =
      '<div><p id="end">The end.</p><input name="nextElementSibling" form="f" /><form id="f"></form></div>';
    const end = document.getElementById('end')!;
    const form = document.querySelector('form')!;
    const field = document.querySelector('input')!;
    let reads = 0;
    Object.defineProperty(form, 'nextElementSibling', {
      get() {
        if (++reads > MAX_CLOBBERED_READS) throw new Error('the walk went round the form for ever');
        return field;
      },
      configurable: true,
    });
    // The toolbar shown elsewhere (floating), or not at all (the reader turned the site off).
    const onArticle = vi.fn();
    const stop = watchArticle(
      window,
      { onArticle, onLost: () => {} },
      {
        loadDetector: async () =>
          // eslint-disable-next-line require-yield
          function* () {
            return { anchor: end, body: end.parentElement!, floating: false };
          },
      },
    );
    try {
      await vi.advanceTimersByTimeAsync(2_000);
      expect(onArticle).toHaveBeenCalledTimes(1);
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(2_000);
      expect(reads).toBeLessThan(MAX_CLOBBERED_READS);
    } finally {
      stop();
    }
  });
});
