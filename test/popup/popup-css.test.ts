import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contrast, readStylesheetColours } from '../support/stylesheet-colours';

const { css, schemes, propertyVar } = readStylesheetColours(
  join(dirname(fileURLToPath(import.meta.url)), '../../src/popup/popup.css'),
);

describe('popup.css', () => {
  // A light grey edge (1.4:1) and the browser's own placeholder grey (Chromium's 4.1:1 in the
  // dark scheme, Firefox's 3.5:1 in the light one) left the search box hard to find.
  it.each([
    { part: "the search box's edge", selector: '.search', property: 'border', least: 3 },
    {
      part: "the search box's placeholder",
      selector: '.search::placeholder',
      property: 'color',
      least: 4.5,
    },
  ])('draws $part to stand out from the page in both schemes', ({ selector, property, least }) => {
    const [surfaceLight, surfaceDark] = schemes.get('--surface')!;
    const colour = schemes.get(propertyVar(selector, property) ?? '');
    expect(colour, `${selector} ${property}`).toBeDefined();
    const [light, dark] = colour!;
    expect(contrast(light, surfaceLight)).toBeGreaterThanOrEqual(least);
    expect(contrast(dark, surfaceDark)).toBeGreaterThanOrEqual(least);
  });
});

describe('popup.css motion', () => {
  it('moves nothing for a reader whose system asks for reduced motion', () => {
    const transitioned = [...css.matchAll(/^([^{}@]+?)\s*{[^}]*\btransition:/gm)].map((m) => m[1]);
    expect(transitioned.length).toBeGreaterThan(0);
    const reduced = /@media \(prefers-reduced-motion: reduce\)\s*{([\s\S]*?)\n}/.exec(css)?.[1];
    expect(reduced, 'a prefers-reduced-motion block').toBeDefined();
    expect(reduced).toMatch(/transition:\s*none/);
    for (const selector of transitioned) expect(reduced).toContain(selector!.trim());
  });
});

describe('popup.css for a long history', () => {
  // Every day group drawn was painted again: 9,000 rows down, each page of 40 more cost a frame
  // of about 100 ms in Chromium, and the cost grew with every page read. content-visibility:
  // auto would skip them too, but Chromium then drops them from the accessibility tree: a
  // screen reader found some 30 rows of thousands.
  it('paints each day group on its own, and keeps every row for screen readers', () => {
    const group = /^\.history-day\s*{([^}]*)}/m.exec(css)?.[1] ?? '';
    expect(group).toMatch(/contain:\s*content;/);
    expect(css).not.toMatch(/content-visibility:\s*auto;/);
  });
});
