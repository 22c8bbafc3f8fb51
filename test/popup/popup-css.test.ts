import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * popup.css read as text (jsdom computes neither `var()` nor `light-dark()`): the colours a rule
 * names through the `:root` custom properties, in the light and the dark scheme.
 */
const css = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../src/popup/popup.css'),
  'utf8',
);

/** The custom properties of `:root`, each as its light and dark colour. */
const schemes = new Map<string, [light: string, dark: string]>();
const root = /^:root\s*{([^}]*)}/m.exec(css)?.[1] ?? '';
for (const [, name, light, dark, both] of root.matchAll(
  /(--[\w-]+):\s*(?:light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)|(#[0-9a-f]{6}))/g,
)) {
  schemes.set(name!, [light ?? both!, dark ?? both!]);
}

/** The custom property named in `property` of the rule for exactly `selector`. */
function propertyVar(selector: string, property: string): string | undefined {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\:]/g, '\\$&');
  const body = new RegExp(`^${escaped}\\s*{([^}]*)}`, 'm').exec(css)?.[1] ?? '';
  const value = new RegExp(`^\\s*${property}:([^;]*);`, 'm').exec(body)?.[1] ?? '';
  return /var\((--[\w-]+)\)/.exec(value)?.[1];
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

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
