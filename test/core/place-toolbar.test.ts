import { describe, expect, it } from 'vitest';
import type { ArticleDetection } from '../../src/core/detect-article';
import { findBodyCandidate } from '../../src/core/detect/find-body-candidate';
import { drain } from '../../src/core/run-in-slices';
import { placeToolbarSteps, type ToolbarPlace } from '../../src/core/place-toolbar';

/** placeToolbarSteps run to its end, over a detector that answers at once. */
function placeToolbar(
  doc: Document,
  correction: 'show' | 'hide' | null,
  detect: (doc: Document) => ArticleDetection | null,
): ToolbarPlace | null {
  return drain(
    placeToolbarSteps(doc, correction, function* (page) {
      return detect(page);
    }),
  );
}

function page(body: string): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><title>t</title><body>${body}`,
    'text/html',
  );
}

const shortStory = page(
  '<main><h1>Ferry back</h1><div id="text"><p>The night ferry to Alder Bay runs again from Monday, the harbour office said on Friday.</p>' +
    '<p>Tickets go on sale at the pier.</p></div></main><footer><a href="/">Home</a></footer>',
);

describe('placeToolbarSteps', () => {
  it('runs no detector on a page the reader hid the toolbar on', () => {
    let ran = false;
    const detect = () => ((ran = true), { body: shortStory.body, anchor: shortStory.body });
    expect(placeToolbar(shortStory, 'hide', detect)).toBeNull();
    expect(ran).toBe(false);
  });

  it("gives the detector's answer without a correction, found or not", () => {
    const found: ArticleDetection = { body: shortStory.body, anchor: shortStory.body };
    expect(placeToolbar(shortStory, null, () => found)).toBe(found);
    expect(placeToolbar(shortStory, null, () => null)).toBeNull();
  });

  it("keeps the detector's place where the reader asked for the toolbar and it found one", () => {
    const found: ArticleDetection = { body: shortStory.body, anchor: shortStory.body };
    expect(placeToolbar(shortStory, 'show', () => found)).toBe(found);
  });

  it('places it after the likeliest body where the reader asked for it and the detector said no', () => {
    const place = placeToolbar(shortStory, 'show', () => null);
    expect(place?.floating).toBeUndefined();
    expect(place?.anchor.textContent).toContain('Tickets go on sale');
  });

  it('walks the page once where the reader asked for the toolbar and the detector turned it down after its walk', () => {
    const doc = page(
      '<main><div id="story"><p>The night ferry to Alder Bay runs again from Monday, the harbour office said.</p></div>' +
        '<div id="walked"><p>What the detector walked to and reported as the likeliest body, here.</p></div></main>',
    );
    const walked = findBodyCandidate(doc)!;
    const reported = {
      ...walked,
      body: doc.getElementById('walked')!,
      parts: [doc.getElementById('walked')!],
    };
    const place = drain(
      placeToolbarSteps(doc, 'show', function* (_page, options) {
        options.onCandidate?.(reported);
        return null;
      }),
    );
    expect(place?.body).toBe(reported.body);
    expect(place?.anchor.textContent).toContain('reported as the likeliest body');
  });

  it('floats it without a second walk where the detector walked and found no paragraph', () => {
    const place = drain(
      placeToolbarSteps(shortStory, 'show', function* (_page, options) {
        options.onCandidate?.(null);
        return null;
      }),
    );
    expect(place).toMatchObject({ floating: true, body: shortStory.body });
  });

  it('floats it on a page without a paragraph', () => {
    const empty = page('<div><img alt=""></div><nav><a href="/">Home</a></nav>');
    const place = placeToolbar(empty, 'show', () => null);
    expect(place).toMatchObject({ floating: true, body: empty.body });
    expect(place?.anchor.tagName).toBe('NAV');
  });

  // A page being written (a CMS's editor, a wiki's visual editor, design mode): the toolbar in the
  // editable text would be saved with the writer's article.
  const editable = [
    ['contenteditable', '<article contenteditable><p>The ferry runs.</p></article>'],
    [
      'contenteditable="true"',
      '<div contenteditable="TRUE"><article><p>The ferry runs.</p></article></div>',
    ],
    [
      'contenteditable="plaintext-only"',
      '<article contenteditable="plaintext-only"><p>The ferry runs.</p></article>',
    ],
    [
      'an editable ancestor past an invalid value',
      '<div contenteditable=""><article contenteditable="maybe"><p>The ferry runs.</p></article></div>',
    ],
  ];
  it.each(editable)('places no toolbar in editable text (%s), asked for or not', (_what, body) => {
    const doc = page(body);
    const anchor = doc.querySelector('p')!;
    const found: ArticleDetection = { body: anchor.parentElement!, anchor };
    expect(placeToolbar(doc, null, () => found)).toBeNull();
    expect(placeToolbar(doc, 'show', () => found)).toBeNull();
  });

  it('places no toolbar in a page in design mode', () => {
    const doc = page('<article><p>The ferry runs.</p></article>');
    doc.designMode = 'on';
    const anchor = doc.querySelector('p')!;
    expect(placeToolbar(doc, null, () => ({ body: anchor.parentElement!, anchor }))).toBeNull();
  });

  it('places it where the editable part ends before its place, or an inner part is not editable', () => {
    const doc = page(
      '<div contenteditable><article contenteditable="false"><p id="inner">The ferry runs.</p></article>' +
        '</div><article><p id="outer">Tickets at the pier.</p></article>',
    );
    for (const id of ['inner', 'outer']) {
      const anchor = doc.getElementById(id)!;
      const found: ArticleDetection = { body: anchor.parentElement!, anchor };
      expect(placeToolbar(doc, null, () => found)).toBe(found);
    }
  });

  it('places it after an editable anchor that is not in editable text itself', () => {
    const doc = page('<main><article contenteditable><p>The ferry runs.</p></article></main>');
    const anchor = doc.querySelector('article')!;
    const found: ArticleDetection = { body: anchor, anchor };
    expect(placeToolbar(doc, null, () => found)).toBe(found);
  });
});
