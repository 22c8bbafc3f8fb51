import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * options.css read as text (jsdom computes neither `var()` nor `light-dark()`): the colours a rule
 * names through the `:root` custom properties, in the light and the dark scheme.
 */
const css = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../src/options/options.css'),
  'utf8',
);

/** The custom properties of `:root`, each as its light and dark colour. */
const schemes = new Map<string, [light: string, dark: string]>();
const root = /^:root\s*{([^}]*)}/m.exec(css)?.[1] ?? '';
for (const [, name, light, dark] of root.matchAll(
  /(--[\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/g,
)) {
  schemes.set(name!, [light!, dark!]);
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

describe('options.css', () => {
  // WCAG 1.4.11: what shows where a control is, 3:1 on the page. The site field is an empty box
  // until the reader types: its edge is all there is to find it by.
  it.each([
    { part: "the site field's edge", selector: "input[type='text']", property: 'border' },
    { part: 'the focus ring', selector: ':focus-visible', property: 'outline' },
  ])('draws $part to stand out from the page in both schemes', ({ selector, property }) => {
    const [surfaceLight, surfaceDark] = schemes.get('--surface')!;
    const colour = schemes.get(propertyVar(selector, property) ?? '');
    expect(colour, `${selector} ${property}`).toBeDefined();
    const [light, dark] = colour!;
    expect(contrast(light, surfaceLight)).toBeGreaterThanOrEqual(3);
    expect(contrast(dark, surfaceDark)).toBeGreaterThanOrEqual(3);
  });
});
