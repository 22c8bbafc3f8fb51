import { describe, expect, it } from 'vitest';
import type { ArticleDetection } from '../../src/core/detect-article';
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

  it('floats it on a page without a paragraph', () => {
    const empty = page('<div><img alt=""></div><nav><a href="/">Home</a></nav>');
    const place = placeToolbar(empty, 'show', () => null);
    expect(place).toMatchObject({ floating: true, body: empty.body });
    expect(place?.anchor.tagName).toBe('NAV');
  });
});
